//! `calendar`: everything that falls due across campaigns, listed or
//! written as an iCalendar file for Outlook, Google Calendar or Apple
//! Calendar. Exporting again keeps each event's UID, so a calendar that
//! imports the newer file updates its events.

use std::path::PathBuf;

use chrono::{Local, Utc};
use clap::{Args, Subcommand};
use partnerly_core::calendar::{self, ics, CalendarFilter};
use partnerly_core::store::Store;
use partnerly_core::{campaign, roster};

use crate::print_json;

#[derive(Args)]
pub struct CalendarFilterArgs {
    /// Only this campaign's (its id)
    #[arg(long)]
    campaign: Option<String>,
    /// Only this creator's (id, @handle or profile link)
    #[arg(long)]
    creator: Option<String>,
}

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Every date due, by day: drafts, go-live, reviews, payments, rights, exclusivity
    List {
        #[command(flatten)]
        filter: CalendarFilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Write the calendar as an .ics file (RFC 5545)
    Export {
        file: PathBuf,
        #[command(flatten)]
        filter: CalendarFilterArgs,
    },
}

fn filter_of(store: &Store, args: CalendarFilterArgs) -> Result<(CalendarFilter, String), String> {
    let campaign = match args.campaign {
        Some(id) => Some(campaign::get(store, &id).map_err(|e| e.to_string())?),
        None => None,
    };
    let creator = match args.creator {
        Some(who) => Some(roster::find(store, &who).map_err(|e| e.to_string())?),
        None => None,
    };
    let name = match (&campaign, &creator) {
        (Some(c), Some(i)) => format!("Partnerly: {} · {}", c.name, i.name),
        (Some(c), None) => format!("Partnerly: {}", c.name),
        (None, Some(i)) => format!("Partnerly: {}", i.name),
        (None, None) => "Partnerly".to_string(),
    };
    let filter = CalendarFilter {
        campaign_id: campaign.map(|c| c.id),
        influencer_id: creator.map(|i| i.id),
    };
    Ok((filter, name))
}

pub fn calendar(store: &Store, command: CalendarCommand) -> Result<(), String> {
    let today = Local::now().date_naive();
    match command {
        CalendarCommand::List { filter, json } => {
            let (filter, _) = filter_of(store, filter)?;
            let entries = calendar::agenda(store, &filter, today).map_err(|e| e.to_string())?;
            if json {
                return print_json(&entries);
            }
            if entries.is_empty() {
                println!("Nothing is due: dates come from agreed partnerships' terms and timelines.");
            }
            for e in &entries {
                let late = if e.overdue { "  OVERDUE" } else { "" };
                println!("{}  {}{late}", e.on, e.title);
                println!("            {}", e.detail);
            }
            Ok(())
        }
        CalendarCommand::Export { file, filter } => {
            let (filter, name) = filter_of(store, filter)?;
            let entries = calendar::agenda(store, &filter, today).map_err(|e| e.to_string())?;
            let text = ics::to_ics(&entries, &name, Utc::now());
            std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
            println!("Wrote {} event(s) to {}", entries.len(), file.display());
            Ok(())
        }
    }
}
