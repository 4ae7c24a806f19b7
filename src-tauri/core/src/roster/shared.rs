//! How the roster travels to a team. Creators live in compressed blocks
//! (`blocks`), a layout that is this copy's own; what a team shares is each
//! creator as a record of its own, tree `creators` keyed by id, in the
//! store's layout (JSON, version 1), so a creator merges field by field
//! like every other record. The Writer logs these records in the same
//! transaction as the block it writes; changes from other copies come back
//! through the Writer too (`take_in`), so the blocks, their count and the
//! index stay in step.

use std::collections::HashMap;

use uuid::Uuid;

use super::bulk::with_writer;
use super::model::{Account, Influencer};
use crate::store::{codec, Store, StoreError};
use crate::sync::apply::SyncError;
use crate::sync::change::Change;
use crate::sync::log::{Log, Logical};

/// The tree name creators are shared under. No sled tree has it.
pub const TREE: &str = "creators";
/// The layout version of a shared creator record.
const VERSION: u16 = 1;

fn record(influencer: &Influencer) -> Result<Vec<u8>, StoreError> {
    codec::encode(VERSION, influencer).map_err(StoreError::Engine)
}

/// What a write does to each creator (before, after), as records to log.
pub(crate) fn writes<'a>(
    creators: impl IntoIterator<Item = (Option<&'a Influencer>, Option<&'a Influencer>)>,
) -> Result<Vec<Logical>, StoreError> {
    creators
        .into_iter()
        .filter_map(|(before, after)| {
            let id = after.or(before)?.id;
            Some((id, before, after))
        })
        .map(|(id, before, after)| {
            Ok(Logical {
                tree: TREE,
                key: id.as_bytes().to_vec(),
                before: before.map(record).transpose()?,
                after: after.map(record).transpose()?,
            })
        })
        .collect()
}

/// A creator as merged from another copy's change.
#[derive(Debug)]
pub(crate) struct Taken {
    /// `None` when the change removed them.
    pub merged: Option<Influencer>,
    /// Other creators here holding one of the merged creator's accounts:
    /// "one account, one creator" broken by the merge, for a person to settle.
    pub sharing: Vec<(Influencer, Account)>,
    /// Fields this copy changed at the same time (`conflicts::clashes`).
    pub clashes: Vec<crate::sync::conflicts::FieldClash>,
}

/// A creator being merged within one run of changes: as stored before the
/// run, its field stamps so far, and as merged so far.
struct Merging {
    stored: Option<Influencer>,
    held: crate::sync::merge::Held,
    merged: Option<Influencer>,
}

/// Merges a run of changes other copies made to creators into this copy's
/// roster, in one transaction with the creators' field stamps and the
/// clock, each changed block rewritten once. One `Taken` per change, in order.
pub(crate) fn take_in(store: &Store, changes: &[&Change]) -> Result<Vec<Taken>, SyncError> {
    with_writer(store, |writer| {
        let mut merging: HashMap<Uuid, Merging> = HashMap::new();
        let mut order = Vec::new();
        let mut taken = Vec::with_capacity(changes.len());
        for change in changes {
            let bad = |detail: String| SyncError::BadChange {
                author: change.author.clone(),
                tree: change.tree.clone(),
                detail,
            };
            let id = Uuid::from_slice(&change.key).map_err(|_| bad("its key is not a creator id".into()))?;
            let this = match merging.entry(id) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    let stored = writer.stored(&id)?;
                    let before = stored.as_ref().map(record).transpose()?;
                    let held = crate::sync::apply::held_of(store, TREE, &change.key, before.as_deref()).map_err(bad)?;
                    let merged = stored.clone();
                    order.push(id);
                    entry.insert(Merging { stored, held, merged })
                }
            };
            let clashes = crate::sync::conflicts::clashes(&this.held, change);
            this.held.apply(&change.edit, change.stamp, &[]);
            this.merged = this
                .held
                .value()
                .map(|value| serde_json::from_value(value).map_err(|e| bad(format!("it is not a whole creator ({e})"))))
                .transpose()?;
            let mut sharing: Vec<(Influencer, Account)> = Vec::new();
            for account in this.merged.iter().flat_map(|m| &m.accounts) {
                if let Some((_, holder)) = writer.holder_of(account.platform, &account.handle)? {
                    if holder.id != id && !sharing.iter().any(|(h, _)| h.id == holder.id) {
                        sharing.push((holder, account.clone()));
                    }
                }
            }
            taken.push(Taken {
                merged: this.merged.clone(),
                sharing,
                clashes,
            });
        }
        let mut items = Vec::with_capacity(order.len());
        let mut held = Vec::with_capacity(order.len());
        for id in &order {
            let Some(done) = merging.remove(id) else { continue };
            held.push((crate::sync::log::held_key(TREE, id.as_bytes()), done.held));
            items.push((done.merged, done.stored));
        }
        writer.take_remote(&items, |tree, batch| {
            crate::sync::apply::commit(store, tree, batch, &held, changes)
        })?;
        Ok(taken)
    })
}

/// Logs every creator here, whole: what joining a team shares of the roster.
pub(crate) fn share_all(store: &Store, log: &Log) -> Result<(), StoreError> {
    with_writer(store, |_only_writer| {
        let tree = super::blocks::tree(store)?;
        let mut all = Vec::new();
        super::blocks::for_each(&tree, |_, creator| {
            all.push(creator);
            Ok(())
        })?;
        let logged = writes(all.iter().map(|creator| (None, Some(creator))))?;
        if logged.is_empty() {
            return Ok(());
        }
        crate::sync::log::write_batch(store.db(), &tree, &sled::Batch::default(), &logged, log)
    })
}

#[cfg(test)]
mod tests;
