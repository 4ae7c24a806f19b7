//! The vetting and campaign part of a workspace file: brand profiles with
//! their shortlists, creators' dossiers, tier boundaries, campaigns and
//! partnerships.
//! Files written before these existed have none of it, and still import.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::agreement::Partnership;
use crate::campaign::Campaign;
use crate::metrics::{MetricSettings, PostMetrics};
use crate::outreach::Template;
use crate::preferences::Preferences;
use crate::roster::TierBoundaries;
use crate::sample::SampleMarker;
use crate::store::{Store, StoreError};
use crate::vetting::brand::{validate_brand, Brand};
use crate::vetting::dossier::Dossier;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct VettingData {
    #[serde(default)]
    pub brands: Vec<Brand>,
    #[serde(default)]
    pub dossiers: Vec<Dossier>,
    #[serde(default)]
    pub tier_boundaries: Option<TierBoundaries>,
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    #[serde(default)]
    pub partnerships: Vec<Partnership>,
    /// Each published post's readings.
    #[serde(default)]
    pub post_metrics: Vec<PostMetrics>,
    #[serde(default)]
    pub metric_settings: Vec<MetricSettings>,
    /// Currency, locale and whether the welcome was answered.
    #[serde(default)]
    pub preferences: Option<Preferences>,
    /// What of the workspace is the sample, so it can still be removed.
    #[serde(default)]
    pub sample: Option<SampleMarker>,
    /// The person's wording of the message templates (`outreach`).
    #[serde(default)]
    pub message_templates: Vec<Template>,
    /// Shop orders imported for attribution by discount code (`sales`).
    #[serde(default)]
    pub orders: Vec<crate::sales::Order>,
    /// Tags on creators, saved roster views and pairs said to be two
    /// people (`housekeeping`).
    #[serde(default)]
    pub creator_tags: Vec<crate::housekeeping::tags::CreatorTags>,
    #[serde(default)]
    pub roster_views: Vec<crate::housekeeping::views::SavedView>,
    #[serde(default)]
    pub not_duplicates: Vec<crate::housekeeping::duplicates::NotDuplicates>,
}

pub(super) fn read_all(store: &Store) -> Result<VettingData, StoreError> {
    Ok(VettingData {
        brands: store.all::<Brand>()?,
        dossiers: crate::vetting::all_dossiers(store)?,
        tier_boundaries: Some(crate::roster::tier_boundaries(store)?),
        campaigns: store.all::<Campaign>()?,
        partnerships: store.all::<Partnership>()?,
        post_metrics: store.all::<PostMetrics>()?,
        metric_settings: store.all::<MetricSettings>()?,
        preferences: Some(crate::preferences::get(store)?),
        sample: crate::sample::marker(store)?,
        message_templates: store.all::<Template>()?,
        orders: store.all::<crate::sales::Order>()?,
        creator_tags: store.all()?,
        roster_views: store.all()?,
        not_duplicates: store.all()?,
    })
}

/// Problems with the vetting part, given the ids of the file's creators:
/// brands go through the form's rules, and nothing may point at a creator
/// the file does not hold.
pub(super) fn problems(data: &VettingData, creators: &HashSet<Uuid>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut brand_ids = HashSet::new();
    for (index, brand) in data.brands.iter().enumerate() {
        let who = format!("brands[{index}] ({})", brand.name.trim());
        if !brand_ids.insert(brand.id) {
            problems.push(format!("{who}: the id {} is used twice", brand.id));
        }
        if let Err(errors) = validate_brand(&brand.to_draft()) {
            problems.extend(errors.into_iter().map(|e| format!("{who}: {}", e.message)));
        }
        for entry in &brand.shortlist {
            if !creators.contains(&entry.influencer_id) {
                problems.push(format!(
                    "{who}: its shortlist names {}, who is not among the file's influencers",
                    entry.influencer_id
                ));
            }
        }
    }
    let mut dossier_ids = HashSet::new();
    for (index, dossier) in data.dossiers.iter().enumerate() {
        if !creators.contains(&dossier.influencer_id) {
            problems.push(format!(
                "dossiers[{index}]: it is about {}, who is not among the file's influencers",
                dossier.influencer_id
            ));
        } else if !dossier_ids.insert(dossier.influencer_id) {
            problems.push(format!(
                "dossiers[{index}]: a second dossier for {}",
                dossier.influencer_id
            ));
        }
    }
    for (index, campaign) in data.campaigns.iter().enumerate() {
        if !brand_ids.contains(&campaign.brand_id) {
            problems.push(format!(
                "campaigns[{index}] ({}): its brand {} is not among the file's brands",
                campaign.name, campaign.brand_id
            ));
        }
    }
    let campaign_ids: HashSet<Uuid> = data.campaigns.iter().map(|c| c.id).collect();
    for (index, partnership) in data.partnerships.iter().enumerate() {
        if partnership.campaign_id.is_some_and(|id| !campaign_ids.contains(&id)) {
            problems.push(format!(
                "partnerships[{index}]: its campaign is not among the file's campaigns"
            ));
        }
        if partnership.influencer_id.is_some_and(|id| !creators.contains(&id)) {
            problems.push(format!(
                "partnerships[{index}]: its creator is not among the file's influencers"
            ));
        }
    }
    let partnership_ids: HashSet<Uuid> = data.partnerships.iter().map(|p| p.id).collect();
    for (index, post) in data.post_metrics.iter().enumerate() {
        if !partnership_ids.contains(&post.partnership_id) {
            problems.push(format!(
                "post_metrics[{index}] ({}): its partnership is not among the file's partnerships",
                post.url
            ));
        }
    }
    for (index, settings) in data.metric_settings.iter().enumerate() {
        if !campaign_ids.contains(&settings.campaign_id) {
            problems.push(format!(
                "metric_settings[{index}]: its campaign is not among the file's campaigns"
            ));
        }
    }
    if let Some(tiers) = &data.tier_boundaries {
        if let Err(errors) = tiers.check() {
            problems.extend(errors.into_iter().map(|e| format!("tier_boundaries: {}", e.message)));
        }
    }
    for (index, tags) in data.creator_tags.iter().enumerate() {
        if !creators.contains(&tags.influencer_id) {
            problems.push(format!(
                "creator_tags[{index}]: they are of {}, who is not among the file's influencers",
                tags.influencer_id
            ));
        }
    }
    for (index, template) in data.message_templates.iter().enumerate() {
        let who = format!(
            "message_templates[{index}] ({} {})",
            template.kind.key(),
            template.language
        );
        problems.extend(
            crate::outreach::problems(template)
                .into_iter()
                .map(|e| format!("{who}: {}", e.message)),
        );
    }
    if let Some(preferences) = &data.preferences {
        let errors = crate::preferences::problems(preferences);
        problems.extend(errors.into_iter().map(|e| format!("preferences: {}", e.message)));
    }
    problems
}

/// Replaces the store's brands, dossiers and tiers with `data`.
pub(super) fn replace(store: &Store, data: &VettingData) -> Result<(), StoreError> {
    store.replace_all(&data.brands)?;
    store.replace_all(&data.dossiers)?;
    store.replace_all(&data.campaigns)?;
    store.replace_all(&data.partnerships)?;
    store.replace_all(&data.post_metrics)?;
    store.replace_all(&data.metric_settings)?;
    store.replace_all(&data.message_templates)?;
    store.replace_all(&data.orders)?;
    store.replace_all(&data.creator_tags)?;
    store.replace_all(&data.roster_views)?;
    store.replace_all(&data.not_duplicates)?;
    let tiers = data.tier_boundaries.unwrap_or_default();
    crate::roster::set_tier_boundaries(store, tiers).map_err(super::roster_to_store)?;
    crate::preferences::replace(store, data.preferences.as_ref())?;
    crate::sample::put_marker(store, data.sample.as_ref())?;
    Ok(())
}
