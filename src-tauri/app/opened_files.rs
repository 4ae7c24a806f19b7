//! Files handed to the app from outside: dropped on the window, chosen with
//! "Open with Partnerly" in the file manager, given on the command line, or
//! passed on by a second launch (single instance). All of them go the same
//! way as a drop: each file is previewed off the UI thread and the window
//! gets a token per file (or the reason it cannot be read). The paths
//! themselves never go to the webview.
//!
//! Files that arrive before the window listens (at launch) wait here until
//! the UI says it is ready.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tauri::{AppHandle, DragDropEvent, Emitter, Manager, Runtime, State, WindowEvent};

use crate::error::CommandError;
use crate::imports::{CsvImports, CsvRefused};
use crate::state::AppState;

/// Events the app sends the window about files.
pub mod events {
    /// `true` while files are dragged over the window.
    pub const DRAG: &str = "files-dragging";
    /// A file handed to the app, previewed: a `CsvPreview`.
    pub const DROPPED: &str = "file-dropped";
    /// A file handed to the app that cannot be imported: a `CsvRefused`.
    pub const REFUSED: &str = "file-refused";
}

/// Files waiting for the window to listen.
#[derive(Default)]
pub struct OpenedFiles {
    state: Mutex<Waiting>,
}

#[derive(Default)]
struct Waiting {
    window_listens: bool,
    files: Vec<PathBuf>,
}

/// Previews `paths` for the window now, or once it listens.
pub fn hand_over<R: Runtime>(app: &AppHandle<R>, paths: Vec<PathBuf>) {
    if paths.is_empty() {
        return;
    }
    if let Some(opened) = app.try_state::<OpenedFiles>() {
        let mut waiting = opened.state.lock().unwrap_or_else(|p| p.into_inner());
        if !waiting.window_listens {
            waiting.files.extend(paths);
            return;
        }
    }
    preview_for_window(app.clone(), paths);
}

fn preview_for_window<R: Runtime>(app: AppHandle<R>, paths: Vec<PathBuf>) {
    tauri::async_runtime::spawn_blocking(move || {
        let store = app.state::<AppState>().store();
        for path in paths {
            let prepared = store
                .clone()
                .and_then(|store| app.state::<CsvImports>().prepare(&store, &path))
                .map_err(|problem| CsvRefused::new(&path, problem));
            let _ = match prepared {
                Ok(preview) => app.emit(events::DROPPED, preview),
                Err(refused) => app.emit(events::REFUSED, refused),
            };
        }
    });
}

/// The window listens for file events now: previews what arrived before.
#[tauri::command]
pub async fn window_listens_for_files<R: Runtime>(
    app: AppHandle<R>,
    opened: State<'_, OpenedFiles>,
) -> Result<(), CommandError> {
    let files = {
        let mut waiting = opened.state.lock().unwrap_or_else(|p| p.into_inner());
        waiting.window_listens = true;
        std::mem::take(&mut waiting.files)
    };
    if !files.is_empty() {
        preview_for_window(app, files);
    }
    Ok(())
}

/// Files dragged over the window: tell the UI to show its drop overlay; files
/// dropped: hand them over.
pub fn on_drag_drop<R: Runtime>(window: &tauri::Window<R>, event: &WindowEvent) {
    let WindowEvent::DragDrop(drop) = event else { return };
    let app = window.app_handle();
    match drop {
        DragDropEvent::Enter { .. } => {
            let _ = app.emit(events::DRAG, true);
        }
        DragDropEvent::Leave => {
            let _ = app.emit(events::DRAG, false);
        }
        DragDropEvent::Drop { paths, .. } => {
            let _ = app.emit(events::DRAG, false);
            hand_over(app, paths.clone());
        }
        _ => {}
    }
}

/// The files in a command line (`argv` without the program name): every
/// argument that is not an option, relative ones taken from `cwd`. What the
/// file manager passes for "Open with", and what a second launch forwards.
pub fn files_in_args(args: impl IntoIterator<Item = OsString>, cwd: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        if text == "--data-dir" {
            args.next();
        } else if text.starts_with('-') {
            // `--data-dir=…`, and what a desktop passes of its own (`-psn_…`).
        } else if let Some(url) = text.strip_prefix("file://") {
            files.push(PathBuf::from(percent_decoded(url)));
        } else {
            files.push(cwd.join(PathBuf::from(arg)));
        }
    }
    files
}

/// `file://` URLs as some file managers pass them: `%20` for a space, and so on.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn files_are_what_is_not_an_option() {
        let cwd = Path::new("/home/ana/Downloads");
        assert_eq!(files_in_args(args(&[]), cwd), Vec::<PathBuf>::new());
        assert_eq!(
            files_in_args(args(&["--data-dir", "/d", "creators.csv", "/tmp/posts.csv"]), cwd),
            vec![
                PathBuf::from("/home/ana/Downloads/creators.csv"),
                PathBuf::from("/tmp/posts.csv")
            ]
        );
        assert_eq!(
            files_in_args(args(&["--data-dir=/d", "-psn_0_12345"]), cwd),
            Vec::<PathBuf>::new()
        );
        assert_eq!(
            files_in_args(args(&["file:///home/ana/My%20creators.csv"]), cwd),
            vec![PathBuf::from("/home/ana/My creators.csv")]
        );
    }
}
