//! `disclosure check`: is a caption disclosed as each market asks? And
//! `disclosure markets`: what each market asks, with its sources. Neither
//! needs a data folder, so they run anywhere, including in a publishing pipeline.

use clap::Subcommand;
use partnerly_core::agreement::terms::ContentFormat;
use partnerly_core::country;
use partnerly_core::disclosure::{self, markets, Post};
use partnerly_core::roster::Platform;

use crate::print_json;

#[derive(Subcommand)]
pub enum DisclosureCommand {
    /// Check a caption: compliant or not, with a finding for each problem
    /// and reminders of what text cannot show (exit code 0 either way)
    Check {
        /// A market the post runs in (ISO code or English name); repeat for several
        #[arg(long = "market", required = true)]
        markets: Vec<String>,
        #[arg(long)]
        platform: Option<String>,
        /// feed_post, reel, story_set, short_video, long_video, live or blog
        #[arg(long)]
        format: Option<String>,
        /// The brand's name, so that #BRANDpartner must name it
        #[arg(long)]
        brand: Option<String>,
        /// The caption
        #[arg(long)]
        text: String,
        #[arg(long)]
        json: bool,
    },
    /// The markets with disclosure rules, or what one market asks: its
    /// labels, what is not enough there, placement, reminders and sources
    Markets {
        /// ISO code or English name; all covered markets when left out
        market: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

fn market_code(input: &str) -> Result<String, String> {
    country::resolve(input)
        .map(|c| c.code.clone())
        .ok_or_else(|| format!("--market '{}' is not a country Partnerly knows", input.trim()))
}

fn show_markets(market: Option<String>, json: bool) -> Result<(), String> {
    let Some(market) = market else {
        let all: Vec<markets::MarketRule> = markets::covered()
            .into_iter()
            .filter_map(|m| markets::rule(m, None))
            .collect();
        if json {
            return print_json(&all);
        }
        for rule in &all {
            println!("{}  {}: {}", rule.market, rule.name, rule.labels[0]);
        }
        return Ok(());
    };
    let code = country::resolve(&market).map(|c| c.code.clone()).ok_or_else(|| {
        format!(
            "'{}' is not a country Partnerly knows; name it by its code (PL) or its English name (Poland)",
            market.trim()
        )
    })?;
    let rule = markets::rule(&code, None).ok_or_else(|| {
        format!("Partnerly has no disclosure rules for {code}; label posts as advertising, clearly and at the start, in the market's language")
    })?;
    if json {
        return print_json(&rule);
    }
    println!("{} ({})", rule.name, rule.market);
    let first = if rule.first { ", first in the caption" } else { "" };
    println!("  Label: {}{first}: {}", rule.labels[0], rule.placement);
    println!("  Also accepted: {}", rule.labels[1..].join(", "));
    if !rule.not_enough.is_empty() {
        println!("  Not enough on its own: {}", rule.not_enough.join(", "));
    }
    for reminder in &rule.reminders {
        println!("  Beyond the caption: {reminder}");
    }
    for source in &rule.sources {
        println!("  Source: {} (checked {})", source.name, source.checked);
    }
    Ok(())
}

pub fn disclosure(command: DisclosureCommand) -> Result<(), String> {
    let (markets, platform, format, brand, text, json) = match command {
        DisclosureCommand::Markets { market, json } => return show_markets(market, json),
        DisclosureCommand::Check {
            markets,
            platform,
            format,
            brand,
            text,
            json,
        } => (markets, platform, format, brand, text, json),
    };
    let markets = markets
        .iter()
        .flat_map(|m| m.split(','))
        .filter(|m| !m.trim().is_empty())
        .map(market_code)
        .collect::<Result<Vec<_>, _>>()?;
    let platform = platform
        .map(|p| Platform::parse(&p).ok_or_else(|| format!("--platform '{p}' is not a platform")))
        .transpose()?;
    let format = format
        .map(|f| {
            serde_json::from_value::<ContentFormat>(serde_json::json!(f.trim().to_lowercase().replace([' ', '-'], "_")))
                .map_err(|_| {
                    format!("--format '{f}' is not a format; use feed_post, reel, story_set, short_video, long_video, live or blog")
                })
        })
        .transpose()?;
    let result = disclosure::check(&Post {
        caption: &text,
        platform,
        format,
        markets: &markets,
        brand: brand.as_deref(),
    });
    if json {
        return print_json(&result);
    }
    println!("{}", if result.compliant { "Compliant" } else { "Not compliant" });
    for finding in &result.findings {
        let mark = if finding.blocking { "!" } else { "-" };
        println!("  {mark} {}", finding.message);
    }
    Ok(())
}
