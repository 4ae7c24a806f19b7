//! `partnerships`: a creator for a campaign, its terms and its status.

use std::path::PathBuf;

use clap::Subcommand;
use partnerly_core::agreement::{self, AgreementError, Status, Step, Terms};
use partnerly_core::roster;
use partnerly_core::store::Store;
use serde::Serialize;

use crate::{print_json, read_json};

#[derive(Subcommand)]
pub enum PartnershipsCommand {
    /// List partnerships (id, status, campaign, creator), the most recently changed first
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show a partnership's terms and every detail still undefined
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Start a partnership for a campaign, with a creator (id, handle or profile link)
    Create {
        #[arg(long)]
        campaign: String,
        #[arg(long)]
        creator: String,
    },
    /// Replace a partnership's terms with a JSON file (`-` reads standard input)
    Terms {
        id: String,
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Move a partnership on the pipeline: prospect, negotiating, agreed,
    /// in_production, live, completed, cancelled
    Move { id: String, status: String },
}

/// A partnership as `list --json` prints it: what it belongs to, by name too.
#[derive(Serialize)]
struct Listed {
    id: String,
    status: Status,
    campaign_id: Option<String>,
    campaign: Option<String>,
    influencer_id: Option<String>,
    influencer: Option<String>,
    step: Step,
    agreed_at: Option<String>,
    updated_at: String,
}

/// The disclosure clause for the campaign's markets and the deliverables' platforms.
fn disclosure_of(store: &Store, partnership: &agreement::Partnership) -> Vec<String> {
    let Some(campaign) = partnership
        .campaign_id
        .and_then(|id| partnerly_core::campaign::get(store, &id.to_string()).ok())
    else {
        return Vec::new();
    };
    let brand = partnerly_core::vetting::get_brand(store, &campaign.brand_id.to_string())
        .map(|b| b.name)
        .unwrap_or_default();
    let platforms: Vec<_> = partnership
        .terms
        .deliverables
        .iter()
        .filter_map(|d| d.platform)
        .collect();
    agreement::disclosure::clause(&brand, &campaign.markets, &platforms)
}

fn message(e: AgreementError) -> String {
    e.to_string()
}

pub fn partnerships(store: &Store, command: PartnershipsCommand) -> Result<(), String> {
    match command {
        PartnershipsCommand::List { json } => {
            let all = agreement::list(store).map_err(message)?;
            let mut rows = Vec::new();
            for p in &all {
                let campaign = p
                    .campaign_id
                    .and_then(|id| partnerly_core::campaign::get(store, &id.to_string()).ok());
                let influencer = p.influencer_id.and_then(|id| roster::get(store, &id.to_string()).ok());
                rows.push(Listed {
                    id: p.id.to_string(),
                    status: p.status,
                    campaign_id: p.campaign_id.map(|id| id.to_string()),
                    campaign: campaign.map(|c| c.name),
                    influencer_id: p.influencer_id.map(|id| id.to_string()),
                    influencer: influencer.map(|i| i.name),
                    step: p.step,
                    agreed_at: p.agreed_at.map(|t| t.to_rfc3339()),
                    updated_at: p.updated_at.to_rfc3339(),
                });
            }
            if json {
                return print_json(&rows);
            }
            if rows.is_empty() {
                println!("No partnerships yet. Start one with `partnerships create --campaign ID --creator HANDLE`.");
            }
            for row in &rows {
                println!(
                    "{}  {:<13} {} · {}",
                    row.id,
                    row.status.label(),
                    row.influencer.as_deref().unwrap_or("no creator"),
                    row.campaign.as_deref().unwrap_or("no campaign")
                );
            }
            Ok(())
        }
        PartnershipsCommand::Show { id, json } => {
            let partnership = agreement::get(store, &id).map_err(message)?;
            let undefined = agreement::undefined_in(store, &partnership).map_err(message)?;
            let disclosure = disclosure_of(store, &partnership);
            if json {
                return print_json(&serde_json::json!({
                    "partnership": partnership,
                    "undefined": undefined,
                    "disclosure": disclosure,
                }));
            }
            println!("{}  {}", partnership.id, partnership.status.label());
            for line in &disclosure {
                println!("  disclosure: {line}");
            }
            if undefined.is_empty() {
                println!("Every detail is defined.");
            }
            for item in &undefined {
                println!("  undefined ({:?}): {}", item.step, item.message);
            }
            Ok(())
        }
        PartnershipsCommand::Create { campaign, creator } => {
            let influencer = roster::find(store, &creator).map_err(|e| e.to_string())?;
            let created =
                agreement::create(store, Some(&campaign), Some(&influencer.id.to_string())).map_err(message)?;
            println!("Started a partnership with {} ({})", influencer.name, created.id);
            Ok(())
        }
        PartnershipsCommand::Terms { id, file } => {
            let terms: Terms = read_json(&file)?;
            let saved = agreement::save(store, &id, terms, Step::Review).map_err(message)?;
            let undefined = agreement::undefined_in(store, &saved).map_err(message)?;
            println!("Saved the terms; {} detail(s) still undefined", undefined.len());
            Ok(())
        }
        PartnershipsCommand::Move { id, status } => {
            let wanted = Status::parse(&status).ok_or_else(|| {
                    format!("'{status}' is not a status; use prospect, negotiating, agreed, in_production, live, completed or cancelled")
                })?;
            let moved = agreement::move_to(store, &id, wanted).map_err(message)?;
            println!("{} is {}", moved.id, moved.status.label().to_lowercase());
            Ok(())
        }
    }
}
