//! One change as it travels between a working copy and the server: which
//! record (tree and key), what the write did to it (`merge::Edit`), who made
//! it and when (`clock::Stamp`), under an id no other change anywhere has.
//! A local write becomes a change by comparing the record as stored before
//! and after (`of_write`), so only the fields it touched travel.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clock::{NodeId, Stamp};
use super::merge::{touched, Edit, ElementEdit};
use crate::store::codec;

/// The writing copy and its own count of changes: unique without asking anyone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ChangeId {
    pub node: NodeId,
    pub seq: u64,
}

impl ChangeId {
    /// The key of the change in the local `changes` tree: changes are pushed in the order they were made.
    pub fn local_key(self) -> [u8; 8] {
        self.seq.to_be_bytes()
    }
}

impl std::fmt::Display for ChangeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.node.0.iter().try_for_each(|b| write!(f, "{b:02x}"))?;
        write!(f, "-{}", self.seq)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: ChangeId,
    pub stamp: Stamp,
    /// The sled tree of the record.
    pub tree: String,
    pub key: Vec<u8>,
    pub edit: Edit,
    /// The record's layout version (`Record::VERSION`) the writer used.
    pub version: u16,
    /// The name the person works under (Settings → Your name).
    pub author: String,
    /// The stamps of the fields it overwrote, as its writer held them: a
    /// copy holding one of those fields under another stamp, with another
    /// value, changed it at the same time (a conflict, listed).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub base: BTreeMap<String, Stamp>,
    /// For each keyed set it wrote (`merge::AppendOnly::key`), the elements
    /// it changed and removed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub elements: BTreeMap<String, ElementEdit>,
}

/// What a write did to a record stored as `codec` lays it out, or `None`
/// when it changed nothing a reader could see.
pub fn of_write(before: Option<&[u8]>, after: Option<&[u8]>) -> Result<Option<Edit>, String> {
    let body = |bytes: &[u8]| -> Result<Value, String> {
        let (_, json) = codec::split(bytes)?;
        serde_json::from_slice(json).map_err(|e| e.to_string())
    };
    match (before, after) {
        (None, None) => Ok(None),
        (Some(_), None) => Ok(Some(Edit::Delete)),
        (before, Some(after)) => {
            let before = before.map(body).transpose()?;
            let fields = touched(before.as_ref(), &body(after)?);
            Ok((!fields.is_empty()).then_some(Edit::Set(fields)))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn stored(value: Value) -> Vec<u8> {
        codec::encode(1, &value).unwrap()
    }

    #[test]
    fn a_write_becomes_the_fields_it_touched() {
        let before = stored(json!({"name": "Mara Costa", "country": "PT", "notes": ""}));
        let after = stored(json!({"name": "Mara Costa", "country": "ES", "notes": ""}));
        let Some(Edit::Set(fields)) = of_write(Some(&before), Some(&after)).unwrap() else {
            panic!("a set");
        };
        assert_eq!(Value::Object(fields), json!({"country": "ES"}));
        // A new record carries every field; a removal is a deletion.
        let Some(Edit::Set(all)) = of_write(None, Some(&before)).unwrap() else {
            panic!("a set");
        };
        assert_eq!(all.len(), 3);
        assert_eq!(of_write(Some(&before), None).unwrap(), Some(Edit::Delete));
        // Saving what was already there sends nothing.
        assert_eq!(of_write(Some(&before), Some(&before)).unwrap(), None);
        assert!(of_write(Some(&[1]), Some(&before)).is_err());
    }

    #[test]
    fn ids_are_unique_per_copy_and_read_as_text() {
        let id = ChangeId {
            node: NodeId([0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f, 0x60, 0x71]),
            seq: 42,
        };
        assert_eq!(id.to_string(), "0a1b2c3d4e5f6071-42");
        assert_eq!(id.local_key(), 42u64.to_be_bytes());
        let change = Change {
            id,
            stamp: Stamp {
                millis: 1_733_300_000_000,
                counter: 0,
                node: id.node,
            },
            tree: "influencers".into(),
            key: b"creator-1".to_vec(),
            edit: Edit::Delete,
            version: 1,
            author: "Lena Vogel".into(),
            base: BTreeMap::new(),
            elements: BTreeMap::new(),
        };
        let text = serde_json::to_string(&change).unwrap();
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), change);
    }
}
