//! A partnership's timeline: thin wrappers over `partnerly_core::collaboration`.
//! Each answers with the partnership as the window shows it, so the
//! deliverables' stages and the warnings of the entry just logged arrive together.

use chrono::{Local, NaiveDate};
use partnerly_core::agreement::{self, PartnershipView};
use partnerly_core::collaboration::{self, Direction};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

fn view(state: &State<'_, AppState>, saved: agreement::Partnership) -> Result<PartnershipView, CommandError> {
    Ok(agreement::view_of(&*state.store()?, saved, Local::now().date_naive())?)
}

fn day(on: Option<NaiveDate>) -> NaiveDate {
    on.unwrap_or_else(|| Local::now().date_naive())
}

#[tauri::command]
pub async fn log_message(
    state: State<'_, AppState>,
    id: String,
    direction: Direction,
    text: String,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::message(&*state.store()?, &id, direction, &text, day(on))?;
    view(&state, saved)
}

#[tauri::command]
pub async fn log_brief_sent(
    state: State<'_, AppState>,
    id: String,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::brief_sent(&*state.store()?, &id, day(on))?;
    view(&state, saved)
}

#[tauri::command]
pub async fn log_draft(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    caption: String,
    media: Vec<String>,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::draft(&*state.store()?, &id, deliverable, &caption, media, day(on))?;
    view(&state, saved)
}

#[tauri::command]
pub async fn give_feedback(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    text: String,
    suggested_caption: String,
    changes_requested: bool,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::feedback(
        &*state.store()?,
        &id,
        deliverable,
        &text,
        &suggested_caption,
        changes_requested,
        day(on),
    )?;
    view(&state, saved)
}

#[tauri::command]
pub async fn approve_draft(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    override_reason: Option<String>,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::approve(&*state.store()?, &id, deliverable, override_reason.as_deref(), day(on))?;
    view(&state, saved)
}

#[tauri::command]
pub async fn log_publication(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    url: String,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::published(&*state.store()?, &id, deliverable, &url, day(on))?;
    view(&state, saved)
}

/// Confirms one of the latest draft's checks that text cannot make.
#[tauri::command]
pub async fn confirm_check(
    state: State<'_, AppState>,
    id: String,
    deliverable: u32,
    rule: String,
    market: Option<String>,
    on: Option<NaiveDate>,
) -> Result<PartnershipView, CommandError> {
    let saved = collaboration::confirm(&*state.store()?, &id, deliverable, &rule, market.as_deref(), day(on))?;
    view(&state, saved)
}
