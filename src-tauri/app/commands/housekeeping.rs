//! Roster housekeeping: tags, saved views and possible duplicates. Thin
//! wrappers over `partnerly_core::housekeeping`; each change answers with
//! what the window shows next, so it never shows a stale list.

use partnerly_core::housekeeping::duplicates::{self, DuplicatePair};
use partnerly_core::housekeeping::tags::{self, TagCount};
use partnerly_core::housekeeping::views::{self, SavedView};
use partnerly_core::housekeeping::{self, Merged};
use partnerly_core::roster::{RosterFilter, SortBy};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

#[tauri::command]
pub async fn roster_tags(state: State<'_, AppState>) -> Result<Vec<TagCount>, CommandError> {
    Ok(tags::counts(&*state.store()?)?)
}

#[tauri::command]
pub async fn creator_tags(state: State<'_, AppState>, id: String) -> Result<Vec<String>, CommandError> {
    let store = state.store()?;
    let creator = partnerly_core::roster::get(&store, &id)?;
    Ok(tags::tags_of(&store, creator.id)?)
}

#[tauri::command]
pub async fn set_creator_tags(
    state: State<'_, AppState>,
    id: String,
    tags: Vec<String>,
) -> Result<Vec<String>, CommandError> {
    Ok(tags::set(&*state.store()?, &id, &tags)?)
}

/// Adds `tag` to (or with `remove`, takes it off) every creator `filter`
/// keeps; how many changed.
#[tauri::command]
pub async fn tag_filtered(
    state: State<'_, AppState>,
    filter: RosterFilter,
    tag: String,
    remove: bool,
) -> Result<u32, CommandError> {
    Ok(tags::tag_matching(&*state.store()?, &filter, &tag, remove)?)
}

#[tauri::command]
pub async fn roster_views(state: State<'_, AppState>) -> Result<Vec<SavedView>, CommandError> {
    Ok(views::list(&*state.store()?)?)
}

#[tauri::command]
pub async fn save_roster_view(
    state: State<'_, AppState>,
    name: String,
    filter: RosterFilter,
    sort: SortBy,
    descending: bool,
) -> Result<Vec<SavedView>, CommandError> {
    Ok(views::save(&*state.store()?, &name, &filter, sort, descending)?)
}

#[tauri::command]
pub async fn remove_roster_view(state: State<'_, AppState>, name: String) -> Result<Vec<SavedView>, CommandError> {
    Ok(views::remove(&*state.store()?, &name)?)
}

#[tauri::command]
pub async fn possible_duplicates(state: State<'_, AppState>) -> Result<Vec<DuplicatePair>, CommandError> {
    Ok(duplicates::find(&*state.store()?)?)
}

#[tauri::command]
pub async fn merge_creators(state: State<'_, AppState>, keep: String, other: String) -> Result<Merged, CommandError> {
    Ok(housekeeping::merge(&*state.store()?, &keep, &other)?)
}

/// Two creators are different people; the pairs left to review.
#[tauri::command]
pub async fn not_duplicates(
    state: State<'_, AppState>,
    first: String,
    second: String,
) -> Result<Vec<DuplicatePair>, CommandError> {
    let store = state.store()?;
    duplicates::dismiss(&store, &first, &second)?;
    Ok(duplicates::find(&store)?)
}
