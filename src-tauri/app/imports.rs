//! CSV files waiting to be imported: previewed (from a drop or the file
//! dialog) and held by token until the person starts or discards them, and
//! the cancel switch of each running import. Paths stay on this side: the
//! webview only ever holds a token.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use partnerly_core::import::{memory, run};
use partnerly_core::store::Store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{CommandError, ErrorKind};

/// A file ready to import, as the UI shows it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CsvPreview {
    pub token: u32,
    pub file_name: String,
    pub path: String,
    /// The mapping in `preview` is the one used last time for this header.
    pub remembered: bool,
    pub preview: run::FilePreview,
}

/// A dropped file that cannot be imported, and why.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CsvRefused {
    pub file_name: String,
    pub message: String,
}

impl CsvRefused {
    pub fn new(path: &Path, error: CommandError) -> CsvRefused {
        CsvRefused {
            file_name: file_name(path),
            message: error.message,
        }
    }
}

#[derive(Default)]
pub struct CsvImports {
    next: AtomicU32,
    /// Token -> the file and its header (to remember the mapping under).
    pending: Mutex<HashMap<u32, (PathBuf, Vec<String>)>>,
    running: Mutex<HashMap<u32, Arc<AtomicBool>>>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

impl CsvImports {
    /// Reads the start of `path` and holds it for import.
    pub fn prepare(&self, store: &Store, path: &Path) -> Result<CsvPreview, CommandError> {
        let mut preview = run::preview(path)?;
        let remembered = match memory::recall(store, &preview.header)? {
            Some(mapping) => {
                preview.remap(path, mapping);
                true
            }
            None => false,
        };
        let token = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(token, (path.to_path_buf(), preview.header.clone()));
        Ok(CsvPreview {
            token,
            file_name: file_name(path),
            path: path.display().to_string(),
            remembered,
            preview,
        })
    }

    /// Where a held file is, to read its first rows again.
    pub fn path_of(&self, token: u32) -> Result<PathBuf, CommandError> {
        self.pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&token)
            .map(|(path, _)| path.clone())
            .ok_or_else(not_waiting)
    }

    /// Takes a held file (and its header) to import it, with a fresh cancel switch.
    pub fn start(&self, token: u32) -> Result<(PathBuf, Vec<String>, Arc<AtomicBool>), CommandError> {
        let (path, header) = self
            .pending
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&token)
            .ok_or_else(not_waiting)?;
        let cancel = Arc::new(AtomicBool::new(false));
        self.running
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(token, cancel.clone());
        Ok((path, header, cancel))
    }

    pub fn finished(&self, token: u32) {
        self.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&token);
    }

    /// Asks a running import to stop; it then writes nothing.
    pub fn cancel(&self, token: u32) {
        if let Some(flag) = self.running.lock().unwrap_or_else(|p| p.into_inner()).get(&token) {
            flag.store(true, Ordering::Relaxed);
        }
    }

    pub fn discard(&self, token: u32) {
        self.pending.lock().unwrap_or_else(|p| p.into_inner()).remove(&token);
    }
}

fn not_waiting() -> CommandError {
    CommandError::new(
        ErrorKind::NotFound,
        "this file is no longer waiting to be imported; drop it or choose it again",
    )
}
