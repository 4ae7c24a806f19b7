//! Payments across partnerships: thin wrappers over `partnerly_core::payments`.
//! Recording an invoice or a payment, or withdrawing one, answers with the whole list again, so
//! the row, its status and the totals per currency change together.

use chrono::{DateTime, Local, NaiveDate, Utc};
use partnerly_core::export;
use partnerly_core::payments::{self, table, PaymentFilter, PaymentsView};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use crate::dialogs;
use crate::error::{CommandError, ErrorKind};
use crate::state::AppState;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

#[tauri::command]
pub async fn list_payments(state: State<'_, AppState>, filter: PaymentFilter) -> Result<PaymentsView, CommandError> {
    Ok(payments::list(&*state.store()?, &filter, today())?)
}

#[tauri::command]
pub async fn record_invoice(
    state: State<'_, AppState>,
    id: String,
    instalment: u32,
    number: String,
    on: Option<NaiveDate>,
    filter: PaymentFilter,
) -> Result<PaymentsView, CommandError> {
    let store = state.store()?;
    payments::invoice(&store, &id, instalment, &number, on.unwrap_or_else(today))?;
    Ok(payments::list(&store, &filter, today())?)
}

/// `amount` as typed ("1.500,00"), read in the agreement's currency.
#[tauri::command]
pub async fn record_payment(
    state: State<'_, AppState>,
    id: String,
    instalment: u32,
    amount: String,
    reference: String,
    on: Option<NaiveDate>,
    filter: PaymentFilter,
) -> Result<PaymentsView, CommandError> {
    let store = state.store()?;
    payments::pay_typed(&store, &id, instalment, &amount, &reference, on.unwrap_or_else(today))?;
    Ok(payments::list(&store, &filter, today())?)
}

/// Withdraws a payment recorded in error (named by when it was logged),
/// with the reason the books keep.
#[tauri::command]
pub async fn withdraw_payment(
    state: State<'_, AppState>,
    id: String,
    instalment: u32,
    paid_logged_at: DateTime<Utc>,
    reason: String,
    filter: PaymentFilter,
) -> Result<PaymentsView, CommandError> {
    let store = state.store()?;
    payments::withdraw(&store, &id, instalment, paid_logged_at, &reason, today())?;
    Ok(payments::list(&store, &filter, today())?)
}

/// Where the payments CSV went, and how many payments it holds.
#[derive(Debug, Clone, Serialize, TS)]
pub struct PaymentsExport {
    pub path: String,
    pub payments: u32,
}

/// Asks where to save, then writes the payments the filter keeps; `None`
/// when the person cancels.
#[tauri::command]
pub async fn export_payments_csv<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    filter: PaymentFilter,
) -> Result<Option<PaymentsExport>, CommandError> {
    let store = state.store()?;
    let view = payments::list(&store, &filter, today())?;
    let suggested = format!("partnerly-payments-{}.csv", today());
    let Some(path) = dialogs::save_path(&window, "Export payments", ("CSV", &["csv"]), suggested)? else {
        return Ok(None);
    };
    table::write_csv(&view.lines, &path).map_err(|e| match e {
        export::ExportError::Roster(e) => CommandError::from(e),
        other => CommandError::new(ErrorKind::File, other.to_string()),
    })?;
    Ok(Some(PaymentsExport {
        path: path.display().to_string(),
        payments: view.lines.len() as u32,
    }))
}
