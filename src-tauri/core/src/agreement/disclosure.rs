//! Which advertising label each market requires and where, from the data
//! table `data/disclosure_labels.tsv` (each row with its source and the date
//! it was checked), and the agreement's disclosure clause written from it.

use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;

use crate::roster::Platform;

const TABLE: &str = include_str!("../../data/disclosure_labels.tsv");

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MarketRule {
    /// ISO code.
    pub market: String,
    /// Accepted labels, the one Partnerly writes first; `{brand}` stands for the brand's name.
    pub labels: Vec<String>,
    pub placement: String,
    pub source: String,
    /// When the source was last read (`YYYY-MM-DD`).
    pub checked: String,
}

fn parse(text: &str) -> Result<Vec<MarketRule>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1)
        .map(|(n, line)| {
            let cells: Vec<&str> = line.split('\t').collect();
            let [market, labels, placement, source, checked] = cells.as_slice() else {
                return Err(format!("line {}: {} cells instead of 5", n + 1, cells.len()));
            };
            Ok(MarketRule {
                market: market.to_string(),
                labels: labels.split('|').map(|l| l.trim().to_string()).collect(),
                placement: placement.to_string(),
                source: source.to_string(),
                checked: checked.to_string(),
            })
        })
        .collect()
}

pub fn rules() -> &'static [MarketRule] {
    static RULES: OnceLock<Vec<MarketRule>> = OnceLock::new();
    // The table ships with the app and its tests read every row.
    RULES.get_or_init(|| parse(TABLE).unwrap_or_default())
}

/// The rule for a market, if the table has one.
pub fn rule(market: &str) -> Option<&'static MarketRule> {
    rules().iter().find(|r| r.market == market)
}

/// The platform's own paid-partnership setting, which is expected as well
/// but never enough on its own in the US or the UK.
pub fn platform_label(platform: Platform) -> Option<&'static str> {
    match platform {
        Platform::Instagram | Platform::Facebook | Platform::Threads => Some("the \"Paid partnership\" label"),
        Platform::Tiktok => Some("the content disclosure setting (\"Paid partnership\")"),
        Platform::Youtube => Some("the \"Includes paid promotion\" setting"),
        _ => None,
    }
}

/// The agreement's disclosure clause for the campaign's markets and the
/// platforms the deliverables are on.
pub fn clause(brand: &str, markets: &[String], platforms: &[Platform]) -> Vec<String> {
    let mut lines = Vec::new();
    for market in markets {
        match rule(market) {
            Some(rule) => {
                let label = rule.labels[0].replace("{brand}", brand);
                lines.push(format!(
                    "{market}: label each post \"{label}\" {}. (Source: {}, checked {}.)",
                    rule.placement, rule.source, rule.checked
                ));
            }
            None => lines.push(format!(
                "{market}: label each post as advertising, clearly and at the start, in the market's language."
            )),
        }
    }
    let mut seen = Vec::new();
    for platform in platforms {
        if let (Some(label), false) = (platform_label(*platform), seen.contains(platform)) {
            seen.push(*platform);
            lines.push(format!("{}: also turn on {label}.", platform.label()));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_reads_and_names_its_source_and_date() {
        let rows = parse(TABLE).unwrap();
        assert_eq!(rows, rules());
        let markets: Vec<&str> = rows.iter().map(|r| r.market.as_str()).collect();
        assert_eq!(markets, vec!["US", "GB", "DE", "FR", "CA", "AU"]);
        for row in &rows {
            assert!(!row.labels[0].is_empty() && !row.placement.is_empty(), "{row:?}");
            assert!(!row.source.is_empty(), "{row:?}");
            assert!(
                chrono::NaiveDate::parse_from_str(&row.checked, "%Y-%m-%d").is_ok(),
                "{row:?}"
            );
        }
    }

    #[test]
    fn the_clause_names_each_markets_label_and_the_platform_setting() {
        let lines = clause(
            "Verdant",
            &["FR".into(), "DE".into(), "NL".into()],
            &[Platform::Instagram, Platform::Instagram, Platform::X],
        );
        assert!(lines[0].starts_with("FR: label each post \"Publicité\" on the image or video itself"));
        assert!(lines[1].starts_with("DE: label each post \"Werbung\" at the very start"));
        assert_eq!(
            lines[2],
            "NL: label each post as advertising, clearly and at the start, in the market's language."
        );
        assert_eq!(lines[3], "Instagram: also turn on the \"Paid partnership\" label.");
        assert_eq!(lines.len(), 4);
    }
}
