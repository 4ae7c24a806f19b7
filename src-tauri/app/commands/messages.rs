//! Messages to creators from templates: thin wrappers over
//! `partnerly_core::outreach`. Opening the mail app is the opener plugin's
//! job in the window, allowed for `mailto:` links only (the capability).

use chrono::{Local, NaiveDate};
use partnerly_core::agreement::{self, PartnershipView};
use partnerly_core::outreach::{self, Message, Template, TemplateKind, Templates};
use tauri::State;

use crate::error::CommandError;
use crate::state::AppState;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// `language` `None`: the creator's.
#[tauri::command]
pub async fn compose_message(
    state: State<'_, AppState>,
    id: String,
    kind: TemplateKind,
    language: Option<String>,
) -> Result<Message, CommandError> {
    Ok(outreach::compose(
        &*state.store()?,
        &id,
        kind,
        language.as_deref(),
        today(),
    )?)
}

#[tauri::command]
pub async fn log_message_sent(
    state: State<'_, AppState>,
    id: String,
    kind: TemplateKind,
    subject: String,
    body: String,
) -> Result<PartnershipView, CommandError> {
    let store = state.store()?;
    let saved = outreach::log_sent(&store, &id, kind, &subject, &body, today())?;
    Ok(agreement::view_of(&store, saved, today())?)
}

#[tauri::command]
pub async fn message_templates(state: State<'_, AppState>) -> Result<Templates, CommandError> {
    Ok(outreach::templates(&*state.store()?)?)
}

#[tauri::command]
pub async fn save_message_template(state: State<'_, AppState>, template: Template) -> Result<Templates, CommandError> {
    let store = state.store()?;
    outreach::save(&store, &template)?;
    Ok(outreach::templates(&store)?)
}

#[tauri::command]
pub async fn reset_message_template(
    state: State<'_, AppState>,
    kind: TemplateKind,
    language: String,
) -> Result<Templates, CommandError> {
    let store = state.store()?;
    outreach::reset(&store, kind, &language)?;
    Ok(outreach::templates(&store)?)
}
