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
        parties: Parties {
            brand_legal_name: "Verdant Kitchen GmbH".into(),
            brand_contact: "Lena Vogt, lena@verdant.example".into(),
            creator_legal_name: "Zoë Łukasiewicz".into(),
            creator_contact: "zoe@example.com".into(),
        },
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

/// Marks every research item of the creator done.
pub(crate) fn research_done(store: &Store, creator: &str) {
    for item in CheckItem::ALL {
        let answer = CheckDraft::Done {
            note: "fine".into(),
            evidence: String::new(),
        };
        vetting::set_check(store, creator, item, &answer, "ana").unwrap();
    }
}

/// A store with a brand, a campaign and a creator.
pub(crate) fn setup() -> (tempfile::TempDir, Store, String, String) {
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
        refused.starts_with("it cannot be marked agreed yet: No legal name for the brand's side")
            && refused.contains("The creator's research checklist has 5 item(s)"),
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
    research_done(&store, &zoe);
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

#[test]
fn the_wizard_chooses_campaign_and_creator_and_a_new_creator_reopens_an_agreement() {
    let (_dir, store, spring, zoe) = setup();
    research_done(&store, &zoe);
    let id = create(&store, None, None).unwrap().id.to_string();
    let chosen = choose(&store, &id, Some(&spring), Some(&zoe), Step::Deliverables).unwrap();
    assert_eq!(chosen.step, Step::Deliverables);
    assert_eq!(chosen.campaign_id.map(|c| c.to_string()), Some(spring.clone()));
    save(&store, &id, complete_terms(), Step::Review).unwrap();
    move_to(&store, &id, Status::Agreed).unwrap();

    // Choosing the same pair again changes nothing; another creator reopens it.
    assert_eq!(
        choose(&store, &id, Some(&spring), Some(&zoe), Step::Creator)
            .unwrap()
            .status,
        Status::Agreed
    );
    let other = crate::roster::add(
        &store,
        &InfluencerDraft {
            name: "Çağrı Öztürk".into(),
            accounts: vec![AccountDraft {
                platform: Platform::Tiktok,
                handle: "cagri".into(),
                followers: 40_000,
            }],
            ..InfluencerDraft::default()
        },
    )
    .unwrap();
    let reopened = choose(&store, &id, Some(&spring), Some(&other.id.to_string()), Step::Creator).unwrap();
    assert_eq!(reopened.status, Status::Negotiating);
    assert!(matches!(
        choose(&store, &id, Some("not-an-id"), None, Step::Campaign),
        Err(AgreementError::Campaign(_))
    ));
    assert_eq!(remove(&store, &id).unwrap().id.to_string(), id);
    assert!(matches!(get(&store, &id), Err(AgreementError::NotFound(_))));
}

#[test]
fn the_view_names_the_parts_the_concerns_and_the_next_due_item() {
    let (_dir, store, spring, zoe) = setup();
    let id = create(&store, Some(&spring), Some(&zoe)).unwrap().id.to_string();
    let mut terms = complete_terms();
    terms.compensation.schedule[0].due = Some(day("2026-04-10"));
    save(&store, &id, terms, Step::Review).unwrap();

    let seen = view(&store, &id, day("2026-04-01")).unwrap();
    assert_eq!(seen.brand.as_ref().unwrap().name, "Verdant Kitchen");
    assert_eq!(seen.influencer.as_ref().unwrap().name, "Zoë Łukasiewicz");
    // Zoë was never put on the brand's shortlist, and her research is open.
    assert_eq!(
        seen.concerns[0],
        "Zoë Łukasiewicz is not on Verdant Kitchen's shortlist: they have not been vetted against this brand."
    );
    assert!(
        seen.concerns[1].starts_with("The scorecard says "),
        "{:?}",
        seen.concerns
    );
    assert_eq!(seen.undefined.len(), 1, "{:?}", seen.undefined);
    assert!(seen.disclosure[0].starts_with("DE: label each post \"Werbung\""));
    let due = seen.next_due.unwrap();
    assert_eq!(
        (due.date, due.what.as_str()),
        (day("2026-04-10"), "payment: On signing")
    );
    // Past the payment, the reel is next.
    let later = view(&store, &id, day("2026-04-11")).unwrap().next_due.unwrap();
    assert_eq!(
        (later.date, later.what.as_str()),
        (day("2026-05-15"), "Instagram reel ×2")
    );
    assert_eq!(views(&store, day("2026-04-01")).unwrap().len(), 1);
}

#[test]
fn deleting_a_campaign_takes_its_partnerships_and_their_figures_and_leaves_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    crate::sample::load(&store).unwrap();
    let spring = campaign::list(&store).unwrap().remove(0);
    let autumn = campaign::add(
        &store,
        &CampaignDraft {
            brand_id: spring.brand_id.to_string(),
            name: "Autumn".into(),
            objective: Some(Objective::BrandAwareness),
            targets: vec![KpiTargetDraft {
                metric: "reach".into(),
                value: "500000".into(),
                due: "2026-11-30".into(),
            }],
            budget: "5000".into(),
            currency: "EUR".into(),
            start: "2026-09-01".into(),
            end: "2026-11-30".into(),
            markets: Vec::new(),
        },
    )
    .unwrap();
    let kept = create(&store, Some(&autumn.id.to_string()), None).unwrap();
    assert!(store.count::<crate::metrics::PostMetrics>().unwrap() > 0);

    let removed = remove_campaign(&store, &spring.id.to_string()).unwrap();
    assert_eq!(
        (removed.campaign.name.as_str(), removed.partnerships),
        ("Spring oat barista launch", 6)
    );
    let left: Vec<_> = list(&store).unwrap().into_iter().map(|p| p.id).collect();
    assert_eq!(left, [kept.id]);
    assert_eq!(store.count::<crate::metrics::PostMetrics>().unwrap(), 0);
    assert!(store
        .get::<crate::metrics::MetricSettings>(spring.id.as_bytes())
        .unwrap()
        .is_none());
    assert!(matches!(
        remove_campaign(&store, &spring.id.to_string()),
        Err(AgreementError::Campaign(campaign::CampaignError::NotFound(_)))
    ));
    // The creators stay: they were never the campaign's.
    assert_eq!(crate::roster::count(&store).unwrap(), 12);
}
