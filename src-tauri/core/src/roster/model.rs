//! The influencer as stored, and the draft a person fills in.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The social platforms a creator account can be on.
// The declaration order (and the position in `ALL`) is the number stored for
// a platform in roster blocks: add new ones at the end, never reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Instagram,
    Tiktok,
    Youtube,
    X,
    Twitch,
    Facebook,
    Linkedin,
    Pinterest,
    Snapchat,
    Threads,
}

impl Platform {
    pub const ALL: [Platform; 10] = [
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Youtube,
        Platform::X,
        Platform::Twitch,
        Platform::Facebook,
        Platform::Linkedin,
        Platform::Pinterest,
        Platform::Snapchat,
        Platform::Threads,
    ];

    /// How people write the platform's name.
    pub fn label(self) -> &'static str {
        match self {
            Platform::Instagram => "Instagram",
            Platform::Tiktok => "TikTok",
            Platform::Youtube => "YouTube",
            Platform::X => "X",
            Platform::Twitch => "Twitch",
            Platform::Facebook => "Facebook",
            Platform::Linkedin => "LinkedIn",
            Platform::Pinterest => "Pinterest",
            Platform::Snapchat => "Snapchat",
            Platform::Threads => "Threads",
        }
    }

    /// The stored, lower-case name ("tiktok").
    pub fn key(self) -> &'static str {
        match self {
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
            Platform::X => "x",
            Platform::Twitch => "twitch",
            Platform::Facebook => "facebook",
            Platform::Linkedin => "linkedin",
            Platform::Pinterest => "pinterest",
            Platform::Snapchat => "snapchat",
            Platform::Threads => "threads",
        }
    }

    /// Reads a platform name as people type it: any case, "Twitter" for X,
    /// and the usual short forms.
    pub fn parse(input: &str) -> Option<Platform> {
        let lower = input.trim().to_lowercase();
        let alias = match lower.as_str() {
            "twitter" | "x.com" => Some(Platform::X),
            "ig" | "insta" => Some(Platform::Instagram),
            "yt" => Some(Platform::Youtube),
            "tik tok" => Some(Platform::Tiktok),
            "fb" => Some(Platform::Facebook),
            _ => None,
        };
        alias.or_else(|| {
            Platform::ALL
                .into_iter()
                .find(|p| p.key() == lower || p.label().to_lowercase() == lower)
        })
    }
}

/// One account of a creator on one platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Account {
    pub platform: Platform,
    /// Lower case, without the leading `@`.
    pub handle: String,
    #[ts(type = "number")]
    pub followers: u64,
}

/// A creator on the roster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Influencer {
    pub id: Uuid,
    pub name: String,
    pub accounts: Vec<Account>,
    pub email: Option<String>,
    /// ISO 3166-1 alpha-2 code of where the creator is based.
    pub country: Option<String>,
    /// Lower-case topics the creator covers ("vegan food").
    pub niches: Vec<String>,
    pub notes: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Influencer {
    /// The account with the most followers, which lists show first.
    pub fn main_account(&self) -> Option<&Account> {
        self.accounts.iter().max_by_key(|a| a.followers)
    }

    /// Everything a person can edit, as a draft.
    pub fn to_draft(&self) -> InfluencerDraft {
        InfluencerDraft {
            name: self.name.clone(),
            accounts: self
                .accounts
                .iter()
                .map(|a| AccountDraft {
                    platform: a.platform,
                    handle: a.handle.clone(),
                    followers: a.followers as i64,
                })
                .collect(),
            email: self.email.clone().unwrap_or_default(),
            country: self.country.clone().unwrap_or_default(),
            niches: self.niches.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// An influencer as typed into the form or the CLI, before validation.
/// Fields are loose on purpose (`followers` may be negative, `country` may be
/// a name) so that every mistake gets a sentence instead of a decode error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InfluencerDraft {
    pub name: String,
    pub accounts: Vec<AccountDraft>,
    pub email: String,
    /// An ISO code or an English country name; empty for unknown.
    pub country: String,
    pub niches: Vec<String>,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AccountDraft {
    pub platform: Platform,
    /// With or without the leading `@`.
    pub handle: String,
    #[ts(type = "number")]
    pub followers: i64,
}
