//! What is known about a creator beyond the roster: engagement figures per
//! account, audience demographics, follower history, past partnerships and
//! the research checklist.
//!
//! Kept beside the roster rather than in its compact records: most creators
//! never get a dossier, the ones that do get edited often, and the roster's
//! index has no use for any of it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::roster::figures::{CreatorFigures, Rate};
use crate::roster::Platform;
use crate::store::Record;

/// Average figures per post for one account, as an export or a person gives them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AccountStats {
    pub platform: Option<Platform>,
    /// The account's handle; `None` with `platform` set means "the creator's
    /// account on that platform".
    pub handle: Option<String>,
    pub avg_likes: Option<f64>,
    pub avg_comments: Option<f64>,
    pub avg_views: Option<f64>,
    pub avg_reach: Option<f64>,
    pub avg_impressions: Option<f64>,
    /// Average likes plus comments (and shares, as some exports count them)
    /// per post, when an export gives only the total.
    pub avg_engagements: Option<f64>,
    /// An engagement rate given by an export, as a fraction, with the method
    /// it was computed by when the export says (vendors mostly use followers).
    pub imported_rate: Option<f64>,
    /// Where the figures came from ("Modash export, 2026-10-02").
    pub source: String,
    /// When a person last entered these figures; an import after that
    /// replaces the ones it gives. `None`: they came from an import.
    pub entered_at: Option<DateTime<Utc>>,
}

/// One part of an audience and its share of the whole, as a fraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Share {
    pub key: String,
    pub share: f64,
}

/// Who follows the creator, as far as it is known. Empty lists are unknown,
/// never "nobody".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Audience {
    /// ISO codes.
    pub countries: Vec<Share>,
    pub age_bands: Vec<Share>,
    pub genders: Vec<Share>,
    /// Share of followers judged real (Modash "followers credibility").
    pub credibility: Option<f64>,
    /// Share of followers following more than 1,500 accounts (HypeAuditor).
    pub mass_followers: Option<f64>,
    /// ISO code of the country most followers are in, when an export gives
    /// only that ("Audience country") and not the whole split.
    pub top_country: Option<String>,
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowerPoint {
    pub date: NaiveDate,
    #[ts(type = "number")]
    pub followers: u64,
}

/// Followers of one account over time (TikTok's `FollowerHistory.csv`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FollowerHistory {
    pub platform: Platform,
    /// Sorted by date, one point per date.
    pub points: Vec<FollowerPoint>,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PastPartnership {
    pub brand: String,
    pub date: NaiveDate,
    pub platform: Option<Platform>,
    /// How it went, in the manager's words ("delivered on time, 2.1% ER").
    pub outcome: String,
    pub notes: String,
}

/// The research every creator needs before an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckItem {
    ContentQuality,
    AudienceDemographics,
    PastPartnerships,
    BrandSafety,
    EngagementAuthenticity,
}

impl CheckItem {
    pub const ALL: [CheckItem; 5] = [
        CheckItem::ContentQuality,
        CheckItem::AudienceDemographics,
        CheckItem::PastPartnerships,
        CheckItem::BrandSafety,
        CheckItem::EngagementAuthenticity,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CheckItem::ContentQuality => "Content quality reviewed",
            CheckItem::AudienceDemographics => "Audience demographics reviewed",
            CheckItem::PastPartnerships => "Past partnerships reviewed",
            CheckItem::BrandSafety => "Brand safety and past behaviour checked",
            CheckItem::EngagementAuthenticity => "Engagement authenticity checked",
        }
    }

    /// The stored name ("brand_safety"), which the CLI accepts too.
    pub fn key(self) -> &'static str {
        match self {
            CheckItem::ContentQuality => "content_quality",
            CheckItem::AudienceDemographics => "audience_demographics",
            CheckItem::PastPartnerships => "past_partnerships",
            CheckItem::BrandSafety => "brand_safety",
            CheckItem::EngagementAuthenticity => "engagement_authenticity",
        }
    }

    pub fn parse(text: &str) -> Option<CheckItem> {
        let wanted = text.trim().replace('-', "_").to_lowercase();
        CheckItem::ALL.into_iter().find(|item| item.key() == wanted)
    }
}

/// Where one checklist item stands. Done needs a note or an evidence link;
/// waived needs a reason: "skipped" is never silent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CheckState {
    Open,
    Done {
        note: String,
        evidence: Option<String>,
        by: String,
        at: DateTime<Utc>,
    },
    Waived {
        reason: String,
        by: String,
        at: DateTime<Utc>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CheckEntry {
    pub item: CheckItem,
    #[serde(flatten)]
    pub state: CheckState,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Dossier {
    pub influencer_id: Uuid,
    #[serde(default)]
    pub stats: Vec<AccountStats>,
    #[serde(default)]
    pub audience: Audience,
    #[serde(default)]
    pub histories: Vec<FollowerHistory>,
    #[serde(default)]
    pub past_partnerships: Vec<PastPartnership>,
    /// Items never touched are absent and count as open.
    #[serde(default)]
    pub checklist: Vec<CheckEntry>,
    pub updated_at: DateTime<Utc>,
}

impl Record for Dossier {
    const TREE: &'static str = "dossiers";
    const KIND: &'static str = "creator dossier";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.influencer_id.as_bytes().to_vec()
    }
}

impl Dossier {
    pub fn empty(influencer_id: Uuid) -> Dossier {
        Dossier {
            influencer_id,
            stats: Vec::new(),
            audience: Audience::default(),
            histories: Vec::new(),
            past_partnerships: Vec::new(),
            checklist: Vec::new(),
            updated_at: Utc::now(),
        }
    }

    /// The state of every checklist item, open ones included, in the usual order.
    pub fn checklist_state(&self) -> Vec<CheckEntry> {
        CheckItem::ALL
            .into_iter()
            .map(|item| {
                self.checklist
                    .iter()
                    .find(|e| e.item == item)
                    .cloned()
                    .unwrap_or(CheckEntry {
                        item,
                        state: CheckState::Open,
                    })
            })
            .collect()
    }

    /// Fills in what imports said (`roster::figures`): an account's figures
    /// replace the ones held, unless a person entered those after the
    /// import; audience figures fill only what the dossier leaves unknown.
    pub fn with_imported(mut self, figures: Option<CreatorFigures>) -> Dossier {
        let Some(figures) = figures else {
            return self;
        };
        for account in &figures.accounts {
            let at = self.stats.iter().position(|s| s.platform == Some(account.platform));
            let stats = match at {
                Some(at) => &mut self.stats[at],
                None => {
                    self.stats.push(AccountStats {
                        platform: Some(account.platform),
                        ..AccountStats::default()
                    });
                    let last = self.stats.len() - 1;
                    &mut self.stats[last]
                }
            };
            if stats.entered_at.is_some_and(|entered| entered >= figures.imported_at) {
                continue;
            }
            let count = |value: Option<u64>, held: Option<f64>| value.map(|v| v as f64).or(held);
            stats.avg_likes = count(account.avg_likes, stats.avg_likes);
            stats.avg_comments = count(account.avg_comments, stats.avg_comments);
            stats.avg_views = count(account.avg_views, stats.avg_views);
            stats.avg_engagements = count(account.avg_engagements, stats.avg_engagements);
            stats.imported_rate = account.engagement_rate.and_then(Rate::fraction).or(stats.imported_rate);
            stats.source.clone_from(&figures.source);
        }
        let audience = &mut self.audience;
        let before = (
            audience.credibility,
            audience.mass_followers,
            audience.top_country.clone(),
        );
        audience.credibility = audience.credibility.or(figures.credibility.and_then(Rate::fraction));
        audience.mass_followers = audience
            .mass_followers
            .or(figures.mass_followers.and_then(Rate::fraction));
        if audience.top_country.is_none() {
            audience.top_country.clone_from(&figures.audience_country);
        }
        let added = before
            != (
                audience.credibility,
                audience.mass_followers,
                audience.top_country.clone(),
            );
        if added && audience.source.is_empty() {
            audience.source.clone_from(&figures.source);
        }
        self
    }

    pub fn set_check(&mut self, item: CheckItem, state: CheckState) {
        self.checklist.retain(|e| e.item != item);
        if state != CheckState::Open {
            self.checklist.push(CheckEntry { item, state });
            self.checklist
                .sort_by_key(|e| CheckItem::ALL.iter().position(|i| *i == e.item));
        }
    }
}
