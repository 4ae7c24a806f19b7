//! The disclosure rules as data (`data/disclosure_rules.tsv`): which labels
//! each market accepts, which are too vague on their own, whether the label
//! must come first, and how much of a caption each platform shows before
//! "more". Every rule carries its source and date, so a finding can cite it.

use std::sync::OnceLock;

use super::caption::{Kind, Token};
use crate::roster::Platform;

const TABLE: &str = include_str!("../../data/disclosure_rules.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Label,
    Vague,
    First,
    Fold,
}

/// One piece of a token pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Word(String),
    /// `{brand}`: one to four words or a mention.
    Brand,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pattern {
    /// `#ad`, or `#{brand}partner` (any brand before the suffix).
    Hashtag {
        prefix: String,
        suffix: String,
        any_brand: bool,
    },
    Phrase(Vec<Part>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// ISO code, or `*` for every market.
    pub market: String,
    pub kind: RuleKind,
    /// As written in the table, in lower case: `#ad`, `paid partnership with`, `instagram 125`.
    pub token: String,
    /// As people write it (`Werbung`, `Paid partnership with BRAND`), for messages.
    pub label: String,
    pub source: String,
    pub dated: String,
    pattern: Pattern,
}

fn pattern(token: &str) -> Pattern {
    if let Some(tag) = token.strip_prefix('#') {
        return match tag.split_once("{brand}") {
            Some((prefix, suffix)) => Pattern::Hashtag {
                prefix: format!("#{prefix}"),
                suffix: suffix.to_string(),
                any_brand: true,
            },
            None => Pattern::Hashtag {
                prefix: token.to_string(),
                suffix: String::new(),
                any_brand: false,
            },
        };
    }
    Pattern::Phrase(
        token
            .split_whitespace()
            .map(|w| {
                if w == "{brand}" {
                    Part::Brand
                } else {
                    Part::Word(w.to_string())
                }
            })
            .collect(),
    )
}

fn parse(text: &str) -> Result<Vec<Rule>, String> {
    let mut rules = Vec::new();
    let rows = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#') && !line.trim().is_empty())
        .skip(1);
    for (n, line) in rows {
        let cells: Vec<&str> = line.split('\t').collect();
        let [market, kind, token, source, dated] = cells.as_slice() else {
            return Err(format!("line {}: {} cells instead of 5", n + 1, cells.len()));
        };
        let kind = match *kind {
            "label" => RuleKind::Label,
            "vague" => RuleKind::Vague,
            "first" => RuleKind::First,
            "fold" => RuleKind::Fold,
            other => return Err(format!("line {}: unknown kind '{other}'", n + 1)),
        };
        let label = token.trim().replace("{brand}", "BRAND");
        let token = token.trim().to_lowercase();
        rules.push(Rule {
            market: market.trim().to_string(),
            kind,
            pattern: pattern(&token),
            token,
            label,
            source: source.trim().to_string(),
            dated: dated.trim().to_string(),
        });
    }
    Ok(rules)
}

pub fn rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    // The table ships with the app and a test reads every row.
    RULES.get_or_init(|| parse(TABLE).unwrap_or_default())
}

/// The rules of one kind for a market.
pub fn of<'a>(market: &'a str, kind: RuleKind) -> impl Iterator<Item = &'static Rule> + 'a {
    rules().iter().filter(move |r| r.market == market && r.kind == kind)
}

/// Characters the platform shows before "more", when the table knows.
pub fn fold(platform: Platform) -> Option<(usize, &'static Rule)> {
    let name = platform.label().to_lowercase();
    of("*", RuleKind::Fold).find_map(|rule| {
        let (which, chars) = rule.token.split_once(' ')?;
        (which == name).then(|| chars.parse().ok().map(|n| (n, rule)))?
    })
}

/// How many tokens `{brand}` may stand for.
const BRAND_WORDS: usize = 4;

fn brand_fits(brand: Option<&str>, tokens: &[Token]) -> bool {
    match brand {
        None => tokens.iter().all(|t| t.kind != Kind::Hashtag),
        Some(brand) => {
            let wanted: String = brand.to_lowercase().split_whitespace().collect();
            let said: String = tokens.iter().map(|t| t.text.trim_start_matches('@')).collect();
            said == wanted
        }
    }
}

impl Rule {
    /// Where the rule's token first appears in `tokens` (its index), if it does.
    pub fn find(&self, tokens: &[Token], brand: Option<&str>) -> Option<usize> {
        match &self.pattern {
            Pattern::Hashtag {
                prefix,
                suffix,
                any_brand,
            } => tokens.iter().position(|t| {
                if t.kind != Kind::Hashtag {
                    return false;
                }
                if !any_brand {
                    return t.text == *prefix;
                }
                let Some(middle) = t
                    .text
                    .strip_prefix(prefix.as_str())
                    .and_then(|r| r.strip_suffix(suffix.as_str()))
                else {
                    return false;
                };
                match brand {
                    Some(b) => middle == b.to_lowercase().split_whitespace().collect::<String>(),
                    None => !middle.is_empty(),
                }
            }),
            Pattern::Phrase(parts) => (0..tokens.len()).find(|&start| phrase_at(parts, &tokens[start..], brand)),
        }
    }
}

/// Whether `parts` match the tokens from the start of `tokens`.
fn phrase_at(parts: &[Part], tokens: &[Token], brand: Option<&str>) -> bool {
    match parts.split_first() {
        None => true,
        Some((Part::Word(word), rest)) => tokens
            .first()
            .is_some_and(|t| t.kind == Kind::Word && t.text == *word && phrase_at(rest, &tokens[1..], brand)),
        Some((Part::Brand, rest)) => (1..=BRAND_WORDS.min(tokens.len()))
            .any(|n| brand_fits(brand, &tokens[..n]) && phrase_at(rest, &tokens[n..], brand)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::caption::tokens;
    use super::*;

    #[test]
    fn every_row_reads_and_names_its_source_and_date() {
        let rows = parse(TABLE).unwrap();
        assert_eq!(rows, rules());
        for market in ["US", "GB", "DE", "FR", "CA", "AU"] {
            assert!(of(market, RuleKind::Label).count() >= 2, "{market} has labels");
        }
        for row in &rows {
            assert!(!row.source.is_empty(), "{row:?}");
            assert!(
                chrono::NaiveDate::parse_from_str(&row.dated, "%Y-%m-%d").is_ok(),
                "{row:?}"
            );
        }
        assert_eq!(fold(Platform::Instagram).map(|(n, _)| n), Some(125));
        assert_eq!(fold(Platform::Pinterest), None);
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let table = "market\tkind\ttoken\tsource\tdated\nUS\tlabel\t#ad\n";
        assert_eq!(parse(table).unwrap_err(), "line 2: 3 cells instead of 5");
        let table = "market\tkind\ttoken\tsource\tdated\nUS\tmaybe\t#ad\ts\t2020-01-01\n";
        assert_eq!(parse(table).unwrap_err(), "line 2: unknown kind 'maybe'");
    }

    fn rule(token: &str) -> Rule {
        Rule {
            market: "US".into(),
            kind: RuleKind::Label,
            token: token.into(),
            label: token.into(),
            source: String::new(),
            dated: String::new(),
            pattern: pattern(token),
        }
    }

    #[test]
    fn tokens_match_whole_words_hashtags_and_brand_placeholders() {
        let caption = tokens("Thanks to Acme Foods for the free product! #AcmeFoodsPartner #adventure");
        assert_eq!(rule("#ad").find(&caption, None), None, "#adventure is not #ad");
        assert_eq!(rule("ad").find(&caption, None), None);
        assert_eq!(
            rule("thanks to {brand} for the free product").find(&caption, None),
            Some(0)
        );
        assert_eq!(rule("#{brand}partner").find(&caption, None), Some(8));
        assert_eq!(rule("#{brand}partner").find(&caption, Some("Acme Foods")), Some(8));
        assert_eq!(rule("#{brand}partner").find(&caption, Some("Oatly")), None);
        assert_eq!(rule("#{brand}partner").find(&tokens("#partner"), None), None);
        assert_eq!(
            rule("paid partnership with").find(&tokens("Paid Partnership with @acme"), None),
            Some(0)
        );
        assert_eq!(
            rule("thanks to {brand}").find(&tokens("new drop, thanks to @acme"), None),
            Some(2)
        );
    }
}
