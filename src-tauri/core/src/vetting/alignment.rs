//! Alignment: does what the creator talks about fit what the brand stands
//! for? Niche overlap with the brand's values, topics and audience
//! interests, less penalties for brand-safety topics and recent work for
//! competitors, because an endorsement that contradicts the creator's
//! content or last month's sponsor is not believed.

use chrono::{Months, NaiveDate};

use super::brand::Brand;
use super::dossier::PastPartnership;
use super::score::{round1, Component, Penalty, Score};
use crate::roster::Influencer;

/// An excluded topic in the creator's content is a brand-safety problem:
/// it takes the score down by half on its own.
pub const EXCLUDED_TOPIC_PENALTY: f64 = 50.0;
/// Work for a competitor in the last year makes an endorsement less credible.
pub const COMPETITOR_PENALTY: f64 = 30.0;
pub const COMPETITOR_WINDOW_MONTHS: u32 = 12;

/// Lower-case words of `text`, split at anything but letters and digits.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether `needle`'s words appear together, in order, in `haystack`.
pub(crate) fn contains_phrase(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// A niche and a keyword match when either contains the other as whole
/// words: "vegan" matches "vegan food", "food" matches "vegan food".
fn matches(niche: &str, keyword: &str) -> bool {
    let (niche, keyword) = (words(niche), words(keyword));
    contains_phrase(&niche, &keyword) || contains_phrase(&keyword, &niche)
}

/// Recent partnerships with a brand the brand lists as a competitor.
pub fn competitor_partnerships<'a>(
    brand: &Brand,
    past: &'a [PastPartnership],
    today: NaiveDate,
) -> Vec<&'a PastPartnership> {
    let since = today
        .checked_sub_months(Months::new(COMPETITOR_WINDOW_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    past.iter()
        .filter(|p| p.date >= since && p.date <= today)
        .filter(|p| brand.competitors.iter().any(|c| c.eq_ignore_ascii_case(p.brand.trim())))
        .collect()
}

/// Excluded topics found in the creator's niches or notes, with where.
pub fn excluded_topics_found(brand: &Brand, influencer: &Influencer) -> Vec<(String, &'static str)> {
    let notes = words(&influencer.notes);
    brand
        .excluded_topics
        .iter()
        .filter_map(|topic| {
            let phrase = words(topic);
            if influencer.niches.iter().any(|n| contains_phrase(&words(n), &phrase)) {
                Some((topic.clone(), "niches"))
            } else if contains_phrase(&notes, &phrase) {
                Some((topic.clone(), "notes"))
            } else {
                None
            }
        })
        .collect()
}

pub fn alignment(brand: &Brand, influencer: &Influencer, past: &[PastPartnership], today: NaiveDate) -> Score {
    let keywords = brand.keywords();
    if keywords.is_empty() {
        return Score::not_applicable("the brand has no values, topics or audience interests");
    }
    let mut missing = Vec::new();
    let component = if influencer.niches.is_empty() {
        missing.push("the creator's niches".to_string());
        Component {
            name: "Niche overlap".into(),
            value: None,
            weight: 1.0,
            inputs: "unknown: the creator has no niches recorded".into(),
        }
    } else {
        let matched: Vec<String> = influencer
            .niches
            .iter()
            .filter_map(|niche| {
                let hits: Vec<&str> = keywords.iter().copied().filter(|k| matches(niche, k)).collect();
                (!hits.is_empty()).then(|| format!("{niche} ({})", hits.join(", ")))
            })
            .collect();
        let value = round1(100.0 * matched.len() as f64 / influencer.niches.len() as f64);
        let which = if matched.is_empty() {
            String::new()
        } else {
            format!(": {}", matched.join("; "))
        };
        Component {
            name: "Niche overlap".into(),
            value: Some(value),
            weight: 1.0,
            inputs: format!(
                "{} of {} niches match the brand's values and interests{which}",
                matched.len(),
                influencer.niches.len()
            ),
        }
    };

    let mut penalties: Vec<Penalty> = excluded_topics_found(brand, influencer)
        .into_iter()
        .map(|(topic, place)| Penalty {
            reason: format!("\"{topic}\", a topic the brand excludes, is in the creator's {place}"),
            points: EXCLUDED_TOPIC_PENALTY,
        })
        .collect();
    penalties.extend(
        competitor_partnerships(brand, past, today)
            .into_iter()
            .map(|p| Penalty {
                reason: format!(
                    "partnered with {}, a competitor, on {} (within {COMPETITOR_WINDOW_MONTHS} months)",
                    p.brand, p.date
                ),
                points: COMPETITOR_PENALTY,
            }),
    );
    Score::from_parts(vec![component], penalties, missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vetting::brand::TargetAudience;
    use crate::vetting::score::ScoreStatus;

    fn brand() -> Brand {
        let now = chrono::Utc::now();
        Brand {
            id: uuid::Uuid::nil(),
            name: "Oat & Co".into(),
            values: vec!["sustainability".into(), "vegan".into()],
            audience: TargetAudience {
                interests: vec!["fitness".into(), "cooking".into()],
                ..TargetAudience::default()
            },
            excluded_topics: vec!["gambling".into(), "fast food".into()],
            competitors: vec!["Oatly".into()],
            markets: vec![],
            shortlist: vec![],
            created_at: now,
            updated_at: now,
        }
    }

    fn creator(niches: &[&str], notes: &str) -> Influencer {
        let now = chrono::Utc::now();
        Influencer {
            id: uuid::Uuid::nil(),
            name: "Mara".into(),
            accounts: vec![],
            email: None,
            country: None,
            niches: niches.iter().map(|n| n.to_string()).collect(),
            notes: notes.into(),
            created_at: now,
            updated_at: now,
        }
    }

    fn partnership(brand: &str, date: &str) -> PastPartnership {
        PastPartnership {
            brand: brand.into(),
            date: date.parse().unwrap(),
            platform: None,
            outcome: String::new(),
            notes: String::new(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn overlap_counts_the_creators_niches_that_match() {
        // vegan food (vegan) and fitness match; travel does not: 2 of 3.
        let score = alignment(
            &brand(),
            &creator(&["vegan food", "travel", "fitness"], ""),
            &[],
            day("2026-11-24"),
        );
        assert_eq!(score.status, ScoreStatus::Complete);
        assert_eq!(score.value, Some(66.7));
        assert_eq!(
            score.components[0].inputs,
            "2 of 3 niches match the brand's values and interests: vegan food (vegan); fitness (fitness)"
        );
    }

    #[test]
    fn excluded_topics_and_recent_competitor_work_are_penalised() {
        // 100 (both niches match) − 50 (gambling in the notes) − 30 (Oatly
        // in March 2026) = 20. The Oatly work of 2024 is too old to count.
        let score = alignment(
            &brand(),
            &creator(
                &["vegan", "cooking"],
                "Ran a sports-betting and Gambling giveaway in 2025.",
            ),
            &[partnership("oatly", "2026-03-01"), partnership("Oatly", "2024-01-01")],
            day("2026-11-24"),
        );
        assert_eq!(score.value, Some(20.0));
        assert_eq!(score.penalties.len(), 2);
        assert_eq!(
            score.penalties[0].reason,
            "\"gambling\", a topic the brand excludes, is in the creator's notes"
        );
        assert!(score.penalties[1]
            .reason
            .starts_with("partnered with oatly, a competitor, on 2026-03-01"));
    }

    #[test]
    fn penalties_never_take_it_below_zero_and_phrases_match_whole_words() {
        // "fast food" is excluded; "breakfast foodie" is not fast food.
        let safe = alignment(&brand(), &creator(&["breakfast foodie"], ""), &[], day("2026-11-24"));
        assert!(safe.penalties.is_empty());
        assert_eq!(safe.value, Some(0.0));
        let unsafe_ = alignment(
            &brand(),
            &creator(&["fast food reviews", "gambling"], ""),
            &[],
            day("2026-11-24"),
        );
        assert_eq!(unsafe_.penalties.len(), 2);
        assert_eq!(unsafe_.value, Some(0.0));
    }

    #[test]
    fn without_niches_the_score_is_unknown_but_penalties_are_still_listed() {
        let score = alignment(&brand(), &creator(&[], "gambling tips"), &[], day("2026-11-24"));
        assert_eq!(score.status, ScoreStatus::Unknown);
        assert_eq!(score.value, None);
        assert_eq!(score.missing, vec!["the creator's niches"]);
        assert_eq!(score.penalties.len(), 1);
    }
}
