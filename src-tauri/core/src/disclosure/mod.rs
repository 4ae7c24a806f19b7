//! The disclosure checker: for a caption, a platform and the markets it runs
//! in, is the advertising relationship disclosed as each market asks? The
//! rules are data (`rules`, from `data/disclosure_rules.tsv`); this module
//! applies them and says, finding by finding, what is wrong and why.
//!
//! Text can only show so much: for video, stories, live and France's label
//! on the media itself, the checker adds reminders of what a person must
//! still check, which never decide compliance on their own.

pub mod caption;
pub mod rules;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::disclosure::platform_label;
use crate::agreement::terms::ContentFormat;
use crate::roster::Platform;
use caption::{tokens, trailing_tag_run, Token};
use rules::{Rule, RuleKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    /// Which check: `label_missing`, `vague_label_only`, `label_not_first`,
    /// `label_below_fold`, `label_buried`, or a reminder (`platform_label`,
    /// `spoken_and_on_screen`, `every_frame`, `repeat_live`, `label_on_media`,
    /// `market_not_covered`).
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
    format!("{}, {}", rule.source, rule.dated)
}

/// The labels a market accepts, as a person would type them.
fn accepted(market: &str) -> String {
    let labels: Vec<String> = rules::of(market, RuleKind::Label).map(|r| r.label.clone()).collect();
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

/// The checks of one market against the caption's tokens.
fn check_market(post: &Post, market: &str, tokens: &[Token], out: &mut Findings) {
    let labels: Vec<(usize, &Rule)> = rules::of(market, RuleKind::Label)
        .filter_map(|r| r.find(tokens, post.brand).map(|at| (at, r)))
        .collect();
    let Some(&(first, first_rule)) = labels.iter().min_by_key(|(at, _)| *at) else {
        let vague: Vec<&Rule> = rules::of(market, RuleKind::Vague)
            .filter(|r| r.find(tokens, post.brand).is_some())
            .collect();
        match vague.first() {
            Some(rule) => out.add(
                "vague_label_only",
                Some(market),
                true,
                format!(
                    "{market}: '{}' on its own does not disclose an ad. Use {} ({}).",
                    rule.label,
                    accepted(market),
                    cite(rule)
                ),
            ),
            None => out.add(
                "label_missing",
                Some(market),
                true,
                format!("{market}: no advertising label. Use {}.", accepted(market)),
            ),
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

/// Reminders of what text cannot show, for the format, platform and markets.
fn reminders(post: &Post, out: &mut Findings) {
    if let Some(label) = post.platform.and_then(platform_label) {
        out.add(
            "platform_label",
            None,
            false,
            format!("Also turn on {label}; in the US and the UK it is expected but never enough on its own."),
        );
    }
    match post.format {
        Some(ContentFormat::Reel | ContentFormat::ShortVideo | ContentFormat::LongVideo) => out.add(
            "spoken_and_on_screen",
            None,
            false,
            "Video: say it is an ad and show it on screen in the video itself, not only in the caption.".into(),
        ),
        Some(ContentFormat::StorySet) => out.add(
            "every_frame",
            None,
            false,
            "Stories: label every frame, long enough to read; the caption check covers none of them.".into(),
        ),
        Some(ContentFormat::Live) => out.add(
            "repeat_live",
            None,
            false,
            "Live: say it at the start and repeat it during the stream, on screen and aloud.".into(),
        ),
        _ => {}
    }
    if post.markets.iter().any(|m| m == "FR") {
        out.add(
            "label_on_media",
            Some("FR"),
            false,
            "FR: « Publicité » or « Collaboration commerciale » must be on the image or video itself, legible for its whole duration (Loi n° 2023-451, article 5).".into(),
        );
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
                    "{market}: Partnerly has no disclosure rules for this market yet; label the post as advertising, clearly and at the start, in the market's language."
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
