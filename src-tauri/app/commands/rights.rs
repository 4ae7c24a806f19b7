//! Usage rights of published posts: thin wrappers over
//! `partnerly_core::rights`. The dashboard carries the list; each recording
//! answers with it again, so a post's state and what needs attention change
//! together.

use chrono::{Local, NaiveDate};
use partnerly_core::rights::{self, PostRights, RightsFilter};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `deliverable` counts from 0.
#[tauri::command]
pub async fn record_ad_code(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    kind: String,
    code: String,
    expires: Option<NaiveDate>,
    filter: RightsFilter,
) -> Result<Vec<PostRights>, CommandError> {
    let store = state.store()?;
    rights::set_ad_code(&store, &id, deliverable, &kind, &code, expires, today())?;
    Ok(rights::list(&store, &filter, today())?)
}

#[tauri::command]
pub async fn mark_post_in_use(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    in_use: bool,
    filter: RightsFilter,
) -> Result<Vec<PostRights>, CommandError> {
    let store = state.store()?;
    rights::mark_in_use(&store, &id, deliverable, in_use, today())?;
    Ok(rights::list(&store, &filter, today())?)
}
