//! `partnerly-cli`: Partnerly's operations without the window, for scripts,
//! bulk work and tests. Every command goes through `partnerly-core`, exactly
//! like the desktop app's commands do.

// See the app's main.rs: imports allocate on two threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod calendar;
mod campaigns;
mod collaboration;
mod disclosure;
mod housekeeping;
mod import;
mod messages;
mod metrics;
mod orders;
mod partnerships;
mod payments;
mod rights;
mod scorecard_text;
mod team;
mod vetting;

use vetting::read_json;

use clap::{Args, Parser, Subcommand};
use partnerly_core::numbers::grouped;
use partnerly_core::roster::{
    self, AccountDraft, Influencer, InfluencerDraft, Platform, RosterError, RosterFilter, SortBy, Tier,
};
use partnerly_core::store::Store;
use partnerly_core::{country, export, sample, workspace, APP_IDENTIFIER, DATA_DIR_ENV};

#[derive(Parser)]
#[command(name = "partnerly-cli", version, about = "Partnerly from the command line")]
struct Cli {
    /// The data folder to use [default: the desktop app's data folder]
    #[arg(long, global = true, env = DATA_DIR_ENV, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add, list, show and remove influencers
    #[command(subcommand)]
    Influencers(InfluencersCommand),
    /// Write the whole workspace to one JSON file
    Export {
        /// The JSON file to write
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace the whole workspace with one exported JSON file (the data it
    /// replaces is kept as a JSON copy in the backups folder)
    ImportWorkspace {
        /// A file written by `export` or by the app's workspace export
        file: PathBuf,
    },
    /// Import influencers from a CSV or other delimited text file: new
    /// creators are added, known accounts updated, bad rows listed, bad
    /// optional cells left empty with a warning
    Import(import::ImportArgs),
    /// Load the sample workspace into an empty data folder
    Sample,
    /// The name the timeline, checklist and payments log as "by": shown, or
    /// set when given (kept in this data folder, not in workspace exports)
    Name {
        /// Your name as colleagues should read it
        name: Option<String>,
    },
    /// Brand profiles and their shortlists
    #[command(subcommand)]
    Brands(vetting::BrandsCommand),
    /// A creator's vetting scorecard against a brand: scores with their
    /// components, red flags with evidence, checklist, verdict
    Vet(vetting::VetArgs),
    /// What is known about a creator beyond the roster: figures, audience,
    /// follower history, past partnerships, research checklist
    #[command(subcommand)]
    Dossier(vetting::DossierCommand),
    /// Where follower tiers start
    #[command(subcommand)]
    Tiers(vetting::TiersCommand),
    /// Tags on creators: add or remove one on a filtered roster, list them, set one creator's
    #[command(subcommand)]
    Tags(housekeeping::TagsCommand),
    /// Saved views of the roster: a filter and an order under a name
    #[command(subcommand)]
    Views(housekeeping::ViewsCommand),
    /// Possible duplicates on the roster: review, merge or tell apart
    #[command(subcommand)]
    Duplicates(housekeeping::DuplicatesCommand),
    /// Campaigns: a brand, one objective, measurable targets, budget and dates
    #[command(subcommand)]
    Campaigns(campaigns::CampaignsCommand),
    /// Partnerships: a creator for a campaign, its terms and its status
    #[command(subcommand)]
    Partnerships(partnerships::PartnershipsCommand),
    /// A partnership's agreement as a PDF (a draft while details are undefined)
    Agreement(partnerships::AgreementArgs),
    /// A partnership's timeline: messages, brief, drafts, feedback, approvals, publications
    #[command(subcommand)]
    Collab(collaboration::CollabCommand),
    /// Messages to creators from templates (offer, brief, feedback, approval, payment sent)
    #[command(subcommand)]
    Messages(messages::MessagesCommand),
    /// Shop orders: import an order export; orders count for creators by discount code
    #[command(subcommand)]
    Orders(orders::OrdersCommand),
    /// Payments of agreed partnerships: invoiced, paid, open and overdue, per currency
    #[command(subcommand)]
    Payments(payments::PaymentsCommand),
    /// Usage rights of published posts: what, where, until when, ad codes, still in use
    #[command(subcommand)]
    Rights(rights::RightsCommand),
    /// Everything due across campaigns, listed or exported as an .ics calendar
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// Disclosure rules per market: check a caption before it goes live
    #[command(subcommand)]
    Disclosure(disclosure::DisclosureCommand),
    /// Post figures: import an export of post metrics onto a campaign
    #[command(subcommand)]
    Metrics(metrics::MetricsCommand),
    /// A campaign's KPIs against its targets, per creator and per post
    Kpis(metrics::KpisArgs),
    /// A campaign's summary as a PDF: targets, KPIs, creators, charts, disclosure
    Report(metrics::ReportArgs),
    /// A team workspace on a PostgreSQL server: connect, status, sync, members
    #[command(subcommand)]
    Team(team::TeamCommand),
}

#[derive(Subcommand)]
enum InfluencersCommand {
    /// Add an influencer
    Add(AddArgs),
    /// List influencers, all or those matching the filters
    List {
        #[command(flatten)]
        filter: FilterArgs,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
        /// Also print, on stderr, how long building the roster's index and
        /// answering the query took (for benchmarks and support)
        #[arg(long)]
        timings: bool,
    },
    /// Write influencers (all, or those matching the filters) to a CSV file
    /// for spreadsheets: UTF-8 with BOM, formulas neutralised
    Export {
        #[command(flatten)]
        filter: FilterArgs,
        /// The CSV file to write
        #[arg(long = "csv", value_name = "FILE")]
        file: PathBuf,
    },
    /// Show one influencer
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete an influencer
    Remove { id: String },
}

#[derive(Args)]
pub(crate) struct FilterArgs {
    /// Words to find in names, handles, emails and niches
    #[arg(long)]
    search: Option<String>,
    /// Only creators with an account on this platform
    #[arg(long)]
    platform: Option<String>,
    /// Only this follower tier (of the largest account): emerging, nano, micro, mid, macro, mega
    #[arg(long)]
    tier: Option<String>,
    /// Only creators based in this country (name or ISO code)
    #[arg(long)]
    country: Option<String>,
    /// Only creators with this niche
    #[arg(long)]
    niche: Option<String>,
    /// Only creators carrying this tag
    #[arg(long)]
    tag: Option<String>,
    /// Sort by name, account, followers, country, niche or added
    #[arg(long, default_value = "name")]
    sort: String,
    /// Largest, latest or Z first
    #[arg(long)]
    pub(crate) desc: bool,
    /// At most this many, from the top of the sorted list
    #[arg(long)]
    limit: Option<usize>,
}

impl FilterArgs {
    fn query(&self, store: &Store) -> Result<Vec<Influencer>, String> {
        let (filter, sort) = self.parse()?;
        let page = roster::query_page(store, &filter, sort, self.desc, 0, self.limit.unwrap_or(usize::MAX))
            .map_err(roster_message)?;
        Ok(page.influencers)
    }

    pub(crate) fn parse(&self) -> Result<(RosterFilter, SortBy), String> {
        let platform = match &self.platform {
            Some(text) => Some(
                Platform::parse(text)
                    .ok_or_else(|| format!("--platform '{text}' is not a platform Partnerly knows"))?,
            ),
            None => None,
        };
        let tier = match &self.tier {
            Some(text) => Some(Tier::parse(text).ok_or_else(|| {
                format!("--tier '{text}' is not a tier; use emerging, nano, micro, mid, macro or mega")
            })?),
            None => None,
        };
        let country = match &self.country {
            Some(text) => Some(
                country::resolve(text)
                    .ok_or_else(|| format!("--country '{text}' is not a country Partnerly knows"))?
                    .code
                    .clone(),
            ),
            None => None,
        };
        let sort = match self.sort.to_lowercase().as_str() {
            "name" => SortBy::Name,
            "account" => SortBy::Account,
            "followers" => SortBy::Followers,
            "niche" => SortBy::Niche,
            "country" => SortBy::Country,
            "added" => SortBy::Added,
            other => {
                return Err(format!(
                    "--sort '{other}' is not a column; use name, account, followers, country, niche or added"
                ))
            }
        };
        let filter = RosterFilter {
            search: self.search.clone().unwrap_or_default(),
            platform,
            tier,
            country,
            niche: self.niche.clone(),
            tag: self.tag.clone(),
        };
        Ok((filter, sort))
    }
}

#[derive(Args)]
struct AddArgs {
    #[arg(long)]
    name: String,
    /// PLATFORM:HANDLE:FOLLOWERS, e.g. instagram:@mara.eats:48200 (repeat for more accounts)
    #[arg(long = "account", value_name = "PLATFORM:HANDLE:FOLLOWERS", required = true)]
    accounts: Vec<String>,
    #[arg(long, default_value = "")]
    email: String,
    /// A country name or ISO code
    #[arg(long, default_value = "")]
    country: String,
    /// A topic the creator covers (repeat for more)
    #[arg(long = "niche")]
    niches: Vec<String>,
    #[arg(long, default_value = "")]
    notes: String,
    /// Print the stored influencer as JSON
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    stop_quietly_when_output_closes();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("partnerly-cli: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `partnerly-cli influencers list | head` closes the pipe early; like `cat`
/// or `grep`, stop there instead of panicking in `println!`. Every write to
/// the store is flushed before anything is printed about it, so stopping at
/// a print loses nothing.
fn stop_quietly_when_output_closes() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any other thread exists;
    // it only restores the signal's default action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(cli: Cli) -> Result<(), String> {
    // The checker reads no data: it must not take the data folder's lock.
    let command = match cli.command {
        Command::Disclosure(command) => return disclosure::disclosure(command),
        // The owner's set-up talks to the server only.
        Command::Team(command) => match team::server_only(&command) {
            Some(done) => return done,
            None => Command::Team(command),
        },
        other => other,
    };
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => dirs::data_dir()
            .map(|d| d.join(APP_IDENTIFIER))
            .ok_or("this system has no user data folder; pass --data-dir DIR")?,
    };
    let store = open(&data_dir)?;
    match command {
        Command::Influencers(command) => influencers(&store, command),
        Command::Export { file } => {
            let summary = workspace::export(&store, &file).map_err(|e| e.to_string())?;
            println!("Exported {} influencer(s) to {}", summary.influencers, file.display());
            Ok(())
        }
        Command::ImportWorkspace { file } => {
            let summary = workspace::import(&store, &file).map_err(|e| e.to_string())?;
            println!("Imported {} influencer(s) from {}", summary.influencers, file.display());
            if let Some(copy) = summary.previous_data {
                println!("The data it replaced is saved in {copy}");
            }
            Ok(())
        }
        Command::Import(args) => import::run(&store, args),
        Command::Brands(command) => vetting::brands(&store, command),
        Command::Vet(args) => vetting::vet(&store, args),
        Command::Dossier(command) => vetting::dossier(&store, command),
        Command::Tiers(command) => vetting::tiers(&store, command),
        Command::Tags(command) => housekeeping::tags(&store, command),
        Command::Views(command) => housekeeping::views(&store, command),
        Command::Duplicates(command) => housekeeping::duplicates(&store, command),
        Command::Campaigns(command) => campaigns::campaigns(&store, command),
        Command::Partnerships(command) => partnerships::partnerships(&store, command),
        Command::Agreement(args) => partnerships::agreement(&store, args),
        Command::Collab(command) => collaboration::collab(&store, command),
        Command::Messages(command) => messages::messages(&store, command),
        Command::Orders(command) => orders::orders(&store, command),
        Command::Payments(command) => payments::payments(&store, command),
        Command::Calendar(command) => calendar::calendar(&store, command),
        Command::Rights(command) => rights::rights(&store, command),
        Command::Disclosure(command) => disclosure::disclosure(command),
        Command::Team(command) => team::team(&store, command),
        Command::Metrics(command) => metrics::metrics(&store, command),
        Command::Kpis(args) => metrics::kpis(&store, args),
        Command::Report(args) => metrics::report(&store, args),
        Command::Name { name } => {
            let you = match name {
                Some(name) => partnerly_core::identity::set(&store, &name).map_err(|e| e.to_string())?,
                None => partnerly_core::identity::get(&store).map_err(|e| e.to_string())?,
            };
            let chosen = if you.chosen {
                ""
            } else {
                " (the system's name; set yours with `name \"Your Name\"`)"
            };
            println!("Logged as {}{chosen}", you.name);
            Ok(())
        }
        Command::Sample => {
            let added = sample::load(&store).map_err(|e| e.to_string())?;
            println!("Loaded the sample workspace: {added} influencers");
            Ok(())
        }
    }
}

fn open(dir: &Path) -> Result<Store, String> {
    Store::open(dir).map_err(|e| e.to_string())
}

fn influencers(store: &Store, command: InfluencersCommand) -> Result<(), String> {
    match command {
        InfluencersCommand::Add(args) => {
            let json = args.json;
            let draft = draft_from(args)?;
            let added = roster::add(store, &draft).map_err(roster_message)?;
            if json {
                print_json(&added)
            } else {
                println!("Added {} ({})", added.name, added.id);
                Ok(())
            }
        }
        InfluencersCommand::Export { filter, file } => {
            // Streamed from the store: the roster may hold millions.
            let (wanted, sort) = filter.parse()?;
            let limit = filter.limit.unwrap_or(usize::MAX);
            let written =
                export::write_roster_csv(store, &wanted, sort, filter.desc, limit, &file).map_err(|e| e.to_string())?;
            println!("Exported {written} influencer(s) to {}", file.display());
            Ok(())
        }
        InfluencersCommand::List { filter, json, timings } => {
            let started = std::time::Instant::now();
            let indexed = roster::warm_up(store).map_err(roster_message)?;
            let built = started.elapsed();
            let all = filter.query(store)?;
            if timings {
                eprintln!(
                    "index of {indexed} creator(s) built in {} ms; query answered in {} ms",
                    built.as_millis(),
                    (started.elapsed() - built).as_millis()
                );
            }
            if json {
                print_json(&all)
            } else {
                print_table(&all);
                Ok(())
            }
        }
        InfluencersCommand::Show { id, json } => {
            let found = roster::get(store, &id).map_err(roster_message)?;
            if json {
                print_json(&found)
            } else {
                print_one(&found);
                Ok(())
            }
        }
        InfluencersCommand::Remove { id } => {
            let found = roster::get(store, &id).map_err(roster_message)?;
            roster::remove(store, &id).map_err(roster_message)?;
            println!("Removed {}", found.name);
            Ok(())
        }
    }
}

fn draft_from(args: AddArgs) -> Result<InfluencerDraft, String> {
    let accounts = args
        .accounts
        .iter()
        .map(|a| parse_account(a))
        .collect::<Result<_, _>>()?;
    Ok(InfluencerDraft {
        name: args.name,
        accounts,
        email: args.email,
        country: args.country,
        niches: args.niches,
        notes: args.notes,
    })
}

fn parse_account(spec: &str) -> Result<AccountDraft, String> {
    let usage = || format!("--account '{spec}' should look like instagram:@handle:12000");
    let mut parts = spec.splitn(3, ':');
    let (Some(platform), Some(handle), Some(followers)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(usage());
    };
    let platform = Platform::parse(platform).ok_or_else(|| {
        let known: Vec<_> = Platform::ALL.iter().map(|p| p.key()).collect();
        format!(
            "--account '{spec}': '{platform}' is not a platform Partnerly knows ({})",
            known.join(", ")
        )
    })?;
    let digits: String = followers.chars().filter(|c| !matches!(c, ',' | '_' | ' ')).collect();
    let followers = digits
        .parse::<i64>()
        .map_err(|_| format!("--account '{spec}': followers '{followers}' is not a whole number"))?;
    Ok(AccountDraft {
        platform,
        handle: handle.to_string(),
        followers,
    })
}

fn roster_message(e: RosterError) -> String {
    match e {
        RosterError::Invalid(errors) => {
            let lines: Vec<_> = errors.into_iter().map(|e| e.message).collect();
            format!("the influencer was not saved:\n  {}", lines.join("\n  "))
        }
        other => other.to_string(),
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

pub(crate) fn print_table(all: &[Influencer]) {
    if all.is_empty() {
        println!("The roster is empty. Add someone with `influencers add`, or load the sample with `sample`.");
        return;
    }
    let name_width = all.iter().map(|i| i.name.chars().count()).max().unwrap_or(4).max(4);
    println!(
        "{:<name_width$}  {:<32}  {:>10}  {:<7}  ID",
        "NAME", "MAIN ACCOUNT", "FOLLOWERS", "COUNTRY"
    );
    for influencer in all {
        let (account, followers) = match influencer.main_account() {
            Some(a) => (format!("{} @{}", a.platform.label(), a.handle), grouped(a.followers)),
            None => (String::new(), String::new()),
        };
        println!(
            "{:<name_width$}  {:<32}  {:>10}  {:<7}  {}",
            influencer.name,
            account,
            followers,
            influencer.country.as_deref().unwrap_or("-"),
            influencer.id
        );
    }
}

fn print_one(influencer: &Influencer) {
    println!("{}  ({})", influencer.name, influencer.id);
    for account in &influencer.accounts {
        println!(
            "  {:<10} @{:<30} {:>12} followers",
            account.platform.label(),
            account.handle,
            grouped(account.followers)
        );
    }
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    println!("  email:   {}", or_dash(&influencer.email));
    println!("  country: {}", or_dash(&influencer.country));
    println!("  niches:  {}", influencer.niches.join(", "));
    if !influencer.notes.is_empty() {
        println!("  notes:   {}", influencer.notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_specs() {
        let a = parse_account("Twitter:@Tom:12,400").unwrap();
        assert_eq!(
            (a.platform, a.handle.as_str(), a.followers),
            (Platform::X, "@Tom", 12_400)
        );
        assert!(parse_account("instagram:@tom")
            .unwrap_err()
            .contains("should look like"));
        assert!(parse_account("myspace:@tom:1")
            .unwrap_err()
            .contains("'myspace' is not a platform"));
        assert!(parse_account("instagram:@tom:lots")
            .unwrap_err()
            .contains("'lots' is not a whole number"));
    }
}
