//! `metrics import`, `kpis` and `report`: a campaign's figures headless.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use clap::{Args, Subcommand};
use partnerly_core::metrics::dashboard::{self, Dashboard};
use partnerly_core::metrics::files;
use partnerly_core::store::Store;

#[derive(Subcommand)]
pub enum MetricsCommand {
    /// Read a post export (Meta Business Suite, TikTok, YouTube Studio or a
    /// sheet) and store the rows that match the campaign's posts. Rows that
    /// match no post and rows that cannot be read are listed, not stored.
    Import {
        file: PathBuf,
        /// The campaign's id
        #[arg(long)]
        campaign: String,
        /// The day the figures hold for, when the file does not say
        /// (YYYY-MM-DD) [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print matched, unmatched and rejected rows as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
pub struct KpisArgs {
    /// The campaign's id
    campaign: String,
    /// Only this partnership's posts
    #[arg(long, value_name = "PARTNERSHIP_ID")]
    partnership: Option<String>,
    /// Print the whole dashboard (without charts) as JSON
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct ReportArgs {
    /// The campaign's id
    campaign: String,
    /// Where to write the PDF
    #[arg(long, value_name = "FILE")]
    pdf: PathBuf,
}

fn day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("--as-of '{text}' is not a date like 2026-03-31"))
}

pub fn metrics(store: &Store, command: MetricsCommand) -> Result<(), String> {
    let MetricsCommand::Import {
        file,
        campaign,
        as_of,
        json,
    } = command;
    let today = Local::now().date_naive();
    let as_of = as_of.as_deref().map(day).transpose()?.unwrap_or(today);
    let read = files::read_file(store, &campaign, &file, as_of, today).map_err(|e| e.to_string())?;
    let outcome = files::apply(store, &read, &[], today).map_err(|e| e.to_string())?;
    if json {
        let matched: Vec<_> = read.rows.iter().filter(|r| r.matched.is_some()).collect();
        let out = serde_json::json!({
            "source": read.source,
            "stored": { "readings": outcome.readings, "posts": outcome.posts },
            "matched": matched,
            "unmatched": outcome.unassigned,
            "rejected": outcome.rejected,
        });
        println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    println!(
        "{} ({}): stored {} reading(s) for {} post(s).",
        read.file, read.source, outcome.readings, outcome.posts
    );
    for row in &outcome.unassigned {
        println!(
            "  line {}: not stored, {}",
            row.line,
            row.unmatched_because.as_deref().unwrap_or("matched no post")
        );
    }
    for rejection in &outcome.rejected {
        println!("  line {}: rejected, {}", rejection.line, rejection.reason);
    }
    Ok(())
}

pub fn kpis(store: &Store, args: KpisArgs) -> Result<(), String> {
    let today = Local::now().date_naive();
    let view =
        dashboard::dashboard(store, &args.campaign, args.partnership.as_deref(), today).map_err(|e| e.to_string())?;
    if args.json {
        let view = dashboard::without_charts(view);
        println!("{}", serde_json::to_string_pretty(&view).map_err(|e| e.to_string())?);
        return Ok(());
    }
    print_text(&view);
    Ok(())
}

fn print_text(view: &Dashboard) {
    println!("{} — as of {}, {} reading(s)", view.title, view.today, view.readings);
    for figure in &view.figures {
        if figure.formula.is_empty() {
            println!("  {:<28} {}", figure.label, figure.shown);
        } else {
            println!("  {:<28} {}  ({})", figure.label, figure.shown, figure.formula);
        }
    }
    if !view.sales.is_empty() {
        println!();
        println!("  Sales by discount code");
        for sales in &view.sales {
            let revenue: Vec<String> = sales.revenue.iter().map(|m| m.to_text()).collect();
            match &sales.problem {
                Some(problem) => println!("  {} · {}: {problem}", sales.code, sales.creator),
                None => println!(
                    "  {} · {}: {} order(s){}",
                    sales.code,
                    sales.creator,
                    sales.orders,
                    if revenue.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", revenue.join(" + "))
                    }
                ),
            }
        }
        println!("  {}", view.sales_rule);
    }
    println!();
    for kpi in &view.kpis {
        let how = match (&kpi.worked, &kpi.missing) {
            (Some(worked), _) => format!("= {worked}"),
            (None, Some(why)) => format!("({why})"),
            _ => String::new(),
        };
        println!("  {:<28} {:>14}  {}", kpi.label, kpi.shown, how);
    }
    if !view.targets.is_empty() {
        println!();
        for target in &view.targets {
            println!("  [{}] {}", target.pace.label(), target.sentence);
        }
    }
    if let Some(emv) = &view.emv {
        println!();
        println!("  {}: {}", emv.formula, emv.worked.as_deref().unwrap_or("no views yet"));
        println!("  {}", emv.note);
    }
    for note in &view.notes {
        println!("  Note: {note}");
    }
}

pub fn report(store: &Store, args: ReportArgs) -> Result<(), String> {
    let today = Local::now().date_naive();
    let view = dashboard::dashboard(store, &args.campaign, None, today).map_err(|e| e.to_string())?;
    let compliance = partnerly_core::metrics::compliance::published(store, &view).map_err(|e| e.to_string())?;
    let bytes = partnerly_report::campaign_pdf(&view, &compliance).map_err(|e| e.to_string())?;
    partnerly_report::write_pdf(&args.pdf, &bytes).map_err(|e| e.to_string())?;
    println!("Wrote the summary of {} to {}", view.title, args.pdf.display());
    Ok(())
}
