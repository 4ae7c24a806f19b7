//! The disclosure checker: for a caption, a platform and the markets it runs
//! in, is the advertising relationship disclosed as each market asks? The
//! rules are data (`rules`, from `data/disclosure_rules.tsv`); this module
//! applies them and says, finding by finding, what is wrong and why.
//!
//! Text can only show so much: for video, stories, live, France's label on
//! the media itself and each market's notes, the checker adds reminders of
//! what a person must still check, which never decide compliance on their own.

pub mod caption;
pub mod markets;
pub mod rules;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::terms::ContentFormat;
use crate::roster::Platform;
use caption::{tokens, trailing_tag_run, Token};
use rules::{Rule, RuleKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    /// Which check: `label_missing`, `vague_label_only`, `label_not_local`,
    /// `denies_advertising`, `contest_not_disclosed`, `label_not_first`,
    /// `label_below_fold`, `label_buried`, or a reminder (`platform_label`,
    /// `spoken_and_on_screen`, `every_frame`, `repeat_live`, `label_on_media`,
    /// `market_note`, `market_not_covered`).
    pub rule: String,
    /// The market it concerns, when it concerns one.
    pub market: Option<String>,
    pub message: String,
    /// True when it makes the caption non-compliant; reminders are not.
    pub blocking: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DisclosureCheck {
    pub compliant: bool,
    pub findings: Vec<Finding>,
}

/// What to check: the caption and where it will appear.
#[derive(Debug, Clone, Default)]
pub struct Post<'a> {
    pub caption: &'a str,
    pub platform: Option<Platform>,
    pub format: Option<ContentFormat>,
    /// ISO codes.
    pub markets: &'a [String],
    /// The brand's name, when known: `#{brand}partner` then has to name it.
    pub brand: Option<&'a str>,
}

fn cite(rule: &Rule) -> String {
    format!("{}, checked {}", rule.source, rule.checked)
}

/// A reminder's sentence with its source.
fn cited(rule: &Rule) -> String {
    format!("{} ({}).", rule.label.trim_end_matches('.'), cite(rule))
}

/// How many of a market's labels a finding suggests: the table lists the
/// most common first, and a list of thirteen reads as noise.
const LABELS_SUGGESTED: usize = 5;

/// The labels a market accepts, as a person would type them.
fn accepted(market: &str) -> String {
    let labels: Vec<String> = rules::of(market, RuleKind::Label)
        .take(LABELS_SUGGESTED)
        .map(|r| r.label.clone())
        .collect();
    match labels.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((only, _)) => only.clone(),
        None => String::new(),
    }
}

struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, rule: &str, market: Option<&str>, blocking: bool, message: String) {
        self.0.push(Finding {
            rule: rule.to_string(),
            market: market.map(str::to_string),
            message,
            blocking,
        });
    }
}

/// The first rule of those given that the caption contains, with where.
fn first_found<'a>(
    rules: impl Iterator<Item = &'a Rule>,
    tokens: &[Token],
    brand: Option<&str>,
) -> Option<(&'a Rule, usize)> {
    rules
        .into_iter()
        .find_map(|r| r.find(tokens, brand).map(|(at, _)| (r, at)))
}

/// "Not an ad" in a paid post: a finding of its own, and the words it is
/// made of ("ad") never count as the label.
fn without_denials(post: &Post, market: &str, tokens: &[Token], out: &mut Findings) -> Vec<Token> {
    let mut denied = vec![false; tokens.len()];
    let mut said: Option<&Rule> = None;
    for rule in rules::of_with_common(market, RuleKind::Denial) {
        for (start, end) in rule.find_all(tokens, post.brand) {
            said.get_or_insert(rule);
            denied[start..end].iter_mut().for_each(|d| *d = true);
        }
    }
    if let Some(rule) = said {
        out.add(
            "denies_advertising",
            Some(market),
            true,
            format!(
                "{market}: '{}' in a paid post tells people the opposite of the truth; take it out and label the post ({}).",
                rule.label,
                cite(rule)
            ),
        );
    }
    tokens
        .iter()
        .zip(denied)
        .filter(|(_, d)| !d)
        .map(|(t, _)| t.clone())
        .collect()
}

/// The checks of one market against the caption's tokens.
fn check_market(post: &Post, market: &str, all_tokens: &[Token], out: &mut Findings) {
    let tokens = without_denials(post, market, all_tokens, out);
    let tokens = tokens.as_slice();
    check_contest(post, market, tokens, out);
    let labels: Vec<(usize, &Rule)> = rules::of(market, RuleKind::Label)
        .filter_map(|r| r.find(tokens, post.brand).map(|(at, _)| (at, r)))
        .collect();
    let Some(&(first, first_rule)) = labels.iter().min_by_key(|(at, _)| *at) else {
        if let Some((rule, _)) = first_found(rules::of(market, RuleKind::Foreign), tokens, post.brand) {
            out.add(
                "label_not_local",
                Some(market),
                true,
                format!(
                    "{market}: '{}' alone is not enough here; the label has to be in the audience's language. Use {} ({}).",
                    rule.label,
                    accepted(market),
                    cite(rule)
                ),
            );
        } else if let Some((rule, _)) = first_found(rules::of_with_common(market, RuleKind::Vague), tokens, post.brand)
        {
            out.add(
                "vague_label_only",
                Some(market),
                true,
                format!(
                    "{market}: '{}' on its own does not disclose an ad. Use {} ({}).",
                    rule.label,
                    accepted(market),
                    cite(rule)
                ),
            );
        } else {
            out.add(
                "label_missing",
                Some(market),
                true,
                format!("{market}: no advertising label. Use {}.", accepted(market)),
            );
        }
        return;
    };
    let label = &tokens[first].text;
    if let Some(rule) = rules::of(market, RuleKind::First).next() {
        if first != 0 {
            out.add(
                "label_not_first",
                Some(market),
                true,
                format!(
                    "{market}: the label must open the caption, before anything else; '{label}' comes after '{}' ({}).",
                    tokens[0].text,
                    cite(rule)
                ),
            );
        }
    }
    if let Some((fold, rule)) = post.platform.and_then(rules::fold) {
        if tokens[first].start >= fold {
            out.add(
                "label_below_fold",
                Some(market),
                true,
                format!(
                    "{market}: the label starts at character {}, after the {fold} characters {} shows before \"more\" ({}).",
                    tokens[first].start + 1,
                    post.platform.map_or("the platform", |p| p.label()),
                    cite(rule)
                ),
            );
        }
    }
    if let Some(run) = trailing_tag_run(tokens) {
        if run > 0 && labels.iter().all(|(at, _)| *at >= run) {
            out.add(
                "label_buried",
                Some(market),
                true,
                format!(
                    "{market}: '{label}' is buried in the run of {} hashtags at the end; put it at the start ({}).",
                    tokens.len() - run,
                    cite(first_rule)
                ),
            );
        }
    }
}

/// A giveaway needs saying so as well, where the market's guidance asks.
fn check_contest(post: &Post, market: &str, tokens: &[Token], out: &mut Findings) {
    let Some(contest) = rules::of(market, RuleKind::Contest).next() else {
        return;
    };
    let Some((giveaway, _)) = first_found(rules::of_with_common(market, RuleKind::Giveaway), tokens, post.brand) else {
        return;
    };
    if first_found(rules::of(market, RuleKind::Contest), tokens, post.brand).is_some() {
        return;
    }
    let ways: Vec<String> = rules::of(market, RuleKind::Contest).map(|r| r.label.clone()).collect();
    out.add(
        "contest_not_disclosed",
        Some(market),
        true,
        format!(
            "{market}: '{}' makes this a contest post; say so with {} (\"sweeps\" is not understood) ({}).",
            giveaway.label,
            ways.join(", "),
            cite(contest)
        ),
    );
}

/// Which reminder a format calls for, and the finding's name.
fn format_reminder(format: Option<ContentFormat>) -> Option<(RuleKind, &'static str)> {
    match format? {
        ContentFormat::Reel | ContentFormat::ShortVideo | ContentFormat::LongVideo => {
            Some((RuleKind::Video, "spoken_and_on_screen"))
        }
        ContentFormat::StorySet => Some((RuleKind::Stories, "every_frame")),
        ContentFormat::Live => Some((RuleKind::Live, "repeat_live")),
        _ => None,
    }
}

/// Reminders of what text cannot show, for the format, platform and markets.
fn reminders(post: &Post, out: &mut Findings) {
    if let Some(label) = post.platform.and_then(markets::platform_label) {
        out.add(
            "platform_label",
            None,
            false,
            format!("Also turn on {label}; in the US and the UK it is expected but never enough on its own."),
        );
    }
    if let Some((kind, name)) = format_reminder(post.format) {
        if let Some(rule) = rules::of("*", kind).next() {
            out.add(name, None, false, rule.label.clone());
        }
        for market in post.markets {
            for rule in rules::of(market, kind) {
                out.add(name, Some(market), false, cited(rule));
            }
        }
    }
    for market in post.markets {
        for (kind, name) in [(RuleKind::Media, "label_on_media"), (RuleKind::Note, "market_note")] {
            for rule in rules::of(market, kind) {
                out.add(name, Some(market), false, cited(rule));
            }
        }
    }
}

/// Checks a caption for every market it runs in.
pub fn check(post: &Post) -> DisclosureCheck {
    let tokens = tokens(post.caption);
    let mut out = Findings(Vec::new());
    for market in post.markets {
        if rules::of(market, RuleKind::Label).next().is_none() {
            out.add(
                "market_not_covered",
                Some(market),
                false,
                format!(
                    "{market}: Partnerly has no disclosure rules for this market; label the post as advertising, clearly and at the start, in the market's language."
                ),
            );
            continue;
        }
        check_market(post, market, &tokens, &mut out);
    }
    reminders(post, &mut out);
    DisclosureCheck {
        compliant: !out.0.iter().any(|f| f.blocking),
        findings: out.0,
    }
}

#[cfg(test)]
mod tests;
