//! A campaign's figures in one view: totals, KPIs, targets with pace, each
//! creator and each post, earned media value when asked for, and the charts.
//! The window, the CLI and the PDF summary all read this one view.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::kpi::{self, major, money_text, Against, Cost, Emv, Kpi, TargetProgress, Totals, Unit};
use super::posts::{partnerships_of, posts_of, Post};
use super::readings::settings;
use super::{Measure, MetricsError, PostMetrics};
use crate::agreement::Partnership;
use crate::campaign::{self, Campaign};
use crate::chart::{self, Bar, Chart, Scale, Series};
use crate::numbers::{capitalised, grouped};
use crate::store::Store;

/// Creators and posts shown in a comparison chart; the tables list all.
pub const COMPARED: usize = 12;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreatorRow {
    pub partnership_id: Uuid,
    pub influencer_id: Option<Uuid>,
    pub creator: String,
    pub status: String,
    pub posts: u32,
    /// Totals as figures: reach, views, engagements, link clicks,
    /// conversions, revenue, cost.
    pub figures: Vec<Kpi>,
    pub engagement_rate: Kpi,
    pub cpe: Kpi,
    pub roi: Kpi,
    /// Every KPI of this creator's posts and costs.
    pub kpis: Vec<Kpi>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PostRow {
    pub post: Post,
    pub last_read: Option<NaiveDate>,
    pub readings: u32,
    pub figures: Vec<Kpi>,
    pub engagement_rate: Kpi,
    pub cpe: Kpi,
    /// Every KPI of this post, with its share of the agreed fee as cost.
    pub kpis: Vec<Kpi>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub campaign: Campaign,
    pub today: NaiveDate,
    /// The partnership the view is narrowed to, if any.
    pub scope: Option<Uuid>,
    /// "Spring oat barista launch" or "Mara Costa in Spring oat barista launch".
    pub title: String,
    pub currency: String,
    pub readings: u32,
    pub figures: Vec<Kpi>,
    pub kpis: Vec<Kpi>,
    pub targets: Vec<TargetProgress>,
    pub creators: Vec<CreatorRow>,
    pub posts: Vec<PostRow>,
    pub emv: Option<Emv>,
    pub charts: Vec<Chart>,
    /// Caveats a reader must know (costs left out, where costs come from).
    pub notes: Vec<String>,
    /// What the team wrote for the summary.
    pub summary_notes: String,
}

/// The fee and product value of an agreement, unless readings state them.
/// Only agreed partnerships (and later) commit the brand to their fee: a
/// negotiation's or a cancelled one's counts only if a reading states it.
fn agreement_cost(partnership: &Partnership, currency: &str, entered: &Cost, has_fee: bool, has_product: bool) -> Cost {
    let mut cost = entered.clone();
    if !partnership.status.needs_agreement() {
        return cost;
    }
    let pay = &partnership.terms.compensation;
    let units: u32 = partnership.terms.deliverables.iter().map(|d| d.count).sum();
    let mut agreed_fee = pay.flat_fee.as_ref().map(|m| (m.minor, m.currency.clone()));
    if let Some(per) = &pay.per_deliverable_fee {
        let more = per.minor * i64::from(units.max(1));
        agreed_fee = Some(match agreed_fee {
            Some((minor, code)) if code == per.currency => (minor + more, code),
            Some(other) => other,
            None => (more, per.currency.clone()),
        });
    }
    let agreed_product = pay.product_value.as_ref().map(|m| (m.minor, m.currency.clone()));
    for (has, agreed, slot, what) in [
        (has_fee, agreed_fee, &mut cost.fee, "fee"),
        (has_product, agreed_product, &mut cost.product, "product value"),
    ] {
        match agreed {
            Some((minor, code)) if !has && code == currency => {
                *slot += minor;
                cost.from_agreement = true;
            }
            Some((_, code)) if !has => cost.left_out.push(format!(
                "The agreed {what} is in {code} and the campaign counts in {currency}; it is not converted, so it is left out."
            )),
            _ => {}
        }
    }
    cost
}

fn figure(key: &str, label: &str, unit: Unit, value: Option<f64>, currency: &str, why: &str) -> Kpi {
    Kpi {
        key: key.into(),
        label: label.into(),
        unit,
        shown: value
            .map(|v| kpi::show(unit, v, currency))
            .unwrap_or_else(|| "-".into()),
        value,
        formula: String::new(),
        worked: None,
        missing: value.is_none().then(|| why.to_string()),
    }
}

/// Totals as figures: reach, views, engagements, clicks, conversions, revenue, cost.
fn figures(totals: &Totals, currency: &str) -> Vec<Kpi> {
    let count = |m: Measure| totals.get(m).map(|v| v as f64);
    let cost = totals.cost.total();
    vec![
        figure(
            "reach",
            "Reach",
            Unit::Count,
            count(Measure::Reach),
            currency,
            "no reach recorded",
        ),
        figure(
            "views",
            "Views",
            Unit::Count,
            count(Measure::Views),
            currency,
            "no views recorded",
        ),
        figure(
            "engagements",
            "Engagements",
            Unit::Count,
            totals.engagements().map(|(n, _)| n as f64),
            currency,
            "no likes, comments, shares or saves recorded",
        ),
        figure(
            "clicks",
            "Link clicks",
            Unit::Count,
            count(Measure::Clicks),
            currency,
            "no link clicks recorded",
        ),
        figure(
            "conversions",
            "Conversions",
            Unit::Count,
            count(Measure::Conversions),
            currency,
            "no conversions recorded",
        ),
        figure(
            "revenue",
            "Revenue",
            Unit::Money,
            totals.get(Measure::Revenue).map(|v| major(v, currency)),
            currency,
            "no revenue recorded",
        ),
        figure(
            "cost",
            "Cost",
            Unit::Money,
            (cost > 0 || totals.cost.from_agreement).then(|| major(cost, currency)),
            currency,
            "no fee, product or ad spend known",
        ),
    ]
}

fn pick(kpis: &[Kpi], key: &str) -> Kpi {
    kpis.iter()
        .find(|k| k.key == key)
        .cloned()
        .unwrap_or_else(|| figure(key, key, Unit::Count, None, "", "not computed"))
}

/// A post's cost from its own readings, in minor units.
fn entered_cost(latest: &super::Values) -> Cost {
    Cost {
        fee: latest.get(Measure::Fee).unwrap_or(0),
        product: latest.get(Measure::Product).unwrap_or(0),
        ad_spend: latest.get(Measure::AdSpend).unwrap_or(0),
        ..Cost::default()
    }
}

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

/// Builds the dashboard of a campaign, or of one of its partnerships.
pub fn dashboard(
    store: &Store,
    campaign_id: &str,
    scope: Option<&str>,
    today: NaiveDate,
) -> Result<Dashboard, MetricsError> {
    let campaign = campaign::get(store, campaign_id)?;
    let currency = campaign.budget.currency.clone();
    let scope = scope
        .filter(|s| !s.trim().is_empty())
        .map(|s| Uuid::parse_str(s.trim()));
    let scope = match scope {
        Some(Ok(id)) => Some(id),
        Some(Err(_)) => {
            return Err(MetricsError::NoSuchPost(
                "that partnership is not part of this campaign".into(),
            ))
        }
        None => None,
    };
    let mut partnerships = partnerships_of(store, &campaign.id)?;
    if let Some(id) = scope {
        partnerships.retain(|(p, _)| p.id == id);
        if partnerships.is_empty() {
            return Err(MetricsError::NoSuchPost(
                "that partnership is not part of this campaign".into(),
            ));
        }
    }
    let mut campaign_totals = Totals::default();
    let mut creators = Vec::new();
    let mut post_rows = Vec::new();
    let mut all_metrics: Vec<PostMetrics> = Vec::new();
    let mut readings = 0;
    let mut notes = Vec::new();
    for (partnership, influencer) in &partnerships {
        let stored: Vec<PostMetrics> = store.with_prefix(&super::partnership_prefix(&partnership.id))?;
        let posts = posts_of(partnership, influencer.as_ref());
        let units: u32 = partnership
            .terms
            .deliverables
            .iter()
            .map(|d| d.count)
            .sum::<u32>()
            .max(1);
        let mut totals = Totals::default();
        let mut entered = Cost::default();
        let (mut has_fee, mut has_product) = (false, false);
        let mut per_post = Vec::new();
        for post in posts {
            let metrics = stored
                .iter()
                .find(|m| m.deliverable == post.deliverable && m.url == post.url);
            let latest = metrics.map(|m| m.latest(today)).unwrap_or_default();
            has_fee |= latest.get(Measure::Fee).is_some();
            has_product |= latest.get(Measure::Product).is_some();
            entered.add(&entered_cost(&latest));
            totals.add_post(&latest, post.followers);
            readings += metrics.map(|m| m.readings.len() as u32).unwrap_or(0);
            per_post.push((post, metrics.cloned(), latest));
        }
        totals.cost = agreement_cost(partnership, &currency, &entered, has_fee, has_product);
        let share_of_agreement = {
            let agreed_only = Cost {
                fee: totals.cost.fee - entered.fee,
                product: totals.cost.product - entered.product,
                ..Cost::default()
            };
            agreed_only.total() / i64::from(units)
        };
        for (post, metrics, latest) in per_post {
            let mut one = Totals::default();
            one.add_post(&latest, post.followers);
            one.cost = entered_cost(&latest);
            if share_of_agreement > 0 {
                one.cost.fee += share_of_agreement;
                one.cost.from_agreement = true;
            }
            let kpis = kpi::kpis(&one, &currency);
            post_rows.push(PostRow {
                last_read: metrics.as_ref().and_then(|m| m.readings.last().map(|r| r.on)),
                readings: metrics.as_ref().map(|m| m.readings.len() as u32).unwrap_or(0),
                figures: figures(&one, &currency),
                engagement_rate: pick(&kpis, "engagement_rate"),
                cpe: pick(&kpis, "cpe"),
                kpis,
                post,
            });
            if let Some(m) = metrics {
                all_metrics.push(m);
            }
        }
        notes.extend(totals.cost.left_out.iter().map(|n| {
            format!(
                "{}: {n}",
                influencer.as_ref().map(|i| i.name.as_str()).unwrap_or("A partnership")
            )
        }));
        let kpis = kpi::kpis(&totals, &currency);
        creators.push(CreatorRow {
            partnership_id: partnership.id,
            influencer_id: influencer.as_ref().map(|i| i.id),
            creator: influencer
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_else(|| "No creator chosen".into()),
            status: partnership.status.label().into(),
            posts: totals.posts,
            figures: figures(&totals, &currency),
            engagement_rate: pick(&kpis, "engagement_rate"),
            cpe: pick(&kpis, "cpe"),
            roi: pick(&kpis, "roi"),
            kpis,
        });
        campaign_totals.add(&totals);
    }
    // Most viewed first; creators with nothing published yet last.
    let views_of = |c: &CreatorRow| c.figures.iter().find(|f| f.key == "views").and_then(|f| f.value);
    creators.sort_by(|a, b| {
        views_of(b)
            .unwrap_or(-1.0)
            .total_cmp(&views_of(a).unwrap_or(-1.0))
            .then_with(|| a.creator.cmp(&b.creator))
    });
    if campaign_totals.cost.from_agreement {
        notes.push("Fees and product values come from the agreements unless a reading states them; a post's share of an agreed fee is the fee divided by the content units agreed.".into());
    }
    let kpis = kpi::kpis(&campaign_totals, &currency);
    let against = if scope.is_some() {
        Against::OneCreator
    } else {
        Against::Campaign
    };
    let targets = kpi::targets(
        &campaign.targets,
        &campaign_totals,
        &kpis,
        (campaign.start, today),
        against,
        &currency,
    );
    let settings = settings(store, &campaign)?;
    let emv = settings.emv_cpm.as_ref().map(|cpm| kpi::emv(&campaign_totals, cpm));
    let scope_name = scope.and_then(|_| creators.first().map(|c| c.creator.clone()));
    let title = match &scope_name {
        Some(name) => format!("{name} in {}", campaign.name),
        None => campaign.name.clone(),
    };
    let metrics_refs: Vec<&PostMetrics> = all_metrics.iter().collect();
    let charts = charts(
        &campaign_totals,
        &targets,
        &creators,
        &post_rows,
        &metrics_refs,
        scope_name.as_deref(),
        today,
        &currency,
    )?;
    Ok(Dashboard {
        figures: figures(&campaign_totals, &currency),
        kpis,
        targets,
        creators,
        posts: post_rows,
        emv,
        charts,
        notes,
        summary_notes: settings.notes,
        readings,
        title,
        scope,
        currency,
        today,
        campaign,
    })
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
fn charts(
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

/// Figures of every measure for the CLI's `kpis --json`: the dashboard
/// without charts.
pub fn without_charts(mut dashboard: Dashboard) -> Dashboard {
    dashboard.charts.clear();
    dashboard
}
