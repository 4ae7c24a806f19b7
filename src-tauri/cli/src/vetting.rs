//! `brands`, `vet`, `dossier` and `tiers`: vetting from the command line.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::Local;
use clap::{ArgGroup, Args, Subcommand};
use partnerly_core::roster::{self, FieldError, Platform, TierBoundaries};
use partnerly_core::store::Store;
use partnerly_core::vetting::brand::{Brand, BrandDraft};
use partnerly_core::vetting::dossier::CheckItem;
use partnerly_core::vetting::drafts::{AccountStatsDraft, AudienceDraft, CheckDraft, PastPartnershipDraft};
use partnerly_core::vetting::scorecard::Scorecard;
use partnerly_core::vetting::{self, VettingError};

use crate::print_json;

#[derive(Subcommand)]
pub enum BrandsCommand {
    /// List the brand profiles
    List {
        #[arg(long)]
        json: bool,
    },
    /// Show one brand profile
    Show {
        brand_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Add a brand profile from a JSON file (`-` reads standard input):
    /// {"name", "values", "audience": {"countries": [{"key": "DE", "percent": 60}], "age_bands", "genders",
    /// "interests"}, "excluded_topics", "competitors", "markets"}
    Add {
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace a brand profile's fields with a JSON file (the shortlist stays)
    Edit {
        brand_id: String,
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Delete a brand profile
    Remove { brand_id: String },
    /// The brand's shortlist, best fit and alignment first
    Shortlist {
        brand_id: String,
        #[arg(long)]
        json: bool,
    },
    /// Put a creator (id, handle or profile link) on the brand's shortlist
    ShortlistAdd { brand_id: String, creator: String },
    /// Take a creator off the brand's shortlist
    ShortlistRemove { brand_id: String, creator: String },
}

#[derive(Args)]
pub struct VetArgs {
    /// The brand to vet against (see `brands list`)
    #[arg(long = "brand", value_name = "BRAND_ID")]
    brand: String,
    /// The creator: an id, a handle (`@mara.eats`) or a profile link
    creator: String,
    /// Print the whole scorecard as JSON
    #[arg(long)]
    json: bool,
    /// Also write the one-page scorecard as a PDF
    #[arg(long, value_name = "FILE")]
    pdf: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum DossierCommand {
    /// Everything recorded about a creator beyond the roster
    Show {
        creator: String,
        #[arg(long)]
        json: bool,
    },
    /// Set the audience from JSON: {"countries": [{"key": "DE", "percent": 40}], "age_bands", "genders",
    /// "credibility_percent", "mass_followers_percent", "source"}
    Audience {
        creator: String,
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Set one platform's average figures from JSON: {"platform", "avg_likes", "avg_comments", "avg_views",
    /// "avg_reach", "avg_impressions", "engagement_rate_percent", "source"}
    Stats {
        creator: String,
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Replace the past partnerships with a JSON list: [{"brand", "date": "2026-03-31", "platform", "outcome", "notes"}]
    Partnerships {
        creator: String,
        #[arg(long = "json", value_name = "FILE")]
        file: PathBuf,
    },
    /// Read a follower history (Date, Followers) or an audience split (Top territories / Gender / Age, Distribution)
    Import {
        creator: String,
        file: PathBuf,
        /// The platform a follower history is for [default: the creator's largest account]
        #[arg(long)]
        platform: Option<String>,
    },
    /// Record a research checklist item: content_quality, audience_demographics, past_partnerships,
    /// brand_safety, engagement_authenticity
    #[command(group(ArgGroup::new("answer").required(true).args(["done", "waive", "reopen"])))]
    Check {
        creator: String,
        item: String,
        /// Mark it done, saying what you found
        #[arg(long, value_name = "NOTE")]
        done: Option<String>,
        /// A link to the evidence (with --done)
        #[arg(long, value_name = "URL", requires = "done")]
        evidence: Option<String>,
        /// Waive it, saying why
        #[arg(long, value_name = "REASON")]
        waive: Option<String>,
        /// Set it back to open
        #[arg(long)]
        reopen: bool,
    },
}

#[derive(Subcommand)]
pub enum TiersCommand {
    /// The follower counts at which tiers start
    Show {
        #[arg(long)]
        json: bool,
    },
    /// Change where tiers start (the others keep their value)
    Set {
        #[arg(long)]
        nano: Option<u64>,
        #[arg(long)]
        micro: Option<u64>,
        #[arg(long)]
        mid: Option<u64>,
        #[arg(long = "macro")]
        macro_: Option<u64>,
        #[arg(long)]
        mega: Option<u64>,
    },
}

fn message(e: VettingError) -> String {
    match e {
        VettingError::Invalid(errors) => invalid(&errors),
        other => other.to_string(),
    }
}

pub(crate) fn invalid(errors: &[FieldError]) -> String {
    let lines: Vec<String> = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect();
    format!("nothing was saved:\n  {}", lines.join("\n  "))
}

/// Reads a JSON file (or standard input for `-`) into `T`, saying where it is wrong.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, String> {
    let text = if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| e.to_string())?;
        text
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?
    };
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))
}

pub fn brands(store: &Store, command: BrandsCommand) -> Result<(), String> {
    match command {
        BrandsCommand::List { json } => {
            let brands = vetting::list_brands(store).map_err(message)?;
            if json {
                return print_json(&brands);
            }
            if brands.is_empty() {
                println!("No brand profiles yet. Add one with `brands add --json FILE`.");
            }
            for brand in &brands {
                println!("{}  {}  ({} shortlisted)", brand.id, brand.name, brand.shortlist.len());
            }
            Ok(())
        }
        BrandsCommand::Show { brand_id, json } => {
            let brand = vetting::get_brand(store, &brand_id).map_err(message)?;
            if json {
                return print_json(&brand);
            }
            print_brand(&brand);
            Ok(())
        }
        BrandsCommand::Add { file } => {
            let draft: BrandDraft = read_json(&file)?;
            let brand = vetting::add_brand(store, &draft).map_err(message)?;
            println!("Added {} ({})", brand.name, brand.id);
            Ok(())
        }
        BrandsCommand::Edit { brand_id, file } => {
            let draft: BrandDraft = read_json(&file)?;
            let brand = vetting::update_brand(store, &brand_id, &draft).map_err(message)?;
            println!("Saved {} ({})", brand.name, brand.id);
            Ok(())
        }
        BrandsCommand::Remove { brand_id } => {
            vetting::remove_brand(store, &brand_id).map_err(message)?;
            println!("Removed brand {brand_id}");
            Ok(())
        }
        BrandsCommand::Shortlist { brand_id, json } => {
            let cards = vetting::shortlist(store, &brand_id, Local::now().date_naive()).map_err(message)?;
            if json {
                let cards: Vec<&Scorecard> = cards.iter().map(|(_, card)| card).collect();
                return print_json(&cards);
            }
            if cards.is_empty() {
                println!("The shortlist is empty. Add creators with `brands shortlist-add BRAND_ID CREATOR`.");
            }
            for (entry, card) in &cards {
                let score = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.0}"));
                println!(
                    "{:<24} fit {:>3}  alignment {:>3}  {:<16} {} red flag(s){}",
                    card.influencer.name,
                    score(card.audience_fit.value),
                    score(card.alignment.value),
                    card.verdict.kind.label(),
                    card.red_flags.flags.len(),
                    if entry.chosen_at.is_some() { "  chosen" } else { "" }
                );
            }
            Ok(())
        }
        BrandsCommand::ShortlistAdd { brand_id, creator } => {
            let influencer = roster::find(store, &creator).map_err(|e| e.to_string())?;
            let brand = vetting::shortlist_add(store, &brand_id, &influencer.id.to_string()).map_err(message)?;
            println!("{} is on {}'s shortlist", influencer.name, brand.name);
            Ok(())
        }
        BrandsCommand::ShortlistRemove { brand_id, creator } => {
            let influencer = roster::find(store, &creator).map_err(|e| e.to_string())?;
            let brand = vetting::shortlist_remove(store, &brand_id, &influencer.id.to_string()).map_err(message)?;
            println!("{} is off {}'s shortlist", influencer.name, brand.name);
            Ok(())
        }
    }
}

fn print_brand(brand: &Brand) {
    let list = |items: &[String]| {
        if items.is_empty() {
            "—".to_string()
        } else {
            items.join(", ")
        }
    };
    let shares = |items: &[vetting::brand::Weighted]| {
        if items.is_empty() {
            "—".to_string()
        } else {
            items
                .iter()
                .map(|w| format!("{} {:.0} %", w.key, w.weight * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    println!("{}  ({})", brand.name, brand.id);
    println!("  values and topics: {}", list(&brand.values));
    println!("  target countries:  {}", shares(&brand.audience.countries));
    println!("  target ages:       {}", shares(&brand.audience.age_bands));
    println!("  target genders:    {}", shares(&brand.audience.genders));
    println!("  interests:         {}", list(&brand.audience.interests));
    println!("  excluded topics:   {}", list(&brand.excluded_topics));
    println!("  competitors:       {}", list(&brand.competitors));
    println!("  markets:           {}", list(&brand.markets));
}

fn print_dossier(dossier: &partnerly_core::vetting::dossier::Dossier) {
    use partnerly_core::numbers::{grouped, percent};
    use partnerly_core::vetting::dossier::{CheckState, Share};

    let shares = |list: &[Share]| {
        if list.is_empty() {
            "unknown".to_string()
        } else {
            list.iter()
                .map(|s| format!("{} {:.0} %", s.key, s.share * 100.0))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let audience = &dossier.audience;
    println!(
        "Audience{}",
        if audience.source.is_empty() {
            String::new()
        } else {
            format!(" ({})", audience.source)
        }
    );
    println!("  countries:      {}", shares(&audience.countries));
    if let Some(top) = &audience.top_country {
        println!("  top country:    {top}");
    }
    println!("  ages:           {}", shares(&audience.age_bands));
    println!("  genders:        {}", shares(&audience.genders));
    println!(
        "  credibility:    {}",
        audience.credibility.map_or("unknown".into(), percent)
    );
    println!(
        "  mass followers: {}",
        audience.mass_followers.map_or("unknown".into(), percent)
    );
    println!("Figures per post");
    for stats in &dossier.stats {
        let parts: Vec<String> = [
            stats.avg_likes.map(|v| format!("{} likes", grouped(v as u64))),
            stats.avg_comments.map(|v| format!("{} comments", grouped(v as u64))),
            stats.avg_views.map(|v| format!("{} views", grouped(v as u64))),
            stats
                .avg_engagements
                .map(|v| format!("{} engagements", grouped(v as u64))),
            stats
                .imported_rate
                .map(|r| format!("{} engagement (imported)", percent(r))),
        ]
        .into_iter()
        .flatten()
        .collect();
        let platform = stats.platform.map_or("account", |p| p.label());
        println!("  {platform}: {}", parts.join(", "));
    }
    for history in &dossier.histories {
        println!(
            "Follower history, {}: {} days from {}",
            history.platform.label(),
            history.points.len(),
            history.source
        );
    }
    for past in &dossier.past_partnerships {
        println!("Past partnership: {} {} {}", past.date, past.brand, past.outcome);
    }
    for entry in dossier.checklist_state() {
        let state = match entry.state {
            CheckState::Open => "open",
            CheckState::Done { .. } => "done",
            CheckState::Waived { .. } => "waived",
        };
        println!("[{state}] {}", entry.item.label());
    }
}

pub fn vet(store: &Store, args: VetArgs) -> Result<(), String> {
    let card = vetting::scorecard_for(store, &args.brand, &args.creator, Local::now().date_naive()).map_err(message)?;
    if let Some(path) = &args.pdf {
        let bytes = partnerly_report::scorecard_pdf(&card).map_err(|e| e.to_string())?;
        partnerly_report::write_pdf(path, &bytes).map_err(|e| e.to_string())?;
        if !args.json {
            println!("Wrote the scorecard of {} to {}", card.influencer.name, path.display());
            return Ok(());
        }
    }
    if args.json {
        return print_json(&card);
    }
    crate::scorecard_text::print(&card);
    Ok(())
}

pub fn dossier(store: &Store, command: DossierCommand) -> Result<(), String> {
    let id_of = |creator: &str| {
        roster::find(store, creator)
            .map(|i| i.id.to_string())
            .map_err(|e| e.to_string())
    };
    match command {
        DossierCommand::Show { creator, json } => {
            let dossier = vetting::dossier(store, &id_of(&creator)?).map_err(message)?;
            if json {
                return print_json(&dossier);
            }
            print_dossier(&dossier);
            Ok(())
        }
        DossierCommand::Audience { creator, file } => {
            let draft: AudienceDraft = read_json(&file)?;
            vetting::set_audience(store, &id_of(&creator)?, &draft).map_err(message)?;
            println!("Saved the audience of {creator}");
            Ok(())
        }
        DossierCommand::Stats { creator, file } => {
            let draft: AccountStatsDraft = read_json(&file)?;
            vetting::set_account_stats(store, &id_of(&creator)?, &draft).map_err(message)?;
            println!("Saved the figures of {creator}");
            Ok(())
        }
        DossierCommand::Partnerships { creator, file } => {
            let drafts: Vec<PastPartnershipDraft> = read_json(&file)?;
            let dossier = vetting::set_past_partnerships(store, &id_of(&creator)?, &drafts).map_err(message)?;
            println!(
                "Saved {} past partnership(s) of {creator}",
                dossier.past_partnerships.len()
            );
            Ok(())
        }
        DossierCommand::Import {
            creator,
            file,
            platform,
        } => {
            let platform = match platform {
                Some(text) => {
                    Some(Platform::parse(&text).ok_or_else(|| format!("--platform '{text}' is not a platform"))?)
                }
                None => None,
            };
            let (_, summary) =
                vetting::import_audience_file(store, &id_of(&creator)?, &file, platform).map_err(message)?;
            println!("Read {} {} row(s) from {}", summary.rows, summary.kind, file.display());
            Ok(())
        }
        DossierCommand::Check {
            creator,
            item,
            done,
            evidence,
            waive,
            reopen,
        } => {
            let which = CheckItem::parse(&item).ok_or_else(|| {
                let names: Vec<&str> = CheckItem::ALL.iter().map(|i| i.key()).collect();
                format!("'{item}' is not a checklist item; use one of {}", names.join(", "))
            })?;
            let draft = match (done, waive, reopen) {
                (Some(note), _, _) => CheckDraft::Done {
                    note,
                    evidence: evidence.unwrap_or_default(),
                },
                (_, Some(reason), _) => CheckDraft::Waived { reason },
                _ => CheckDraft::Open,
            };
            vetting::set_check(
                store,
                &id_of(&creator)?,
                which,
                &draft,
                &partnerly_core::identity::your_name(store),
            )
            .map_err(message)?;
            println!("{}: {}", which.label(), if reopen { "open" } else { "recorded" });
            Ok(())
        }
    }
}

pub fn tiers(store: &Store, command: TiersCommand) -> Result<(), String> {
    match command {
        TiersCommand::Show { json } => {
            let tiers = roster::tier_boundaries(store).map_err(|e| e.to_string())?;
            if json {
                return print_json(&tiers);
            }
            println!(
                "nano from {}, micro from {}, mid from {}, macro from {}, mega from {} followers",
                tiers.nano, tiers.micro, tiers.mid, tiers.r#macro, tiers.mega
            );
            Ok(())
        }
        TiersCommand::Set {
            nano,
            micro,
            mid,
            macro_,
            mega,
        } => {
            let now = roster::tier_boundaries(store).map_err(|e| e.to_string())?;
            let wanted = TierBoundaries {
                nano: nano.unwrap_or(now.nano),
                micro: micro.unwrap_or(now.micro),
                mid: mid.unwrap_or(now.mid),
                r#macro: macro_.unwrap_or(now.r#macro),
                mega: mega.unwrap_or(now.mega),
            };
            roster::set_tier_boundaries(store, wanted).map_err(|e| match e {
                roster::RosterError::Invalid(errors) => invalid(&errors),
                other => other.to_string(),
            })?;
            println!("Saved the tier boundaries");
            Ok(())
        }
    }
}
