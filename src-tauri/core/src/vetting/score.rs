//! The shape every vetting score shares: a value out of 100, the parts it
//! was computed from, and what was missing. A score with unknown parts is
//! "incomplete" and says so; it never quietly counts them as 0 or 100.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScoreStatus {
    /// Every part the brand asks about is known.
    Complete,
    /// Some parts are known; the value is from those alone.
    Incomplete,
    /// Nothing the score needs is known: there is no value.
    Unknown,
    /// The brand asks nothing this score measures.
    NotApplicable,
}

/// One part of a score.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Component {
    pub name: String,
    /// 0–100; `None` when its inputs are unknown.
    pub value: Option<f64>,
    /// Its share of the score, as a fraction (before renormalising over the known parts).
    pub weight: f64,
    /// How the value was computed, with the figures.
    pub inputs: String,
}

/// Something that lowered a score, and by how much.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Penalty {
    pub reason: String,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Score {
    /// 0–100, rounded to one decimal; `None` when unknown or not applicable.
    pub value: Option<f64>,
    pub status: ScoreStatus,
    pub components: Vec<Component>,
    pub penalties: Vec<Penalty>,
    pub missing: Vec<String>,
}

impl Score {
    pub(crate) fn not_applicable(reason: &str) -> Score {
        Score {
            value: None,
            status: ScoreStatus::NotApplicable,
            components: Vec::new(),
            penalties: Vec::new(),
            missing: vec![reason.to_string()],
        }
    }

    /// The weighted mean of the known components, less the penalties,
    /// within 0–100.
    pub(crate) fn from_parts(components: Vec<Component>, penalties: Vec<Penalty>, missing: Vec<String>) -> Score {
        let known: Vec<&Component> = components.iter().filter(|c| c.value.is_some()).collect();
        let weight: f64 = known.iter().map(|c| c.weight).sum();
        let status = if known.is_empty() {
            ScoreStatus::Unknown
        } else if known.len() < components.len() {
            ScoreStatus::Incomplete
        } else {
            ScoreStatus::Complete
        };
        let value = (weight > 0.0).then(|| {
            let mean = known.iter().map(|c| c.value.unwrap_or(0.0) * c.weight).sum::<f64>() / weight;
            let penalised = mean - penalties.iter().map(|p| p.points).sum::<f64>();
            round1(penalised.clamp(0.0, 100.0))
        });
        Score {
            value,
            status,
            components,
            penalties,
            missing,
        }
    }
}

pub(crate) fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
