//! The terms of a partnership as the wizard collects them. Every field may
//! still be empty: the wizard saves as it goes, and `completeness` lists
//! what is undefined before anything can be agreed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::campaign::Money;
use crate::roster::Platform;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ContentFormat {
    FeedPost,
    Reel,
    StorySet,
    ShortVideo,
    LongVideo,
    Live,
    Blog,
}

impl ContentFormat {
    pub fn label(self) -> &'static str {
        match self {
            ContentFormat::FeedPost => "feed post",
            ContentFormat::Reel => "reel",
            ContentFormat::StorySet => "story set",
            ContentFormat::ShortVideo => "short video",
            ContentFormat::LongVideo => "long video",
            ContentFormat::Live => "live stream",
            ContentFormat::Blog => "blog post",
        }
    }
}

/// One kind of content to deliver, `count` times.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Deliverable {
    pub platform: Option<Platform>,
    pub format: Option<ContentFormat>,
    pub count: u32,
    /// A due date, or a posting window (`window_from` to `due`).
    pub window_from: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub mentions: Vec<String>,
    pub hashtags: Vec<String>,
    pub links: Vec<String>,
    pub promo_codes: Vec<String>,
    /// How long the content must stay up, in days.
    pub min_days_live: Option<u32>,
}

impl Deliverable {
    /// "Instagram reel", or "Deliverable 2" (its place from 0 given) when
    /// the terms name neither platform nor format.
    pub fn name_or(deliverable: Option<&Deliverable>, index: u32) -> String {
        deliverable
            .map(|d| {
                [d.platform.map(|p| p.label()), d.format.map(|f| f.label())]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("Deliverable {}", index + 1))
    }
}

/// One instalment: a share of the fee, due on a date or an event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Instalment {
    /// "On signing", "On delivery".
    pub label: String,
    /// A fraction of the total fee (0.5 for 50 %).
    pub share: f64,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Compensation {
    pub currency: String,
    pub flat_fee: Option<Money>,
    pub per_deliverable_fee: Option<Money>,
    /// Products or gifts, at their value.
    pub product_value: Option<Money>,
    /// Commission on sales, as a fraction.
    pub commission: Option<f64>,
    pub affiliate_terms: String,
    pub schedule: Vec<Instalment>,
    /// Paid if the brand cancels after work has started.
    pub kill_fee: Option<Money>,
    /// Payment terms ("Net 30"): days the brand has to pay once a payment
    /// is due, counted from its invoice when that came later.
    pub payment_term_days: Option<u32>,
}

impl Terms {
    /// The fee agreed: the flat fee plus the per-deliverable fee for each
    /// deliverable (at least one). Amounts in two currencies are not
    /// converted: a per-deliverable fee in another currency than the flat
    /// fee is left out, as the dashboard says when it counts costs.
    pub fn agreed_fee(&self) -> Option<Money> {
        let pay = &self.compensation;
        let units: u32 = self.deliverables.iter().map(|d| d.count).sum();
        let mut fee = pay.flat_fee.clone();
        if let Some(per) = &pay.per_deliverable_fee {
            let more = per.minor.saturating_mul(i64::from(units.max(1)));
            fee = Some(match fee {
                Some(flat) if flat.currency == per.currency => Money {
                    minor: flat.minor.saturating_add(more),
                    currency: flat.currency,
                },
                Some(flat) => flat,
                None => Money {
                    minor: more,
                    currency: per.currency.clone(),
                },
            });
        }
        fee
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    /// The creator keeps the content and licenses it (the usual case).
    #[default]
    CreatorLicenses,
    /// The brand owns the content outright.
    BrandOwns,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct UsageRights {
    pub organic_reposting: bool,
    /// Paid amplification (whitelisting, Spark Ads, partnership ads).
    pub paid_amplification: bool,
    pub duration_months: Option<u32>,
    /// ISO codes.
    pub territory: Vec<String>,
    pub channels: Vec<String>,
    pub ownership: Ownership,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Exclusivity {
    /// False: the creator may work with anyone.
    pub required: bool,
    pub category: String,
    pub competitors: Vec<String>,
    pub days_before: u32,
    pub days_after: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Brief {
    pub key_messages: Vec<String>,
    pub guidelines: String,
    pub dos: Vec<String>,
    pub donts: Vec<String>,
    pub mandatory: Vec<String>,
    /// What is left to the creator's judgement: their voice, their call.
    pub creator_judgement: Vec<String>,
    /// Business days the brand has to review a draft.
    pub review_days: Option<u32>,
    pub revision_rounds: u32,
    /// What happens when the brand does not answer in time.
    pub no_answer_rule: String,
}

impl Default for Brief {
    fn default() -> Brief {
        Brief {
            key_messages: Vec::new(),
            guidelines: String::new(),
            dos: Vec::new(),
            donts: Vec::new(),
            mandatory: Vec::new(),
            creator_judgement: Vec::new(),
            review_days: None,
            // Two rounds of changes is the common default in creator agreements.
            revision_rounds: 2,
            no_answer_rule: String::new(),
        }
    }
}

/// Who signs: the legal names an agreement binds and how to reach each side.
/// A brand's display name ("Verdant Kitchen") is rarely the company that
/// signs ("Verdant Kitchen GmbH"), and a creator often signs through a company.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Parties {
    pub brand_legal_name: String,
    /// The signatory or contact on the brand's side: a name, an email, an address.
    pub brand_contact: String,
    pub creator_legal_name: String,
    pub creator_contact: String,
}

/// Everything agreed with the creator, as far as it is defined yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Terms {
    pub parties: Parties,
    pub deliverables: Vec<Deliverable>,
    pub compensation: Compensation,
    pub rights: UsageRights,
    pub exclusivity: Exclusivity,
    pub brief: Brief,
}
