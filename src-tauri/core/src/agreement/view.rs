//! A partnership with everything a person needs to judge it at a glance:
//! the campaign and creator it joins, what is still undefined, what is
//! worrying about the creator choice, the disclosure clause and the next
//! date that falls due. The wizard, the pipeline, the CLI and the agreement
//! PDF all read this one view, so they never disagree.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::completeness::Undefined;
use super::disclosure;
use super::partnership::{self, undefined_in, AgreementError, Partnership, Status};
use crate::campaign::{self, Campaign};
use crate::collaboration::{DeliverableProgress, Stage};
use crate::payments::{self, PaymentLine};
use crate::roster::{self, Influencer, RosterError};
use crate::store::Store;
use crate::vetting::scorecard::{BrandRef, VerdictKind};
use crate::vetting::{self, VettingError};

/// The next date something is owed: a deliverable or a payment.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DueItem {
    pub date: NaiveDate,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PartnershipView {
    pub partnership: Partnership,
    pub campaign: Option<Campaign>,
    pub brand: Option<BrandRef>,
    pub influencer: Option<Influencer>,
    /// Every undefined detail; "agreed" needs this empty.
    pub undefined: Vec<Undefined>,
    /// Why the chosen creator deserves a second look (not vetted for the
    /// brand, a cautious verdict). Shown, never blocking on its own.
    pub concerns: Vec<String>,
    /// The agreement's disclosure clause, one obligation a line.
    pub disclosure: Vec<String>,
    /// What each of the campaign's markets asks, for the markets the rules cover.
    pub disclosure_markets: Vec<crate::disclosure::markets::MarketRule>,
    pub next_due: Option<DueItem>,
    /// Where each deliverable stands, from the timeline.
    pub progress: Vec<crate::collaboration::DeliverableProgress>,
    /// Each payment of the schedule once agreed: invoiced, paid, overdue.
    pub payments: Vec<PaymentLine>,
}

/// Concerns about the creator choice, from the brand's shortlist and the
/// creator's scorecard against the brand.
fn concerns(
    store: &Store,
    brand_id: &str,
    influencer: &Influencer,
    today: NaiveDate,
) -> Result<Vec<String>, VettingError> {
    let brand = vetting::get_brand(store, brand_id)?;
    let mut out = Vec::new();
    if !brand.shortlist.iter().any(|e| e.influencer_id == influencer.id) {
        out.push(format!(
            "{} is not on {}'s shortlist: they have not been vetted against this brand.",
            influencer.name, brand.name
        ));
    }
    let card = vetting::scorecard_for(store, brand_id, &influencer.id.to_string(), today)?;
    if card.verdict.kind != VerdictKind::Recommended {
        let why = card
            .verdict
            .reasons
            .first()
            .map(|r| format!(": {r}"))
            .unwrap_or_default();
        out.push(format!(
            "The scorecard says {} for {}{why}.",
            card.verdict.kind.label().to_lowercase(),
            brand.name
        ));
    }
    Ok(out)
}

/// The earliest deliverable not yet published or payment not yet paid that
/// falls due on or after `today` (what is overdue is shown as overdue, not
/// as next). Once agreed, a payment's date is the one its trigger and terms
/// give; before, only a dated payment has one.
fn next_due(
    partnership: &Partnership,
    progress: &[DeliverableProgress],
    payment_lines: &[PaymentLine],
    today: NaiveDate,
) -> Option<DueItem> {
    let terms = &partnership.terms;
    let deliverables = terms.deliverables.iter().enumerate().filter_map(|(index, d)| {
        if progress.get(index).is_some_and(|p| p.stage == Stage::Published) {
            return None;
        }
        let what = match (d.platform, d.format) {
            (Some(p), Some(f)) => format!("{} {} ×{}", p.label(), f.label(), d.count.max(1)),
            (Some(p), None) => format!("{} content", p.label()),
            _ => "a deliverable".to_string(),
        };
        d.due.map(|date| DueItem { date, what })
    });
    let payment_what = |label: &str| match label.trim() {
        "" => "a payment".to_string(),
        label => format!("payment: {label}"),
    };
    let payments: Vec<DueItem> = if payment_lines.is_empty() {
        terms
            .compensation
            .schedule
            .iter()
            .filter_map(|i| {
                i.due.map(|date| DueItem {
                    date,
                    what: payment_what(&i.label),
                })
            })
            .collect()
    } else {
        let schedule = &terms.compensation.schedule;
        payment_lines
            .iter()
            .filter(|line| line.open_minor > 0)
            .filter_map(|line| {
                let label = schedule.get(line.instalment as usize).map_or("", |i| i.label.as_str());
                line.due.date.map(|date| DueItem {
                    date,
                    what: payment_what(label),
                })
            })
            .collect()
    };
    deliverables
        .chain(payments)
        .filter(|item| item.date >= today)
        .min_by_key(|item| item.date)
}

/// Looks up what a stored partnership points at. A campaign or creator
/// deleted since shows as missing rather than failing the whole view.
pub fn view_of(store: &Store, partnership: Partnership, today: NaiveDate) -> Result<PartnershipView, AgreementError> {
    let campaign = match partnership.campaign_id {
        Some(id) => match campaign::get(store, &id.to_string()) {
            Ok(c) => Some(c),
            Err(campaign::CampaignError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let influencer = match partnership.influencer_id {
        Some(id) => match roster::get(store, &id.to_string()) {
            Ok(i) => Some(i),
            Err(RosterError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let brand = match &campaign {
        Some(c) => match vetting::get_brand(store, &c.brand_id.to_string()) {
            Ok(b) => Some(BrandRef { id: b.id, name: b.name }),
            Err(VettingError::BrandNotFound(_)) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let concerns = match (&brand, &influencer) {
        (Some(brand), Some(influencer)) => concerns(store, &brand.id.to_string(), influencer, today)?,
        _ => Vec::new(),
    };
    let disclosure_markets = match (&campaign, &brand) {
        (Some(c), Some(b)) => c
            .markets
            .iter()
            .filter_map(|m| crate::disclosure::markets::rule(m, Some(&b.name)))
            .collect(),
        _ => Vec::new(),
    };
    let disclosure = match (&campaign, &brand) {
        (Some(c), Some(_)) => {
            let platforms: Vec<_> = partnership
                .terms
                .deliverables
                .iter()
                .filter_map(|d| d.platform)
                .collect();
            disclosure::clause_from(&c.markets, &disclosure_markets, &platforms)
        }
        _ => Vec::new(),
    };
    let undefined = undefined_in(store, &partnership)?;
    let progress = crate::collaboration::progress(&partnership, today);
    let payments = payments::lines_of(
        &partnership,
        campaign.as_ref().map_or("(no campaign)", |c| c.name.as_str()),
        influencer.as_ref().map_or("(no creator)", |i| i.name.as_str()),
        today,
    );
    let next_due = match partnership.status {
        Status::Cancelled => None,
        _ => next_due(&partnership, &progress, &payments, today),
    };
    Ok(PartnershipView {
        partnership,
        campaign,
        brand,
        influencer,
        undefined,
        concerns,
        disclosure,
        disclosure_markets,
        next_due,
        progress,
        payments,
    })
}

pub fn view(store: &Store, id: &str, today: NaiveDate) -> Result<PartnershipView, AgreementError> {
    view_of(store, partnership::get(store, id)?, today)
}

/// Every partnership as the pipeline shows it, the most recently changed first.
pub fn views(store: &Store, today: NaiveDate) -> Result<Vec<PartnershipView>, AgreementError> {
    partnership::list(store)?
        .into_iter()
        .map(|p| view_of(store, p, today))
        .collect()
}
