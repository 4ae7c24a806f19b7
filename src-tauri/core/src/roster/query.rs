//! Finding creators on the roster: search, filters and sort, as the roster
//! screen, `influencers list` and the CSV export ask for them.
//!
//! Today this filters the stored records in memory; the same API will be
//! answered from index trees when rosters grow to millions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Influencer, Platform};
use super::RosterError;
use crate::store::Store;

/// Follower tiers, by the creator's largest account. Boundaries are the
/// common industry ones (nano 1K–10K, micro 10K–50K, mid 50K–500K,
/// macro 500K–1M, mega 1M+); under 1K is "emerging".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Emerging,
    Nano,
    Micro,
    Mid,
    Macro,
    Mega,
}

impl Tier {
    pub const ALL: [Tier; 6] = [
        Tier::Emerging,
        Tier::Nano,
        Tier::Micro,
        Tier::Mid,
        Tier::Macro,
        Tier::Mega,
    ];

    pub fn of(followers: u64) -> Tier {
        match followers {
            0..1_000 => Tier::Emerging,
            1_000..10_000 => Tier::Nano,
            10_000..50_000 => Tier::Micro,
            50_000..500_000 => Tier::Mid,
            500_000..1_000_000 => Tier::Macro,
            _ => Tier::Mega,
        }
    }

    pub fn parse(text: &str) -> Option<Tier> {
        Tier::ALL
            .into_iter()
            .find(|t| format!("{t:?}").eq_ignore_ascii_case(text.trim()))
    }
}

impl Influencer {
    /// Followers of the largest account: what the tier goes by.
    pub fn top_followers(&self) -> u64 {
        self.accounts.iter().map(|a| a.followers).max().unwrap_or(0)
    }

    /// Followers across all accounts: what the roster shows and sorts by.
    pub fn total_followers(&self) -> u64 {
        self.accounts.iter().map(|a| a.followers).sum()
    }
}

/// Which creators to show. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RosterFilter {
    /// Words that must all appear in the name, a handle, the email or a niche.
    pub search: String,
    pub platform: Option<Platform>,
    pub tier: Option<Tier>,
    /// ISO code.
    pub country: Option<String>,
    /// Part of a niche, any case.
    pub niche: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    #[default]
    Name,
    Followers,
    Country,
    Added,
}

impl RosterFilter {
    pub fn matches(&self, influencer: &Influencer) -> bool {
        if let Some(platform) = self.platform {
            if !influencer.accounts.iter().any(|a| a.platform == platform) {
                return false;
            }
        }
        if let Some(tier) = self.tier {
            if Tier::of(influencer.top_followers()) != tier {
                return false;
            }
        }
        if let Some(country) = &self.country {
            if !influencer
                .country
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(country))
            {
                return false;
            }
        }
        if let Some(niche) = &self.niche {
            let niche = niche.trim().to_lowercase();
            // Part of a niche is enough: "fit" finds "fitness".
            if !niche.is_empty() && !influencer.niches.iter().any(|n| n.contains(niche.as_str())) {
                return false;
            }
        }
        let words: Vec<String> = self
            .search
            .split_whitespace()
            .map(|w| w.trim_start_matches('@').to_lowercase())
            .collect();
        if words.is_empty() {
            return true;
        }
        let haystack = [
            influencer.name.to_lowercase(),
            influencer.email.clone().unwrap_or_default().to_lowercase(),
            influencer.niches.join(" "),
            influencer
                .accounts
                .iter()
                .map(|a| a.handle.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ]
        .join(" ");
        words.iter().all(|w| haystack.contains(w.as_str()))
    }
}

/// The creators matching `filter`, sorted; `descending` reverses the order.
pub fn query(
    store: &Store,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
) -> Result<Vec<Influencer>, RosterError> {
    let mut found: Vec<Influencer> = store
        .all::<Influencer>()?
        .into_iter()
        .filter(|i| filter.matches(i))
        .collect();
    match sort {
        SortBy::Name => found.sort_by_cached_key(|i| i.name.to_lowercase()),
        SortBy::Followers => found.sort_by_key(|i| i.total_followers()),
        SortBy::Country => found.sort_by(|a, b| a.country.cmp(&b.country).then_with(|| a.name.cmp(&b.name))),
        SortBy::Added => found.sort_by_key(|i| i.created_at),
    }
    if descending {
        found.reverse();
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn tiers_follow_the_usual_boundaries() {
        assert_eq!(Tier::of(999), Tier::Emerging);
        assert_eq!(Tier::of(1_000), Tier::Nano);
        assert_eq!(Tier::of(9_999), Tier::Nano);
        assert_eq!(Tier::of(10_000), Tier::Micro);
        assert_eq!(Tier::of(50_000), Tier::Mid);
        assert_eq!(Tier::of(500_000), Tier::Macro);
        assert_eq!(Tier::of(1_000_000), Tier::Mega);
        assert_eq!(Tier::parse("MICRO"), Some(Tier::Micro));
        assert_eq!(Tier::parse("giga"), None);
    }

    #[test]
    fn filters_combine_and_sorting_orders() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        sample::load(&store).unwrap();
        let names = |filter: RosterFilter, sort: SortBy, descending: bool| -> Vec<String> {
            query(&store, &filter, sort, descending)
                .unwrap()
                .into_iter()
                .map(|i| i.name)
                .collect()
        };

        let instagram_in_germany = RosterFilter {
            platform: Some(Platform::Instagram),
            country: Some("de".into()),
            ..Default::default()
        };
        assert_eq!(
            names(instagram_in_germany, SortBy::Name, false),
            ["Hannah Schulz", "Jonas Weber"]
        );

        let mega = RosterFilter {
            tier: Some(Tier::Mega),
            ..Default::default()
        };
        assert_eq!(
            names(mega, SortBy::Followers, true),
            ["Kenji Watanabe", "Daniel Okafor"]
        );

        let search = RosterFilter {
            search: "@mara FOOD".into(),
            ..Default::default()
        };
        assert_eq!(names(search, SortBy::Name, false), ["Mara Costa"]);

        let niche = RosterFilter {
            niche: Some("Fitness".into()),
            ..Default::default()
        };
        assert_eq!(names(niche, SortBy::Name, false), ["Chloé Martin", "Daniel Okafor"]);
        let part = RosterFilter {
            niche: Some("cook".into()),
            ..Default::default()
        };
        assert_eq!(names(part, SortBy::Name, false), ["Sofía Herrera"]);
    }
}
