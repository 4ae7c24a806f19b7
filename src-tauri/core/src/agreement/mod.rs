//! Partnerships and their agreements: the terms collected step by step,
//! what is still undefined, and the status rules (nothing is agreed while
//! anything is undefined or the creator's research is open).
//!
//! - `terms`: deliverables, compensation, rights, exclusivity, brief;
//! - `completeness`: every undefined detail, with its wizard step;
//! - `disclosure`: the agreement's disclosure clause, from the disclosure rules table;
//! - `partnership`: the stored record, the pipeline statuses, operations;
//! - `view`: a partnership with its campaign, creator, gaps, concerns and next due date.

pub mod completeness;
pub mod disclosure;
pub mod partnership;
pub mod terms;
pub mod view;

pub use completeness::{undefined, Research, Step, Undefined};
pub use partnership::{
    choose, create, get, list, move_to, remove, remove_campaign, save, undefined_in, AgreementError, Partnership,
    RemovedCampaign, Status,
};
pub use terms::{Parties, Terms};
pub use view::{view, view_of, views, PartnershipView};

#[cfg(test)]
pub(crate) mod tests;
