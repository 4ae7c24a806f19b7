//! The rights each published post carries: what the agreement granted
//! (organic reposting, paid amplification, where, until when), the ad code
//! or access the creator gave with its expiry, and whether the brand still
//! uses the post. From these, what needs a decision: rights ending within
//! 30 days, and rights (or an ad code) expired while the brand still uses
//! the post.
//!
//! The rights' end is counted as the agreement words it: the granted months
//! from the partnership's first publication. Codes and "in use" are
//! timeline entries on the post's deliverable (`Event::AdCode`,
//! `Event::InUse`), so they travel with the partnership.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::agreement::terms::Ownership;
use crate::agreement::{self, AgreementError, Partnership};
use crate::collaboration::{self, CollaborationError, Event};
use crate::store::Store;
use crate::{campaign, roster};

/// How soon "ending soon" is.
pub const ENDING_SOON_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RightsState {
    /// Expired, and the brand still uses the post: stop, or extend the licence.
    ExpiredInUse,
    /// Ends within `ENDING_SOON_DAYS`.
    EndingSoon,
    Active,
    Expired,
    /// The agreement sets no end (the brand owns the content, or no term was agreed).
    NoEnd,
}

impl RightsState {
    pub fn label(self) -> &'static str {
        match self {
            RightsState::ExpiredInUse => "Expired, still in use",
            RightsState::EndingSoon => "Ending soon",
            RightsState::Active => "Active",
            RightsState::Expired => "Expired",
            RightsState::NoEnd => "No end date",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AdCode {
    /// "Spark code", "Partnership ad access".
    pub kind: String,
    pub code: String,
    pub expires: Option<NaiveDate>,
    /// Past its expiry.
    pub expired: bool,
}

/// One published post and the rights it carries.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PostRights {
    pub partnership_id: Uuid,
    pub deliverable: u32,
    pub campaign_id: Option<Uuid>,
    pub campaign: String,
    pub creator: String,
    /// "Instagram reel".
    pub post: String,
    pub url: String,
    pub published_on: NaiveDate,
    pub organic: bool,
    pub paid: bool,
    /// ISO codes; empty when the agreement names none.
    pub territory: Vec<String>,
    pub brand_owns: bool,
    /// The last day of use, when the agreement sets one.
    pub until: Option<NaiveDate>,
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub ad_code: Option<AdCode>,
    pub in_use: bool,
    pub state: RightsState,
    /// What needs doing, in a sentence, when something does.
    pub attention: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct RightsFilter {
    pub campaign_id: Option<Uuid>,
    /// Only those ending soon or expired while in use.
    pub needs_attention: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum RightsError {
    #[error("deliverable {0} has not been published: rights start with the post")]
    NotPublished(u32),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Agreement(#[from] AgreementError),
    #[error(transparent)]
    Collaboration(#[from] CollaborationError),
    #[error(transparent)]
    Campaign(#[from] campaign::CampaignError),
    #[error(transparent)]
    Roster(#[from] roster::RosterError),
}

/// The rights of every post `partnership` has published, as of `today`.
pub fn rights_of(partnership: &Partnership, campaign: &str, creator: &str, today: NaiveDate) -> Vec<PostRights> {
    let terms = &partnership.terms;
    let rights = &terms.rights;
    let published: Vec<(u32, NaiveDate, &str)> = partnership
        .timeline
        .iter()
        .filter_map(|e| match (&e.event, e.deliverable) {
            (Event::Published { url }, Some(d)) => Some((d, e.on, url.as_str())),
            _ => None,
        })
        .collect();
    let first = published.iter().map(|p| p.1).min();
    let brand_owns = rights.ownership == Ownership::BrandOwns;
    let until = match (brand_owns, rights.duration_months, first) {
        (false, Some(months), Some(first)) => first
            .checked_add_months(Months::new(months))
            .and_then(|end| end.pred_opt()),
        _ => None,
    };
    published
        .iter()
        .map(|&(deliverable, published_on, url)| {
            let of_post = partnership
                .timeline
                .iter()
                .filter(|e| e.deliverable == Some(deliverable));
            let mut ad_code = None;
            let mut in_use = false;
            for e in of_post {
                match &e.event {
                    Event::AdCode { access, code, expires } => {
                        ad_code = Some(AdCode {
                            kind: access.clone(),
                            code: code.clone(),
                            expires: *expires,
                            expired: expires.is_some_and(|x| x < today),
                        })
                    }
                    Event::InUse { in_use: now } => in_use = *now,
                    _ => {}
                }
            }
            let days_left = until.map(|u| (u - today).num_days());
            let state = match days_left {
                None => RightsState::NoEnd,
                Some(d) if d < 0 && in_use => RightsState::ExpiredInUse,
                Some(d) if d < 0 => RightsState::Expired,
                Some(d) if d <= ENDING_SOON_DAYS => RightsState::EndingSoon,
                Some(_) => RightsState::Active,
            };
            let code_lapsed = in_use && ad_code.as_ref().is_some_and(|c| c.expired);
            let attention = match (state, &until) {
                (RightsState::ExpiredInUse, Some(u)) => Some(format!(
                    "The licence ended on {u} and the brand still uses this post: take it down or agree an extension."
                )),
                (RightsState::EndingSoon, Some(u)) => Some(format!(
                    "The licence ends on {u}: extend it with the creator or plan to stop using the post."
                )),
                _ if code_lapsed => Some(format!(
                    "The {} expired on {}: the ad stops, or ask the creator for a new one.",
                    ad_code.as_ref().map_or("ad code", |c| c.kind.as_str()),
                    ad_code
                        .as_ref()
                        .and_then(|c| c.expires)
                        .map_or_else(String::new, |d| d.to_string())
                )),
                _ => None,
            };
            let post = crate::agreement::terms::Deliverable::name_or(
                terms.deliverables.get(deliverable as usize),
                deliverable,
            );
            PostRights {
                partnership_id: partnership.id,
                deliverable,
                campaign_id: partnership.campaign_id,
                campaign: campaign.to_string(),
                creator: creator.to_string(),
                post,
                url: url.to_string(),
                published_on,
                organic: rights.organic_reposting || brand_owns,
                paid: rights.paid_amplification || brand_owns,
                territory: rights.territory.clone(),
                brand_owns,
                until,
                days_left,
                ad_code,
                in_use,
                state,
                attention,
            }
        })
        .collect()
}

/// Every published post's rights that `filter` keeps: what needs attention
/// first, then by the day the rights end.
pub fn list(store: &Store, filter: &RightsFilter, today: NaiveDate) -> Result<Vec<PostRights>, RightsError> {
    let mut out = Vec::new();
    for view in agreement::views(store, today)? {
        if filter
            .campaign_id
            .is_some_and(|id| view.partnership.campaign_id != Some(id))
        {
            continue;
        }
        let campaign = view.campaign.as_ref().map_or("(no campaign)", |c| c.name.as_str());
        let creator = view.influencer.as_ref().map_or("(no creator)", |i| i.name.as_str());
        out.extend(
            rights_of(&view.partnership, campaign, creator, today)
                .into_iter()
                .filter(|r| !filter.needs_attention || r.attention.is_some()),
        );
    }
    Ok(in_order(out))
}

/// What needs attention first, then by the day the rights end (no end last).
pub fn in_order(mut posts: Vec<PostRights>) -> Vec<PostRights> {
    posts.sort_by(|a, b| {
        let key = |r: &PostRights| {
            (
                r.attention.is_none(),
                r.state,
                r.until.is_none(),
                r.until,
                r.creator.clone(),
                r.deliverable,
            )
        };
        key(a).cmp(&key(b))
    });
    posts
}

fn published_post(store: &Store, id: &str, deliverable: u32) -> Result<Partnership, RightsError> {
    let partnership = agreement::get(store, id)?;
    let published = partnership
        .timeline
        .iter()
        .any(|e| e.deliverable == Some(deliverable) && matches!(e.event, Event::Published { .. }));
    if !published {
        return Err(RightsError::NotPublished(deliverable + 1));
    }
    Ok(partnership)
}

/// Records the ad code (or access) the creator gave for one post.
pub fn set_ad_code(
    store: &Store,
    id: &str,
    deliverable: u32,
    kind: &str,
    code: &str,
    expires: Option<NaiveDate>,
    on: NaiveDate,
) -> Result<Partnership, RightsError> {
    let partnership = published_post(store, id, deliverable)?;
    let (kind, code) = (kind.trim(), code.trim());
    if code.is_empty() {
        return Err(RightsError::Invalid(
            "an ad code needs the code itself, as the creator sent it".into(),
        ));
    }
    let event = Event::AdCode {
        access: if kind.is_empty() {
            "Ad code".into()
        } else {
            kind.to_string()
        },
        code: code.to_string(),
        expires,
    };
    Ok(collaboration::log(store, partnership, on, Some(deliverable), event)?)
}

/// Notes whether the brand is using one post now.
pub fn mark_in_use(
    store: &Store,
    id: &str,
    deliverable: u32,
    in_use: bool,
    on: NaiveDate,
) -> Result<Partnership, RightsError> {
    let partnership = published_post(store, id, deliverable)?;
    Ok(collaboration::log(
        store,
        partnership,
        on,
        Some(deliverable),
        Event::InUse { in_use },
    )?)
}

#[cfg(test)]
mod tests;
