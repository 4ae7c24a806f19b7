//! `partnerships`: a creator for a campaign, its terms and its status.

use std::path::PathBuf;

use chrono::Local;
use clap::{Args, Subcommand};
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

#[derive(Args)]
pub struct AgreementArgs {
    /// The partnership's id
    id: String,
    /// Where to write the PDF
    #[arg(long, value_name = "FILE")]
    pdf: PathBuf,
}

/// Writes the agreement PDF; one with undefined details is marked as a draft and says so here too.
pub fn agreement(store: &Store, args: AgreementArgs) -> Result<(), String> {
    let today = Local::now().date_naive();
    let view = agreement::view(store, &args.id, today).map_err(message)?;
    let bytes = partnerly_report::agreement_pdf(&view, today).map_err(|e| e.to_string())?;
    partnerly_report::write_pdf(&args.pdf, &bytes).map_err(|e| e.to_string())?;
    let who = view.influencer.as_ref().map_or("no creator yet", |i| i.name.as_str());
    if view.undefined.is_empty() {
        println!("Wrote the agreement with {who} to {}", args.pdf.display());
    } else {
        println!(
            "Wrote a draft agreement with {who} to {}: {} detail(s) still undefined",
            args.pdf.display(),
            view.undefined.len()
        );
    }
    Ok(())
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
            let view = agreement::view(store, &id, Local::now().date_naive()).map_err(message)?;
            if json {
                return print_json(&view);
            }
            println!(
                "{}  {} · {} · {}",
                view.partnership.id,
                view.partnership.status.label(),
                view.influencer.as_ref().map_or("no creator", |i| i.name.as_str()),
                view.campaign.as_ref().map_or("no campaign", |c| c.name.as_str())
            );
            if let Some(due) = &view.next_due {
                println!("  next due: {} on {}", due.what, due.date);
            }
            for concern in &view.concerns {
                println!("  concern: {concern}");
            }
            for line in &view.disclosure {
                println!("  disclosure: {line}");
            }
            if view.undefined.is_empty() {
                println!("Every detail is defined.");
            }
            for item in &view.undefined {
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
