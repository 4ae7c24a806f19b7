//! A brand profile: what the brand stands for, whom it wants to reach, what
//! it must never be seen next to. Creators are vetted against one of these.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::drafts::{age_band, checked_percents, gender, Percents};
use crate::country;
use crate::roster::FieldError;
use crate::store::Record;

/// The age bands platforms report audiences in (Instagram, TikTok and
/// YouTube all use these), so a brand's target can be compared with them.
pub const AGE_BANDS: [&str; 7] = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
/// The genders audience reports give.
pub const GENDERS: [&str; 3] = ["female", "male", "other"];

pub const MAX_BRAND_NAME_CHARS: usize = 120;
pub const MAX_KEYWORD_CHARS: usize = 60;
pub const MAX_KEYWORDS: usize = 50;

/// One part of a target and how much it matters, as a fraction of the
/// whole target (the shares of one target add up to 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Weighted {
    /// A country code ("DE"), an age band ("25-34") or a gender ("female").
    pub key: String,
    pub weight: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TargetAudience {
    pub countries: Vec<Weighted>,
    pub age_bands: Vec<Weighted>,
    pub genders: Vec<Weighted>,
    /// Interests and niches of the people the brand wants to reach.
    pub interests: Vec<String>,
}

/// A creator the brand is considering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ShortlistEntry {
    pub influencer_id: Uuid,
    pub added_at: DateTime<Utc>,
    /// Set when the manager picks the creator for a partnership.
    pub chosen_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Brand {
    pub id: Uuid,
    pub name: String,
    /// Values and topics the brand stands for ("sustainability", "vegan").
    pub values: Vec<String>,
    pub audience: TargetAudience,
    /// Topics the brand must not appear next to (brand safety).
    pub excluded_topics: Vec<String>,
    pub competitors: Vec<String>,
    /// ISO codes of the countries the brand advertises in.
    pub markets: Vec<String>,
    #[serde(default)]
    pub shortlist: Vec<ShortlistEntry>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Record for Brand {
    const TREE: &'static str = "brands";
    const KIND: &'static str = "brand";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.as_bytes().to_vec()
    }
}

/// A target share as typed: the weight is a percent, any positive number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightDraft {
    pub key: String,
    pub percent: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TargetAudienceDraft {
    pub countries: Vec<WeightDraft>,
    pub age_bands: Vec<WeightDraft>,
    pub genders: Vec<WeightDraft>,
    pub interests: Vec<String>,
}

/// A brand profile as typed into the form or given to the CLI as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BrandDraft {
    pub name: String,
    pub values: Vec<String>,
    pub audience: TargetAudienceDraft,
    pub excluded_topics: Vec<String>,
    pub competitors: Vec<String>,
    /// Codes or English names.
    pub markets: Vec<String>,
}

impl Brand {
    pub fn to_draft(&self) -> BrandDraft {
        let percents = |shares: &[Weighted]| {
            shares
                .iter()
                .map(|w| WeightDraft {
                    key: w.key.clone(),
                    percent: (w.weight * 1000.0).round() / 10.0,
                })
                .collect()
        };
        BrandDraft {
            name: self.name.clone(),
            values: self.values.clone(),
            audience: TargetAudienceDraft {
                countries: percents(&self.audience.countries),
                age_bands: percents(&self.audience.age_bands),
                genders: percents(&self.audience.genders),
                interests: self.audience.interests.clone(),
            },
            excluded_topics: self.excluded_topics.clone(),
            competitors: self.competitors.clone(),
            markets: self.markets.clone(),
        }
    }

    /// The brand's own words for what it is about: values, topics and the
    /// audience's interests, which alignment looks for in a creator's niches.
    pub fn keywords(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self
            .values
            .iter()
            .chain(&self.audience.interests)
            .map(String::as_str)
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    }
}

/// The checked fields of a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBrand {
    pub name: String,
    pub values: Vec<String>,
    pub audience: TargetAudience,
    pub excluded_topics: Vec<String>,
    pub competitors: Vec<String>,
    pub markets: Vec<String>,
}

/// Checks a draft; every problem is reported against its field
/// (`audience.countries.1.key`) with a sentence that stands alone.
pub fn validate_brand(draft: &BrandDraft) -> Result<ValidBrand, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = draft.name.trim().to_string();
    if name.is_empty() {
        errors.push(FieldError::new("name", "Enter the brand's name."));
    } else if name.chars().count() > MAX_BRAND_NAME_CHARS {
        errors.push(FieldError::new(
            "name",
            format!("The name is longer than {MAX_BRAND_NAME_CHARS} characters."),
        ));
    }
    let values = keywords(&draft.values, "values", "value", &mut errors);
    let interests = keywords(&draft.audience.interests, "audience.interests", "interest", &mut errors);
    let excluded_topics = keywords(&draft.excluded_topics, "excluded_topics", "excluded topic", &mut errors);
    let competitors = names(&draft.competitors, "competitors", &mut errors);

    let countries = shares(&draft.audience.countries, "audience.countries", &mut errors, |key| {
        country::resolve(key).map(|c| c.code.to_string()).ok_or_else(|| {
            format!("'{key}' is not a country Partnerly knows; use a code such as DE or a name such as Germany.")
        })
    });
    let age_bands = shares(&draft.audience.age_bands, "audience.age_bands", &mut errors, |key| {
        age_band(key).ok_or_else(|| format!("'{key}' is not an age band; use one of {}.", AGE_BANDS.join(", ")))
    });
    let genders = shares(&draft.audience.genders, "audience.genders", &mut errors, |key| {
        gender(key).ok_or_else(|| format!("'{key}' is not a gender audience reports use; use female, male or other."))
    });

    let mut markets = Vec::new();
    for (i, market) in draft.markets.iter().enumerate() {
        if market.trim().is_empty() {
            continue;
        }
        match country::resolve(market) {
            Some(c) if !markets.contains(&c.code.to_string()) => markets.push(c.code.to_string()),
            Some(_) => {}
            None => errors.push(FieldError::new(
                format!("markets.{i}"),
                format!(
                    "'{}' is not a country Partnerly knows; use a code such as FR or a name such as France.",
                    market.trim()
                ),
            )),
        }
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidBrand {
        name,
        values,
        audience: TargetAudience {
            countries,
            age_bands,
            genders,
            interests,
        },
        excluded_topics,
        competitors,
        markets,
    })
}

/// Lower-case, trimmed, de-duplicated keywords; blanks dropped.
fn keywords(raw: &[String], field: &str, what: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, word) in raw.iter().enumerate() {
        let word = word.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if word.is_empty() || out.contains(&word) {
            continue;
        }
        if word.chars().count() > MAX_KEYWORD_CHARS {
            errors.push(FieldError::new(
                format!("{field}.{i}"),
                format!("The {what} '{word}' is longer than {MAX_KEYWORD_CHARS} characters."),
            ));
            continue;
        }
        out.push(word);
    }
    if out.len() > MAX_KEYWORDS {
        errors.push(FieldError::new(field, format!("Keep it to {MAX_KEYWORDS} entries.")));
    }
    out
}

/// Names as written (competitors keep their capitals), trimmed, de-duplicated.
fn names(raw: &[String], field: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, name) in raw.iter().enumerate() {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() || out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            continue;
        }
        if name.chars().count() > MAX_BRAND_NAME_CHARS {
            errors.push(FieldError::new(
                format!("{field}.{i}"),
                format!("The name '{name}' is longer than {MAX_BRAND_NAME_CHARS} characters."),
            ));
            continue;
        }
        out.push(name);
    }
    out
}

/// Checks each key and weight and turns the percents into fractions of their
/// sum: "DE 3, AT 1" and "DE 75 %, AT 25 %" mean the same target.
fn shares(
    raw: &[WeightDraft],
    field: &str,
    errors: &mut Vec<FieldError>,
    resolve: impl Fn(&str) -> Result<String, String>,
) -> Vec<Weighted> {
    let checked = checked_percents(raw, field, errors, resolve, Percents::Weights);
    let total: f64 = checked.iter().map(|(_, percent)| percent).sum();
    checked
        .into_iter()
        .map(|(key, percent)| Weighted {
            key,
            weight: percent / total,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weight(key: &str, percent: f64) -> WeightDraft {
        WeightDraft {
            key: key.into(),
            percent,
        }
    }

    #[test]
    fn a_draft_is_cleaned_and_its_weights_become_fractions() {
        let draft = BrandDraft {
            name: "  Oat & Co ".into(),
            values: vec![
                "Sustainability".into(),
                " vegan   food".into(),
                "sustainability".into(),
                "".into(),
            ],
            audience: TargetAudienceDraft {
                countries: vec![weight("Germany", 3.0), weight("at", 1.0)],
                age_bands: vec![weight("25 – 34", 50.0)],
                genders: vec![weight("Women", 100.0)],
                interests: vec!["Cooking".into()],
            },
            excluded_topics: vec!["Gambling".into()],
            competitors: vec!["Oatly".into(), "oatly".into()],
            markets: vec!["de".into(), "Austria".into(), "DE".into()],
        };
        let valid = validate_brand(&draft).unwrap();
        assert_eq!(valid.name, "Oat & Co");
        assert_eq!(valid.values, vec!["sustainability", "vegan food"]);
        assert_eq!(
            valid.audience.countries,
            vec![
                Weighted {
                    key: "DE".into(),
                    weight: 0.75
                },
                Weighted {
                    key: "AT".into(),
                    weight: 0.25
                }
            ]
        );
        assert_eq!(valid.audience.age_bands[0].key, "25-34");
        assert_eq!(valid.audience.age_bands[0].weight, 1.0);
        assert_eq!(valid.audience.genders[0].key, "female");
        assert_eq!(valid.excluded_topics, vec!["gambling"]);
        assert_eq!(valid.competitors, vec!["Oatly"]);
        assert_eq!(valid.markets, vec!["DE", "AT"]);
    }

    #[test]
    fn every_mistake_is_reported_at_its_field() {
        let draft = BrandDraft {
            name: " ".into(),
            audience: TargetAudienceDraft {
                countries: vec![
                    weight("DE", 50.0),
                    weight("Atlantis", 10.0),
                    weight("de", 5.0),
                    weight("FR", 0.0),
                ],
                age_bands: vec![weight("20-30", 10.0)],
                genders: vec![weight("robots", 10.0)],
                interests: vec![],
            },
            markets: vec!["Narnia".into()],
            ..BrandDraft::default()
        };
        let errors = validate_brand(&draft).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec![
                "name",
                "audience.countries.1.key",
                "audience.countries.2.key",
                "audience.countries.3.percent",
                "audience.age_bands.0.key",
                "audience.genders.0.key",
                "markets.0"
            ]
        );
        assert!(errors[1].message.contains("'Atlantis' is not a country"));
        assert!(errors[2].message.contains("DE is listed twice"));
    }
}
