//! `messages`: write to a creator from a template (offer, brief, feedback,
//! approval, payment sent), filled from the partnership in the creator's
//! language; log what was sent; see and edit the templates.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use clap::Subcommand;
use partnerly_core::outreach::{self, mailto, Template, TemplateKind};
use partnerly_core::store::Store;

use crate::print_json;

#[derive(Subcommand)]
pub enum MessagesCommand {
    /// A message for a partnership, filled from its terms and timeline
    Compose {
        /// The partnership's id
        id: String,
        /// offer, brief, feedback, approval or payment-sent
        #[arg(value_parser = parse_kind)]
        kind: TemplateKind,
        /// Write in this language (e.g. de) instead of the creator's
        #[arg(long)]
        language: Option<String>,
        /// Also print a mailto: link that opens it in a mail app
        #[arg(long)]
        mailto: bool,
        #[arg(long)]
        json: bool,
    },
    /// Log on the timeline that a message was sent, as composed or as a file says
    Sent {
        id: String,
        #[arg(value_parser = parse_kind)]
        kind: TemplateKind,
        /// The text as sent; without it, the composed message is logged
        #[arg(long)]
        body_file: Option<PathBuf>,
        #[arg(long)]
        subject: Option<String>,
        #[arg(long)]
        language: Option<String>,
        /// The day it went out (YYYY-MM-DD); today if not given
        #[arg(long)]
        on: Option<NaiveDate>,
    },
    /// Every template, with whether its wording is yours or Partnerly's
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// Set your wording of one template (a new language adds it)
    Template {
        #[arg(value_parser = parse_kind)]
        kind: TemplateKind,
        /// The language (e.g. en, de)
        language: String,
        #[arg(long)]
        subject: String,
        /// A file with the text; fields are written {first_name}, {fee}, ...
        #[arg(long)]
        body_file: PathBuf,
    },
    /// Go back to Partnerly's wording of a template (or remove a language you added)
    Reset {
        #[arg(value_parser = parse_kind)]
        kind: TemplateKind,
        language: String,
    },
}

fn parse_kind(text: &str) -> Result<TemplateKind, String> {
    TemplateKind::parse(text).ok_or_else(|| {
        let kinds: Vec<&str> = TemplateKind::ALL.iter().map(|k| k.key()).collect();
        format!("'{text}' is not a kind of message; the kinds are {}", kinds.join(", "))
    })
}

fn read(path: &PathBuf) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn messages(store: &Store, command: MessagesCommand) -> Result<(), String> {
    let today = Local::now().date_naive();
    let error = |e: outreach::OutreachError| e.to_string();
    match command {
        MessagesCommand::Compose {
            id,
            kind,
            language,
            mailto,
            json,
        } => {
            let message = outreach::compose(store, &id, kind, language.as_deref(), today).map_err(error)?;
            if json {
                return print_json(&message);
            }
            println!(
                "To: {}",
                message.to.as_deref().unwrap_or("(no email address for this creator)")
            );
            println!("Subject: {}", message.subject);
            if message.language != message.creator_language {
                println!(
                    "Language: {} (the creator's would be {}; there is no template in it yet)",
                    message.language, message.creator_language
                );
            } else {
                println!("Language: {}", message.language);
            }
            println!("\n{}\n", message.body);
            for gap in &message.gaps {
                println!("! {gap}");
            }
            if mailto {
                println!(
                    "{}",
                    mailto::link(message.to.as_deref(), &message.subject, &message.body)
                );
            }
            Ok(())
        }
        MessagesCommand::Sent {
            id,
            kind,
            body_file,
            subject,
            language,
            on,
        } => {
            let composed = outreach::compose(store, &id, kind, language.as_deref(), today).map_err(error)?;
            let body = match body_file {
                Some(path) => read(&path)?,
                None => composed.body,
            };
            let subject = subject.unwrap_or(composed.subject);
            outreach::log_sent(store, &id, kind, &subject, &body, on.unwrap_or(today)).map_err(error)?;
            println!("Logged \"{}\" as sent", subject.trim());
            Ok(())
        }
        MessagesCommand::Templates { json } => {
            let all = outreach::list(store).map_err(|e| e.to_string())?;
            if json {
                return print_json(&all);
            }
            for view in &all {
                let whose = match (view.edited, view.builtin) {
                    (true, true) => "your wording",
                    (true, false) => "yours (added)",
                    _ => "Partnerly's wording",
                };
                let t = &view.template;
                println!("{} {} · {whose} · {}", t.kind.key(), t.language, t.subject);
            }
            Ok(())
        }
        MessagesCommand::Template {
            kind,
            language,
            subject,
            body_file,
        } => {
            let template = Template {
                kind,
                language,
                subject,
                body: read(&body_file)?,
            };
            let saved = outreach::save(store, &template).map_err(error)?;
            println!("Saved your wording of {} in {}", kind.key(), saved.template.language);
            Ok(())
        }
        MessagesCommand::Reset { kind, language } => {
            outreach::reset(store, kind, &language).map_err(error)?;
            println!("{} in {} is Partnerly's wording again", kind.key(), language.trim());
            Ok(())
        }
    }
}
