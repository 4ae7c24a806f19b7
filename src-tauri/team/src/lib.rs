//! The team workspace's server side: a working copy's changes go up to a
//! PostgreSQL server and the team's come down (see "Team workspace" in
//! ARCHITECTURE.md). PostgreSQL holds the shared truth; this crate only
//! talks to it. The merge itself is `partnerly_core::sync`.

use partnerly_core::store::{Store, StoreError};
use partnerly_core::sync::apply::{apply_remote, SyncError};
use partnerly_core::sync::change::Change;
use partnerly_core::sync::log;
use tokio_postgres::{Client, NoTls};

/// The tables, roles and row-level security of a team workspace.
pub const SCHEMA: &str = include_str!("../schema.sql");

/// How many changes one pull or push carries at most.
const BATCH: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Editor,
    Viewer,
}

impl Role {
    fn group(self) -> &'static str {
        match self {
            Role::Editor => "partnerly_editor",
            Role::Viewer => "partnerly_viewer",
        }
    }
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
}

impl From<tokio_postgres::Error> for TeamError {
    fn from(e: tokio_postgres::Error) -> TeamError {
        // The server's own words ("permission denied for table …") are what
        // a person can act on; the driver's summary is only "db error".
        match e.as_db_error() {
            Some(db) => TeamError::Refused(db.message().to_string()),
            None => TeamError::Connection(e.to_string()),
        }
    }
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Synced {
    pub pushed: usize,
    pub pulled: usize,
}

pub struct Team {
    client: Client,
}

impl Team {
    /// Connects with a connection string (`host=… user=… password=… dbname=…`).
    pub async fn connect(config: &str) -> Result<Team, TeamError> {
        let (client, connection) = tokio_postgres::connect(config, NoTls).await?;
        // The connection does its I/O on its own task; its error, if any,
        // reaches the caller through the next query.
        tokio::spawn(async move {
            let _ = connection.await;
        });
        Ok(Team { client })
    }

    /// Sets the workspace up on the server (the owner's first step).
    pub async fn install_schema(&self) -> Result<(), TeamError> {
        Ok(self.client.batch_execute(SCHEMA).await?)
    }

    /// Adds a person who signs in as `user` with `password`, as an editor or a viewer.
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
    let mut synced = Synced::default();
    let unpushed = log::unpushed(store)?;
    if let Some(last) = unpushed.last() {
        team.push(&unpushed).await?;
        log::mark_pushed(store, last.id.seq)?;
        synced.pushed = unpushed.len();
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
