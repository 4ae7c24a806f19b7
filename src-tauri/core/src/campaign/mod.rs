//! Campaigns: one brand, one primary objective, and targets a person can
//! check afterwards — each a metric, a number and a date. "More buzz" is not
//! a target, and is refused with a hint of what would be.

pub mod money;
mod targets;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::country;
use crate::roster::FieldError;
use crate::store::{Record, Store, StoreError};
use crate::vetting;
pub use money::Money;
pub use targets::{KpiMetric, KpiTarget, KpiTargetDraft, TargetValue};

/// What a campaign is for, first of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    BrandAwareness,
    Sales,
    /// Reaching a specific audience.
    Audience,
}

impl Objective {
    pub fn label(self) -> &'static str {
        match self {
            Objective::BrandAwareness => "Brand awareness",
            Objective::Sales => "Sales and conversions",
            Objective::Audience => "Reaching a specific audience",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Campaign {
    pub id: Uuid,
    pub brand_id: Uuid,
    pub name: String,
    pub objective: Objective,
    pub targets: Vec<KpiTarget>,
    pub budget: Money,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// ISO codes; they decide the disclosure rules.
    pub markets: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Record for Campaign {
    const TREE: &'static str = "campaigns";
    const KIND: &'static str = "campaign";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.as_bytes().to_vec()
    }
}

/// A campaign as typed into the form or given to the CLI as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CampaignDraft {
    pub brand_id: String,
    pub name: String,
    pub objective: Option<Objective>,
    pub targets: Vec<KpiTargetDraft>,
    /// As typed: "12,500" or "12.500,00".
    pub budget: String,
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
    /// Codes or English names; empty means the brand's markets.
    pub markets: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CampaignError {
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error("there is no campaign with id {0} (it may have been deleted)")]
    NotFound(String),
    #[error(transparent)]
    Vetting(#[from] vetting::VettingError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn date(text: &str, field: &str, what: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(field, format!("Enter the {what}.")));
        return None;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(day) => Some(day),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                format!("'{text}' is not a date like 2026-03-31."),
            ));
            None
        }
    }
}

/// The checked fields of a draft; `brand_markets` stand in when it names none.
struct Valid {
    name: String,
    objective: Objective,
    targets: Vec<KpiTarget>,
    budget: Money,
    start: NaiveDate,
    end: NaiveDate,
    markets: Vec<String>,
}

fn validate(draft: &CampaignDraft, brand_markets: &[String]) -> Result<Valid, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = draft.name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        errors.push(FieldError::new("name", "Enter the campaign's name."));
    }
    if draft.objective.is_none() {
        errors.push(FieldError::new(
            "objective",
            "Choose one primary objective: brand awareness, sales and conversions, or reaching a specific audience.",
        ));
    }
    let start = date(&draft.start, "start", "start date", &mut errors);
    let end = date(&draft.end, "end", "end date", &mut errors);
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            errors.push(FieldError::new(
                "end",
                format!("The campaign ends ({end}) before it starts ({start})."),
            ));
        }
    }
    let budget = if draft.budget.trim().is_empty() {
        errors.push(FieldError::new(
            "budget",
            "Enter the budget: an amount and its currency.",
        ));
        None
    } else {
        match money::parse_amount(&draft.budget, &draft.currency) {
            Ok(money) => Some(money),
            Err(why) => {
                let field = if why.contains("currency") { "currency" } else { "budget" };
                errors.push(FieldError::new(field, format!("Budget: {why}.")));
                None
            }
        }
    };
    let currency = budget
        .as_ref()
        .map(|b| b.currency.clone())
        .unwrap_or_else(|| draft.currency.trim().to_uppercase());
    if draft.targets.is_empty() {
        errors.push(FieldError::new(
            "targets",
            "Add at least one measurable target: a metric, a number and a date (e.g. reach 500,000 by 2026-06-30).",
        ));
    }
    let targets: Vec<KpiTarget> = draft
        .targets
        .iter()
        .enumerate()
        .filter_map(|(i, target)| match targets::validate(target, &currency, start) {
            Ok(valid) => Some(valid),
            Err(problems) => {
                errors.extend(problems.into_iter().map(|(part, message)| {
                    FieldError::new(format!("targets.{i}.{part}"), format!("Target {}: {message}", i + 1))
                }));
                None
            }
        })
        .collect();
    let mut markets = Vec::new();
    for (i, market) in draft.markets.iter().enumerate().filter(|(_, m)| !m.trim().is_empty()) {
        match country::resolve(market) {
            Some(c) if !markets.contains(&c.code) => markets.push(c.code.clone()),
            Some(_) => {}
            None => errors.push(FieldError::new(
                format!("markets.{i}"),
                format!("'{}' is not a country Partnerly knows.", market.trim()),
            )),
        }
    }
    if markets.is_empty() {
        markets = brand_markets.to_vec();
    }
    if markets.is_empty() {
        errors.push(FieldError::new(
            "markets",
            "Name the markets the campaign runs in: they decide how posts must be disclosed.",
        ));
    }
    match (errors.is_empty(), draft.objective, budget, start, end) {
        (true, Some(objective), Some(budget), Some(start), Some(end)) => Ok(Valid {
            name,
            objective,
            targets,
            budget,
            start,
            end,
            markets,
        }),
        _ => Err(errors),
    }
}

/// Every campaign, the newest start first.
pub fn list(store: &Store) -> Result<Vec<Campaign>, CampaignError> {
    let mut all = store.all::<Campaign>()?;
    all.sort_by(|a, b| b.start.cmp(&a.start).then_with(|| a.name.cmp(&b.name)));
    Ok(all)
}

pub fn get(store: &Store, id: &str) -> Result<Campaign, CampaignError> {
    let uuid = Uuid::parse_str(id.trim()).map_err(|_| CampaignError::NotFound(id.to_string()))?;
    store
        .get::<Campaign>(uuid.as_bytes())?
        .ok_or_else(|| CampaignError::NotFound(id.to_string()))
}

/// A campaign made of `valid`'s fields, keeping `id` and `created_at`.
fn assemble(valid: Valid, brand_id: Uuid, id: Uuid, created_at: DateTime<Utc>) -> Campaign {
    Campaign {
        id,
        brand_id,
        name: valid.name,
        objective: valid.objective,
        targets: valid.targets,
        budget: valid.budget,
        start: valid.start,
        end: valid.end,
        markets: valid.markets,
        created_at,
        updated_at: Utc::now(),
    }
}

pub fn add(store: &Store, draft: &CampaignDraft) -> Result<Campaign, CampaignError> {
    let brand = vetting::get_brand(store, &draft.brand_id)?;
    let valid = validate(draft, &brand.markets).map_err(CampaignError::Invalid)?;
    let campaign = assemble(valid, brand.id, Uuid::new_v4(), Utc::now());
    store.put(&campaign)?;
    Ok(campaign)
}

pub fn update(store: &Store, id: &str, draft: &CampaignDraft) -> Result<Campaign, CampaignError> {
    let current = get(store, id)?;
    let brand = vetting::get_brand(store, &draft.brand_id)?;
    let valid = validate(draft, &brand.markets).map_err(CampaignError::Invalid)?;
    let campaign = assemble(valid, brand.id, current.id, current.created_at);
    store.put(&campaign)?;
    Ok(campaign)
}

#[cfg(test)]
mod tests;
