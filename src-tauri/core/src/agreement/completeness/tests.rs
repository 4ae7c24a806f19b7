use chrono::Utc;

use super::*;
use crate::agreement::terms::*;
use crate::agreement::tests::{day, eur};
use crate::campaign::{KpiMetric, KpiTarget, Objective, TargetValue};

fn campaign(markets: &[&str]) -> Campaign {
    Campaign {
        id: uuid::Uuid::nil(),
        brand_id: uuid::Uuid::nil(),
        name: "Spring".into(),
        objective: Objective::BrandAwareness,
        targets: vec![KpiTarget {
            metric: KpiMetric::Reach,
            value: TargetValue::Count(500_000),
            due: day("2026-06-30"),
        }],
        budget: eur(1_250_000),
        start: day("2026-04-01"),
        end: day("2026-06-30"),
        markets: markets.iter().map(|m| m.to_string()).collect(),
        created_at: Utc::now(),
        updated_at: Utc::now(),
    }
}

fn complete() -> Terms {
    crate::agreement::tests::complete_terms()
}

fn messages(terms: &Terms, campaign: Option<&Campaign>, research: Option<Research>) -> Vec<String> {
    undefined(terms, campaign, true, research)
        .into_iter()
        .map(|u| u.message)
        .collect()
}

#[test]
fn complete_terms_leave_nothing_undefined() {
    let spring = campaign(&["DE"]);
    assert!(undefined(&complete(), Some(&spring), true, Some(Research { open_items: 0 })).is_empty());
}

#[test]
fn each_missing_detail_is_named_at_its_step() {
    let spring = campaign(&[]);
    let mut terms = complete();
    terms.deliverables[0].due = None;
    terms.deliverables[0].format = None;
    terms.compensation.schedule[1].share = 0.3;
    terms.compensation.kill_fee = None;
    terms.rights.duration_months = None;
    terms.exclusivity = Exclusivity {
        required: true,
        ..Exclusivity::default()
    };
    terms.brief.creator_judgement.clear();
    let found = undefined(&terms, Some(&spring), true, Some(Research { open_items: 2 }));
    let listed: Vec<(Step, &str)> = found.iter().map(|u| (u.step, u.message.as_str())).collect();
    assert_eq!(
        listed,
        vec![
            (
                Step::Creator,
                "The creator's research checklist has 2 item(s) neither done nor waived with a reason."
            ),
            (Step::Deliverables, "Deliverable 1 (Instagram): no format."),
            (
                Step::Deliverables,
                "Deliverable 1 (Instagram): no due date or posting window."
            ),
            (Step::Compensation, "The payment schedule adds up to 80 %, not 100 %."),
            (Step::Compensation, "No kill fee (enter 0 if there is none)."),
            (Step::Rights, "No usage period for the content rights."),
            (Step::Rights, "Exclusivity has no category or list of competitors."),
            (Step::Rights, "Exclusivity has no window before or after the campaign."),
            (Step::Disclosure, "No disclosure market: the campaign names no markets."),
            (
                Step::Brief,
                "Nothing is left to the creator's judgement: say what is theirs to decide."
            ),
        ]
    );
}

#[test]
fn an_empty_partnership_lists_the_basics() {
    let found: Vec<String> = undefined(&Terms::default(), None, false, None)
        .into_iter()
        .map(|u| u.message)
        .collect();
    assert_eq!(
        found[..7],
        [
            "No campaign chosen.",
            "No legal name for the brand's side of the agreement.",
            "No contact for the brand's side of the agreement.",
            "No creator chosen.",
            "No legal name for the creator's side of the agreement.",
            "No contact for the creator's side of the agreement.",
            "No deliverables."
        ]
    );
    assert!(
        found.contains(&"No fee: set a flat fee, per-deliverable fees, a product value or a commission.".to_string())
    );
    assert!(found.contains(&"No review window (business days to answer a draft).".to_string()));
    // Revision rounds default to 2: defined, not listed.
    assert!(!found.iter().any(|m| m.contains("revision")));
}

#[test]
fn gifting_alone_needs_no_payment_schedule_but_a_fee_does() {
    let spring = campaign(&["DE"]);
    let mut gifted = complete();
    gifted.compensation.flat_fee = None;
    gifted.compensation.schedule.clear();
    gifted.compensation.product_value = Some(eur(12_000));
    assert!(messages(&gifted, Some(&spring), None).is_empty());
    gifted.compensation.commission = Some(0.1);
    assert_eq!(
        messages(&gifted, Some(&spring), None),
        vec!["No payment schedule (for example 50 % on signing, 50 % on delivery)."]
    );
}

#[test]
fn an_agreement_needs_both_parties_by_legal_name_and_contact() {
    let spring = campaign(&["DE"]);
    let mut terms = complete();
    terms.parties = Parties {
        creator_legal_name: "  ".into(),
        ..terms.parties
    };
    terms.parties.brand_contact.clear();
    let found: Vec<(Step, String)> = undefined(&terms, Some(&spring), true, None)
        .into_iter()
        .map(|u| (u.step, u.message))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                Step::Campaign,
                "No contact for the brand's side of the agreement.".to_string()
            ),
            (
                Step::Creator,
                "No legal name for the creator's side of the agreement.".to_string()
            ),
        ]
    );
}
