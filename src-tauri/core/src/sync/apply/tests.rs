use serde::{Deserialize, Serialize};

use super::super::log::{join, logged};
use super::*;
use crate::store::Record;

/// A record shaped like a partnership where it matters here: plain fields
/// and an append-only timeline (the tree name gives it that rule).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Deal {
    id: u32,
    fee: u32,
    notes: String,
    timeline: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Step {
    logged_at: String,
    what: String,
}

impl Record for Deal {
    const TREE: &'static str = "partnerships";
    const KIND: &'static str = "deal";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.to_be_bytes().to_vec()
    }
}

fn step(at: &str, what: &str) -> Step {
    Step {
        logged_at: at.into(),
        what: what.into(),
    }
}

/// Two joined copies, both holding the deal the first one made.
fn two_copies() -> (tempfile::TempDir, Store, Store, Deal) {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a")).unwrap();
    let b = Store::open(&dir.path().join("b")).unwrap();
    join(&a, "Ana").unwrap();
    join(&b, "Ben").unwrap();
    let deal = Deal {
        id: 7,
        fee: 900,
        notes: String::new(),
        timeline: vec![step("2026-12-01T09:00:00Z", "offer sent")],
    };
    a.put(&deal).unwrap();
    apply_remote(&b, &logged(&a).unwrap()).unwrap();
    (dir, a, b, deal)
}

/// Sends each copy what the other logged (the server in between, for now).
fn exchange(a: &Store, b: &Store) {
    apply_remote(a, &logged(b).unwrap()).unwrap();
    apply_remote(b, &logged(a).unwrap()).unwrap();
}

fn key() -> [u8; 4] {
    7u32.to_be_bytes()
}

#[test]
fn two_copies_editing_offline_end_identical_in_either_order() {
    for a_first in [true, false] {
        let (_dir, a, b, deal) = two_copies();
        let mut on_a = deal.clone();
        on_a.fee = 1200;
        on_a.timeline.push(step("2026-12-03T10:00:00Z", "draft logged"));
        let mut on_b = deal.clone();
        on_b.notes = "prefers email".into();
        on_b.timeline.push(step("2026-12-02T15:00:00Z", "brief sent"));
        if a_first {
            a.put(&on_a).unwrap();
            b.put(&on_b).unwrap();
            exchange(&a, &b);
        } else {
            b.put(&on_b).unwrap();
            a.put(&on_a).unwrap();
            exchange(&b, &a);
        }
        let on_a: Deal = a.get(&key()).unwrap().unwrap();
        let on_b: Deal = b.get(&key()).unwrap().unwrap();
        assert_eq!(on_a, on_b);
        assert_eq!((on_a.fee, on_a.notes.as_str()), (1200, "prefers email"));
        let steps: Vec<&str> = on_a.timeline.iter().map(|s| s.what.as_str()).collect();
        assert_eq!(steps, ["offer sent", "brief sent", "draft logged"]);
    }
}

#[test]
fn the_same_field_edited_on_both_goes_to_the_later_stamp_on_both() {
    let (_dir, a, b, deal) = two_copies();
    b.put(&Deal {
        fee: 1000,
        ..deal.clone()
    })
    .unwrap();
    a.put(&Deal { fee: 1100, ..deal }).unwrap();
    exchange(&a, &b);
    let on_a: Deal = a.get(&key()).unwrap().unwrap();
    let on_b: Deal = b.get(&key()).unwrap().unwrap();
    assert_eq!(on_a, on_b);
    // The winner is the fee change with the later stamp, wherever it was made.
    let mut fee_changes: Vec<Change> = logged(&a).unwrap().into_iter().chain(logged(&b).unwrap()).collect();
    fee_changes.retain(|c| matches!(&c.edit, super::super::merge::Edit::Set(f) if f.contains_key("fee")));
    let latest = fee_changes.iter().max_by_key(|c| c.stamp).unwrap();
    let super::super::merge::Edit::Set(fields) = &latest.edit else {
        unreachable!()
    };
    assert_eq!(serde_json::json!(on_a.fee), fields["fee"]);

    // Both copies list it, naming whose change is kept and the value lost.
    for (copy, lost) in [(&a, if on_a.fee == 1000 { 1100 } else { 1000 }), (&b, 0)] {
        let listed = super::super::conflicts::list(copy).unwrap();
        assert_eq!(listed.len(), 1, "{listed:?}");
        let problem = &listed[0].problem;
        assert!(
            problem.contains("changed the fee of partnerships at the same time")
                || problem.contains("changed the fee of a partnership at the same time"),
            "{problem}"
        );
        assert!(problem.contains("is kept, being the later"), "{problem}");
        if lost != 0 {
            assert!(problem.ends_with(&format!("had {lost}.")), "{problem}");
        }
        // Seen and dismissed, it goes.
        super::super::conflicts::dismiss(copy, &listed[0].id).unwrap();
        assert!(super::super::conflicts::list(copy).unwrap().is_empty());
    }

    // Delivered again (a crash before the pull was noted), nothing comes back.
    exchange(&a, &b);
    assert!(super::super::conflicts::list(&a).unwrap().is_empty());
    assert!(super::super::conflicts::list(&b).unwrap().is_empty());

    // An edit made after seeing the other's value is no conflict.
    a.put(&Deal { fee: 1200, ..on_a }).unwrap();
    exchange(&a, &b);
    assert!(super::super::conflicts::list(&b).unwrap().is_empty());
    assert_eq!(b.get::<Deal>(&key()).unwrap().unwrap().fee, 1200);
}

#[test]
fn own_and_repeated_changes_change_nothing() {
    let (_dir, a, b, deal) = two_copies();
    assert_eq!(
        apply_remote(&a, &logged(&a).unwrap()).unwrap(),
        0,
        "its own changes are skipped"
    );
    let before: Deal = b.get(&key()).unwrap().unwrap();
    apply_remote(&b, &logged(&a).unwrap()).unwrap();
    assert_eq!(b.get::<Deal>(&key()).unwrap().unwrap(), before);
    assert_eq!(before, deal);
    // Taking in changes logs nothing new on the copy that takes them in.
    assert_eq!(logged(&b).unwrap().len(), 0);
}

#[test]
fn a_deletion_reaches_the_other_copy() {
    let (_dir, a, b, _deal) = two_copies();
    assert!(a.remove::<Deal>(&key()).unwrap());
    exchange(&a, &b);
    assert_eq!(b.get::<Deal>(&key()).unwrap(), None);
    assert_eq!(b.count::<Deal>().unwrap(), 0);
}

#[test]
fn a_copy_that_has_not_joined_takes_in_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert!(matches!(apply_remote(&store, &[]), Err(SyncError::NotJoined)));
}

#[test]
fn a_copy_joining_with_a_workspace_gives_it_to_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let full = Store::open(&dir.path().join("full")).unwrap();
    crate::sample::load(&full).unwrap();
    join(&full, "Ana").unwrap();
    let empty = Store::open(&dir.path().join("empty")).unwrap();
    join(&empty, "Ben").unwrap();
    assert!(logged(&empty).unwrap().is_empty(), "an empty copy has nothing to share");

    apply_remote(&empty, &logged(&full).unwrap()).unwrap();
    let partnerships = crate::agreement::partnership::list;
    assert_eq!(partnerships(&empty).unwrap(), partnerships(&full).unwrap());
    assert_eq!(partnerships(&empty).unwrap().len(), 6);
    assert_eq!(
        crate::campaign::list(&empty).unwrap(),
        crate::campaign::list(&full).unwrap()
    );
}

/// A record shaped like a dossier where it matters here: a checklist of
/// items, one entry each (the tree name gives it that rule).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sheet {
    id: u32,
    checklist: Vec<Tick>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Tick {
    item: String,
    state: String,
}

impl Record for Sheet {
    const TREE: &'static str = "dossiers";
    const KIND: &'static str = "sheet";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.to_be_bytes().to_vec()
    }
}

fn sheet(ticks: &[(&str, &str)]) -> Sheet {
    Sheet {
        id: 1,
        checklist: ticks
            .iter()
            .map(|(item, state)| Tick {
                item: item.to_string(),
                state: state.to_string(),
            })
            .collect(),
    }
}

#[test]
fn checklist_items_merge_one_by_one_and_a_reopened_item_stays_open() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(&dir.path().join("a")).unwrap();
    let b = Store::open(&dir.path().join("b")).unwrap();
    join(&a, "Ana").unwrap();
    join(&b, "Ben").unwrap();
    a.put(&sheet(&[("audience", "done")])).unwrap();
    apply_remote(&b, &logged(&a).unwrap()).unwrap();

    // Offline, Ana ticks another item while Ben waives the first: both stand.
    a.put(&sheet(&[("audience", "done"), ("brand_safety", "done")]))
        .unwrap();
    b.put(&sheet(&[("audience", "waived")])).unwrap();
    exchange(&a, &b);
    let key = 1u32.to_be_bytes();
    let on_a: Sheet = a.get(&key).unwrap().unwrap();
    assert_eq!(on_a, sheet(&[("audience", "waived"), ("brand_safety", "done")]));
    assert_eq!(b.get::<Sheet>(&key).unwrap().unwrap(), on_a);

    // Ana reopens "audience" (its entry goes) while Ben ticks a third item:
    // the reopening travels, and Ben's older view of "audience" does not bring it back.
    a.put(&sheet(&[("brand_safety", "done")])).unwrap();
    b.put(&sheet(&[
        ("audience", "waived"),
        ("brand_safety", "done"),
        ("past_work", "done"),
    ]))
    .unwrap();
    exchange(&a, &b);
    exchange(&a, &b);
    let expected = sheet(&[("brand_safety", "done"), ("past_work", "done")]);
    assert_eq!(a.get::<Sheet>(&key).unwrap().unwrap(), expected);
    assert_eq!(b.get::<Sheet>(&key).unwrap().unwrap(), expected);
    // Set fields never count as a conflict: both edits were kept.
    assert!(super::super::conflicts::list(&a).unwrap().is_empty());
}
