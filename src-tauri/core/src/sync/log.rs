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
use super::merge::{Edit, Held};
use crate::store::{codec, Store, StoreError};

pub(crate) const CHANGES: &str = "changes";
pub(crate) const META: &str = "sync_meta";
/// Each synced record's field stamps (`merge::Held`), under `held_key`.
pub(crate) const HELD: &str = "field_clocks";
const NODE: &[u8] = b"node";
const AUTHOR: &[u8] = b"author";
const CLOCK: &[u8] = b"clock";
const SEQ: &[u8] = b"seq";
/// The last of this copy's changes the server has taken.
const PUSHED: &[u8] = b"pushed";
/// The server's sequence number of the last change taken in from it.
const PULLED: &[u8] = b"pulled";

/// Where the last change taken in from `node` is noted (its sequence number):
/// each copy's changes arrive in the order it made them, so one delivered
/// again is known and skipped.
pub(crate) fn applied_key(node: NodeId) -> Vec<u8> {
    [b"applied.".as_slice(), &node.0].concat()
}

/// The last of `node`'s changes taken in here (0 before the first).
pub(crate) fn applied_up_to(meta: &sled::Tree, node: NodeId) -> Result<u64, StoreError> {
    Ok(meta
        .get(applied_key(node))
        .map_err(StoreError::from_sled)?
        .and_then(|bytes| bytes.as_ref().try_into().ok().map(u64::from_be_bytes))
        .unwrap_or(0))
}

/// Where a record's field stamps are kept: its tree's name, a NUL, its key.
pub(crate) fn held_key(tree: &str, key: &[u8]) -> Vec<u8> {
    let mut out = tree.as_bytes().to_vec();
    out.push(0);
    out.extend_from_slice(key);
    out
}

pub(crate) fn read_clock(
    meta: &sled::transaction::TransactionalTree,
    node: NodeId,
) -> Result<Clock, sled::transaction::UnabortableTransactionError> {
    Ok(match meta.get(CLOCK)?.and_then(|bytes| Stamp::from_key(&bytes)) {
        Some(last) => Clock::resume(node, last),
        None => Clock::new(node),
    })
}

pub(crate) fn write_clock(
    meta: &sled::transaction::TransactionalTree,
    clock: &Clock,
) -> Result<(), sled::transaction::UnabortableTransactionError> {
    if let Some(last) = clock.last() {
        meta.insert(CLOCK, &last.to_key())?;
    }
    Ok(())
}

pub(crate) fn read_held(
    held: &sled::transaction::TransactionalTree,
    key: &[u8],
) -> Result<Option<Held>, ConflictableTransactionError<String>> {
    match held.get(key)? {
        Some(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| ConflictableTransactionError::Abort(e.to_string())),
        None => Ok(None),
    }
}

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
    let first_time = store.change_log().is_none();
    let node = store.change_log().map_or_else(NodeId::random, |log| log.node);
    let meta = store.sled_tree(META)?;
    let mut batch = sled::Batch::default();
    batch.insert(NODE, &node.0);
    batch.insert(AUTHOR, author.as_bytes());
    store.apply(&meta, batch)?;
    let log = Log {
        node,
        author: author.to_string(),
    };
    store.set_change_log(log.clone());
    if first_time {
        share_what_is_here(store, &log)?;
    }
    Ok(node)
}

/// Trees that stay with this copy: the sync layer's own, the person's
/// name, preferences and sample marker, the schema version, and the
/// roster's block layout (which its own writer will log).
const LOCAL_ONLY: [&str; 9] = [
    CHANGES,
    META,
    HELD,
    super::conflicts::TREE,
    crate::roster::blocks::TREE,
    "identity",
    "preferences",
    "sample",
    "meta",
];

/// Whether writes to `tree` are shared with the team.
pub(crate) fn shared(tree: &str) -> bool {
    !LOCAL_ONLY.contains(&tree) && !tree.starts_with("__sled__")
}

/// Joining shares the workspace: every record already here is logged as
/// written now, whole, so the team receives it.
fn share_what_is_here(store: &Store, log: &Log) -> Result<(), StoreError> {
    for name in store.tree_names().into_iter().filter(|t| shared(t)) {
        let tree = store.sled_tree(&name)?;
        let mut writes = Vec::new();
        for entry in tree.iter() {
            let (key, value) = entry.map_err(StoreError::from_sled)?;
            // Only records in the store's own layout (version and JSON) are shared.
            if codec::split(&value)
                .is_ok_and(|(_, json)| serde_json::from_slice::<serde_json::Value>(json).is_ok_and(|v| v.is_object()))
            {
                writes.push((key.to_vec(), Some(value.to_vec())));
            }
        }
        if !writes.is_empty() {
            write_whole(store.db(), &name, &tree, &writes, log, true)?;
        }
    }
    crate::roster::shared::share_all(store, log)?;
    store.flush()
}

/// Every value of a tree the sync layer keeps as plain JSON, in key order.
pub(crate) fn json_values<T: serde::de::DeserializeOwned>(
    store: &Store,
    tree: &str,
    kind: &'static str,
) -> Result<Vec<T>, StoreError> {
    store
        .sled_tree(tree)?
        .iter()
        .values()
        .map(|bytes| {
            let bytes = bytes.map_err(StoreError::from_sled)?;
            serde_json::from_slice(&bytes).map_err(|e| StoreError::BadRecord {
                kind,
                detail: e.to_string(),
            })
        })
        .collect()
}

/// The changes logged so far, oldest first.
pub fn logged(store: &Store) -> Result<Vec<Change>, StoreError> {
    json_values(store, CHANGES, "logged change")
}

fn meta_number(store: &Store, name: &[u8]) -> Result<u64, StoreError> {
    let meta = store.sled_tree(META)?;
    Ok(match meta.get(name).map_err(StoreError::from_sled)? {
        Some(bytes) => u64::from_be_bytes(bytes.as_ref().try_into().map_err(|_| StoreError::BadRecord {
            kind: "sync setting",
            detail: format!("{} is not a number", String::from_utf8_lossy(name)),
        })?),
        None => 0,
    })
}

fn set_meta_number(store: &Store, name: &[u8], value: u64) -> Result<(), StoreError> {
    let meta = store.sled_tree(META)?;
    let mut batch = sled::Batch::default();
    batch.insert(name, &value.to_be_bytes());
    store.apply(&meta, batch)
}

/// This copy's changes the server has not taken yet, oldest first.
pub fn unpushed(store: &Store) -> Result<Vec<Change>, StoreError> {
    unpushed_up_to(store, usize::MAX)
}

/// The first `limit` changes the server has not taken yet, oldest first:
/// read from where the last push ended, not from the start of the log.
pub fn unpushed_up_to(store: &Store, limit: usize) -> Result<Vec<Change>, StoreError> {
    let pushed = meta_number(store, PUSHED)?;
    store
        .sled_tree(CHANGES)?
        .range((pushed + 1).to_be_bytes()..)
        .values()
        .take(limit)
        .map(|bytes| {
            let bytes = bytes.map_err(StoreError::from_sled)?;
            serde_json::from_slice(&bytes).map_err(|e| StoreError::BadRecord {
                kind: "logged change",
                detail: e.to_string(),
            })
        })
        .collect()
}

/// How many of this copy's changes wait to be sent ("3 changes waiting").
pub fn waiting(store: &Store) -> Result<u64, StoreError> {
    Ok(meta_number(store, SEQ)?.saturating_sub(meta_number(store, PUSHED)?))
}

/// Notes that the server holds this copy's changes up to `seq`.
pub fn mark_pushed(store: &Store, seq: u64) -> Result<(), StoreError> {
    set_meta_number(store, PUSHED, seq)
}

/// The server sequence number of the last change taken in from it (0 before the first).
pub fn last_pulled(store: &Store) -> Result<u64, StoreError> {
    meta_number(store, PULLED)
}

/// Notes that changes up to the server's `seq` are taken in. Taking one in
/// again is harmless, so a crash before this only repeats work.
pub fn mark_pulled(store: &Store, seq: u64) -> Result<(), StoreError> {
    set_meta_number(store, PULLED, seq)
}

/// A setting of this copy's team connection (which server, the last sync),
/// kept with the sync layer's own and never logged or exported. Never a password.
pub fn team_setting(store: &Store, name: &str) -> Result<Option<String>, StoreError> {
    let meta = store.sled_tree(META)?;
    let key = [b"team.", name.as_bytes()].concat();
    Ok(meta
        .get(key)
        .map_err(StoreError::from_sled)?
        .map(|v| String::from_utf8_lossy(&v).into_owned()))
}

/// Sets (or with `None` removes) a team connection setting.
pub fn set_team_setting(store: &Store, name: &str, value: Option<&str>) -> Result<(), StoreError> {
    let meta = store.sled_tree(META)?;
    let key = [b"team.", name.as_bytes()].concat();
    let mut batch = sled::Batch::default();
    match value {
        Some(value) => batch.insert(key, value.as_bytes()),
        None => batch.remove(key),
    }
    store.apply(&meta, batch)
}

/// Whether this copy has joined a team, and under which name.
pub fn joined_as(store: &Store) -> Option<String> {
    store.change_log().map(|log| log.author)
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
    write_whole(db, tree_name, tree, writes, log, false)
}

/// `write`, or with `whole` every written record logged with all its
/// fields, as if new (what joining a team shares).
fn write_whole(
    db: &sled::Db,
    tree_name: &str,
    tree: &sled::Tree,
    writes: &[(Vec<u8>, Option<Vec<u8>>)],
    log: &Log,
    whole: bool,
) -> Result<(), StoreError> {
    in_transaction(db, tree, log, |records, logger| {
        for (key, value) in writes {
            let before = match value {
                Some(bytes) => records.insert(key.as_slice(), bytes.as_slice())?,
                None => records.remove(key.as_slice())?,
            };
            let compared = if whole { None } else { before.as_deref() };
            let stored = value.as_deref().or(before.as_deref());
            logger.record(tree_name, key, compared, value.as_deref(), stored, before.as_deref())?;
        }
        Ok(())
    })
}

/// A record that lives inside another tree's layout (a creator inside a
/// roster block), written as part of `batch` and logged as if it were
/// stored on its own under `tree` and `key`, in the store's layout.
#[derive(Debug)]
pub(crate) struct Logical {
    pub tree: &'static str,
    pub key: Vec<u8>,
    pub before: Option<Vec<u8>>,
    pub after: Option<Vec<u8>>,
}

/// Applies `batch` to `tree` and logs each of `logical` that changed
/// something, in one transaction.
pub(crate) fn write_batch(
    db: &sled::Db,
    tree: &sled::Tree,
    batch: &sled::Batch,
    logical: &[Logical],
    log: &Log,
) -> Result<(), StoreError> {
    in_transaction(db, tree, log, |records, logger| {
        records.apply_batch(batch)?;
        for write in logical {
            let (before, after) = (write.before.as_deref(), write.after.as_deref());
            logger.record(write.tree, &write.key, before, after, after.or(before), before)?;
        }
        Ok(())
    })
}

type Abort = ConflictableTransactionError<String>;

/// What logging needs inside a transaction: the trees, the next sequence
/// number and the clock.
struct Logger<'t> {
    changes: &'t sled::transaction::TransactionalTree,
    held: &'t sled::transaction::TransactionalTree,
    seq: u64,
    clock: Clock,
    now: u64,
    log: &'t Log,
}

impl Logger<'_> {
    /// Logs one write of `key` in `tree_name` (compared `before` → `after`)
    /// and moves its field stamps on; `stored` is the record's bytes for its
    /// version, `held_before` what the field stamps start from when none were kept.
    fn record(
        &mut self,
        tree_name: &str,
        key: &[u8],
        before: Option<&[u8]>,
        after: Option<&[u8]>,
        stored: Option<&[u8]>,
        held_before: Option<&[u8]>,
    ) -> Result<(), Abort> {
        let abort = |detail: String| ConflictableTransactionError::Abort(detail);
        let Some(edit) = of_write(before, after).map_err(abort)? else {
            return Ok(());
        };
        let (version, _) = codec::split(stored.unwrap_or_default()).map_err(abort)?;
        let held_at = held_key(tree_name, key);
        let mut state = match read_held(self.held, &held_at)? {
            Some(state) => state,
            None => super::apply::held_from(held_before).map_err(abort)?,
        };
        let sets = super::apply::append_only(tree_name);
        let mut elements = std::collections::BTreeMap::new();
        if let (Edit::Set(fields), true) = (&edit, sets.iter().any(|s| s.key.is_some())) {
            let before_body = before
                .map(|bytes| {
                    codec::split(bytes).and_then(|(_, json)| {
                        serde_json::from_slice::<serde_json::Value>(json).map_err(|e| e.to_string())
                    })
                })
                .transpose()
                .map_err(abort)?;
            for set in sets {
                if let (Some(key), Some(after)) = (set.key, fields.get(set.field)) {
                    let was = before_body.as_ref().and_then(|b| b.get(set.field));
                    elements.insert(set.field.to_string(), super::merge::element_edit(was, after, key));
                }
            }
        }
        let base = match &edit {
            Edit::Set(fields) => fields
                .keys()
                .filter_map(|name| Some((name.clone(), state.fields.get(name)?.stamp)))
                .collect(),
            Edit::Delete => Default::default(),
        };
        self.seq += 1;
        let change = Change {
            id: ChangeId {
                node: self.log.node,
                seq: self.seq,
            },
            stamp: self.clock.tick(self.now),
            tree: tree_name.to_string(),
            key: key.to_vec(),
            edit,
            version,
            author: self.log.author.clone(),
            base,
            elements,
        };
        // The record's field stamps follow its own writes too, so a
        // later change from another copy is weighed against them.
        state.apply_with(&change.edit, change.stamp, sets, &change.elements);
        self.held
            .insert(held_at, serde_json::to_vec(&state).map_err(|e| abort(e.to_string()))?)?;
        let json = serde_json::to_vec(&change).map_err(|e| abort(e.to_string()))?;
        self.changes.insert(&change.id.local_key(), json)?;
        Ok(())
    }
}

/// Runs `write` over `tree` with a `Logger`, all in one sled transaction
/// with the change log, the field stamps and the clock.
fn in_transaction(
    db: &sled::Db,
    tree: &sled::Tree,
    log: &Log,
    write: impl Fn(&sled::transaction::TransactionalTree, &mut Logger<'_>) -> Result<(), Abort>,
) -> Result<(), StoreError> {
    let changes = db.open_tree(CHANGES).map_err(StoreError::from_sled)?;
    let meta = db.open_tree(META).map_err(StoreError::from_sled)?;
    let held_tree = db.open_tree(HELD).map_err(StoreError::from_sled)?;
    let now = now_millis();
    let result = (tree, &changes, &meta, &held_tree).transaction(|(records, changes, meta, held)| {
        let seq = match meta.get(SEQ)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_ref()
                    .try_into()
                    .map_err(|_| ConflictableTransactionError::Abort("a bad sequence number".to_string()))?,
            ),
            None => 0,
        };
        let mut logger = Logger {
            changes,
            held,
            seq,
            clock: read_clock(meta, log.node)?,
            now,
            log,
        };
        write(records, &mut logger)?;
        meta.insert(SEQ, &logger.seq.to_be_bytes())?;
        write_clock(meta, &logger.clock)?;
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
