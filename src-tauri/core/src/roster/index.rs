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
use super::codec::{Reader, RecordView};
use super::model::{Influencer, Platform};
use super::tiers::{Tier, TierBoundaries};
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
    /// What `tiers` were computed with.
    pub(crate) boundaries: TierBoundaries,
    /// Bit `p` set: has an account on `Platform::ALL[p]`.
    pub(crate) platforms: Vec<u16>,
    /// ISO code bytes; `[0, 0]` when unknown.
    pub(crate) countries: Vec<[u8; 2]>,
    /// When the creator was added, in nanoseconds since 1970.
    pub(crate) added: Vec<i64>,
    /// The first eight bytes of the lower-case name, big endian: most name
    /// comparisons end here without touching the text.
    pub(crate) name_prefix: Vec<u64>,
    /// Each row's search text lives in one arena (a million small strings
    /// would cost more in allocator overhead than in text): the lower-case
    /// name, handles, email and niches, separated by `SEPARATOR`, name first.
    text: String,
    text_spans: Vec<(u32, u32)>,
    /// Where in `text` the handle of the largest account is.
    main_handles: Vec<(u32, u32)>,
    niche_arena: Vec<u32>,
    niche_spans: Vec<(u32, u32)>,
    pub(crate) niche_names: Vec<Box<str>>,
    niche_numbers: HashMap<Box<str>, u32>,
    by_id: HashMap<Uuid, Row>,
    by_account: AccountMap<Row>,
    pub(crate) live: usize,
}

impl RosterIndex {
    pub(crate) fn build(store: &Store) -> Result<RosterIndex, StoreError> {
        let tree = blocks::tree(store)?;
        let mut index = RosterIndex {
            boundaries: super::tiers::tier_boundaries(store)?,
            ..RosterIndex::default()
        };
        // Blocks are numbered in order and mostly full: sizing every column
        // once spares copying hundreds of megabytes as they grow.
        if let Some((last, _)) = blocks::last(&tree)? {
            index.reserve((last as usize + 1) * blocks::BLOCK_SIZE);
        }
        blocks::for_each_view(&tree, |block, view| {
            index.insert_view(block, view);
            Ok(())
        })?;
        Ok(index)
    }

    fn reserve(&mut self, rows: usize) {
        self.ids.reserve(rows);
        self.blocks.reserve(rows);
        self.alive.reserve(rows);
        self.followers.reserve(rows);
        self.tiers.reserve(rows);
        self.platforms.reserve(rows);
        self.countries.reserve(rows);
        self.added.reserve(rows);
        self.name_prefix.reserve(rows);
        self.text.reserve(rows * 96);
        self.text_spans.reserve(rows);
        self.main_handles.reserve(rows);
        self.niche_arena.reserve(rows * 2);
        self.niche_spans.reserve(rows);
        self.by_id.reserve(rows);
        self.by_account.reserve(rows);
    }

    /// Appends `text` in lower case; most names and emails are ASCII, and
    /// for those that is a copy and a pass over the bytes.
    fn push_lowercase(&mut self, text: &str) {
        if text.is_ascii() {
            let start = self.text.len();
            self.text.push_str(text);
            self.text[start..].make_ascii_lowercase();
        } else {
            self.text.push_str(&text.to_lowercase());
        }
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

    pub(crate) fn text(&self, row: Row) -> &str {
        let (start, len) = self.text_spans[row as usize];
        &self.text[start as usize..(start + len) as usize]
    }

    pub(crate) fn name_of(&self, row: Row) -> &str {
        self.text(row).split(SEPARATOR).next().unwrap_or("")
    }

    pub(crate) fn main_handle(&self, row: Row) -> &str {
        let (start, len) = self.main_handles[row as usize];
        &self.text[start as usize..(start + len) as usize]
    }

    pub(crate) fn niches(&self, row: Row) -> &[u32] {
        let (start, len) = self.niche_spans[row as usize];
        &self.niche_arena[start as usize..(start + len) as usize]
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
        let record = blocks::encode(influencer);
        if let Ok(view) = RecordView::read(&mut Reader::new(&record)) {
            self.insert_view(block, &view);
        }
    }

    pub(crate) fn insert_view(&mut self, block: u32, view: &RecordView<'_>) {
        let row = self.ids.len() as Row;
        let text_start = self.text.len();
        self.push_lowercase(view.name);
        let mut prefix = [0u8; 8];
        let name_bytes = &self.text.as_bytes()[text_start..];
        let take = name_bytes.len().min(8);
        prefix[..take].copy_from_slice(&name_bytes[..take]);
        let mut platforms = 0u16;
        let mut followers = 0u64;
        let mut top = 0u64;
        let mut main_handle = (0u32, 0u32);
        for (n, (platform, handle, count)) in view.accounts().enumerate() {
            self.text.push(SEPARATOR);
            // The first of the largest accounts, as the roster lists them.
            if n == 0 || count > top {
                main_handle = (self.text.len() as u32, handle.len() as u32);
            }
            self.text.push_str(handle);
            platforms |= 1 << platform as u16;
            followers = followers.saturating_add(count);
            top = top.max(count);
            self.by_account.insert(account_key(platform, handle), row);
        }
        if !view.email.is_empty() {
            self.text.push(SEPARATOR);
            self.push_lowercase(view.email);
        }
        let niche_start = self.niche_arena.len();
        for niche in view.niches() {
            self.text.push(SEPARATOR);
            self.text.push_str(niche);
            let n = self.niche_number(niche);
            self.niche_arena.push(n);
        }
        self.text_spans
            .push((text_start as u32, (self.text.len() - text_start) as u32));
        self.main_handles.push(main_handle);
        self.niche_spans
            .push((niche_start as u32, (self.niche_arena.len() - niche_start) as u32));
        let country = <[u8; 2]>::try_from(view.country.as_bytes()).unwrap_or([0, 0]);
        self.ids.push(view.id);
        self.blocks.push(block);
        self.alive.push(true);
        self.followers.push(followers);
        self.tiers.push(self.boundaries.tier_of(top));
        self.platforms.push(platforms);
        self.countries.push(country);
        self.added
            .push(view.created_at.timestamp_nanos_opt().unwrap_or(i64::MAX));
        self.name_prefix.push(u64::from_be_bytes(prefix));
        self.by_id.insert(view.id, row);
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
        self.text_spans[row] = (0, 0);
        self.main_handles[row] = (0, 0);
        self.niche_spans[row] = (0, 0);
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
