//! The scorecard as the PDF says it: every figure worded, every state a
//! sentence, so the template only lays out.

use partnerly_core::numbers::{grouped, percent};
use partnerly_core::vetting::dossier::CheckState;
use partnerly_core::vetting::engagement::BandPosition;
use partnerly_core::vetting::score::{Score, ScoreStatus};
use partnerly_core::vetting::scorecard::Scorecard;
use serde_json::{json, Value};

fn score(title: &str, score: &Score) -> Value {
    let value = match (score.status, score.value) {
        (ScoreStatus::NotApplicable, _) => "Not scored".to_string(),
        (_, None) => "Unknown".to_string(),
        (_, Some(v)) => format!("{v}"),
    };
    let status = match score.status {
        ScoreStatus::Complete => "",
        ScoreStatus::Incomplete => "Incomplete: computed from the parts that are known.",
        ScoreStatus::Unknown => "Nothing this score needs is known yet.",
        ScoreStatus::NotApplicable => "The brand asks nothing this score measures.",
    };
    json!({
        "title": title,
        "value": value,
        "out_of": score.value.is_some(),
        "status": status,
        "parts": score.components.iter().map(|c| json!({
            "name": c.name,
            "value": c.value.map_or("—".to_string(), |v| format!("{v}")),
            "inputs": c.inputs,
        })).collect::<Vec<_>>(),
        "penalties": score.penalties.iter().map(|p| format!("−{} · {}", p.points, p.reason)).collect::<Vec<_>>(),
        "missing": score.missing,
    })
}

/// The data the scorecard template reads.
pub fn scorecard_view(card: &Scorecard) -> Value {
    let influencer = &card.influencer;
    let accounts: Vec<String> = card
        .engagement
        .iter()
        .map(|e| {
            format!(
                "{} @{} · {} followers",
                e.platform.label(),
                e.handle,
                grouped(e.followers)
            )
        })
        .collect();
    let engagement: Vec<Value> = card
        .engagement
        .iter()
        .map(|e| {
            json!({
                "account": format!("{} @{}", e.platform.label(), e.handle),
                "size": format!("{} · {}", grouped(e.followers), e.tier.label()),
                "rates": e.rates.iter().map(|r| format!("{} by {}: {}", percent(r.rate), r.method.noun(), r.inputs)).collect::<Vec<_>>(),
                "band": e.band.as_ref().map(|b| format!(
                    "{} {} {} for {} accounts this size ({}); usual band {} to {}: {}",
                    b.benchmark.year,
                    b.benchmark.statistic.noun(),
                    percent(b.benchmark.rate),
                    b.benchmark.platform.label(),
                    b.benchmark.sample,
                    percent(b.low),
                    percent(b.high),
                    b.position.words()
                )),
                "far": e.band.as_ref().is_some_and(|b| b.position != BandPosition::Within),
                "source": e.band.as_ref().map(|b| b.benchmark.source.clone()),
                "missing": e.missing,
            })
        })
        .collect();
    let checklist: Vec<Value> = card
        .checklist
        .iter()
        .map(|entry| {
            let (mark, state) = match &entry.state {
                CheckState::Open => ("open", "Open".to_string()),
                CheckState::Done { note, evidence, by, at } => (
                    "done",
                    format!(
                        "Done by {by}, {}{}{}",
                        at.date_naive(),
                        if note.is_empty() {
                            String::new()
                        } else {
                            format!(": {note}")
                        },
                        evidence
                            .as_deref()
                            .map(|e| format!(" (evidence: {e})"))
                            .unwrap_or_default()
                    ),
                ),
                CheckState::Waived { reason, by, at } => {
                    ("waived", format!("Waived by {by}, {}: {reason}", at.date_naive()))
                }
            };
            json!({ "item": entry.item.label(), "mark": mark, "state": state })
        })
        .collect();
    json!({
        "title": format!("Vetting scorecard: {} for {}", influencer.name, card.brand.name),
        "name": influencer.name,
        "brand": card.brand.name,
        "date": card.computed_on.to_string(),
        "accounts": accounts,
        "niches": influencer.niches.join(", "),
        "verdict": card.verdict.kind.label(),
        "verdict_kind": format!("{:?}", card.verdict.kind),
        "reasons": card.verdict.reasons,
        "scores": [score("Audience fit", &card.audience_fit), score("Alignment", &card.alignment)],
        "engagement": engagement,
        "flags": card.red_flags.flags.iter().map(|f| json!({"title": f.title, "evidence": f.evidence})).collect::<Vec<_>>(),
        "not_checked": card.red_flags.not_checked,
        "checklist": checklist,
        "partnerships": card.past_partnerships.iter().map(|p| json!({
            "date": p.date.to_string(),
            "brand": p.brand,
            "platform": p.platform.map(|p| p.label()).unwrap_or(""),
            "outcome": p.outcome,
        })).collect::<Vec<_>>(),
    })
}
