//! Performance tracking: what each published post collected, read from the
//! platforms' insights on a date (typed in, or imported from their exports).
//!
//! A reading holds the post's totals *so far* on its day, as insights show
//! them; a blank means "not read", never zero. A post's current figures are
//! the latest reading of each measure, and a campaign's are the sum over its
//! posts, which is also how the charts draw any day in the past. Costs are
//! read the same way (spent on the post so far), so typing a fee again on a
//! later day never counts it twice.
//!
//! A post is one publication on a partnership's timeline (its deliverable and
//! link): metrics exist only for what was really published. Records live in
//! tree `metrics`, keyed by partnership, deliverable and link, so a
//! partnership's posts are one prefix scan and go when it is deleted.

pub mod charts;
pub mod compliance;
pub mod dashboard;
pub mod files;
pub mod kpi;
mod posts;
mod readings;
pub mod targets;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::agreement::AgreementError;
use crate::campaign::{CampaignError, Money};
use crate::roster::FieldError;
use crate::store::{Record, StoreError};

pub use posts::{post_links, posts, Post};
pub use readings::{readings_on, remove_all_of, save_readings, set_emv_cpm, set_summary_notes, ReadingDraft};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Impressions, or views where the platform reports those instead.
    Views,
    Reach,
    Likes,
    Comments,
    Shares,
    Saves,
    Clicks,
    Conversions,
    Revenue,
    Fee,
    Product,
    AdSpend,
}

impl Measure {
    pub const ALL: [Measure; 12] = [
        Measure::Views,
        Measure::Reach,
        Measure::Likes,
        Measure::Comments,
        Measure::Shares,
        Measure::Saves,
        Measure::Clicks,
        Measure::Conversions,
        Measure::Revenue,
        Measure::Fee,
        Measure::Product,
        Measure::AdSpend,
    ];

    /// The parts of an engagement, as most platforms count it.
    pub const ENGAGEMENTS: [Measure; 4] = [Measure::Likes, Measure::Comments, Measure::Shares, Measure::Saves];

    pub fn label(self) -> &'static str {
        match self {
            Measure::Views => "views",
            Measure::Reach => "reach",
            Measure::Likes => "likes",
            Measure::Comments => "comments",
            Measure::Shares => "shares",
            Measure::Saves => "saves",
            Measure::Clicks => "link clicks",
            Measure::Conversions => "conversions",
            Measure::Revenue => "revenue",
            Measure::Fee => "fee",
            Measure::Product => "product",
            Measure::AdSpend => "ad spend",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Measure::Views => "views",
            Measure::Reach => "reach",
            Measure::Likes => "likes",
            Measure::Comments => "comments",
            Measure::Shares => "shares",
            Measure::Saves => "saves",
            Measure::Clicks => "clicks",
            Measure::Conversions => "conversions",
            Measure::Revenue => "revenue",
            Measure::Fee => "fee",
            Measure::Product => "product",
            Measure::AdSpend => "ad_spend",
        }
    }

    /// Amounts of money (in the campaign's currency), not counts.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Measure::Revenue | Measure::Fee | Measure::Product | Measure::AdSpend
        )
    }

    pub fn parse(text: &str) -> Option<Measure> {
        let wanted = text.trim().to_lowercase().replace([' ', '-'], "_");
        Measure::ALL.into_iter().find(|m| m.key() == wanted)
    }
}

/// Values of one reading: counts as they are, money in minor units of the
/// campaign's currency (see `currency` on the reading). `None` is "not read".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Values {
    #[ts(as = "std::collections::HashMap<Measure, i64>")]
    pub of: std::collections::BTreeMap<Measure, i64>,
}

impl Values {
    pub fn get(&self, measure: Measure) -> Option<i64> {
        self.of.get(&measure).copied()
    }

    pub fn set(&mut self, measure: Measure, value: Option<i64>) {
        match value {
            Some(v) => self.of.insert(measure, v),
            None => self.of.remove(&measure),
        };
    }

    pub fn is_empty(&self) -> bool {
        self.of.is_empty()
    }

    /// Writes what `newer` read over this; what it did not read stays.
    pub fn overlay(&mut self, newer: &Values) {
        for (measure, value) in &newer.of {
            self.of.insert(*measure, *value);
        }
    }
}

/// What a post's insights said on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reading {
    pub on: NaiveDate,
    pub values: Values,
    /// The currency of the money values (the campaign's when it was read).
    pub currency: String,
    /// "Entered" or the file it came from.
    pub source: String,
    pub logged_at: DateTime<Utc>,
}

/// Every reading of one post, oldest first, at most one per day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostMetrics {
    pub partnership_id: Uuid,
    pub deliverable: u32,
    pub url: String,
    pub readings: Vec<Reading>,
}

/// The key prefix of every post of a partnership.
pub(crate) fn partnership_prefix(partnership_id: &Uuid) -> Vec<u8> {
    partnership_id.as_bytes().to_vec()
}

pub(crate) fn post_key(partnership_id: &Uuid, deliverable: u32, url: &str) -> Vec<u8> {
    let mut key = partnership_prefix(partnership_id);
    key.extend_from_slice(&deliverable.to_be_bytes());
    key.extend_from_slice(url.as_bytes());
    key
}

impl Record for PostMetrics {
    const TREE: &'static str = "metrics";
    const KIND: &'static str = "post's metrics";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        post_key(&self.partnership_id, self.deliverable, &self.url)
    }
}

impl PostMetrics {
    /// The latest value of each measure read on or before `day`.
    pub fn latest(&self, day: NaiveDate) -> Values {
        let mut out = Values::default();
        for reading in self.readings.iter().take_while(|r| r.on <= day) {
            out.overlay(&reading.values);
        }
        out
    }

    /// Adds or merges the reading of its day, keeping the order.
    pub fn merge(&mut self, reading: Reading) {
        match self.readings.binary_search_by_key(&reading.on, |r| r.on) {
            Ok(i) => {
                let current = &mut self.readings[i];
                current.values.overlay(&reading.values);
                current.source = reading.source;
                current.logged_at = reading.logged_at;
            }
            Err(i) => self.readings.insert(i, reading),
        }
    }
}

/// A campaign's settings for its figures: the CPM assumption for earned
/// media value (EMV is shown only once a person states it) and the notes
/// that go into the summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricSettings {
    pub campaign_id: Uuid,
    pub emv_cpm: Option<Money>,
    /// The team's own words for the summary: what worked, what to change.
    #[serde(default)]
    pub notes: String,
}

impl Record for MetricSettings {
    const TREE: &'static str = "metric_settings";
    const KIND: &'static str = "campaign's metric settings";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.campaign_id.as_bytes().to_vec()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MetricsError {
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    NoSuchPost(String),
    #[error(transparent)]
    File(#[from] crate::import::run::ImportError),
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error(transparent)]
    Agreement(#[from] AgreementError),
    #[error(transparent)]
    Chart(#[from] crate::chart::ChartError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[cfg(test)]
mod tests;
