use partnerly_core::country::{self, Country};
use partnerly_core::export;
use partnerly_core::roster::{self, Influencer, InfluencerDraft, RosterFilter, SortBy};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::commands::workspace::ExportOutcome;
use crate::dialogs;
use crate::error::ErrorKind;

use crate::error::CommandError;
use crate::state::AppState;

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

/// One page of a filtered, sorted roster.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RosterPage {
    /// How many creators match in all.
    pub total: u32,
    pub influencers: Vec<Influencer>,
}

#[tauri::command]
pub async fn query_influencers(
    state: State<'_, AppState>,
    filter: RosterFilter,
    sort: SortBy,
    descending: bool,
    offset: u32,
    limit: u32,
) -> Result<RosterPage, CommandError> {
    let page = roster::query_page(
        &*state.store()?,
        &filter,
        sort,
        descending,
        offset as usize,
        limit as usize,
    )?;
    Ok(RosterPage {
        total: page.total as u32,
        influencers: page.influencers,
    })
}

/// Asks where to save (native dialog) and writes the creators matching the
/// filter as CSV; `null` when the person cancels.
#[tauri::command]
pub async fn export_roster_csv<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    filter: RosterFilter,
    sort: SortBy,
    descending: bool,
) -> Result<Option<ExportOutcome>, CommandError> {
    let store = state.store()?;
    let suggested = format!("partnerly-roster-{}.csv", chrono::Local::now().format("%Y-%m-%d"));
    let Some(path) = dialogs::save_path(&window, "Export roster", ("CSV", &["csv"]), suggested)? else {
        return Ok(None);
    };
    let written =
        export::write_roster_csv(&store, &filter, sort, descending, usize::MAX, &path).map_err(|e| match e {
            export::ExportError::Roster(e) => CommandError::from(e),
            other => CommandError::new(ErrorKind::File, other.to_string()),
        })?;
    Ok(Some(ExportOutcome {
        path: path.display().to_string(),
        influencers: written as u32,
    }))
}
