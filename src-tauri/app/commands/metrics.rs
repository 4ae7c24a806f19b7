//! A campaign's performance: the dashboard, the readings grid, post exports
//! (dropped or chosen) held by token until the person has assigned what did
//! not match, EMV's CPM assumption and the summary PDF. Thin wrappers over
//! `partnerly_core::metrics`.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use partnerly_core::campaign::Money;
use partnerly_core::metrics::dashboard::{self, Dashboard};
use partnerly_core::metrics::files::{self, Assignment, MetricsFile, MetricsImport};
use partnerly_core::metrics::{self, compliance, Post, ReadingDraft, Values};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::held::HeldFiles;
use crate::state::AppState;

/// Post exports read against a campaign, waiting for the person.
pub type MetricsFiles = HeldFiles<MetricsFile>;

pub(crate) fn hold(files_held: &MetricsFiles, path: PathBuf, file: MetricsFile) -> HeldMetricsFile {
    HeldMetricsFile {
        token: files_held.hold(path, file.clone()),
        file,
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct HeldMetricsFile {
    pub token: u32,
    pub file: MetricsFile,
}

/// A post and what its reading of one day holds, for the grid.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PostValues {
    pub post: Post,
    pub values: Values,
}

fn day(text: &str, what: &str) -> Result<NaiveDate, CommandError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CommandError::new(
            ErrorKind::InvalidInput,
            format!("{what}: '{}' is not a date like 2026-03-31.", text.trim()),
        )
    })
}

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tauri::command]
pub async fn campaign_dashboard(
    state: State<'_, AppState>,
    campaign_id: String,
    scope: Option<String>,
) -> Result<Dashboard, CommandError> {
    Ok(dashboard::dashboard(
        &*state.store()?,
        &campaign_id,
        scope.as_deref(),
        today(),
    )?)
}

#[tauri::command]
pub async fn metric_readings(
    state: State<'_, AppState>,
    campaign_id: String,
    on: String,
) -> Result<Vec<PostValues>, CommandError> {
    let on = day(&on, "The reading's date")?;
    Ok(metrics::readings_on(&*state.store()?, &campaign_id, on)?
        .into_iter()
        .map(|(post, values)| PostValues { post, values })
        .collect())
}

#[tauri::command]
pub async fn save_metric_readings(
    state: State<'_, AppState>,
    campaign_id: String,
    on: String,
    rows: Vec<ReadingDraft>,
) -> Result<u32, CommandError> {
    Ok(metrics::save_readings(&*state.store()?, &campaign_id, &on, &rows, today())? as u32)
}

#[tauri::command]
pub async fn set_emv_cpm(
    state: State<'_, AppState>,
    campaign_id: String,
    cpm: String,
) -> Result<Option<Money>, CommandError> {
    Ok(metrics::set_emv_cpm(&*state.store()?, &campaign_id, &cpm)?)
}

/// The team's notes for the campaign summary, as kept.
#[tauri::command]
pub async fn set_summary_notes(
    state: State<'_, AppState>,
    campaign_id: String,
    notes: String,
) -> Result<String, CommandError> {
    Ok(metrics::set_summary_notes(&*state.store()?, &campaign_id, &notes)?)
}

/// Opens a post export in the native dialog and reads it against the campaign.
#[tauri::command]
pub async fn choose_metrics_file<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    files_held: State<'_, MetricsFiles>,
    campaign_id: String,
    as_of: String,
) -> Result<Option<HeldMetricsFile>, CommandError> {
    let as_of = day(&as_of, "The figures' date")?;
    let filter = ("Post exports (CSV, TSV, TXT)", &["csv", "tsv", "txt"][..]);
    let Some(path) = dialogs::open_path(&window, "Import post figures", filter)? else {
        return Ok(None);
    };
    let file = files::read_file(&*state.store()?, &campaign_id, &path, as_of, today())?;
    Ok(Some(hold(&files_held, path, file)))
}

/// Reads a held file again for another "as of" day.
#[tauri::command]
pub async fn reread_metrics_file(
    state: State<'_, AppState>,
    files_held: State<'_, MetricsFiles>,
    token: u32,
    as_of: String,
) -> Result<HeldMetricsFile, CommandError> {
    let as_of = day(&as_of, "The figures' date")?;
    let (path, held) = files_held.take(token)?;
    let file = files::read_file(&*state.store()?, &held.campaign_id.to_string(), &path, as_of, today())?;
    Ok(hold(&files_held, path, file))
}

#[tauri::command]
pub async fn import_metrics_file(
    state: State<'_, AppState>,
    files_held: State<'_, MetricsFiles>,
    token: u32,
    assignments: Vec<Assignment>,
) -> Result<MetricsImport, CommandError> {
    let (path, file) = files_held.take(token)?;
    match files::apply(&*state.store()?, &file, &assignments, today()) {
        Ok(done) => Ok(done),
        Err(e) => {
            // Held again, so the person can fix the assignment and retry.
            hold(&files_held, path, file);
            Err(e.into())
        }
    }
}

#[tauri::command]
pub async fn discard_metrics_file(files_held: State<'_, MetricsFiles>, token: u32) -> Result<(), CommandError> {
    let _ = files_held.take(token);
    Ok(())
}

/// Asks where to save (native dialog) and writes the campaign summary PDF;
/// the path written, or `null` when the person cancels.
#[tauri::command]
pub async fn export_campaign_pdf<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    campaign_id: String,
) -> Result<Option<String>, CommandError> {
    let store = state.store()?;
    let view = dashboard::dashboard(&store, &campaign_id, None, today())?;
    let checks = compliance::published(&store, &view)?;
    let suggested = format!("{} - summary {}.pdf", view.campaign.name, view.today).replace(['/', '\\'], "-");
    let Some(path) = dialogs::save_path(
        &window,
        "Export campaign summary",
        ("PDF documents", &["pdf"]),
        suggested,
    )?
    else {
        return Ok(None);
    };
    let written = tauri::async_runtime::spawn_blocking(move || {
        let bytes = partnerly_report::campaign_pdf(&view, &checks)?;
        partnerly_report::write_pdf(&path, &bytes)?;
        Ok::<_, partnerly_report::ReportError>(path)
    })
    .await
    .map_err(|e| CommandError::new(ErrorKind::File, format!("the PDF could not be written: {e}")))??;
    Ok(Some(written.display().to_string()))
}
