//! Everything that falls due across campaigns, as one agenda: drafts due,
//! go-live dates, review windows closing, payments due, usage rights and
//! exclusivity ending. Each date is derived from an agreement's terms and
//! its timeline, never typed twice, so the calendar cannot disagree with the
//! pipeline, the payments or the agreement.
//!
//! Each entry has a UID made of the partnership, what it is and which one,
//! so a calendar exported again updates the events it exported before
//! instead of adding them twice (`ics`).

pub mod ics;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::agreement::{self, AgreementError, Partnership, PartnershipView};
use crate::collaboration::{voice::add_business_days, Event, Stage};
use crate::store::Store;

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The creator's draft, early enough for the brand's review before going live.
    DraftDue,
    /// A draft is waiting: the brand's review window closes.
    ReviewCloses,
    GoLive,
    PaymentDue,
    /// The brand's right to use the content ends.
    RightsEnd,
    /// The creator may work with competitors again.
    ExclusivityEnds,
}

impl EntryKind {
    pub fn label(self) -> &'static str {
        match self {
            EntryKind::DraftDue => "Draft due",
            EntryKind::ReviewCloses => "Review window closes",
            EntryKind::GoLive => "Goes live",
            EntryKind::PaymentDue => "Payment due",
            EntryKind::RightsEnd => "Usage rights end",
            EntryKind::ExclusivityEnds => "Exclusivity ends",
        }
    }

    fn slug(self) -> &'static str {
        match self {
            EntryKind::DraftDue => "draft",
            EntryKind::ReviewCloses => "review",
            EntryKind::GoLive => "live",
            EntryKind::PaymentDue => "payment",
            EntryKind::RightsEnd => "rights",
            EntryKind::ExclusivityEnds => "exclusivity",
        }
    }
}

/// One dated thing in the calendar.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CalendarEntry {
    /// Stable across exports: the partnership, the kind and which one.
    pub uid: String,
    pub on: NaiveDate,
    pub kind: EntryKind,
    /// "Draft due: Instagram reel ×2 (Sofía Herrera)".
    pub title: String,
    /// What the agreement says about it, for the event's description.
    pub detail: String,
    pub partnership_id: Uuid,
    pub campaign_id: Option<Uuid>,
    pub campaign: String,
    pub influencer_id: Option<Uuid>,
    pub creator: String,
    /// Its day is past and it is still open.
    pub overdue: bool,
}

/// Which entries to show; every field empty shows all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct CalendarFilter {
    pub campaign_id: Option<Uuid>,
    pub influencer_id: Option<Uuid>,
}

/// The entries of one partnership as its view stands `today`. Only agreed
/// partnerships and later have dates anyone is held to; a cancelled one
/// has none.
pub fn entries_of(view: &PartnershipView, today: NaiveDate) -> Vec<CalendarEntry> {
    let partnership = &view.partnership;
    if !partnership.status.needs_agreement() {
        return Vec::new();
    }
    let creator = view.influencer.as_ref().map_or("No creator", |i| i.name.as_str());
    let campaign = view.campaign.as_ref().map_or("No campaign", |c| c.name.as_str());
    let entry = |kind: EntryKind, n: u32, on: NaiveDate, what: &str, detail: String, open: bool| CalendarEntry {
        uid: format!("{}-{}-{n}@partnerly", partnership.id, kind.slug()),
        on,
        kind,
        title: format!("{}: {what} ({creator})", kind.label()),
        detail: format!("{campaign} · {creator}. {detail}"),
        partnership_id: partnership.id,
        campaign_id: partnership.campaign_id,
        campaign: campaign.to_string(),
        influencer_id: partnership.influencer_id,
        creator: creator.to_string(),
        overdue: open && on < today,
    };
    let terms = &partnership.terms;
    let review_days = terms.brief.review_days;
    let mut out = Vec::new();
    for progress in &view.progress {
        let n = progress.deliverable;
        let what = progress.name.as_str();
        let Some(due) = progress.due else { continue };
        let published = progress.stage == Stage::Published;
        let mut live = entry(
            EntryKind::GoLive,
            n,
            due,
            what,
            format!("Due to go live by {due}."),
            !published,
        );
        if published {
            live.title = format!("Went live: {what} ({creator})");
        }
        out.push(live);
        if let Some(days) = review_days {
            // Early enough for the brand's whole review window before the post date.
            let draft_due = due - chrono::Days::new(u64::from(days) + 1);
            if progress.stage == Stage::Planned {
                out.push(entry(
                    EntryKind::DraftDue,
                    n,
                    draft_due,
                    what,
                    format!("Leaves the brand's review of {days} business day(s) before {due}."),
                    true,
                ));
            }
            if progress.stage == Stage::DraftSubmitted {
                if let Some(submitted) = last_draft(partnership, n) {
                    let closes = add_business_days(submitted, days);
                    let rule = match terms.brief.no_answer_rule.trim() {
                        "" => String::new(),
                        rule => format!(" {rule}"),
                    };
                    out.push(entry(
                        EntryKind::ReviewCloses,
                        n,
                        closes,
                        what,
                        format!("Draft sent {submitted}; the brand answers within {days} business day(s).{rule}"),
                        true,
                    ));
                }
            }
        }
    }
    for line in &view.payments {
        let Some(on) = line.due.date else { continue };
        if line.open_minor == 0 {
            continue;
        }
        let open = crate::campaign::Money {
            minor: line.open_minor,
            currency: line.amount.currency.clone(),
        };
        out.push(entry(
            EntryKind::PaymentDue,
            line.instalment,
            on,
            &format!("{}, {}", line.label, open.to_text()),
            format!("Due {}.", line.due.rule),
            true,
        ));
    }
    let first_live = published_days(partnership).min();
    let last_live = published_days(partnership).max();
    if let (Some(months), Some(first)) = (terms.rights.duration_months, first_live) {
        // The last day of use, as `rights` counts it.
        if let Some(ends) = first.checked_add_months(Months::new(months)).and_then(|d| d.pred_opt()) {
            out.push(entry(
                EntryKind::RightsEnd,
                0,
                ends,
                "the brand's use of the content",
                format!(
                    "{months} month(s) from first publication ({first}): the last day the brand may repost or advertise with it."
                ),
                false,
            ));
        }
    }
    if terms.exclusivity.required {
        let from = last_live.or_else(|| terms.deliverables.iter().filter_map(|d| d.due).max());
        if let Some(from) = from {
            let ends = from + chrono::Days::new(u64::from(terms.exclusivity.days_after));
            let category = match terms.exclusivity.category.trim() {
                "" => "the agreed category".to_string(),
                c => c.to_string(),
            };
            out.push(entry(
                EntryKind::ExclusivityEnds,
                0,
                ends,
                &category,
                format!("{} day(s) after the last post ({from}).", terms.exclusivity.days_after),
                false,
            ));
        }
    }
    out
}

fn last_draft(partnership: &Partnership, deliverable: u32) -> Option<NaiveDate> {
    partnership
        .timeline
        .iter()
        .filter(|e| e.deliverable == Some(deliverable) && matches!(e.event, Event::Draft { .. }))
        .map(|e| e.on)
        .max()
}

fn published_days(partnership: &Partnership) -> impl Iterator<Item = NaiveDate> + '_ {
    partnership
        .timeline
        .iter()
        .filter(|e| matches!(e.event, Event::Published { .. }))
        .map(|e| e.on)
}

/// Every entry `filter` keeps, by day (then by kind and creator).
pub fn agenda(store: &Store, filter: &CalendarFilter, today: NaiveDate) -> Result<Vec<CalendarEntry>, AgreementError> {
    let mut entries: Vec<CalendarEntry> = agreement::views(store, today)?
        .iter()
        .filter(|v| {
            filter
                .campaign_id
                .is_none_or(|id| v.partnership.campaign_id == Some(id))
        })
        .filter(|v| {
            filter
                .influencer_id
                .is_none_or(|id| v.partnership.influencer_id == Some(id))
        })
        .flat_map(|v| entries_of(v, today))
        .collect();
    entries.sort_by(|a, b| (a.on, a.kind, &a.creator, &a.uid).cmp(&(b.on, b.kind, &b.creator, &b.uid)));
    Ok(entries)
}

#[cfg(test)]
mod tests;
