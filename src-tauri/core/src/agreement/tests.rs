use chrono::NaiveDate;

use super::terms::*;
use super::*;
use crate::campaign::{self, CampaignDraft, KpiTargetDraft, Money, Objective};
use crate::roster::{AccountDraft, InfluencerDraft, Platform};
use crate::store::Store;
use crate::vetting::{self, brand::BrandDraft, dossier::CheckItem, drafts::CheckDraft};

pub(crate) fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub(crate) fn eur(minor: i64) -> Money {
    Money {
        minor,
        currency: "EUR".into(),
    }
}

/// Terms with nothing left undefined.
pub(crate) fn complete_terms() -> Terms {
    Terms {
        deliverables: vec![Deliverable {
            platform: Some(Platform::Instagram),
            format: Some(ContentFormat::Reel),
            count: 2,
            due: Some(day("2026-05-15")),
            ..Deliverable::default()
        }],
        compensation: Compensation {
            currency: "EUR".into(),
            flat_fee: Some(eur(300_000)),
            schedule: vec![
                Instalment {
                    label: "On signing".into(),
                    share: 0.5,
                    due: None,
                },
                Instalment {
                    label: "On delivery".into(),
                    share: 0.5,
                    due: None,
                },
            ],
            kill_fee: Some(eur(0)),
            ..Compensation::default()
        },
        rights: UsageRights {
            organic_reposting: true,
            duration_months: Some(6),
            territory: vec!["DE".into()],
            channels: vec!["Instagram".into()],
            ..UsageRights::default()
        },
        exclusivity: Exclusivity::default(),
        brief: Brief {
            key_messages: vec!["Oat milk that froths".into()],
            creator_judgement: vec!["Tone and recipe".into()],
            review_days: Some(3),
            no_answer_rule: "The draft counts as approved".into(),
            ..Brief::default()
        },
    }
}

/// A store with a brand, a campaign and a creator.
fn setup() -> (tempfile::TempDir, Store, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let brand = vetting::add_brand(
        &store,
        &BrandDraft {
            name: "Verdant Kitchen".into(),
            markets: vec!["DE".into()],
            ..BrandDraft::default()
        },
    )
    .unwrap();
    let spring = campaign::add(
        &store,
        &CampaignDraft {
            brand_id: brand.id.to_string(),
            name: "Spring".into(),
            objective: Some(Objective::BrandAwareness),
            targets: vec![KpiTargetDraft {
                metric: "reach".into(),
                value: "500000".into(),
                due: "2026-06-30".into(),
            }],
            budget: "12500".into(),
            currency: "EUR".into(),
            start: "2026-04-01".into(),
            end: "2026-06-30".into(),
            markets: vec![],
        },
    )
    .unwrap();
    let zoe = crate::roster::add(
        &store,
        &InfluencerDraft {
            name: "Zoë Łukasiewicz".into(),
            accounts: vec![AccountDraft {
                platform: Platform::Instagram,
                handle: "zoe".into(),
                followers: 15_000,
            }],
            ..InfluencerDraft::default()
        },
    )
    .unwrap();
    (dir, store, spring.id.to_string(), zoe.id.to_string())
}

#[test]
fn nothing_is_agreed_while_a_detail_or_the_research_is_open() {
    let (_dir, store, spring, zoe) = setup();
    let started = create(&store, Some(&spring), Some(&zoe)).unwrap();
    let id = started.id.to_string();
    let refused = move_to(&store, &id, Status::Agreed).unwrap_err().to_string();
    assert!(
        refused.starts_with("it cannot be marked agreed yet: The creator's research checklist has 5 item(s)"),
        "{refused}"
    );
    assert!(refused.contains("No deliverables."), "{refused}");

    save(&store, &id, complete_terms(), Step::Review).unwrap();
    let AgreementError::Undefined { undefined, .. } = move_to(&store, &id, Status::Agreed).unwrap_err() else {
        panic!("agreed with open research");
    };
    assert_eq!(undefined.len(), 1);
    assert_eq!(undefined[0].step, Step::Creator);

    for item in CheckItem::ALL {
        let answer = CheckDraft::Waived {
            reason: "Worked with her last quarter".into(),
        };
        vetting::set_check(&store, &zoe, item, &answer, "ana").unwrap();
    }
    let agreed = move_to(&store, &id, Status::Agreed).unwrap();
    assert_eq!(agreed.status, Status::Agreed);
    assert!(agreed.agreed_at.is_some());
    assert_eq!(get(&store, &id).unwrap().step, Step::Review);
}

#[test]
fn changing_agreed_terms_reopens_the_negotiation_and_cancel_is_always_possible() {
    let (_dir, store, spring, zoe) = setup();
    for item in CheckItem::ALL {
        let answer = CheckDraft::Done {
            note: "fine".into(),
            evidence: String::new(),
        };
        vetting::set_check(&store, &zoe, item, &answer, "ana").unwrap();
    }
    let id = create(&store, Some(&spring), Some(&zoe)).unwrap().id.to_string();
    save(&store, &id, complete_terms(), Step::Review).unwrap();
    move_to(&store, &id, Status::InProduction).unwrap();
    let mut changed = complete_terms();
    changed.deliverables[0].count = 3;
    let reopened = save(&store, &id, changed, Step::Deliverables).unwrap();
    assert_eq!(reopened.status, Status::Negotiating);
    assert_eq!(reopened.agreed_at, None);
    assert_eq!(
        move_to(&store, &id, Status::Cancelled).unwrap().status,
        Status::Cancelled
    );
    assert_eq!(list(&store).unwrap().len(), 1);
}
