//! A shop's order export: chosen in the native dialog or dropped on a
//! campaign's dashboard, previewed (which creator each code goes to, what
//! could not be read), then stored. Thin wrappers over
//! `partnerly_core::sales`.

use chrono::Local;
use partnerly_core::campaign;
use partnerly_core::metrics::files;
use partnerly_core::sales::{self, OrdersFile, OrdersImported, SalesError};
use serde::Serialize;
use tauri::{Runtime, State, WebviewWindow};
use ts_rs::TS;

use super::metrics::{HeldMetricsFile, MetricsFiles};
use crate::dialogs;
use crate::error::CommandError;
use crate::held::HeldFiles;
use crate::imports::CsvImports;
use crate::state::AppState;

/// Order exports read, waiting for "Import".
pub type OrdersFiles = HeldFiles<OrdersFile>;

#[derive(Debug, Clone, Serialize, TS)]
pub struct HeldOrdersFile {
    pub token: u32,
    pub file: OrdersFile,
}

/// What a file dropped on a dashboard turned out to be.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DroppedOnDashboard {
    Metrics { held: HeldMetricsFile },
    Orders { held: HeldOrdersFile },
}

/// `currency`: what amounts are in when the export has no currency column
/// (the campaign's, from the dashboard).
#[tauri::command]
pub async fn choose_orders_file<R: Runtime>(
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
    held: State<'_, OrdersFiles>,
    currency: String,
) -> Result<Option<HeldOrdersFile>, CommandError> {
    let filter = ("Order exports (CSV, TSV, TXT)", &["csv", "tsv", "txt"][..]);
    let Some(path) = dialogs::open_path(&window, "Import shop orders", filter)? else {
        return Ok(None);
    };
    let file = sales::read_orders(&*state.store()?, &path, &currency)?;
    Ok(Some(HeldOrdersFile {
        token: held.hold(path, file.clone()),
        file,
    }))
}

#[tauri::command]
pub async fn import_orders_file(
    state: State<'_, AppState>,
    held: State<'_, OrdersFiles>,
    token: u32,
) -> Result<OrdersImported, CommandError> {
    let (path, file) = held.take(token)?;
    match sales::apply(&*state.store()?, &file) {
        Ok(done) => Ok(done),
        Err(e) => {
            held.hold(path, file);
            Err(e.into())
        }
    }
}

#[tauri::command]
pub async fn discard_orders_file(held: State<'_, OrdersFiles>, token: u32) -> Result<(), CommandError> {
    let _ = held.take(token);
    Ok(())
}

/// A file dropped on a campaign's dashboard (held by the drop handler under
/// `token`): a shop's orders when it has an order number and a discount
/// code column, else a post export of the campaign.
#[tauri::command]
pub async fn read_dropped_on_dashboard(
    state: State<'_, AppState>,
    dropped: State<'_, CsvImports>,
    metrics_held: State<'_, MetricsFiles>,
    orders_held: State<'_, OrdersFiles>,
    token: u32,
    campaign_id: String,
    as_of: chrono::NaiveDate,
) -> Result<DroppedOnDashboard, CommandError> {
    let path = dropped.path_of(token)?;
    dropped.discard(token);
    let store = state.store()?;
    // Amounts without a currency column are in the campaign's.
    let currency = campaign::get(&store, &campaign_id)?.budget.currency;
    match sales::read_orders(&store, &path, &currency) {
        Ok(file) => Ok(DroppedOnDashboard::Orders {
            held: HeldOrdersFile {
                token: orders_held.hold(path, file.clone()),
                file,
            },
        }),
        Err(SalesError::Columns { .. }) => {
            let file = files::read_file(&store, &campaign_id, &path, as_of, Local::now().date_naive())?;
            Ok(DroppedOnDashboard::Metrics {
                held: super::metrics::hold(&metrics_held, path, file),
            })
        }
        Err(e) => Err(e.into()),
    }
}
