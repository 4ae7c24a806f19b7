//! What a merge can break that no single copy could: both edits were fine
//! on their own, together they are not. After each change from another
//! copy is merged, the rules a person's own edit would have been held to
//! are checked again ("nothing agreed while undefined" so far); what fails
//! becomes a conflict listed for a person to resolve, never dropped, and
//! clears itself once a later change puts it right.
//!
//! Conflicts are this copy's own finding (every copy that merged the same
//! changes finds the same ones), so they are kept in a tree of their own
//! that is not logged or sent.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::change::Change;
use super::log::held_key;
use uuid::Uuid;

use super::merge::{Edit, Field, Held};
use crate::agreement::partnership::{undefined_in, Partnership};
use crate::roster::{self, shared::Taken};
use crate::store::{Record, Store, StoreError};
use serde_json::Value;

pub(crate) const TREE: &str = "sync_conflicts";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SyncConflict")]
pub struct Conflict {
    /// The record's tree and key.
    pub tree: String,
    pub key: Vec<u8>,
    /// What a person reads: which rule the merged record breaks, and how.
    pub problem: String,
    /// Whose changes met in it: the other copy's author, then this copy's.
    pub authors: Vec<String>,
    pub found_at: DateTime<Utc>,
    /// The creators a person settles it between (two holding one account).
    #[serde(default)]
    pub creators: Vec<Uuid>,
    /// Its place in the list, for `dismiss` (filled in by `list`).
    #[serde(default)]
    pub id: String,
}

fn save(store: &Store, key: Vec<u8>, conflict: Option<&Conflict>) -> Result<(), StoreError> {
    let tree = store.sled_tree(TREE)?;
    // Most merges find nothing to clear: no write, no flush.
    if conflict.is_none() && !tree.contains_key(&key).map_err(StoreError::from_sled)? {
        return Ok(());
    }
    let mut batch = sled::Batch::default();
    match conflict {
        Some(conflict) => {
            let json = serde_json::to_vec(conflict).map_err(|e| StoreError::Engine(e.to_string()))?;
            batch.insert(key, json);
        }
        None => batch.remove(key),
    }
    store.apply(&tree, batch)
}

/// Checks the record `change` was merged into, and lists or clears its conflict.
pub(crate) fn check(store: &Store, change: &Change) -> Result<(), StoreError> {
    if change.tree != Partnership::TREE {
        return Ok(());
    }
    let at = held_key(&change.tree, &change.key);
    let partnership = match store.get::<Partnership>(&change.key) {
        Ok(Some(partnership)) => partnership,
        Ok(None) => return save(store, at, None),
        // A record this version cannot read is not judged here; reading it
        // where it is shown reports it. The merge itself must not stop.
        Err(_) => return Ok(()),
    };
    if !partnership.status.needs_agreement() {
        return save(store, at, None);
    }
    // The campaign or creator it names may not have arrived yet; the check
    // runs again with the next change to this partnership.
    let Ok(undefined) = undefined_in(store, &partnership) else {
        return Ok(());
    };
    if undefined.is_empty() {
        return save(store, at, None);
    }
    let details: Vec<&str> = undefined.iter().map(|u| u.message.as_str()).collect();
    let mine = store.change_log().map(|l| l.author).unwrap_or_default();
    let conflict = Conflict {
        tree: change.tree.clone(),
        key: change.key.clone(),
        problem: format!(
            "A partnership marked {} has details undefined after {}'s change was merged: {}",
            partnership.status.label(),
            change.author,
            details.join(" ")
        ),
        authors: vec![change.author.clone(), mine],
        found_at: Utc::now(),
        creators: Vec::new(),
        id: String::new(),
    };
    save(store, at, Some(&conflict))
}

/// Lists or clears the "one account, one creator" conflict of the creator
/// `change` was merged into: another creator here holds one of its accounts.
pub(crate) fn check_creator(store: &Store, change: &Change, taken: &Taken) -> Result<(), StoreError> {
    let at = held_key(&change.tree, &change.key);
    let (Some(merged), Some((other, account))) = (&taken.merged, taken.sharing.first()) else {
        return save(store, at, None);
    };
    let mine = store.change_log().map(|l| l.author).unwrap_or_default();
    let conflict = Conflict {
        tree: change.tree.clone(),
        key: change.key.clone(),
        problem: format!(
            "Two creators hold the {} account @{} after {}'s change was merged ({} and {}). \
             Merge them into one, or take the account off the one it does not belong to.",
            account.platform.label(),
            account.handle,
            change.author,
            merged.name,
            other.name
        ),
        authors: vec![change.author.clone(), mine],
        found_at: Utc::now(),
        creators: vec![merged.id, other.id],
        id: String::new(),
    };
    save(store, at, Some(&conflict))
}

/// A field two copies changed at the same time: each without having seen
/// the other's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FieldClash {
    pub field: String,
    /// The value this copy held, and the stamp it was written under.
    pub held: Field,
    pub theirs: Value,
}

/// The fields of `change` whose value here was written by another copy
/// under a stamp the change's writer had not seen, and differs.
/// Append-only fields merge without loss and never clash.
pub(crate) fn clashes(held: &Held, change: &Change) -> Vec<FieldClash> {
    let Edit::Set(fields) = &change.edit else {
        return Vec::new();
    };
    let sets = super::apply::append_only(&change.tree);
    fields
        .iter()
        .filter(|(name, _)| !sets.iter().any(|s| s.field == name.as_str()))
        // When a record was last saved is bookkeeping, not something two people decide.
        .filter(|(name, _)| name.as_str() != "updated_at")
        .filter_map(|(name, theirs)| {
            let here = held.fields.get(name)?;
            let concurrent = here.stamp.node != change.stamp.node
                && change.base.get(name) != Some(&here.stamp)
                && here.stamp != super::apply::BEFORE_SYNC;
            (concurrent && &here.value != theirs).then(|| FieldClash {
                field: name.clone(),
                held: here.clone(),
                theirs: theirs.clone(),
            })
        })
        .collect()
}

/// A value as a person reads it in a sentence, kept short.
fn shown(value: &Value) -> String {
    let text = match value {
        Value::String(s) => format!("“{s}”"),
        Value::Null => "nothing".to_string(),
        other => other.to_string(),
    };
    match text.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

fn record_noun(tree: &str) -> &str {
    match tree {
        "partnerships" => "a partnership",
        "campaigns" => "a campaign",
        "brands" => "a brand",
        "dossiers" => "a creator's dossier",
        crate::roster::shared::TREE => "a creator",
        crate::roster::shared::FIGURES => "a creator's imported figures",
        other => other,
    }
}

/// Lists each clash of `change` as a conflict: the later change is kept
/// (the clock decides, the same on every copy) and the other value is
/// shown, so a person can put it back.
pub(crate) fn save_clashes(store: &Store, change: &Change, clashes: &[FieldClash]) -> Result<(), StoreError> {
    let log = store.change_log();
    let mine = log.as_ref().map(|l| l.author.clone()).unwrap_or_default();
    let me = log.map(|l| l.node);
    for clash in clashes {
        let here = if Some(clash.held.stamp.node) == me {
            mine.clone()
        } else {
            "another member".to_string()
        };
        let theirs_kept = change.stamp > clash.held.stamp;
        let (kept, lost, lost_value) = if theirs_kept {
            (change.author.as_str(), here.as_str(), &clash.held.value)
        } else {
            (here.as_str(), change.author.as_str(), &clash.theirs)
        };
        let conflict = Conflict {
            tree: change.tree.clone(),
            key: change.key.clone(),
            problem: format!(
                "{} and {} changed the {} of {} at the same time. {}'s change is kept, being the later; {} had {}.",
                change.author,
                here,
                clash.field.replace('_', " "),
                record_noun(&change.tree),
                kept,
                lost,
                shown(lost_value)
            ),
            authors: vec![change.author.clone(), here.clone()],
            found_at: Utc::now(),
            creators: Vec::new(),
            id: String::new(),
        };
        let mut at = held_key(&change.tree, &change.key);
        at.push(0);
        at.extend_from_slice(clash.field.as_bytes());
        save(store, at, Some(&conflict))?;
    }
    Ok(())
}

/// Takes a conflict off the list once a person has seen it: `key` is its
/// place in the list (`Conflict::id`).
pub fn dismiss(store: &Store, id: &str) -> Result<(), StoreError> {
    let key = (0..id.len())
        .step_by(2)
        .map(|i| id.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| StoreError::BadRecord {
            kind: "sync conflict",
            detail: format!("{id} names no conflict"),
        })?;
    save(store, key, None)
}

/// Whether a "two creators, one account" conflict still holds: both are
/// on the roster and still share an account.
fn still_shared(store: &Store, creators: &[Uuid]) -> bool {
    let [a, b] = creators else { return true };
    let (Ok(a), Ok(b)) = (roster::get(store, &a.to_string()), roster::get(store, &b.to_string())) else {
        return false;
    };
    a.accounts.iter().any(|x| {
        b.accounts
            .iter()
            .any(|y| x.platform == y.platform && x.handle == y.handle)
    })
}

/// The conflicts waiting for a person, in record order. A conflict put
/// right here since (the two creators merged, an account moved) is cleared.
pub fn list(store: &Store) -> Result<Vec<Conflict>, StoreError> {
    let mut waiting = Vec::new();
    for entry in store.sled_tree(TREE)?.iter() {
        let (key, bytes) = entry.map_err(StoreError::from_sled)?;
        let mut conflict: Conflict = serde_json::from_slice(&bytes).map_err(|e| StoreError::BadRecord {
            kind: "sync conflict",
            detail: e.to_string(),
        })?;
        if still_shared(store, &conflict.creators) {
            conflict.id = key.iter().map(|b| format!("{b:02x}")).collect();
            waiting.push(conflict);
        } else {
            save(store, key.to_vec(), None)?;
        }
    }
    Ok(waiting)
}

#[cfg(test)]
mod tests;
