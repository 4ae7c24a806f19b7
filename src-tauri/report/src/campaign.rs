//! The campaign summary as the PDF says it: objective and targets against
//! results, the KPI table with each formula worked out, a row per creator,
//! the dashboard's charts (the same SVGs the window shows), the disclosure
//! compliance of every published post, and notes on how figures were made.

use partnerly_core::metrics::compliance::PostCompliance;
use partnerly_core::metrics::dashboard::Dashboard;
use partnerly_core::metrics::kpi::Kpi;
use partnerly_core::numbers::grouped;
use serde_json::{json, Value};

fn figure(kpis: &[Kpi], key: &str) -> String {
    kpis.iter()
        .find(|k| k.key == key)
        .map(|k| k.shown.clone())
        .unwrap_or_else(|| "-".into())
}

fn kpi_row(k: &Kpi) -> Value {
    json!({
        "label": k.label,
        "shown": k.shown,
        "how": match (&k.worked, &k.missing) {
            (Some(worked), _) => format!("{} = {worked}", k.formula),
            (None, Some(why)) => format!("{}: {why}", k.formula),
            _ => k.formula.clone(),
        },
    })
}

pub fn campaign_view(view: &Dashboard, compliance: &[PostCompliance]) -> Value {
    let campaign = &view.campaign;
    let targets: Vec<Value> = view
        .targets
        .iter()
        .map(|t| {
            json!({
                "label": t.label,
                "due": t.due.to_string(),
                "target": t.target,
                "actual": t.actual,
                "share": t.achieved.map(|a| format!("{:.0} %", a * 100.0)).unwrap_or_else(|| "-".into()),
                "pace": t.pace.label(),
                "sentence": t.sentence,
            })
        })
        .collect();
    let creators: Vec<Value> = view
        .creators
        .iter()
        .map(|c| {
            json!({
                "name": c.creator,
                "status": c.status,
                "posts": c.posts,
                "reach": figure(&c.figures, "reach"),
                "views": figure(&c.figures, "views"),
                "engagements": figure(&c.figures, "engagements"),
                "conversions": figure(&c.figures, "conversions"),
                "cost": figure(&c.figures, "cost"),
                "er": c.engagement_rate.shown,
                "cpe": c.cpe.shown,
                "roi": c.roi.shown,
            })
        })
        .collect();
    let charts: Vec<Value> = view
        .charts
        .iter()
        .map(|c| json!({ "title": c.title, "svg": c.svg, "summary": c.summary }))
        .collect();
    let rights: Vec<Value> = view
        .rights
        .iter()
        .map(|r| {
            let uses = if r.brand_owns {
                "Owned by the brand".to_string()
            } else {
                let what = match (r.organic, r.paid) {
                    (true, true) => "Organic and paid",
                    (true, false) => "Organic only",
                    (false, true) => "Paid only",
                    (false, false) => "No reuse",
                };
                let territory = if r.territory.is_empty() {
                    "every market".to_string()
                } else {
                    r.territory.join(", ")
                };
                format!("{what} in {territory}")
            };
            json!({
                "post": format!("{} · {} · {}", r.creator, r.post, r.published_on),
                "uses": uses,
                "until": r.until.map_or_else(|| "no end date".to_string(), |d| d.to_string()),
                "state": if r.in_use { format!("{}, in use", r.state.label()) } else { r.state.label().to_string() },
                "code": r.ad_code.as_ref().map(|c| match c.expires {
                    Some(d) => format!("{}: {} (until {d})", c.kind, c.code),
                    None => format!("{}: {}", c.kind, c.code),
                }).unwrap_or_default(),
                "attention": r.attention.clone().unwrap_or_default(),
            })
        })
        .collect();
    let sales: Vec<Value> = view
        .sales
        .iter()
        .map(|s| {
            json!({
                "code": s.code,
                "creator": s.creator,
                "orders": grouped(u64::from(s.orders)),
                "revenue": if s.revenue.is_empty() { "-".to_string() } else {
                    s.revenue.iter().map(|m| m.to_text()).collect::<Vec<_>>().join(" + ")
                },
                "problem": s.problem.clone().unwrap_or_default(),
            })
        })
        .collect();
    let compliant = compliance.iter().filter(|c| c.compliant).count();
    let mut notes = view.notes.clone();
    if let Some(emv) = &view.emv {
        notes.push(format!(
            "Earned media value: {}{}. {}",
            emv.formula,
            emv.worked.as_ref().map(|w| format!(" ({w})")).unwrap_or_default(),
            emv.note
        ));
    }
    notes.push("Each figure is the sum over posts of the latest reading of each post; a reading holds the totals the platform showed on its day.".into());
    json!({
        "title": format!("{} — campaign summary", campaign.name),
        "name": campaign.name,
        "objective": campaign.objective.label(),
        "period": format!("{} to {}", campaign.start, campaign.end),
        "budget": campaign.budget.to_text(),
        "date": view.today.to_string(),
        "readings": grouped(u64::from(view.readings)),
        "posts": view.posts.len(),
        "figures": view.figures.iter().map(|f| json!({"label": f.label, "shown": f.shown})).collect::<Vec<_>>(),
        "targets": targets,
        "kpis": view.kpis.iter().map(kpi_row).collect::<Vec<_>>(),
        "creators": creators,
        "charts": charts,
        "compliance": compliance.iter().map(|c| json!({
            "post": c.post, "url": c.url, "verdict": c.verdict, "compliant": c.compliant,
            "details": c.details, "confirmed": c.confirmed,
        })).collect::<Vec<_>>(),
        "compliance_summary": format!("{compliant} of {} published posts passed the disclosure check", compliance.len()),
        "rights": rights,
        "sales": sales,
        "sales_rule": view.sales_rule,
        "notes": notes,
        "team_notes": view
            .summary_notes
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>(),
    })
}
