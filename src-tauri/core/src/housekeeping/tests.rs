use std::sync::atomic::AtomicBool;

use super::*;
use crate::agreement;
use crate::roster::{AccountDraft, InfluencerDraft, Platform, RosterFilter, SortBy};
use crate::sample;

fn sample_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    sample::load(&store).unwrap();
    (dir, store)
}

fn add(store: &Store, name: &str, platform: Platform, handle: &str, email: &str, country: &str) -> Influencer {
    roster::add(
        store,
        &InfluencerDraft {
            name: name.into(),
            accounts: vec![AccountDraft {
                platform,
                handle: handle.into(),
                followers: 12_000,
            }],
            email: email.into(),
            country: country.into(),
            niches: vec!["cycling".into()],
            ..InfluencerDraft::default()
        },
    )
    .unwrap()
}

fn named(store: &Store, name: &str) -> Influencer {
    roster::list(store)
        .unwrap()
        .into_iter()
        .find(|i| i.name == name)
        .unwrap()
}

#[test]
fn tags_filter_the_roster_and_a_filtered_view_is_tagged_at_once() {
    let (_dir, store) = sample_store();
    let in_germany = RosterFilter {
        country: Some("DE".into()),
        ..RosterFilter::default()
    };
    let germans = roster::query(&store, &in_germany, SortBy::Name, false).unwrap().len() as u32;
    assert!(germans >= 2);
    assert_eq!(
        tags::tag_matching(&store, &in_germany, "  DACH   2027 ", false).unwrap(),
        germans
    );
    // Again changes no one; any case is the same tag.
    assert_eq!(tags::tag_matching(&store, &in_germany, "dach 2027", false).unwrap(), 0);
    let mara = named(&store, "Mara Costa");
    tags::set(
        &store,
        &mara.id.to_string(),
        &["Vegan".into(), "dach 2027".into(), "vegan".into()],
    )
    .unwrap();
    assert_eq!(
        tags::tags_of(&store, mara.id).unwrap(),
        ["Vegan", "DACH 2027"],
        "one tag, one spelling"
    );

    let tagged = RosterFilter {
        tag: Some("DACH 2027".into()),
        ..RosterFilter::default()
    };
    let names: Vec<String> = roster::query(&store, &tagged, SortBy::Name, false)
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(names.len() as u32, germans + 1);
    assert!(names.contains(&"Mara Costa".to_string()));
    assert_eq!(
        tags::counts(&store).unwrap(),
        [
            tags::TagCount {
                tag: "DACH 2027".into(),
                creators: germans + 1
            },
            tags::TagCount {
                tag: "Vegan".into(),
                creators: 1
            }
        ]
    );
    assert_eq!(
        tags::tag_matching(&store, &tagged, "dach 2027", true).unwrap(),
        germans + 1
    );
    assert!(roster::query(&store, &tagged, SortBy::Name, false).unwrap().is_empty());
    let refused = tags::set(&store, &mara.id.to_string(), &["x".repeat(41)])
        .unwrap_err()
        .to_string();
    assert_eq!(refused, "A tag is at most 40 characters; use the notes for more.");
}

#[test]
fn a_view_saves_the_filter_and_order_under_its_name() {
    let (_dir, store) = sample_store();
    let filter = RosterFilter {
        niche: Some("food".into()),
        tag: Some("vegan".into()),
        ..RosterFilter::default()
    };
    views::save(&store, "Food, biggest first", &filter, SortBy::Followers, true).unwrap();
    let all = views::save(
        &store,
        "food, BIGGEST first",
        &RosterFilter::default(),
        SortBy::Name,
        false,
    )
    .unwrap();
    assert_eq!(all.len(), 1, "the same name replaces the view");
    let all = views::save(&store, "Food, biggest first", &filter, SortBy::Followers, true).unwrap();
    assert_eq!(
        (all[0].filter.clone(), all[0].sort, all[0].descending),
        (filter, SortBy::Followers, true)
    );
    assert!(views::save(&store, "   ", &RosterFilter::default(), SortBy::Name, false).is_err());
    assert!(views::remove(&store, "food, biggest FIRST").unwrap().is_empty());
    assert_eq!(
        views::remove(&store, "Gone").unwrap_err().to_string(),
        "There is no saved view named 'Gone'."
    );
}

#[test]
fn the_same_email_or_the_same_name_and_country_on_other_platforms_are_offered_once() {
    let (_dir, store) = sample_store();
    add(
        &store,
        "Jonas W.",
        Platform::Twitch,
        "jonasrides_live",
        "Hello@JonasRides.de",
        "DE",
    );
    add(&store, "MARA  costa", Platform::Youtube, "maraeatsyt", "", "PT");
    // Same name and country on the same platform: two people, not offered.
    add(&store, "Mara Costa", Platform::Instagram, "mara.costa.art", "", "PT");
    let pairs = duplicates::find(&store).unwrap();
    let said: Vec<(String, String, Vec<String>)> = pairs
        .iter()
        .map(|p| (p.first.name.clone(), p.second.name.clone(), p.reasons.clone()))
        .collect();
    let has = |a: &str, b: &str, why: &dyn Fn(&str) -> bool| {
        said.iter()
            .any(|(x, y, r)| ((x == a && y == b) || (x == b && y == a)) && r.iter().any(|r| why(r)))
    };
    assert!(
        has("Jonas Weber", "Jonas W.", &|r| r == "Same email: hello@jonasrides.de"),
        "{said:?}"
    );
    let across =
        |r: &str| r.starts_with("Same name in PT, on ") && r.contains("on YouTube") && r.contains("Instagram, TikTok");
    assert!(has("Mara Costa", "MARA  costa", &across), "{said:?}");
    assert_eq!(
        said.len(),
        3,
        "the two Instagram Maras pair with the YouTube one only: {said:?}"
    );
    assert!(said[0].2[0].starts_with("Same email"), "email pairs come first");

    let jonas_w = named(&store, "Jonas W.");
    let jonas = named(&store, "Jonas Weber");
    duplicates::dismiss(&store, &jonas_w.id.to_string(), &jonas.id.to_string()).unwrap();
    assert_eq!(duplicates::find(&store).unwrap().len(), 2);
}

#[test]
fn a_merge_brings_accounts_dossier_partnerships_shortlists_and_tags_onto_the_one_kept() {
    let (_dir, store) = sample_store();
    let jonas = named(&store, "Jonas Weber");
    let twin = add(&store, "Jonas W.", Platform::Twitch, "jonasrides_live", "", "");
    tags::set(&store, &jonas.id.to_string(), &["cycling".into()]).unwrap();
    tags::set(&store, &twin.id.to_string(), &["Live".into(), "Cycling".into()]).unwrap();
    let partnerships_before = agreement::list(&store)
        .unwrap()
        .into_iter()
        .filter(|p| p.influencer_id == Some(jonas.id))
        .count() as u32;
    assert!(partnerships_before > 0);
    let count_before = roster::count(&store).unwrap();

    // Keep the new record: everything of the sample's Jonas moves onto it.
    let merged = merge(&store, &twin.id.to_string(), &jonas.id.to_string()).unwrap();
    assert_eq!(merged.merged, "Jonas Weber");
    assert_eq!(merged.partnerships, partnerships_before);
    assert!(merged.dossier);
    assert_eq!(merged.tags, ["Live", "cycling"], "as the workspace spells it");
    assert_eq!(roster::count(&store).unwrap(), count_before - 1);
    let kept = roster::get(&store, &twin.id.to_string()).unwrap();
    assert_eq!(kept.name, "Jonas W.");
    assert_eq!(
        kept.email.as_deref(),
        Some("hello@jonasrides.de"),
        "the email it lacked"
    );
    assert_eq!(kept.country.as_deref(), Some("DE"));
    let handles: Vec<&str> = kept.accounts.iter().map(|a| a.handle.as_str()).collect();
    assert!(
        handles.contains(&"jonasrides") && handles.contains(&"jonasrides_live"),
        "{handles:?}"
    );
    assert!(roster::get(&store, &jonas.id.to_string()).is_err());
    assert_eq!(roster::find(&store, "@jonasrides_live").unwrap().id, twin.id);
    assert!(agreement::list(&store)
        .unwrap()
        .iter()
        .all(|p| p.influencer_id != Some(jonas.id)));
    let dossier = vetting::dossier(&store, &twin.id.to_string()).unwrap();
    assert!(!dossier.checklist.is_empty(), "the research came along");
    assert!(store.get::<Dossier>(jonas.id.as_bytes()).unwrap().is_none());
    for brand in store.all::<Brand>().unwrap() {
        assert!(brand.shortlist.iter().all(|e| e.influencer_id != jonas.id));
    }
    assert!(tags::tags_of(&store, jonas.id).unwrap().is_empty());
    assert!(merge(&store, &twin.id.to_string(), &twin.id.to_string()).is_err());
}

#[test]
fn a_merge_keeps_the_figures_imports_gave_either_record() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let first = dir.path().join("instagram.csv");
    std::fs::write(
        &first,
        "Name,Instagram,Followers,Engagement rate,Avg likes\nLena Brandt,@lena.kocht,40000,3.2%,1200\n",
    )
    .unwrap();
    let second = dir.path().join("tiktok.csv");
    std::fs::write(
        &second,
        "Name,TikTok,Followers,Avg views\nLena B,@lenakocht,90000,45000\n",
    )
    .unwrap();
    for file in [&first, &second] {
        crate::import::run::import_file(&store, file, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    }
    let (lena, lena_b) = (named(&store, "Lena Brandt"), named(&store, "Lena B"));
    merge(&store, &lena.id.to_string(), &lena_b.id.to_string()).unwrap();
    let figures = roster::imported_figures(&store, lena.id)
        .unwrap()
        .expect("figures stay");
    let by = |p: Platform| figures.accounts.iter().find(|a| a.platform == p).cloned().unwrap();
    assert_eq!(by(Platform::Instagram).avg_likes, Some(1200));
    let rate = by(Platform::Instagram)
        .engagement_rate
        .and_then(|r| r.fraction())
        .unwrap();
    assert!((rate - 0.032).abs() < 1e-9, "{rate}");
    assert_eq!(by(Platform::Tiktok).avg_views, Some(45_000));
    assert!(roster::imported_figures(&store, lena_b.id).unwrap().is_none());
}
