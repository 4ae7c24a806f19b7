//! The scorecard: every vetting figure for one creator against one brand,
//! and a verdict that names what drove it.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::alignment::{alignment, competitor_partnerships, excluded_topics_found};
use super::audience_fit::audience_fit;
use super::brand::Brand;
use super::dossier::{CheckEntry, CheckState, Dossier, FollowerHistory, PastPartnership};
use super::engagement::{assess, AccountEngagement};
use super::flags::{red_flags, FlagReport};
use super::score::{Score, ScoreStatus};
use crate::roster::{Influencer, TierBoundaries};

/// A score under this is a poor fit on its own.
pub const POOR_SCORE: f64 = 40.0;
/// A score under this needs a closer look.
pub const GOOD_SCORE: f64 = 60.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerdictKind {
    Recommended,
    Caution,
    NotRecommended,
}

impl VerdictKind {
    pub fn label(self) -> &'static str {
        match self {
            VerdictKind::Recommended => "Recommended",
            VerdictKind::Caution => "Caution",
            VerdictKind::NotRecommended => "Not recommended",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Verdict {
    pub kind: VerdictKind,
    /// What drove it, the weightiest first.
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BrandRef {
    pub id: Uuid,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Scorecard {
    pub brand: BrandRef,
    pub influencer: Influencer,
    /// The day it was computed; competitor windows count back from it.
    pub computed_on: NaiveDate,
    pub engagement: Vec<AccountEngagement>,
    pub audience_fit: Score,
    pub alignment: Score,
    pub red_flags: FlagReport,
    pub checklist: Vec<CheckEntry>,
    pub past_partnerships: Vec<PastPartnership>,
    pub histories: Vec<FollowerHistory>,
    pub verdict: Verdict,
}

pub fn scorecard(
    brand: &Brand,
    influencer: &Influencer,
    dossier: &Dossier,
    tiers: &TierBoundaries,
    today: NaiveDate,
) -> Scorecard {
    let mut accounts: Vec<_> = influencer.accounts.iter().collect();
    accounts.sort_by_key(|a| std::cmp::Reverse(a.followers));
    let engagement: Vec<AccountEngagement> = accounts
        .into_iter()
        .map(|account| {
            let stats = dossier.stats.iter().find(|s| {
                s.platform == Some(account.platform) && s.handle.as_deref().is_none_or(|h| h == account.handle)
            });
            assess(account, stats, tiers)
        })
        .collect();
    let audience_fit = audience_fit(brand, &dossier.audience);
    let alignment = alignment(brand, influencer, &dossier.past_partnerships, today);
    let red_flags = red_flags(&engagement, &dossier.audience, &dossier.histories);
    let checklist = dossier.checklist_state();
    let verdict = verdict(
        brand,
        influencer,
        dossier,
        today,
        &audience_fit,
        &alignment,
        &red_flags,
        &checklist,
    );
    Scorecard {
        brand: BrandRef {
            id: brand.id,
            name: brand.name.clone(),
        },
        influencer: influencer.clone(),
        computed_on: today,
        engagement,
        audience_fit,
        alignment,
        red_flags,
        checklist,
        past_partnerships: dossier.past_partnerships.clone(),
        histories: dossier.histories.clone(),
        verdict,
    }
}

#[allow(clippy::too_many_arguments)]
fn verdict(
    brand: &Brand,
    influencer: &Influencer,
    dossier: &Dossier,
    today: NaiveDate,
    fit: &Score,
    alignment: &Score,
    flags: &FlagReport,
    checklist: &[CheckEntry],
) -> Verdict {
    let mut against = Vec::new();
    let mut doubts = Vec::new();
    for (topic, place) in excluded_topics_found(brand, influencer) {
        against.push(format!("brand safety: \"{topic}\" is in the creator's {place}"));
    }
    for partnership in competitor_partnerships(brand, &dossier.past_partnerships, today) {
        against.push(format!(
            "worked with {}, a competitor, on {}",
            partnership.brand, partnership.date
        ));
    }
    match flags.flags.len() {
        0 => {}
        1 => doubts.push(format!("a red flag: {}", flags.flags[0].title.to_lowercase())),
        n => against.push(format!("{n} audience-quality red flags")),
    }
    for (name, score) in [("audience fit", fit), ("alignment", alignment)] {
        match (score.status, score.value) {
            (ScoreStatus::NotApplicable, _) => {}
            (_, None) => doubts.push(format!("{name} is unknown ({} missing)", score.missing.join(", "))),
            (status, Some(value)) => {
                if value < POOR_SCORE {
                    against.push(format!("{name} {value} is under {POOR_SCORE}"));
                } else if value < GOOD_SCORE {
                    doubts.push(format!("{name} {value} is under {GOOD_SCORE}"));
                }
                if status == ScoreStatus::Incomplete {
                    doubts.push(format!("{name} is incomplete ({} missing)", score.missing.join(", ")));
                }
            }
        }
    }
    let open = checklist.iter().filter(|e| e.state == CheckState::Open).count();
    if open > 0 {
        doubts.push(format!("research checklist: {open} of {} items open", checklist.len()));
    }

    let kind = if !against.is_empty() {
        VerdictKind::NotRecommended
    } else if !doubts.is_empty() {
        VerdictKind::Caution
    } else {
        VerdictKind::Recommended
    };
    let mut reasons = against;
    reasons.extend(doubts);
    if reasons.is_empty() {
        let value = |s: &Score| s.value.map_or("not scored".to_string(), |v| v.to_string());
        reasons.push(format!(
            "audience fit {}, alignment {}, no red flags, research checklist complete",
            value(fit),
            value(alignment)
        ));
    }
    Verdict { kind, reasons }
}

#[cfg(test)]
mod tests;
