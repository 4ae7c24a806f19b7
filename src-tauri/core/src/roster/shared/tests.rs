use std::sync::atomic::AtomicBool;

use super::super::{add, count, get, list, remove, update, AccountDraft, InfluencerDraft, Platform};
use super::*;
use crate::sync::apply::apply_remote;
use crate::sync::conflicts;
use crate::sync::log::{join, logged};

fn draft(name: &str, handle: &str) -> InfluencerDraft {
    InfluencerDraft {
        name: name.into(),
        accounts: vec![AccountDraft {
            platform: Platform::Instagram,
            handle: handle.into(),
            followers: 12_000,
        }],
        ..InfluencerDraft::default()
    }
}

fn copies() -> (tempfile::TempDir, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a")).unwrap();
    let b = Store::open(&dir.path().join("b")).unwrap();
    join(&a, "Ana").unwrap();
    join(&b, "Ben").unwrap();
    (dir, a, b)
}

/// Sends each copy what the other logged (the server in between, here left out).
fn exchange(a: &Store, b: &Store) {
    apply_remote(a, &logged(b).unwrap()).unwrap();
    apply_remote(b, &logged(a).unwrap()).unwrap();
}

#[test]
fn creators_travel_and_meet_field_by_field() {
    let (_dir, a, b) = copies();
    let mara = add(&a, &draft("Mara Costa", "maracosta")).unwrap();
    assert!(logged(&a)
        .unwrap()
        .iter()
        .any(|c| c.tree == TREE && c.key == mara.id.as_bytes()));
    exchange(&a, &b);
    assert_eq!(get(&b, &mara.id.to_string()).unwrap(), mara);
    assert_eq!(count(&b).unwrap(), 1);

    // Offline, Ana sets the country and Ben the notes: both survive.
    let mut on_a = mara.to_draft();
    on_a.country = "PT".into();
    update(&a, &mara.id.to_string(), &on_a).unwrap();
    let mut on_b = mara.to_draft();
    on_b.notes = "Prefers email".into();
    update(&b, &mara.id.to_string(), &on_b).unwrap();
    exchange(&a, &b);
    exchange(&a, &b);
    let (on_a, on_b) = (
        get(&a, &mara.id.to_string()).unwrap(),
        get(&b, &mara.id.to_string()).unwrap(),
    );
    assert_eq!(on_a.country.as_deref(), Some("PT"));
    assert_eq!(on_a.notes, "Prefers email");
    assert_eq!(
        (on_a.name, on_a.accounts, on_a.country, on_a.notes),
        (on_b.name, on_b.accounts, on_b.country, on_b.notes)
    );

    // A removal travels too, and the count and the search follow.
    remove(&b, &mara.id.to_string()).unwrap();
    exchange(&a, &b);
    assert_eq!(count(&a).unwrap(), 0);
    assert!(list(&a).unwrap().is_empty());
}

#[test]
fn joining_shares_the_roster_and_an_import_is_logged_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a")).unwrap();
    crate::sample::load(&a).unwrap();
    let before = count(&a).unwrap();
    assert!(before > 0);
    join(&a, "Ana").unwrap();
    let b = Store::open(&dir.path().join("b")).unwrap();
    join(&b, "Ben").unwrap();
    apply_remote(&b, &logged(&a).unwrap()).unwrap();
    assert_eq!(count(&b).unwrap(), before);
    let names = |s: &Store| {
        let mut n: Vec<String> = list(s).unwrap().into_iter().map(|c| c.name).collect();
        n.sort();
        n
    };
    assert_eq!(names(&a), names(&b));

    // An import's creators are logged in the same write as their blocks.
    let file = dir.path().join("roster.csv");
    std::fs::write(
        &file,
        "name,instagram,followers,engagement rate,avg likes\nLena Vogel,lenavogel,5400,3.2%,170\nTomás Ruiz,tomasruiz,88000,1.1%,960\n",
    )
    .unwrap();
    crate::import::run::import_file(&a, &file, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    apply_remote(&b, &logged(&a).unwrap()).unwrap();
    assert_eq!(count(&b).unwrap(), before + 2);
    assert_eq!(names(&a), names(&b));

    // The figures the file gave travel with the creators, file name included.
    let lena = list(&a).unwrap().into_iter().find(|c| c.name == "Lena Vogel").unwrap();
    let on_a = super::super::imported_figures(&a, lena.id)
        .unwrap()
        .expect("figures on the importing copy");
    let on_b = super::super::imported_figures(&b, lena.id)
        .unwrap()
        .expect("figures on the other copy");
    assert_eq!(on_b.accounts, on_a.accounts);
    assert_eq!(on_b.accounts[0].engagement_rate.and_then(|r| r.fraction()), Some(0.032));
    assert_eq!(on_b.accounts[0].avg_likes, Some(170));
    assert_eq!(on_b.source, on_a.source);
    assert_eq!(on_b.imported_at.timestamp(), on_a.imported_at.timestamp());

    // A later import of the same creator on the other copy comes back too.
    let again = dir.path().join("again.csv");
    std::fs::write(
        &again,
        "name,instagram,followers,engagement rate\nLena Vogel,lenavogel,5600,3.5%\n",
    )
    .unwrap();
    crate::import::run::import_file(&b, &again, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    apply_remote(&a, &logged(&b).unwrap()).unwrap();
    let back = super::super::imported_figures(&a, lena.id).unwrap().unwrap();
    assert_eq!(back.accounts[0].engagement_rate.and_then(|r| r.fraction()), Some(0.035));
    // What the newer file left empty keeps the older figure, as on the importing copy.
    assert_eq!(back.accounts[0].avg_likes, Some(170));
    assert_eq!(
        back.source,
        super::super::imported_figures(&b, lena.id).unwrap().unwrap().source
    );
}

#[test]
fn two_creators_on_one_account_are_a_conflict_until_merged() {
    let (_dir, a, b) = copies();
    // Both add the same creator offline, each as a record of their own.
    let on_a = add(&a, &draft("Mara Costa", "maracosta")).unwrap();
    let on_b = add(&b, &draft("Mara C.", "maracosta")).unwrap();
    exchange(&a, &b);
    assert_eq!(count(&a).unwrap(), 2);
    let found = conflicts::list(&a).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .problem
            .starts_with("Two creators hold the Instagram account @maracosta after Ben's change was merged"),
        "{}",
        found[0].problem
    );
    assert_eq!(found[0].creators, [on_b.id, on_a.id]);

    // Merging them on one copy settles it there, and on the other once it arrives.
    crate::housekeeping::merge(&a, &on_a.id.to_string(), &on_b.id.to_string()).unwrap();
    assert!(conflicts::list(&a).unwrap().is_empty());
    apply_remote(&b, &logged(&a).unwrap()).unwrap();
    assert_eq!(count(&b).unwrap(), 1);
    assert!(
        conflicts::list(&b).unwrap().is_empty(),
        "{:?}",
        conflicts::list(&b).unwrap()
    );
}
