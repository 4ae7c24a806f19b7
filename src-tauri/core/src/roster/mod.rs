//! The roster: the creators a brand works with, their accounts, and the rules
//! that keep one creator one record.

pub(crate) mod blocks;
mod bulk;
mod codec;
pub mod figures;
pub(crate) mod index;
mod model;
mod profile;
mod query;
pub(crate) mod shared;
mod tiers;
mod validate;

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub(crate) use bulk::{migrate_to_blocks, with_writer, Writer};
pub use bulk::{replace_all, EncodedCreators};
pub(crate) use index::{account_key, AccountMap};
pub use model::{Account, AccountDraft, Influencer, InfluencerDraft, Platform};
pub use profile::parse_account_ref;
pub use query::{query, query_encoded, query_page, Page, RosterFilter, SortBy};
pub use tiers::{set_tier_boundaries, tier_boundaries, Tier, TierBoundaries};
pub use validate::{check_limits, niche_label, normalise_email, normalise_handle, validate, FieldError, ValidDraft};

use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    #[error("there is no influencer with id {0} (it may have been deleted)")]
    NotFound(String),
    #[error("no creator on the roster has the account '{0}'")]
    NoSuchAccount(String),
    #[error("'{handle}' is the handle of more than one creator (on {}); give a profile link or an id", .platforms.join(", "))]
    Ambiguous { handle: String, platforms: Vec<String> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn join_messages(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
}

/// What imports said of a creator's figures (`figures`), if anything.
pub fn imported_figures(store: &Store, id: Uuid) -> Result<Option<figures::CreatorFigures>, StoreError> {
    let state = index::state(store);
    let Some(block) = state.read(store)?.block_of(&id) else {
        return Ok(None);
    };
    figures::read(&blocks::tree(store)?, block, id)
}

/// Every creator's imported figures, block by block.
pub fn for_each_imported_figures(
    store: &Store,
    each: impl FnMut(figures::CreatorFigures) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    figures::for_each(&blocks::tree(store)?, each)
}

/// One creator in the compact form blocks hold (importers keep new
/// creators this way until they are written).
pub(crate) fn encode_record(influencer: &Influencer) -> Vec<u8> {
    blocks::encode(influencer)
}

/// The platforms an encoded creator has accounts on, as bits
/// (`1 << platform as u16`), read without decoding the record.
pub(crate) fn record_platforms(record: &[u8]) -> Result<u16, StoreError> {
    let view = codec::RecordView::read(&mut codec::Reader::new(record)).map_err(blocks::bad)?;
    Ok(view
        .accounts()
        .fold(0, |bits, (platform, _, _)| bits | 1 << platform as u16))
}

pub fn decode_record(record: &[u8]) -> Result<Influencer, StoreError> {
    blocks::decode(record)
}

/// Every influencer, sorted by name the way people sort names.
pub fn list(store: &Store) -> Result<Vec<Influencer>, RosterError> {
    let mut all = Vec::new();
    blocks::for_each(&blocks::tree(store)?, |_, influencer| {
        all.push(influencer);
        Ok(())
    })?;
    all.sort_by_cached_key(|i| (i.name.to_lowercase(), i.created_at));
    Ok(all)
}

/// Builds the roster's index now rather than at the first query that needs
/// it: the app calls this right after opening a store, off the UI thread.
/// Returns how many creators the index holds.
pub fn warm_up(store: &Store) -> Result<usize, RosterError> {
    let state = index::state(store);
    let index = state.read(store)?;
    Ok(index.len())
}

/// How many influencers are on the roster (one stored number: the index
/// need not be built).
pub fn count(store: &Store) -> Result<usize, RosterError> {
    if let Some(n) = blocks::stored_count(&blocks::tree(store)?)? {
        return Ok(n as usize);
    }
    let state = index::state(store);
    let index = state.read(store)?;
    Ok(index.len())
}

pub fn get(store: &Store, id: &str) -> Result<Influencer, RosterError> {
    let uuid = parse_id(id)?;
    let state = index::state(store);
    let block = state.read(store)?.block_of(&uuid);
    let found = match block {
        Some(block) => blocks::fetch(&blocks::tree(store)?, &[(block, uuid)])?.pop(),
        None => None,
    };
    found.ok_or_else(|| RosterError::NotFound(id.to_string()))
}

/// Finds a creator by id, by handle (`@mara`, on whichever platform) or by
/// profile link, the ways people refer to creators in the CLI.
pub fn find(store: &Store, reference: &str) -> Result<Influencer, RosterError> {
    let text = reference.trim();
    if Uuid::parse_str(text).is_ok() {
        return get(store, text);
    }
    let state = index::state(store);
    let mut holders: Vec<(u32, Uuid, Platform)> = {
        let index = state.read(store)?;
        match parse_account_ref(text, None) {
            Ok((platform, handle)) => index
                .account_holder(platform, &handle)
                .map(|(block, id)| (block, id, platform))
                .into_iter()
                .collect(),
            Err(_) => Platform::ALL
                .into_iter()
                .filter_map(|p| {
                    let handle = validate::normalise_handle_on(Some(p), text).ok()?;
                    index.account_holder(p, &handle).map(|(block, id)| (block, id, p))
                })
                .collect(),
        }
    };
    holders.sort_by_key(|(_, id, _)| *id);
    holders.dedup_by_key(|(_, id, _)| *id);
    match holders.as_slice() {
        [] => Err(RosterError::NoSuchAccount(text.to_string())),
        [(block, id, _)] => blocks::fetch(&blocks::tree(store)?, &[(*block, *id)])?
            .pop()
            .ok_or_else(|| RosterError::NoSuchAccount(text.to_string())),
        many => Err(RosterError::Ambiguous {
            handle: text.to_string(),
            platforms: many.iter().map(|(_, _, p)| p.label().to_string()).collect(),
        }),
    }
}

/// Validates and stores a new influencer; it is on disk when this returns.
pub fn add(store: &Store, draft: &InfluencerDraft) -> Result<Influencer, RosterError> {
    let valid = validate(draft).map_err(RosterError::Invalid)?;
    with_writer(store, |writer| {
        check_accounts_are_free(writer, &valid, None)?;
        let influencer = valid.into_new(Uuid::new_v4(), Utc::now());
        writer.put(&influencer, None)?;
        Ok(influencer)
    })
}

/// Replaces the editable fields of an influencer; it is on disk when this returns.
pub fn update(store: &Store, id: &str, draft: &InfluencerDraft) -> Result<Influencer, RosterError> {
    let valid = validate(draft).map_err(RosterError::Invalid)?;
    with_writer(store, |writer| {
        let current = get(store, id)?;
        check_accounts_are_free(writer, &valid, Some(current.id))?;
        let updated = Influencer {
            updated_at: Utc::now(),
            ..valid.apply_to(current.clone())
        };
        writer.put(&updated, Some(&current))?;
        Ok(updated)
    })
}

/// Deletes an influencer; gone from disk when this returns.
pub fn remove(store: &Store, id: &str) -> Result<(), RosterError> {
    with_writer(store, |writer| {
        let current = get(store, id)?;
        writer.remove(&current)?;
        // Their dossier and shortlist places go with them. A crash between
        // the writes leaves records nothing shows: unreachable, never wrong.
        crate::vetting::forget_creator(store, current.id)?;
        Ok(())
    })
}

/// Makes `other` part of `keep` and removes `other`, in one atomic write of
/// the roster: `keep` gains `other`'s accounts and niches, their email and
/// country where `keep` has none, and both notes; imported figures of both
/// stay with `keep`. The other records that name a creator (dossier,
/// partnerships, shortlists, tags) are `housekeeping::merge`'s to move.
pub fn merge(store: &Store, keep_id: &str, other_id: &str) -> Result<(Influencer, Influencer), RosterError> {
    let (keep, other, valid) = merged(store, keep_id, other_id)?;
    with_writer(store, |writer| {
        let merged = Influencer {
            updated_at: Utc::now(),
            ..valid.apply_to(keep.clone())
        };
        writer.merge(&keep, &merged, &other)?;
        Ok((merged, other))
    })
}

/// The two creators and what `merge` would make of them, checked.
pub fn merged(
    store: &Store,
    keep_id: &str,
    other_id: &str,
) -> Result<(Influencer, Influencer, ValidDraft), RosterError> {
    let keep = get(store, keep_id)?;
    let other = get(store, other_id)?;
    if keep.id == other.id {
        return Err(RosterError::Invalid(vec![FieldError::new(
            "other",
            "A creator cannot be merged with themselves.",
        )]));
    }
    let mut draft = keep.to_draft();
    let theirs = other.to_draft();
    // Copies of a team can each hold the account (a conflict that a merge
    // settles): it stays once, with the larger following.
    for account in theirs.accounts {
        match draft
            .accounts
            .iter_mut()
            .find(|a| a.platform == account.platform && a.handle == account.handle)
        {
            Some(held) => held.followers = held.followers.max(account.followers),
            None => draft.accounts.push(account),
        }
    }
    for niche in theirs.niches {
        if !draft.niches.iter().any(|n| n.eq_ignore_ascii_case(&niche)) {
            draft.niches.push(niche);
        }
    }
    if draft.email.trim().is_empty() {
        draft.email = theirs.email;
    }
    if draft.country.trim().is_empty() {
        draft.country = theirs.country;
    }
    draft.notes = [draft.notes.trim(), theirs.notes.trim()]
        .into_iter()
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let valid = validate(&draft).map_err(RosterError::Invalid)?;
    Ok((keep, other, valid))
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
fn check_accounts_are_free(writer: &Writer<'_>, valid: &ValidDraft, owner: Option<Uuid>) -> Result<(), RosterError> {
    let mut errors = Vec::new();
    for (index, account) in valid.accounts.iter().enumerate() {
        let Some(holder) = writer.holder_of(account.platform, &account.handle)? else {
            continue;
        };
        if Some(holder.1.id) == owner {
            continue;
        }
        errors.push(FieldError::new(
            format!("accounts.{index}.handle"),
            format!(
                "Account {}: {} @{} already belongs to {} on the roster.",
                index + 1,
                account.platform.label(),
                account.handle,
                holder.1.name
            ),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(RosterError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests;
