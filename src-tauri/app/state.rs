//! The app's one piece of shared state: the open store, or why it is not open.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use partnerly_core::store::Store;

use crate::error::CommandError;

pub struct AppState {
    data_dir: PathBuf,
    store: RwLock<Result<Arc<Store>, CommandError>>,
}

impl AppState {
    /// Opens the store in `data_dir`. A failure is kept, not raised: the window
    /// still opens and explains the problem, with a way to try again.
    pub fn open(data_dir: PathBuf) -> AppState {
        let store = open_store(&data_dir);
        AppState {
            data_dir,
            store: RwLock::new(store),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The open store, or the reason it could not be opened.
    pub fn store(&self) -> Result<Arc<Store>, CommandError> {
        self.store
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Tries to open the store again (after the other window was closed, say).
    pub fn retry(&self) -> Result<Arc<Store>, CommandError> {
        let mut slot = self
            .store
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_err() {
            *slot = open_store(&self.data_dir);
        }
        slot.clone()
    }
}

fn open_store(dir: &Path) -> Result<Arc<Store>, CommandError> {
    Store::open(dir).map(Arc::new).map_err(CommandError::from)
}
