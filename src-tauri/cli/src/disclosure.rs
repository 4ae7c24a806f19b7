//! `disclosure check`: is a caption disclosed as each market asks? Needs no
//! data folder, so it runs anywhere, including in a publishing pipeline.

use clap::Subcommand;
use partnerly_core::agreement::terms::ContentFormat;
use partnerly_core::country;
use partnerly_core::disclosure::{self, Post};
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
}

pub fn disclosure(command: DisclosureCommand) -> Result<(), String> {
    let DisclosureCommand::Check {
        markets,
        platform,
        format,
        brand,
        text,
        json,
    } = command;
    let markets = markets
        .iter()
        .flat_map(|m| m.split(','))
        .filter(|m| !m.trim().is_empty())
        .map(|m| {
            country::resolve(m)
                .map(|c| c.code.clone())
                .ok_or_else(|| format!("--market '{}' is not a country Partnerly knows", m.trim()))
        })
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
