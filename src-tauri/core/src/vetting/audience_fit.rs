//! Audience fit: how much of a creator's audience is the audience the brand
//! wants, by country, age and gender.
//!
//! Each dimension scores Σ share(k) × weight(k) / max weight over the
//! brand's targets k, times 100: the share of the audience in the targets,
//! with secondary targets counting for less. A creator whose whole audience
//! is in the brand's main country scores 100 on countries.

use super::brand::{Brand, Weighted};
use super::dossier::{Audience, Share};
use super::score::{round1, Component, Score};

/// Where people are matters most for a brand that can only sell in some
/// markets; age and gender refine it.
const COUNTRY_WEIGHT: f64 = 0.5;
const AGE_WEIGHT: f64 = 0.25;
const GENDER_WEIGHT: f64 = 0.25;

pub fn audience_fit(brand: &Brand, audience: &Audience) -> Score {
    let target = &brand.audience;
    let dimensions = [
        (
            "Countries",
            COUNTRY_WEIGHT,
            &target.countries,
            &audience.countries,
            "audience countries",
        ),
        (
            "Ages",
            AGE_WEIGHT,
            &target.age_bands,
            &audience.age_bands,
            "audience age bands",
        ),
        (
            "Genders",
            GENDER_WEIGHT,
            &target.genders,
            &audience.genders,
            "audience gender split",
        ),
    ];
    if dimensions.iter().all(|(_, _, wanted, _, _)| wanted.is_empty()) {
        return Score::not_applicable("the brand has no target audience (countries, ages or genders)");
    }
    let mut components = Vec::new();
    let mut missing = Vec::new();
    for (name, weight, wanted, known, noun) in dimensions {
        if wanted.is_empty() {
            continue;
        }
        if known.is_empty() {
            missing.push(format!("the creator's {noun}"));
            components.push(Component {
                name: name.to_string(),
                value: None,
                weight,
                inputs: format!("unknown: no {noun} recorded"),
            });
            continue;
        }
        let (value, inputs) = overlap(wanted, known);
        components.push(Component {
            name: name.to_string(),
            value: Some(value),
            weight,
            inputs,
        });
    }
    Score::from_parts(components, Vec::new(), missing)
}

/// The weighted share of `known` in `wanted`, and the sum written out.
fn overlap(wanted: &[Weighted], known: &[Share]) -> (f64, String) {
    let top = wanted.iter().map(|w| w.weight).fold(0.0, f64::max);
    let mut total = 0.0;
    let mut terms = Vec::new();
    for target in wanted {
        let share = known.iter().find(|s| s.key == target.key).map_or(0.0, |s| s.share);
        let relative = target.weight / top;
        total += share * relative;
        terms.push(format!("{} {:.0} % × {:.2}", target.key, share * 100.0, relative));
    }
    let value = round1((total * 100.0).min(100.0));
    (value, format!("{} = {value}", terms.join(" + ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vetting::brand::TargetAudience;
    use crate::vetting::score::ScoreStatus;

    fn weighted(pairs: &[(&str, f64)]) -> Vec<Weighted> {
        pairs
            .iter()
            .map(|(key, weight)| Weighted {
                key: key.to_string(),
                weight: *weight,
            })
            .collect()
    }

    fn shares(pairs: &[(&str, f64)]) -> Vec<Share> {
        pairs
            .iter()
            .map(|(key, share)| Share {
                key: key.to_string(),
                share: *share,
            })
            .collect()
    }

    fn brand(target: TargetAudience) -> Brand {
        let now = chrono::Utc::now();
        Brand {
            id: uuid::Uuid::nil(),
            name: "Oat & Co".into(),
            values: vec![],
            audience: target,
            excluded_topics: vec![],
            competitors: vec![],
            markets: vec![],
            shortlist: vec![],
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_worked_example_with_every_dimension_known() {
        // Target: DE 75 %, AT 25 %; ages 25-34 only; women only.
        let oat = brand(TargetAudience {
            countries: weighted(&[("DE", 0.75), ("AT", 0.25)]),
            age_bands: weighted(&[("25-34", 1.0)]),
            genders: weighted(&[("female", 1.0)]),
            interests: vec![],
        });
        // Audience: DE 40 %, AT 30 %, US 30 %; 25-34 is 50 %; 80 % women.
        let audience = Audience {
            countries: shares(&[("DE", 0.4), ("AT", 0.3), ("US", 0.3)]),
            age_bands: shares(&[("18-24", 0.3), ("25-34", 0.5)]),
            genders: shares(&[("female", 0.8), ("male", 0.2)]),
            ..Audience::default()
        };
        let fit = audience_fit(&oat, &audience);
        // Countries: 0.40 × 1 + 0.30 × (0.25 / 0.75) = 0.50 → 50.
        // Ages 50, genders 80. 50 × 0.5 + 50 × 0.25 + 80 × 0.25 = 57.5.
        assert_eq!(fit.status, ScoreStatus::Complete);
        assert_eq!(fit.components[0].value, Some(50.0));
        assert_eq!(fit.components[0].inputs, "DE 40 % × 1.00 + AT 30 % × 0.33 = 50");
        assert_eq!(fit.components[1].value, Some(50.0));
        assert_eq!(fit.components[2].value, Some(80.0));
        assert_eq!(fit.value, Some(57.5));
        assert!(fit.missing.is_empty());
    }

    #[test]
    fn unknown_demographics_make_it_incomplete_not_zero() {
        let oat = brand(TargetAudience {
            countries: weighted(&[("DE", 1.0)]),
            genders: weighted(&[("female", 1.0)]),
            ..TargetAudience::default()
        });
        let audience = Audience {
            countries: shares(&[("DE", 0.9)]),
            ..Audience::default()
        };
        let fit = audience_fit(&oat, &audience);
        // Only countries are known: 90, from that part alone.
        assert_eq!(fit.status, ScoreStatus::Incomplete);
        assert_eq!(fit.value, Some(90.0));
        assert_eq!(fit.components[1].value, None);
        assert_eq!(fit.missing, vec!["the creator's audience gender split"]);

        let nothing = audience_fit(&oat, &Audience::default());
        assert_eq!(nothing.status, ScoreStatus::Unknown);
        assert_eq!(nothing.value, None);
        assert_eq!(nothing.missing.len(), 2);
    }

    #[test]
    fn a_brand_without_a_target_audience_is_not_scored() {
        let fit = audience_fit(&brand(TargetAudience::default()), &Audience::default());
        assert_eq!(fit.status, ScoreStatus::NotApplicable);
        assert_eq!(fit.value, None);
    }
}
