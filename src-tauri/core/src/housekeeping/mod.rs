//! Keeping the roster tidy: tags on creators, saved views of the roster's
//! filters, and possible duplicates with a merge that makes two records of
//! one person one, bringing along everything that names either.

pub mod duplicates;
pub mod tags;
pub mod views;

#[cfg(test)]
mod tests;

use serde::Serialize;
use ts_rs::TS;

use crate::agreement::Partnership;
use crate::roster::{self, Influencer, RosterError};
use crate::store::Store;
use crate::vetting::{self, brand::Brand, dossier::Dossier};

/// What a merge moved onto the creator kept.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Merged {
    pub creator: Influencer,
    /// The name of the record merged away.
    pub merged: String,
    pub partnerships: u32,
    pub shortlists: u32,
    /// The other's dossier came along (combined with the kept one's).
    pub dossier: bool,
    pub tags: Vec<String>,
}

/// `other` becomes part of `keep`: accounts, niches, notes, imported
/// figures, dossier, partnerships, brand shortlists and tags. The merged
/// record is checked before anything is written; the records that name
/// `other` are moved first and the roster's two records become one last,
/// so an interruption leaves both creators, never a partnership pointing
/// at no one.
pub fn merge(store: &Store, keep_id: &str, other_id: &str) -> Result<Merged, RosterError> {
    let (keep, other, _) = roster::merged(store, keep_id, other_id)?;
    let dossier = move_dossier(store, &keep, &other)?;
    let mut partnerships = 0;
    for mut partnership in store.all::<Partnership>()? {
        if partnership.influencer_id == Some(other.id) {
            partnership.influencer_id = Some(keep.id);
            store.put(&partnership)?;
            partnerships += 1;
        }
    }
    let mut shortlists = 0;
    for mut brand in store.all::<Brand>()? {
        if !brand.shortlist.iter().any(|e| e.influencer_id == other.id) {
            continue;
        }
        let already = brand.shortlist.iter().any(|e| e.influencer_id == keep.id);
        if already {
            brand.shortlist.retain(|e| e.influencer_id != other.id);
        } else {
            for entry in brand.shortlist.iter_mut().filter(|e| e.influencer_id == other.id) {
                entry.influencer_id = keep.id;
            }
        }
        store.put(&brand)?;
        shortlists += 1;
    }
    let mut all_tags = tags::tags_of(store, keep.id)?;
    all_tags.extend(tags::tags_of(store, other.id)?);
    let tags = tags::set(store, &keep.id.to_string(), &all_tags)?;
    store.remove::<tags::CreatorTags>(other.id.as_bytes())?;
    let (creator, gone) = roster::merge(store, &keep.id.to_string(), &other.id.to_string())?;
    Ok(Merged {
        creator,
        merged: gone.name,
        partnerships,
        shortlists,
        dossier,
        tags,
    })
}

/// The other's dossier onto the kept creator: their research, stats,
/// histories and past partnerships added to what the kept one has; where
/// both answered a checklist item, the kept one's answer stays.
fn move_dossier(store: &Store, keep: &Influencer, other: &Influencer) -> Result<bool, RosterError> {
    let Some(theirs) = store.get::<Dossier>(other.id.as_bytes())? else {
        return Ok(false);
    };
    let mut mine = store
        .get::<Dossier>(keep.id.as_bytes())?
        .unwrap_or_else(|| Dossier::empty(keep.id));
    mine.stats.extend(theirs.stats);
    mine.histories.extend(theirs.histories);
    mine.past_partnerships.extend(theirs.past_partnerships);
    if mine.audience == Default::default() {
        mine.audience = theirs.audience;
    }
    for entry in theirs.checklist {
        if !mine.checklist.iter().any(|e| e.item == entry.item) {
            mine.checklist.push(entry);
        }
    }
    mine.updated_at = chrono::Utc::now();
    vetting::put_dossier(store, &mine).map_err(|e| match e {
        vetting::VettingError::Store(e) => RosterError::Store(e),
        other => RosterError::Invalid(vec![roster::FieldError::new("dossier", other.to_string())]),
    })?;
    store.remove::<Dossier>(other.id.as_bytes())?;
    Ok(true)
}
