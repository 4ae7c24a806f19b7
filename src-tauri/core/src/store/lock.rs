//! One process per data folder.
//!
//! sled refuses a second open of the same database too, but only with an
//! opaque I/O error. Taking our own lock first lets us say what is going on.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::StoreError;

const LOCK_FILE: &str = "partnerly.lock";

/// Held for as long as the store is open; the OS releases it when the process
/// ends, even after `kill -9`, so a crash never leaves a folder locked.
#[derive(Debug)]
pub(crate) struct DirLock {
    _file: File,
}

impl DirLock {
    pub(crate) fn acquire(dir: &Path) -> Result<DirLock, StoreError> {
        let path: PathBuf = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|source| StoreError::Io {
                dir: dir.to_path_buf(),
                source,
            })?;
        match file.try_lock() {
            Ok(()) => Ok(DirLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::InUse { dir: dir.to_path_buf() }),
            Err(TryLockError::Error(source)) => Err(StoreError::Io {
                dir: dir.to_path_buf(),
                source: io::Error::new(source.kind(), format!("cannot lock {}: {source}", path.display())),
            }),
        }
    }
}
