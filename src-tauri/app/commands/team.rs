//! Settings → Team: connect this data folder to the team's server, see
//! who is in the team, how syncing goes, and the conflicts to look at.
//! The sync itself runs in the background (`team_sync`).

use std::sync::Arc;

use partnerly_core::identity;
use partnerly_core::store::Store;
use partnerly_core::sync::conflicts;
use partnerly_team::workspace::{self, Connected, Status};
use partnerly_team::{Member, Synced};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};
use ts_rs::TS;

use crate::error::CommandError;
use crate::state::AppState;
use crate::team_sync::{TeamSync, STATUS_EVENT};

/// What Settings → Team shows, and what each sync round announces.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TeamView {
    pub status: Status,
    /// What the last round in this window sent and took in.
    pub last_sync: Option<Synced>,
    /// The keychain could not keep the password: it is kept until the app closes.
    pub password_in_memory: bool,
}

fn view(store: &Store, sync: &TeamSync) -> Result<TeamView, CommandError> {
    Ok(TeamView {
        status: workspace::status(store)?,
        last_sync: sync.last(),
        password_in_memory: sync.password_in_memory(),
    })
}

/// Tells the window how syncing goes (after each round).
pub fn announce<R: Runtime>(app: &AppHandle<R>, store: &Store, sync: &TeamSync) {
    if let Ok(view) = view(store, sync) {
        let _ = app.emit(STATUS_EVENT, view);
    }
}

#[tauri::command]
pub async fn team_status(state: State<'_, AppState>, sync: State<'_, Arc<TeamSync>>) -> Result<TeamView, CommandError> {
    view(&*state.store()?, &sync)
}

/// Connects with a connection string (and a password, unless it carries
/// one), under the name this data folder logs with, and syncs once.
#[tauri::command]
pub async fn team_connect<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    sync: State<'_, Arc<TeamSync>>,
    connection: String,
    password: String,
) -> Result<Connected, CommandError> {
    let store = state.store()?;
    let name = identity::get(&store)?.name;
    sync.stop();
    let (connected, _first) = workspace::connect(&store, &connection, Some(&password), &name).await?;
    let in_memory = connected.keychain_problem.is_some() && !password.is_empty();
    sync.keep_password(in_memory.then_some(password));
    sync.start(app, store);
    Ok(connected)
}

/// Who can sign in to the team, as the server knows them.
#[tauri::command]
pub async fn team_members(
    state: State<'_, AppState>,
    sync: State<'_, Arc<TeamSync>>,
) -> Result<Vec<Member>, CommandError> {
    let store = state.store()?;
    let (team, _) = workspace::open(&store, sync.password().as_deref()).await?;
    Ok(team.members().await?)
}

/// Asks the background sync for a round now; the window hears how it went.
#[tauri::command]
pub async fn team_sync_now(sync: State<'_, Arc<TeamSync>>) -> Result<(), CommandError> {
    sync.nudge();
    Ok(())
}

#[tauri::command]
pub async fn team_leave(state: State<'_, AppState>, sync: State<'_, Arc<TeamSync>>) -> Result<TeamView, CommandError> {
    sync.stop();
    let store = state.store()?;
    workspace::leave(&store)?;
    view(&store, &sync)
}

#[tauri::command]
pub async fn team_dismiss_conflict(
    state: State<'_, AppState>,
    sync: State<'_, Arc<TeamSync>>,
    id: String,
) -> Result<TeamView, CommandError> {
    let store = state.store()?;
    conflicts::dismiss(&store, &id)?;
    view(&store, &sync)
}
