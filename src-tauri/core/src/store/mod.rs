//! The embedded database: sled behind a small typed API.
//!
//! Rules every caller can rely on:
//! - one process per data folder (`lock`), with a clear error for the second;
//! - a backup of the database at the first start of the day and before any
//!   migration (`backup`);
//! - every write through this API is flushed to disk before it returns, so
//!   "saved" in the UI means saved, even if the process is killed next.

pub mod backup;
pub(crate) mod codec;
mod lock;
pub mod migrate;

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::io;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::sync::log::{self as change_log, Log};
use lock::DirLock;

/// A kind of value kept in its own sled tree.
pub trait Record: Serialize + DeserializeOwned {
    /// The sled tree holding records of this kind.
    const TREE: &'static str;
    /// What to call one record in messages ("influencer").
    const KIND: &'static str;
    /// The record layout version written today; bump it together with a migration.
    const VERSION: u16;
    fn key(&self) -> Vec<u8>;
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("this data folder is open in another Partnerly window ({})", dir.display())]
    InUse { dir: PathBuf },
    #[error("cannot use the data folder {}: {source}", dir.display())]
    Io { dir: PathBuf, source: io::Error },
    #[error("the database in {} is damaged and cannot be read ({detail}). Copies from earlier starts are in {}", dir.display(), dir.join("backups").display())]
    Damaged { dir: PathBuf, detail: String },
    #[error("this data folder was written by a newer Partnerly (schema version {found}; this version reads up to {supported}). Update Partnerly to open it")]
    TooNew { found: u32, supported: u32 },
    #[error("updating the stored data to schema version {to_schema} failed: {detail}. Nothing was changed")]
    Migration { to_schema: u32, detail: String },
    #[error("could not back up the data folder before opening it: {0}")]
    Backup(io::Error),
    #[error("a stored {kind} cannot be read ({detail})")]
    BadRecord { kind: &'static str, detail: String },
    #[error("the database reported a problem: {0}")]
    Engine(String),
}

impl StoreError {
    /// For errors while the store is in use; opening has its own mapping
    /// (`open_sled`) that can name the folder.
    pub(crate) fn from_sled(e: sled::Error) -> StoreError {
        StoreError::Engine(e.to_string())
    }
}

/// Sled keeps a page cache this big; its 1 GiB default is far more than a
/// roster needs, and it would show up as the app's memory use.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;

pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    last_backup: Option<PathBuf>,
    /// In-memory structures derived from the stored data (the roster's
    /// index), one per type, living as long as this handle.
    derived: Mutex<HashMap<TypeId, Arc<dyn Any + Send + Sync>>>,
    /// Set once the copy has joined a team: typed writes are then logged
    /// as changes in the same transaction (`crate::sync::log`).
    log: RwLock<Option<Log>>,
    // Dropped last: the lock must outlive the database handle.
    _lock: DirLock,
}

impl Store {
    /// Opens (creating if needed) the data folder `dir`: takes the folder
    /// lock, backs up the existing database when a backup is due (see
    /// `backup`) or a migration is about to run, opens it and runs migrations.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(dir, true)
    }

    /// Opens a throw-away copy of a database (a backup being restored),
    /// migrating it in place but without backing it up first: the original
    /// is untouched, and copying the copy would only double the disk use.
    pub(crate) fn open_copy(dir: &Path) -> Result<Store, StoreError> {
        Store::open_with(dir, false)
    }

    fn open_with(dir: &Path, backups_first: bool) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            dir: dir.to_path_buf(),
            source,
        })?;
        let lock = DirLock::acquire(dir)?;
        let db_dir = dir.join("db");
        let backups = dir.join("backups");
        let existed = db_dir.is_dir();
        let now = chrono::Utc::now();
        let mut last_backup = None;
        if backups_first && existed && backup::due(&backups, now).map_err(StoreError::Backup)? {
            last_backup = Some(take_backup(&db_dir, &backups, now)?);
        }
        let mut db = open_sled(dir, &db_dir).inspect_err(|_| discard_unreadable(&last_backup))?;
        if backups_first && existed && last_backup.is_none() && migrate::pending(&db, migrate::SCHEMA_VERSION)? {
            // A migration rewrites data: never without a copy from just before.
            drop(db);
            last_backup = Some(take_backup(&db_dir, &backups, now)?);
            db = open_sled(dir, &db_dir).inspect_err(|_| discard_unreadable(&last_backup))?;
        }
        migrate::run(&db, migrate::SCHEMA_VERSION, migrate::MIGRATIONS)?;
        let log = RwLock::new(change_log::load(&db)?);
        Ok(Store {
            dir: dir.to_path_buf(),
            db,
            last_backup,
            derived: Mutex::default(),
            log,
            _lock: lock,
        })
    }

    /// The data folder this store lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where start-up backups are kept.
    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join("backups")
    }

    /// The backup taken when this store was opened, if one was due (the
    /// first start of the day, or before a migration).
    pub fn last_backup(&self) -> Option<&Path> {
        self.last_backup.as_deref()
    }

    /// The shared instance of `T` kept with this store, made with
    /// `T::default()` on first use. Modules keep their in-memory indexes here
    /// so that they live exactly as long as the open database.
    pub(crate) fn derived<T: Default + Send + Sync + 'static>(&self) -> Arc<T> {
        let mut map = self.derived.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let entry = map
            .entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(T::default()) as Arc<dyn Any + Send + Sync>)
            .clone();
        drop(map);
        entry
            .downcast::<T>()
            .unwrap_or_else(|_| unreachable!("keyed by its own TypeId"))
    }

    /// The change log's settings, once this copy has joined a team.
    pub(crate) fn change_log(&self) -> Option<Log> {
        self.log.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub(crate) fn set_change_log(&self, log: Log) {
        *self.log.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(log);
    }

    /// Writes and logs, in one transaction, when this copy logs its changes:
    /// `None` when it does not, and the caller writes as usual.
    fn logged<T: Record>(
        &self,
        writes: impl FnOnce() -> Result<Vec<(Vec<u8>, Option<Vec<u8>>)>, StoreError>,
    ) -> Option<Result<(), StoreError>> {
        let log = self.change_log().filter(|_| change_log::shared(T::TREE))?;
        Some((|| {
            let writes = writes()?;
            change_log::write(&self.db, T::TREE, &self.tree::<T>()?, &writes, &log)?;
            self.flush()
        })())
    }

    /// The database itself, for the sync layer's transactions across trees.
    pub(crate) fn db(&self) -> &sled::Db {
        &self.db
    }

    /// The names of every tree in the database.
    pub(crate) fn tree_names(&self) -> Vec<String> {
        self.db
            .tree_names()
            .iter()
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect()
    }

    /// A raw sled tree, for modules that lay out their own keys.
    pub(crate) fn sled_tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        self.db.open_tree(name).map_err(StoreError::from_sled)
    }

    /// Applies `batch` to `tree` atomically and flushes it to disk.
    pub(crate) fn apply(&self, tree: &sled::Tree, batch: sled::Batch) -> Result<(), StoreError> {
        tree.apply_batch(batch).map_err(StoreError::from_sled)?;
        self.flush()
    }

    fn tree<T: Record>(&self) -> Result<sled::Tree, StoreError> {
        self.db.open_tree(T::TREE).map_err(StoreError::from_sled)
    }

    fn decode<T: Record>(bytes: &[u8]) -> Result<T, StoreError> {
        codec::decode(T::VERSION, bytes).map_err(|detail| StoreError::BadRecord { kind: T::KIND, detail })
    }

    fn encode<T: Record>(value: &T) -> Result<Vec<u8>, StoreError> {
        codec::encode(T::VERSION, value).map_err(StoreError::Engine)
    }

    /// Every record of a kind, in key order.
    pub fn all<T: Record>(&self) -> Result<Vec<T>, StoreError> {
        self.tree::<T>()?
            .iter()
            .values()
            .map(|bytes| Self::decode(&bytes.map_err(StoreError::from_sled)?))
            .collect()
    }

    /// The records of a kind whose keys start with `prefix`, in key order:
    /// modules that key children under their parent's id read one parent's
    /// children without decoding the rest.
    pub fn with_prefix<T: Record>(&self, prefix: &[u8]) -> Result<Vec<T>, StoreError> {
        self.tree::<T>()?
            .scan_prefix(prefix)
            .values()
            .map(|bytes| Self::decode(&bytes.map_err(StoreError::from_sled)?))
            .collect()
    }

    /// Removes every record whose key starts with `prefix` in one atomic
    /// batch, flushed; how many there were.
    pub fn remove_prefix<T: Record>(&self, prefix: &[u8]) -> Result<usize, StoreError> {
        let tree = self.tree::<T>()?;
        let mut count = 0;
        if let Some(done) = self.logged::<T>(|| {
            let keys = tree.scan_prefix(prefix).keys().map(|k| k.map(|k| (k.to_vec(), None)));
            let writes = keys.collect::<Result<Vec<_>, _>>().map_err(StoreError::from_sled)?;
            count = writes.len();
            Ok(writes)
        }) {
            return done.map(|()| count);
        }
        let mut batch = sled::Batch::default();
        let mut removed = 0;
        for key in tree.scan_prefix(prefix).keys() {
            batch.remove(key.map_err(StoreError::from_sled)?);
            removed += 1;
        }
        tree.apply_batch(batch).map_err(StoreError::from_sled)?;
        self.flush()?;
        Ok(removed)
    }

    pub fn get<T: Record>(&self, key: &[u8]) -> Result<Option<T>, StoreError> {
        match self.tree::<T>()?.get(key).map_err(StoreError::from_sled)? {
            Some(bytes) => Self::decode(&bytes).map(Some),
            None => Ok(None),
        }
    }

    pub fn count<T: Record>(&self) -> Result<usize, StoreError> {
        Ok(self.tree::<T>()?.len())
    }

    /// Inserts or replaces one record and flushes it to disk.
    pub fn put<T: Record>(&self, value: &T) -> Result<(), StoreError> {
        if let Some(done) = self.logged::<T>(|| Ok(vec![(value.key(), Some(Self::encode(value)?))])) {
            return done;
        }
        self.tree::<T>()?
            .insert(value.key(), Self::encode(value)?)
            .map_err(StoreError::from_sled)?;
        self.flush()
    }

    /// Removes one record, flushed to disk; `false` if there was none.
    pub fn remove<T: Record>(&self, key: &[u8]) -> Result<bool, StoreError> {
        if self.change_log().is_some() {
            let existed = self.tree::<T>()?.contains_key(key).map_err(StoreError::from_sled)?;
            if let Some(done) = self.logged::<T>(|| Ok(vec![(key.to_vec(), None)])) {
                return done.map(|()| existed);
            }
        }
        let removed = self.tree::<T>()?.remove(key).map_err(StoreError::from_sled)?;
        self.flush()?;
        Ok(removed.is_some())
    }

    /// Inserts or replaces many records in one atomic batch, flushed: after a
    /// crash either all of them are there or none.
    pub fn put_many<T: Record>(&self, values: &[T]) -> Result<(), StoreError> {
        if let Some(done) = self.logged::<T>(|| values.iter().map(|v| Ok((v.key(), Some(Self::encode(v)?)))).collect())
        {
            return done;
        }
        let mut batch = sled::Batch::default();
        for value in values {
            batch.insert(value.key(), Self::encode(value)?);
        }
        self.tree::<T>()?.apply_batch(batch).map_err(StoreError::from_sled)?;
        self.flush()
    }

    /// Every key of a kind, without reading the records.
    pub fn keys<T: Record>(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        self.tree::<T>()?
            .iter()
            .keys()
            .map(|k| k.map(|k| k.to_vec()).map_err(StoreError::from_sled))
            .collect()
    }

    /// Removes the records under `gone` and puts `values`, in one atomic
    /// batch, flushed.
    pub fn swap<T: Record>(&self, gone: &[Vec<u8>], values: &[T]) -> Result<(), StoreError> {
        if let Some(done) = self.logged::<T>(|| {
            let removed = gone.iter().map(|k| Ok((k.clone(), None)));
            removed
                .chain(values.iter().map(|v| Ok((v.key(), Some(Self::encode(v)?)))))
                .collect()
        }) {
            return done;
        }
        let mut batch = sled::Batch::default();
        for key in gone {
            batch.remove(key.as_slice());
        }
        for value in values {
            batch.insert(value.key(), Self::encode(value)?);
        }
        self.tree::<T>()?.apply_batch(batch).map_err(StoreError::from_sled)?;
        self.flush()
    }

    /// Replaces every record of a kind with `values` in one atomic batch:
    /// after a crash either the old set or the new set is there, never a mix.
    pub fn replace_all<T: Record>(&self, values: &[T]) -> Result<(), StoreError> {
        let tree = self.tree::<T>()?;
        if let Some(done) = self.logged::<T>(|| {
            let kept: std::collections::HashSet<Vec<u8>> = values.iter().map(Record::key).collect();
            let mut writes = Vec::new();
            for key in tree.iter().keys() {
                let key = key.map_err(StoreError::from_sled)?.to_vec();
                if !kept.contains(&key) {
                    writes.push((key, None));
                }
            }
            for value in values {
                writes.push((value.key(), Some(Self::encode(value)?)));
            }
            Ok(writes)
        }) {
            return done;
        }
        let mut batch = sled::Batch::default();
        for key in tree.iter().keys() {
            batch.remove(key.map_err(StoreError::from_sled)?);
        }
        for value in values {
            batch.insert(value.key(), Self::encode(value)?);
        }
        tree.apply_batch(batch).map_err(StoreError::from_sled)?;
        self.flush()
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(|_| ()).map_err(StoreError::from_sled)
    }
}

fn take_backup(db_dir: &Path, backups: &Path, now: chrono::DateTime<chrono::Utc>) -> Result<PathBuf, StoreError> {
    let copy = backup::snapshot(db_dir, backups, now).map_err(StoreError::Backup)?;
    backup::prune(backups, backup::KEEP_BACKUPS).map_err(StoreError::Backup)?;
    Ok(copy)
}

/// A copy of unreadable data is worth nothing, and keeping it would push a
/// good older copy out of the ten that are kept.
fn discard_unreadable(copy: &Option<PathBuf>) {
    if let Some(copy) = copy {
        let _ = std::fs::remove_dir_all(copy);
    }
}

/// How long to wait for a store this process just closed to let go of its
/// files: sled's background flusher outlives the handle by a few milliseconds.
const RELEASE_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens sled, turning every way it can fail on a damaged folder into an
/// error. sled can panic on some corrupt files; a panic must never reach the
/// user as a crash, so it is caught here and reported like any other damage.
fn open_sled(data_dir: &Path, db_dir: &Path) -> Result<sled::Db, StoreError> {
    let damaged = |detail: String| StoreError::Damaged {
        dir: data_dir.to_path_buf(),
        detail,
    };
    let started = std::time::Instant::now();
    loop {
        match open_catching_panics(db_dir) {
            Ok(Ok(db)) => return Ok(db),
            // We hold the folder lock, so sled's own lock can only be held by
            // a store this process is still closing: wait for it, briefly.
            Ok(Err(sled::Error::Io(source))) if source.to_string().contains("could not acquire lock") => {
                if started.elapsed() > RELEASE_WAIT {
                    return Err(StoreError::InUse {
                        dir: data_dir.to_path_buf(),
                    });
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            // sled's own messages for these are for its developers ("file
            // offset None backtrace ()"); say what they mean instead.
            Ok(Err(sled::Error::Io(source))) => return Err(damaged(format!("its files could not be read: {source}"))),
            Ok(Err(sled::Error::Corruption { .. })) => return Err(damaged("part of its files is corrupt".into())),
            Ok(Err(sled::Error::Unsupported(_))) => {
                return Err(damaged(
                    "its files are not in a format this version of Partnerly can read".into(),
                ))
            }
            Ok(Err(_)) => return Err(damaged("the database engine could not make sense of its files".into())),
            // The panic message is sled-internal; it helps no one reading this.
            Err(()) => return Err(damaged("the database engine stopped on unreadable data".into())),
        }
    }
}

fn open_catching_panics(db_dir: &Path) -> Result<sled::Result<sled::Db>, ()> {
    let config = sled::Config::new().path(db_dir).cache_capacity(CACHE_BYTES);
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let opened = catch_unwind(AssertUnwindSafe(|| config.open()));
    std::panic::set_hook(previous_hook);
    opened.map_err(|_| ())
}

#[cfg(test)]
pub(crate) mod tests;
