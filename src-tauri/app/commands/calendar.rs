//! The calendar: thin wrappers over `partnerly_core::calendar`, and the
//! .ics export through the native save dialog.

use chrono::{Local, Utc};
use partnerly_core::calendar::{self, ics, CalendarEntry, CalendarFilter};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;

#[tauri::command]
pub async fn calendar_agenda(
    state: State<'_, AppState>,
    filter: CalendarFilter,
) -> Result<Vec<CalendarEntry>, CommandError> {
    Ok(calendar::agenda(&*state.store()?, &filter, Local::now().date_naive())?)
}

/// Where the .ics file went, and how many events it holds.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CalendarExport {
    pub path: String,
    pub events: u32,
}

/// Asks where to save, then writes the entries the filter keeps as an
/// iCalendar file named `name` in the person's calendar app; `None` when
/// the person cancels.
#[tauri::command]
pub async fn export_calendar_ics<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    filter: CalendarFilter,
    name: String,
) -> Result<Option<CalendarExport>, CommandError> {
    let store = state.store()?;
    let today = Local::now().date_naive();
    let entries = calendar::agenda(&store, &filter, today)?;
    let file_name = format!("partnerly-calendar-{today}.ics");
    let Some(path) = dialogs::save_path(&window, "Export calendar", ("iCalendar", &["ics"]), file_name)? else {
        return Ok(None);
    };
    let text = ics::to_ics(&entries, name.trim(), Utc::now());
    std::fs::write(&path, text)
        .map_err(|e| CommandError::new(ErrorKind::File, format!("{} could not be written: {e}", path.display())))?;
    Ok(Some(CalendarExport {
        path: path.display().to_string(),
        events: entries.len() as u32,
    }))
}
