//! A partnership: a creator for a campaign, its terms, where the wizard
//! stands, and its place on the pipeline.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::completeness::{undefined, Research, Step, Undefined};
use super::terms::Terms;
use crate::campaign::{self, Campaign, CampaignError};
use crate::roster::{self, RosterError};
use crate::store::{Record, Store, StoreError};
use crate::vetting::{self, dossier::CheckState};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Prospect,
    Negotiating,
    Agreed,
    InProduction,
    Live,
    Completed,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Prospect,
        Status::Negotiating,
        Status::Agreed,
        Status::InProduction,
        Status::Live,
        Status::Completed,
        Status::Cancelled,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::Prospect => "Prospect",
            Status::Negotiating => "Negotiating",
            Status::Agreed => "Agreed",
            Status::InProduction => "In production",
            Status::Live => "Live",
            Status::Completed => "Completed",
            Status::Cancelled => "Cancelled",
        }
    }

    /// A status as typed: "in production", "in_production", "Agreed".
    pub fn parse(text: &str) -> Option<Status> {
        let wanted = text.trim().to_lowercase().replace(['_', '-'], " ");
        Status::ALL.into_iter().find(|s| s.label().to_lowercase() == wanted)
    }

    /// Statuses that stand on an agreement: none of them with anything undefined.
    pub fn needs_agreement(self) -> bool {
        matches!(
            self,
            Status::Agreed | Status::InProduction | Status::Live | Status::Completed
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Partnership {
    pub id: Uuid,
    pub campaign_id: Option<Uuid>,
    pub influencer_id: Option<Uuid>,
    pub status: Status,
    /// The wizard step the person was on, to resume there.
    pub step: Step,
    pub terms: Terms,
    pub agreed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Messages, drafts, feedback, approvals and publications, oldest first
    /// (`collaboration`). Absent from records written before it existed.
    #[serde(default)]
    pub timeline: Vec<crate::collaboration::Entry>,
}

impl Record for Partnership {
    const TREE: &'static str = "partnerships";
    const KIND: &'static str = "partnership";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.as_bytes().to_vec()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AgreementError {
    #[error("there is no partnership with id {0} (it may have been deleted)")]
    NotFound(String),
    #[error("it cannot be {wanted} yet: {}", .undefined.iter().map(|u| u.message.as_str()).collect::<Vec<_>>().join(" "))]
    Undefined {
        wanted: &'static str,
        undefined: Vec<Undefined>,
    },
    #[error(transparent)]
    Campaign(#[from] CampaignError),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<vetting::VettingError> for AgreementError {
    fn from(e: vetting::VettingError) -> AgreementError {
        AgreementError::Campaign(CampaignError::Vetting(e))
    }
}

fn parse(id: &str) -> Result<Uuid, AgreementError> {
    Uuid::parse_str(id.trim()).map_err(|_| AgreementError::NotFound(id.to_string()))
}

pub fn get(store: &Store, id: &str) -> Result<Partnership, AgreementError> {
    store
        .get::<Partnership>(parse(id)?.as_bytes())?
        .ok_or_else(|| AgreementError::NotFound(id.to_string()))
}

/// Every partnership, the most recently changed first.
pub fn list(store: &Store) -> Result<Vec<Partnership>, AgreementError> {
    let mut all = store.all::<Partnership>()?;
    all.sort_by_key(|p| std::cmp::Reverse(p.updated_at));
    Ok(all)
}

/// Starts a partnership, with a campaign and a creator if already chosen.
pub fn create(
    store: &Store,
    campaign_id: Option<&str>,
    influencer_id: Option<&str>,
) -> Result<Partnership, AgreementError> {
    let campaign = campaign_id.map(|id| campaign::get(store, id)).transpose()?;
    let influencer = influencer_id.map(|id| roster::get(store, id)).transpose()?;
    let now = Utc::now();
    let partnership = Partnership {
        id: Uuid::new_v4(),
        campaign_id: campaign.map(|c| c.id),
        influencer_id: influencer.map(|i| i.id),
        status: Status::Prospect,
        step: Step::Campaign,
        terms: Terms::default(),
        agreed_at: None,
        created_at: now,
        updated_at: now,
        timeline: Vec::new(),
    };
    store.put(&partnership)?;
    Ok(partnership)
}

/// What is undefined in a stored partnership, looking up its campaign and
/// the creator's research.
pub fn undefined_in(store: &Store, partnership: &Partnership) -> Result<Vec<Undefined>, AgreementError> {
    let campaign: Option<Campaign> = match partnership.campaign_id {
        Some(id) => Some(campaign::get(store, &id.to_string())?),
        None => None,
    };
    let research = match partnership.influencer_id {
        Some(id) => {
            let dossier = vetting::dossier(store, &id.to_string())?;
            Some(Research {
                open_items: dossier
                    .checklist_state()
                    .iter()
                    .filter(|e| e.state == CheckState::Open)
                    .count(),
            })
        }
        None => None,
    };
    Ok(undefined(
        &partnership.terms,
        campaign.as_ref(),
        partnership.influencer_id.is_some(),
        research,
    ))
}

/// Saves what the wizard collected and the step the person is on. Terms
/// may be incomplete: that is what the review step lists. An agreed
/// partnership whose terms change goes back to negotiating.
pub fn save(store: &Store, id: &str, terms: Terms, step: Step) -> Result<Partnership, AgreementError> {
    let mut partnership = get(store, id)?;
    let changed = partnership.terms != terms;
    partnership.terms = terms;
    store_edit(store, partnership, changed, step)
}

/// Stores a wizard edit: what was agreed and has `changed` is negotiated again.
fn store_edit(
    store: &Store,
    mut partnership: Partnership,
    changed: bool,
    step: Step,
) -> Result<Partnership, AgreementError> {
    if changed && partnership.status.needs_agreement() {
        partnership.status = Status::Negotiating;
        partnership.agreed_at = None;
    }
    partnership.step = step;
    partnership.updated_at = Utc::now();
    store.put(&partnership)?;
    Ok(partnership)
}

/// Sets the campaign and the creator, the wizard's first two steps. An
/// agreed partnership given another campaign or creator goes back to
/// negotiating, as it does when its terms change.
pub fn choose(
    store: &Store,
    id: &str,
    campaign_id: Option<&str>,
    influencer_id: Option<&str>,
    step: Step,
) -> Result<Partnership, AgreementError> {
    let mut partnership = get(store, id)?;
    let campaign = campaign_id.map(|c| campaign::get(store, c)).transpose()?.map(|c| c.id);
    let influencer = influencer_id.map(|i| roster::get(store, i)).transpose()?.map(|i| i.id);
    let changed = partnership.campaign_id != campaign || partnership.influencer_id != influencer;
    partnership.campaign_id = campaign;
    partnership.influencer_id = influencer;
    store_edit(store, partnership, changed, step)
}

/// Deletes a partnership, for one started by mistake. Returns what it was.
pub fn remove(store: &Store, id: &str) -> Result<Partnership, AgreementError> {
    let partnership = get(store, id)?;
    store.remove::<Partnership>(&partnership.key())?;
    // After the partnership: a crash in between leaves unreachable figures,
    // never a partnership without its figures.
    store.remove_prefix::<crate::metrics::PostMetrics>(&crate::metrics::partnership_prefix(&partnership.id))?;
    Ok(partnership)
}

/// A campaign deleted, and how many partnerships went with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RemovedCampaign {
    pub campaign: Campaign,
    pub partnerships: u32,
}

/// Deletes a campaign with what was built on it: its partnerships (their
/// terms, timelines and payments) and their post figures, and the
/// dashboard's settings. A partnership without its campaign would be a
/// negotiation about nothing. Dependents go first and the campaign last, so
/// an interrupted removal leaves the campaign in place and running it again
/// finishes the job.
pub fn remove_campaign(store: &Store, campaign_id: &str) -> Result<RemovedCampaign, AgreementError> {
    let campaign = campaign::get(store, campaign_id)?;
    let mut partnerships = 0;
    for partnership in list(store)?.into_iter().filter(|p| p.campaign_id == Some(campaign.id)) {
        remove(store, &partnership.id.to_string())?;
        partnerships += 1;
    }
    store.remove::<crate::metrics::MetricSettings>(campaign.id.as_bytes())?;
    store.remove::<Campaign>(campaign.id.as_bytes())?;
    Ok(RemovedCampaign { campaign, partnerships })
}

/// Moves a partnership on the pipeline. Agreed and everything after it
/// need every detail defined and the research done or waived.
pub fn move_to(store: &Store, id: &str, status: Status) -> Result<Partnership, AgreementError> {
    let mut partnership = get(store, id)?;
    if status.needs_agreement() {
        let missing = undefined_in(store, &partnership)?;
        if !missing.is_empty() {
            return Err(AgreementError::Undefined {
                wanted: match status {
                    Status::Agreed => "marked agreed",
                    _ => "moved past agreed",
                },
                undefined: missing,
            });
        }
        if partnership.agreed_at.is_none() {
            partnership.agreed_at = Some(Utc::now());
        }
    } else if status != Status::Cancelled {
        partnership.agreed_at = None;
    }
    partnership.status = status;
    partnership.updated_at = Utc::now();
    store.put(&partnership)?;
    Ok(partnership)
}
