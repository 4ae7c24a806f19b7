//! Countries, by ISO 3166-1 alpha-2 code. The table is data
//! (`data/countries.tsv`), not code, so adding a name is a one-line change.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Country {
    /// ISO 3166-1 alpha-2, upper case ("DE").
    pub code: String,
    /// English short name ("Germany").
    pub name: String,
}

const TABLE: &str = include_str!("../data/countries.tsv");

/// Common ways people write a country that are neither its code nor its
/// English name: short forms, and the names of the main markets in German,
/// French and Spanish (the languages of the sheets people bring).
const ALIASES: &[(&str, &str)] = &[
    ("uk", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("usa", "US"),
    ("united states of america", "US"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("russia", "RU"),
    ("turkey", "TR"),
    ("vietnam", "VN"),
    ("czech republic", "CZ"),
    ("holland", "NL"),
    // German
    ("deutschland", "DE"),
    ("österreich", "AT"),
    ("schweiz", "CH"),
    ("frankreich", "FR"),
    ("spanien", "ES"),
    ("italien", "IT"),
    ("niederlande", "NL"),
    ("belgien", "BE"),
    ("vereinigtes königreich", "GB"),
    ("großbritannien", "GB"),
    ("vereinigte staaten", "US"),
    ("kanada", "CA"),
    ("australien", "AU"),
    ("polen", "PL"),
    ("schweden", "SE"),
    ("dänemark", "DK"),
    // French
    ("allemagne", "DE"),
    ("autriche", "AT"),
    ("suisse", "CH"),
    ("espagne", "ES"),
    ("italie", "IT"),
    ("pays-bas", "NL"),
    ("belgique", "BE"),
    ("royaume-uni", "GB"),
    ("états-unis", "US"),
    ("etats-unis", "US"),
    ("australie", "AU"),
    ("suède", "SE"),
    // Spanish
    ("alemania", "DE"),
    ("españa", "ES"),
    ("francia", "FR"),
    ("italia", "IT"),
    ("países bajos", "NL"),
    ("bélgica", "BE"),
    ("reino unido", "GB"),
    ("estados unidos", "US"),
    ("canadá", "CA"),
    ("méxico", "MX"),
    ("brasil", "BR"),
    ("suecia", "SE"),
];

/// Every country, in display order.
pub fn all() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        TABLE
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_once('\t'))
            .map(|(code, name)| Country {
                code: code.to_string(),
                name: name.to_string(),
            })
            .collect()
    })
}

/// Every way of naming a country this module knows, lower case: codes,
/// English names and aliases. Built once; an importer asks per row.
fn names() -> &'static HashMap<String, &'static Country> {
    static NAMES: OnceLock<HashMap<String, &'static Country>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let countries = all();
        let by_code = |code: &str| countries.iter().find(|c| c.code == code);
        let mut names = HashMap::new();
        for (alias, code) in ALIASES {
            if let Some(country) = by_code(code) {
                names.insert(alias.to_string(), country);
            }
        }
        // Codes and official names win over aliases.
        for country in countries {
            names.insert(country.name.to_lowercase(), country);
            names.insert(country.code.to_lowercase(), country);
        }
        names
    })
}

/// Finds a country by code, English name or common alias, ignoring case.
pub fn resolve(input: &str) -> Option<&'static Country> {
    let wanted = input.trim();
    if wanted.is_empty() {
        return None;
    }
    names().get(&wanted.to_lowercase()).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_complete_and_well_formed() {
        let countries = all();
        assert_eq!(countries.len(), 249);
        for c in countries {
            assert!(
                c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()),
                "{c:?}"
            );
            assert!(!c.name.is_empty());
        }
        let mut codes: Vec<_> = countries.iter().map(|c| &c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), countries.len(), "codes are unique");
    }

    #[test]
    fn resolves_codes_names_and_aliases() {
        assert_eq!(resolve("de").unwrap().name, "Germany");
        assert_eq!(resolve(" Germany ").unwrap().code, "DE");
        assert_eq!(resolve("UK").unwrap().code, "GB");
        assert_eq!(resolve("United States of America").unwrap().code, "US");
        assert_eq!(resolve("Deutschland").unwrap().code, "DE");
        assert_eq!(resolve("États-Unis").unwrap().code, "US");
        assert_eq!(resolve("españa").unwrap().code, "ES");
        assert_eq!(resolve("XX"), None);
        assert_eq!(resolve("Atlantis"), None);
        assert_eq!(resolve(""), None);
    }
}
