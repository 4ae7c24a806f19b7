//! Files read and checked, waiting for the person to confirm them (a post
//! export, a shop's orders): held by token between the preview and the
//! import, so the file is read once and what is stored is what was shown.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

use crate::error::{CommandError, ErrorKind};

pub struct HeldFiles<T> {
    next: AtomicU32,
    held: Mutex<HashMap<u32, (PathBuf, T)>>,
}

impl<T> Default for HeldFiles<T> {
    fn default() -> Self {
        HeldFiles {
            next: AtomicU32::new(0),
            held: Mutex::new(HashMap::new()),
        }
    }
}

impl<T> HeldFiles<T> {
    /// Keeps `file` read from `path`; its token.
    pub fn hold(&self, path: PathBuf, file: T) -> u32 {
        let token = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        self.held
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(token, (path, file));
        token
    }

    pub fn take(&self, token: u32) -> Result<(PathBuf, T), CommandError> {
        self.held
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&token)
            .ok_or_else(|| {
                CommandError::new(
                    ErrorKind::NotFound,
                    "this file is no longer waiting; drop it or choose it again",
                )
            })
    }
}
