//! What the sample put into a workspace, so that it can be taken out again in
//! one action once the person has seen enough and starts on their own data.
//!
//! The marker lists the sample's creators, brands and campaigns by id; every
//! other sample record hangs off one of them (dossiers and shortlist places
//! off creators, partnerships off creators or campaigns, figures off
//! partnerships), so removing those removes the whole sample, and anything
//! the person built on a sample creator or campaign goes with it rather
//! than being left pointing at nothing.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::agreement::Partnership;
use crate::campaign::Campaign;
use crate::metrics::MetricSettings;
use crate::roster;
use crate::store::{Record, Store, StoreError};
use crate::vetting::brand::Brand;

use super::SampleError;

/// The ids the sample added. One per workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleMarker {
    pub loaded_at: DateTime<Utc>,
    pub influencers: Vec<Uuid>,
    pub brands: Vec<Uuid>,
    pub campaigns: Vec<Uuid>,
}

impl Record for SampleMarker {
    const TREE: &'static str = "sample";
    const KIND: &'static str = "sample marker";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        KEY.to_vec()
    }
}

const KEY: &[u8] = b"sample";

/// How much of the sample is still in the workspace, for the window to say
/// what "Remove sample data" will take away.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SampleContents {
    pub influencers: u32,
    pub brands: u32,
    /// The sample's campaigns and any started for a sample brand.
    pub campaigns: u32,
    /// Partnerships on a sample creator or in one of those campaigns, the
    /// person's own included.
    pub partnerships: u32,
}

/// The ids of what exists now: the difference before and after loading is
/// the sample.
pub(super) struct Present {
    influencers: HashSet<Uuid>,
    brands: HashSet<Uuid>,
    campaigns: HashSet<Uuid>,
}

impl Present {
    /// Reads every creator: only called when the sample loads, into a
    /// workspace with no creators.
    pub(super) fn read(store: &Store) -> Result<Present, SampleError> {
        Ok(Present {
            influencers: roster::list(store)?.into_iter().map(|i| i.id).collect(),
            brands: store.all::<Brand>()?.into_iter().map(|b| b.id).collect(),
            campaigns: store.all::<Campaign>()?.into_iter().map(|c| c.id).collect(),
        })
    }

    /// Records what is here now and was not in `before`.
    pub(super) fn mark_added_since(store: &Store, before: &Present) -> Result<(), SampleError> {
        let after = Present::read(store)?;
        let added = |now: &HashSet<Uuid>, then: &HashSet<Uuid>| {
            let mut ids: Vec<Uuid> = now.difference(then).copied().collect();
            ids.sort();
            ids
        };
        Ok(store.put(&SampleMarker {
            loaded_at: Utc::now(),
            influencers: added(&after.influencers, &before.influencers),
            brands: added(&after.brands, &before.brands),
            campaigns: added(&after.campaigns, &before.campaigns),
        })?)
    }
}

/// The workspace's sample marker, if the sample is (partly) in it.
pub fn marker(store: &Store) -> Result<Option<SampleMarker>, StoreError> {
    store.get::<SampleMarker>(KEY)
}

/// Stores a marker as given (workspace imports carry it).
pub(crate) fn put_marker(store: &Store, marker: Option<&SampleMarker>) -> Result<(), StoreError> {
    match marker {
        Some(marker) => store.put(marker),
        None => store.remove::<SampleMarker>(KEY).map(|_| ()),
    }
}

/// What of the sample is still here; `None` when there is no sample.
pub fn contents(store: &Store) -> Result<Option<SampleContents>, StoreError> {
    let Some(marker) = marker(store)? else {
        return Ok(None);
    };
    let mut influencers = 0;
    for id in &marker.influencers {
        match roster::get(store, &id.to_string()) {
            Ok(_) => influencers += 1,
            Err(roster::RosterError::NotFound(_)) => {}
            Err(roster::RosterError::Store(e)) => return Err(e),
            Err(other) => return Err(StoreError::Engine(other.to_string())),
        }
    }
    let mut brands = 0;
    for id in &marker.brands {
        brands += u32::from(store.get::<Brand>(id.as_bytes())?.is_some());
    }
    let campaigns = sample_campaigns(store, &marker)?;
    Ok(Some(SampleContents {
        influencers,
        brands,
        campaigns: campaigns.len() as u32,
        partnerships: sample_partnerships(store, &marker, &campaigns)?.len() as u32,
    }))
}

/// The sample's campaigns and any the person started for a sample brand.
fn sample_campaigns(store: &Store, marker: &SampleMarker) -> Result<Vec<Uuid>, StoreError> {
    let brands: HashSet<Uuid> = marker.brands.iter().copied().collect();
    Ok(store
        .all::<Campaign>()?
        .into_iter()
        .filter(|c| marker.campaigns.contains(&c.id) || brands.contains(&c.brand_id))
        .map(|c| c.id)
        .collect())
}

/// Partnerships on a sample creator or in one of `campaigns` (`sample_campaigns`).
fn sample_partnerships(
    store: &Store,
    marker: &SampleMarker,
    campaigns: &[Uuid],
) -> Result<Vec<Partnership>, StoreError> {
    let creators: HashSet<Uuid> = marker.influencers.iter().copied().collect();
    let campaigns: HashSet<Uuid> = campaigns.iter().copied().collect();
    Ok(store
        .all::<Partnership>()?
        .into_iter()
        .filter(|p| {
            p.influencer_id.is_some_and(|id| creators.contains(&id))
                || p.campaign_id.is_some_and(|id| campaigns.contains(&id))
        })
        .collect())
}

/// Takes the sample out of the workspace; returns what it removed. The
/// person's own creators, brands and campaigns stay.
///
/// Dependents go first and the marker last, so an interrupted removal leaves
/// the marker in place and running it again finishes the job.
pub fn remove(store: &Store) -> Result<SampleContents, SampleError> {
    let Some(marker) = marker(store)? else {
        return Err(SampleError::NoSample);
    };
    let campaigns = sample_campaigns(store, &marker)?;
    let partnerships = sample_partnerships(store, &marker, &campaigns)?;
    for partnership in &partnerships {
        store.remove::<Partnership>(&partnership.key())?;
        crate::metrics::remove_all_of(store, &partnership.id)?;
    }
    let mut removed = SampleContents {
        influencers: 0,
        brands: 0,
        campaigns: 0,
        partnerships: partnerships.len() as u32,
    };
    for id in &campaigns {
        store.remove::<MetricSettings>(id.as_bytes())?;
        removed.campaigns += u32::from(store.remove::<Campaign>(id.as_bytes())?);
    }
    for id in &marker.brands {
        removed.brands += u32::from(store.remove::<Brand>(id.as_bytes())?);
    }
    for id in &marker.influencers {
        match roster::remove(store, &id.to_string()) {
            Ok(()) => removed.influencers += 1,
            // Deleted by hand already.
            Err(roster::RosterError::NotFound(_)) => {}
            Err(other) => return Err(other.into()),
        }
    }
    put_marker(store, None)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{AccountDraft, InfluencerDraft, Platform};

    fn own_creator(store: &Store) -> roster::Influencer {
        roster::add(
            store,
            &InfluencerDraft {
                name: "Ana Ruiz".into(),
                accounts: vec![AccountDraft {
                    platform: Platform::Instagram,
                    handle: "@ana.ruiz".into(),
                    followers: 12_400,
                }],
                email: String::new(),
                country: "ES".into(),
                niches: vec![],
                notes: String::new(),
            },
        )
        .unwrap()
    }

    #[test]
    fn removing_the_sample_takes_all_of_it_and_keeps_the_persons_own_data() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        super::super::load(&store).unwrap();
        let ana = own_creator(&store);
        let brand = crate::vetting::list_brands(&store).unwrap()[0].clone();
        crate::vetting::shortlist_add(&store, &brand.id.to_string(), &ana.id.to_string()).unwrap();

        let before = contents(&store).unwrap().expect("the sample is in");
        assert_eq!(
            before,
            SampleContents {
                influencers: super::super::drafts().len() as u32,
                brands: 1,
                campaigns: 1,
                partnerships: 6,
            }
        );
        let removed = remove(&store).unwrap();
        assert_eq!(removed, before);

        let left: Vec<String> = roster::list(&store).unwrap().into_iter().map(|i| i.name).collect();
        assert_eq!(left, ["Ana Ruiz"]);
        assert!(crate::vetting::list_brands(&store).unwrap().is_empty());
        assert!(crate::campaign::list(&store).unwrap().is_empty());
        assert!(store.all::<Partnership>().unwrap().is_empty());
        assert!(store.all::<crate::metrics::PostMetrics>().unwrap().is_empty());
        assert!(store.all::<MetricSettings>().unwrap().is_empty());
        assert!(store.all::<crate::vetting::dossier::Dossier>().unwrap().is_empty());
        assert_eq!(contents(&store).unwrap(), None);
        assert!(matches!(remove(&store), Err(SampleError::NoSample)));
    }

    #[test]
    fn a_partnership_the_person_started_with_a_sample_creator_goes_with_the_sample() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        super::super::load(&store).unwrap();
        let kenji = roster::find(&store, "@kenjiplays").unwrap();
        crate::agreement::create(&store, None, Some(&kenji.id.to_string())).unwrap();
        assert_eq!(contents(&store).unwrap().unwrap().partnerships, 7);
        remove(&store).unwrap();
        assert!(
            store.all::<Partnership>().unwrap().is_empty(),
            "nothing left pointing at a removed creator"
        );
    }

    #[test]
    fn a_creator_deleted_by_hand_is_not_counted_and_does_not_stop_the_removal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        super::super::load(&store).unwrap();
        let tom = roster::find(&store, "@tombecker").unwrap();
        roster::remove(&store, &tom.id.to_string()).unwrap();
        let count = super::super::drafts().len() as u32 - 1;
        assert_eq!(contents(&store).unwrap().unwrap().influencers, count);
        assert_eq!(remove(&store).unwrap().influencers, count);
        assert_eq!(roster::count(&store).unwrap(), 0);
    }
}
