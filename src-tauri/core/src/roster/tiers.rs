//! Follower tiers and where their boundaries lie.
//!
//! Studies and agencies draw the lines differently (HypeAuditor's 2018
//! study used 1K–5K–20K–100K–1M; most use 1K–10K–50K–500K–1M), so the
//! boundaries are a setting of the workspace, not a constant.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::FieldError;
use super::{index, RosterError};
use crate::store::{Record, Store, StoreError};

/// Follower tiers, by the creator's largest account; under the nano
/// boundary is "emerging".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
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

    pub fn parse(text: &str) -> Option<Tier> {
        Tier::ALL
            .into_iter()
            .find(|t| format!("{t:?}").eq_ignore_ascii_case(text.trim()))
    }

    pub fn label(self) -> &'static str {
        match self {
            Tier::Emerging => "Emerging",
            Tier::Nano => "Nano",
            Tier::Micro => "Micro",
            Tier::Mid => "Mid-tier",
            Tier::Macro => "Macro",
            Tier::Mega => "Mega",
        }
    }
}

/// The follower count at which each tier starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TierBoundaries {
    #[ts(type = "number")]
    pub nano: u64,
    #[ts(type = "number")]
    pub micro: u64,
    #[ts(type = "number")]
    pub mid: u64,
    #[ts(type = "number")]
    pub r#macro: u64,
    #[ts(type = "number")]
    pub mega: u64,
}

impl Default for TierBoundaries {
    /// Nano 1K–10K, micro 10K–50K, mid 50K–500K, macro 500K–1M, mega 1M+.
    fn default() -> TierBoundaries {
        TierBoundaries {
            nano: 1_000,
            micro: 10_000,
            mid: 50_000,
            r#macro: 500_000,
            mega: 1_000_000,
        }
    }
}

impl Record for TierBoundaries {
    const TREE: &'static str = "settings";
    const KIND: &'static str = "tier setting";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        KEY.to_vec()
    }
}

const KEY: &[u8] = b"tier_boundaries";

impl TierBoundaries {
    pub fn tier_of(&self, followers: u64) -> Tier {
        match followers {
            f if f >= self.mega => Tier::Mega,
            f if f >= self.r#macro => Tier::Macro,
            f if f >= self.mid => Tier::Mid,
            f if f >= self.micro => Tier::Micro,
            f if f >= self.nano => Tier::Nano,
            _ => Tier::Emerging,
        }
    }

    /// The follower range of a tier: from, and up to (exclusive) unless mega.
    pub fn range(&self, tier: Tier) -> (u64, Option<u64>) {
        match tier {
            Tier::Emerging => (0, Some(self.nano)),
            Tier::Nano => (self.nano, Some(self.micro)),
            Tier::Micro => (self.micro, Some(self.mid)),
            Tier::Mid => (self.mid, Some(self.r#macro)),
            Tier::Macro => (self.r#macro, Some(self.mega)),
            Tier::Mega => (self.mega, None),
        }
    }

    /// Each boundary must be above the one before, or a tier would be empty
    /// and every creator in it silently moved to the next.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let order = [
            ("nano", self.nano),
            ("micro", self.micro),
            ("mid", self.mid),
            ("macro", self.r#macro),
            ("mega", self.mega),
        ];
        let mut errors = Vec::new();
        if self.nano == 0 {
            errors.push(FieldError::new("nano", "Nano must start above 0 followers."));
        }
        for pair in order.windows(2) {
            let [(lower_name, lower), (name, value)] = pair else {
                continue;
            };
            if value <= lower {
                errors.push(FieldError::new(
                    *name,
                    format!(
                        "{} must start above {lower_name} ({lower} followers).",
                        capitalised(name)
                    ),
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The workspace's boundaries, or the common ones if never changed.
pub fn tier_boundaries(store: &Store) -> Result<TierBoundaries, StoreError> {
    Ok(store.get::<TierBoundaries>(KEY)?.unwrap_or_default())
}

/// Stores new boundaries; the roster's filters use them from now on.
pub fn set_tier_boundaries(store: &Store, boundaries: TierBoundaries) -> Result<TierBoundaries, RosterError> {
    boundaries.check().map_err(RosterError::Invalid)?;
    store.put(&boundaries)?;
    // The index holds each creator's tier; the next query rebuilds it.
    index::state(store).invalidate();
    Ok(boundaries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_boundaries_are_the_common_ones() {
        let tiers = TierBoundaries::default();
        assert_eq!(tiers.tier_of(999), Tier::Emerging);
        assert_eq!(tiers.tier_of(1_000), Tier::Nano);
        assert_eq!(tiers.tier_of(9_999), Tier::Nano);
        assert_eq!(tiers.tier_of(10_000), Tier::Micro);
        assert_eq!(tiers.tier_of(49_999), Tier::Micro);
        assert_eq!(tiers.tier_of(50_000), Tier::Mid);
        assert_eq!(tiers.tier_of(500_000), Tier::Macro);
        assert_eq!(tiers.tier_of(1_000_000), Tier::Mega);
        assert_eq!(tiers.range(Tier::Micro), (10_000, Some(50_000)));
        assert_eq!(tiers.range(Tier::Mega), (1_000_000, None));
    }

    #[test]
    fn boundaries_out_of_order_are_refused_by_name() {
        let tiers = TierBoundaries {
            micro: 5_000,
            mid: 5_000,
            ..TierBoundaries::default()
        };
        let errors = tiers.check().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "mid");
        assert_eq!(errors[0].message, "Mid must start above micro (5000 followers).");
    }

    #[test]
    fn changed_boundaries_move_creators_between_tiers_in_queries() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let draft = crate::roster::InfluencerDraft {
            name: "Mara".into(),
            accounts: vec![crate::roster::AccountDraft {
                platform: crate::roster::Platform::Instagram,
                handle: "mara".into(),
                followers: 15_000,
            }],
            ..Default::default()
        };
        crate::roster::add(&store, &draft).unwrap();
        let in_tier = |tier| {
            let filter = super::super::RosterFilter {
                tier: Some(tier),
                ..Default::default()
            };
            crate::roster::query(&store, &filter, super::super::SortBy::Name, false)
                .unwrap()
                .len()
        };
        assert_eq!(in_tier(Tier::Micro), 1);
        // HypeAuditor 2018: micro is 5K–20K.
        let hype_2018 = TierBoundaries {
            nano: 1_000,
            micro: 5_000,
            mid: 20_000,
            r#macro: 100_000,
            mega: 1_000_000,
        };
        set_tier_boundaries(&store, hype_2018).unwrap();
        assert_eq!(tier_boundaries(&store).unwrap(), hype_2018);
        assert_eq!(in_tier(Tier::Micro), 1);
        let strict = TierBoundaries {
            micro: 20_000,
            mid: 60_000,
            ..TierBoundaries::default()
        };
        set_tier_boundaries(&store, strict).unwrap();
        assert_eq!(in_tier(Tier::Micro), 0);
        assert_eq!(in_tier(Tier::Nano), 1);
    }
}
