//! Native file dialogs, opened from Rust: the only way a file path enters
//! the app from the window. Blocking dialogs are called from async commands
//! (a worker thread), never from the main thread.

use std::path::PathBuf;

use tauri::{Runtime, WebviewWindow};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder, FilePath};

use crate::error::{CommandError, ErrorKind};

fn dialog<R: Runtime>(window: &WebviewWindow<R>, title: &str, filter: (&str, &[&str])) -> FileDialogBuilder<R> {
    window
        .dialog()
        .file()
        .set_parent(window)
        .set_title(title)
        .add_filter(filter.0, filter.1)
}

fn into_path(choice: Option<FilePath>) -> Result<Option<PathBuf>, CommandError> {
    choice
        .map(|c| c.into_path())
        .transpose()
        .map_err(|e| CommandError::new(ErrorKind::File, format!("that location cannot be used: {e}")))
}

/// Asks where to save; `None` when the person cancels.
pub fn save_path<R: Runtime>(
    window: &WebviewWindow<R>,
    title: &str,
    filter: (&str, &[&str]),
    suggested_name: String,
) -> Result<Option<PathBuf>, CommandError> {
    into_path(
        dialog(window, title, filter)
            .set_file_name(suggested_name)
            .blocking_save_file(),
    )
}

/// Asks for a file to open; `None` when the person cancels.
pub fn open_path<R: Runtime>(
    window: &WebviewWindow<R>,
    title: &str,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, CommandError> {
    into_path(dialog(window, title, filter).blocking_pick_file())
}
