use chrono::Utc;
use partnerly_core::roster::{Account, Influencer, Platform, TierBoundaries};
use partnerly_core::vetting::brand::{Brand, TargetAudience, Weighted};
use partnerly_core::vetting::dossier::{AccountStats, Audience, CheckItem, CheckState, Dossier, Share};
use partnerly_core::vetting::scorecard::scorecard;

use super::*;

fn card(name: &str) -> partnerly_core::vetting::scorecard::Scorecard {
    let now = Utc::now();
    let id = uuid::Uuid::new_v4();
    let brand = Brand {
        id,
        name: "Verdant Kitchen".into(),
        values: vec!["vegan".into()],
        audience: TargetAudience {
            countries: vec![Weighted {
                key: "PL".into(),
                weight: 1.0,
            }],
            ..TargetAudience::default()
        },
        excluded_topics: vec![],
        competitors: vec![],
        markets: vec!["PL".into()],
        shortlist: vec![],
        created_at: now,
        updated_at: now,
    };
    let influencer = Influencer {
        id,
        name: name.into(),
        accounts: vec![Account {
            platform: Platform::Instagram,
            handle: "zoe.cooks".into(),
            followers: 15_000,
        }],
        email: None,
        country: Some("PL".into()),
        niches: vec!["vegan food".into()],
        notes: String::new(),
        created_at: now,
        updated_at: now,
    };
    let mut dossier = Dossier::empty(id);
    dossier.stats.push(AccountStats {
        platform: Some(Platform::Instagram),
        avg_likes: Some(412.0),
        avg_comments: Some(18.0),
        ..AccountStats::default()
    });
    dossier.audience = Audience {
        countries: vec![Share {
            key: "PL".into(),
            share: 0.7,
        }],
        ..Audience::default()
    };
    dossier.set_check(
        CheckItem::BrandSafety,
        CheckState::Waived {
            reason: "Długoletnia współpraca".into(),
            by: "Çağrı Öztürk".into(),
            at: now,
        },
    );
    scorecard(
        &brand,
        &influencer,
        &dossier,
        &TierBoundaries::default(),
        "2026-11-24".parse().unwrap(),
    )
}

#[test]
fn the_view_words_every_figure() {
    let view = scorecard_view(&card("Zoë Łukasiewicz"));
    assert_eq!(view["verdict"], "Caution");
    assert_eq!(view["scores"][0]["value"], "70");
    assert_eq!(view["accounts"][0], "Instagram @zoe.cooks · 15,000 followers");
    assert!(view["engagement"][0]["band"]
        .as_str()
        .unwrap()
        .ends_with("usual band 0.18 % to 1.62 %: far above"));
    assert_eq!(view["checklist"][3]["mark"], "waived");
}

#[test]
fn a_scorecard_is_a_pdf_with_its_fonts_inside() {
    let bytes = scorecard_pdf(&card("Zoë Łukasiewicz")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    // Each face used is embedded (as a subset) under its PostScript name.
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("Inter-Regular") || text.contains("Inter"),
        "no Inter font in the PDF"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scorecard.pdf");
    write_pdf(&path, &bytes).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

/// The sample's agreed partnership, with parties whose names test the fonts.
fn sample_agreement() -> (tempfile::TempDir, partnerly_core::agreement::PartnershipView) {
    use partnerly_core::agreement::{self, Status};
    let dir = tempfile::tempdir().unwrap();
    let store = partnerly_core::store::Store::open(dir.path()).unwrap();
    partnerly_core::sample::load(&store).unwrap();
    let today = chrono::Local::now().date_naive();
    let mut view = agreement::views(&store, today)
        .unwrap()
        .into_iter()
        .find(|v| v.partnership.status == Status::Agreed)
        .unwrap();
    view.partnership.terms.parties.creator_legal_name = "Zoë Łukasiewicz".into();
    view.partnership.terms.parties.brand_contact = "Çağrı Öztürk, çağrı@verdant.example".into();
    (dir, view)
}

#[test]
fn the_agreement_words_payments_rights_and_approval() {
    let (_dir, view) = sample_agreement();
    let data = agreement_view(&view, "2026-11-29".parse().unwrap());
    assert_eq!(data["creator"]["legal"], "Zoë Łukasiewicz");
    assert_eq!(data["brand"]["legal"], "Verdant Kitchen GmbH");
    assert_eq!(data["undefined"].as_array().unwrap().len(), 0);
    assert_eq!(data["status"], "Agreed");
    // EUR 3,200 flat fee, half on signing.
    assert_eq!(data["compensation"]["schedule"][0]["share"], "50 %");
    assert_eq!(data["compensation"]["schedule"][0]["amount"], "EUR 1,600.00");
    assert_eq!(
        data["compensation"]["schedule"][0]["due"],
        view.partnership.terms.compensation.schedule[0].due.unwrap().to_string()
    );
    assert!(data["compensation"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| !l.as_str().unwrap().starts_with("Payment terms")));
    assert_eq!(
        data["rights"][0],
        "The brand may repost the content on its own channels and run the content as paid advertising (whitelisting, partnership ads) for 6 months from first publication."
    );
    assert_eq!(data["rights"][1], "Territory: Germany, France, Spain, Portugal.");
    assert!(data["exclusivity"]
        .as_str()
        .unwrap()
        .starts_with("The creator will not promote brands in plant-based milk and dairy alternatives, including Oatly, Alpro from 14 days before"));
    assert_eq!(
        data["brief"]["approval"][1],
        "2 rounds of changes are included; further changes need the creator's agreement."
    );
    assert!(data["termination"]
        .as_str()
        .unwrap()
        .contains("a kill fee of EUR 800.00"));
    assert_eq!(data["deliverables"][0]["platform"], "Instagram");
}

#[test]
fn payment_terms_and_a_payment_due_on_an_event_are_worded_as_agreed() {
    let (_dir, mut view) = sample_agreement();
    let compensation = &mut view.partnership.terms.compensation;
    compensation.payment_term_days = Some(30);
    compensation.schedule[1].due = None;
    let data = agreement_view(&view, "2026-11-29".parse().unwrap());
    assert_eq!(data["compensation"]["schedule"][1]["label"], "On delivery");
    assert_eq!(
        data["compensation"]["schedule"][1]["due"],
        "when the last deliverable is live"
    );
    let lines = data["compensation"]["lines"].as_array().unwrap();
    assert_eq!(
        lines.last().unwrap(),
        "Payment terms: each payment within 30 days of its due date, or of the invoice when it arrives later."
    );
}

#[test]
fn an_agreement_with_gaps_is_a_draft_that_lists_them() {
    let (_dir, mut view) = sample_agreement();
    view.undefined = vec![partnerly_core::agreement::Undefined {
        step: partnerly_core::agreement::Step::Compensation,
        message: "No kill fee (enter 0 if there is none).".into(),
    }];
    view.partnership.terms.compensation.kill_fee = None;
    let data = agreement_view(&view, "2026-11-29".parse().unwrap());
    assert_eq!(data["undefined"][0], "No kill fee (enter 0 if there is none).");
    assert!(data["termination"]
        .as_str()
        .unwrap()
        .ends_with("The kill fee is not yet agreed."));
    let bytes = agreement_pdf(&view, "2026-11-29".parse().unwrap()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
}
