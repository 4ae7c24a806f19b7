//! The payments as a CSV file for accounting: one row per payment, amounts
//! as plain decimals with a point (`1250.00`) beside their currency, so a
//! spreadsheet in any locale reads them as numbers and no sum mixes
//! currencies by accident.

use std::io::Write;
use std::path::Path;

use super::PaymentLine;
use crate::campaign::money::exponent;
use crate::export::{neutralise, write_atomically, ExportError};

const HEADER: [&str; 16] = [
    "Campaign",
    "Creator",
    "Payment",
    "Number in schedule",
    "Currency",
    "Amount",
    "Paid",
    "Open",
    "Status",
    "Due",
    "Due rule",
    "Days overdue",
    "Invoice number",
    "Invoiced on",
    "Last paid on",
    "Payment references",
];

/// `minor` units of `currency` as a decimal: 125000 EUR is `1250.00`.
pub fn decimal(minor: i64, currency: &str) -> String {
    let decimals = exponent(currency).unwrap_or(2);
    if decimals == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(decimals);
    let sign = if minor < 0 { "-" } else { "" };
    format!(
        "{sign}{}.{:0width$}",
        (minor / scale).abs(),
        (minor % scale).abs(),
        width = decimals as usize
    )
}

fn row(line: &PaymentLine) -> Vec<String> {
    let currency = line.amount.currency.as_str();
    let references: Vec<&str> = line
        .paid
        .iter()
        .map(|p| p.reference.as_str())
        .filter(|r| !r.is_empty())
        .collect();
    vec![
        neutralise(&line.campaign),
        neutralise(&line.creator),
        neutralise(&line.label),
        (line.instalment + 1).to_string(),
        currency.to_string(),
        decimal(line.amount.minor, currency),
        decimal(line.paid_minor, currency),
        decimal(line.open_minor, currency),
        line.status.label().to_string(),
        line.due.date.map(|d| d.to_string()).unwrap_or_default(),
        neutralise(&line.due.rule),
        line.overdue_days.map(|d| d.to_string()).unwrap_or_default(),
        line.invoice.as_ref().map(|i| neutralise(&i.number)).unwrap_or_default(),
        line.invoice.as_ref().map(|i| i.on.to_string()).unwrap_or_default(),
        line.paid
            .iter()
            .map(|p| p.on)
            .max()
            .map(|d| d.to_string())
            .unwrap_or_default(),
        neutralise(&references.join("; ")),
    ]
}

/// The CSV of `lines`, with a BOM and CRLF line ends as spreadsheets expect.
pub fn to_csv(lines: &[PaymentLine], out: impl Write) -> Result<(), ExportError> {
    let mut out = out;
    let failed = |source| ExportError::Write {
        path: Default::default(),
        source,
    };
    out.write_all(b"\xEF\xBB\xBF").map_err(failed)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let csv_failed = |e: csv::Error| failed(e.into());
    writer.write_record(HEADER).map_err(csv_failed)?;
    for line in lines {
        writer.write_record(row(line)).map_err(csv_failed)?;
    }
    writer.flush().map_err(failed)
}

/// Writes the CSV of `lines` to `path`, all or nothing.
pub fn write_csv(lines: &[PaymentLine], path: &Path) -> Result<(), ExportError> {
    write_atomically(path, |out| to_csv(lines, out))
}
