//! Engagement rates by whichever method the data allows, and where a rate
//! sits against the published figures for the account's platform and size.

use serde::Serialize;
use ts_rs::TS;

use super::benchmarks::{self, Benchmark, RateMethod};
use super::dossier::AccountStats;
use crate::roster::{Account, Platform, Tier, TierBoundaries};

/// How far from a benchmark a rate may be before it is "far" from it: a
/// third to three times. Published averages differ from each other by about
/// that much between studies (HypeAuditor's Instagram nano figure was 4.26 %
/// in 2018 and 1.78 % in 2026), so anything closer is not evidence of anything.
pub const FAR_FACTOR: f64 = 3.0;

/// One engagement rate and how it was arrived at.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Rate {
    pub method: RateMethod,
    /// A fraction.
    pub rate: f64,
    /// The arithmetic, in words: "(412 likes + 18 comments) / 15,000 followers".
    pub inputs: String,
    /// True when the figure came ready-made from an export.
    pub imported: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BandPosition {
    FarBelow,
    Within,
    FarAbove,
}

impl BandPosition {
    /// "far below", "within", "far above" (the usual band).
    pub fn words(self) -> &'static str {
        match self {
            BandPosition::FarBelow => "far below",
            BandPosition::Within => "within",
            BandPosition::FarAbove => "far above",
        }
    }
}

/// The benchmark a rate was compared with and the band around it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BenchmarkBand {
    pub benchmark: Benchmark,
    /// Fractions.
    pub low: f64,
    pub high: f64,
    pub position: BandPosition,
}

/// Engagement of one account.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AccountEngagement {
    pub platform: Platform,
    pub handle: String,
    #[ts(type = "number")]
    pub followers: u64,
    pub tier: Tier,
    /// Every rate the data allows, the one compared with benchmarks first.
    pub rates: Vec<Rate>,
    pub band: Option<BenchmarkBand>,
    /// Likes per comment, when both are known.
    pub likes_per_comment: Option<f64>,
    /// What would be needed for what is not shown.
    pub missing: Vec<String>,
}

/// Platforms whose posts are videos, where views are the natural divisor.
fn is_video_platform(platform: Platform) -> bool {
    matches!(platform, Platform::Youtube | Platform::Tiktok | Platform::Twitch)
}

pub(crate) fn count(value: f64) -> String {
    crate::numbers::grouped(value.max(0.0).round() as u64)
}

pub(crate) use crate::numbers::percent;

/// The rates of `account` from `stats` (the figures given for it, if any).
pub fn assess(account: &Account, stats: Option<&AccountStats>, tiers: &TierBoundaries) -> AccountEngagement {
    let mut rates = Vec::new();
    let mut missing = Vec::new();
    let followers = account.followers as f64;
    // Likes and comments when both are known; an export's average
    // engagements per post otherwise.
    let interactions = stats.and_then(|s| match (s.avg_likes, s.avg_comments, s.avg_engagements) {
        (Some(likes), Some(comments), _) => Some((
            likes + comments,
            format!("({} likes + {} comments)", count(likes), count(comments)),
        )),
        (_, _, Some(engagements)) => Some((engagements, format!("{} engagements", count(engagements)))),
        _ => None,
    });
    let words = |(_, text): &(f64, String)| text.clone();

    match interactions {
        Some(ref pair) if account.followers > 0 => rates.push(Rate {
            method: RateMethod::Followers,
            rate: pair.0 / followers,
            inputs: format!("{} / {} followers", words(pair), count(followers)),
            imported: false,
        }),
        _ => {}
    }
    if let Some(imported) = stats.and_then(|s| s.imported_rate) {
        // Only when it adds something: a rate computed from the figures wins.
        if rates.is_empty() {
            let source = stats
                .map(|s| s.source.as_str())
                .filter(|s| !s.is_empty())
                .unwrap_or("an import");
            rates.push(Rate {
                method: RateMethod::Followers,
                rate: imported,
                inputs: format!("given by {source} (by followers, as exports compute it)"),
                imported: true,
            });
        }
    }
    for (method, divisor, noun) in [
        (RateMethod::Views, stats.and_then(|s| s.avg_views), "views"),
        (RateMethod::Reach, stats.and_then(|s| s.avg_reach), "reach"),
        (
            RateMethod::Impressions,
            stats.and_then(|s| s.avg_impressions),
            "impressions",
        ),
    ] {
        if let (Some(pair), Some(divisor)) = (&interactions, divisor.filter(|d| *d > 0.0)) {
            rates.push(Rate {
                method,
                rate: pair.0 / divisor,
                inputs: format!("{} / {} {noun}", words(pair), count(divisor)),
                imported: false,
            });
        }
    }
    // Video platforms are judged by views when views are known, since their
    // benchmarks (CreatorIQ, Captiv8) are.
    if is_video_platform(account.platform) {
        if let Some(at) = rates.iter().position(|r| r.method == RateMethod::Views) {
            let views = rates.remove(at);
            rates.insert(0, views);
        }
    }
    if rates.is_empty() {
        missing.push(if interactions.is_none() {
            "average likes and comments per post (or an engagement rate from an export)".to_string()
        } else {
            "a follower count above zero".to_string()
        });
    }

    let tier = tiers.tier_of(account.followers);
    let band = rates.first().and_then(|rate| {
        let benchmark = benchmarks::applicable(account.platform, account.followers, rate.method)
            .into_iter()
            .next()?
            .clone();
        let low = benchmark.rate / FAR_FACTOR;
        let high = benchmark.rate * FAR_FACTOR;
        let position = if rate.rate < low {
            BandPosition::FarBelow
        } else if rate.rate > high {
            BandPosition::FarAbove
        } else {
            BandPosition::Within
        };
        Some(BenchmarkBand {
            benchmark,
            low,
            high,
            position,
        })
    });
    if let (Some(rate), None) = (rates.first(), &band) {
        missing.push(format!(
            "a published benchmark for {} accounts of this size by {} (none in the benchmark table)",
            account.platform.label(),
            rate.method.noun()
        ));
    }

    AccountEngagement {
        platform: account.platform,
        handle: account.handle.clone(),
        followers: account.followers,
        tier,
        rates,
        band,
        likes_per_comment: stats
            .and_then(|s| s.avg_likes.zip(s.avg_comments))
            .filter(|(_, comments)| *comments > 0.0)
            .map(|(l, c)| l / c),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(platform: Platform, followers: u64) -> Account {
        Account {
            platform,
            handle: "mara".into(),
            followers,
        }
    }

    fn stats(likes: f64, comments: f64) -> AccountStats {
        AccountStats {
            avg_likes: Some(likes),
            avg_comments: Some(comments),
            ..AccountStats::default()
        }
    }

    #[test]
    fn the_rate_by_followers_is_likes_plus_comments_over_followers() {
        // (412 + 18) / 15,000 = 2.8667 %; HypeAuditor 2026 micro average is
        // 0.54 %, so the band is 0.18 %–1.62 % and 2.87 % is far above it.
        let found = assess(
            &account(Platform::Instagram, 15_000),
            Some(&stats(412.0, 18.0)),
            &TierBoundaries::default(),
        );
        assert_eq!(found.tier, Tier::Micro);
        let rate = &found.rates[0];
        assert_eq!(rate.method, RateMethod::Followers);
        assert!((rate.rate - 430.0 / 15_000.0).abs() < 1e-12);
        assert_eq!(rate.inputs, "(412 likes + 18 comments) / 15,000 followers");
        let band = found.band.unwrap();
        assert_eq!(band.benchmark.year, 2026);
        assert!((band.low - 0.0054 / 3.0).abs() < 1e-12);
        assert!((band.high - 0.0162).abs() < 1e-12);
        assert_eq!(band.position, BandPosition::FarAbove);
        assert!((found.likes_per_comment.unwrap() - 412.0 / 18.0).abs() < 1e-12);
        assert!(found.missing.is_empty());
    }

    #[test]
    fn video_platforms_are_judged_by_views_first() {
        let figures = AccountStats {
            avg_views: Some(20_000.0),
            ..stats(900.0, 100.0)
        };
        let found = assess(
            &account(Platform::Tiktok, 50_000),
            Some(&figures),
            &TierBoundaries::default(),
        );
        let methods: Vec<RateMethod> = found.rates.iter().map(|r| r.method).collect();
        assert_eq!(methods, vec![RateMethod::Views, RateMethod::Followers]);
        assert!((found.rates[0].rate - 0.05).abs() < 1e-12);
        assert_eq!(found.rates[0].inputs, "(900 likes + 100 comments) / 20,000 views");
        // No TikTok-by-views row in the table: said, not guessed.
        assert!(found.band.is_none());
        assert!(found.missing[0].contains("TikTok accounts of this size by views"));
    }

    #[test]
    fn an_imported_rate_is_used_when_likes_and_comments_are_not_known() {
        let figures = AccountStats {
            imported_rate: Some(0.021),
            source: "Modash export".into(),
            ..AccountStats::default()
        };
        let found = assess(
            &account(Platform::Instagram, 4_000),
            Some(&figures),
            &TierBoundaries::default(),
        );
        assert_eq!(found.rates.len(), 1);
        assert!(found.rates[0].imported);
        assert_eq!(
            found.rates[0].inputs,
            "given by Modash export (by followers, as exports compute it)"
        );
        // 2026 nano average 1.78 %: band 0.593 %–5.34 %, 2.1 % is within.
        assert_eq!(found.band.unwrap().position, BandPosition::Within);
    }

    #[test]
    fn nothing_known_says_what_is_missing() {
        let found = assess(&account(Platform::Instagram, 4_000), None, &TierBoundaries::default());
        assert!(found.rates.is_empty());
        assert!(found.band.is_none());
        assert_eq!(
            found.missing,
            vec!["average likes and comments per post (or an engagement rate from an export)"]
        );
    }
}
