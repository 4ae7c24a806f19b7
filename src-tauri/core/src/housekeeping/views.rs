//! Saved views of the roster: a filter and an order under a name ("Vegan
//! food in DACH, by followers"), to come back to in one click.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::{FieldError, RosterError, RosterFilter, SortBy};
use crate::store::{Record, Store, StoreError};

const MAX_NAME: usize = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedView {
    pub name: String,
    pub filter: RosterFilter,
    pub sort: SortBy,
    pub descending: bool,
    pub saved_at: DateTime<Utc>,
}

impl Record for SavedView {
    const TREE: &'static str = "roster_views";
    const KIND: &'static str = "saved roster view";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.name.to_lowercase().into_bytes()
    }
}

/// Every saved view, by name.
pub fn list(store: &Store) -> Result<Vec<SavedView>, StoreError> {
    let mut all = store.all::<SavedView>()?;
    all.sort_by_key(|v| v.name.to_lowercase());
    Ok(all)
}

/// Saves a view; one of the same name (any case) is replaced.
pub fn save(
    store: &Store,
    name: &str,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
) -> Result<Vec<SavedView>, RosterError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(RosterError::Invalid(vec![FieldError::new(
            "name",
            format!("A view needs a name of at most {MAX_NAME} characters."),
        )]));
    }
    store.put(&SavedView {
        name,
        filter: filter.clone(),
        sort,
        descending,
        saved_at: Utc::now(),
    })?;
    Ok(list(store)?)
}

pub fn remove(store: &Store, name: &str) -> Result<Vec<SavedView>, RosterError> {
    if !store.remove::<SavedView>(name.trim().to_lowercase().as_bytes())? {
        return Err(RosterError::Invalid(vec![FieldError::new(
            "name",
            format!("There is no saved view named '{}'.", name.trim()),
        )]));
    }
    Ok(list(store)?)
}
