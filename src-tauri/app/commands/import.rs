use partnerly_core::import::columns::Field;
use partnerly_core::import::{memory, run};
use partnerly_core::roster::Platform;
use tauri::ipc::Channel;
use tauri::{Runtime, State, WebviewWindow};

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::imports::{CsvImports, CsvPreview};
use crate::state::AppState;

/// Asks for a file (native dialog) and previews it; `null` if cancelled.
#[tauri::command]
pub async fn choose_csv_import<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    imports: State<'_, CsvImports>,
) -> Result<Option<CsvPreview>, CommandError> {
    let store = state.store()?;
    let tables: (&str, &[&str]) = ("Tables (CSV, TSV, TXT)", &["csv", "tsv", "txt"]);
    let Some(path) = dialogs::open_path(&window, "Import influencers", tables)? else {
        return Ok(None);
    };
    imports.prepare(&store, &path).map(Some)
}

/// Imports a previewed file with the mapping the person settled on and the
/// platform they said its accounts are on, reporting progress on
/// `on_progress`; remembers the mapping for next time.
#[tauri::command]
pub async fn run_csv_import(
    state: State<'_, AppState>,
    imports: State<'_, CsvImports>,
    token: u32,
    mapping: Vec<Option<Field>>,
    platform: Option<Platform>,
    on_progress: Channel<run::Progress>,
) -> Result<run::ImportSummary, CommandError> {
    let store = state.store()?;
    let (path, header, cancel) = imports.start(token)?;
    let worker_store = store.clone();
    let worker_mapping = mapping.clone();
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        run::import_file(
            &worker_store,
            &path,
            Some(worker_mapping),
            platform,
            &mut |progress| {
                let _ = on_progress.send(progress);
            },
            &cancel,
        )
    })
    .await
    .map_err(|e| CommandError::new(ErrorKind::Storage, format!("the import stopped unexpectedly: {e}")));
    imports.finished(token);
    let summary = outcome??;
    memory::remember(&store, &header, &mapping)?;
    Ok(summary)
}

#[tauri::command]
pub async fn cancel_csv_import(imports: State<'_, CsvImports>, token: u32) -> Result<(), CommandError> {
    imports.cancel(token);
    Ok(())
}

/// The first rows of a held file as they will be stored with `mapping` and
/// `platform` (the person changes either; the preview follows).
#[tauri::command]
pub async fn preview_csv_rows(
    imports: State<'_, CsvImports>,
    token: u32,
    mapping: Vec<Option<Field>>,
    platform: Option<Platform>,
) -> Result<Vec<run::StoredRow>, CommandError> {
    let path = imports.path_of(token)?;
    let preview = tauri::async_runtime::spawn_blocking(move || run::preview(&path))
        .await
        .map_err(|e| CommandError::new(ErrorKind::Storage, format!("the preview stopped unexpectedly: {e}")))??;
    Ok(run::stored_rows(&preview.header, &preview.rows, &mapping, platform))
}

#[tauri::command]
pub async fn discard_csv_import(imports: State<'_, CsvImports>, token: u32) -> Result<(), CommandError> {
    imports.discard(token);
    Ok(())
}
