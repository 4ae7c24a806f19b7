//! Audience-quality red flags, each with the figures that raised it, and
//! the checks that could not run for want of data.

use serde::Serialize;
use ts_rs::TS;

use super::dossier::{Audience, FollowerHistory};
use super::engagement::{count, percent, AccountEngagement, BandPosition};

/// Under 75 % real followers is "often a sign of fraud" (Modash).
pub const MIN_CREDIBILITY: f64 = 0.75;
/// Suspicious accounts had more than 10 % mass followers (brandhero, 2020).
pub const MAX_MASS_FOLLOWERS: f64 = 0.10;
/// A day's gain this many times the usual daily change is a spike.
pub const SPIKE_FACTOR: f64 = 5.0;
/// ...and at least this share of the followers the day before, so that the
/// noise of a small account's slow days is not one.
pub const SPIKE_MIN_SHARE: f64 = 0.01;
/// Days of history needed before a "usual" change means anything.
pub const MIN_HISTORY_INTERVALS: usize = 7;
/// Likes per comment outside this range is unusual. Organic posts get a
/// comment per 20–100 likes; far fewer likes per comment suggests comment
/// pods or giveaway comments, far more suggests likes bought without
/// conversation. A rule of thumb, shown as such, never a verdict alone.
pub const LIKES_PER_COMMENT_LOW: f64 = 5.0;
pub const LIKES_PER_COMMENT_HIGH: f64 = 200.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    EngagementFarBelow,
    EngagementFarAbove,
    LowCredibility,
    MassFollowers,
    GrowthSpike,
    LikesCommentsRatio,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RedFlag {
    pub kind: FlagKind,
    /// What it may mean, in a few words.
    pub title: String,
    /// The figures behind it.
    pub evidence: String,
}

/// Flags raised, and what could not be checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct FlagReport {
    pub flags: Vec<RedFlag>,
    pub not_checked: Vec<String>,
}

fn account_name(e: &AccountEngagement) -> String {
    format!("{} @{}", e.platform.label(), e.handle)
}

pub fn red_flags(engagement: &[AccountEngagement], audience: &Audience, histories: &[FollowerHistory]) -> FlagReport {
    let mut report = FlagReport::default();
    for account in engagement {
        engagement_flags(account, &mut report);
    }
    if engagement.iter().all(|e| e.rates.is_empty()) {
        report
            .not_checked
            .push("engagement against benchmarks: no engagement figures recorded".into());
    }
    if engagement.iter().all(|e| e.likes_per_comment.is_none()) {
        report
            .not_checked
            .push("likes-to-comments ratio: no average likes and comments recorded".into());
    }

    match audience.credibility {
        Some(real) if real < MIN_CREDIBILITY => report.flags.push(RedFlag {
            kind: FlagKind::LowCredibility,
            title: "Many followers may not be real".into(),
            evidence: format!(
                "audience credibility {} (under {}){}",
                percent(real),
                percent(MIN_CREDIBILITY),
                from(&audience.source)
            ),
        }),
        Some(_) => {}
        None => report
            .not_checked
            .push("audience credibility: not in any imported export".into()),
    }
    match audience.mass_followers {
        Some(share) if share > MAX_MASS_FOLLOWERS => report.flags.push(RedFlag {
            kind: FlagKind::MassFollowers,
            title: "Many followers follow too many accounts to see posts".into(),
            evidence: format!(
                "{} mass followers (over {}){}",
                percent(share),
                percent(MAX_MASS_FOLLOWERS),
                from(&audience.source)
            ),
        }),
        Some(_) => {}
        None => report
            .not_checked
            .push("mass followers: not in any imported export".into()),
    }

    let long_enough: Vec<&FollowerHistory> = histories
        .iter()
        .filter(|h| h.points.len() > MIN_HISTORY_INTERVALS)
        .collect();
    for history in &long_enough {
        report.flags.extend(growth_spikes(history));
    }
    if long_enough.is_empty() {
        report.not_checked.push(format!(
            "follower growth: no follower history of at least {} days (import one such as TikTok's FollowerHistory.csv)",
            MIN_HISTORY_INTERVALS + 1
        ));
    }
    report
}

fn from(source: &str) -> String {
    if source.is_empty() {
        String::new()
    } else {
        format!(", from {source}")
    }
}

fn engagement_flags(account: &AccountEngagement, report: &mut FlagReport) {
    if let (Some(rate), Some(band)) = (account.rates.first(), &account.band) {
        let benchmark = &band.benchmark;
        let compared = format!(
            "{} engagement by {} is {}; the {} {} for {} accounts of this size is {} ({}), usual band {} to {}",
            account_name(account),
            rate.method.noun(),
            percent(rate.rate),
            benchmark.year,
            benchmark.statistic.noun(),
            benchmark.platform.label(),
            percent(benchmark.rate),
            benchmark.sample,
            percent(band.low),
            percent(band.high),
        );
        match band.position {
            BandPosition::FarBelow => report.flags.push(RedFlag {
                kind: FlagKind::EngagementFarBelow,
                title: "Engagement far below what is usual: an inactive or bought audience".into(),
                evidence: compared,
            }),
            BandPosition::FarAbove => report.flags.push(RedFlag {
                kind: FlagKind::EngagementFarAbove,
                title: "Engagement far above what is usual: possibly engagement pods or bought likes".into(),
                evidence: compared,
            }),
            BandPosition::Within => {}
        }
    }
    if let Some(ratio) = account.likes_per_comment {
        if !(LIKES_PER_COMMENT_LOW..=LIKES_PER_COMMENT_HIGH).contains(&ratio) {
            report.flags.push(RedFlag {
                kind: FlagKind::LikesCommentsRatio,
                title: if ratio < LIKES_PER_COMMENT_LOW {
                    "Unusually many comments per like: comment pods or giveaways".into()
                } else {
                    "Unusually few comments per like: likes without conversation".into()
                },
                evidence: format!(
                    "{}: {:.1} likes per comment (usual range {LIKES_PER_COMMENT_LOW:.0} to {LIKES_PER_COMMENT_HIGH:.0})",
                    account_name(account),
                    ratio
                ),
            });
        }
    }
}

/// Days whose gain per day is far above the account's usual daily change.
pub fn growth_spikes(history: &FollowerHistory) -> Vec<RedFlag> {
    let steps: Vec<(usize, f64)> = history
        .points
        .windows(2)
        .enumerate()
        .filter_map(|(i, pair)| {
            let days = (pair[1].date - pair[0].date).num_days();
            (days > 0).then(|| {
                (
                    i + 1,
                    (pair[1].followers as f64 - pair[0].followers as f64) / days as f64,
                )
            })
        })
        .collect();
    if steps.len() < MIN_HISTORY_INTERVALS {
        return Vec::new();
    }
    let mut changes: Vec<f64> = steps.iter().map(|(_, per_day)| per_day.abs()).collect();
    changes.sort_by(f64::total_cmp);
    let usual = changes[changes.len() / 2].max(1.0);
    steps
        .iter()
        .filter_map(|&(i, per_day)| {
            let before = &history.points[i - 1];
            let after = &history.points[i];
            let spike = per_day > SPIKE_FACTOR * usual && per_day >= SPIKE_MIN_SHARE * before.followers as f64;
            spike.then(|| {
                let days = (after.date - before.date).num_days();
                RedFlag {
                    kind: FlagKind::GrowthSpike,
                    title: "A sudden jump in followers: possibly bought".into(),
                    evidence: format!(
                        "{}: followers rose by {} in {} (from {} on {} to {} on {}), {:.0} times the usual daily change of {}{}",
                        history.platform.label(),
                        count(after.followers as f64 - before.followers as f64),
                        if days == 1 { "a day".to_string() } else { format!("{days} days") },
                        count(before.followers as f64),
                        before.date,
                        count(after.followers as f64),
                        after.date,
                        per_day / usual,
                        count(usual),
                        from(&history.source)
                    ),
                }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{Account, Platform, TierBoundaries};
    use crate::vetting::dossier::{AccountStats, FollowerPoint};
    use crate::vetting::engagement::assess;

    fn history(followers: &[u64]) -> FollowerHistory {
        let start: chrono::NaiveDate = "2026-09-01".parse().unwrap();
        FollowerHistory {
            platform: Platform::Tiktok,
            points: followers
                .iter()
                .enumerate()
                .map(|(i, &f)| FollowerPoint {
                    date: start + chrono::Days::new(i as u64),
                    followers: f,
                })
                .collect(),
            source: "FollowerHistory.csv".into(),
        }
    }

    #[test]
    fn a_day_far_above_the_usual_gain_is_a_spike() {
        // Usual change: about 100 a day; on 2026-09-06 +5,000 (50 times,
        // and 25 % of the 20,400 before it).
        let h = history(&[20_000, 20_100, 20_200, 20_300, 20_400, 25_400, 25_500, 25_600, 25_700]);
        let spikes = growth_spikes(&h);
        assert_eq!(spikes.len(), 1);
        assert_eq!(
            spikes[0].evidence,
            "TikTok: followers rose by 5,000 in a day (from 20,400 on 2026-09-05 to 25,400 on 2026-09-06), \
             50 times the usual daily change of 100, from FollowerHistory.csv"
        );
    }

    #[test]
    fn steady_growth_and_short_histories_raise_nothing() {
        let steady = history(&[1_000, 1_100, 1_250, 1_300, 1_420, 1_500, 1_640, 1_700, 1_800]);
        assert!(growth_spikes(&steady).is_empty());
        let short = history(&[1_000, 9_000, 9_100]);
        assert!(growth_spikes(&short).is_empty());
        let report = red_flags(&[], &Audience::default(), &[short]);
        assert!(report.not_checked.iter().any(|n| n.starts_with("follower growth")));
    }

    #[test]
    fn vendor_figures_past_their_thresholds_are_flagged_with_the_figures() {
        let audience = Audience {
            credibility: Some(0.62),
            mass_followers: Some(0.14),
            source: "Modash".into(),
            ..Audience::default()
        };
        let report = red_flags(&[], &audience, &[]);
        let kinds: Vec<FlagKind> = report.flags.iter().map(|f| f.kind).collect();
        assert_eq!(kinds, vec![FlagKind::LowCredibility, FlagKind::MassFollowers]);
        assert_eq!(
            report.flags[0].evidence,
            "audience credibility 62.00 % (under 75.00 %), from Modash"
        );
        let fine = Audience {
            credibility: Some(0.75),
            mass_followers: Some(0.10),
            ..Audience::default()
        };
        assert!(red_flags(&[], &fine, &[]).flags.is_empty());
    }

    #[test]
    fn engagement_outside_the_band_and_odd_ratios_are_flagged() {
        let account = Account {
            platform: Platform::Instagram,
            handle: "mara".into(),
            followers: 15_000,
        };
        // (20 + 0.5) / 15,000 = 0.137 %, under the 0.18 % floor; 40 likes a comment is normal.
        let low = assess(
            &account,
            Some(&AccountStats {
                avg_likes: Some(20.0),
                avg_comments: Some(0.5),
                ..AccountStats::default()
            }),
            &TierBoundaries::default(),
        );
        let report = red_flags(&[low], &Audience::default(), &[]);
        assert_eq!(report.flags.len(), 1);
        assert_eq!(report.flags[0].kind, FlagKind::EngagementFarBelow);
        assert!(report.flags[0].evidence.starts_with(
            "Instagram @mara engagement by followers is 0.14 %; the 2026 average for Instagram accounts of this size is 0.54 %"
        ));
        // 60 likes and 20 comments: 3 likes per comment.
        let pods = assess(
            &account,
            Some(&AccountStats {
                avg_likes: Some(60.0),
                avg_comments: Some(20.0),
                ..AccountStats::default()
            }),
            &TierBoundaries::default(),
        );
        let report = red_flags(&[pods], &Audience::default(), &[]);
        assert_eq!(report.flags[0].kind, FlagKind::LikesCommentsRatio);
        assert_eq!(
            report.flags[0].evidence,
            "Instagram @mara: 3.0 likes per comment (usual range 5 to 200)"
        );
    }
}
