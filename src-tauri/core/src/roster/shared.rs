//! How the roster travels to a team. Creators live in compressed blocks
//! (`blocks`), a layout that is this copy's own; what a team shares is each
//! creator as a record of its own, tree `creators` keyed by id, in the
//! store's layout (JSON, version 1), so a creator merges field by field
//! like every other record. The Writer logs these records in the same
//! transaction as the block it writes; changes from other copies come back
//! through the Writer too (`take_in`), so the blocks, their count and the
//! index stay in step.

use std::collections::HashMap;

use uuid::Uuid;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::bulk::with_writer;
use super::figures::{AccountFigures, CreatorFigures, Rate};
use super::model::{Account, Influencer, Platform};
use crate::store::{codec, Store, StoreError};
use crate::sync::apply::SyncError;
use crate::sync::change::Change;
use crate::sync::log::{Log, Logical};

/// The tree name creators are shared under. No sled tree has it.
pub const TREE: &str = "creators";
/// The tree name the figures imports read for a creator are shared under,
/// keyed by the creator's id: a record of their own, so a team member's
/// later import of the same creator merges field by field.
pub const FIGURES: &str = "creator_figures";

/// Whether changes to `tree` go through the roster's writer.
pub(crate) fn is_roster(tree: &str) -> bool {
    tree == TREE || tree == FIGURES
}

/// A creator's imported figures as they travel: rates as fractions, the
/// file they came from by name and time rather than this copy's import number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SharedFigures {
    accounts: Vec<SharedAccount>,
    credibility: Option<f64>,
    mass_followers: Option<f64>,
    audience_country: Option<String>,
    source: String,
    imported_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SharedAccount {
    platform: Platform,
    engagement_rate: Option<f64>,
    avg_likes: Option<u64>,
    avg_comments: Option<u64>,
    avg_views: Option<u64>,
    avg_engagements: Option<u64>,
}

fn figures_record(figures: &CreatorFigures) -> Result<Vec<u8>, StoreError> {
    let shared = SharedFigures {
        accounts: figures
            .accounts
            .iter()
            .map(|a| SharedAccount {
                platform: a.platform,
                engagement_rate: a.engagement_rate.and_then(Rate::fraction),
                avg_likes: a.avg_likes,
                avg_comments: a.avg_comments,
                avg_views: a.avg_views,
                avg_engagements: a.avg_engagements,
            })
            .collect(),
        credibility: figures.credibility.and_then(Rate::fraction),
        mass_followers: figures.mass_followers.and_then(Rate::fraction),
        audience_country: figures.audience_country.clone(),
        source: figures.source.clone(),
        // Sources are kept to the second.
        imported_at: DateTime::from_timestamp(figures.imported_at.timestamp(), 0).unwrap_or(figures.imported_at),
    };
    codec::encode(VERSION, &shared).map_err(StoreError::Engine)
}

fn figures_from(id: Uuid, value: serde_json::Value) -> Result<CreatorFigures, String> {
    let shared: SharedFigures =
        serde_json::from_value(value).map_err(|e| format!("they are not whole figures ({e})"))?;
    let mut figures = CreatorFigures::new(id, &shared.source, shared.imported_at);
    figures.accounts = shared
        .accounts
        .into_iter()
        .map(|a| {
            let mut account = AccountFigures::new(a.platform);
            account.engagement_rate = a.engagement_rate.map(Rate::Fraction);
            account.avg_likes = a.avg_likes;
            account.avg_comments = a.avg_comments;
            account.avg_views = a.avg_views;
            account.avg_engagements = a.avg_engagements;
            account
        })
        .collect();
    figures.credibility = shared.credibility.map(Rate::Fraction);
    figures.mass_followers = shared.mass_followers.map(Rate::Fraction);
    figures.audience_country = shared.audience_country;
    Ok(figures)
}

/// Figures an import wrote (sourced), as records to log, whole.
pub(crate) fn figure_writes(all: &[CreatorFigures]) -> Result<Vec<Logical>, StoreError> {
    all.iter()
        .map(|figures| {
            Ok(Logical {
                tree: FIGURES,
                key: figures.influencer_id.as_bytes().to_vec(),
                before: None,
                after: Some(figures_record(figures)?),
            })
        })
        .collect()
}
/// The layout version of a shared creator record.
const VERSION: u16 = 1;

fn record(influencer: &Influencer) -> Result<Vec<u8>, StoreError> {
    codec::encode(VERSION, influencer).map_err(StoreError::Engine)
}

/// What a write does to each creator (before, after), as records to log.
pub(crate) fn writes<'a>(
    creators: impl IntoIterator<Item = (Option<&'a Influencer>, Option<&'a Influencer>)>,
) -> Result<Vec<Logical>, StoreError> {
    creators
        .into_iter()
        .filter_map(|(before, after)| {
            let id = after.or(before)?.id;
            Some((id, before, after))
        })
        .map(|(id, before, after)| {
            Ok(Logical {
                tree: TREE,
                key: id.as_bytes().to_vec(),
                before: before.map(record).transpose()?,
                after: after.map(record).transpose()?,
            })
        })
        .collect()
}

/// A creator as merged from another copy's change.
#[derive(Debug)]
pub(crate) struct Taken {
    /// `None` when the change removed them.
    pub merged: Option<Influencer>,
    /// Other creators here holding one of the merged creator's accounts:
    /// "one account, one creator" broken by the merge, for a person to settle.
    pub sharing: Vec<(Influencer, Account)>,
    /// Fields this copy changed at the same time (`conflicts::clashes`).
    pub clashes: Vec<crate::sync::conflicts::FieldClash>,
}

/// A creator being merged within one run of changes: as stored before the
/// run, its field stamps so far, and as merged so far.
struct Merging {
    stored: Option<Influencer>,
    held: crate::sync::merge::Held,
    merged: Option<Influencer>,
}

/// Merges a run of changes other copies made to creators into this copy's
/// roster, in one transaction with the creators' field stamps and the
/// clock, each changed block rewritten once. One `Taken` per change, in order.
pub(crate) fn take_in(store: &Store, changes: &[&Change]) -> Result<Vec<Taken>, SyncError> {
    with_writer(store, |writer| {
        let mut merging: HashMap<Uuid, Merging> = HashMap::new();
        let mut order = Vec::new();
        let mut figures: HashMap<Uuid, crate::sync::merge::Held> = HashMap::new();
        let mut figures_order = Vec::new();
        let mut taken = Vec::with_capacity(changes.len());
        for change in changes {
            let bad = |detail: String| SyncError::BadChange {
                author: change.author.clone(),
                tree: change.tree.clone(),
                detail,
            };
            let id = Uuid::from_slice(&change.key).map_err(|_| bad("its key is not a creator id".into()))?;
            if change.tree == FIGURES {
                let held = match figures.entry(id) {
                    std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                    std::collections::hash_map::Entry::Vacant(entry) => {
                        let stored = super::imported_figures(store, id)?;
                        let before = stored.as_ref().map(figures_record).transpose()?;
                        let held =
                            crate::sync::apply::held_of(store, FIGURES, &change.key, before.as_deref()).map_err(bad)?;
                        figures_order.push(id);
                        entry.insert(held)
                    }
                };
                let clashes = crate::sync::conflicts::clashes(held, change);
                held.apply(&change.edit, change.stamp, &[]);
                taken.push(Taken {
                    merged: None,
                    sharing: Vec::new(),
                    clashes,
                });
                continue;
            }
            let this = match merging.entry(id) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    let stored = writer.stored(&id)?;
                    let before = stored.as_ref().map(record).transpose()?;
                    let held = crate::sync::apply::held_of(store, TREE, &change.key, before.as_deref()).map_err(bad)?;
                    let merged = stored.clone();
                    order.push(id);
                    entry.insert(Merging { stored, held, merged })
                }
            };
            let clashes = crate::sync::conflicts::clashes(&this.held, change);
            this.held.apply(&change.edit, change.stamp, &[]);
            this.merged = this
                .held
                .value()
                .map(|value| serde_json::from_value(value).map_err(|e| bad(format!("it is not a whole creator ({e})"))))
                .transpose()?;
            let mut sharing: Vec<(Influencer, Account)> = Vec::new();
            for account in this.merged.iter().flat_map(|m| &m.accounts) {
                if let Some((_, holder)) = writer.holder_of(account.platform, &account.handle)? {
                    if holder.id != id && !sharing.iter().any(|(h, _)| h.id == holder.id) {
                        sharing.push((holder, account.clone()));
                    }
                }
            }
            taken.push(Taken {
                merged: this.merged.clone(),
                sharing,
                clashes,
            });
        }
        let mut items = Vec::with_capacity(order.len());
        let mut held = Vec::with_capacity(order.len() + figures_order.len());
        for id in &order {
            let Some(done) = merging.remove(id) else { continue };
            held.push((crate::sync::log::held_key(TREE, id.as_bytes()), done.held));
            items.push((done.merged, done.stored));
        }
        let mut given = Vec::with_capacity(figures_order.len());
        for id in &figures_order {
            let Some(state) = figures.remove(id) else { continue };
            let merged = match state.value() {
                Some(value) => Some(figures_from(*id, value).map_err(|detail| SyncError::BadChange {
                    author: String::new(),
                    tree: FIGURES.into(),
                    detail,
                })?),
                None => None,
            };
            given.push((*id, merged));
            held.push((crate::sync::log::held_key(FIGURES, id.as_bytes()), state));
        }
        writer.take_remote(&items, &given, |tree, batch| {
            crate::sync::apply::commit(store, tree, batch, &held, changes)
        })?;
        Ok(taken)
    })
}

/// Logs every creator here, whole: what joining a team shares of the roster.
pub(crate) fn share_all(store: &Store, log: &Log) -> Result<(), StoreError> {
    with_writer(store, |_only_writer| {
        let tree = super::blocks::tree(store)?;
        let mut all = Vec::new();
        super::blocks::for_each(&tree, |_, creator| {
            all.push(creator);
            Ok(())
        })?;
        let mut logged = writes(all.iter().map(|creator| (None, Some(creator))))?;
        let mut figures = Vec::new();
        super::figures::for_each(&tree, |one| {
            figures.push(one);
            Ok(())
        })?;
        logged.extend(figure_writes(&figures)?);
        if logged.is_empty() {
            return Ok(());
        }
        crate::sync::log::write_batch(store.db(), &tree, &sled::Batch::default(), &logged, log)
    })
}

#[cfg(test)]
mod tests;
