//! The agreement's disclosure clause, written from the one rules table the
//! caption checker applies (`crate::disclosure::markets`): each market's
//! label, where it goes, what is not enough there, and the source with the
//! day it was checked.

use crate::disclosure::markets::{self, platform_label, MarketRule};
use crate::roster::Platform;

/// How many of a market's "not enough" labels the clause names.
const NOT_ENOUGH_NAMED: usize = 5;

/// The agreement's disclosure clause for the campaign's markets and the
/// platforms the deliverables are on.
pub fn clause(brand: &str, markets: &[String], platforms: &[Platform]) -> Vec<String> {
    let rules: Vec<MarketRule> = markets.iter().filter_map(|m| markets::rule(m, Some(brand))).collect();
    clause_from(markets, &rules, platforms)
}

/// The clause from market rules already gathered (`markets::rule` with the
/// brand named); markets without one get the general advice.
pub fn clause_from(markets: &[String], rules: &[MarketRule], platforms: &[Platform]) -> Vec<String> {
    let mut lines = Vec::new();
    for market in markets {
        match rules.iter().find(|r| &r.market == market) {
            Some(rule) => {
                let mut line = format!("{market}: label each post \"{}\" {}.", rule.labels[0], rule.placement);
                if !rule.not_enough.is_empty() {
                    let named: Vec<&str> = rule
                        .not_enough
                        .iter()
                        .take(NOT_ENOUGH_NAMED)
                        .map(String::as_str)
                        .collect();
                    line.push_str(&format!(" Not enough on its own: {}.", named.join(", ")));
                }
                let sources: Vec<String> = rule
                    .sources
                    .iter()
                    .map(|s| format!("{}, checked {}", s.name, s.checked))
                    .collect();
                line.push_str(&format!(" (Source: {}.)", sources.join("; ")));
                lines.push(line);
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
    fn the_clause_names_each_markets_label_and_the_platform_setting() {
        let lines = clause(
            "Verdant",
            &["FR".into(), "DE".into(), "PT".into(), "ZA".into()],
            &[Platform::Instagram, Platform::Instagram, Platform::X],
        );
        assert!(lines[0].starts_with("FR: label each post \"Publicité\" on the image or video itself"));
        assert!(lines[1].starts_with("DE: label each post \"Werbung\" at the very start"));
        assert!(lines[1].contains(" Not enough on its own: #ad, #sponsored, Sponsored by, Powered by, #kooperation."));
        assert!(lines[2].starts_with("PT: label each post \"Publicidade\" at the start of the publication"));
        assert!(
            lines[2].contains("(Source: Direção-Geral do Consumidor, Guia A Publicidade e o Marketing de Influência")
        );
        assert!(lines[2].ends_with(", checked 2026-12-04.)"), "{}", lines[2]);
        assert_eq!(
            lines[3],
            "ZA: label each post as advertising, clearly and at the start, in the market's language."
        );
        assert_eq!(lines[4], "Instagram: also turn on the \"Paid partnership\" label.");
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn every_covered_market_gets_its_own_clause() {
        for market in markets::covered() {
            let lines = clause("Verdant", &[market.to_string()], &[]);
            assert!(
                lines[0].starts_with(&format!("{market}: label each post \"")),
                "{}",
                lines[0]
            );
            assert!(lines[0].contains("(Source: "), "{}", lines[0]);
        }
    }
}
