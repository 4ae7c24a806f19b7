//! Working with the creator once terms are set: a timeline per partnership
//! (messages, the brief, drafts, feedback, approvals, publication) and each
//! deliverable's progress derived from it. Every draft is checked for
//! disclosure when it is logged; a non-compliant one is only approved with
//! a reason; feedback is measured against the agreement (`voice`).
//!
//! The timeline lives in the partnership record, so it travels with it in
//! workspace files and goes when the partnership is deleted.

pub mod voice;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::{self, AgreementError, Partnership};
use crate::campaign;
use crate::disclosure::{self, DisclosureCheck, Post};
use crate::store::Store;
use crate::vetting;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the creator (or their agent) to the brand.
    Received,
    /// From the brand to the creator.
    Sent,
    /// A note for the team only.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    Message {
        direction: Direction,
        text: String,
    },
    BriefSent,
    Draft {
        caption: String,
        /// File names or links of the media, as the creator sent them.
        media: Vec<String>,
        /// The disclosure check made when it was logged.
        check: DisclosureCheck,
    },
    Feedback {
        text: String,
        /// A caption the brand proposes instead, if any.
        suggested_caption: String,
        changes_requested: bool,
        /// "Let the creator's voice through" warnings, as they were when given.
        warnings: Vec<String>,
    },
    Approval {
        /// Why a draft that fails the disclosure check was approved anyway.
        override_reason: Option<String>,
    },
    Published {
        url: String,
    },
    /// A person confirmed one of the checks text cannot make (a reminder
    /// of the latest draft's disclosure check: spoken and on screen, every
    /// story frame, France's label on the media).
    Confirmed {
        rule: String,
        market: Option<String>,
        message: String,
    },
    /// An invoice for one payment of the schedule (its place in it); a
    /// later one for the same payment replaces it (a corrected invoice).
    Invoiced {
        instalment: u32,
        number: String,
    },
    /// Money paid towards one payment of the schedule (`payments`).
    Paid {
        instalment: u32,
        amount: crate::campaign::Money,
        reference: String,
    },
    /// The code or access the creator gave for running one post as an ad
    /// (a TikTok Spark code, Instagram partnership-ad access), with its
    /// expiry; a later one for the same post replaces it (`rights`).
    AdCode {
        /// "Spark code", "Partnership ad access".
        access: String,
        code: String,
        expires: Option<NaiveDate>,
    },
    /// Whether the brand is using one post (reposting it, running it as an
    /// ad), as a person last said; what "expired but still in use" reads.
    InUse {
        in_use: bool,
    },
    /// A payment recorded in error, named by when it was logged; it no
    /// longer counts, and both stay on the timeline (`payments::withdraw`).
    PaymentWithdrawn {
        instalment: u32,
        paid_logged_at: DateTime<Utc>,
        reason: String,
    },
    /// A message written from a template (`outreach`) and sent to the
    /// creator, as the person last edited it.
    Sent {
        template: crate::outreach::TemplateKind,
        subject: String,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Entry {
    /// The day it happened, as the person says.
    pub on: NaiveDate,
    /// When it was logged, and by whom.
    pub logged_at: DateTime<Utc>,
    pub by: String,
    /// Which deliverable (its place in the terms) it concerns, if one.
    pub deliverable: Option<u32>,
    pub event: Event,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Planned,
    DraftSubmitted,
    ChangesRequested,
    Approved,
    Published,
}

/// Where one deliverable stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DeliverableProgress {
    pub deliverable: u32,
    pub name: String,
    pub stage: Stage,
    pub due: Option<NaiveDate>,
    /// Due before today and not yet published.
    pub overdue: bool,
    pub rounds_used: u32,
    pub rounds_included: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum CollaborationError {
    #[error("there is no deliverable {0} in this partnership's terms")]
    NoDeliverable(u32),
    #[error("{0}")]
    Empty(&'static str),
    #[error("deliverable {0} has no draft to answer yet: log the creator's draft first")]
    NoDraft(u32),
    #[error("deliverable {0} is not approved yet: approve its draft before logging the publication")]
    NotApproved(u32),
    #[error("deliverable {deliverable}'s latest draft has no check '{rule}' to confirm")]
    NoSuchCheck { deliverable: u32, rule: String },
    #[error(
        "the draft of deliverable {deliverable} fails the disclosure check ({findings}); approve it only with a reason"
    )]
    NeedsOverride { deliverable: u32, findings: String },
    #[error(transparent)]
    Agreement(#[from] AgreementError),
}

/// The entries of one deliverable, oldest first.
fn of(partnership: &Partnership, deliverable: u32) -> impl DoubleEndedIterator<Item = &Entry> {
    partnership
        .timeline
        .iter()
        .filter(move |e| e.deliverable == Some(deliverable))
}

fn latest_draft(partnership: &Partnership, deliverable: u32) -> Option<(&Entry, &DisclosureCheck, &str)> {
    of(partnership, deliverable).rev().find_map(|e| match &e.event {
        Event::Draft { check, caption, .. } => Some((e, check, caption.as_str())),
        _ => None,
    })
}

fn rounds_used(partnership: &Partnership, deliverable: u32) -> u32 {
    of(partnership, deliverable)
        .filter(|e| {
            matches!(
                e.event,
                Event::Feedback {
                    changes_requested: true,
                    ..
                }
            )
        })
        .count() as u32
}

/// Each deliverable's stage, from the timeline.
pub fn progress(partnership: &Partnership, today: NaiveDate) -> Vec<DeliverableProgress> {
    let rounds_included = partnership.terms.brief.revision_rounds;
    partnership
        .terms
        .deliverables
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let index = i as u32;
            let stage = of(partnership, index).fold(Stage::Planned, |stage, e| match e.event {
                Event::Draft { .. } => Stage::DraftSubmitted,
                Event::Feedback {
                    changes_requested: true,
                    ..
                } => Stage::ChangesRequested,
                Event::Approval { .. } => Stage::Approved,
                Event::Published { .. } => Stage::Published,
                _ => stage,
            });
            DeliverableProgress {
                deliverable: index,
                name: crate::agreement::terms::Deliverable::name_or(Some(d), index),
                stage,
                due: d.due,
                overdue: d.due.is_some_and(|due| due < today) && stage != Stage::Published,
                rounds_used: rounds_used(partnership, index),
                rounds_included,
            }
        })
        .collect()
}

/// Appends an entry and stores the partnership.
pub(crate) fn log(
    store: &Store,
    mut partnership: Partnership,
    on: NaiveDate,
    deliverable: Option<u32>,
    event: Event,
) -> Result<Partnership, CollaborationError> {
    partnership.timeline.push(Entry {
        on,
        logged_at: Utc::now(),
        by: crate::identity::your_name(store),
        deliverable,
        event,
    });
    partnership.updated_at = Utc::now();
    store.put(&partnership).map_err(AgreementError::from)?;
    Ok(partnership)
}

fn deliverable_of(partnership: &Partnership, deliverable: u32) -> Result<(), CollaborationError> {
    if (deliverable as usize) < partnership.terms.deliverables.len() {
        Ok(())
    } else {
        Err(CollaborationError::NoDeliverable(deliverable + 1))
    }
}

pub fn message(
    store: &Store,
    id: &str,
    direction: Direction,
    text: &str,
    on: NaiveDate,
) -> Result<Partnership, CollaborationError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(CollaborationError::Empty("a message needs some text"));
    }
    let partnership = agreement::get(store, id)?;
    log(
        store,
        partnership,
        on,
        None,
        Event::Message {
            direction,
            text: text.to_string(),
        },
    )
}

pub fn brief_sent(store: &Store, id: &str, on: NaiveDate) -> Result<Partnership, CollaborationError> {
    let partnership = agreement::get(store, id)?;
    log(store, partnership, on, None, Event::BriefSent)
}

/// Logs a draft and checks its caption against the campaign's markets.
pub fn draft(
    store: &Store,
    id: &str,
    deliverable: u32,
    caption: &str,
    media: Vec<String>,
    on: NaiveDate,
) -> Result<Partnership, CollaborationError> {
    let partnership = agreement::get(store, id)?;
    deliverable_of(&partnership, deliverable)?;
    let (markets, brand) = match partnership.campaign_id {
        Some(campaign_id) => {
            let campaign = campaign::get(store, &campaign_id.to_string()).map_err(AgreementError::from)?;
            let brand = vetting::get_brand(store, &campaign.brand_id.to_string()).map_err(AgreementError::from)?;
            (campaign.markets, Some(brand.name))
        }
        None => (Vec::new(), None),
    };
    let planned = &partnership.terms.deliverables[deliverable as usize];
    let check = disclosure::check(&Post {
        caption,
        platform: planned.platform,
        format: planned.format,
        markets: &markets,
        brand: brand.as_deref(),
    });
    let event = Event::Draft {
        caption: caption.to_string(),
        media: media
            .into_iter()
            .map(|m| m.trim().to_string())
            .filter(|m| !m.is_empty())
            .collect(),
        check,
    };
    log(store, partnership, on, Some(deliverable), event)
}

/// Logs feedback on the latest draft, with the warnings it raises.
pub fn feedback(
    store: &Store,
    id: &str,
    deliverable: u32,
    text: &str,
    suggested_caption: &str,
    changes_requested: bool,
    on: NaiveDate,
) -> Result<Partnership, CollaborationError> {
    let partnership = agreement::get(store, id)?;
    deliverable_of(&partnership, deliverable)?;
    let (draft, _, caption) =
        latest_draft(&partnership, deliverable).ok_or(CollaborationError::NoDraft(deliverable + 1))?;
    let brief = &partnership.terms.brief;
    let warnings = voice::warnings(&voice::Context {
        round: rounds_used(&partnership, deliverable) + u32::from(changes_requested),
        rounds_included: brief.revision_rounds,
        draft_submitted: draft.on,
        review_days: brief.review_days,
        feedback_on: on,
        draft_caption: caption,
        suggested_caption,
        changes_requested,
    });
    let event = Event::Feedback {
        text: text.trim().to_string(),
        suggested_caption: suggested_caption.trim().to_string(),
        changes_requested,
        warnings,
    };
    log(store, partnership, on, Some(deliverable), event)
}

/// Approves the latest draft; one that fails the disclosure check needs a reason.
pub fn approve(
    store: &Store,
    id: &str,
    deliverable: u32,
    override_reason: Option<&str>,
    on: NaiveDate,
) -> Result<Partnership, CollaborationError> {
    let partnership = agreement::get(store, id)?;
    deliverable_of(&partnership, deliverable)?;
    let (_, check, _) = latest_draft(&partnership, deliverable).ok_or(CollaborationError::NoDraft(deliverable + 1))?;
    let reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    if !check.compliant && reason.is_none() {
        let findings = check
            .findings
            .iter()
            .filter(|f| f.blocking)
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        return Err(CollaborationError::NeedsOverride {
            deliverable: deliverable + 1,
            findings,
        });
    }
    let event = Event::Approval {
        override_reason: reason.map(str::to_string),
    };
    log(store, partnership, on, Some(deliverable), event)
}

/// Logs the publication of an approved deliverable.
pub fn published(
    store: &Store,
    id: &str,
    deliverable: u32,
    url: &str,
    on: NaiveDate,
) -> Result<Partnership, CollaborationError> {
    let partnership = agreement::get(store, id)?;
    deliverable_of(&partnership, deliverable)?;
    let approved = of(&partnership, deliverable).any(|e| matches!(e.event, Event::Approval { .. }));
    if !approved {
        return Err(CollaborationError::NotApproved(deliverable + 1));
    }
    if url.trim().is_empty() {
        return Err(CollaborationError::Empty("a publication needs the post's link"));
    }
    log(
        store,
        partnership,
        on,
        Some(deliverable),
        Event::Published {
            url: url.trim().to_string(),
        },
    )
}

/// The checks text cannot make for the latest draft (its reminders), each
/// with whether a person has confirmed it since that draft was logged.
pub fn checklist(partnership: &Partnership, deliverable: u32) -> Vec<(crate::disclosure::Finding, bool)> {
    let entries: Vec<&Entry> = of(partnership, deliverable).collect();
    let Some(at) = entries.iter().rposition(|e| matches!(e.event, Event::Draft { .. })) else {
        return Vec::new();
    };
    let Event::Draft { check, .. } = &entries[at].event else {
        return Vec::new();
    };
    let confirmed: Vec<(&str, Option<&str>)> = entries[at..]
        .iter()
        .filter_map(|e| match &e.event {
            Event::Confirmed { rule, market, .. } => Some((rule.as_str(), market.as_deref())),
            _ => None,
        })
        .collect();
    check
        .findings
        .iter()
        .filter(|f| !f.blocking)
        .map(|f| (f.clone(), confirmed.contains(&(f.rule.as_str(), f.market.as_deref()))))
        .collect()
}

/// Confirms one check of the latest draft that text cannot make (`market`
/// tells apart the same check for two markets).
pub fn confirm(
    store: &Store,
    id: &str,
    deliverable: u32,
    rule: &str,
    market: Option<&str>,
    on: NaiveDate,
) -> Result<Partnership, CollaborationError> {
    let partnership = agreement::get(store, id)?;
    deliverable_of(&partnership, deliverable)?;
    let found = checklist(&partnership, deliverable)
        .into_iter()
        .find(|(f, _)| f.rule == rule && f.market.as_deref() == market);
    let Some((finding, _)) = found else {
        return Err(CollaborationError::NoSuchCheck {
            deliverable: deliverable + 1,
            rule: rule.to_string(),
        });
    };
    let event = Event::Confirmed {
        rule: finding.rule,
        market: finding.market,
        message: finding.message,
    };
    log(store, partnership, on, Some(deliverable), event)
}

#[cfg(test)]
mod tests;
