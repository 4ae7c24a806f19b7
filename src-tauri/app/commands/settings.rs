//! Settings: the workspace's preferences, the name you are logged as, its
//! backups and the sample data.

use partnerly_core::identity::{self, Identity};
use partnerly_core::preferences::{self, LocaleOption, Preferences, PreferencesDraft};
use partnerly_core::sample::{self, SampleContents};
use partnerly_core::workspace::backups::{self, Backup};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::workspace::{hold_for_confirmation, ImportPreview};
use crate::error::CommandError;
use crate::state::AppState;

/// The preferences and the locales they may name.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PreferencesView {
    pub preferences: Preferences,
    pub locales: Vec<LocaleOption>,
}

#[tauri::command]
pub async fn get_preferences(state: State<'_, AppState>) -> Result<PreferencesView, CommandError> {
    Ok(PreferencesView {
        preferences: preferences::get(&*state.store()?)?,
        locales: preferences::LOCALES.to_vec(),
    })
}

#[tauri::command]
pub async fn set_preferences(state: State<'_, AppState>, draft: PreferencesDraft) -> Result<Preferences, CommandError> {
    Ok(preferences::set(&*state.store()?, &draft)?)
}

/// The name logged as "by", and whether the person chose it.
#[tauri::command]
pub async fn get_identity(state: State<'_, AppState>) -> Result<Identity, CommandError> {
    Ok(identity::get(&*state.store()?)?)
}

#[tauri::command]
pub async fn set_your_name(state: State<'_, AppState>, name: String) -> Result<Identity, CommandError> {
    Ok(identity::set(&*state.store()?, &name)?)
}

/// What of the sample is in the workspace; `null` when none is.
#[tauri::command]
pub async fn sample_contents(state: State<'_, AppState>) -> Result<Option<SampleContents>, CommandError> {
    Ok(sample::contents(&*state.store()?)?)
}

#[tauri::command]
pub async fn remove_sample(state: State<'_, AppState>) -> Result<SampleContents, CommandError> {
    Ok(sample::remove(&*state.store()?)?)
}

/// Newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> Result<Vec<Backup>, CommandError> {
    Ok(backups::list(&*state.store()?)?)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> Result<Backup, CommandError> {
    Ok(backups::backup_now(&*state.store()?)?)
}

/// Reads and checks the backup `name` and holds it, like a chosen workspace
/// file, for `confirm_workspace_import`. Nothing is replaced yet.
#[tauri::command]
pub async fn choose_backup_restore(state: State<'_, AppState>, name: String) -> Result<ImportPreview, CommandError> {
    let store = state.store()?;
    let prepared = backups::prepare_restore(&store, &name)?;
    hold_for_confirmation(&state, &store, prepared)
}
