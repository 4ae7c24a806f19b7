use partnerly_core::country::{self, Country};
use partnerly_core::roster::{self, Influencer, InfluencerDraft};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn list_influencers(state: State<'_, AppState>) -> Result<Vec<Influencer>, CommandError> {
    Ok(roster::list(&*state.store()?)?)
}

#[tauri::command]
pub async fn get_influencer(state: State<'_, AppState>, id: String) -> Result<Influencer, CommandError> {
    Ok(roster::get(&*state.store()?, &id)?)
}

#[tauri::command]
pub async fn add_influencer(state: State<'_, AppState>, draft: InfluencerDraft) -> Result<Influencer, CommandError> {
    Ok(roster::add(&*state.store()?, &draft)?)
}

#[tauri::command]
pub async fn update_influencer(
    state: State<'_, AppState>,
    id: String,
    draft: InfluencerDraft,
) -> Result<Influencer, CommandError> {
    Ok(roster::update(&*state.store()?, &id, &draft)?)
}

#[tauri::command]
pub async fn delete_influencer(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    Ok(roster::remove(&*state.store()?, &id)?)
}

#[tauri::command]
pub fn list_countries() -> Vec<Country> {
    country::all().to_vec()
}
