//! The local change log: once a working copy joins a team, every write
//! through `Store`'s typed API also appends what it did (`change::Change`)
//! to tree `changes`, in the same sled transaction as the write itself, so a
//! crash keeps both or neither. A copy that never joined logs nothing and
//! writes exactly as before.
//!
//! Tree `sync_meta` holds the copy's node id, the author name its changes
//! carry, the last stamp its clock gave and its last change's sequence number.

use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::change::{of_write, Change, ChangeId};
use super::clock::{Clock, NodeId, Stamp};
use crate::store::{Store, StoreError};

pub(crate) const CHANGES: &str = "changes";
pub(crate) const META: &str = "sync_meta";
const NODE: &[u8] = b"node";
const AUTHOR: &[u8] = b"author";
const CLOCK: &[u8] = b"clock";
const SEQ: &[u8] = b"seq";

/// Who this copy is, once it has joined a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Log {
    pub node: NodeId,
    pub author: String,
}

/// The copy's log settings, if it has joined a team.
pub(crate) fn load(db: &sled::Db) -> Result<Option<Log>, StoreError> {
    let meta = db.open_tree(META).map_err(StoreError::from_sled)?;
    let Some(node) = meta.get(NODE).map_err(StoreError::from_sled)? else {
        return Ok(None);
    };
    let node: [u8; 8] = node.as_ref().try_into().map_err(|_| StoreError::BadRecord {
        kind: "sync setting",
        detail: format!("the node id is {} bytes long instead of 8", node.len()),
    })?;
    let author = meta
        .get(AUTHOR)
        .map_err(StoreError::from_sled)?
        .map(|a| String::from_utf8_lossy(&a).into_owned())
        .unwrap_or_default();
    Ok(Some(Log {
        node: NodeId(node),
        author,
    }))
}

/// Starts logging this copy's changes under `author`: from now on every
/// write is recorded for the team. Joining again keeps the node id and
/// changes only the author's name.
pub fn join(store: &Store, author: &str) -> Result<NodeId, StoreError> {
    let node = store.change_log().map_or_else(NodeId::random, |log| log.node);
    let meta = store.sled_tree(META)?;
    let mut batch = sled::Batch::default();
    batch.insert(NODE, &node.0);
    batch.insert(AUTHOR, author.as_bytes());
    store.apply(&meta, batch)?;
    store.set_change_log(Log {
        node,
        author: author.to_string(),
    });
    Ok(node)
}

/// The changes logged so far, oldest first.
pub fn logged(store: &Store) -> Result<Vec<Change>, StoreError> {
    store
        .sled_tree(CHANGES)?
        .iter()
        .values()
        .map(|bytes| {
            let bytes = bytes.map_err(StoreError::from_sled)?;
            serde_json::from_slice(&bytes).map_err(|e| StoreError::BadRecord {
                kind: "logged change",
                detail: e.to_string(),
            })
        })
        .collect()
}

fn now_millis() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

/// Writes `writes` (a key with its new stored bytes, or `None` to remove it)
/// to `tree` and logs each one that changed something, all in one transaction.
pub(crate) fn write(
    db: &sled::Db,
    tree_name: &str,
    tree: &sled::Tree,
    writes: &[(Vec<u8>, Option<Vec<u8>>)],
    log: &Log,
) -> Result<(), StoreError> {
    let changes = db.open_tree(CHANGES).map_err(StoreError::from_sled)?;
    let meta = db.open_tree(META).map_err(StoreError::from_sled)?;
    let now = now_millis();
    let result = (tree, &changes, &meta).transaction(|(records, changes, meta)| {
        let abort = |detail: String| ConflictableTransactionError::Abort(detail);
        let mut seq = match meta.get(SEQ)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_ref()
                    .try_into()
                    .map_err(|_| abort("a bad sequence number".into()))?,
            ),
            None => 0,
        };
        let mut clock = match meta.get(CLOCK)?.and_then(|bytes| Stamp::from_key(&bytes)) {
            Some(last) => Clock::resume(log.node, last),
            None => Clock::new(log.node),
        };
        for (key, value) in writes {
            let before = match value {
                Some(bytes) => records.insert(key.as_slice(), bytes.as_slice())?,
                None => records.remove(key.as_slice())?,
            };
            let Some(edit) = of_write(before.as_deref(), value.as_deref()).map_err(abort)? else {
                continue;
            };
            seq += 1;
            let change = Change {
                id: ChangeId { node: log.node, seq },
                stamp: clock.tick(now),
                tree: tree_name.to_string(),
                key: key.clone(),
                edit,
                author: log.author.clone(),
            };
            let json = serde_json::to_vec(&change).map_err(|e| abort(e.to_string()))?;
            changes.insert(&change.id.local_key(), json)?;
        }
        meta.insert(SEQ, &seq.to_be_bytes())?;
        if let Some(last) = clock.last() {
            meta.insert(CLOCK, &last.to_key())?;
        }
        Ok(())
    });
    match result {
        Ok(()) => Ok(()),
        Err(TransactionError::Abort(detail)) => Err(StoreError::BadRecord {
            kind: "change to log",
            detail,
        }),
        Err(TransactionError::Storage(e)) => Err(StoreError::from_sled(e)),
    }
}

#[cfg(test)]
mod tests;
