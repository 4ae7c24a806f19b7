use partnerly_core::roster::Influencer;
use partnerly_core::sample;
use partnerly_core::store::Store;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::AppState;

/// What the window needs to know before showing anything.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkspaceStatus {
    pub data_dir: String,
    /// Why the data folder could not be opened; `null` when all is well.
    pub problem: Option<CommandError>,
    pub influencers: u32,
}

fn status(state: &AppState, store: Result<std::sync::Arc<Store>, CommandError>) -> WorkspaceStatus {
    let data_dir = state.data_dir().display().to_string();
    match store.and_then(|store| Ok(store.count::<Influencer>()?)) {
        Ok(count) => WorkspaceStatus {
            data_dir,
            problem: None,
            influencers: count as u32,
        },
        Err(problem) => WorkspaceStatus {
            data_dir,
            problem: Some(problem),
            influencers: 0,
        },
    }
}

#[tauri::command]
pub async fn workspace_status(state: State<'_, AppState>) -> Result<WorkspaceStatus, CommandError> {
    state.window_is_ready();
    Ok(status(&state, state.store()))
}

#[tauri::command]
pub async fn retry_open_workspace(
    state: State<'_, AppState>,
) -> Result<WorkspaceStatus, CommandError> {
    Ok(status(&state, state.retry()))
}

/// Fills an empty workspace with the sample; returns how many influencers it added.
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> Result<u32, CommandError> {
    Ok(sample::load(&*state.store()?)? as u32)
}
