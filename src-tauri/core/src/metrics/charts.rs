//! The dashboard's charts from its figures: reach and views over time,
//! comparisons by creator (or by post for one creator), targets, the funnel
//! and the cost breakdown. Drawing is `crate::chart`; this module decides
//! what is drawn and the sentence that says it.

use chrono::{Days, NaiveDate};

use super::dashboard::{figure, CreatorRow, PostRow};
use super::kpi::{major, money_text, Kpi, Totals, Unit};
use super::targets::TargetProgress;
use super::{Measure, MetricsError, PostMetrics};
use crate::chart::{self, Bar, Chart, Scale, Series};
use crate::numbers::{capitalised, grouped};

/// Creators and posts shown in a comparison chart; the tables list all.
pub const COMPARED: usize = 12;

/// Daily sums of `measure` over all posts, from `first` to `last`: each
/// post counts with its latest reading on or before the day.
fn daily(metrics: &[&PostMetrics], measure: Measure, first: NaiveDate, last: NaiveDate) -> Vec<(NaiveDate, f64)> {
    let days = (last - first).num_days().max(0) as usize + 1;
    let mut delta = vec![0_i64; days];
    let mut any = false;
    for post in metrics {
        let mut previous = 0;
        for reading in &post.readings {
            if let Some(value) = reading.values.get(measure) {
                let at = (reading.on - first).num_days().clamp(0, days as i64 - 1) as usize;
                delta[at] += value - previous;
                previous = value;
                any = true;
            }
        }
    }
    if !any {
        return Vec::new();
    }
    let mut running = 0;
    delta
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            running += d;
            (first + Days::new(i as u64), running as f64)
        })
        .collect()
}

/// "1.2M", "340k", "950": axis labels that fit.
pub fn compact(value: f64) -> String {
    let a = value.abs();
    if a >= 1e6 {
        format!("{:.1}M", value / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", value / 1e3)
    } else if a >= 1e3 {
        format!("{:.1}k", value / 1e3)
    } else {
        format!("{value:.0}")
    }
}

/// Bars comparing one KPI across creators (or one creator's posts), the
/// ones with the most views first.
fn comparison(
    id: &str,
    title: &str,
    axis: &str,
    rows: &[(String, Kpi, f64)],
    currency: &str,
) -> Result<Chart, MetricsError> {
    let mut ranked: Vec<&(String, Kpi, f64)> = rows.iter().filter(|(_, k, _)| k.value.is_some()).collect();
    ranked.sort_by(|a, b| b.2.total_cmp(&a.2));
    let mut chosen: Vec<&&(String, Kpi, f64)> = ranked.iter().take(COMPARED).collect();
    // The most-viewed are chosen; they are drawn largest first.
    chosen.sort_by(|a, b| b.1.value.unwrap_or(0.0).total_cmp(&a.1.value.unwrap_or(0.0)));
    let shown: Vec<Bar> = chosen
        .iter()
        .map(|(name, k, _)| Bar {
            label: name.clone(),
            value: k.value.unwrap_or(0.0) * if k.unit == Unit::Fraction { 100.0 } else { 1.0 },
            shown: k.shown.clone(),
        })
        .collect();
    let unit = rows.first().map(|r| r.1.unit).unwrap_or(Unit::Count);
    let without = rows.len() - ranked.len();
    let mut summary = match shown.iter().max_by(|a, b| a.value.total_cmp(&b.value)) {
        Some(best) => format!(
            "{} of {} compared; highest: {} at {}.",
            shown.len(),
            rows.len(),
            best.label,
            best.shown
        ),
        None => "No figures to compare yet.".to_string(),
    };
    if ranked.len() > COMPARED {
        summary.push_str(&format!(" Showing the {COMPARED} with the most views."));
    }
    if without > 0 {
        summary.push_str(&format!(" {without} without this figure yet."));
    }
    let code = currency.to_string();
    let format = move |v: f64| match unit {
        Unit::Fraction => format!("{v:.1} %"),
        Unit::Money => money_text(v, &code).replace(".00", ""),
        _ => compact(v),
    };
    Ok(chart::bars(
        id,
        title,
        axis,
        &shown,
        &format,
        Scale::Linear,
        None,
        summary,
    )?)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn charts(
    totals: &Totals,
    targets: &[TargetProgress],
    creators: &[CreatorRow],
    posts: &[PostRow],
    metrics: &[&PostMetrics],
    scope_name: Option<&str>,
    today: NaiveDate,
    currency: &str,
) -> Result<Vec<Chart>, MetricsError> {
    let mut out = Vec::new();
    let first = posts
        .iter()
        .map(|p| p.post.published_on)
        .min()
        .unwrap_or(today)
        .min(today);
    let mut series = Vec::new();
    for measure in [Measure::Reach, Measure::Views] {
        let points = daily(metrics, measure, first, today);
        if !points.is_empty() {
            series.push(Series {
                name: capitalised(measure.label()),
                points,
            });
        }
    }
    let whose = scope_name.map(|n| format!(" — {n}")).unwrap_or_default();
    let latest = |s: &Series| s.points.last().map(|p| grouped(p.1 as u64)).unwrap_or_default();
    let summary = if series.is_empty() {
        "No reach or views recorded yet.".to_string()
    } else {
        series
            .iter()
            .map(|s| format!("{} {} by {}", s.name, latest(s), today.format("%-d %b %Y")))
            .collect::<Vec<_>>()
            .join("; ")
            + "."
    };
    out.push(chart::over_time(
        "over_time",
        &format!("Reach and views over time{whose}"),
        "People / views (sum over posts)",
        &series,
        &compact,
        summary,
    )?);

    let by_post = scope_name.is_some();
    let rows: Vec<(String, Kpi, Kpi, Kpi, f64)> = if by_post {
        posts
            .iter()
            .map(|p| {
                let views = p
                    .figures
                    .iter()
                    .find(|f| f.key == "views")
                    .and_then(|f| f.value)
                    .unwrap_or(0.0);
                let name = format!("{} {}", p.post.deliverable_name, p.post.published_on.format("%-d %b"));
                let roi = figure("roi", "ROI", Unit::Fraction, None, currency, "not per post");
                (name, p.engagement_rate.clone(), p.cpe.clone(), roi, views)
            })
            .collect()
    } else {
        creators
            .iter()
            .map(|c| {
                let views = c
                    .figures
                    .iter()
                    .find(|f| f.key == "views")
                    .and_then(|f| f.value)
                    .unwrap_or(0.0);
                (
                    c.creator.clone(),
                    c.engagement_rate.clone(),
                    c.cpe.clone(),
                    c.roi.clone(),
                    views,
                )
            })
            .collect()
    };
    let of = if by_post { "post" } else { "creator" };
    let pick_rows = |i: usize| -> Vec<(String, Kpi, f64)> {
        rows.iter()
            .map(|r| (r.0.clone(), [&r.1, &r.2, &r.3][i].clone(), r.4))
            .collect()
    };
    out.push(comparison(
        "compare_engagement_rate",
        &format!("Engagement rate by {of}"),
        "Engagement rate (%)",
        &pick_rows(0),
        currency,
    )?);
    out.push(comparison(
        "compare_cpe",
        &format!("Cost per engagement by {of}"),
        &format!("CPE ({currency})"),
        &pick_rows(1),
        currency,
    )?);
    if !by_post {
        out.push(comparison(
            "compare_roi",
            "ROI by creator",
            "ROI (%)",
            &pick_rows(2),
            currency,
        )?);
    }

    if !targets.is_empty() {
        let bars: Vec<Bar> = targets
            .iter()
            .map(|t| Bar {
                label: format!("{} by {}", capitalised(&t.label), t.due.format("%-d %b")),
                value: t.achieved.unwrap_or(0.0) * 100.0,
                shown: match t.achieved {
                    Some(a) => format!("{:.0} % · {} of {}", a * 100.0, t.actual, t.target),
                    None => "no data".into(),
                },
            })
            .collect();
        let summary = targets
            .iter()
            .map(|t| t.sentence.clone())
            .collect::<Vec<_>>()
            .join("; ")
            + ".";
        let gone = targets.first().map(|t| t.time_gone * 100.0).unwrap_or(0.0);
        let title = match scope_name {
            Some(name) => format!("{name}'s share of the campaign's targets"),
            None => "Targets: actual as a share of target".to_string(),
        };
        out.push(chart::bars(
            "targets",
            &title,
            &format!("% of target (line: 100 %; {gone:.0} % of the time gone)"),
            &bars,
            &|v| format!("{v:.0} %"),
            Scale::Linear,
            Some(100.0),
            summary,
        )?);
    }

    let steps: Vec<(&str, Option<i64>)> = vec![
        ("Views", totals.get(Measure::Views)),
        ("Link clicks", totals.get(Measure::Clicks)),
        ("Conversions", totals.get(Measure::Conversions)),
    ];
    let mut funnel = Vec::new();
    let mut previous: Option<(i64, &str)> = None;
    for (name, value) in steps {
        let Some(value) = value else { continue };
        let shown = match previous {
            Some((p, p_name)) if p > 0 => format!(
                "{} ({:.2} % of {})",
                grouped(value.max(0) as u64),
                value as f64 / p as f64 * 100.0,
                p_name.to_lowercase()
            ),
            _ => grouped(value.max(0) as u64),
        };
        funnel.push(Bar {
            label: name.into(),
            value: value as f64,
            shown,
        });
        previous = Some((value, name));
    }
    let summary = if funnel.is_empty() {
        "No views, clicks or conversions recorded yet.".to_string()
    } else {
        funnel
            .iter()
            .map(|b| format!("{}: {}", b.label, b.shown))
            .collect::<Vec<_>>()
            .join("; ")
            + "."
    };
    out.push(chart::bars(
        "funnel",
        "Funnel: views to clicks to conversions",
        "Count",
        &funnel,
        &compact,
        Scale::Log,
        None,
        summary,
    )?);

    let cost = &totals.cost;
    let parts: Vec<Bar> = [
        ("Fees", cost.fee),
        ("Product", cost.product),
        ("Ad spend", cost.ad_spend),
    ]
    .into_iter()
    .map(|(name, minor)| Bar {
        label: name.into(),
        value: major(minor, currency),
        shown: money_text(major(minor, currency), currency),
    })
    .collect();
    let total = cost.total();
    let summary = if total == 0 {
        "No costs known yet.".to_string()
    } else {
        format!(
            "{} in all: {}.",
            money_text(major(total, currency), currency),
            parts
                .iter()
                .map(|b| format!("{} {}", b.label.to_lowercase(), b.shown))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let code = currency.to_string();
    out.push(chart::bars(
        "cost_breakdown",
        "Cost breakdown",
        &format!("Amount ({currency})"),
        if total == 0 { &[] } else { &parts },
        &move |v| money_text(v, &code).replace(".00", ""),
        Scale::Linear,
        None,
        summary,
    )?);
    Ok(out)
}
