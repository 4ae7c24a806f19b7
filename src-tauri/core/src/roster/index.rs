//! The roster's in-memory index: one compact row per creator with what
//! search, filters, sort and the one-account-one-creator rule need, so that
//! none of them decodes a stored record.
//!
//! It is built from the blocks on first use (about half a second for a
//! million creators), kept with the `Store`, and updated by every write
//! (`roster::add`, `update`, `remove`); a bulk write (import, workspace
//! import) drops it and the next reader builds it again.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{Mutex, RwLock, RwLockReadGuard};

use uuid::Uuid;

use super::blocks;
use super::model::{Influencer, Platform};
use super::query::Tier;
use crate::store::{Store, StoreError};

/// Row numbers are positions in the columns below; they are not stored and
/// mean nothing across builds.
pub(crate) type Row = u32;

/// A stable-in-this-process 64-bit digest of an account. Two accounts with
/// the same digest are told apart by reading the record (`verify` callers),
/// so a collision can cost a missed merge, never a wrong one.
pub(crate) fn account_key(platform: Platform, handle: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (platform as u8).hash(&mut hasher);
    handle.hash(&mut hasher);
    hasher.finish()
}

/// The keys are digests already; hashing them again is wasted work.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type AccountMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

/// Separates the parts of a row's search text; it cannot be typed in a search.
const SEPARATOR: char = '\u{1}';

#[derive(Default)]
pub(crate) struct RosterIndex {
    pub(crate) ids: Vec<Uuid>,
    pub(crate) blocks: Vec<u32>,
    pub(crate) alive: Vec<bool>,
    /// Followers across all accounts (what the roster shows and sorts by).
    pub(crate) followers: Vec<u64>,
    pub(crate) tiers: Vec<Tier>,
    /// Bit `p` set: has an account on `Platform::ALL[p]`.
    pub(crate) platforms: Vec<u16>,
    /// ISO code bytes; `[0, 0]` when unknown.
    pub(crate) countries: Vec<[u8; 2]>,
    pub(crate) added: Vec<(i64, u32)>,
    /// The first eight bytes of the lower-case name, big endian: most name
    /// comparisons end here without touching the text.
    pub(crate) name_prefix: Vec<u64>,
    /// Lower-case name, handles, email and niches, separated by `SEPARATOR`;
    /// the name comes first.
    pub(crate) text: Vec<Box<str>>,
    pub(crate) niches: Vec<Box<[u32]>>,
    pub(crate) niche_names: Vec<Box<str>>,
    niche_numbers: HashMap<Box<str>, u32>,
    by_id: HashMap<Uuid, Row>,
    by_account: AccountMap<Row>,
    pub(crate) live: usize,
}

impl RosterIndex {
    pub(crate) fn build(store: &Store) -> Result<RosterIndex, StoreError> {
        let mut index = RosterIndex::default();
        blocks::for_each(&blocks::tree(store)?, |block, influencer| {
            index.insert(block, &influencer);
            Ok(())
        })?;
        Ok(index)
    }

    pub(crate) fn len(&self) -> usize {
        self.live
    }

    pub(crate) fn row_of(&self, id: &Uuid) -> Option<Row> {
        self.by_id.get(id).copied()
    }

    /// Where the creator `id` is stored.
    pub(crate) fn block_of(&self, id: &Uuid) -> Option<u32> {
        self.row_of(id).map(|row| self.blocks[row as usize])
    }

    /// The creator that probably holds this account (see `account_key`).
    pub(crate) fn account_holder(&self, platform: Platform, handle: &str) -> Option<(u32, Uuid)> {
        let row = *self.by_account.get(&account_key(platform, handle))? as usize;
        Some((self.blocks[row], self.ids[row]))
    }

    pub(crate) fn name_of(&self, row: Row) -> &str {
        let text = &self.text[row as usize];
        text.split(SEPARATOR).next().unwrap_or("")
    }

    fn niche_number(&mut self, niche: &str) -> u32 {
        if let Some(&n) = self.niche_numbers.get(niche) {
            return n;
        }
        let n = self.niche_names.len() as u32;
        self.niche_names.push(niche.into());
        self.niche_numbers.insert(niche.into(), n);
        n
    }

    pub(crate) fn insert(&mut self, block: u32, influencer: &Influencer) {
        let row = self.ids.len() as Row;
        let name = influencer.name.to_lowercase();
        let mut prefix = [0u8; 8];
        let take = name.len().min(8);
        prefix[..take].copy_from_slice(&name.as_bytes()[..take]);
        let mut text = name;
        let mut platforms = 0u16;
        for account in &influencer.accounts {
            text.push(SEPARATOR);
            text.push_str(&account.handle);
            platforms |= 1 << account.platform as u16;
            self.by_account
                .insert(account_key(account.platform, &account.handle), row);
        }
        if let Some(email) = &influencer.email {
            text.push(SEPARATOR);
            text.push_str(&email.to_lowercase());
        }
        for niche in &influencer.niches {
            text.push(SEPARATOR);
            text.push_str(niche);
        }
        let niches: Box<[u32]> = influencer.niches.iter().map(|n| self.niche_number(n)).collect();
        let country = influencer
            .country
            .as_deref()
            .and_then(|c| <[u8; 2]>::try_from(c.as_bytes()).ok())
            .unwrap_or([0, 0]);
        self.ids.push(influencer.id);
        self.blocks.push(block);
        self.alive.push(true);
        self.followers.push(influencer.total_followers());
        self.tiers.push(Tier::of(influencer.top_followers()));
        self.platforms.push(platforms);
        self.countries.push(country);
        self.added.push((
            influencer.created_at.timestamp(),
            influencer.created_at.timestamp_subsec_nanos(),
        ));
        self.name_prefix.push(u64::from_be_bytes(prefix));
        self.text.push(text.into_boxed_str());
        self.niches.push(niches);
        self.by_id.insert(influencer.id, row);
        self.live += 1;
    }

    /// Forgets the creator `stored` (as it was stored until now).
    pub(crate) fn remove(&mut self, stored: &Influencer) {
        let Some(row) = self.by_id.remove(&stored.id) else {
            return;
        };
        for account in &stored.accounts {
            let key = account_key(account.platform, &account.handle);
            if self.by_account.get(&key) == Some(&row) {
                self.by_account.remove(&key);
            }
        }
        let row = row as usize;
        self.alive[row] = false;
        self.text[row] = Box::from("");
        self.niches[row] = Box::new([]);
        self.live -= 1;
    }
}

/// The index and the lock that serialises writers, kept with the store.
#[derive(Default)]
pub(crate) struct RosterState {
    /// Held by every roster write from its first read to its last write, so
    /// two writers never check "is this account free?" against the same state.
    pub(crate) writing: Mutex<()>,
    index: RwLock<Option<RosterIndex>>,
}

/// Read access to a built index.
pub(crate) struct IndexRead<'a>(RwLockReadGuard<'a, Option<RosterIndex>>);

impl std::ops::Deref for IndexRead<'_> {
    type Target = RosterIndex;
    fn deref(&self) -> &RosterIndex {
        self.0
            .as_ref()
            .unwrap_or_else(|| unreachable!("IndexRead is only made for a built index"))
    }
}

impl RosterState {
    /// The index, built first if it is not.
    pub(crate) fn read(&self, store: &Store) -> Result<IndexRead<'_>, StoreError> {
        loop {
            let guard = self.index.read().unwrap_or_else(|p| p.into_inner());
            if guard.is_some() {
                return Ok(IndexRead(guard));
            }
            drop(guard);
            let mut slot = self.index.write().unwrap_or_else(|p| p.into_inner());
            if slot.is_none() {
                *slot = Some(RosterIndex::build(store)?);
            }
        }
    }

    /// Changes a built index in place; does nothing if none is built (the
    /// next reader builds it from the store, which already has the change).
    pub(crate) fn update(&self, change: impl FnOnce(&mut RosterIndex)) {
        if let Some(index) = self.index.write().unwrap_or_else(|p| p.into_inner()).as_mut() {
            change(index);
        }
    }

    /// Drops the index after a bulk write.
    pub(crate) fn invalidate(&self) {
        *self.index.write().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

pub(crate) fn state(store: &Store) -> std::sync::Arc<RosterState> {
    store.derived::<RosterState>()
}
