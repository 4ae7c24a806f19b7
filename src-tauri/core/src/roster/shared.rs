//! How the roster travels to a team. Creators live in compressed blocks
//! (`blocks`), a layout that is this copy's own; what a team shares is each
//! creator as a record of its own, tree `creators` keyed by id, in the
//! store's layout (JSON, version 1), so a creator merges field by field
//! like every other record. The Writer logs these records in the same
//! transaction as the block it writes; changes from other copies come back
//! through the Writer too (`take_in`), so the blocks, their count and the
//! index stay in step.

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

/// Merges a change another copy made to a creator into this copy's roster,
/// in one transaction with the creator's field stamps and the clock.
pub(crate) fn take_in(store: &Store, change: &Change) -> Result<Taken, SyncError> {
    let bad = |detail: String| SyncError::BadChange {
        author: change.author.clone(),
        tree: change.tree.clone(),
        detail,
    };
    let id = Uuid::from_slice(&change.key).map_err(|_| bad("its key is not a creator id".into()))?;
    with_writer(store, |writer| {
        let current = writer.stored(&id)?;
        let before = current.as_ref().map(record).transpose()?;
        let mut state = crate::sync::apply::held_of(store, TREE, &change.key, before.as_deref()).map_err(bad)?;
        let clashes = crate::sync::conflicts::clashes(&state, change);
        state.apply(&change.edit, change.stamp, &[]);
        let merged: Option<Influencer> = state
            .value()
            .map(|value| serde_json::from_value(value).map_err(|e| bad(format!("it is not a whole creator ({e})"))))
            .transpose()?;
        let mut sharing = Vec::new();
        for account in merged.iter().flat_map(|m| &m.accounts) {
            if let Some((_, holder)) = writer.holder_of(account.platform, &account.handle)? {
                if holder.id != id && !sharing.iter().any(|(h, _): &(Influencer, Account)| h.id == holder.id) {
                    sharing.push((holder, account.clone()));
                }
            }
        }
        writer.take_remote(merged.as_ref(), current.as_ref(), |tree, batch| {
            crate::sync::apply::commit(store, tree, batch, change, &state)
        })?;
        Ok(Taken {
            merged,
            sharing,
            clashes,
        })
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
