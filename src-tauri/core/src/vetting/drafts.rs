//! Dossier parts as a person types them (percents, dates as text), and their
//! checks. Every mistake is reported at its field with a sentence.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::brand::{WeightDraft, AGE_BANDS, GENDERS};
use super::dossier::{AccountStats, Audience, CheckState, PastPartnership, Share};
use crate::country;
use crate::roster::{FieldError, Platform};

pub const MAX_NOTE_CHARS: usize = 2_000;

/// Average figures per post for one account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AccountStatsDraft {
    pub platform: Option<Platform>,
    pub avg_likes: Option<f64>,
    pub avg_comments: Option<f64>,
    pub avg_views: Option<f64>,
    pub avg_reach: Option<f64>,
    pub avg_impressions: Option<f64>,
    /// As a percent (2.4 for 2.4 %).
    pub engagement_rate_percent: Option<f64>,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AudienceDraft {
    /// Percent of the audience per country, age band and gender.
    pub countries: Vec<WeightDraft>,
    pub age_bands: Vec<WeightDraft>,
    pub genders: Vec<WeightDraft>,
    pub credibility_percent: Option<f64>,
    pub mass_followers_percent: Option<f64>,
    pub source: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PastPartnershipDraft {
    pub brand: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub platform: Option<Platform>,
    pub outcome: String,
    pub notes: String,
}

/// What a person says about one checklist item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CheckDraft {
    Open,
    Done { note: String, evidence: String },
    Waived { reason: String },
}

fn amount(value: Option<f64>, field: &str, what: &str, errors: &mut Vec<FieldError>) -> Option<f64> {
    let value = value?;
    if !value.is_finite() || value < 0.0 {
        errors.push(FieldError::new(
            field,
            format!("The {what} must be a number of 0 or more."),
        ));
        return None;
    }
    Some(value)
}

fn percent(value: Option<f64>, field: &str, what: &str, errors: &mut Vec<FieldError>) -> Option<f64> {
    let value = value?;
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        errors.push(FieldError::new(
            field,
            format!("The {what} must be a percent from 0 to 100."),
        ));
        return None;
    }
    Some(value / 100.0)
}

pub fn validate_stats(draft: &AccountStatsDraft) -> Result<AccountStats, Vec<FieldError>> {
    let mut errors = Vec::new();
    if draft.platform.is_none() {
        errors.push(FieldError::new(
            "platform",
            "Choose the platform these figures are for.",
        ));
    }
    let stats = AccountStats {
        avg_engagements: None,
        entered_at: None,
        platform: draft.platform,
        handle: None,
        avg_likes: amount(draft.avg_likes, "avg_likes", "average likes", &mut errors),
        avg_comments: amount(draft.avg_comments, "avg_comments", "average comments", &mut errors),
        avg_views: amount(draft.avg_views, "avg_views", "average views", &mut errors),
        avg_reach: amount(draft.avg_reach, "avg_reach", "average reach", &mut errors),
        avg_impressions: amount(
            draft.avg_impressions,
            "avg_impressions",
            "average impressions",
            &mut errors,
        ),
        imported_rate: percent(
            draft.engagement_rate_percent,
            "engagement_rate_percent",
            "engagement rate",
            &mut errors,
        ),
        source: draft.source.trim().to_string(),
    };
    if stats.avg_likes.is_some() != stats.avg_comments.is_some() {
        let field = if stats.avg_likes.is_none() {
            "avg_likes"
        } else {
            "avg_comments"
        };
        errors.push(FieldError::new(
            field,
            "Give average likes and average comments together: engagement needs both.",
        ));
    }
    if errors.is_empty() {
        Ok(stats)
    } else {
        Err(errors)
    }
}

/// What a list of percents means, which decides the values allowed.
pub(crate) enum Percents {
    /// A brand's target: relative weights, each above 0.
    Weights,
    /// Shares of an audience: 0 is a real answer.
    Shares,
}

/// Resolves each key and checks each percent, reporting problems at
/// `field.i.key` or `field.i.percent`; blank rows are skipped.
pub(crate) fn checked_percents(
    raw: &[WeightDraft],
    field: &str,
    errors: &mut Vec<FieldError>,
    resolve: impl Fn(&str) -> Result<String, String>,
    meaning: Percents,
) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    for (i, part) in raw.iter().enumerate() {
        if part.key.trim().is_empty() {
            continue;
        }
        let key = match resolve(&part.key) {
            Ok(key) => key,
            Err(message) => {
                errors.push(FieldError::new(format!("{field}.{i}.key"), message));
                continue;
            }
        };
        let (in_range, noun, range) = match meaning {
            Percents::Weights => (
                part.percent > 0.0 && part.percent <= 100.0,
                "weight",
                "more than 0 and at most 100 %",
            ),
            Percents::Shares => (
                (0.0..=100.0).contains(&part.percent),
                "share",
                "a percent from 0 to 100",
            ),
        };
        if !in_range || !part.percent.is_finite() {
            errors.push(FieldError::new(
                format!("{field}.{i}.percent"),
                format!("The {noun} of {key} must be {range}."),
            ));
            continue;
        }
        if out.iter().any(|(known, _)| *known == key) {
            errors.push(FieldError::new(
                format!("{field}.{i}.key"),
                format!("{key} is listed twice."),
            ));
            continue;
        }
        out.push((key, part.percent));
    }
    out
}

/// Shares of an audience: each 0–100 %, together at most 100 % (the rest is
/// "other" or unknown).
fn audience_shares(
    raw: &[WeightDraft],
    field: &str,
    errors: &mut Vec<FieldError>,
    resolve: impl Fn(&str) -> Option<String>,
    hint: &str,
) -> Vec<Share> {
    let resolve = |key: &str| resolve(key).ok_or_else(|| format!("'{}' is not {hint}.", key.trim()));
    let out: Vec<Share> = checked_percents(raw, field, errors, resolve, Percents::Shares)
        .into_iter()
        .map(|(key, percent)| Share {
            key,
            share: percent / 100.0,
        })
        .collect();
    let total: f64 = out.iter().map(|s| s.share).sum();
    // Exports round each share; half a percent over is rounding, not a mistake.
    if total > 1.005 {
        errors.push(FieldError::new(
            field,
            format!(
                "These shares add up to {:.1} %, more than the whole audience.",
                total * 100.0
            ),
        ));
    }
    out
}

pub(crate) fn age_band(text: &str) -> Option<String> {
    let band = text.trim().replace(['–', '—'], "-").replace(' ', "");
    AGE_BANDS.iter().find(|b| **b == band).map(|b| b.to_string())
}

pub(crate) fn gender(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let gender = match lower.as_str() {
        "women" | "woman" | "f" => "female",
        "men" | "man" | "m" => "male",
        other => other,
    };
    GENDERS.iter().find(|g| **g == gender).map(|g| g.to_string())
}

pub fn validate_audience(draft: &AudienceDraft) -> Result<Audience, Vec<FieldError>> {
    let mut errors = Vec::new();
    let countries = audience_shares(
        &draft.countries,
        "countries",
        &mut errors,
        |key| country::resolve(key).map(|c| c.code.to_string()),
        "a country Partnerly knows",
    );
    let age_bands = audience_shares(
        &draft.age_bands,
        "age_bands",
        &mut errors,
        age_band,
        &format!("an age band ({})", AGE_BANDS.join(", ")),
    );
    let genders = audience_shares(&draft.genders, "genders", &mut errors, gender, "female, male or other");
    let audience = Audience {
        top_country: None,
        countries,
        age_bands,
        genders,
        credibility: percent(
            draft.credibility_percent,
            "credibility_percent",
            "credibility",
            &mut errors,
        ),
        mass_followers: percent(
            draft.mass_followers_percent,
            "mass_followers_percent",
            "share of mass followers",
            &mut errors,
        ),
        source: draft.source.trim().to_string(),
    };
    if errors.is_empty() {
        Ok(audience)
    } else {
        Err(errors)
    }
}

pub fn validate_partnerships(
    drafts: &[PastPartnershipDraft],
    today: NaiveDate,
) -> Result<Vec<PastPartnership>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        let brand = draft.brand.split_whitespace().collect::<Vec<_>>().join(" ");
        if brand.is_empty() {
            errors.push(FieldError::new(
                format!("{i}.brand"),
                format!("Partnership {}: enter the brand.", i + 1),
            ));
        }
        let date = match NaiveDate::parse_from_str(draft.date.trim(), "%Y-%m-%d") {
            Ok(date) if date > today => {
                errors.push(FieldError::new(
                    format!("{i}.date"),
                    format!("Partnership {}: {date} is in the future; record past work only.", i + 1),
                ));
                None
            }
            Ok(date) => Some(date),
            Err(_) => {
                errors.push(FieldError::new(
                    format!("{i}.date"),
                    format!(
                        "Partnership {}: '{}' is not a date like 2026-03-31.",
                        i + 1,
                        draft.date.trim()
                    ),
                ));
                None
            }
        };
        if draft.notes.chars().count() > MAX_NOTE_CHARS || draft.outcome.chars().count() > MAX_NOTE_CHARS {
            errors.push(FieldError::new(
                format!("{i}.notes"),
                format!(
                    "Partnership {}: keep the outcome and notes under {MAX_NOTE_CHARS} characters.",
                    i + 1
                ),
            ));
        }
        if let (false, Some(date)) = (brand.is_empty(), date) {
            out.push(PastPartnership {
                brand,
                date,
                platform: draft.platform,
                outcome: draft.outcome.trim().to_string(),
                notes: draft.notes.trim().to_string(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    out.sort_by_key(|p| std::cmp::Reverse(p.date));
    Ok(out)
}

/// A checklist answer made into a state, recording who and when.
pub fn validate_check(draft: &CheckDraft, by: &str, at: DateTime<Utc>) -> Result<CheckState, Vec<FieldError>> {
    let by = by.trim().to_string();
    match draft {
        CheckDraft::Open => Ok(CheckState::Open),
        CheckDraft::Done { note, evidence } => {
            let (note, evidence) = (note.trim(), evidence.trim());
            if note.is_empty() && evidence.is_empty() {
                return Err(vec![FieldError::new(
                    "note",
                    "Say what you found, or link the evidence, to mark this done.",
                )]);
            }
            if note.chars().count() > MAX_NOTE_CHARS {
                return Err(vec![FieldError::new(
                    "note",
                    format!("Keep the note under {MAX_NOTE_CHARS} characters."),
                )]);
            }
            Ok(CheckState::Done {
                note: note.to_string(),
                evidence: (!evidence.is_empty()).then(|| evidence.to_string()),
                by,
                at,
            })
        }
        CheckDraft::Waived { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(vec![FieldError::new(
                    "reason",
                    "Say why this check is waived: a skipped check needs a reason.",
                )]);
            }
            Ok(CheckState::Waived {
                reason: reason.to_string(),
                by,
                at,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(key: &str, percent: f64) -> WeightDraft {
        WeightDraft {
            key: key.into(),
            percent,
        }
    }

    #[test]
    fn audience_percents_become_fractions_and_overfull_splits_are_refused() {
        let draft = AudienceDraft {
            countries: vec![share("Germany", 62.0), share("AT", 20.0)],
            genders: vec![share("women", 70.0), share("men", 40.0)],
            credibility_percent: Some(81.0),
            ..AudienceDraft::default()
        };
        let errors = validate_audience(&draft).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "genders");
        assert_eq!(
            errors[0].message,
            "These shares add up to 110.0 %, more than the whole audience."
        );

        let fixed = AudienceDraft {
            genders: vec![share("women", 70.0), share("men", 30.0)],
            ..draft
        };
        let audience = validate_audience(&fixed).unwrap();
        assert_eq!(audience.countries[0].key, "DE");
        assert!((audience.countries[0].share - 0.62).abs() < 1e-12);
        assert_eq!(audience.genders[0].key, "female");
        assert!((audience.credibility.unwrap() - 0.81).abs() < 1e-12);
    }

    #[test]
    fn stats_need_likes_and_comments_together() {
        let draft = AccountStatsDraft {
            platform: Some(Platform::Instagram),
            avg_likes: Some(300.0),
            engagement_rate_percent: Some(140.0),
            ..AccountStatsDraft::default()
        };
        let errors = validate_stats(&draft).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["engagement_rate_percent", "avg_comments"]);
    }

    #[test]
    fn partnerships_need_a_brand_and_a_past_date() {
        let today: NaiveDate = "2026-11-24".parse().unwrap();
        let drafts = [
            PastPartnershipDraft {
                brand: "Oatly".into(),
                date: "2026-03-01".into(),
                ..PastPartnershipDraft::default()
            },
            PastPartnershipDraft {
                brand: "".into(),
                date: "1/3/2026".into(),
                ..PastPartnershipDraft::default()
            },
            PastPartnershipDraft {
                brand: "Alpro".into(),
                date: "2027-01-01".into(),
                ..PastPartnershipDraft::default()
            },
        ];
        let errors = validate_partnerships(&drafts, today).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "Partnership 2: enter the brand.",
                "Partnership 2: '1/3/2026' is not a date like 2026-03-31.",
                "Partnership 3: 2027-01-01 is in the future; record past work only.",
            ]
        );
        let ok = validate_partnerships(&drafts[..1], today).unwrap();
        assert_eq!(ok[0].date.to_string(), "2026-03-01");
    }

    #[test]
    fn done_needs_a_note_or_evidence_and_waived_needs_a_reason() {
        let now = Utc::now();
        let empty_done = CheckDraft::Done {
            note: " ".into(),
            evidence: "".into(),
        };
        assert_eq!(validate_check(&empty_done, "ana", now).unwrap_err()[0].field, "note");
        let linked = CheckDraft::Done {
            note: "".into(),
            evidence: "https://example.com/audit".into(),
        };
        assert!(matches!(
            validate_check(&linked, "ana", now).unwrap(),
            CheckState::Done { evidence: Some(_), .. }
        ));
        let bare_waive = CheckDraft::Waived { reason: "".into() };
        assert_eq!(validate_check(&bare_waive, "ana", now).unwrap_err()[0].field, "reason");
    }
}
