use serde_json::json;

use super::super::merge::Edit;
use super::*;
use crate::store::tests::{note, Note};

fn edits(store: &Store) -> Vec<(u32, Edit)> {
    logged(store)
        .unwrap()
        .into_iter()
        .map(|c| (u32::from_be_bytes(c.key.try_into().unwrap()), c.edit))
        .collect()
}

fn set(value: serde_json::Value) -> Edit {
    Edit::Set(value.as_object().unwrap().clone())
}

#[test]
fn a_copy_that_never_joined_logs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.put(&note(1, "first")).unwrap();
    store.remove::<Note>(&1u32.to_be_bytes()).unwrap();
    assert!(logged(&store).unwrap().is_empty());
    assert!(store.change_log().is_none());
}

#[test]
fn each_typed_write_is_logged_with_only_what_it_touched() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let node = join(&store, "Lena Vogel").unwrap();

    store.put(&note(1, "first")).unwrap();
    store.put(&note(1, "second")).unwrap();
    store.put(&note(1, "second")).unwrap();
    assert!(store.remove::<Note>(&1u32.to_be_bytes()).unwrap());
    assert!(!store.remove::<Note>(&1u32.to_be_bytes()).unwrap());
    store.put_many(&[note(2, "x"), note(3, "y")]).unwrap();
    store.swap(&[2u32.to_be_bytes().to_vec()], &[note(4, "z")]).unwrap();
    store.replace_all(&[note(3, "y"), note(5, "w")]).unwrap();
    assert_eq!(store.remove_prefix::<Note>(b"").unwrap(), 2);

    assert_eq!(
        edits(&store),
        vec![
            (1, set(json!({"id": 1, "text": "first"}))),
            (1, set(json!({"text": "second"}))),
            (1, Edit::Delete),
            (2, set(json!({"id": 2, "text": "x"}))),
            (3, set(json!({"id": 3, "text": "y"}))),
            (2, Edit::Delete),
            (4, set(json!({"id": 4, "text": "z"}))),
            (4, Edit::Delete),
            (5, set(json!({"id": 5, "text": "w"}))),
            (3, Edit::Delete),
            (5, Edit::Delete),
        ]
    );
    let changes = logged(&store).unwrap();
    assert!(changes
        .iter()
        .all(|c| c.id.node == node && c.author == "Lena Vogel" && c.tree == "notes"));
    let seqs: Vec<u64> = changes.iter().map(|c| c.id.seq).collect();
    assert_eq!(seqs, (1..=11).collect::<Vec<u64>>());
    assert!(changes.windows(2).all(|w| w[0].stamp < w[1].stamp));
    // The records themselves are written as before.
    assert_eq!(store.count::<Note>().unwrap(), 0);
}

#[test]
fn the_log_carries_on_after_the_copy_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let node = {
        let store = Store::open(dir.path()).unwrap();
        let node = join(&store, "Lena Vogel").unwrap();
        store.put(&note(1, "first")).unwrap();
        node
    };
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.change_log().map(|l| l.node), Some(node));
    store.put(&note(1, "again")).unwrap();
    let changes = logged(&store).unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].id.seq, 2);
    assert!(changes[1].stamp > changes[0].stamp);
    assert_eq!(store.get::<Note>(&1u32.to_be_bytes()).unwrap(), Some(note(1, "again")));
    // Joining again keeps who the copy is and takes the new name.
    assert_eq!(join(&store, "Lena V.").unwrap(), node);
    store.put(&note(1, "third")).unwrap();
    assert_eq!(logged(&store).unwrap()[2].author, "Lena V.");
}

#[test]
fn joining_shares_the_records_already_here_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.put(&note(1, "before joining")).unwrap();
    store.put(&note(2, "also before")).unwrap();
    join(&store, "Lena Vogel").unwrap();
    assert_eq!(
        edits(&store),
        vec![
            (1, set(json!({"id": 1, "text": "before joining"}))),
            (2, set(json!({"id": 2, "text": "also before"}))),
        ]
    );
    // Joining again (a new name) shares nothing twice.
    join(&store, "Lena V.").unwrap();
    assert_eq!(logged(&store).unwrap().len(), 2);
}

#[test]
fn the_persons_own_settings_stay_with_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    crate::identity::set(&store, "Lena Vogel").unwrap();
    join(&store, "Lena Vogel").unwrap();
    crate::identity::set(&store, "Lena V.").unwrap();
    assert!(logged(&store).unwrap().is_empty(), "{:?}", logged(&store).unwrap());
}

#[test]
fn a_new_name_is_the_one_later_changes_carry() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let node = join(&store, "Lena").unwrap();
    store.put(&note(1, "first")).unwrap();
    crate::identity::set(&store, "Lena  Vogel").unwrap();
    store.put(&note(2, "second")).unwrap();
    let authors: Vec<String> = logged(&store).unwrap().into_iter().map(|c| c.author).collect();
    assert_eq!(authors, ["Lena", "Lena Vogel"]);
    // The copy stays the same node; only the name moved on.
    assert_eq!(store.change_log().map(|l| l.node), Some(node));
}
