//! Every write to the roster's blocks goes through a `Writer`: one at a
//! time (`with_writer`), each an atomic, flushed sled batch, each keeping the
//! in-memory index in step.

use std::collections::BTreeMap;

use sled::Batch;
use uuid::Uuid;

use super::blocks::{self, BLOCK_SIZE};
use super::index::{self, RosterState};
use super::model::{Influencer, Platform};
use crate::store::{Store, StoreError};

/// Up to this many changes an import updates the built index in place;
/// beyond it, dropping the index and building it again is quicker.
const INCREMENTAL_LIMIT: usize = 20_000;

pub(crate) struct Writer<'a> {
    store: &'a Store,
    state: &'a RosterState,
    tree: sled::Tree,
}

/// Runs `write` as the only roster writer of this store.
pub(crate) fn with_writer<R, E: From<StoreError>>(
    store: &Store,
    write: impl FnOnce(&Writer<'_>) -> Result<R, E>,
) -> Result<R, E> {
    let state = index::state(store);
    let _only_writer = state.writing.lock().unwrap_or_else(|p| p.into_inner());
    let writer = Writer {
        store,
        state: &state,
        tree: blocks::tree(store)?,
    };
    write(&writer)
}

fn missing(id: &Uuid) -> StoreError {
    blocks::bad(format!("the index points to creator {id}, who is not in the store"))
}

impl Writer<'_> {
    /// The stored creator who holds this account, and the block they are in.
    pub(crate) fn holder_of(&self, platform: Platform, handle: &str) -> Result<Option<(u32, Influencer)>, StoreError> {
        let Some((block, id)) = self.state.read(self.store)?.account_holder(platform, handle) else {
            return Ok(None);
        };
        let found = blocks::fetch(&self.tree, &[(block, id)])?.pop();
        Ok(found
            .filter(|i| i.accounts.iter().any(|a| a.platform == platform && a.handle == handle))
            .map(|i| (block, i)))
    }

    fn block_for_new(&self) -> Result<u32, StoreError> {
        Ok(match blocks::last(&self.tree)? {
            Some((block, held)) if held < BLOCK_SIZE => block,
            Some((block, _)) => block + 1,
            None => 0,
        })
    }

    fn stored_block(&self, id: &Uuid) -> Result<u32, StoreError> {
        self.state.read(self.store)?.block_of(id).ok_or_else(|| missing(id))
    }

    /// Stores one creator; `previous` is how they are stored now, `None` for
    /// someone new.
    pub(crate) fn put(&self, influencer: &Influencer, previous: Option<&Influencer>) -> Result<(), StoreError> {
        let block = match previous {
            Some(previous) => self.stored_block(&previous.id)?,
            None => self.block_for_new()?,
        };
        let mut batch = Batch::default();
        let change = [(influencer.id, Some(blocks::encode(influencer)))];
        blocks::rewrite(&self.tree, &mut batch, block, &change)?;
        self.store.apply(&self.tree, batch)?;
        self.state.update(|index| {
            if let Some(previous) = previous {
                index.remove(previous);
            }
            index.insert(block, influencer);
        });
        Ok(())
    }

    pub(crate) fn remove(&self, stored: &Influencer) -> Result<(), StoreError> {
        let block = self.stored_block(&stored.id)?;
        let mut batch = Batch::default();
        blocks::rewrite(&self.tree, &mut batch, block, &[(stored.id, None)])?;
        self.store.apply(&self.tree, batch)?;
        self.state.update(|index| index.remove(stored));
        Ok(())
    }

    /// Writes an import in one atomic batch: `new` (encoded creators) into
    /// fresh blocks after the last one, each `(now, before)` of `changed`
    /// where it is stored.
    pub(crate) fn commit(&self, new: &[Box<[u8]>], changed: &[(Influencer, Influencer)]) -> Result<(), StoreError> {
        let first_new_block = match blocks::last(&self.tree)? {
            Some((block, _)) => block + 1,
            None => 0,
        };
        let mut batch = Batch::default();
        let mut new_blocks = Vec::new();
        for (n, chunk) in new.chunks(BLOCK_SIZE).enumerate() {
            let block = first_new_block + n as u32;
            batch.insert(&blocks::key(block), blocks::join(chunk.iter().map(|r| &r[..])));
            new_blocks.push(block);
        }
        let mut by_block: BTreeMap<u32, Vec<blocks::Change>> = BTreeMap::new();
        for (now, before) in changed {
            by_block
                .entry(self.stored_block(&before.id)?)
                .or_default()
                .push((now.id, Some(blocks::encode(now))));
        }
        for (block, changes) in &by_block {
            blocks::rewrite(&self.tree, &mut batch, *block, changes)?;
        }
        self.store.apply(&self.tree, batch)?;

        if new.len() + changed.len() > INCREMENTAL_LIMIT {
            self.state.invalidate();
            return Ok(());
        }
        let mut decoded = Vec::with_capacity(new.len());
        for (n, record) in new.iter().enumerate() {
            decoded.push((new_blocks[n / BLOCK_SIZE], blocks::decode(record)?));
        }
        let block_of: Vec<u32> = changed
            .iter()
            .map(|(_, before)| self.stored_block(&before.id))
            .collect::<Result<_, _>>()?;
        self.state.update(|index| {
            for ((now, before), block) in changed.iter().zip(block_of) {
                index.remove(before);
                index.insert(block, now);
            }
            for (block, influencer) in &decoded {
                index.insert(*block, influencer);
            }
        });
        Ok(())
    }

    /// Replaces the whole roster with `influencers`, atomically.
    pub(crate) fn replace_all(&self, influencers: &[Influencer]) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        for key in self.tree.scan_prefix(b"b").keys() {
            batch.remove(key.map_err(StoreError::from_sled)?);
        }
        for (block, chunk) in influencers.chunks(BLOCK_SIZE).enumerate() {
            let records: Vec<Vec<u8>> = chunk.iter().map(blocks::encode).collect();
            batch.insert(&blocks::key(block as u32), blocks::join(records.iter().map(|r| &r[..])));
        }
        self.store.apply(&self.tree, batch)?;
        self.state.invalidate();
        Ok(())
    }
}

/// Replaces the whole roster with `influencers` in one atomic write.
pub fn replace_all(store: &Store, influencers: &[Influencer]) -> Result<(), StoreError> {
    with_writer(store, |writer| writer.replace_all(influencers))
}

/// Schema 1 → 2: the JSON records of the `influencers` tree, one per
/// creator, become blocks in the `roster` tree. Starts from an empty
/// `roster` tree, so running it again after a crash gives the same result.
pub(crate) fn migrate_to_blocks(db: &sled::Db) -> Result<(), String> {
    let old = db.open_tree("influencers").map_err(|e| e.to_string())?;
    let new = db.open_tree(blocks::TREE).map_err(|e| e.to_string())?;
    let mut records = Vec::new();
    for entry in old.iter() {
        let (_, bytes) = entry.map_err(|e| e.to_string())?;
        // Schema 1's record is today's `Influencer` as JSON, layout version 1.
        let influencer: Influencer = crate::store::codec::decode(1, &bytes)?;
        records.push(blocks::encode(&influencer));
    }
    let mut batch = Batch::default();
    for key in new.iter().keys() {
        batch.remove(key.map_err(|e| e.to_string())?);
    }
    for (block, chunk) in records.chunks(BLOCK_SIZE).enumerate() {
        batch.insert(&blocks::key(block as u32), blocks::join(chunk.iter().map(|r| &r[..])));
    }
    new.apply_batch(batch).map_err(|e| e.to_string())
}
