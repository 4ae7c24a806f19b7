//! The app's one piece of shared state: the open store, or why it is not open.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use partnerly_core::store::Store;
use partnerly_core::workspace::PreparedImport;

use crate::error::CommandError;

pub struct AppState {
    data_dir: PathBuf,
    store: RwLock<Result<Arc<Store>, CommandError>>,
    launched: Instant,
    ready_reported: AtomicBool,
    /// A checked workspace file waiting for the person to confirm the import.
    pending_import: Mutex<Option<(u32, PreparedImport)>>,
    import_tokens: AtomicU32,
}

/// Set this to have the app print one line when the window first talks to
/// it: how `.ci/measure-startup` measures start-up time.
pub const REPORT_STARTUP_ENV: &str = "PARTNERLY_REPORT_STARTUP";

impl AppState {
    /// Opens the store in `data_dir`. A failure is kept, not raised: the window
    /// still opens and explains the problem, with a way to try again.
    pub fn open(data_dir: PathBuf) -> AppState {
        AppState::open_at(data_dir, Instant::now())
    }

    /// Like `open`, counting start-up time from `launched`.
    pub fn open_at(data_dir: PathBuf, launched: Instant) -> AppState {
        let store = open_store(&data_dir);
        AppState {
            data_dir,
            store: RwLock::new(store),
            launched,
            ready_reported: AtomicBool::new(false),
            pending_import: Mutex::new(None),
            import_tokens: AtomicU32::new(1),
        }
    }

    /// Called when the window asks for the workspace status, which is the
    /// first thing it does once its page has loaded and its code runs.
    pub fn window_is_ready(&self) {
        if std::env::var_os(REPORT_STARTUP_ENV).is_some() && !self.ready_reported.swap(true, Ordering::Relaxed) {
            eprintln!(
                "partnerly: window ready {} ms after launch",
                self.launched.elapsed().as_millis()
            );
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
        let mut slot = self.store.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        if slot.is_err() {
            *slot = open_store(&self.data_dir);
        }
        slot.clone()
    }
}

impl AppState {
    /// Keeps a checked import until it is confirmed; returns its token. A new
    /// one replaces any earlier one, so only the latest preview can be applied.
    pub fn hold_import(&self, prepared: PreparedImport) -> u32 {
        let token = self.import_tokens.fetch_add(1, Ordering::Relaxed);
        *self.pending_import.lock().unwrap_or_else(|p| p.into_inner()) = Some((token, prepared));
        token
    }

    /// The held import, if `token` is the one it was given.
    pub fn take_import(&self, token: u32) -> Option<PreparedImport> {
        let mut slot = self.pending_import.lock().unwrap_or_else(|p| p.into_inner());
        match slot.take() {
            Some((held, prepared)) if held == token => Some(prepared),
            other => {
                *slot = other;
                None
            }
        }
    }

    pub fn discard_import(&self) {
        *self.pending_import.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

fn open_store(dir: &Path) -> Result<Arc<Store>, CommandError> {
    let store = Store::open(dir).map(Arc::new).map_err(CommandError::from)?;
    // Build the roster's index while the window loads, not when the roster
    // screen first asks (a second or so for a million creators). A failure
    // here is reported by the first command that needs the index.
    let warming = store.clone();
    std::thread::spawn(move || {
        let _ = partnerly_core::roster::warm_up(&warming);
    });
    Ok(store)
}
