//! KPI formulas, each with its inputs written out (targets and pace are in `targets`).
//!
//! Formulas follow the IAB's media math: CPM = cost / views × 1,000,
//! CPE = cost / engagements, CPC = cost / clicks, CPA = cost / conversions,
//! CTR = clicks / views, conversion rate = conversions / clicks,
//! ROI = (revenue − cost) / cost, ROAS = revenue / cost. A figure that
//! cannot be computed (nothing recorded, a zero to divide by) has no value
//! and says why; it is never 0, infinite or NaN. Earned media value is kept
//! apart: shown only with its CPM assumption, never part of ROI.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

use super::{Measure, Values};
use crate::campaign::{money, Money};
use crate::numbers::{grouped, percent};

/// What a figure is measured in, so each place can format it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Count,
    /// Stored as a fraction, shown as a percentage.
    Fraction,
    /// In major units of the campaign's currency.
    Money,
    /// "3.2×".
    Ratio,
}

/// Sums over a set of posts, and what they cost.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    pub posts: u32,
    /// Only measures read on at least one post.
    pub sums: BTreeMap<Measure, i64>,
    /// Followers of the posting accounts, over the posts whose account is known.
    pub followers: Option<u64>,
    /// For each engagement-rate base (reach, views, followers): engagements
    /// and the base summed over the posts that have both, and how many
    /// posts that is. A rate never divides one set of posts by another.
    pub rate_bases: [(i64, i64, u32); 3],
    pub cost: Cost,
}

/// Costs in minor units of the campaign's currency.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cost {
    pub fee: i64,
    pub product: i64,
    pub ad_spend: i64,
    /// Some fee or product value comes from the agreement, not from readings.
    pub from_agreement: bool,
    /// Costs that could not be counted, as sentences (another currency).
    pub left_out: Vec<String>,
}

impl Cost {
    pub fn total(&self) -> i64 {
        self.fee + self.product + self.ad_spend
    }

    pub fn add(&mut self, other: &Cost) {
        self.fee += other.fee;
        self.product += other.product;
        self.ad_spend += other.ad_spend;
        self.from_agreement |= other.from_agreement;
        self.left_out.extend(other.left_out.iter().cloned());
    }
}

impl Totals {
    /// Adds one post's latest values.
    pub fn add_post(&mut self, values: &Values, followers: Option<u64>) {
        self.posts += 1;
        for (measure, value) in &values.of {
            if !matches!(measure, Measure::Fee | Measure::Product | Measure::AdSpend) {
                *self.sums.entry(*measure).or_default() += value;
            }
        }
        if let Some(f) = followers {
            *self.followers.get_or_insert(0) += f;
        }
        let engaged: Option<i64> = Measure::ENGAGEMENTS
            .iter()
            .filter_map(|m| values.get(*m))
            .fold(None, |sum, v| Some(sum.unwrap_or(0) + v));
        if let Some(engaged) = engaged {
            let bases = [
                values.get(Measure::Reach),
                values.get(Measure::Views),
                followers.map(|f| f as i64),
            ];
            for (slot, base) in self.rate_bases.iter_mut().zip(bases) {
                if let Some(base) = base {
                    slot.0 += engaged;
                    slot.1 += base;
                    slot.2 += 1;
                }
            }
        }
    }

    pub fn add(&mut self, other: &Totals) {
        self.posts += other.posts;
        for (measure, value) in &other.sums {
            *self.sums.entry(*measure).or_default() += value;
        }
        if let Some(f) = other.followers {
            *self.followers.get_or_insert(0) += f;
        }
        for (mine, theirs) in self.rate_bases.iter_mut().zip(other.rate_bases) {
            mine.0 += theirs.0;
            mine.1 += theirs.1;
            mine.2 += theirs.2;
        }
        self.cost.add(&other.cost);
    }

    pub fn get(&self, measure: Measure) -> Option<i64> {
        self.sums.get(&measure).copied()
    }

    /// Likes, comments, shares and saves, over those that were read.
    pub fn engagements(&self) -> Option<(i64, Vec<&'static str>)> {
        let parts: Vec<(Measure, i64)> = Measure::ENGAGEMENTS
            .iter()
            .filter_map(|m| self.get(*m).map(|v| (*m, v)))
            .collect();
        if parts.is_empty() {
            return None;
        }
        Some((
            parts.iter().map(|(_, v)| v).sum(),
            parts.iter().map(|(m, _)| m.label()).collect(),
        ))
    }
}

/// One figure, computed or not, with how.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Kpi {
    pub key: String,
    pub label: String,
    pub unit: Unit,
    /// A fraction, an amount in major units, a ratio or a count.
    pub value: Option<f64>,
    /// As documents print it: "2.41 %", "EUR 3.20", "-".
    pub shown: String,
    pub formula: String,
    /// The formula with this campaign's numbers in it.
    pub worked: Option<String>,
    /// Why there is no value.
    pub missing: Option<String>,
}

/// How `value` reads in documents and the terminal.
pub fn show(unit: Unit, value: f64, currency: &str) -> String {
    match unit {
        Unit::Count => grouped(value.max(0.0).round() as u64),
        Unit::Fraction => percent(value),
        Unit::Money => money_text(value, currency),
        Unit::Ratio => format!("{value:.2}×"),
    }
}

/// An amount in major units as "EUR 1,234.50" (negative with a minus).
pub fn money_text(major: f64, currency: &str) -> String {
    let decimals = money::exponent(currency).unwrap_or(2);
    let minor = (major * 10_f64.powi(decimals as i32)).round() as i64;
    Money {
        minor,
        currency: currency.to_string(),
    }
    .to_text()
    .replacen(&format!("{currency} -"), &format!("-{currency} "), 1)
}

pub fn major(minor: i64, currency: &str) -> f64 {
    minor as f64 / 10_f64.powi(money::exponent(currency).unwrap_or(2) as i32)
}

struct Ratio<'a> {
    key: &'a str,
    label: &'a str,
    unit: Unit,
    formula: &'a str,
}

/// `numerator / denominator × scale`, or the reason it cannot be had.
fn ratio(
    spec: Ratio,
    numerator: Option<(f64, String)>,
    denominator: Option<(f64, String)>,
    scale: f64,
    currency: &str,
    missing_numerator: &str,
    missing_denominator: &str,
) -> Kpi {
    let base = |value: Option<f64>, worked: Option<String>, missing: Option<String>| Kpi {
        key: spec.key.into(),
        label: spec.label.into(),
        unit: spec.unit,
        shown: value
            .map(|v| show(spec.unit, v, currency))
            .unwrap_or_else(|| "-".into()),
        value,
        formula: spec.formula.into(),
        worked,
        missing,
    };
    match (numerator, denominator) {
        (None, _) => base(None, None, Some(missing_numerator.into())),
        (_, None) => base(None, None, Some(missing_denominator.into())),
        (Some(_), Some((d, text))) if d.abs() < f64::MIN_POSITIVE => base(
            None,
            None,
            Some(format!("{text} is 0, and nothing can be divided by it")),
        ),
        (Some((n, n_text)), Some((d, d_text))) => {
            let value = n / d * scale;
            let times = if scale == 1000.0 { " × 1,000" } else { "" };
            base(Some(value), Some(format!("{n_text} / {d_text}{times}")), None)
        }
    }
}

/// Every KPI of `totals`, in the order the dashboard shows them.
pub fn kpis(totals: &Totals, currency: &str) -> Vec<Kpi> {
    let count = |m: Measure| {
        totals
            .get(m)
            .map(|v| (v as f64, format!("{} {}", grouped(v.max(0) as u64), m.label())))
    };
    let cost_minor = totals.cost.total();
    let no_cost = "no cost: the agreement states no fee or product value, and none was entered";
    let cost = (cost_minor > 0 || totals.cost.from_agreement).then(|| {
        (
            major(cost_minor, currency),
            format!("{} cost", money_text(major(cost_minor, currency), currency)),
        )
    });
    let revenue = totals.get(Measure::Revenue).map(|r| {
        (
            major(r, currency),
            format!("{} revenue", money_text(major(r, currency), currency)),
        )
    });
    let engagements = totals.engagements().map(|(n, parts)| {
        (
            n as f64,
            format!("{} engagements ({})", grouped(n.max(0) as u64), parts.join(" + ")),
        )
    });
    let no_views = "no views or impressions recorded";
    let no_clicks = "no link clicks recorded";
    let no_conversions = "no conversions recorded";
    let no_engagements = "no likes, comments, shares or saves recorded";
    let no_revenue = "no revenue recorded";

    let mut out = vec![engagement_rate(totals, no_engagements)];
    out.push(ratio(
        Ratio {
            key: "cpm",
            label: "CPM",
            unit: Unit::Money,
            formula: "cost / views × 1,000",
        },
        cost.clone(),
        count(Measure::Views),
        1000.0,
        currency,
        no_cost,
        no_views,
    ));
    out.push(ratio(
        Ratio {
            key: "cpe",
            label: "CPE",
            unit: Unit::Money,
            formula: "cost / engagements",
        },
        cost.clone(),
        engagements,
        1.0,
        currency,
        no_cost,
        no_engagements,
    ));
    out.push(ratio(
        Ratio {
            key: "cpc",
            label: "CPC",
            unit: Unit::Money,
            formula: "cost / link clicks",
        },
        cost.clone(),
        count(Measure::Clicks),
        1.0,
        currency,
        no_cost,
        no_clicks,
    ));
    out.push(ratio(
        Ratio {
            key: "cpa",
            label: "CPA",
            unit: Unit::Money,
            formula: "cost / conversions",
        },
        cost.clone(),
        count(Measure::Conversions),
        1.0,
        currency,
        no_cost,
        no_conversions,
    ));
    out.push(ratio(
        Ratio {
            key: "ctr",
            label: "CTR",
            unit: Unit::Fraction,
            formula: "link clicks / views",
        },
        count(Measure::Clicks),
        count(Measure::Views),
        1.0,
        currency,
        no_clicks,
        no_views,
    ));
    out.push(ratio(
        Ratio {
            key: "conversion_rate",
            label: "Conversion rate",
            unit: Unit::Fraction,
            formula: "conversions / link clicks",
        },
        count(Measure::Conversions),
        count(Measure::Clicks),
        1.0,
        currency,
        no_conversions,
        no_clicks,
    ));
    let profit = revenue.as_ref().zip(cost.as_ref()).map(|((r, _), (c, _))| {
        (
            r - c,
            format!("({} − {})", money_text(*r, currency), money_text(*c, currency)),
        )
    });
    out.push(ratio(
        Ratio {
            key: "roi",
            label: "ROI",
            unit: Unit::Fraction,
            formula: "(revenue − cost) / cost",
        },
        if revenue.is_none() { None } else { profit },
        cost.clone(),
        1.0,
        currency,
        if revenue.is_none() { no_revenue } else { no_cost },
        no_cost,
    ));
    out.push(ratio(
        Ratio {
            key: "roas",
            label: "ROAS",
            unit: Unit::Ratio,
            formula: "revenue / cost",
        },
        revenue,
        cost,
        1.0,
        currency,
        no_revenue,
        no_cost,
    ));
    out
}

/// Engagement rate by the base most posts have (reach, then views, then
/// the posting accounts' followers, on ties), over those posts only; the
/// method, and the posts left out, are in the label and the working.
fn engagement_rate(totals: &Totals, no_engagements: &str) -> Kpi {
    let names = [Measure::Reach.label(), Measure::Views.label(), "followers"];
    let best = (0..3)
        .filter(|&i| totals.rate_bases[i].2 > 0)
        .max_by_key(|&i| (totals.rate_bases[i].2, std::cmp::Reverse(i)));
    let method = best.map(|i| names[i]).unwrap_or("reach");
    let formula = format!("engagements / {method}");
    let (numerator, denominator) = match best {
        Some(i) => {
            let (engaged, base, _) = totals.rate_bases[i];
            (
                Some((
                    engaged as f64,
                    format!("{} engagements", grouped(engaged.max(0) as u64)),
                )),
                Some((base as f64, format!("{} {method}", grouped(base.max(0) as u64)))),
            )
        }
        None => (None, None),
    };
    let why_none = if totals.engagements().is_none() {
        no_engagements
    } else {
        "no post has both engagements and its reach, views or follower count"
    };
    let mut kpi = ratio(
        Ratio {
            key: "engagement_rate",
            label: "Engagement rate",
            unit: Unit::Fraction,
            formula: &formula,
        },
        numerator,
        denominator,
        1.0,
        "",
        why_none,
        why_none,
    );
    kpi.label = format!("Engagement rate (by {method})");
    if let (Some(i), Some(worked)) = (best, kpi.worked.as_mut()) {
        let left_out = totals.posts.saturating_sub(totals.rate_bases[i].2);
        if left_out > 0 {
            worked.push_str(&format!(
                ", over {} of {} posts ({left_out} without {method})",
                totals.rate_bases[i].2, totals.posts
            ));
        }
    }
    kpi
}

/// Earned media value: an estimate of what the views would have cost as
/// ads. Shown with its formula and assumption; not revenue, not in ROI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Emv {
    pub cpm_assumption: Money,
    pub value: Option<Money>,
    pub formula: String,
    pub worked: Option<String>,
    pub note: String,
}

pub fn emv(totals: &Totals, cpm: &Money) -> Emv {
    let views = totals.get(Measure::Views);
    let value = views.map(|v| Money {
        minor: ((v as f64) * cpm.minor as f64 / 1000.0).round() as i64,
        currency: cpm.currency.clone(),
    });
    Emv {
        cpm_assumption: cpm.clone(),
        worked: views.zip(value.as_ref()).map(|(v, value)| {
            format!("{} views × {} / 1,000 = {}", grouped(v.max(0) as u64), cpm.to_text(), value.to_text())
        }),
        value,
        formula: "EMV = views × CPM assumption / 1,000".into(),
        note: "An estimate of what the same views would have cost as ads, at the CPM you assumed. It is not revenue and is not part of ROI or ROAS.".into(),
    }
}
