use chrono::{DateTime, Utc};
use partnerly_core::preferences;
use partnerly_core::roster;
use partnerly_core::sample;
use partnerly_core::store::Store;
use partnerly_core::workspace::{self, WorkspaceSummary};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;

/// What the window needs to know before showing anything.
#[derive(Debug, Clone, Serialize, TS)]
pub struct WorkspaceStatus {
    pub data_dir: String,
    /// Why the data folder could not be opened; `null` when all is well.
    pub problem: Option<CommandError>,
    pub influencers: u32,
    /// First run: offer the sample or an empty start before anything else.
    pub welcome: bool,
}

fn status(state: &AppState, store: Result<std::sync::Arc<Store>, CommandError>) -> WorkspaceStatus {
    let data_dir = state.data_dir().display().to_string();
    let read = store.and_then(|store| Ok((roster::count(&store)?, preferences::get(&store)?.welcomed)));
    match read {
        Ok((count, welcomed)) => WorkspaceStatus {
            data_dir,
            problem: None,
            influencers: count as u32,
            welcome: count == 0 && !welcomed,
        },
        Err(problem) => WorkspaceStatus {
            data_dir,
            problem: Some(problem),
            influencers: 0,
            welcome: false,
        },
    }
}

#[tauri::command]
pub async fn workspace_status(state: State<'_, AppState>) -> Result<WorkspaceStatus, CommandError> {
    state.window_is_ready();
    Ok(status(&state, state.store()))
}

#[tauri::command]
pub async fn retry_open_workspace(state: State<'_, AppState>) -> Result<WorkspaceStatus, CommandError> {
    Ok(status(&state, state.retry()))
}

/// Fills an empty workspace with the sample; returns how many influencers it added.
#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> Result<u32, CommandError> {
    Ok(sample::load(&*state.store()?)? as u32)
}

/// The first-run welcome's answer: the sample, or an empty start. Returns
/// how many creators the sample added (0 for an empty start).
#[tauri::command]
pub async fn answer_welcome(state: State<'_, AppState>, with_sample: bool) -> Result<u32, CommandError> {
    Ok(sample::answer_welcome(&*state.store()?, with_sample)? as u32)
}

/// Where an export went.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ExportOutcome {
    pub path: String,
    pub influencers: u32,
}

/// What a chosen workspace file holds, shown before anything is replaced.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ImportPreview {
    /// Pass back to `confirm_workspace_import` to go ahead.
    pub token: u32,
    pub path: String,
    pub exported_at: DateTime<Utc>,
    pub influencers: u32,
    /// How many influencers the import would replace.
    pub replaces: u32,
}

const JSON_FILTER: (&str, &[&str]) = ("Partnerly workspace", &["json"]);

/// Asks where to save (native dialog) and writes the whole workspace there.
/// `null` when the person cancels the dialog.
#[tauri::command]
pub async fn export_workspace<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Result<Option<ExportOutcome>, CommandError> {
    let store = state.store()?;
    let suggested = format!("partnerly-workspace-{}.json", chrono::Local::now().format("%Y-%m-%d"));
    let Some(path) = dialogs::save_path(&window, "Export workspace", JSON_FILTER, suggested)? else {
        return Ok(None);
    };
    let summary = workspace::export(&store, &path)?;
    Ok(Some(ExportOutcome {
        path: path.display().to_string(),
        influencers: summary.influencers,
    }))
}

/// Asks for a workspace file (native dialog), reads and checks all of it,
/// and holds it for confirmation. Nothing is replaced yet.
#[tauri::command]
pub async fn choose_workspace_import<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> Result<Option<ImportPreview>, CommandError> {
    let store = state.store()?;
    let Some(path) = dialogs::open_path(&window, "Import workspace", JSON_FILTER)? else {
        return Ok(None);
    };
    let prepared = workspace::prepare_import(&path)?;
    Ok(Some(hold_for_confirmation(&state, &store, prepared)?))
}

/// Holds a checked workspace (a file or a backup) until the person agrees
/// to replace what is here, and says what that would mean.
pub(crate) fn hold_for_confirmation(
    state: &AppState,
    store: &Store,
    prepared: workspace::PreparedImport,
) -> Result<ImportPreview, CommandError> {
    Ok(ImportPreview {
        path: prepared.path.display().to_string(),
        exported_at: prepared.exported_at,
        influencers: prepared.influencers.len() as u32,
        replaces: roster::count(store)? as u32,
        token: state.hold_import(prepared),
    })
}

/// Replaces the workspace with the import previewed under `token`.
#[tauri::command]
pub async fn confirm_workspace_import(
    state: State<'_, AppState>,
    token: u32,
) -> Result<WorkspaceSummary, CommandError> {
    let store = state.store()?;
    let prepared = state.take_import(token).ok_or_else(|| {
        CommandError::new(
            ErrorKind::NotFound,
            "this import is no longer waiting (it was applied or replaced by another); choose the file again",
        )
    })?;
    Ok(workspace::apply_import(&store, prepared)?)
}

#[tauri::command]
pub async fn discard_workspace_import(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.discard_import();
    Ok(())
}
