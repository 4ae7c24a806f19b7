//! A data folder's team connection from end to end, as the window and the
//! CLI both use it: connecting (the server checked, the copy joined, the
//! settings kept, the password put in the keychain, a first sync), a
//! session for the syncs after, the state a person reads ("up to date",
//! "3 changes waiting", "offline since 10:42") and leaving.

use chrono::{DateTime, Utc};
use partnerly_core::store::Store;
use partnerly_core::sync::conflicts::{self, Conflict};
use partnerly_core::sync::log;
use serde::{Deserialize, Serialize};

use crate::server::Server;
use crate::{keychain, sync_as, Role, Synced, Team, TeamError};

/// Read when the keychain holds no password (a machine without one, a script).
pub const PASSWORD_VARIABLE: &str = "PARTNERLY_TEAM_PASSWORD";

const SERVER: &str = "server";
const ROLE: &str = "role";
const STATE: &str = "state";

/// How the last syncs went.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "TeamSyncState")]
pub struct SyncState {
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Since when syncing has failed, if it does.
    pub offline_since: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

/// What Settings → Team and `team status` show.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "TeamStatus")]
pub struct Status {
    /// `lena@db.example.com:5432/partnerly`, once connected.
    pub server: Option<String>,
    pub role: Option<Role>,
    /// The name this copy's changes carry.
    pub name: Option<String>,
    /// This copy's changes not sent yet.
    #[ts(type = "number")]
    pub waiting: u64,
    pub state: SyncState,
    pub conflicts: Vec<Conflict>,
}

fn setting<T: serde::de::DeserializeOwned>(store: &Store, name: &str) -> Result<Option<T>, TeamError> {
    match log::team_setting(store, name)? {
        Some(json) => serde_json::from_str(&json)
            .map(Some)
            .map_err(|e| TeamError::Settings(format!("the saved team setting '{name}' cannot be read ({e})"))),
        None => Ok(None),
    }
}

fn set_setting<T: Serialize>(store: &Store, name: &str, value: Option<&T>) -> Result<(), TeamError> {
    let json = value
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| TeamError::Settings(e.to_string()))?;
    Ok(log::set_team_setting(store, name, json.as_deref())?)
}

/// The server this copy syncs with, if connected.
pub fn server(store: &Store) -> Result<Option<Server>, TeamError> {
    setting(store, SERVER)
}

/// What connecting did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(rename = "TeamConnected")]
pub struct Connected {
    pub server: String,
    pub role: Role,
    pub synced: Synced,
    /// Why the password could not be kept in the keychain, if it could not:
    /// the window then keeps it until it closes, and says so.
    pub keychain_problem: Option<String>,
}

/// Connects this data folder to a team: checks the server and membership,
/// joins under `name`, keeps the settings here and the password in the
/// keychain, and syncs once. `password` wins over one in `connection`,
/// which wins over one the keychain kept for the same server.
pub async fn connect(
    store: &Store,
    connection: &str,
    password: Option<&str>,
    name: &str,
) -> Result<(Connected, Team), TeamError> {
    let (server, in_string) = Server::parse(connection)?;
    // Connecting again to the same server needs no password typed again.
    let password = password
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .or(in_string)
        .or_else(|| keychain::password(&server).ok().flatten());
    let team = match Team::open(&server, password.as_deref()).await {
        Err(TeamError::Connection(why)) if password.is_none() && why.contains("password missing") => {
            return Err(TeamError::PasswordNeeded(server.label()))
        }
        opened => opened?,
    };
    let role = team.role().await?.ok_or_else(|| TeamError::NotAMember {
        user: server.user.clone(),
    })?;
    let before = self::server(store)?;
    log::join(store, name)?;
    if before.as_ref().is_some_and(|b| b.label() != server.label()) {
        // Another server has none of this copy's changes, and its numbers
        // are its own: send everything, take in from the start.
        log::mark_pushed(store, 0)?;
        log::mark_pulled(store, 0)?;
    }
    set_setting(store, SERVER, Some(&server))?;
    set_setting(store, ROLE, Some(&role))?;
    let keychain_problem = match &password {
        Some(password) => match keychain::save(&server, password) {
            Ok(()) => None,
            Err(TeamError::Keychain(why)) => Some(why),
            Err(e) => return Err(e),
        },
        None => None,
    };
    let synced = sync_now(store, &team, role).await?;
    Ok((
        Connected {
            server: server.label(),
            role,
            synced,
            keychain_problem,
        },
        team,
    ))
}

/// Opens a connection to the saved server with the keychain's password, or
/// `fallback` (one kept in memory), or `PARTNERLY_TEAM_PASSWORD`.
pub async fn open(store: &Store, fallback: Option<&str>) -> Result<(Team, Role), TeamError> {
    let server = self::server(store)?.ok_or(TeamError::NotConnected)?;
    let kept = keychain::password(&server).unwrap_or(None);
    let password = kept
        .or_else(|| fallback.map(str::to_string))
        .or_else(|| std::env::var(PASSWORD_VARIABLE).ok());
    let team = match Team::open(&server, password.as_deref()).await {
        Ok(team) => team,
        // The server asked for a password and there was none to give.
        Err(TeamError::Connection(why)) if password.is_none() && why.contains("password missing") => {
            let e = TeamError::NoPassword(server.label());
            record_failure(store, &e)?;
            return Err(e);
        }
        Err(e) => {
            record_failure(store, &e)?;
            return Err(e);
        }
    };
    let role = match team.role().await {
        Ok(Some(role)) => role,
        Ok(None) => return Err(TeamError::NotAMember { user: server.user }),
        Err(e) => {
            record_failure(store, &e)?;
            return Err(e);
        }
    };
    set_setting(store, ROLE, Some(&role))?;
    Ok((team, role))
}

/// Syncs and notes how it went (a viewer's copy only takes changes in).
pub async fn sync_now(store: &Store, team: &Team, role: Role) -> Result<Synced, TeamError> {
    match sync_as(store, team, role.can_write()).await {
        Ok(synced) => {
            let state = SyncState {
                last_synced_at: Some(Utc::now()),
                offline_since: None,
                last_error: None,
            };
            set_setting(store, STATE, Some(&state))?;
            Ok(synced)
        }
        Err(e) => {
            record_failure(store, &e)?;
            Err(e)
        }
    }
}

/// Notes a failed sync: offline since the first failure in a row.
pub fn record_failure(store: &Store, error: &TeamError) -> Result<(), TeamError> {
    let mut state: SyncState = setting(store, STATE)?.unwrap_or_default();
    state.offline_since.get_or_insert_with(Utc::now);
    state.last_error = Some(error.to_string());
    set_setting(store, STATE, Some(&state))
}

pub fn status(store: &Store) -> Result<Status, TeamError> {
    let server = self::server(store)?;
    Ok(Status {
        server: server.as_ref().map(Server::label),
        role: setting(store, ROLE)?,
        name: log::joined_as(store),
        waiting: if server.is_some() { log::waiting(store)? } else { 0 },
        state: setting(store, STATE)?.unwrap_or_default(),
        conflicts: conflicts::list(store)?,
    })
}

/// Disconnects this data folder: the settings and the kept password go;
/// the workspace stays as it is, and connecting again sends what is new.
pub fn leave(store: &Store) -> Result<(), TeamError> {
    if let Some(server) = self::server(store)? {
        // A keychain that cannot be reached holds nothing to forget.
        let _ = keychain::forget(&server);
    }
    set_setting::<Server>(store, SERVER, None)?;
    set_setting::<Role>(store, ROLE, None)?;
    set_setting::<SyncState>(store, STATE, None)
}
