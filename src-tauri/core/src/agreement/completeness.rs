//! What is still undefined in a partnership: every detail an agreement
//! needs, as a sentence, with the wizard step where it is set. An agreement
//! with anything on this list cannot be marked agreed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::terms::{Compensation, Deliverable, Terms};
use crate::campaign::Campaign;

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Campaign,
    Creator,
    Deliverables,
    Compensation,
    Rights,
    Disclosure,
    Brief,
    Review,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Undefined {
    pub step: Step,
    pub message: String,
}

/// Where the creator's research stands, from their dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Research {
    pub open_items: usize,
}

/// Shares of a schedule may be rounded (33.3 % three times).
const SCHEDULE_TOLERANCE: f64 = 0.005;

fn deliverable_name(index: usize, d: &Deliverable) -> String {
    let what = [
        d.platform.map(|p| p.label().to_string()),
        d.format.map(|f| f.label().to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    if what.is_empty() {
        format!("Deliverable {}", index + 1)
    } else {
        format!("Deliverable {} ({what})", index + 1)
    }
}

fn compensation(c: &Compensation, out: &mut Vec<Undefined>) {
    let mut say = |message: String| {
        out.push(Undefined {
            step: Step::Compensation,
            message,
        })
    };
    if c.currency.trim().is_empty() {
        say("No currency for the fees.".into());
    }
    let paid = c.flat_fee.is_some() || c.per_deliverable_fee.is_some() || c.commission.is_some();
    if !paid && c.product_value.is_none() {
        say("No fee: set a flat fee, per-deliverable fees, a product value or a commission.".into());
    }
    if paid {
        if c.schedule.is_empty() {
            say("No payment schedule (for example 50 % on signing, 50 % on delivery).".into());
        } else {
            let total: f64 = c.schedule.iter().map(|i| i.share).sum();
            if (total - 1.0).abs() > SCHEDULE_TOLERANCE {
                say(format!(
                    "The payment schedule adds up to {:.0} %, not 100 %.",
                    total * 100.0
                ));
            }
            for (i, instalment) in c.schedule.iter().enumerate() {
                if instalment.due.is_none() && instalment.label.trim().is_empty() {
                    say(format!("Payment {} has no due date or event.", i + 1));
                }
            }
        }
    }
    if c.kill_fee.is_none() {
        say("No kill fee (enter 0 if there is none).".into());
    }
}

/// Every undefined detail, in the wizard's order.
pub fn undefined(
    terms: &Terms,
    campaign: Option<&Campaign>,
    has_creator: bool,
    research: Option<Research>,
) -> Vec<Undefined> {
    let mut out = Vec::new();
    let mut at = |step: Step, message: String| out.push(Undefined { step, message });
    let parties = &terms.parties;
    if campaign.is_none() {
        at(Step::Campaign, "No campaign chosen.".into());
    }
    if parties.brand_legal_name.trim().is_empty() {
        at(
            Step::Campaign,
            "No legal name for the brand's side of the agreement.".into(),
        );
    }
    if parties.brand_contact.trim().is_empty() {
        at(
            Step::Campaign,
            "No contact for the brand's side of the agreement.".into(),
        );
    }
    if !has_creator {
        at(Step::Creator, "No creator chosen.".into());
    } else if let Some(Research { open_items }) = research.filter(|r| r.open_items > 0) {
        at(
            Step::Creator,
            format!("The creator's research checklist has {open_items} item(s) neither done nor waived with a reason."),
        );
    }
    if parties.creator_legal_name.trim().is_empty() {
        at(
            Step::Creator,
            "No legal name for the creator's side of the agreement.".into(),
        );
    }
    if parties.creator_contact.trim().is_empty() {
        at(
            Step::Creator,
            "No contact for the creator's side of the agreement.".into(),
        );
    }

    if terms.deliverables.is_empty() {
        at(Step::Deliverables, "No deliverables.".into());
    }
    for (i, d) in terms.deliverables.iter().enumerate() {
        let name = deliverable_name(i, d);
        if d.platform.is_none() {
            at(Step::Deliverables, format!("{name}: no platform."));
        }
        if d.format.is_none() {
            at(Step::Deliverables, format!("{name}: no format."));
        }
        if d.count == 0 {
            at(Step::Deliverables, format!("{name}: no number of pieces."));
        }
        if d.due.is_none() {
            at(Step::Deliverables, format!("{name}: no due date or posting window."));
        }
    }

    compensation(&terms.compensation, &mut out);
    let mut at = |step: Step, message: String| out.push(Undefined { step, message });

    let rights = &terms.rights;
    if rights.organic_reposting || rights.paid_amplification {
        if rights.duration_months.is_none() {
            at(Step::Rights, "No usage period for the content rights.".into());
        }
        if rights.territory.is_empty() {
            at(Step::Rights, "No territory for the content rights.".into());
        }
        if rights.channels.is_empty() {
            at(Step::Rights, "No channels for the content rights.".into());
        }
    }
    let exclusivity = &terms.exclusivity;
    if exclusivity.required {
        if exclusivity.category.trim().is_empty() && exclusivity.competitors.is_empty() {
            at(
                Step::Rights,
                "Exclusivity has no category or list of competitors.".into(),
            );
        }
        if exclusivity.days_before == 0 && exclusivity.days_after == 0 {
            at(
                Step::Rights,
                "Exclusivity has no window before or after the campaign.".into(),
            );
        }
    }

    if campaign.is_some_and(|c| c.markets.is_empty()) {
        at(
            Step::Disclosure,
            "No disclosure market: the campaign names no markets.".into(),
        );
    }

    let brief = &terms.brief;
    if brief.key_messages.is_empty() {
        at(Step::Brief, "No key messages in the brief.".into());
    }
    if brief.creator_judgement.is_empty() {
        at(
            Step::Brief,
            "Nothing is left to the creator's judgement: say what is theirs to decide.".into(),
        );
    }
    if brief.review_days.is_none() {
        at(
            Step::Brief,
            "No review window (business days to answer a draft).".into(),
        );
    }
    if brief.no_answer_rule.trim().is_empty() {
        at(
            Step::Brief,
            "Not said what happens when the brand does not answer in time.".into(),
        );
    }
    out
}

#[cfg(test)]
mod tests;
