//! What each market asks, gathered from the rules table for people to read:
//! the labels it accepts (the one Partnerly writes first), what is not
//! enough there, where the label goes, its own reminders and the sources
//! with the day each was checked. The wizard's disclosure step and the
//! agreement's clause show this; the checker applies the same rows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::rules::{self, Rule, RuleKind};
use crate::roster::Platform;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleSource {
    pub name: String,
    /// When Partnerly last checked the rows against it (`YYYY-MM-DD`).
    pub checked: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MarketRule {
    /// ISO code.
    pub market: String,
    /// The country's name in English.
    pub name: String,
    /// Accepted labels, the one Partnerly writes first, with the brand's name in place when it is known.
    pub labels: Vec<String>,
    /// Too vague on their own there, or in a language the market does not take.
    pub not_enough: Vec<String>,
    /// Whether the label must open the caption.
    pub first: bool,
    /// Where the label goes, as the agreement words it.
    pub placement: String,
    /// The market's own reminders for video, stories, live and the media.
    pub reminders: Vec<String>,
    /// Every source the market's rows cite, once, in the table's order.
    pub sources: Vec<RuleSource>,
}

fn with_brand(rule: &Rule, brand: Option<&str>) -> String {
    match brand {
        // In a hashtag the name is written without spaces.
        Some(brand) if rule.label.starts_with('#') => rule.label.replace("BRAND", &brand.replace(' ', "")),
        Some(brand) => rule.label.replace("BRAND", brand),
        None => rule.label.clone(),
    }
}

fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a market asks, when the table has rules for it.
pub fn rule(market: &str, brand: Option<&str>) -> Option<MarketRule> {
    let labels: Vec<String> = rules::of(market, RuleKind::Label)
        .map(|r| with_brand(r, brand))
        .collect();
    if labels.is_empty() {
        return None;
    }
    let not_enough = rules::of(market, RuleKind::Foreign)
        .chain(rules::of(market, RuleKind::Vague))
        .map(|r| with_brand(r, brand))
        .collect();
    let reminders = [
        RuleKind::Video,
        RuleKind::Stories,
        RuleKind::Live,
        RuleKind::Media,
        RuleKind::Note,
    ]
    .into_iter()
    .flat_map(|kind| rules::of(market, kind))
    // Shown under the market already, so without the "PL: " the checker's findings start with.
    .map(|r| sentence_case(r.label.strip_prefix(&format!("{market}: ")).unwrap_or(&r.label)))
    .collect();
    let mut sources: Vec<RuleSource> = Vec::new();
    for row in rules::rules().iter().filter(|r| r.market == market) {
        if !sources.iter().any(|s| s.name == row.source) {
            sources.push(RuleSource {
                name: row.source.clone(),
                checked: row.checked.clone(),
            });
        }
    }
    Some(MarketRule {
        market: market.to_string(),
        name: crate::country::resolve(market).map_or_else(|| market.to_string(), |c| c.name.clone()),
        labels,
        not_enough,
        first: rules::of(market, RuleKind::First).next().is_some(),
        placement: rules::of(market, RuleKind::Placement)
            .next()
            .map_or_else(String::new, |r| r.label.clone()),
        reminders,
        sources,
    })
}

/// Every market the table covers, as ISO codes.
pub fn covered() -> Vec<&'static str> {
    rules::markets()
}

/// The platform's own paid-partnership setting, which is expected as well
/// but never enough on its own in the US or the UK.
pub fn platform_label(platform: Platform) -> Option<&'static str> {
    match platform {
        Platform::Instagram | Platform::Facebook | Platform::Threads => Some("the \"Paid partnership\" label"),
        Platform::Tiktok => Some("the content disclosure setting (\"Paid partnership\")"),
        Platform::Youtube => Some("the \"Includes paid promotion\" setting"),
        Platform::Snapchat | Platform::Pinterest => Some("the \"Paid partnership\" label"),
        Platform::Linkedin => Some("the \"Brand partnership\" label"),
        Platform::Twitch => Some("the stream's \"Branded content\" setting"),
        // X has no setting of its own; the label in the post is all there is.
        Platform::X => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_market_reads_from_the_rules_with_the_brand_named() {
        let us = rule("US", Some("Verdant Kitchen")).unwrap();
        assert_eq!(us.labels[0], "#ad");
        assert_eq!(us.name, "United States");
        assert!(us.labels.contains(&"#VerdantKitchenpartner".to_string()));
        assert!(us
            .labels
            .contains(&"Thanks to Verdant Kitchen for the free product".to_string()));
        assert!(!us.first);
        assert!(us.placement.starts_with("at the start of the caption"));
        assert!(us.sources.iter().any(|s| s.name.starts_with("FTC, Disclosures 101")));

        let pl = rule("PL", None).unwrap();
        assert_eq!(pl.labels[0], "Reklama");
        assert!(pl.first);
        assert!(pl.not_enough.starts_with(&["#ad".to_string()]), "{:?}", pl.not_enough);
        assert!(
            pl.reminders.iter().any(|r| r.starts_with("Say and show")),
            "{:?}",
            pl.reminders
        );
        assert_eq!(rule("ZA", None), None);
        assert_eq!(covered().len(), 27);
    }
}
