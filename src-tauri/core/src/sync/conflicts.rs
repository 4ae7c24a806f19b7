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

use crate::agreement::partnership::{undefined_in, Partnership};
use crate::roster::{self, shared::Taken};
use crate::store::{Record, Store, StoreError};

pub(crate) const TREE: &str = "sync_conflicts";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

fn save(store: &Store, key: Vec<u8>, conflict: Option<&Conflict>) -> Result<(), StoreError> {
    let tree = store.sled_tree(TREE)?;
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
            "Two creators hold the {} account @{} after {}'s change was merged: {} and {}. \
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
    };
    save(store, at, Some(&conflict))
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
    let all: Vec<Conflict> = super::log::json_values(store, TREE, "sync conflict")?;
    let mut waiting = Vec::with_capacity(all.len());
    for conflict in all {
        if still_shared(store, &conflict.creators) {
            waiting.push(conflict);
        } else {
            save(store, held_key(&conflict.tree, &conflict.key), None)?;
        }
    }
    Ok(waiting)
}

#[cfg(test)]
mod tests;
