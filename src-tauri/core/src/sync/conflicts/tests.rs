use serde_json::json;

use super::super::apply::apply_remote;
use super::super::change::ChangeId;
use super::super::clock::{Clock, NodeId};
use super::super::log::join;
use super::super::merge::Edit;
use super::*;
use crate::agreement::partnership::{list as partnerships, Status};

/// A change from another copy to a partnership's terms, stamped after
/// everything this copy holds, made by someone who had seen its terms.
fn terms_from_elsewhere(store: &Store, partnership: &Partnership, kill_fee: serde_json::Value, seq: u64) -> Change {
    let held = crate::sync::apply::held_of(store, Partnership::TREE, &partnership.key(), None).unwrap();
    let seen = held.fields["terms"].stamp;
    let node = NodeId([0x42; 8]);
    let mut clock = Clock::new(node);
    let mut terms = serde_json::to_value(&partnership.terms).unwrap();
    terms["compensation"]["kill_fee"] = kill_fee;
    let mut fields = serde_json::Map::new();
    fields.insert("terms".into(), terms);
    Change {
        id: ChangeId { node, seq },
        stamp: clock.tick(u64::try_from(Utc::now().timestamp_millis()).unwrap() + seq),
        tree: Partnership::TREE.into(),
        key: partnership.key(),
        edit: Edit::Set(fields),
        version: Partnership::VERSION,
        author: "Ben".into(),
        base: [("terms".to_string(), seen)].into(),
        elements: Default::default(),
    }
}

#[test]
fn an_agreed_partnership_left_undefined_by_a_merge_is_listed_until_put_right() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    crate::sample::load(&store).unwrap();
    join(&store, "Ana").unwrap();
    let agreed = partnerships(&store)
        .unwrap()
        .into_iter()
        .find(|p| p.status == Status::Agreed)
        .unwrap();
    assert!(list(&store).unwrap().is_empty());

    // Ben, elsewhere, cleared the kill fee while Ana's copy had it agreed.
    apply_remote(&store, &[terms_from_elsewhere(&store, &agreed, json!(null), 1)]).unwrap();
    let conflicts = list(&store).unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].key, agreed.key());
    assert!(
        conflicts[0].problem.starts_with(
            "A partnership marked Agreed has details undefined after Ben's change was merged: No kill fee"
        ),
        "{}",
        conflicts[0].problem
    );
    assert_eq!(conflicts[0].authors, ["Ben", "Ana"]);

    // A later change that names a kill fee puts it right: the conflict goes.
    let fee = json!({"minor": 80000, "currency": "EUR"});
    apply_remote(&store, &[terms_from_elsewhere(&store, &agreed, fee, 2)]).unwrap();
    assert!(list(&store).unwrap().is_empty());
}
