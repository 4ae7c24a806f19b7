//! Targets against the figures: how much of each is reached, and whether the
//! campaign is on pace for the time gone (totals), or where a rate stands.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::kpi::{major, show, Kpi, Totals, Unit};
use super::Measure;
use crate::campaign::{KpiMetric, KpiTarget, TargetValue};

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    Met,
    OnTrack,
    Behind,
    Missed,
    NoData,
    /// One creator's part of a campaign-wide total: no pace of its own.
    Share,
}

impl Pace {
    pub fn label(self) -> &'static str {
        match self {
            Pace::Met => "Met",
            Pace::OnTrack => "On track",
            Pace::Behind => "Behind",
            Pace::Missed => "Missed",
            Pace::NoData => "No data",
            Pace::Share => "Share",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TargetProgress {
    pub metric: KpiMetric,
    pub label: String,
    pub due: NaiveDate,
    pub target: String,
    pub actual: String,
    /// Actual as a share of the target (for cost per result, target / actual:
    /// lower cost is better).
    pub achieved: Option<f64>,
    /// Share of the time from campaign start to the target's date gone.
    pub time_gone: f64,
    pub pace: Pace,
    /// "62 % of the reach target with 40 % of the time left".
    pub sentence: String,
}

/// Whose figures a target is held against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// The whole campaign: totals get pace.
    Campaign,
    /// One creator: totals are their share; rates compare as they are.
    OneCreator,
}

/// Each target against the figures, with pace for the ones that add up.
pub fn targets(
    targets: &[KpiTarget],
    totals: &Totals,
    kpis: &[Kpi],
    (start, today): (NaiveDate, NaiveDate),
    against: Against,
    currency: &str,
) -> Vec<TargetProgress> {
    let kpi = |key: &str| kpis.iter().find(|k| k.key == key);
    targets
        .iter()
        .map(|target| {
            let span = (target.due - start).num_days().max(1) as f64;
            let time_gone = ((today - start).num_days() as f64 / span).clamp(0.0, 1.0);
            let wanted = match &target.value {
                TargetValue::Count(n) => *n as f64,
                TargetValue::Fraction(f) => *f,
                TargetValue::Money(m) => major(m.minor, currency),
            };
            let (actual, unit, cumulative, why) = match target.metric {
                KpiMetric::Reach => (
                    totals.get(Measure::Reach).map(|v| v as f64),
                    Unit::Count,
                    true,
                    "no reach recorded",
                ),
                KpiMetric::Impressions => (
                    totals.get(Measure::Views).map(|v| v as f64),
                    Unit::Count,
                    true,
                    "no views recorded",
                ),
                KpiMetric::Clicks => (
                    totals.get(Measure::Clicks).map(|v| v as f64),
                    Unit::Count,
                    true,
                    "no link clicks recorded",
                ),
                KpiMetric::Conversions => (
                    totals.get(Measure::Conversions).map(|v| v as f64),
                    Unit::Count,
                    true,
                    "no conversions recorded",
                ),
                KpiMetric::Revenue => (
                    totals.get(Measure::Revenue).map(|v| major(v, currency)),
                    Unit::Money,
                    true,
                    "no revenue recorded",
                ),
                KpiMetric::EngagementRate => {
                    let k = kpi("engagement_rate");
                    (k.and_then(|k| k.value), Unit::Fraction, false, "no engagement rate yet")
                }
                KpiMetric::Roi => (kpi("roi").and_then(|k| k.value), Unit::Fraction, false, "no ROI yet"),
                KpiMetric::CostPerResult => (
                    kpi("cpa").and_then(|k| k.value),
                    Unit::Money,
                    false,
                    "no cost per conversion yet",
                ),
            };
            let lower_is_better = target.metric == KpiMetric::CostPerResult;
            let achieved = actual.and_then(|a| {
                if lower_is_better {
                    (a > 0.0).then(|| wanted / a)
                } else {
                    (wanted > 0.0).then(|| a / wanted)
                }
            });
            let over = today > target.due;
            let pace = match achieved {
                None => Pace::NoData,
                Some(_) if cumulative && against == Against::OneCreator => Pace::Share,
                Some(share) if share >= 1.0 => Pace::Met,
                Some(_) if over => Pace::Missed,
                Some(share) if cumulative && share >= time_gone => Pace::OnTrack,
                Some(_) if cumulative => Pace::Behind,
                Some(_) => Pace::Behind,
            };
            let label = target.metric.label();
            let target_text = show(unit, wanted, currency);
            let actual_text = actual.map(|a| show(unit, a, currency)).unwrap_or_else(|| "-".into());
            let left = 1.0 - time_gone;
            let sentence = match (achieved, pace) {
                (None, _) => format!("{label}: {why}; the target is {target_text} by {}", target.due),
                (Some(share), Pace::Share) => format!(
                    "contributes {:.0} % of the campaign's {label} target ({actual_text} of {target_text})",
                    share * 100.0
                ),
                (Some(share), Pace::Met) => format!(
                    "{label} target met: {actual_text} against {target_text} ({:.0} %)",
                    share * 100.0
                ),
                (Some(share), Pace::Missed) => format!(
                    "{label} target missed: {actual_text} against {target_text} ({:.0} %) by {}",
                    share * 100.0,
                    target.due
                ),
                (Some(share), _) if cumulative => format!(
                    "{:.0} % of the {label} target with {:.0} % of the time left",
                    share * 100.0,
                    left * 100.0
                ),
                (Some(_), _) => format!(
                    "{label} is {actual_text} against a target of {target_text}{}, {} days left",
                    if lower_is_better { " or less" } else { "" },
                    (target.due - today).num_days().max(0)
                ),
            };
            let sentence = crate::numbers::capitalised(&sentence);
            TargetProgress {
                metric: target.metric,
                label: label.to_string(),
                due: target.due,
                target: target_text,
                actual: actual_text,
                achieved,
                time_gone,
                pace,
                sentence,
            }
        })
        .collect()
}
