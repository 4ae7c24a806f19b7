//! `collab`: a partnership's timeline from the command line: messages, the
//! brief, drafts (checked for disclosure as they are logged), feedback with
//! its warnings, approvals and publications. Deliverables are numbered from 1
//! as `partnerships show` lists them.

use chrono::{Local, NaiveDate};
use clap::{Args, Subcommand};
use partnerly_core::agreement;
use partnerly_core::collaboration::{self, CollaborationError, Direction, Event, Stage};
use partnerly_core::store::Store;

use crate::print_json;

#[derive(Args)]
pub struct Logged {
    /// The partnership's id
    id: String,
    /// The day it happened (YYYY-MM-DD); today if left out
    #[arg(long)]
    on: Option<NaiveDate>,
}

#[derive(Subcommand)]
pub enum CollabCommand {
    /// The timeline and where each deliverable stands
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Log a message: --sent, --received or --internal
    Message {
        #[command(flatten)]
        logged: Logged,
        #[arg(long, group = "direction")]
        sent: bool,
        #[arg(long, group = "direction")]
        received: bool,
        #[arg(long, group = "direction")]
        internal: bool,
        text: String,
    },
    /// Log that the brief was sent
    BriefSent {
        #[command(flatten)]
        logged: Logged,
    },
    /// Log a draft; its caption is checked for disclosure at once
    Draft {
        #[command(flatten)]
        logged: Logged,
        #[arg(long)]
        deliverable: u32,
        #[arg(long)]
        caption: String,
        /// A media file name or link; repeat for several
        #[arg(long)]
        media: Vec<String>,
    },
    /// Log feedback on the latest draft; --changes asks for changes (a revision round)
    Feedback {
        #[command(flatten)]
        logged: Logged,
        #[arg(long)]
        deliverable: u32,
        #[arg(long)]
        text: String,
        /// A caption proposed instead of the creator's
        #[arg(long, default_value = "")]
        suggest: String,
        #[arg(long)]
        changes: bool,
    },
    /// Approve the latest draft; one failing the disclosure check needs --override REASON
    Approve {
        #[command(flatten)]
        logged: Logged,
        #[arg(long)]
        deliverable: u32,
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
    },
    /// Log the publication of an approved deliverable
    Publish {
        #[command(flatten)]
        logged: Logged,
        #[arg(long)]
        deliverable: u32,
        #[arg(long)]
        url: String,
    },
}

/// Deliverable numbers as people count them (from 1) to the index the terms use.
fn index(number: u32) -> Result<u32, String> {
    number
        .checked_sub(1)
        .ok_or_else(|| "--deliverable counts from 1, as 'partnerships show' lists them".to_string())
}

fn message(e: CollaborationError) -> String {
    e.to_string()
}

fn stage(stage: Stage) -> &'static str {
    match stage {
        Stage::Planned => "planned",
        Stage::DraftSubmitted => "draft submitted",
        Stage::ChangesRequested => "changes requested",
        Stage::Approved => "approved",
        Stage::Published => "published",
    }
}

fn describe(event: &Event) -> String {
    match event {
        Event::Message { direction, text } => {
            let how = match direction {
                Direction::Sent => "sent",
                Direction::Received => "received",
                Direction::Internal => "note",
            };
            format!("{how}: {text}")
        }
        Event::BriefSent => "brief sent".to_string(),
        Event::Draft { caption, check, .. } => format!(
            "draft ({}): {caption}",
            if check.compliant {
                "disclosure ok"
            } else {
                "disclosure fails"
            }
        ),
        Event::Feedback {
            text,
            changes_requested,
            ..
        } => {
            format!(
                "{}: {text}",
                if *changes_requested {
                    "changes requested"
                } else {
                    "feedback"
                }
            )
        }
        Event::Approval { override_reason } => match override_reason {
            Some(reason) => format!("approved despite the disclosure check: {reason}"),
            None => "approved".to_string(),
        },
        Event::Published { url } => format!("published: {url}"),
        Event::Confirmed { message, .. } => format!("checked: {message}"),
        Event::Invoiced { instalment, number } => format!("payment {} invoiced: {number}", instalment + 1),
        Event::Paid {
            instalment,
            amount,
            reference,
        } => {
            let reference = if reference.is_empty() {
                String::new()
            } else {
                format!(" ({reference})")
            };
            format!("payment {}: {} paid{reference}", instalment + 1, amount.to_text())
        }
        Event::AdCode { access, code, expires } => match expires {
            Some(day) => format!("{access}: {code}, until {day}"),
            None => format!("{access}: {code}"),
        },
        Event::InUse { in_use: true } => "in use by the brand".to_string(),
        Event::InUse { in_use: false } => "no longer used by the brand".to_string(),
        Event::PaymentWithdrawn { instalment, reason, .. } => {
            format!(
                "payment {}: a payment recorded in error withdrawn: {reason}",
                instalment + 1
            )
        }
        Event::Sent { template, subject, .. } => {
            format!("sent ({}): {subject}", template.label().to_lowercase())
        }
    }
}

/// What a logged entry said that needs the person's attention.
fn report_last(partnership: &agreement::Partnership) {
    let Some(last) = partnership.timeline.last() else {
        return;
    };
    println!("Logged {}", describe(&last.event));
    match &last.event {
        Event::Draft { check, .. } => {
            for finding in &check.findings {
                println!("  {} {}", if finding.blocking { "!" } else { "-" }, finding.message);
            }
        }
        Event::Feedback { warnings, .. } => {
            for warning in warnings {
                println!("  ! {warning}");
            }
        }
        _ => {}
    }
}

pub fn collab(store: &Store, command: CollabCommand) -> Result<(), String> {
    let today = Local::now().date_naive();
    let day = |logged: &Logged| logged.on.unwrap_or(today);
    let saved = match command {
        CollabCommand::Show { id, json } => {
            let partnership = agreement::get(store, &id).map_err(|e| e.to_string())?;
            let progress = collaboration::progress(&partnership, today);
            if json {
                return print_json(&serde_json::json!({ "timeline": partnership.timeline, "deliverables": progress }));
            }
            for p in &progress {
                println!(
                    "Deliverable {}: {} · {}{} · {} of {} change rounds",
                    p.deliverable + 1,
                    p.name,
                    stage(p.stage),
                    if p.overdue { " · OVERDUE" } else { "" },
                    p.rounds_used,
                    p.rounds_included
                );
            }
            for entry in &partnership.timeline {
                let which = entry
                    .deliverable
                    .map(|d| format!(" [deliverable {}]", d + 1))
                    .unwrap_or_default();
                println!("{}{which} {}", entry.on, describe(&entry.event));
            }
            return Ok(());
        }
        CollabCommand::Message {
            logged,
            sent,
            received,
            text,
            ..
        } => {
            let direction = if sent {
                Direction::Sent
            } else if received {
                Direction::Received
            } else {
                Direction::Internal
            };
            collaboration::message(store, &logged.id, direction, &text, day(&logged))
        }
        CollabCommand::BriefSent { logged } => collaboration::brief_sent(store, &logged.id, day(&logged)),
        CollabCommand::Draft {
            logged,
            deliverable,
            caption,
            media,
        } => collaboration::draft(store, &logged.id, index(deliverable)?, &caption, media, day(&logged)),
        CollabCommand::Feedback {
            logged,
            deliverable,
            text,
            suggest,
            changes,
        } => collaboration::feedback(
            store,
            &logged.id,
            index(deliverable)?,
            &text,
            &suggest,
            changes,
            day(&logged),
        ),
        CollabCommand::Approve {
            logged,
            deliverable,
            override_reason,
        } => collaboration::approve(
            store,
            &logged.id,
            index(deliverable)?,
            override_reason.as_deref(),
            day(&logged),
        ),
        CollabCommand::Publish {
            logged,
            deliverable,
            url,
        } => collaboration::published(store, &logged.id, index(deliverable)?, &url, day(&logged)),
    }
    .map_err(message)?;
    report_last(&saved);
    Ok(())
}
