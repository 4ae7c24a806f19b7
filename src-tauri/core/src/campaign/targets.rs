//! KPI targets: a metric Partnerly can measure, a number in that metric's
//! unit, and the date it should be met by.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::money::{parse_amount, Money};
use crate::import::values::{parse_count, parse_rate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KpiMetric {
    Reach,
    Impressions,
    EngagementRate,
    Clicks,
    Conversions,
    Revenue,
    /// Return on investment: (revenue − cost) / cost.
    Roi,
    CostPerResult,
}

impl KpiMetric {
    pub const ALL: [KpiMetric; 8] = [
        KpiMetric::Reach,
        KpiMetric::Impressions,
        KpiMetric::EngagementRate,
        KpiMetric::Clicks,
        KpiMetric::Conversions,
        KpiMetric::Revenue,
        KpiMetric::Roi,
        KpiMetric::CostPerResult,
    ];

    pub fn label(self) -> &'static str {
        match self {
            KpiMetric::Reach => "reach",
            KpiMetric::Impressions => "impressions",
            KpiMetric::EngagementRate => "engagement rate",
            KpiMetric::Clicks => "clicks",
            KpiMetric::Conversions => "conversions",
            KpiMetric::Revenue => "revenue",
            KpiMetric::Roi => "ROI",
            KpiMetric::CostPerResult => "cost per result",
        }
    }

    /// A metric as people write it: "Reach", "engagement_rate", "ER", "CPA".
    pub fn parse(text: &str) -> Option<KpiMetric> {
        let wanted = text.trim().to_lowercase().replace(['_', '-'], " ");
        let alias = match wanted.as_str() {
            "er" | "engagement" => Some(KpiMetric::EngagementRate),
            "views" => Some(KpiMetric::Impressions),
            "sales" | "purchases" | "sign ups" | "signups" => Some(KpiMetric::Conversions),
            "return on investment" => Some(KpiMetric::Roi),
            "cpa" | "cpr" | "cost per acquisition" | "cost per conversion" => Some(KpiMetric::CostPerResult),
            "link clicks" => Some(KpiMetric::Clicks),
            _ => None,
        };
        alias.or_else(|| KpiMetric::ALL.into_iter().find(|m| m.label().to_lowercase() == wanted))
    }
}

/// A target's number, in its metric's unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "unit", content = "amount", rename_all = "snake_case")]
pub enum TargetValue {
    /// People, views, clicks or conversions.
    Count(#[ts(type = "number")] u64),
    /// Engagement rate or ROI, as a fraction (0.035 for 3.5 %).
    Fraction(f64),
    /// Revenue or cost per result, in the campaign's currency.
    Money(Money),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct KpiTarget {
    pub metric: KpiMetric,
    pub value: TargetValue,
    pub due: NaiveDate,
}

/// A target as typed. The metric is text on purpose: a target that is not
/// measurable gets a sentence saying what would be, not a decode error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct KpiTargetDraft {
    pub metric: String,
    pub value: String,
    /// `YYYY-MM-DD`.
    pub due: String,
}

const MEASURABLE: &str =
    "choose reach, impressions, engagement rate, clicks, conversions, revenue, ROI or cost per result, with a number and a date";

/// Checks one target; problems come back as (part, sentence).
pub(super) fn validate(
    draft: &KpiTargetDraft,
    currency: &str,
    campaign_start: Option<NaiveDate>,
) -> Result<KpiTarget, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let metric = match draft.metric.trim() {
        "" => {
            problems.push(("metric", format!("no metric; {MEASURABLE}.")));
            None
        }
        text => match KpiMetric::parse(text) {
            Some(metric) => Some(metric),
            None => {
                problems.push(("metric", format!("'{text}' is not measurable; {MEASURABLE}.")));
                None
            }
        },
    };
    let value = metric.and_then(|metric| {
        let text = draft.value.trim();
        if text.is_empty() {
            problems.push(("value", format!("give the {} target as a number.", metric.label())));
            return None;
        }
        let read = match metric {
            KpiMetric::Reach | KpiMetric::Impressions | KpiMetric::Clicks | KpiMetric::Conversions => {
                match parse_count(text) {
                    Ok(Some(count)) if count > 0 => Ok(TargetValue::Count(count)),
                    _ => Err(format!(
                        "the {} target '{text}' is not a whole number above 0.",
                        metric.label()
                    )),
                }
            }
            KpiMetric::EngagementRate | KpiMetric::Roi => match parse_rate(text) {
                // Typed as a percent: "3.5" or "3.5 %" both mean 3.5 %.
                Ok(Some(cell)) if cell.number > 0.0 => Ok(TargetValue::Fraction(cell.number / 100.0)),
                _ => Err(format!(
                    "the {} target '{text}' is not a percent above 0 (e.g. 3.5).",
                    metric.label()
                )),
            },
            KpiMetric::Revenue | KpiMetric::CostPerResult => match parse_amount(text, currency) {
                Ok(money) if money.minor > 0 => Ok(TargetValue::Money(money)),
                Ok(_) => Err(format!("the {} target must be more than 0.", metric.label())),
                Err(why) => Err(format!("the {} target: {why}.", metric.label())),
            },
        };
        read.map_err(|message| problems.push(("value", message))).ok()
    });
    let due = match draft.due.trim() {
        "" => {
            problems.push(("due", "give the date it should be met by.".to_string()));
            None
        }
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(day) if campaign_start.is_some_and(|start| day < start) => {
                problems.push(("due", format!("its date {day} is before the campaign starts.")));
                None
            }
            Ok(day) => Some(day),
            Err(_) => {
                problems.push(("due", format!("'{text}' is not a date like 2026-06-30.")));
                None
            }
        },
    };
    match (metric, value, due) {
        (Some(metric), Some(value), Some(due)) if problems.is_empty() => Ok(KpiTarget { metric, value, due }),
        _ => Err(problems),
    }
}
