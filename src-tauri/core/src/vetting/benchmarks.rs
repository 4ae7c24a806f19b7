//! Published engagement-rate benchmarks by platform and follower range, each
//! with its method, statistic, year, sample and source.
//!
//! The figures live in `data/engagement_benchmarks.tsv`, not in code: they
//! disagree by method (followers, views, impressions) and by year, so every
//! comparison must be able to say which study it used, and updating the table
//! must not need a programmer.

use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;

use crate::roster::Platform;

const TABLE: &str = include_str!("../../data/engagement_benchmarks.tsv");

/// What an engagement rate is divided by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum RateMethod {
    /// (likes + comments) / followers.
    Followers,
    /// Engagements / views (video platforms).
    Views,
    /// Engagements / reach.
    Reach,
    /// Engagements / impressions.
    Impressions,
}

impl RateMethod {
    /// What the rate is divided by, as a word: "engagement by views".
    pub fn noun(self) -> &'static str {
        match self {
            RateMethod::Followers => "followers",
            RateMethod::Views => "views",
            RateMethod::Reach => "reach",
            RateMethod::Impressions => "impressions",
        }
    }

    fn parse(text: &str) -> Option<RateMethod> {
        match text {
            "followers" => Some(RateMethod::Followers),
            "views" => Some(RateMethod::Views),
            "reach" => Some(RateMethod::Reach),
            "impressions" => Some(RateMethod::Impressions),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Statistic {
    Average,
    Median,
}

impl Statistic {
    pub fn noun(self) -> &'static str {
        match self {
            Statistic::Average => "average",
            Statistic::Median => "median",
        }
    }
}

/// One published figure.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Benchmark {
    pub platform: Platform,
    #[ts(type = "number")]
    pub followers_from: u64,
    /// Exclusive; `None` for "and above".
    #[ts(type = "number | null")]
    pub followers_to: Option<u64>,
    pub method: RateMethod,
    pub statistic: Statistic,
    /// A fraction (0.0178 for 1.78%).
    pub rate: f64,
    pub year: u16,
    /// What was measured, as the source describes it.
    pub sample: String,
    pub source: String,
}

impl Benchmark {
    pub fn covers(&self, followers: u64) -> bool {
        followers >= self.followers_from && self.followers_to.is_none_or(|to| followers < to)
    }
}

/// A line of the table that cannot be read, and why: the table ships with
/// the app, so this is a bug caught by the tests, never a user's problem.
fn parse_line(line: &str) -> Result<Benchmark, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [platform, from, to, method, statistic, rate, year, sample, source] = cells.as_slice() else {
        return Err(format!("{} cells instead of 9", cells.len()));
    };
    let number = |text: &str, what: &str| {
        text.parse::<u64>()
            .map_err(|_| format!("{what} '{text}' is not a number"))
    };
    let percent: f64 = rate.parse().map_err(|_| format!("rate '{rate}' is not a number"))?;
    Ok(Benchmark {
        platform: Platform::parse(platform).ok_or_else(|| format!("platform '{platform}' is unknown"))?,
        followers_from: number(from, "followers_from")?,
        followers_to: if to.is_empty() {
            None
        } else {
            Some(number(to, "followers_to")?)
        },
        method: RateMethod::parse(method).ok_or_else(|| format!("method '{method}' is unknown"))?,
        statistic: match *statistic {
            "average" => Statistic::Average,
            "median" => Statistic::Median,
            other => return Err(format!("statistic '{other}' is unknown")),
        },
        rate: percent / 100.0,
        year: year.parse().map_err(|_| format!("year '{year}' is not a year"))?,
        sample: sample.to_string(),
        source: source.to_string(),
    })
}

fn parse_table(text: &str) -> Result<Vec<Benchmark>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1) // the header
        .map(|(n, line)| parse_line(line).map_err(|why| format!("line {}: {why}", n + 1)))
        .collect()
}

/// Every benchmark in the table.
pub fn all() -> &'static [Benchmark] {
    static ROWS: OnceLock<Vec<Benchmark>> = OnceLock::new();
    // The table is part of the build and the tests below read every row; if
    // it ever failed here, no benchmark is better than taking the app down.
    ROWS.get_or_init(|| parse_table(TABLE).unwrap_or_default())
}

/// The figures that apply to an account: same platform and method, a
/// follower range that covers it; the newest study first, averages before
/// medians within a study.
pub fn applicable(platform: Platform, followers: u64, method: RateMethod) -> Vec<&'static Benchmark> {
    let mut found: Vec<&Benchmark> = all()
        .iter()
        .filter(|b| b.platform == platform && b.method == method && b.covers(followers))
        .collect();
    found.sort_by_key(|b| (std::cmp::Reverse(b.year), b.statistic == Statistic::Median));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_reads_and_says_where_it_comes_from() {
        let rows = parse_table(TABLE).unwrap();
        assert_eq!(rows, all());
        assert!(rows.len() >= 15);
        for row in &rows {
            assert!(row.rate > 0.0 && row.rate < 1.0, "{row:?}");
            assert!(row.followers_to.is_none_or(|to| to > row.followers_from), "{row:?}");
            assert!(row.source.starts_with("https://"), "{row:?}");
            assert!((2015..=2030).contains(&row.year), "{row:?}");
            assert!(!row.sample.is_empty(), "{row:?}");
        }
    }

    #[test]
    fn a_bad_row_is_reported_with_its_line() {
        let text = "platform\tfrom\n# a comment\ninstagram\t0\t10\tfollowers\taverage\t1.5\t2020\ts\thttps://x\nmyspace\t0\t1\tfollowers\taverage\t1\t2020\ts\thttps://x\n";
        assert_eq!(parse_table(text).unwrap_err(), "line 4: platform 'myspace' is unknown");
        let short = "header\ninstagram\t0\n";
        assert_eq!(parse_table(short).unwrap_err(), "line 2: 2 cells instead of 9");
    }

    #[test]
    fn the_newest_study_comes_first_and_ranges_are_exclusive_at_the_top() {
        let nano = applicable(Platform::Instagram, 5_000, RateMethod::Followers);
        assert_eq!((nano[0].year, nano[0].rate), (2026, 0.0178));
        assert!(nano.windows(2).all(|w| w[0].year >= w[1].year));
        // 5,000 is in HypeAuditor 2018's 5K–20K band, not its 1K–5K one.
        assert!(nano
            .iter()
            .filter(|b| b.year == 2018)
            .all(|b| b.followers_from == 5_000));

        let mega = applicable(Platform::Instagram, 3_000_000, RateMethod::Followers);
        assert_eq!(mega[0].rate, 0.0033);
        assert_eq!(
            applicable(Platform::Tiktok, 8_000, RateMethod::Followers)[0].rate,
            0.126
        );
    }

    #[test]
    fn no_published_figure_is_an_empty_answer_not_a_guess() {
        assert!(applicable(Platform::Youtube, 50_000, RateMethod::Followers).is_empty());
        assert!(applicable(Platform::Instagram, 50_000, RateMethod::Views).is_empty());
    }
}
