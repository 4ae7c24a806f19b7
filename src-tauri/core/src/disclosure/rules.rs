//! The disclosure rules as data (`data/disclosure_rules.tsv`): which labels
//! each market accepts, which are too vague or in the wrong language there,
//! where the label must stand, what a contest post adds, the reminders of what
//! text cannot show, and how much of a caption each platform shows before
//! "more". Every rule carries its source and the day it was checked, so a
//! finding can cite it. The agreement's clause reads the same rows.

use std::sync::OnceLock;

use super::caption::{tokens, Kind, Token};
use crate::roster::Platform;

const TABLE: &str = include_str!("../../data/disclosure_rules.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    Label,
    Vague,
    Foreign,
    First,
    Denial,
    Giveaway,
    Contest,
    Placement,
    Video,
    Stories,
    Live,
    Media,
    Note,
    Fold,
}

impl RuleKind {
    fn parse(kind: &str) -> Option<RuleKind> {
        Some(match kind {
            "label" => RuleKind::Label,
            "vague" => RuleKind::Vague,
            "foreign" => RuleKind::Foreign,
            "first" => RuleKind::First,
            "denial" => RuleKind::Denial,
            "giveaway" => RuleKind::Giveaway,
            "contest" => RuleKind::Contest,
            "placement" => RuleKind::Placement,
            "video" => RuleKind::Video,
            "stories" => RuleKind::Stories,
            "live" => RuleKind::Live,
            "media" => RuleKind::Media,
            "note" => RuleKind::Note,
            "fold" => RuleKind::Fold,
            _ => return None,
        })
    }

    /// Kinds whose token is looked for in a caption; the others hold a sentence.
    fn is_pattern(self) -> bool {
        matches!(
            self,
            RuleKind::Label
                | RuleKind::Vague
                | RuleKind::Foreign
                | RuleKind::First
                | RuleKind::Denial
                | RuleKind::Giveaway
                | RuleKind::Contest
        )
    }
}

/// One piece of a phrase pattern.
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
    /// `@{brand}`: a mention of the brand (any mention when it is not named).
    Mention,
    Phrase(Vec<Part>),
    /// Placements, reminders and folds are sentences, never looked for.
    Sentence,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// ISO code, or `*` for every market.
    pub market: String,
    pub kind: RuleKind,
    /// As written in the table, in lower case: `#ad`, `paid partnership with`, `instagram 125`.
    pub token: String,
    /// As people write it (`Werbung`, `Paid partnership with BRAND`), or the sentence itself.
    pub label: String,
    pub source: String,
    /// The day Partnerly last checked the row against its source (`YYYY-MM-DD`).
    pub checked: String,
    pattern: Pattern,
}

fn pattern(token: &str) -> Pattern {
    if token == "@{brand}" {
        return Pattern::Mention;
    }
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
    // Words are cut the way captions are, so "I'm" in the table meets "I'm" in a caption.
    let mut parts = Vec::new();
    for piece in token.split_whitespace() {
        if piece == "{brand}" {
            parts.push(Part::Brand);
        } else {
            parts.extend(tokens(piece).into_iter().map(|t| Part::Word(t.text)));
        }
    }
    Pattern::Phrase(parts)
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
        let [market, kind, token, source, checked] = cells.as_slice() else {
            return Err(format!("line {}: {} cells instead of 5", n + 1, cells.len()));
        };
        let Some(kind) = RuleKind::parse(kind) else {
            return Err(format!("line {}: unknown kind '{kind}'", n + 1));
        };
        let label = token.trim().replace("{brand}", "BRAND");
        let token = token.trim().to_lowercase();
        rules.push(Rule {
            market: market.trim().to_string(),
            kind,
            pattern: if kind.is_pattern() {
                pattern(&token)
            } else {
                Pattern::Sentence
            },
            token,
            label,
            source: source.trim().to_string(),
            checked: checked.trim().to_string(),
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

/// The market's own rules of a kind, then those for every market.
pub fn of_with_common<'a>(market: &'a str, kind: RuleKind) -> impl Iterator<Item = &'static Rule> + 'a {
    of(market, kind).chain(of("*", kind))
}

/// Every market the table has labels for, in the table's order.
pub fn markets() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for rule in rules().iter().filter(|r| r.kind == RuleKind::Label) {
        if !out.contains(&rule.market.as_str()) {
            out.push(&rule.market);
        }
    }
    out
}

/// Characters the platform shows before "more", when the table knows.
pub fn fold(platform: Platform) -> Option<(usize, &'static Rule)> {
    of("*", RuleKind::Fold).find_map(|rule| {
        let (which, chars) = rule.token.split_once(' ')?;
        (which == platform.key()).then(|| chars.parse().ok().map(|n| (n, rule)))?
    })
}

/// How many tokens `{brand}` may stand for.
const BRAND_WORDS: usize = 4;

/// A brand name without spaces, in lower case: how it reads in a hashtag or handle.
fn compact(brand: &str) -> String {
    brand.to_lowercase().split_whitespace().collect()
}

fn brand_fits(brand: Option<&str>, tokens: &[Token]) -> bool {
    match brand {
        None => tokens.iter().all(|t| t.kind != Kind::Hashtag),
        Some(brand) => {
            let said: String = tokens.iter().map(|t| t.text.trim_start_matches('@')).collect();
            said == compact(brand)
        }
    }
}

/// Japanese, Chinese and Korean do not put spaces between words (Korean
/// attaches its particles), so their words are found inside longer runs.
fn unspaced(word: &str) -> bool {
    word.chars().any(|c| {
        matches!(c as u32,
            0x3040..=0x30FF   // hiragana, katakana
            | 0x3400..=0x4DBF // CJK extension A
            | 0x4E00..=0x9FFF // CJK ideographs
            | 0xAC00..=0xD7AF // Hangul syllables
        )
    })
}

fn word_matches(word: &str, token: &Token) -> bool {
    token.kind == Kind::Word && (token.text == word || (unspaced(word) && token.text.contains(word)))
}

impl Rule {
    /// Where the rule's token first appears in `tokens`: the index of its
    /// first token and of the token after it.
    pub fn find(&self, tokens: &[Token], brand: Option<&str>) -> Option<(usize, usize)> {
        (0..tokens.len()).find_map(|start| self.at(&tokens[start..], brand).map(|len| (start, start + len)))
    }

    /// Every place the rule's token appears, as `find` gives them.
    pub fn find_all(&self, tokens: &[Token], brand: Option<&str>) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut start = 0;
        while start < tokens.len() {
            match self.at(&tokens[start..], brand) {
                Some(len) => {
                    spans.push((start, start + len));
                    start += len;
                }
                None => start += 1,
            }
        }
        spans
    }

    /// How many tokens from the start of `tokens` the rule matches, if it does.
    fn at(&self, tokens: &[Token], brand: Option<&str>) -> Option<usize> {
        let first = tokens.first()?;
        match &self.pattern {
            Pattern::Hashtag {
                prefix,
                suffix,
                any_brand,
            } => {
                if first.kind != Kind::Hashtag {
                    return None;
                }
                if !any_brand {
                    return (first.text == *prefix).then_some(1);
                }
                let middle = first
                    .text
                    .strip_prefix(prefix.as_str())
                    .and_then(|r| r.strip_suffix(suffix.as_str()))?;
                let fits = match brand {
                    Some(b) => middle == compact(b),
                    None => !middle.is_empty(),
                };
                fits.then_some(1)
            }
            Pattern::Mention => {
                if first.kind != Kind::Mention {
                    return None;
                }
                let handle: String = first.text[1..].chars().filter(|c| c.is_alphanumeric()).collect();
                let fits = brand.is_none_or(|b| handle.contains(&compact(b)));
                fits.then_some(1)
            }
            Pattern::Phrase(parts) => phrase_at(parts, tokens, brand),
            Pattern::Sentence => None,
        }
    }
}

/// How many tokens `parts` match from the start of `tokens`, if they do.
fn phrase_at(parts: &[Part], tokens: &[Token], brand: Option<&str>) -> Option<usize> {
    match parts.split_first() {
        None => Some(0),
        Some((Part::Word(word), rest)) => {
            let first = tokens.first()?;
            if !word_matches(word, first) {
                return None;
            }
            phrase_at(rest, &tokens[1..], brand).map(|n| n + 1)
        }
        Some((Part::Brand, rest)) => (1..=BRAND_WORDS.min(tokens.len())).find_map(|n| {
            if !brand_fits(brand, &tokens[..n]) {
                return None;
            }
            phrase_at(rest, &tokens[n..], brand).map(|m| m + n)
        }),
    }
}

#[cfg(test)]
mod tests;
