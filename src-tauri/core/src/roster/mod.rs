//! The roster: the creators a brand works with, their accounts, and the rules
//! that keep one creator one record.

mod model;
mod profile;
mod query;
mod validate;

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub use model::{Account, AccountDraft, Influencer, InfluencerDraft, Platform};
pub use profile::parse_account_ref;
pub use query::{query, RosterFilter, SortBy, Tier};
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
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
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
    let influencer = valid.into_new(Uuid::new_v4(), Utc::now());
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
        updated_at: Utc::now(),
        ..valid.apply_to(current)
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

impl ValidDraft {
    /// A new influencer made of these fields.
    pub fn into_new(self, id: Uuid, now: DateTime<Utc>) -> Influencer {
        Influencer {
            id,
            name: self.name,
            accounts: self.accounts,
            email: self.email,
            country: self.country,
            niches: self.niches,
            notes: self.notes,
            created_at: now,
            updated_at: now,
        }
    }

    /// `current` with its editable fields replaced by these; id and dates kept.
    pub fn apply_to(self, current: Influencer) -> Influencer {
        Influencer {
            name: self.name,
            accounts: self.accounts,
            email: self.email,
            country: self.country,
            niches: self.niches,
            notes: self.notes,
            ..current
        }
    }
}

fn parse_id(id: &str) -> Result<Uuid, RosterError> {
    Uuid::parse_str(id.trim()).map_err(|_| RosterError::NotFound(id.to_string()))
}

/// One account belongs to one creator: adding `@mara` on Instagram to a second
/// person is almost always a duplicate record in the making.
fn check_accounts_are_free(
    valid: &ValidDraft,
    owner: Option<Uuid>,
    existing: &[Influencer],
) -> Result<(), RosterError> {
    let mut errors = Vec::new();
    for (index, account) in valid.accounts.iter().enumerate() {
        let holder = existing.iter().filter(|other| Some(other.id) != owner).find(|other| {
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
