//! What a failed command sends to the UI: `{kind, message, fields}`.
//!
//! `message` is a complete sentence the UI shows as it is; `kind` lets the UI
//! choose how (a field hint, a banner, the data-folder screen); `fields` points
//! at form fields when the input was the problem. No Rust debug strings ever
//! cross this line.

use partnerly_core::agreement::AgreementError;
use partnerly_core::campaign::CampaignError;
use partnerly_core::collaboration::CollaborationError;
use partnerly_core::identity::IdentityError;
use partnerly_core::import::run::ImportError;
use partnerly_core::metrics::MetricsError;
use partnerly_core::outreach::OutreachError;
use partnerly_core::payments::PaymentError;
use partnerly_core::preferences::PreferencesError;
use partnerly_core::rights::RightsError;
use partnerly_core::roster::{FieldError, RosterError};
use partnerly_core::sales::SalesError;
use partnerly_core::sample::SampleError;
use partnerly_core::store::StoreError;
use partnerly_core::vetting::VettingError;
use partnerly_core::workspace::WorkspaceError;
use partnerly_team::TeamError;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Something typed or chosen is not acceptable; see `fields`.
    InvalidInput,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// Another Partnerly window or the CLI has the data folder open.
    DataFolderInUse,
    /// The data folder cannot be opened or read.
    DataFolderUnavailable,
    /// A file given to import or export cannot be used.
    File,
    /// Reading or writing the database failed.
    Storage,
    /// The team's server refused, could not be reached, or is not set up.
    TeamServer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl CommandError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> CommandError {
        CommandError {
            kind,
            message: capitalise(&message.into()),
            fields: Vec::new(),
        }
    }
}

/// Core errors read well mid-sentence in the CLI ("partnerly-cli: the data
/// ..."); in the UI they stand alone and start with a capital.
fn capitalise(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl From<TeamError> for CommandError {
    fn from(e: TeamError) -> Self {
        match e {
            TeamError::Store(e) => e.into(),
            TeamError::Settings(_) => CommandError::new(ErrorKind::InvalidInput, e.to_string()),
            other => CommandError::new(ErrorKind::TeamServer, other.to_string()),
        }
    }
}

impl From<StoreError> for CommandError {
    fn from(e: StoreError) -> Self {
        let kind = match &e {
            StoreError::InUse { .. } => ErrorKind::DataFolderInUse,
            StoreError::Io { .. }
            | StoreError::Damaged { .. }
            | StoreError::TooNew { .. }
            | StoreError::Migration { .. }
            | StoreError::Backup(_) => ErrorKind::DataFolderUnavailable,
            StoreError::BadRecord { .. } | StoreError::Engine(_) => ErrorKind::Storage,
        };
        CommandError::new(kind, e.to_string())
    }
}

impl From<RosterError> for CommandError {
    fn from(e: RosterError) -> Self {
        match e {
            // Each field shows its own message in place; the banner line says
            // what to do about them as a whole.
            RosterError::Invalid(fields) => CommandError {
                kind: ErrorKind::InvalidInput,
                message: match fields.as_slice() {
                    [only] => only.message.clone(),
                    many => format!("{} fields need attention before this can be saved.", many.len()),
                },
                fields,
            },
            RosterError::NotFound(_) | RosterError::NoSuchAccount(_) => {
                CommandError::new(ErrorKind::NotFound, e.to_string())
            }
            RosterError::Ambiguous { .. } => CommandError::new(ErrorKind::InvalidInput, e.to_string()),
            RosterError::Store(e) => e.into(),
        }
    }
}

impl From<VettingError> for CommandError {
    fn from(e: VettingError) -> Self {
        match e {
            VettingError::Invalid(fields) => RosterError::Invalid(fields).into(),
            VettingError::BrandNotFound(_) => CommandError::new(ErrorKind::NotFound, e.to_string()),
            VettingError::Roster(e) => e.into(),
            VettingError::Store(e) => e.into(),
        }
    }
}

impl From<CampaignError> for CommandError {
    fn from(e: CampaignError) -> Self {
        match e {
            CampaignError::Invalid(fields) => RosterError::Invalid(fields).into(),
            CampaignError::NotFound(_) => CommandError::new(ErrorKind::NotFound, e.to_string()),
            CampaignError::Vetting(e) => e.into(),
            CampaignError::Store(e) => e.into(),
        }
    }
}

impl From<AgreementError> for CommandError {
    fn from(e: AgreementError) -> Self {
        match e {
            AgreementError::NotFound(_) => CommandError::new(ErrorKind::NotFound, e.to_string()),
            // The window shows the list of what is undefined next to the refusal.
            AgreementError::Undefined { .. } => CommandError::new(ErrorKind::InvalidInput, e.to_string()),
            AgreementError::Campaign(e) => e.into(),
            AgreementError::Roster(e) => e.into(),
            AgreementError::Store(e) => e.into(),
        }
    }
}

impl From<CollaborationError> for CommandError {
    fn from(e: CollaborationError) -> Self {
        match e {
            CollaborationError::Agreement(e) => e.into(),
            other => CommandError::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

impl From<PaymentError> for CommandError {
    fn from(e: PaymentError) -> Self {
        match e {
            PaymentError::Collaboration(e) => e.into(),
            PaymentError::Agreement(e) => e.into(),
            PaymentError::Campaign(e) => e.into(),
            PaymentError::Roster(e) => e.into(),
            other => CommandError::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

impl From<partnerly_report::ReportError> for CommandError {
    fn from(e: partnerly_report::ReportError) -> Self {
        CommandError::new(ErrorKind::File, e.to_string())
    }
}

impl From<WorkspaceError> for CommandError {
    fn from(e: WorkspaceError) -> Self {
        match e {
            WorkspaceError::Store(e) => e.into(),
            other => CommandError::new(ErrorKind::File, other.to_string()),
        }
    }
}

impl From<SampleError> for CommandError {
    fn from(e: SampleError) -> Self {
        match e {
            SampleError::Roster(e) => e.into(),
            SampleError::Vetting(e) => e.into(),
            SampleError::Agreement(e) => e.into(),
            SampleError::Collaboration(e) => e.into(),
            SampleError::Metrics(e) => e.into(),
            SampleError::Payment(e) => e.into(),
            SampleError::Store(e) => e.into(),
            other @ SampleError::NotEmpty(_) => CommandError::new(ErrorKind::InvalidInput, other.to_string()),
            other @ SampleError::NoSample => CommandError::new(ErrorKind::NotFound, other.to_string()),
        }
    }
}

impl From<PreferencesError> for CommandError {
    fn from(e: PreferencesError) -> Self {
        match e {
            PreferencesError::Invalid(fields) => RosterError::Invalid(fields).into(),
            PreferencesError::Store(e) => e.into(),
        }
    }
}

impl From<RightsError> for CommandError {
    fn from(e: RightsError) -> Self {
        match e {
            RightsError::Agreement(e) => e.into(),
            RightsError::Collaboration(e) => e.into(),
            RightsError::Campaign(e) => e.into(),
            RightsError::Roster(e) => e.into(),
            other => CommandError::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

impl From<OutreachError> for CommandError {
    fn from(e: OutreachError) -> Self {
        match e {
            OutreachError::Invalid(fields) => RosterError::Invalid(fields).into(),
            OutreachError::Agreement(e) => e.into(),
            OutreachError::Collaboration(e) => e.into(),
            OutreachError::Store(e) => e.into(),
            other => CommandError::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

impl From<IdentityError> for CommandError {
    fn from(e: IdentityError) -> Self {
        match e {
            IdentityError::Invalid(field) => RosterError::Invalid(vec![field]).into(),
            IdentityError::Store(e) => e.into(),
        }
    }
}

impl From<ImportError> for CommandError {
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Store(e) => e.into(),
            other => CommandError::new(ErrorKind::File, other.to_string()),
        }
    }
}

impl From<SalesError> for CommandError {
    fn from(e: SalesError) -> Self {
        match e {
            SalesError::File(e) => e.into(),
            SalesError::Agreement(e) => e.into(),
            SalesError::Campaign(e) => e.into(),
            SalesError::Store(e) => e.into(),
            other @ SalesError::Columns { .. } => CommandError::new(ErrorKind::File, other.to_string()),
            other => CommandError::new(ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

impl From<MetricsError> for CommandError {
    fn from(e: MetricsError) -> Self {
        match e {
            MetricsError::Invalid(fields) => RosterError::Invalid(fields).into(),
            MetricsError::NoSuchPost(_) => CommandError::new(ErrorKind::InvalidInput, e.to_string()),
            MetricsError::File(e) => e.into(),
            MetricsError::Campaign(e) => e.into(),
            MetricsError::Agreement(e) => e.into(),
            MetricsError::Store(e) => e.into(),
            MetricsError::Chart(e) => CommandError::new(ErrorKind::File, e.to_string()),
        }
    }
}
