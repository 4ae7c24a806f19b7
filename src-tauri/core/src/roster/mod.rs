//! The roster: the creators a brand works with, their accounts, and the rules
//! that keep one creator one record.

mod model;
mod validate;

use chrono::Utc;
use uuid::Uuid;

pub use model::{Account, AccountDraft, Influencer, InfluencerDraft, Platform};
pub use validate::{normalise_email, normalise_handle, validate, FieldError, ValidDraft};

use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    #[error("there is no influencer with id {0} (it may have been deleted)")]
    NotFound(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn join_messages(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every influencer, sorted by name the way people sort names.
pub fn list(store: &Store) -> Result<Vec<Influencer>, RosterError> {
    let mut all = store.all::<Influencer>()?;
    all.sort_by_cached_key(|i| (i.name.to_lowercase(), i.created_at));
    Ok(all)
}

pub fn get(store: &Store, id: &str) -> Result<Influencer, RosterError> {
    let uuid = parse_id(id)?;
    store
        .get::<Influencer>(uuid.as_bytes())?
        .ok_or_else(|| RosterError::NotFound(id.to_string()))
}

/// Validates and stores a new influencer; it is on disk when this returns.
pub fn add(store: &Store, draft: &InfluencerDraft) -> Result<Influencer, RosterError> {
    let valid = validate(draft).map_err(RosterError::Invalid)?;
    let existing = store.all::<Influencer>()?;
    check_accounts_are_free(&valid, None, &existing)?;
    let now = Utc::now();
    let influencer = Influencer {
        id: Uuid::new_v4(),
        name: valid.name,
        accounts: valid.accounts,
        email: valid.email,
        country: valid.country,
        niches: valid.niches,
        notes: valid.notes,
        created_at: now,
        updated_at: now,
    };
    store.put(&influencer)?;
    Ok(influencer)
}

/// Replaces the editable fields of an influencer; it is on disk when this returns.
pub fn update(store: &Store, id: &str, draft: &InfluencerDraft) -> Result<Influencer, RosterError> {
    let current = get(store, id)?;
    let valid = validate(draft).map_err(RosterError::Invalid)?;
    let existing = store.all::<Influencer>()?;
    check_accounts_are_free(&valid, Some(current.id), &existing)?;
    let updated = Influencer {
        name: valid.name,
        accounts: valid.accounts,
        email: valid.email,
        country: valid.country,
        niches: valid.niches,
        notes: valid.notes,
        updated_at: Utc::now(),
        ..current
    };
    store.put(&updated)?;
    Ok(updated)
}

/// Deletes an influencer; gone from disk when this returns.
pub fn remove(store: &Store, id: &str) -> Result<(), RosterError> {
    let uuid = parse_id(id)?;
    if store.remove::<Influencer>(uuid.as_bytes())? {
        Ok(())
    } else {
        Err(RosterError::NotFound(id.to_string()))
    }
}

fn parse_id(id: &str) -> Result<Uuid, RosterError> {
    Uuid::parse_str(id.trim()).map_err(|_| RosterError::NotFound(id.to_string()))
}

/// One account belongs to one creator: adding `@mara` on Instagram to a second
/// person is almost always a duplicate record in the making.
pub(crate) fn check_accounts_are_free(
    valid: &ValidDraft,
    owner: Option<Uuid>,
    existing: &[Influencer],
) -> Result<(), RosterError> {
    let mut errors = Vec::new();
    for (index, account) in valid.accounts.iter().enumerate() {
        let holder = existing
            .iter()
            .filter(|other| Some(other.id) != owner)
            .find(|other| {
                other
                    .accounts
                    .iter()
                    .any(|a| a.platform == account.platform && a.handle == account.handle)
            });
        if let Some(holder) = holder {
            errors.push(FieldError::new(
                format!("accounts.{index}.handle"),
                format!(
                    "Account {}: {} @{} already belongs to {} on the roster.",
                    index + 1,
                    account.platform.label(),
                    account.handle,
                    holder.name
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RosterError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests;
