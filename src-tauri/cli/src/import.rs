//! `partnerly-cli import`: what the window's import preview does, headless:
//! the platform a file's accounts are on, columns mapped by hand, and a dry
//! run that shows the preview and writes nothing.

use std::path::PathBuf;

use clap::Args;
use partnerly_core::import::columns::Field;
use partnerly_core::import::run::{self as import, FilePreview, StoredRow};
use partnerly_core::numbers::grouped;
use partnerly_core::roster::Platform;
use partnerly_core::store::Store;
use serde_json::json;

use crate::print_json;

#[derive(Args)]
pub struct ImportArgs {
    file: PathBuf,
    /// The platform the file's accounts are on, for handles no column or
    /// link places (a TikTok list with a "Username" column)
    #[arg(long, value_name = "NAME")]
    platform: Option<String>,
    /// Read the column headed COLUMN (as the file writes it) as FIELD; may
    /// be given again. Fields: name, handle, platform, profile_url,
    /// followers, engagement_rate, avg_likes, avg_comments, avg_views,
    /// email, country, niches, notes, ignore. With --platform, handle,
    /// followers and engagement_rate are that platform's
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    maps: Vec<String>,
    /// Print what the import would do (encoding, delimiter, header line,
    /// the mapping, the first rows as they would be stored) and write nothing
    #[arg(long)]
    dry_run: bool,
    /// Print JSON: the summary {"imported", "updated", "unchanged",
    /// "rejected": [{"line", "reason"}], "warnings": [{"line", "column", "reason"}]},
    /// or with --dry-run the preview
    #[arg(long)]
    json: bool,
}

fn platform_named(name: &str) -> Result<Platform, String> {
    Platform::parse(name).ok_or_else(|| {
        let known: Vec<&str> = Platform::ALL.iter().map(|p| p.key()).collect();
        format!(
            "'{name}' is not a platform Partnerly knows; use one of {}",
            known.join(", ")
        )
    })
}

/// The preview's mapping with each `--map` applied over it.
fn mapping(preview: &FilePreview, maps: &[String], platform: Option<Platform>) -> Result<Vec<Option<Field>>, String> {
    let mut mapping = preview.mapping.clone();
    let columns = || {
        preview
            .header
            .iter()
            .map(|h| format!("'{h}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for map in maps {
        let (column, field) = map
            .rsplit_once('=')
            .ok_or_else(|| format!("--map '{map}' needs the form COLUMN=FIELD (\"Subs=followers\")"))?;
        let wanted = column.trim();
        let index = preview
            .header
            .iter()
            .position(|h| h.trim() == wanted)
            .or_else(|| {
                preview
                    .header
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(wanted))
            })
            .ok_or_else(|| format!("the file has no column '{wanted}'; its columns are: {}", columns()))?;
        let field = Field::from_name(field).ok_or_else(|| {
            format!(
                "'{}' is not a field Partnerly reads; the fields are: {}",
                field.trim(),
                Field::NAMES.join(", ")
            )
        })?;
        let field = match (field, platform) {
            (Some(Field::Handle), Some(p)) => Some(Field::PlatformHandle(p)),
            (Some(Field::Followers), Some(p)) => Some(Field::PlatformFollowers(p)),
            (Some(Field::EngagementRate), Some(p)) => Some(Field::PlatformEngagementRate(p)),
            (other, _) => other,
        };
        if let Some(field) = field.filter(|f| !f.is_a_figure()) {
            // A field of text is read from one column: the one named here.
            for other in mapping.iter_mut().filter(|f| **f == Some(field)) {
                *other = None;
            }
        }
        mapping[index] = field;
    }
    Ok(mapping)
}

fn stored_words(row: &StoredRow) -> Vec<String> {
    match row {
        StoredRow::Skipped => vec!["skipped (blank or a total)".into()],
        StoredRow::Rejected { reason } => vec![format!("rejected: {reason}")],
        StoredRow::Creator {
            name,
            accounts,
            email,
            country,
            niches,
            warnings,
        } => {
            let accounts: Vec<String> = accounts
                .iter()
                .map(|a| {
                    let followers = a
                        .followers
                        .map_or("followers unknown".into(), |f| grouped(f) + " followers");
                    format!("{} @{} ({followers})", a.platform.label(), a.handle)
                })
                .collect();
            let mut line = format!("{}: {}", name.as_deref().unwrap_or("(no name)"), accounts.join(", "));
            for extra in [email.as_deref(), country.as_deref()].into_iter().flatten() {
                line.push_str(&format!(", {extra}"));
            }
            if !niches.is_empty() {
                line.push_str(&format!(", {}", niches.join("; ")));
            }
            let mut lines = vec![line];
            lines.extend(
                warnings
                    .iter()
                    .map(|w| format!("  warning, {}: {}", w.column, w.reason)),
            );
            lines
        }
    }
}

pub fn run(store: &Store, args: ImportArgs) -> Result<(), String> {
    let mut preview = import::preview(&args.file).map_err(|e| e.to_string())?;
    let given = args.platform.as_deref().map(platform_named).transpose()?;
    preview.remap(&args.file, mapping(&preview, &args.maps, given)?);
    // The file's name or header can say it ("tiktok_creators.csv").
    let platform = given.or(preview.platform);
    if args.dry_run {
        return dry_run(&args, &preview, platform, given.is_some());
    }
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let summary = import::import_file(store, &args.file, Some(preview.mapping), platform, &mut |_| {}, &cancel)
        .map_err(|e| e.to_string())?;
    if args.json {
        return print_json(&summary);
    }
    println!(
        "{}: {} new, {} updated, {} unchanged, {} rejected, {} warning(s)",
        args.file.display(),
        summary.imported,
        summary.updated,
        summary.unchanged,
        summary.rejected.len(),
        summary.warnings.len()
    );
    for rejection in &summary.rejected {
        println!("  line {}: {}", rejection.line, rejection.reason);
    }
    for warning in &summary.warnings {
        println!("  line {}, {}: {}", warning.line, warning.column, warning.reason);
    }
    Ok(())
}

fn dry_run(
    args: &ImportArgs,
    preview: &FilePreview,
    platform: Option<Platform>,
    platform_given: bool,
) -> Result<(), String> {
    let mapping = &preview.mapping;
    let stored = import::stored_rows(&preview.header, &preview.rows, mapping, platform);
    if args.json {
        let columns: Vec<_> = preview
            .header
            .iter()
            .zip(mapping)
            .map(|(column, field)| json!({ "column": column, "field": field }))
            .collect();
        return print_json(&json!({
            "encoding": preview.encoding,
            "delimiter": preview.delimiter,
            "header_line": preview.header_line,
            "platform": platform,
            "mapping": columns,
            "rows": stored,
        }));
    }
    println!("{}", args.file.display());
    println!(
        "  encoding {}, delimiter \"{}\", header on line {}",
        preview.encoding, preview.delimiter, preview.header_line
    );
    match platform {
        Some(p) if platform_given => println!("  accounts without a platform are on {}", p.label()),
        Some(p) => println!(
            "  accounts without a platform are on {} (guessed from the file; --platform to change)",
            p.label()
        ),
        None if preview.asks_platform => {
            println!("  the file's handles do not say their platform: give --platform NAME")
        }
        None => {}
    }
    println!("  columns:");
    // Headers with line breaks inside their quotes are shown on one line.
    let shown: Vec<String> = preview
        .header
        .iter()
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let width = shown.iter().map(|h| h.chars().count()).max().unwrap_or(0);
    for (column, field) in shown.iter().zip(mapping) {
        println!(
            "    {column:<width$}  -> {}",
            field.map_or("(not read)".into(), Field::describe)
        );
    }
    println!("  the first {} row(s) as they would be stored:", stored.len());
    for (n, row) in stored.iter().enumerate() {
        for (i, line) in stored_words(row).into_iter().enumerate() {
            if i == 0 {
                println!("    {:>3}. {line}", n + 1);
            } else {
                println!("         {line}");
            }
        }
    }
    println!("Nothing was written (--dry-run).");
    Ok(())
}
