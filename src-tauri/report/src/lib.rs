//! Partnerly's PDF documents: typeset with typst, with the Inter faces that
//! ship inside the app, so a PDF looks the same on every machine and every
//! name (Zoë Łukasiewicz, Çağrı Öztürk) prints in the same font.
//!
//! Each document is a typst template (`templates/`) and a view of the data
//! in which every number is already worded (`scorecard`): the template lays
//! out, the Rust side decides what is said.

mod agreement;
mod campaign;
mod scorecard;

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use partnerly_core::export::ExportError;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

pub use agreement::agreement_view;
pub use campaign::campaign_view;
pub use scorecard::scorecard_view;

const FONTS: [&[u8]; 4] = [
    include_bytes!("../fonts/Inter-Regular.ttf"),
    include_bytes!("../fonts/Inter-Italic.ttf"),
    include_bytes!("../fonts/Inter-SemiBold.ttf"),
    include_bytes!("../fonts/Inter-Bold.ttf"),
];

const SCORECARD: &str = include_str!("../templates/scorecard.typ");
const AGREEMENT: &str = include_str!("../templates/agreement.typ");
const CAMPAIGN: &str = include_str!("../templates/campaign.typ");

type Engine = TypstEngine<typst_as_lib::TypstTemplateMainFile>;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The template and the data disagree: a bug, reported in full rather
    /// than as a PDF with a hole in it.
    #[error("the document could not be typeset ({0})")]
    Typeset(String),
    #[error("the PDF could not be written ({0})")]
    Pdf(String),
    #[error("{0}")]
    Write(String),
}

/// Each template's engine is built once: loading the fonts is most of it.
fn engine(cell: &'static OnceLock<Engine>, template: &'static str) -> &'static Engine {
    cell.get_or_init(|| TypstEngine::builder().main_file(template).fonts(FONTS).build())
}

/// The messages of a typesetting failure, without typst's debug formatting.
fn typeset_message(error: typst_as_lib::TypstAsLibError) -> String {
    match error {
        typst_as_lib::TypstAsLibError::TypstSource(diagnostics) => diagnostics
            .iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// Typesets `view` (JSON the template reads as `data`) into PDF bytes.
fn typeset(engine: &Engine, view: &serde_json::Value) -> Result<Vec<u8>, ReportError> {
    let mut inputs = Dict::new();
    inputs.insert("data".into(), view.to_string().into_value());
    let document: PagedDocument = engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| ReportError::Typeset(typeset_message(e)))?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|errors| {
        ReportError::Pdf(
            errors
                .iter()
                .map(|e| e.message.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        )
    })
}

/// A one-page vetting scorecard as PDF bytes.
pub fn scorecard_pdf(card: &partnerly_core::vetting::scorecard::Scorecard) -> Result<Vec<u8>, ReportError> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    typeset(engine(&ENGINE, SCORECARD), &scorecard_view(card))
}

/// A partnership agreement as PDF bytes: parties, campaign, deliverables,
/// payment, rights, exclusivity, disclosure, approval, termination and
/// signature blocks. With details undefined it is marked as a draft.
pub fn agreement_pdf(
    view: &partnerly_core::agreement::PartnershipView,
    today: chrono::NaiveDate,
) -> Result<Vec<u8>, ReportError> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    typeset(engine(&ENGINE, AGREEMENT), &agreement_view(view, today))
}

/// A campaign summary as PDF bytes: targets against results, KPIs with
/// their formulas, creators, charts, disclosure compliance and notes.
pub fn campaign_pdf(
    view: &partnerly_core::metrics::dashboard::Dashboard,
    compliance: &[partnerly_core::metrics::compliance::PostCompliance],
) -> Result<Vec<u8>, ReportError> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    typeset(engine(&ENGINE, CAMPAIGN), &campaign_view(view, compliance))
}

/// Writes a document through a temporary file renamed at the end, so a
/// crash or a full disk never leaves half a PDF where the person will look.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    partnerly_core::export::write_atomically(path, |out| {
        out.write_all(bytes).map_err(|source| ExportError::Write {
            path: path.to_path_buf(),
            source,
        })
    })
    .map_err(|e| ReportError::Write(e.to_string()))
}

#[cfg(test)]
mod tests;
