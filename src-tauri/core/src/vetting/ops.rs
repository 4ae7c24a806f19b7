//! Reading and changing brands and dossiers in the store, and putting a
//! scorecard together from them. Each change is one flushed write.

use std::sync::Mutex;

use chrono::{Local, NaiveDate, Utc};
use uuid::Uuid;

use super::brand::{validate_brand, Brand, BrandDraft, ShortlistEntry, ValidBrand};
use super::dossier::{CheckItem, Dossier};
use super::drafts::{
    validate_audience, validate_check, validate_partnerships, validate_stats, AccountStatsDraft, AudienceDraft,
    CheckDraft, PastPartnershipDraft,
};
use super::scorecard::{scorecard, Scorecard};
use crate::roster::{self, FieldError, Influencer, RosterError};
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum VettingError {
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error("there is no brand with id {0} (it may have been deleted)")]
    BrandNotFound(String),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Serialises read-change-write of brands and dossiers: two quick edits
/// from the window must not lose one of them.
#[derive(Default)]
struct EditLock(Mutex<()>);

fn edit<R, E>(store: &Store, change: impl FnOnce() -> Result<R, E>) -> Result<R, E> {
    let lock = store.derived::<EditLock>();
    let _held = lock.0.lock().unwrap_or_else(|p| p.into_inner());
    change()
}

fn parse_brand_id(id: &str) -> Result<Uuid, VettingError> {
    Uuid::parse_str(id.trim()).map_err(|_| VettingError::BrandNotFound(id.to_string()))
}

/// Every brand, by name.
pub fn list_brands(store: &Store) -> Result<Vec<Brand>, VettingError> {
    let mut brands = store.all::<Brand>()?;
    brands.sort_by_cached_key(|b| (b.name.to_lowercase(), b.created_at));
    Ok(brands)
}

pub fn get_brand(store: &Store, id: &str) -> Result<Brand, VettingError> {
    let uuid = parse_brand_id(id)?;
    store
        .get::<Brand>(uuid.as_bytes())?
        .ok_or_else(|| VettingError::BrandNotFound(id.to_string()))
}

fn apply(valid: ValidBrand, brand: &mut Brand) {
    brand.name = valid.name;
    brand.values = valid.values;
    brand.audience = valid.audience;
    brand.excluded_topics = valid.excluded_topics;
    brand.competitors = valid.competitors;
    brand.markets = valid.markets;
}

pub fn add_brand(store: &Store, draft: &BrandDraft) -> Result<Brand, VettingError> {
    let valid = validate_brand(draft).map_err(VettingError::Invalid)?;
    let now = Utc::now();
    let mut brand = Brand {
        id: Uuid::new_v4(),
        name: String::new(),
        values: Vec::new(),
        audience: Default::default(),
        excluded_topics: Vec::new(),
        competitors: Vec::new(),
        markets: Vec::new(),
        shortlist: Vec::new(),
        created_at: now,
        updated_at: now,
    };
    apply(valid, &mut brand);
    store.put(&brand)?;
    Ok(brand)
}

pub fn update_brand(store: &Store, id: &str, draft: &BrandDraft) -> Result<Brand, VettingError> {
    let valid = validate_brand(draft).map_err(VettingError::Invalid)?;
    edit(store, || {
        let mut brand = get_brand(store, id)?;
        apply(valid, &mut brand);
        brand.updated_at = Utc::now();
        store.put(&brand)?;
        Ok(brand)
    })
}

pub fn remove_brand(store: &Store, id: &str) -> Result<(), VettingError> {
    let uuid = parse_brand_id(id)?;
    if !store.remove::<Brand>(uuid.as_bytes())? {
        return Err(VettingError::BrandNotFound(id.to_string()));
    }
    Ok(())
}

/// Puts a creator on a brand's shortlist (once).
pub fn shortlist_add(store: &Store, brand_id: &str, influencer_id: &str) -> Result<Brand, VettingError> {
    let influencer = roster::get(store, influencer_id)?;
    edit(store, || {
        let mut brand = get_brand(store, brand_id)?;
        if !brand.shortlist.iter().any(|e| e.influencer_id == influencer.id) {
            brand.shortlist.push(ShortlistEntry {
                influencer_id: influencer.id,
                added_at: Utc::now(),
                chosen_at: None,
            });
            store.put(&brand)?;
        }
        Ok(brand)
    })
}

pub fn shortlist_remove(store: &Store, brand_id: &str, influencer_id: &str) -> Result<Brand, VettingError> {
    edit(store, || {
        let mut brand = get_brand(store, brand_id)?;
        brand
            .shortlist
            .retain(|e| e.influencer_id.to_string() != influencer_id.trim());
        store.put(&brand)?;
        Ok(brand)
    })
}

/// Marks a shortlisted creator as chosen for a partnership, or takes it back.
pub fn shortlist_choose(
    store: &Store,
    brand_id: &str,
    influencer_id: &str,
    chosen: bool,
) -> Result<Brand, VettingError> {
    edit(store, || {
        let mut brand = get_brand(store, brand_id)?;
        let entry = brand
            .shortlist
            .iter_mut()
            .find(|e| e.influencer_id.to_string() == influencer_id.trim())
            .ok_or_else(|| RosterError::NotFound(influencer_id.to_string()))?;
        entry.chosen_at = chosen.then(Utc::now);
        store.put(&brand)?;
        Ok(brand)
    })
}

/// A creator's dossier; an empty one if nothing was recorded yet.
pub fn dossier(store: &Store, influencer_id: &str) -> Result<Dossier, VettingError> {
    let influencer = roster::get(store, influencer_id)?;
    Ok(stored_dossier(store, influencer.id)?)
}

/// The dossier of a creator known to exist, with the figures imports gave
/// (kept beside the roster, `roster::figures`); an empty one if nothing is
/// known.
fn stored_dossier(store: &Store, influencer_id: Uuid) -> Result<Dossier, StoreError> {
    let dossier = store
        .get::<Dossier>(influencer_id.as_bytes())?
        .unwrap_or_else(|| Dossier::empty(influencer_id));
    Ok(dossier.with_imported(roster::imported_figures(store, influencer_id)?))
}

/// Every dossier, with imported figures, including the creators who have
/// only imported figures (the workspace export).
pub(crate) fn all_dossiers(store: &Store) -> Result<Vec<Dossier>, StoreError> {
    let mut dossiers: std::collections::HashMap<Uuid, Dossier> = store
        .all::<Dossier>()?
        .into_iter()
        .map(|d| (d.influencer_id, d))
        .collect();
    roster::for_each_imported_figures(store, |figures| {
        let id = figures.influencer_id;
        let dossier = dossiers.remove(&id).unwrap_or_else(|| Dossier::empty(id));
        dossiers.insert(id, dossier.with_imported(Some(figures)));
        Ok(())
    })?;
    let mut all: Vec<Dossier> = dossiers.into_values().collect();
    all.sort_by_key(|d| d.influencer_id);
    Ok(all)
}

fn change_dossier(
    store: &Store,
    influencer_id: &str,
    change: impl FnOnce(&mut Dossier) -> Result<(), VettingError>,
) -> Result<Dossier, VettingError> {
    edit(store, || {
        let mut dossier = dossier(store, influencer_id)?;
        change(&mut dossier)?;
        dossier.updated_at = Utc::now();
        store.put(&dossier)?;
        Ok(dossier)
    })
}

/// Replaces the figures of one platform's account.
pub fn set_account_stats(
    store: &Store,
    influencer_id: &str,
    draft: &AccountStatsDraft,
) -> Result<Dossier, VettingError> {
    let mut stats = validate_stats(draft).map_err(VettingError::Invalid)?;
    stats.entered_at = Some(Utc::now());
    change_dossier(store, influencer_id, |dossier| {
        dossier.stats.retain(|s| s.platform != stats.platform);
        dossier.stats.push(stats);
        Ok(())
    })
}

pub fn set_audience(store: &Store, influencer_id: &str, draft: &AudienceDraft) -> Result<Dossier, VettingError> {
    let audience = validate_audience(draft).map_err(VettingError::Invalid)?;
    change_dossier(store, influencer_id, |dossier| {
        dossier.audience = audience;
        Ok(())
    })
}

pub fn set_past_partnerships(
    store: &Store,
    influencer_id: &str,
    drafts: &[PastPartnershipDraft],
) -> Result<Dossier, VettingError> {
    let past = validate_partnerships(drafts, Local::now().date_naive()).map_err(VettingError::Invalid)?;
    change_dossier(store, influencer_id, |dossier| {
        dossier.past_partnerships = past;
        Ok(())
    })
}

/// Records a checklist answer by `by` (the person at the keyboard), now.
pub fn set_check(
    store: &Store,
    influencer_id: &str,
    item: CheckItem,
    draft: &CheckDraft,
    by: &str,
) -> Result<Dossier, VettingError> {
    let state = validate_check(draft, by, Utc::now()).map_err(VettingError::Invalid)?;
    change_dossier(store, influencer_id, |dossier| {
        dossier.set_check(item, state);
        Ok(())
    })
}

/// Removes what vetting holds about a creator who is being deleted: their
/// dossier and their places on brands' shortlists.
pub(crate) fn forget_creator(store: &Store, influencer_id: Uuid) -> Result<(), StoreError> {
    edit(store, || {
        store.remove::<Dossier>(influencer_id.as_bytes())?;
        store.remove::<crate::housekeeping::tags::CreatorTags>(influencer_id.as_bytes())?;
        for mut brand in store.all::<Brand>()? {
            let before = brand.shortlist.len();
            brand.shortlist.retain(|e| e.influencer_id != influencer_id);
            if brand.shortlist.len() != before {
                store.put(&brand)?;
            }
        }
        Ok(())
    })
}

/// Stores a dossier as given (imports and the sample workspace).
pub fn put_dossier(store: &Store, dossier: &Dossier) -> Result<(), VettingError> {
    edit(store, || Ok::<_, VettingError>(store.put(dossier)?))
}

/// The scorecard of a creator (id, handle or profile link) against a brand, as of `today`.
pub fn scorecard_for(
    store: &Store,
    brand_id: &str,
    creator: &str,
    today: NaiveDate,
) -> Result<Scorecard, VettingError> {
    let brand = get_brand(store, brand_id)?;
    let influencer: Influencer = roster::find(store, creator)?;
    let dossier = stored_dossier(store, influencer.id)?;
    let tiers = roster::tier_boundaries(store)?;
    Ok(scorecard(&brand, &influencer, &dossier, &tiers, today))
}

/// The scorecards of a brand's shortlist, best first (fit and alignment
/// together, unknown scores last). Creators deleted since are left out.
pub fn shortlist(
    store: &Store,
    brand_id: &str,
    today: NaiveDate,
) -> Result<Vec<(ShortlistEntry, Scorecard)>, VettingError> {
    let brand = get_brand(store, brand_id)?;
    let tiers = roster::tier_boundaries(store)?;
    let mut cards = Vec::new();
    for entry in &brand.shortlist {
        let influencer = match roster::get(store, &entry.influencer_id.to_string()) {
            Ok(influencer) => influencer,
            Err(RosterError::NotFound(_)) => continue,
            Err(e) => return Err(e.into()),
        };
        let dossier = stored_dossier(store, influencer.id)?;
        cards.push((entry.clone(), scorecard(&brand, &influencer, &dossier, &tiers, today)));
    }
    cards.sort_by(|(_, a), (_, b)| rank(b).total_cmp(&rank(a)));
    Ok(cards)
}

/// Fit and alignment averaged over the ones known; -1 when neither is.
pub fn rank(card: &Scorecard) -> f64 {
    let known: Vec<f64> = [card.audience_fit.value, card.alignment.value]
        .into_iter()
        .flatten()
        .collect();
    if known.is_empty() {
        -1.0
    } else {
        known.iter().sum::<f64>() / known.len() as f64
    }
}

/// What an audience file added to a dossier, for the message after it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct AudienceFileSummary {
    /// "follower history", "countries", "genders" or "age bands".
    pub kind: String,
    pub rows: usize,
}

/// Reads a follower history or an audience split from `path` into the
/// creator's dossier. A history belongs to `platform`, or to the creator's
/// largest account when none is given; a split replaces the one before.
pub fn import_audience_file(
    store: &Store,
    influencer_id: &str,
    path: &std::path::Path,
    platform: Option<crate::roster::Platform>,
) -> Result<(Dossier, AudienceFileSummary), VettingError> {
    use super::audience_files::{read_audience_file, AudienceFile};
    use super::dossier::FollowerHistory;

    let influencer = roster::get(store, influencer_id)?;
    let file = read_audience_file(path, Local::now().date_naive())
        .map_err(|message| VettingError::Invalid(vec![FieldError::new("file", message)]))?;
    let source = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let summary = |kind: &str, rows: usize| AudienceFileSummary {
        kind: kind.to_string(),
        rows,
    };
    let history_platform = platform
        .or_else(|| influencer.main_account().map(|a| a.platform))
        .ok_or_else(|| {
            VettingError::Invalid(vec![FieldError::new(
                "platform",
                "Say which platform this history is for: the creator has no accounts.",
            )])
        });
    let mut outcome = None;
    let dossier = change_dossier(store, influencer_id, |dossier| {
        let audience = &mut dossier.audience;
        outcome = Some(match file {
            AudienceFile::FollowerHistory(points) => {
                let platform = history_platform?;
                let rows = points.len();
                dossier.histories.retain(|h| h.platform != platform);
                dossier.histories.push(FollowerHistory {
                    platform,
                    points,
                    source: source.clone(),
                });
                summary("follower history", rows)
            }
            AudienceFile::Countries(shares) => {
                let rows = shares.len();
                audience.countries = shares;
                audience.source = source.clone();
                summary("countries", rows)
            }
            AudienceFile::Genders(shares) => {
                let rows = shares.len();
                audience.genders = shares;
                audience.source = source.clone();
                summary("genders", rows)
            }
            AudienceFile::AgeBands(shares) => {
                let rows = shares.len();
                audience.age_bands = shares;
                audience.source = source.clone();
                summary("age bands", rows)
            }
        });
        Ok(())
    })?;
    let summary = outcome.unwrap_or_else(|| summary("nothing", 0));
    Ok((dossier, summary))
}
