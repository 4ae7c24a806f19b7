//! The team workspace's server side: a working copy's changes go up to a
//! PostgreSQL server and the team's come down (see "Team workspace" in
//! ARCHITECTURE.md). PostgreSQL holds the shared truth; this crate only
//! talks to it. The merge itself is `partnerly_core::sync`.

use partnerly_core::store::{Store, StoreError};
use partnerly_core::sync::apply::{apply_remote, SyncError};
use partnerly_core::sync::change::Change;
use partnerly_core::sync::log;
use tokio_postgres::{AsyncMessage, Client};

pub mod keychain;
pub mod server;
pub mod throwaway;
pub mod workspace;

pub use server::{Server, Tls};

/// The tables, roles and row-level security of a team workspace.
pub const SCHEMA: &str = include_str!("../schema.sql");

/// How many changes one pull or push carries at most.
const BATCH: usize = 500;

/// What a member may do, as the server enforces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "TeamRole")]
pub enum Role {
    /// Set the workspace up on the server and adds members; edits too.
    Owner,
    Editor,
    /// Reads everything; the server refuses their writes.
    Viewer,
}

impl Role {
    fn group(self) -> &'static str {
        match self {
            Role::Owner | Role::Editor => "partnerly_editor",
            Role::Viewer => "partnerly_viewer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Editor => "Editor",
            Role::Viewer => "Viewer",
        }
    }

    pub fn can_write(self) -> bool {
        self != Role::Viewer
    }
}

/// A person in the team, as the server knows them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(rename = "TeamMember")]
pub struct Member {
    pub user: String,
    pub role: Role,
    /// The name their changes carry (the latest one), if they sent any.
    pub name: Option<String>,
    #[ts(type = "number")]
    pub changes: u64,
    pub last_change_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("the team's server refused: {0}")]
    Refused(String),
    #[error("the team's server cannot be reached or dropped the connection: {0}")]
    Connection(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error("the server holds a change that cannot be read ({0})")]
    BadChange(String),
    #[error("{0}")]
    Settings(String),
    #[error("the system keychain cannot be used ({0})")]
    Keychain(String),
    #[error("this data folder is not connected to a team server; connect it first (Settings → Team, or `partnerly-cli team connect`)")]
    NotConnected,
    #[error("no password for {0}: this computer's keychain holds none (or cannot be reached); connect again with the password, or set PARTNERLY_TEAM_PASSWORD")]
    NoPassword(String),
    #[error("the server asks {0} for a password; give it with the connection (the Password field, --password-stdin or in the connection string)")]
    PasswordNeeded(String),
    #[error("{user} is not a member of this team on the server; its owner adds people (README, \"A team server\")")]
    NotAMember { user: String },
}

impl From<tokio_postgres::Error> for TeamError {
    fn from(e: tokio_postgres::Error) -> TeamError {
        // The server's own words ("permission denied for table …") are what
        // a person can act on; the driver's summary is only "db error".
        match e.as_db_error() {
            Some(db) => TeamError::Refused(db.message().to_string()),
            // "error connecting to server: Connection refused": the cause is what tells.
            None => match std::error::Error::source(&e) {
                Some(cause) => TeamError::Connection(format!("{e}: {cause}")),
                None => TeamError::Connection(e.to_string()),
            },
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(rename = "TeamSynced")]
pub struct Synced {
    pub pushed: usize,
    pub pulled: usize,
}

pub struct Team {
    client: Client,
    /// Woken when the server says another change arrived (`LISTEN`).
    arrivals: std::sync::Arc<tokio::sync::Notify>,
}

impl Team {
    /// Connects with a connection string (`host=… user=… password=… dbname=…`).
    pub async fn connect(config: &str) -> Result<Team, TeamError> {
        let (server, password) = Server::parse(config)?;
        Team::open(&server, password.as_deref()).await
    }

    /// Connects to `server` over TLS (or, to this machine's own server,
    /// without when it offers none).
    pub async fn open(server: &Server, password: Option<&str>) -> Result<Team, TeamError> {
        let (client, mut connection) = server.config(password).connect(server.tls()?).await?;
        let arrivals = std::sync::Arc::new(tokio::sync::Notify::new());
        let wake = arrivals.clone();
        // The connection does its I/O on its own task, passing on the
        // server's notices of new changes; its error, if any, reaches the
        // caller through the next query.
        tokio::spawn(async move {
            let mut messages = std::pin::pin!(futures_util::stream::poll_fn(move |cx| connection.poll_message(cx)));
            while let Some(Ok(message)) = futures_util::StreamExt::next(&mut messages).await {
                if let AsyncMessage::Notification(_) = message {
                    wake.notify_one();
                }
            }
        });
        Ok(Team { client, arrivals })
    }

    /// Asks the server to say when another copy's change arrives.
    pub async fn listen(&self) -> Result<(), TeamError> {
        Ok(self.client.batch_execute("LISTEN partnerly_changes").await?)
    }

    /// Resolves when the server has said a change arrived since the last call.
    pub async fn arrival(&self) {
        self.arrivals.notified().await
    }

    /// What the signed-in user may do, or `None` when they are no member.
    pub async fn role(&self) -> Result<Option<Role>, TeamError> {
        let row = self
            .client
            .query_one(
                "SELECT coalesce((SELECT tableowner = current_user FROM pg_tables WHERE tablename = 'partnerly_changes'), false),
                        pg_has_role(current_user, 'partnerly_editor', 'member'),
                        pg_has_role(current_user, 'partnerly_viewer', 'member')",
                &[],
            )
            .await
            .map_err(|e| match e.as_db_error() {
                // No roles at all: the schema was never installed on this server.
                Some(db) if db.message().contains("does not exist") => TeamError::Refused(
                    "this server has no Partnerly team workspace yet; its owner sets it up first (README, \"A team server\")"
                        .into(),
                ),
                _ => e.into(),
            })?;
        Ok(
            match (row.get::<_, bool>(0), row.get::<_, bool>(1), row.get::<_, bool>(2)) {
                (true, _, _) => Some(Role::Owner),
                (_, true, _) => Some(Role::Editor),
                (_, _, true) => Some(Role::Viewer),
                _ => None,
            },
        )
    }

    /// Everyone who can sign in to the team, with what they sent so far.
    pub async fn members(&self) -> Result<Vec<Member>, TeamError> {
        let rows = self
            .client
            .query(
                "WITH people AS (
                   SELECT r.rolname AS member,
                          CASE WHEN r.rolname = (SELECT tableowner FROM pg_tables WHERE tablename = 'partnerly_changes') THEN 'owner'
                               WHEN pg_has_role(r.oid, 'partnerly_editor', 'member') THEN 'editor'
                               ELSE 'viewer' END AS role
                   FROM pg_roles r
                   WHERE r.rolcanlogin AND (pg_has_role(r.oid, 'partnerly_viewer', 'member')
                      OR r.rolname = (SELECT tableowner FROM pg_tables WHERE tablename = 'partnerly_changes')))
                 SELECT p.member::text, p.role,
                        (SELECT c.author FROM partnerly_changes c WHERE c.pushed_by = p.member ORDER BY c.seq DESC LIMIT 1),
                        (SELECT count(*) FROM partnerly_changes c WHERE c.pushed_by = p.member),
                        (SELECT max(c.received_at) FROM partnerly_changes c WHERE c.pushed_by = p.member)
                 FROM people p ORDER BY CASE p.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, p.member",
                &[],
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|row| Member {
                user: row.get(0),
                role: match row.get::<_, &str>(1) {
                    "owner" => Role::Owner,
                    "editor" => Role::Editor,
                    _ => Role::Viewer,
                },
                name: row.get(2),
                changes: u64::try_from(row.get::<_, i64>(3)).unwrap_or(0),
                last_change_at: row.get(4),
            })
            .collect())
    }

    /// Sets the workspace up on the server (the owner's first step).
    pub async fn install_schema(&self) -> Result<(), TeamError> {
        Ok(self.client.batch_execute(SCHEMA).await?)
    }

    /// Adds a person who signs in as `user` with `password`, as an editor or a viewer
    /// (an owner is whoever installed the schema).
    pub async fn add_member(&self, user: &str, password: &str, role: Role) -> Result<(), TeamError> {
        let row = self
            .client
            .query_one(
                "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)",
                &[&user, &password, &role.group()],
            )
            .await?;
        let statement: String = row.get(0);
        Ok(self.client.batch_execute(&statement).await?)
    }

    /// Sends changes; those the server already has are kept once. How many were new.
    pub async fn push(&self, changes: &[Change]) -> Result<u64, TeamError> {
        let mut added = 0;
        for batch in changes.chunks(BATCH) {
            let ids: Vec<String> = batch.iter().map(|c| c.id.to_string()).collect();
            let stamps: Vec<String> = batch.iter().map(|c| c.stamp.to_string()).collect();
            let trees: Vec<String> = batch.iter().map(|c| c.tree.clone()).collect();
            let authors: Vec<String> = batch.iter().map(|c| c.author.clone()).collect();
            let bodies = batch
                .iter()
                .map(serde_json::to_value)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| TeamError::BadChange(e.to_string()))?;
            added += self
                .client
                .execute(
                    "INSERT INTO partnerly_changes (id, stamp, tree, author, body)
                     SELECT * FROM UNNEST($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
                     ON CONFLICT (id) DO NOTHING",
                    &[&ids, &stamps, &trees, &authors, &bodies],
                )
                .await?;
        }
        Ok(added)
    }

    /// Changes after the server's `after`, in its order, with their
    /// sequence numbers; it stops before any change whose transaction is
    /// still open, so nothing committed later under a lower number is skipped.
    pub async fn pull(&self, after: u64) -> Result<Vec<(u64, Change)>, TeamError> {
        let after = i64::try_from(after).unwrap_or(i64::MAX);
        let rows = self
            .client
            .query(
                "SELECT seq, tx < pg_snapshot_xmin(pg_current_snapshot()) AS settled, body
                 FROM partnerly_changes WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&after, &(BATCH as i64)],
            )
            .await?;
        let mut changes = Vec::new();
        for row in rows {
            if !row.get::<_, bool>("settled") {
                break;
            }
            let seq: i64 = row.get("seq");
            let body: serde_json::Value = row.get("body");
            let change: Change = serde_json::from_value(body).map_err(|e| TeamError::BadChange(e.to_string()))?;
            changes.push((u64::try_from(seq).unwrap_or(0), change));
        }
        Ok(changes)
    }
}

/// Sends this copy's new changes, then takes in the team's until the
/// server has no more: after it, this copy holds everything the server had.
pub async fn sync(store: &Store, team: &Team) -> Result<Synced, TeamError> {
    sync_as(store, team, true).await
}

/// `sync`; with `send` false only takes the team's changes in (a viewer's
/// copy: the server would refuse what it sends).
pub async fn sync_as(store: &Store, team: &Team, send: bool) -> Result<Synced, TeamError> {
    let mut synced = Synced::default();
    // In batches, each marked sent once the server has it: memory stays
    // flat, and a crash between two only sends the next batch again.
    let mut more = send;
    while more {
        let unpushed = log::unpushed_up_to(store, BATCH * 4)?;
        let Some(last) = unpushed.last() else { break };
        team.push(&unpushed).await?;
        log::mark_pushed(store, last.id.seq)?;
        synced.pushed += unpushed.len();
        more = unpushed.len() == BATCH * 4;
    }
    loop {
        let batch = team.pull(log::last_pulled(store)?).await?;
        let Some(&(last, _)) = batch.last() else {
            break;
        };
        let changes: Vec<Change> = batch.into_iter().map(|(_, c)| c).collect();
        synced.pulled += apply_remote(store, &changes)?;
        log::mark_pulled(store, last)?;
    }
    Ok(synced)
}
