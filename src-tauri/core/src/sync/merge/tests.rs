use proptest::prelude::*;
use serde_json::json;

use super::super::clock::NodeId;
use super::*;

const TIMELINE: [AppendOnly; 1] = [AppendOnly {
    field: "timeline",
    order_by: "at",
    key: None,
}];

fn stamp(millis: u64, node: u8) -> Stamp {
    Stamp {
        millis,
        counter: 0,
        node: NodeId([node; 8]),
    }
}

fn set(value: Value) -> Edit {
    Edit::Set(value.as_object().unwrap().clone())
}

#[test]
fn a_local_write_touches_only_the_fields_it_changed() {
    let before = json!({"name": "Mara", "fee": 900, "notes": ""});
    let after = json!({"name": "Mara", "fee": 1200, "notes": "", "status": "agreed"});
    assert_eq!(
        Value::Object(touched(Some(&before), &after)),
        json!({"fee": 1200, "status": "agreed"})
    );
    assert_eq!(Value::Object(touched(None, &before)), before);
}

#[test]
fn two_people_editing_different_fields_both_keep_their_edit() {
    let mut held = Held::default();
    held.apply(&set(json!({"name": "Mara", "fee": 900, "notes": ""})), stamp(1, 1), &[]);
    // Offline, one raises the fee, the other writes a note; either order.
    let fee = (set(json!({"fee": 1200})), stamp(5, 1));
    let note = (set(json!({"notes": "prefers email"})), stamp(4, 2));
    let mut other = held.clone();
    held.apply(&fee.0, fee.1, &[]);
    held.apply(&note.0, note.1, &[]);
    other.apply(&note.0, note.1, &[]);
    other.apply(&fee.0, fee.1, &[]);
    assert_eq!(held, other);
    assert_eq!(
        held.value(),
        Some(json!({"name": "Mara", "fee": 1200, "notes": "prefers email"}))
    );
}

#[test]
fn the_same_field_goes_to_the_later_stamp_and_timelines_keep_both_sides() {
    let mut held = Held::default();
    held.apply(&set(json!({"fee": 900, "timeline": []})), stamp(1, 1), &TIMELINE);
    held.apply(
        &set(json!({"fee": 1500, "timeline": [{"at": "2026-12-04T10:00", "event": "brief_sent"}]})),
        stamp(9, 2),
        &TIMELINE,
    );
    held.apply(
        &set(json!({"fee": 1200, "timeline": [{"at": "2026-12-04T09:00", "event": "message"}]})),
        stamp(7, 1),
        &TIMELINE,
    );
    assert_eq!(
        held.value(),
        Some(json!({
            "fee": 1500,
            "timeline": [
                {"at": "2026-12-04T09:00", "event": "message"},
                {"at": "2026-12-04T10:00", "event": "brief_sent"}
            ]
        }))
    );
}

#[test]
fn a_deletion_hides_the_record_until_a_later_write() {
    let mut held = Held::default();
    held.apply(&set(json!({"name": "Mara", "fee": 900})), stamp(1, 1), &[]);
    held.apply(&set(json!({"fee": 1000})), stamp(3, 2), &[]);
    held.apply(&Edit::Delete, stamp(2, 1), &[]);
    // Someone raised the fee after the deletion was made: the record stays.
    assert_eq!(held.value(), Some(json!({"name": "Mara", "fee": 1000})));
    held.apply(&Edit::Delete, stamp(6, 1), &[]);
    assert_eq!(held.value(), None);
    held.apply(&set(json!({"fee": 1100})), stamp(8, 2), &[]);
    assert_eq!(held.value(), Some(json!({"name": "Mara", "fee": 1100})));
}

fn edit() -> impl Strategy<Value = Edit> {
    let field = prop_oneof![Just("name"), Just("fee"), Just("notes")];
    let entry = (0u8..4, 0u8..3).prop_map(|(at, kind)| json!({"at": at, "event": kind}));
    prop_oneof![
        4 => (field, 0u8..5, proptest::collection::vec(entry, 0..3)).prop_map(|(name, v, entries)| {
            let mut map = Map::new();
            map.insert(name.to_string(), json!(v));
            if !entries.is_empty() {
                map.insert("timeline".into(), Value::Array(entries));
            }
            Edit::Set(map)
        }),
        1 => Just(Edit::Delete),
    ]
}

proptest! {
    #[test]
    fn every_order_of_the_same_changes_ends_the_same(
        edits in proptest::collection::vec((edit(), 0u64..20, 0u8..3), 1..12),
        order in any::<proptest::sample::Index>(),
    ) {
        // Stamps are unique across copies: make them so.
        let changes: Vec<(Edit, Stamp)> = edits
            .into_iter()
            .enumerate()
            .map(|(i, (e, millis, node))| (e, Stamp { millis, counter: i as u32, node: NodeId([node; 8]) }))
            .collect();
        let mut forwards = Held::default();
        for (e, s) in &changes {
            forwards.apply(e, *s, &TIMELINE);
        }
        let mut shuffled = changes.clone();
        let turn = order.index(shuffled.len());
        shuffled.rotate_left(turn);
        shuffled.reverse();
        let mut other = Held::default();
        for (e, s) in &shuffled {
            other.apply(e, *s, &TIMELINE);
        }
        prop_assert_eq!(&forwards, &other);
        // Delivered twice (a sync cut short and run again): nothing changes.
        for (e, s) in &shuffled {
            other.apply(e, *s, &TIMELINE);
        }
        prop_assert_eq!(forwards.value(), other.value());
        prop_assert_eq!(forwards, other);
    }
}
