use chrono::Utc;

use super::*;
use crate::roster::{Account, Platform};
use crate::vetting::brand::{TargetAudience, Weighted};
use crate::vetting::dossier::{AccountStats, Audience, CheckItem, Share};

fn brand() -> Brand {
    let now = Utc::now();
    Brand {
        id: Uuid::nil(),
        name: "Oat & Co".into(),
        values: vec!["vegan".into()],
        audience: TargetAudience {
            countries: vec![Weighted {
                key: "DE".into(),
                weight: 1.0,
            }],
            ..TargetAudience::default()
        },
        excluded_topics: vec!["gambling".into()],
        competitors: vec!["Oatly".into()],
        markets: vec!["DE".into()],
        shortlist: vec![],
        created_at: now,
        updated_at: now,
    }
}

fn creator(niches: &[&str]) -> Influencer {
    let now = Utc::now();
    Influencer {
        id: Uuid::nil(),
        name: "Mara".into(),
        accounts: vec![
            Account {
                platform: Platform::Tiktok,
                handle: "mara.tt".into(),
                followers: 2_000,
            },
            Account {
                platform: Platform::Instagram,
                handle: "mara".into(),
                followers: 15_000,
            },
        ],
        email: None,
        country: Some("DE".into()),
        niches: niches.iter().map(|n| n.to_string()).collect(),
        notes: String::new(),
        created_at: now,
        updated_at: now,
    }
}

/// 80 % of the audience in Germany, Instagram engagement 0.60 % (within
/// 0.18–1.62 %), 30 likes per comment, credibility 90 %.
fn researched(done: bool) -> Dossier {
    let mut dossier = Dossier::empty(Uuid::nil());
    dossier.stats.push(AccountStats {
        platform: Some(Platform::Instagram),
        avg_likes: Some(87.0),
        avg_comments: Some(3.0),
        ..AccountStats::default()
    });
    dossier.audience = Audience {
        countries: vec![Share {
            key: "DE".into(),
            share: 0.8,
        }],
        credibility: Some(0.9),
        mass_followers: Some(0.05),
        ..Audience::default()
    };
    if done {
        for item in CheckItem::ALL {
            dossier.set_check(
                item,
                CheckState::Done {
                    note: "looked".into(),
                    evidence: None,
                    by: "ana".into(),
                    at: Utc::now(),
                },
            );
        }
    }
    dossier
}

fn today() -> NaiveDate {
    "2026-11-24".parse().unwrap()
}

#[test]
fn a_well_fitting_researched_creator_is_recommended() {
    let card = scorecard(
        &brand(),
        &creator(&["vegan food"]),
        &researched(true),
        &TierBoundaries::default(),
        today(),
    );
    assert_eq!(card.verdict.kind, VerdictKind::Recommended);
    assert_eq!(
        card.verdict.reasons,
        vec!["audience fit 80, alignment 100, no red flags, research checklist complete"]
    );
    // The largest account comes first, and only it has figures.
    assert_eq!(card.engagement[0].platform, Platform::Instagram);
    assert!((card.engagement[0].rates[0].rate - 0.006).abs() < 1e-12);
    assert!(card.engagement[1].rates.is_empty());
}

#[test]
fn open_research_makes_it_caution_and_says_how_much_is_open() {
    let card = scorecard(
        &brand(),
        &creator(&["vegan food"]),
        &researched(false),
        &TierBoundaries::default(),
        today(),
    );
    assert_eq!(card.verdict.kind, VerdictKind::Caution);
    assert_eq!(card.verdict.reasons, vec!["research checklist: 5 of 5 items open"]);
}

#[test]
fn brand_safety_and_competitor_work_decide_against_whatever_else_is_good() {
    let mut dossier = researched(true);
    dossier.past_partnerships.push(PastPartnership {
        brand: "OATLY".into(),
        date: "2026-06-01".parse().unwrap(),
        platform: Some(Platform::Instagram),
        outcome: "delivered".into(),
        notes: String::new(),
    });
    let card = scorecard(
        &brand(),
        &creator(&["vegan food", "gambling"]),
        &dossier,
        &TierBoundaries::default(),
        today(),
    );
    assert_eq!(card.verdict.kind, VerdictKind::NotRecommended);
    assert_eq!(
        card.verdict.reasons[..2],
        [
            "brand safety: \"gambling\" is in the creator's niches".to_string(),
            "worked with OATLY, a competitor, on 2026-06-01".to_string(),
        ]
    );
    // 50 % overlap − 50 − 30, floored at 0.
    assert_eq!(card.alignment.value, Some(0.0));
}

#[test]
fn missing_demographics_are_a_reason_for_caution_not_a_zero() {
    let mut dossier = researched(true);
    dossier.audience.countries.clear();
    let card = scorecard(
        &brand(),
        &creator(&["vegan"]),
        &dossier,
        &TierBoundaries::default(),
        today(),
    );
    assert_eq!(card.audience_fit.value, None);
    assert_eq!(card.verdict.kind, VerdictKind::Caution);
    assert_eq!(
        card.verdict.reasons,
        vec!["audience fit is unknown (the creator's audience countries missing)"]
    );
}
