//! `rights`: what each published post may be used for and until when, the
//! ad codes creators gave, and whether the brand still uses each post;
//! what needs a decision (ending within 30 days, expired while in use)
//! comes first.

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use partnerly_core::campaign;
use partnerly_core::rights::{self, PostRights, RightsFilter};
use partnerly_core::store::Store;

use crate::print_json;

#[derive(Subcommand)]
pub enum RightsCommand {
    /// Every published post's rights, what needs a decision first
    List {
        /// Only this campaign's (its id)
        #[arg(long)]
        campaign: Option<String>,
        /// Only those ending within 30 days or expired while in use
        #[arg(long)]
        attention: bool,
        #[arg(long)]
        json: bool,
    },
    /// Record the ad code or access the creator gave for a post
    Code {
        /// The partnership's id
        id: String,
        /// The deliverable's number in the terms (from 1)
        deliverable: u32,
        /// The code, as the creator sent it
        code: String,
        /// What it is ("Spark code", "Partnership ad access")
        #[arg(long, default_value = "Ad code")]
        kind: String,
        /// Its last day (YYYY-MM-DD)
        #[arg(long)]
        expires: Option<NaiveDate>,
    },
    /// Note whether the brand is using a post now (reposted, running as an ad)
    InUse {
        id: String,
        deliverable: u32,
        /// `yes` or `no`
        #[arg(value_parser = parse_yes_no, action = clap::ArgAction::Set)]
        answer: bool,
    },
}

fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        other => Err(format!("'{other}' is not yes or no")),
    }
}

fn index(number: u32) -> Result<u32, String> {
    number
        .checked_sub(1)
        .ok_or_else(|| "deliverables count from 1, as the terms list them".to_string())
}

fn print(r: &PostRights) {
    let uses = match (r.organic, r.paid) {
        (true, true) => "organic and paid",
        (true, false) => "organic only",
        (false, true) => "paid only",
        (false, false) => "no reuse",
    };
    let until = match (r.until, r.days_left) {
        (Some(u), Some(d)) if d >= 0 => format!("until {u} ({d} day(s) left)"),
        (Some(u), _) => format!("ended {u}"),
        _ => "no end date".to_string(),
    };
    let territory = if r.territory.is_empty() {
        "anywhere".to_string()
    } else {
        r.territory.join(", ")
    };
    println!(
        "{} · {} · {} of {}: {} · {uses} in {territory}, {until}{}",
        r.campaign,
        r.creator,
        r.post,
        r.published_on,
        r.state.label(),
        if r.in_use { " · in use" } else { "" }
    );
    if let Some(code) = &r.ad_code {
        let expiry = code.expires.map(|d| format!(", until {d}")).unwrap_or_default();
        println!("    {}: {}{expiry}", code.kind, code.code);
    }
    if let Some(what) = &r.attention {
        println!("    ! {what}");
    }
    println!("    partnership {} deliverable {}", r.partnership_id, r.deliverable + 1);
}

pub fn rights(store: &Store, command: RightsCommand) -> Result<(), String> {
    let today = Local::now().date_naive();
    let error = |e: rights::RightsError| e.to_string();
    match command {
        RightsCommand::List {
            campaign,
            attention,
            json,
        } => {
            let campaign_id = match campaign {
                Some(id) => Some(campaign::get(store, &id).map_err(|e| e.to_string())?.id),
                None => None,
            };
            let filter = RightsFilter {
                campaign_id,
                needs_attention: attention,
            };
            let all = rights::list(store, &filter, today).map_err(error)?;
            if json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!(
                    "No published posts{}.",
                    if attention { " need a decision" } else { " yet" }
                );
            }
            all.iter().for_each(print);
            Ok(())
        }
        RightsCommand::Code {
            id,
            deliverable,
            code,
            kind,
            expires,
        } => {
            rights::set_ad_code(store, &id, index(deliverable)?, &kind, &code, expires, today).map_err(error)?;
            println!("Recorded the {} for deliverable {deliverable}", kind.trim());
            Ok(())
        }
        RightsCommand::InUse {
            id,
            deliverable,
            answer,
        } => {
            rights::mark_in_use(store, &id, index(deliverable)?, answer, today).map_err(error)?;
            println!(
                "Deliverable {deliverable} is {}",
                if answer {
                    "in use by the brand"
                } else {
                    "no longer used by the brand"
                }
            );
            Ok(())
        }
    }
}
