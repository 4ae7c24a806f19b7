//! `tags`, `views` and `duplicates`: keeping the roster tidy from the
//! command line, with the same filters as `influencers list`.

use clap::Subcommand;
use partnerly_core::housekeeping::{self, duplicates, tags, views};
use partnerly_core::roster::{self, RosterError};
use partnerly_core::store::Store;

use crate::{print_json, print_table, FilterArgs};

fn message(e: RosterError) -> String {
    e.to_string()
}

#[derive(Subcommand)]
pub enum TagsCommand {
    /// Put a tag on every creator the filters keep
    Add {
        #[arg(value_name = "TAG")]
        word: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Take a tag off every creator the filters keep
    Remove {
        #[arg(value_name = "TAG")]
        word: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Every tag in use, with how many creators carry it
    List {
        #[arg(long)]
        json: bool,
    },
    /// Set one creator's tags (none given: no tags)
    Set {
        /// The creator: an id, a handle or a profile link
        creator: String,
        tags: Vec<String>,
    },
}

#[derive(Subcommand)]
pub enum ViewsCommand {
    /// Save the filters and order under a name (the same name replaces it)
    Save {
        name: String,
        #[command(flatten)]
        filter: FilterArgs,
    },
    /// Every saved view
    List {
        #[arg(long)]
        json: bool,
    },
    /// The creators a saved view shows, in its order
    Show {
        name: String,
    },
    Remove {
        name: String,
    },
}

#[derive(Subcommand)]
pub enum DuplicatesCommand {
    /// Pairs of creators that may be one person, and why
    List {
        #[arg(long)]
        json: bool,
    },
    /// Make OTHER part of KEEP: accounts, dossier, partnerships, shortlists and tags move to KEEP
    Merge { keep: String, other: String },
    /// Say two creators are different people, so the pair is not offered again
    Dismiss { first: String, second: String },
}

fn id_of(store: &Store, creator: &str) -> Result<String, String> {
    Ok(roster::find(store, creator).map_err(message)?.id.to_string())
}

pub fn tags(store: &Store, command: TagsCommand) -> Result<(), String> {
    match command {
        TagsCommand::Add { word, filter } => tag_filtered(store, &word, &filter, false),
        TagsCommand::Remove { word, filter } => tag_filtered(store, &word, &filter, true),
        TagsCommand::List { json } => {
            let all = tags::counts(store).map_err(|e| e.to_string())?;
            if json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!("No tags yet: `tags add TAG --niche food` tags a filtered roster.");
            }
            for count in &all {
                println!("{} ({})", count.tag, count.creators);
            }
            Ok(())
        }
        TagsCommand::Set { creator, tags: given } => {
            let id = id_of(store, &creator)?;
            let kept = tags::set(store, &id, &given).map_err(message)?;
            if kept.is_empty() {
                println!("No tags on {creator} now");
            } else {
                println!("Tags of {creator}: {}", kept.join(", "));
            }
            Ok(())
        }
    }
}

fn tag_filtered(store: &Store, tag: &str, filter: &FilterArgs, remove: bool) -> Result<(), String> {
    let (filter, _) = filter.parse()?;
    let changed = tags::tag_matching(store, &filter, tag, remove).map_err(message)?;
    let what = if remove { "Took the tag off" } else { "Tagged" };
    println!("{what} {changed} creator(s)");
    Ok(())
}

pub fn views(store: &Store, command: ViewsCommand) -> Result<(), String> {
    match command {
        ViewsCommand::Save { name, filter } => {
            let (parsed, sort) = filter.parse()?;
            views::save(store, &name, &parsed, sort, filter.desc).map_err(message)?;
            println!("Saved the view '{}'", name.trim());
            Ok(())
        }
        ViewsCommand::List { json } => {
            let all = views::list(store).map_err(|e| e.to_string())?;
            if json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!("No saved views yet: `views save NAME --niche food` saves one.");
            }
            for view in &all {
                println!("{}", view.name);
            }
            Ok(())
        }
        ViewsCommand::Show { name } => {
            let all = views::list(store).map_err(|e| e.to_string())?;
            let view = all
                .iter()
                .find(|v| v.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| format!("There is no saved view named '{}'.", name.trim()))?;
            let creators = roster::query(store, &view.filter, view.sort, view.descending).map_err(message)?;
            print_table(&creators);
            Ok(())
        }
        ViewsCommand::Remove { name } => {
            views::remove(store, &name).map_err(message)?;
            println!("Removed the view '{}'", name.trim());
            Ok(())
        }
    }
}

pub fn duplicates(store: &Store, command: DuplicatesCommand) -> Result<(), String> {
    match command {
        DuplicatesCommand::List { json } => {
            let pairs = duplicates::find(store).map_err(message)?;
            if json {
                return print_json(&pairs);
            }
            if pairs.is_empty() {
                println!("No possible duplicates on the roster.");
            }
            for pair in &pairs {
                println!(
                    "{} ({})  ~  {} ({})",
                    pair.first.name, pair.first.id, pair.second.name, pair.second.id
                );
                for reason in &pair.reasons {
                    println!("    {reason}");
                }
            }
            Ok(())
        }
        DuplicatesCommand::Merge { keep, other } => {
            let (keep, other) = (id_of(store, &keep)?, id_of(store, &other)?);
            let merged = housekeeping::merge(store, &keep, &other).map_err(message)?;
            println!(
                "Merged {} into {}: {} account(s), {} partnership(s) and {} shortlist(s) moved{}",
                merged.merged,
                merged.creator.name,
                merged.creator.accounts.len(),
                merged.partnerships,
                merged.shortlists,
                if merged.dossier { ", with the dossier" } else { "" }
            );
            Ok(())
        }
        DuplicatesCommand::Dismiss { first, second } => {
            let (a, b) = (id_of(store, &first)?, id_of(store, &second)?);
            duplicates::dismiss(store, &a, &b).map_err(message)?;
            println!("Noted: {first} and {second} are different people");
            Ok(())
        }
    }
}
