//! Changes from other copies, applied here: each in one sled transaction
//! with the record's field stamps and this copy's clock, merged by
//! `merge::Held` so that every copy that has seen the same changes holds the
//! same record, whatever order they came in. Applying a change is not a
//! local write: it is not logged again.

use serde_json::Value;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::change::Change;
use super::clock::{ClockError, NodeId, Stamp};
use super::log::{held_key, read_clock, read_held, write_clock, HELD, META};
use super::merge::{AppendOnly, Field, Held};
use crate::store::{codec, Store, StoreError};

/// The fields of a tree that only grow, with the field that orders them.
pub fn append_only(tree: &str) -> &'static [AppendOnly] {
    const PARTNERSHIPS: [AppendOnly; 1] = [AppendOnly {
        field: "timeline",
        order_by: "logged_at",
        key: None,
    }];
    // A creator's research checklist: one entry per item, the later word on an item winning.
    const DOSSIERS: [AppendOnly; 1] = [AppendOnly {
        field: "checklist",
        order_by: "item",
        key: Some("item"),
    }];
    // A post's readings: at most one per day, the later entry for a day winning.
    const METRICS: [AppendOnly; 1] = [AppendOnly {
        field: "readings",
        order_by: "on",
        key: Some("on"),
    }];
    match tree {
        "partnerships" => &PARTNERSHIPS,
        "dossiers" => &DOSSIERS,
        "metrics" => &METRICS,
        _ => &[],
    }
}

/// Below every real stamp: fields written before the copy joined a team
/// give way to any synced write.
pub(crate) const BEFORE_SYNC: Stamp = Stamp {
    millis: 0,
    counter: 0,
    node: NodeId([0; 8]),
};

/// A record's field stamps when none were kept: each stored field at the
/// lowest stamp.
pub(crate) fn held_from(stored: Option<&[u8]>) -> Result<Held, String> {
    let Some(bytes) = stored else {
        return Ok(Held::default());
    };
    let (_, json) = codec::split(bytes)?;
    let value: Value = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    let fields = value
        .as_object()
        .map(|fields| {
            fields
                .iter()
                .map(|(name, value)| {
                    let field = Field {
                        value: value.clone(),
                        stamp: BEFORE_SYNC,
                        elements: Default::default(),
                    };
                    (name.clone(), field)
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Held { fields, deleted: None })
}

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("this copy has not joined a team, so it takes in no changes")]
    NotJoined,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Clock(#[from] ClockError),
    #[error("a change by {author} to a {tree} record cannot be applied: {detail}")]
    BadChange {
        author: String,
        tree: String,
        detail: String,
    },
}

enum Refused {
    Clock(ClockError),
    Bad(String),
}

fn now_millis() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

/// Applies changes made by other copies; this copy's own are skipped. How
/// many were applied.
pub fn apply_remote(store: &Store, changes: &[Change]) -> Result<usize, SyncError> {
    let log = store.change_log().ok_or(SyncError::NotJoined)?;
    let meta = store.sled_tree(META)?;
    let held_tree = store.sled_tree(HELD)?;
    let mut applied = 0;
    // Another copy's changes come in the order it made them: one at or
    // below what was taken in from it is a delivery made again.
    let mut seen: std::collections::HashMap<NodeId, u64> = std::collections::HashMap::new();
    let mut theirs: Vec<&Change> = Vec::new();
    for change in changes.iter().filter(|c| c.id.node != log.node) {
        let up_to = match seen.get(&change.id.node) {
            Some(up_to) => *up_to,
            None => super::log::applied_up_to(&meta, change.id.node)?,
        };
        if change.id.seq > up_to {
            seen.insert(change.id.node, change.id.seq);
            theirs.push(change);
        } else {
            seen.insert(change.id.node, up_to);
        }
    }
    let mut next = 0;
    while next < theirs.len() {
        let change = theirs[next];
        if crate::roster::shared::is_roster(&change.tree) {
            // A run of creators and their figures goes in as one write of the roster.
            let run = theirs[next..]
                .iter()
                .take_while(|c| crate::roster::shared::is_roster(&c.tree))
                .count();
            let run = &theirs[next..next + run];
            let taken = crate::roster::shared::take_in(store, run)?;
            for (change, taken) in run.iter().zip(&taken) {
                super::conflicts::save_clashes(store, change, &taken.clashes)?;
                super::conflicts::check_creator(store, change, taken)?;
            }
            applied += run.len();
            next += run.len();
            continue;
        }
        next += 1;
        let records = store.sled_tree(&change.tree)?;
        let now = now_millis();
        let clashes = std::cell::RefCell::new(Vec::new());
        let result = (&records, &held_tree, &meta).transaction(|(records, held, meta)| {
            let refuse = |r: Refused| ConflictableTransactionError::Abort(r);
            let mut clock = read_clock(meta, log.node)?;
            clock
                .observe(change.stamp, now)
                .map_err(|e| refuse(Refused::Clock(e)))?;
            let held_at = held_key(&change.tree, &change.key);
            let before = records.get(&change.key)?;
            let mut state = match read_held(held, &held_at) {
                Ok(Some(state)) => state,
                Ok(None) => held_from(before.as_deref()).map_err(|e| refuse(Refused::Bad(e)))?,
                Err(ConflictableTransactionError::Abort(e)) => return Err(refuse(Refused::Bad(e))),
                Err(ConflictableTransactionError::Conflict) => return Err(ConflictableTransactionError::Conflict),
                Err(ConflictableTransactionError::Storage(e)) => return Err(ConflictableTransactionError::Storage(e)),
            };
            *clashes.borrow_mut() = super::conflicts::clashes(&state, change);
            state.apply_with(&change.edit, change.stamp, append_only(&change.tree), &change.elements);
            match state.value() {
                Some(value) => {
                    let bytes = codec::encode(change.version, &value).map_err(|e| refuse(Refused::Bad(e)))?;
                    records.insert(change.key.as_slice(), bytes)?;
                }
                None => {
                    records.remove(change.key.as_slice())?;
                }
            }
            let state = serde_json::to_vec(&state).map_err(|e| refuse(Refused::Bad(e.to_string())))?;
            held.insert(held_at, state)?;
            meta.insert(super::log::applied_key(change.id.node), &change.id.seq.to_be_bytes())?;
            write_clock(meta, &clock)?;
            Ok(())
        });
        match result {
            Ok(()) => {
                applied += 1;
                super::conflicts::save_clashes(store, change, &clashes.borrow())?;
                super::conflicts::check(store, change)?;
            }
            Err(TransactionError::Abort(Refused::Clock(e))) => return Err(e.into()),
            Err(TransactionError::Abort(Refused::Bad(detail))) => {
                return Err(SyncError::BadChange {
                    author: change.author.clone(),
                    tree: change.tree.clone(),
                    detail,
                })
            }
            Err(TransactionError::Storage(e)) => return Err(StoreError::from_sled(e).into()),
        }
    }
    store.flush()?;
    // Creators came in through the roster's writer, which keeps the index in
    // step; tier boundaries from elsewhere change what the index holds.
    if theirs
        .iter()
        .any(|c| c.tree == <crate::roster::TierBoundaries as crate::store::Record>::TREE)
    {
        crate::roster::index::state(store).invalidate();
    }
    Ok(applied)
}

/// A record's field stamps as kept, or made from its stored bytes `before`.
pub(crate) fn held_of(store: &Store, tree: &str, key: &[u8], before: Option<&[u8]>) -> Result<Held, String> {
    let held = store.sled_tree(HELD).map_err(|e| e.to_string())?;
    match held.get(held_key(tree, key)).map_err(|e| e.to_string())? {
        Some(bytes) => serde_json::from_slice(&bytes).map_err(|e| e.to_string()),
        None => held_from(before),
    }
}

/// Applies `batch` (what merging changes wrote where their records live)
/// with each record's new field stamps `held` (under their `held_key`) and
/// the clock moved past the latest of `changes`, each noted as taken in, in
/// one transaction: for records kept in a layout of their own.
pub(crate) fn commit(
    store: &Store,
    records: &sled::Tree,
    batch: &sled::Batch,
    held: &[(Vec<u8>, Held)],
    changes: &[&Change],
) -> Result<(), SyncError> {
    let latest = changes.iter().map(|c| c.stamp).max();
    let mut applied: std::collections::HashMap<NodeId, u64> = std::collections::HashMap::new();
    for change in changes {
        let seq = applied.entry(change.id.node).or_default();
        *seq = (*seq).max(change.id.seq);
    }
    let log = store.change_log().ok_or(SyncError::NotJoined)?;
    let meta = store.sled_tree(META)?;
    let held_tree = store.sled_tree(HELD)?;
    let held: Vec<(&[u8], Vec<u8>)> = held
        .iter()
        .map(|(key, state)| serde_json::to_vec(state).map(|json| (key.as_slice(), json)))
        .collect::<Result<_, _>>()
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    let now = now_millis();
    let result = (records, &held_tree, &meta).transaction(|(records, held_now, meta)| {
        let mut clock = read_clock(meta, log.node)?;
        if let Some(latest) = latest {
            clock
                .observe(latest, now)
                .map_err(ConflictableTransactionError::Abort)?;
        }
        records.apply_batch(batch)?;
        for (key, state) in &held {
            held_now.insert(*key, state.as_slice())?;
        }
        for (node, seq) in &applied {
            meta.insert(super::log::applied_key(*node), &seq.to_be_bytes())?;
        }
        write_clock(meta, &clock)?;
        Ok(())
    });
    match result {
        Ok(()) => Ok(()),
        Err(TransactionError::Abort(e)) => Err(e.into()),
        Err(TransactionError::Storage(e)) => Err(StoreError::from_sled(e).into()),
    }
}

#[cfg(test)]
mod tests;
