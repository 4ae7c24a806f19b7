//! The partnership agreement as the PDF says it. Every clause is worded
//! here from the terms, so the template only lays out; an agreement with
//! details still undefined prints as a draft that lists them.

use chrono::NaiveDate;
use partnerly_core::agreement::terms::{Compensation, Deliverable, Exclusivity, Ownership, Terms, UsageRights};
use partnerly_core::agreement::PartnershipView;
use partnerly_core::country;
use partnerly_core::numbers::{grouped, percent};
use partnerly_core::payments;
use serde_json::{json, Value};

/// "Germany", or the code itself for a market the country table lacks.
fn country_name(code: &str) -> String {
    country::resolve(code).map_or_else(|| code.to_string(), |c| c.name.clone())
}

fn names(codes: &[String]) -> String {
    codes.iter().map(|c| country_name(c)).collect::<Vec<_>>().join(", ")
}

fn plain_percent(fraction: f64) -> String {
    // "50 %" rather than "50.00 %" for the round shares schedules use.
    let value = fraction * 100.0;
    if (value - value.round()).abs() < 0.005 {
        format!("{} %", value.round())
    } else {
        percent(fraction)
    }
}

fn window(d: &Deliverable) -> String {
    match (d.window_from, d.due) {
        (Some(from), Some(due)) if from < due => format!("{from} to {due}"),
        (_, Some(due)) => format!("by {due}"),
        _ => "not set".to_string(),
    }
}

fn requirements(d: &Deliverable) -> Vec<String> {
    let mut out = Vec::new();
    let mut list = |label: &str, items: &[String]| {
        if !items.is_empty() {
            out.push(format!("{label}: {}", items.join(", ")));
        }
    };
    list("Mention", &d.mentions);
    list("Hashtags", &d.hashtags);
    list("Links", &d.links);
    list("Promo codes", &d.promo_codes);
    if let Some(days) = d.min_days_live {
        out.push(format!("Stays up at least {days} days"));
    }
    out
}

fn compensation(c: &Compensation) -> Value {
    let mut lines = Vec::new();
    if let Some(fee) = &c.flat_fee {
        lines.push(format!("Flat fee: {}", fee.to_text()));
    }
    if let Some(fee) = &c.per_deliverable_fee {
        lines.push(format!("Per deliverable: {}", fee.to_text()));
    }
    if let Some(value) = &c.product_value {
        lines.push(format!("Products provided, valued at {}", value.to_text()));
    }
    if let Some(rate) = c.commission {
        lines.push(format!("Commission: {} of attributed sales", plain_percent(rate)));
    }
    if !c.affiliate_terms.trim().is_empty() {
        lines.push(format!("Affiliate terms: {}", c.affiliate_terms.trim()));
    }
    if let Some(days) = c.payment_term_days {
        lines.push(payments::due::terms_sentence(days));
    }
    let schedule: Vec<Value> = c
        .schedule
        .iter()
        .map(|i| {
            json!({
                "label": if i.label.trim().is_empty() { "Payment" } else { i.label.trim() },
                "share": plain_percent(i.share),
                "amount": c.flat_fee.as_ref().map_or(String::new(), |fee| fee.portion(i.share).to_text()),
                "due": payments::due::as_agreed(i),
            })
        })
        .collect();
    json!({ "lines": lines, "schedule": schedule })
}

fn rights(r: &UsageRights) -> Vec<String> {
    let mut out = Vec::new();
    let uses: Vec<&str> = [
        (r.organic_reposting, "repost the content on its own channels"),
        (
            r.paid_amplification,
            "run the content as paid advertising (whitelisting, partnership ads)",
        ),
    ]
    .into_iter()
    .filter_map(|(granted, what)| granted.then_some(what))
    .collect();
    if uses.is_empty() {
        out.push("The brand may not reuse the content beyond the creator's own posts.".to_string());
    } else {
        let months = r.duration_months.map_or("an undefined period".to_string(), |m| {
            format!("{m} month{}", if m == 1 { "" } else { "s" })
        });
        out.push(format!(
            "The brand may {} for {months} from first publication.",
            uses.join(" and ")
        ));
        if !r.territory.is_empty() {
            out.push(format!("Territory: {}.", names(&r.territory)));
        }
        if !r.channels.is_empty() {
            out.push(format!("Channels: {}.", r.channels.join(", ")));
        }
    }
    out.push(match r.ownership {
        Ownership::CreatorLicenses => {
            "The creator keeps ownership of the content and licenses it to the brand as above.".to_string()
        }
        Ownership::BrandOwns => "The brand owns the content outright once it is paid for.".to_string(),
    });
    out
}

fn exclusivity(e: &Exclusivity) -> String {
    if !e.required {
        return "No exclusivity: the creator may work with other brands.".to_string();
    }
    let mut what = Vec::new();
    if !e.category.trim().is_empty() {
        what.push(format!("brands in {}", e.category.trim()));
    }
    if !e.competitors.is_empty() {
        what.push(e.competitors.join(", "));
    }
    format!(
        "The creator will not promote {} from {} days before the first post until {} days after the last.",
        what.join(", including "),
        e.days_before,
        e.days_after
    )
}

fn brief(terms: &Terms) -> Value {
    let b = &terms.brief;
    let review = b
        .review_days
        .map_or("an undefined number of".to_string(), |d| d.to_string());
    json!({
        "key_messages": b.key_messages,
        "guidelines": b.guidelines,
        "dos": b.dos,
        "donts": b.donts,
        "mandatory": b.mandatory,
        "creator_judgement": b.creator_judgement,
        "approval": [
            format!("The creator submits each piece as a draft; the brand answers within {review} business days."),
            format!(
                "{} round{} of changes {} included; further changes need the creator's agreement.",
                b.revision_rounds,
                if b.revision_rounds == 1 { "" } else { "s" },
                if b.revision_rounds == 1 { "is" } else { "are" }
            ),
            if b.no_answer_rule.trim().is_empty() {
                "What happens when the brand does not answer in time is not yet agreed.".to_string()
            } else {
                format!("If the brand does not answer in time: {}", b.no_answer_rule.trim())
            },
        ],
    })
}

fn termination(c: &Compensation) -> String {
    let kill = match &c.kill_fee {
        Some(fee) if fee.minor > 0 => format!(
            "If the brand cancels after work has started, it pays a kill fee of {} and any instalments already due.",
            fee.to_text()
        ),
        Some(_) => {
            "If the brand cancels after work has started, no kill fee is owed; instalments already due are still paid."
                .to_string()
        }
        None => "The kill fee is not yet agreed.".to_string(),
    };
    format!("Either party may end this agreement in writing if the other breaches it and does not remedy the breach within 10 days. {kill}")
}

/// The data the agreement template reads.
pub fn agreement_view(view: &PartnershipView, today: NaiveDate) -> Value {
    let terms = &view.partnership.terms;
    let parties = &terms.parties;
    let brand = view.brand.as_ref().map_or("the brand", |b| b.name.as_str());
    let creator = view.influencer.as_ref().map_or("the creator", |i| i.name.as_str());
    let accounts: Vec<String> = view.influencer.as_ref().map_or_else(Vec::new, |i| {
        i.accounts
            .iter()
            .map(|a| {
                format!(
                    "{} @{} ({} followers)",
                    a.platform.label(),
                    a.handle,
                    grouped(a.followers)
                )
            })
            .collect()
    });
    let campaign = view.campaign.as_ref().map(|c| {
        json!({
            "name": c.name,
            "objective": c.objective.label(),
            "period": format!("{} to {}", c.start, c.end),
            "markets": names(&c.markets),
        })
    });
    let deliverables: Vec<Value> = terms
        .deliverables
        .iter()
        .map(|d| {
            json!({
                "platform": d.platform.map_or("—", |p| p.label()),
                "format": d.format.map_or("—", |f| f.label()),
                "count": d.count.to_string(),
                "window": window(d),
                "requirements": requirements(d),
            })
        })
        .collect();
    let legal = |name: &str, fallback: &str| {
        if name.trim().is_empty() {
            fallback.to_string()
        } else {
            name.trim().to_string()
        }
    };
    json!({
        "title": format!("Partnership agreement: {creator} and {brand}"),
        "date": today.to_string(),
        "status": view.partnership.status.label(),
        "agreed_on": view.partnership.agreed_at.map(|t| t.date_naive().to_string()),
        "undefined": view.undefined.iter().map(|u| u.message.clone()).collect::<Vec<_>>(),
        "undefined_title": match view.undefined.len() {
            1 => "1 detail is still undefined".to_string(),
            n => format!("{n} details are still undefined"),
        },
        "brand": {
            "display": brand,
            "legal": legal(&parties.brand_legal_name, brand),
            "contact": parties.brand_contact.trim(),
        },
        "creator": {
            "display": creator,
            "legal": legal(&parties.creator_legal_name, creator),
            "contact": parties.creator_contact.trim(),
            "accounts": accounts,
        },
        "campaign": campaign,
        "deliverables": deliverables,
        "compensation": compensation(&terms.compensation),
        "rights": rights(&terms.rights),
        "exclusivity": exclusivity(&terms.exclusivity),
        "disclosure": view.disclosure,
        "brief": brief(terms),
        "termination": termination(&terms.compensation),
    })
}
