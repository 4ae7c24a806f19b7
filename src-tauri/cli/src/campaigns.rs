//! `campaigns`: campaigns with their objective and measurable targets, and
//! deleting one with what was built on it.

use std::path::PathBuf;

use clap::Subcommand;
use partnerly_core::agreement;
use partnerly_core::campaign::{self, Campaign, CampaignDraft, CampaignError, TargetValue};
use partnerly_core::store::Store;

use crate::{print_json, read_json};

#[derive(Subcommand)]
pub enum CampaignsCommand {
    /// List campaigns, the newest start first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one campaign
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a campaign from JSON (`-` reads standard input): {"brand_id", "name", "objective":
    /// "brand_awareness"|"sales"|"audience", "targets": [{"metric": "reach", "value": "500,000", "due":
    /// "2026-06-30"}], "budget": "12,500", "currency": "EUR", "start", "end", "markets"}
    Add {
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace a campaign's fields with a JSON file
    Edit {
        id: String,
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Delete a campaign, with its partnerships and their post figures
    Remove {
        id: String,
        /// Needed when partnerships would go with it
        #[arg(long)]
        with_partnerships: bool,
    },
}

fn message(e: CampaignError) -> String {
    match e {
        CampaignError::Invalid(errors) => crate::vetting::invalid(&errors),
        other => other.to_string(),
    }
}

fn target_text(value: &TargetValue) -> String {
    match value {
        TargetValue::Count(n) => partnerly_core::numbers::grouped(*n),
        TargetValue::Fraction(f) => format!("{:.2} %", f * 100.0),
        TargetValue::Money(money) => money.to_text(),
    }
}

fn print(campaign: &Campaign) {
    println!("{}  ({})", campaign.name, campaign.id);
    println!("  objective: {}", campaign.objective.label());
    println!(
        "  runs:      {} to {} in {}",
        campaign.start,
        campaign.end,
        campaign.markets.join(", ")
    );
    println!("  budget:    {}", campaign.budget.to_text());
    for target in &campaign.targets {
        println!(
            "  target:    {} {} by {}",
            target.metric.label(),
            target_text(&target.value),
            target.due
        );
    }
}

pub fn campaigns(store: &Store, command: CampaignsCommand) -> Result<(), String> {
    match command {
        CampaignsCommand::List { json } => {
            let all = campaign::list(store).map_err(message)?;
            if json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!("No campaigns yet. Add one with `campaigns add --json FILE`.");
            }
            for c in &all {
                println!("{}  {}  {} to {}  {}", c.id, c.name, c.start, c.end, c.budget.to_text());
            }
            Ok(())
        }
        CampaignsCommand::Show { id, json } => {
            let found = campaign::get(store, &id).map_err(message)?;
            if json {
                return print_json(&found);
            }
            print(&found);
            Ok(())
        }
        CampaignsCommand::Add { file } => {
            let draft: CampaignDraft = read_json(&file)?;
            let added = campaign::add(store, &draft).map_err(message)?;
            println!("Added {} ({})", added.name, added.id);
            Ok(())
        }
        CampaignsCommand::Edit { id, file } => {
            let draft: CampaignDraft = read_json(&file)?;
            let saved = campaign::update(store, &id, &draft).map_err(message)?;
            println!("Saved {} ({})", saved.name, saved.id);
            Ok(())
        }
        CampaignsCommand::Remove { id, with_partnerships } => {
            let found = campaign::get(store, &id).map_err(message)?;
            let count = agreement::list(store)
                .map_err(|e| e.to_string())?
                .iter()
                .filter(|p| p.campaign_id == Some(found.id))
                .count();
            if count > 0 && !with_partnerships {
                return Err(format!(
                    "{} has {count} partnership(s); they and their post figures would go with it. \
                     Run again with --with-partnerships to delete them too",
                    found.name
                ));
            }
            let removed = agreement::remove_campaign(store, &id).map_err(|e| e.to_string())?;
            println!(
                "Deleted {} and its {} partnership(s)",
                removed.campaign.name, removed.partnerships
            );
            Ok(())
        }
    }
}
