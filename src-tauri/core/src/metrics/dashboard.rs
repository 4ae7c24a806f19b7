//! A campaign's figures in one view: totals, KPIs, targets with pace, each
//! creator and each post, earned media value when asked for, and the charts.
//! The window, the CLI and the PDF summary all read this one view.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::charts::charts;
use super::kpi::{self, major, Cost, Emv, Kpi, Totals, Unit};
use super::posts::{partnerships_of, posts_of, Post};
use super::readings::settings;
use super::targets::{self, Against, TargetProgress};
use super::{Measure, MetricsError, PostMetrics};
use crate::agreement::Partnership;
use crate::campaign::{self, Campaign};
use crate::chart::Chart;
use crate::store::Store;

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
    /// What the agreements commit and what is paid so far, per currency
    /// (`payments`): the cost figure is what is committed, not what left
    /// the bank.
    pub payments: Vec<crate::payments::CurrencyTotals>,
    /// Each published post's usage rights (`rights`), what needs a decision first.
    pub rights: Vec<crate::rights::PostRights>,
    /// Shop orders attributed by each partnership's discount codes (`sales`).
    pub sales: Vec<crate::sales::CodeSales>,
    /// How orders are attributed, as it is said beside them.
    pub sales_rule: String,
}

/// Conversions and revenue of `totals` from orders attributed by discount
/// code, in place of what readings say (one source, never both added).
fn use_attributed(
    totals: &mut Totals,
    got: &crate::sales::Attributed,
    creator: &str,
    currency: &str,
    notes: &mut Vec<String>,
) {
    if got.orders == 0 {
        return;
    }
    let typed = [Measure::Conversions, Measure::Revenue]
        .iter()
        .any(|m| totals.sums.contains_key(m));
    if typed {
        let orders = match got.orders {
            1 => "the order".to_string(),
            n => format!("the {n} orders"),
        };
        notes.push(format!(
            "{creator}: conversions and revenue are {orders} attributed by discount code; those entered on posts are not added."
        ));
    }
    if got.other_currency > 0 {
        notes.push(format!(
            "{creator}: {} attributed orders in another currency than {currency} count as conversions; their revenue is not converted, so it is left out.",
            got.other_currency
        ));
    }
    totals.sums.insert(Measure::Conversions, i64::from(got.orders));
    totals.sums.insert(Measure::Revenue, got.revenue_minor);
}

/// Says beside conversions and revenue that orders attributed by discount
/// code are in them.
fn mark_attributed(figures: &mut [Kpi], orders: u32) {
    if orders == 0 {
        return;
    }
    for figure in figures
        .iter_mut()
        .filter(|f| f.key == "conversions" || f.key == "revenue")
    {
        figure.formula = format!(
            "attributed by discount code ({} {})",
            crate::numbers::grouped(u64::from(orders)),
            if orders == 1 { "order" } else { "orders" }
        );
    }
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
    let agreed_fee = partnership.terms.agreed_fee().map(|m| (m.minor, m.currency));
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

pub(super) fn figure(key: &str, label: &str, unit: Unit, value: Option<f64>, currency: &str, why: &str) -> Kpi {
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
    let mut payment_lines = Vec::new();
    let mut post_rights = Vec::new();
    let everyone = crate::agreement::list(store)?;
    let codes: Vec<String> = partnerships
        .iter()
        .flat_map(|(p, _)| crate::sales::codes_of(p))
        .collect();
    let orders = crate::sales::orders_with(store, &codes)?;
    let owners = crate::sales::code_owners(&everyone);
    let name_of = |id: &Uuid| {
        everyone
            .iter()
            .find(|p| p.id == *id)
            .and_then(|p| p.influencer_id)
            .and_then(|i| crate::roster::get(store, &i.to_string()).ok())
            .map_or_else(|| "another partnership".to_string(), |i| i.name)
    };
    let mut sales = Vec::new();
    let mut attributed_orders = 0;
    for (partnership, influencer) in &partnerships {
        let creator = influencer.as_ref().map_or("", |i| i.name.as_str());
        payment_lines.extend(crate::payments::lines_of(partnership, &campaign.name, creator, today));
        post_rights.extend(crate::rights::rights_of(partnership, &campaign.name, creator, today));
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
        let (got, per_code) = crate::sales::attribute(partnership, creator, &orders, &owners, &currency, &name_of);
        use_attributed(&mut totals, &got, creator, &currency, &mut notes);
        attributed_orders += got.orders;
        sales.extend(per_code);
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
        let mut creator_figures = figures(&totals, &currency);
        mark_attributed(&mut creator_figures, got.orders);
        creators.push(CreatorRow {
            partnership_id: partnership.id,
            influencer_id: influencer.as_ref().map(|i| i.id),
            creator: influencer
                .as_ref()
                .map(|i| i.name.clone())
                .unwrap_or_else(|| "No creator chosen".into()),
            status: partnership.status.label().into(),
            posts: totals.posts,
            figures: creator_figures,
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
    let targets = targets::targets(
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
    let mut campaign_figures = figures(&campaign_totals, &currency);
    mark_attributed(&mut campaign_figures, attributed_orders);
    Ok(Dashboard {
        figures: campaign_figures,
        sales,
        sales_rule: crate::sales::RULE.to_string(),
        kpis,
        targets,
        creators,
        posts: post_rows,
        emv,
        charts,
        notes,
        summary_notes: settings.notes,
        payments: crate::payments::totals(&payment_lines),
        rights: crate::rights::in_order(post_rights),
        readings,
        title,
        scope,
        currency,
        today,
        campaign,
    })
}

/// Figures of every measure for the CLI's `kpis --json`: the dashboard
/// without charts.
pub fn without_charts(mut dashboard: Dashboard) -> Dashboard {
    dashboard.charts.clear();
    dashboard
}
