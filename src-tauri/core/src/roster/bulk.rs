//! Every write to the roster's blocks goes through a `Writer`: one at a
//! time (`with_writer`), each an atomic, flushed sled batch, each keeping the
//! in-memory index in step.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use sled::Batch;
use uuid::Uuid;

use super::blocks::{self, Records, BLOCK_SIZE};
use super::codec;
use super::figures::{self, CreatorFigures, PendingFigures};
use super::index::{self, RosterState};
use super::model::{Influencer, Platform};
use super::shared;
use crate::store::{Store, StoreError};
use crate::sync::log::Logical;

/// Up to this many changes an import updates the built index in place;
/// beyond it, dropping the index and building it again is quicker.
const INCREMENTAL_LIMIT: usize = 20_000;

/// Encoded creators end to end in one buffer. An import holds every new
/// creator until its single write; a million separate allocations cost a
/// third more memory than the records themselves.
#[derive(Debug, Default)]
pub struct EncodedCreators {
    bytes: Vec<u8>,
    /// Where each creator's current encoding is (start, length).
    spans: Vec<(u64, u32)>,
}

impl EncodedCreators {
    pub fn with_capacity(bytes: usize) -> EncodedCreators {
        EncodedCreators {
            bytes: Vec::with_capacity(bytes),
            spans: Vec::with_capacity(bytes / 100),
        }
    }

    /// `n` empty places, to be filled in any order with `set`.
    pub(crate) fn with_slots(n: usize) -> EncodedCreators {
        EncodedCreators {
            bytes: Vec::new(),
            spans: vec![(0, 0); n],
        }
    }

    pub(crate) fn set(&mut self, index: usize, record: &[u8]) {
        let start = self.bytes.len();
        self.bytes.extend_from_slice(record);
        self.spans[index] = (start as u64, record.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get(&self, index: usize) -> &[u8] {
        let (start, len) = self.spans[index];
        &self.bytes[start as usize..start as usize + len as usize]
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[u8]> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    fn append(&mut self, influencer: &Influencer) -> (u64, u32) {
        let start = self.bytes.len();
        codec::encode(influencer, &mut self.bytes);
        (start as u64, (self.bytes.len() - start) as u32)
    }

    /// Adds a creator; returns its index.
    pub fn push(&mut self, influencer: &Influencer) -> usize {
        let span = self.append(influencer);
        self.spans.push(span);
        self.spans.len() - 1
    }

    /// Replaces creator `index` (the old bytes stay unused until the end).
    pub fn replace(&mut self, index: usize, influencer: &Influencer) {
        self.spans[index] = self.append(influencer);
    }
}

pub(crate) struct Writer<'a> {
    store: &'a Store,
    state: &'a RosterState,
    tree: sled::Tree,
    /// Blocks read lately, newest last: an import that names stored
    /// creators in the order they were added reads each block once, not once
    /// per creator.
    recent: RefCell<Vec<(u32, Rc<Records>)>>,
}

/// Blocks kept in `Writer::recent`.
const RECENT_BLOCKS: usize = 16;

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
        recent: RefCell::default(),
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
        let Some(records) = self.block(block)? else {
            return Ok(None);
        };
        let Some(record) = records.iter().find(|r| codec::id_of(r) == Some(id)) else {
            return Ok(None);
        };
        let found = blocks::decode(record)?;
        let holds = found
            .accounts
            .iter()
            .any(|a| a.platform == platform && a.handle == handle);
        Ok(holds.then_some((block, found)))
    }

    fn block(&self, block: u32) -> Result<Option<Rc<Records>>, StoreError> {
        let mut recent = self.recent.borrow_mut();
        if let Some((_, records)) = recent.iter().find(|(b, _)| *b == block) {
            return Ok(Some(records.clone()));
        }
        let Some(bytes) = self.tree.get(blocks::key(block)).map_err(StoreError::from_sled)? else {
            return Ok(None);
        };
        let records = Rc::new(blocks::split(&bytes)?);
        if recent.len() == RECENT_BLOCKS {
            recent.remove(0);
        }
        recent.push((block, records.clone()));
        Ok(Some(records))
    }

    /// Applies `batch`, with the creators it writes logged for the team
    /// when this copy has joined one (`writes` is only called then: what
    /// each creator was and becomes). What was read before may be stale after it.
    fn apply(&self, batch: Batch, writes: impl FnOnce() -> Result<Vec<Logical>, StoreError>) -> Result<(), StoreError> {
        self.recent.borrow_mut().clear();
        match self.store.change_log() {
            Some(log) => {
                crate::sync::log::write_batch(self.store.db(), &self.tree, &batch, &writes()?, &log)?;
                self.store.flush()
            }
            None => self.store.apply(&self.tree, batch),
        }
    }

    /// The stored creator with this id, if any.
    pub(crate) fn stored(&self, id: &Uuid) -> Result<Option<Influencer>, StoreError> {
        let Some(block) = self.state.read(self.store)?.block_of(id) else {
            return Ok(None);
        };
        let Some(records) = self.block(block)? else {
            return Ok(None);
        };
        let found = records
            .iter()
            .find(|r| codec::id_of(r) == Some(*id))
            .map(blocks::decode)
            .transpose();
        found
    }

    /// The batch that makes one creator `after` (`None`: removed) where
    /// `previous` is how they are stored now (`None`: new), and their block.
    fn one(&self, after: Option<&Influencer>, previous: Option<&Influencer>) -> Result<(Batch, u32), StoreError> {
        let mut batch = Batch::default();
        let block = match (previous, after) {
            (Some(previous), _) => self.stored_block(&previous.id)?,
            (None, _) => self.block_for_new()?,
        };
        match (previous, after) {
            (None, None) => {}
            (None, Some(new)) => {
                blocks::put_count(&mut batch, self.count()? + 1);
                blocks::rewrite(&self.tree, &mut batch, block, &[(new.id, Some(blocks::encode(new)))])?;
            }
            (Some(_), Some(now)) => {
                blocks::rewrite(&self.tree, &mut batch, block, &[(now.id, Some(blocks::encode(now)))])?;
            }
            (Some(stored), None) => {
                blocks::put_count(&mut batch, self.count()?.saturating_sub(1));
                blocks::rewrite(&self.tree, &mut batch, block, &[(stored.id, None)])?;
                blocks::rewrite_at(&self.tree, &mut batch, &figures::key(block), &[(stored.id, None)])?;
            }
        }
        Ok((batch, block))
    }

    /// Keeps the index in step with `one`'s write.
    fn indexed(&self, after: Option<&Influencer>, previous: Option<&Influencer>, block: u32) {
        self.state.update(|index| {
            if let Some(previous) = previous {
                index.remove(previous);
            }
            if let Some(after) = after {
                index.insert(block, after);
            }
        });
    }

    /// Writes creators as other copies of the team made them, in one batch:
    /// each `(after, previous)` as `one` takes them, each creator at most
    /// once. New creators go into fresh blocks; each changed block is
    /// rewritten once. `commit` applies the batch together with the sync
    /// layer's own records.
    /// `figures`: imported figures to keep beside creators (here or in
    /// `items`), `None` to drop them; their files get import numbers here.
    pub(crate) fn take_remote<E: From<StoreError>>(
        &self,
        items: &[(Option<Influencer>, Option<Influencer>)],
        figures: &[(Uuid, Option<CreatorFigures>)],
        commit: impl FnOnce(&sled::Tree, &Batch) -> Result<(), E>,
    ) -> Result<(), E> {
        let first_new_block = match blocks::last(&self.tree)? {
            Some((block, _)) => block + 1,
            None => 0,
        };
        let mut batch = Batch::default();
        let mut count = self.count()?;
        let mut new = Vec::new();
        let mut records: BTreeMap<u32, Vec<blocks::Change>> = BTreeMap::new();
        let mut figures_gone: BTreeMap<u32, Vec<blocks::Change>> = BTreeMap::new();
        let mut placed = Vec::with_capacity(items.len());
        for (after, previous) in items {
            let block = match (previous, after) {
                (None, Some(created)) => {
                    let block = first_new_block + (new.len() / BLOCK_SIZE) as u32;
                    new.push(blocks::encode(created));
                    count += 1;
                    Some(block)
                }
                (Some(stored), Some(now)) => {
                    let block = self.stored_block(&stored.id)?;
                    records
                        .entry(block)
                        .or_default()
                        .push((now.id, Some(blocks::encode(now))));
                    Some(block)
                }
                (Some(stored), None) => {
                    let block = self.stored_block(&stored.id)?;
                    records.entry(block).or_default().push((stored.id, None));
                    figures_gone.entry(block).or_default().push((stored.id, None));
                    count = count.saturating_sub(1);
                    None
                }
                (None, None) => None,
            };
            placed.push(block);
        }
        let mut placed_here: std::collections::HashMap<Uuid, Option<u32>> = std::collections::HashMap::new();
        for ((after, previous), block) in items.iter().zip(&placed) {
            if let Some(id) = after.as_ref().or(previous.as_ref()).map(|c| c.id) {
                placed_here.insert(id, *block);
            }
        }
        let (mut known, mut next) = (Vec::new(), figures::next_import(&self.tree)?);
        for (id, given) in figures {
            let block = match placed_here.get(id) {
                Some(Some(block)) => *block,
                // Removed in this very write: their figures go with them.
                Some(None) => continue,
                None => match self.state.read(self.store)?.block_of(id) {
                    Some(block) => block,
                    // Figures of a creator this copy does not hold.
                    None => continue,
                },
            };
            let change = match given {
                Some(given) => {
                    let mut kept = given.clone();
                    kept.influencer_id = *id;
                    kept.import = figures::import_for(
                        &self.tree,
                        &mut batch,
                        &mut known,
                        &mut next,
                        &given.source,
                        given.imported_at,
                    )?;
                    Some(figures::encoded(&kept))
                }
                None => None,
            };
            figures_gone.entry(block).or_default().push((*id, change));
        }
        blocks::put_count(&mut batch, count);
        for (n, chunk) in new.chunks(BLOCK_SIZE).enumerate() {
            let records = chunk.iter().map(|r| &r[..]);
            batch.insert(&blocks::key(first_new_block + n as u32), blocks::join(records));
        }
        for (block, changes) in &records {
            blocks::rewrite(&self.tree, &mut batch, *block, changes)?;
        }
        for (block, changes) in &figures_gone {
            blocks::rewrite_at(&self.tree, &mut batch, &figures::key(*block), changes)?;
        }
        self.recent.borrow_mut().clear();
        commit(&self.tree, &batch)?;
        if items.len() > INCREMENTAL_LIMIT {
            self.state.invalidate();
            return Ok(());
        }
        self.state.update(|index| {
            for ((after, previous), block) in items.iter().zip(placed) {
                if let Some(previous) = previous {
                    index.remove(previous);
                }
                if let (Some(after), Some(block)) = (after, block) {
                    index.insert(block, after);
                }
            }
        });
        Ok(())
    }

    /// How many creators are stored now.
    fn count(&self) -> Result<u64, StoreError> {
        match blocks::stored_count(&self.tree)? {
            Some(n) => Ok(n),
            None => Ok(self.state.read(self.store)?.len() as u64),
        }
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
        let (batch, block) = self.one(Some(influencer), previous)?;
        self.apply(batch, || shared::writes([(previous, Some(influencer))]))?;
        self.indexed(Some(influencer), previous, block);
        Ok(())
    }

    pub(crate) fn remove(&self, stored: &Influencer) -> Result<(), StoreError> {
        let (batch, block) = self.one(None, Some(stored))?;
        self.apply(batch, || shared::writes([(Some(stored), None)]))?;
        self.indexed(None, Some(stored), block);
        Ok(())
    }

    /// Makes two creators one in one atomic batch: `keep` becomes
    /// `keep_after`, `other` goes, and the figures imports gave either are
    /// kept under `keep` (the newer import's where both gave one).
    pub(crate) fn merge(
        &self,
        keep: &Influencer,
        keep_after: &Influencer,
        other: &Influencer,
    ) -> Result<(), StoreError> {
        let keep_block = self.stored_block(&keep.id)?;
        let other_block = self.stored_block(&other.id)?;
        let mut batch = Batch::default();
        blocks::put_count(&mut batch, self.count()?.saturating_sub(1));
        let records = [
            (keep_block, (keep.id, Some(blocks::encode(keep_after)))),
            (other_block, (other.id, None)),
        ];
        let mine = figures::read_block(&self.tree, keep_block)?.remove(&keep.id);
        let theirs = figures::read_block(&self.tree, other_block)?.remove(&other.id);
        let merged = match (mine, theirs) {
            (Some(a), Some(b)) => {
                let (mut older, newer) = if a.import <= b.import { (a, b) } else { (b, a) };
                older.absorb(newer);
                Some(older)
            }
            (a, b) => a.or(b),
        };
        let figure_changes = merged.map(|mut f| {
            f.influencer_id = keep.id;
            [
                (keep_block, (keep.id, Some(figures::encoded(&f)))),
                (other_block, (other.id, None)),
            ]
        });
        // Both changes to one block go in one rewrite: a second rewrite
        // would start from the stored block and undo the first.
        for (key_of, changes) in [
            (blocks::key as fn(u32) -> [u8; 5], Some(records)),
            (figures::key as fn(u32) -> [u8; 5], figure_changes),
        ] {
            let Some(changes) = changes else { continue };
            if keep_block == other_block {
                let both: Vec<blocks::Change> = changes.into_iter().map(|(_, c)| c).collect();
                blocks::rewrite_at(&self.tree, &mut batch, &key_of(keep_block), &both)?;
            } else {
                for (block, change) in changes {
                    blocks::rewrite_at(&self.tree, &mut batch, &key_of(block), &[change])?;
                }
            }
        }
        self.apply(batch, || {
            shared::writes([(Some(keep), Some(keep_after)), (Some(other), None)])
        })?;
        self.state.update(|index| {
            index.remove(keep);
            index.remove(other);
            index.insert(keep_block, keep_after);
        });
        Ok(())
    }

    /// Writes an import in one atomic batch: `new` (encoded creators) into
    /// fresh blocks after the last one, each `(now, before)` of `changed`
    /// where it is stored, and the figures the file gave beside them, each
    /// plain rate made a fraction by `scale(column, number)`.
    pub(crate) fn commit(
        &self,
        new: &EncodedCreators,
        changed: &[(Influencer, Influencer)],
        figures: &PendingFigures,
        scale: &(dyn Fn(u32, f64) -> f64 + Sync),
    ) -> Result<(), StoreError> {
        let first_new_block = match blocks::last(&self.tree)? {
            Some((block, _)) => block + 1,
            None => 0,
        };
        let mut batch = Batch::default();
        blocks::put_count(&mut batch, self.count()? + new.len() as u64);
        let import = figures::next_import(&self.tree)?;
        if !figures.is_empty() {
            let (source, at) = figures.source();
            figures::put_source(&mut batch, import, source, at);
        }
        // A copy in a team logs the figures with the creators: kept to read back.
        let logging = self.store.change_log().is_some();
        let mut written_figures: Vec<Vec<u8>> = Vec::new();
        for (key, bytes) in compress_new_blocks(new, figures, scale, import, first_new_block)? {
            if logging && key.first() == Some(&b'f') {
                for record in blocks::split(&bytes)?.iter() {
                    written_figures.push(record.to_vec());
                }
            }
            batch.insert(&key, bytes);
        }
        let changed_blocks: Vec<u32> = changed
            .iter()
            .map(|(_, before)| self.stored_block(&before.id))
            .collect::<Result<_, _>>()?;
        let mut by_block: BTreeMap<u32, Vec<blocks::Change>> = BTreeMap::new();
        for ((now, _), block) in changed.iter().zip(&changed_blocks) {
            by_block
                .entry(*block)
                .or_default()
                .push((now.id, Some(blocks::encode(now))));
        }
        for (block, changes) in &by_block {
            blocks::rewrite(&self.tree, &mut batch, *block, changes)?;
        }
        let keep = logging.then_some(&mut written_figures);
        self.merge_stored_figures(&mut batch, figures.stored()?, scale, import, keep)?;
        self.apply(batch, || {
            let new = new.iter().map(blocks::decode).collect::<Result<Vec<_>, _>>()?;
            let new = new.iter().map(|n| (None, Some(n)));
            let mut logged = shared::writes(new.chain(changed.iter().map(|(now, before)| (Some(before), Some(now)))))?;
            let (source, at) = figures.source();
            let mut sourced = Vec::with_capacity(written_figures.len());
            for record in &written_figures {
                let mut one = figures::decode(record)?;
                one.source = source.to_string();
                one.imported_at = at;
                sourced.push(one);
            }
            logged.extend(shared::figure_writes(&sourced)?);
            Ok(logged)
        })?;

        if new.len() + changed.len() > INCREMENTAL_LIMIT {
            self.state.invalidate();
            return Ok(());
        }
        let mut decoded = Vec::with_capacity(new.len());
        for (n, record) in new.iter().enumerate() {
            decoded.push((first_new_block + (n / BLOCK_SIZE) as u32, blocks::decode(record)?));
        }
        self.state.update(|index| {
            for ((now, before), block) in changed.iter().zip(changed_blocks) {
                index.remove(before);
                index.insert(block, now);
            }
            for (block, influencer) in &decoded {
                index.insert(*block, influencer);
            }
        });
        Ok(())
    }

    /// Adds to `batch` the figures a file gave for stored creators, over
    /// what their figures blocks hold.
    fn merge_stored_figures(
        &self,
        batch: &mut Batch,
        given: Vec<CreatorFigures>,
        scale: &(dyn Fn(u32, f64) -> f64 + Sync),
        import: u32,
        mut written: Option<&mut Vec<Vec<u8>>>,
    ) -> Result<(), StoreError> {
        let mut by_block: BTreeMap<u32, Vec<CreatorFigures>> = BTreeMap::new();
        for figures in given {
            let block = self.stored_block(&figures.influencer_id)?;
            by_block.entry(block).or_default().push(figures);
        }
        for (block, given) in by_block {
            let mut stored = figures::read_block(&self.tree, block)?;
            let mut changes = Vec::with_capacity(given.len());
            for mut figures in given {
                figures.resolve(scale);
                figures.import = import;
                let merged = match stored.remove(&figures.influencer_id) {
                    Some(mut stored) => {
                        stored.absorb(figures);
                        stored
                    }
                    None => figures,
                };
                let record = figures::encoded(&merged);
                if let Some(written) = written.as_deref_mut() {
                    written.push(record.clone());
                }
                changes.push((merged.influencer_id, Some(record)));
            }
            blocks::rewrite_at(&self.tree, batch, &figures::key(block), &changes)?;
        }
        Ok(())
    }

    /// Replaces the whole roster with `influencers`, atomically; figures
    /// from earlier imports, and their sources, go with the roster they described.
    pub(crate) fn replace_all(&self, influencers: &[Influencer]) -> Result<(), StoreError> {
        let mut batch = Batch::default();
        for prefix in [b"b", b"f", b"s"] {
            for key in self.tree.scan_prefix(prefix).keys() {
                batch.remove(key.map_err(StoreError::from_sled)?);
            }
        }
        let records: Vec<Vec<u8>> = influencers.iter().map(blocks::encode).collect();
        put_all(&mut batch, &records);
        self.apply(batch, || {
            let mut before = BTreeMap::new();
            blocks::for_each(&self.tree, |_, stored| {
                before.insert(stored.id, stored);
                Ok(())
            })?;
            let staying: std::collections::HashSet<Uuid> = influencers.iter().map(|now| now.id).collect();
            let kept = influencers.iter().map(|now| (before.get(&now.id), Some(now)));
            let gone = before
                .values()
                .filter(|stored| !staying.contains(&stored.id))
                .map(|stored| (Some(stored), None));
            shared::writes(kept.chain(gone).collect::<Vec<_>>())
        })?;
        self.state.invalidate();
        Ok(())
    }
}

/// Adds to `batch` a whole roster of encoded creators, in blocks from 0, and
/// its count (for writes that replace everything).
fn put_all(batch: &mut Batch, records: &[Vec<u8>]) {
    blocks::put_count(batch, records.len() as u64);
    for (block, chunk) in records.chunks(BLOCK_SIZE).enumerate() {
        batch.insert(&blocks::key(block as u32), blocks::join(chunk.iter().map(|r| &r[..])));
    }
}

/// Blocks to write, each under its key.
type KeyedBlocks = Vec<([u8; 5], Vec<u8>)>;

/// The blocks that hold `new`, numbered from `first`, and the figures
/// blocks beside them, each under its key; compressed on two threads (half
/// of a million-row import's write is compression).
fn compress_new_blocks(
    new: &EncodedCreators,
    figures: &PendingFigures,
    scale: &(dyn Fn(u32, f64) -> f64 + Sync),
    import: u32,
    first: u32,
) -> Result<KeyedBlocks, StoreError> {
    let starts: Vec<usize> = (0..new.len()).step_by(BLOCK_SIZE).collect();
    let compress = |part: &[usize]| -> Result<KeyedBlocks, StoreError> {
        let mut out = Vec::with_capacity(part.len() * 2);
        // One buffer for a block's figures, reused block after block.
        let mut resolved = Vec::new();
        let mut spans = Vec::with_capacity(BLOCK_SIZE);
        for &start in part {
            let end = (start + BLOCK_SIZE).min(new.len());
            let block = first + (start / BLOCK_SIZE) as u32;
            out.push((blocks::key(block), blocks::join((start..end).map(|i| new.get(i)))));
            resolved.clear();
            spans.clear();
            for i in start..end {
                let from = resolved.len();
                if figures.write_new(i, scale, import, &mut resolved)? {
                    spans.push(from..resolved.len());
                }
            }
            if !spans.is_empty() {
                let records = spans.iter().map(|span| &resolved[span.clone()]);
                out.push((figures::key(block), blocks::join(records)));
            }
        }
        Ok(out)
    };
    let (front, back) = starts.split_at(starts.len() / 2);
    std::thread::scope(|scope| {
        let back = scope.spawn(|| compress(back));
        let mut all = compress(front)?;
        // A panic in the helper is a bug in `join`; surface it here.
        all.extend(back.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))?);
        Ok(all)
    })
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
    put_all(&mut batch, &records);
    new.apply_batch(batch).map_err(|e| e.to_string())
}
