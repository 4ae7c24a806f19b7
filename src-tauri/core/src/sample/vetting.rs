//! The sample's vetting data: a brand profile with a shortlist, and
//! dossiers that show each verdict — one recommended, one held back by its
//! audience, one ruled out by competitor work, red flags and a follower spike.

use chrono::{Days, Local, NaiveDate, Utc};

use crate::roster::{self, Platform};
use crate::store::Store;
use crate::vetting::brand::{BrandDraft, TargetAudienceDraft, WeightDraft};
use crate::vetting::dossier::{
    AccountStats, Audience, CheckItem, CheckState, Dossier, FollowerHistory, FollowerPoint, PastPartnership, Share,
};
use crate::vetting::{self, VettingError};

fn weights(pairs: &[(&str, f64)]) -> Vec<WeightDraft> {
    pairs
        .iter()
        .map(|(key, percent)| WeightDraft {
            key: key.to_string(),
            percent: *percent,
        })
        .collect()
}

fn shares(pairs: &[(&str, f64)]) -> Vec<Share> {
    pairs
        .iter()
        .map(|(key, percent)| Share {
            key: key.to_string(),
            share: percent / 100.0,
        })
        .collect()
}

fn words(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| w.to_string()).collect()
}

pub(super) fn brand_draft() -> BrandDraft {
    BrandDraft {
        name: "Verdant Kitchen".into(),
        values: words(&["plant-based", "vegan", "sustainability", "home cooking"]),
        audience: TargetAudienceDraft {
            countries: weights(&[("DE", 30.0), ("FR", 25.0), ("ES", 25.0), ("PT", 20.0)]),
            age_bands: weights(&[("18-24", 25.0), ("25-34", 50.0), ("35-44", 25.0)]),
            genders: weights(&[("female", 65.0), ("male", 35.0)]),
            interests: words(&["cooking", "vegan food", "recipes", "fitness"]),
        },
        excluded_topics: words(&["gambling", "alcohol", "fast food"]),
        competitors: words(&["Oatly", "Alpro"]),
        markets: words(&["DE", "FR", "ES", "PT"]),
    }
}

fn all_checked(dossier: &mut Dossier, waive: Option<CheckItem>) {
    for item in CheckItem::ALL {
        let state = if Some(item) == waive {
            CheckState::Waived {
                reason: "Worked with her in spring; nothing has changed since.".into(),
                by: "Sample workspace".into(),
                at: Utc::now(),
            }
        } else {
            CheckState::Done {
                note: "Nothing of concern.".into(),
                evidence: None,
                by: "Sample workspace".into(),
                at: Utc::now(),
            }
        };
        dossier.set_check(item, state);
    }
}

fn stats(platform: Platform, likes: f64, comments: f64, views: Option<f64>, source: &str) -> AccountStats {
    AccountStats {
        platform: Some(platform),
        avg_likes: Some(likes),
        avg_comments: Some(comments),
        avg_views: views,
        source: source.into(),
        ..AccountStats::default()
    }
}

/// Thirty days of steady growth ending yesterday, with one bought-looking jump.
fn history_with_spike(today: NaiveDate) -> FollowerHistory {
    let start = today - Days::new(30);
    let mut followers = 1_040_000;
    let points = (0..30)
        .map(|day| {
            followers += if day == 18 { 58_000 } else { 1_100 + (day % 4) * 150 };
            FollowerPoint {
                date: start + Days::new(day),
                followers,
            }
        })
        .collect();
    FollowerHistory {
        platform: Platform::Tiktok,
        points,
        source: "FollowerHistory.csv".into(),
    }
}

fn id_of(store: &Store, handle: &str) -> Result<uuid::Uuid, VettingError> {
    Ok(roster::find(store, handle)?.id)
}

/// Adds the brand, its shortlist and the dossiers to a store holding the sample roster.
pub(super) fn load(store: &Store) -> Result<(), VettingError> {
    let today = Local::now().date_naive();
    let brand = vetting::add_brand(store, &brand_draft())?;
    let brand_id = brand.id.to_string();
    let days_ago = |n: u64| today - Days::new(n);

    let mara = id_of(store, "https://www.instagram.com/mara.eats")?;
    let mut dossier = Dossier::empty(mara);
    dossier.stats = vec![
        stats(
            Platform::Instagram,
            620.0,
            28.0,
            None,
            "Instagram insights, last 12 posts",
        ),
        stats(
            Platform::Tiktok,
            3_900.0,
            110.0,
            Some(41_000.0),
            "TikTok Studio, last 28 days",
        ),
    ];
    dossier.audience = Audience {
        top_country: None,
        countries: shares(&[("PT", 38.0), ("DE", 14.0), ("FR", 12.0), ("ES", 11.0), ("BR", 9.0)]),
        age_bands: shares(&[("18-24", 22.0), ("25-34", 46.0), ("35-44", 20.0)]),
        genders: shares(&[("female", 72.0), ("male", 27.0), ("other", 1.0)]),
        credibility: Some(0.88),
        mass_followers: Some(0.06),
        source: "Modash audience report".into(),
    };
    dossier.past_partnerships = vec![PastPartnership {
        brand: "Alpro".into(),
        date: days_ago(430),
        platform: Some(Platform::Instagram),
        outcome: "Three reels, delivered on time".into(),
        notes: "More than a year ago: outside the exclusivity window.".into(),
    }];
    all_checked(&mut dossier, None);
    vetting::put_dossier(store, &dossier)?;

    let sofia = id_of(store, "https://www.instagram.com/sofiaenlacocina")?;
    let mut dossier = Dossier::empty(sofia);
    dossier.stats = vec![stats(
        Platform::Instagram,
        310.0,
        14.0,
        None,
        "Instagram insights, last 12 posts",
    )];
    dossier.audience = Audience {
        top_country: None,
        countries: shares(&[("ES", 62.0), ("FR", 5.0), ("DE", 4.0), ("MX", 11.0)]),
        age_bands: shares(&[("18-24", 12.0), ("25-34", 41.0), ("35-44", 33.0)]),
        genders: shares(&[("female", 81.0), ("male", 18.0)]),
        credibility: Some(0.91),
        mass_followers: Some(0.04),
        source: "Instagram insights".into(),
    };
    dossier.past_partnerships = vec![PastPartnership {
        brand: "Huerta Viva".into(),
        date: days_ago(200),
        platform: Some(Platform::Instagram),
        outcome: "Gifted box, two posts; 5.2 % engagement".into(),
        notes: String::new(),
    }];
    all_checked(&mut dossier, Some(CheckItem::PastPartnerships));
    vetting::put_dossier(store, &dossier)?;

    let daniel = id_of(store, "https://www.tiktok.com/@danfitlife")?;
    let mut dossier = Dossier::empty(daniel);
    dossier.stats = vec![
        stats(
            Platform::Tiktok,
            21_000.0,
            380.0,
            Some(240_000.0),
            "TikTok Studio, last 28 days",
        ),
        stats(
            Platform::Instagram,
            2_100.0,
            40.0,
            None,
            "Instagram insights, last 12 posts",
        ),
    ];
    dossier.audience = Audience {
        top_country: None,
        countries: shares(&[("US", 58.0), ("GB", 12.0), ("DE", 6.0)]),
        genders: shares(&[("male", 61.0), ("female", 38.0)]),
        credibility: Some(0.71),
        mass_followers: Some(0.13),
        source: "HypeAuditor report".into(),
        ..Audience::default()
    };
    dossier.histories = vec![history_with_spike(today)];
    dossier.past_partnerships = vec![PastPartnership {
        brand: "Oatly".into(),
        date: days_ago(120),
        platform: Some(Platform::Tiktok),
        outcome: "Sponsored series of four videos".into(),
        notes: "Oat drink: a direct competitor.".into(),
    }];
    vetting::put_dossier(store, &dossier)?;

    for handle in [
        "https://www.instagram.com/mara.eats",
        "https://www.instagram.com/sofiaenlacocina",
        "https://www.tiktok.com/@danfitlife",
        "https://www.tiktok.com/@chloe.runs",
    ] {
        vetting::shortlist_add(store, &brand_id, &id_of(store, handle)?.to_string())?;
    }
    Ok(())
}
