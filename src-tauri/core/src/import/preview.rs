//! Looking at a file before importing it: how it was read, what each column
//! holds, which platform its handles are on, and its first rows as they
//! will be stored.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{map_header, Field};
use super::rows::{read_row, RowOutcome, RowWarning};
use super::run::{describe_delimiter, sniff, ImportError, Rows};
use crate::roster::Platform;

/// Rows shown in a preview.
const PREVIEW_ROWS: usize = 20;

/// What a file looks like to the importer, before anything is imported.
#[derive(Debug, Clone, Serialize, TS)]
pub struct FilePreview {
    /// "UTF-8 (with BOM)", "UTF-16LE (with BOM)", "windows-1252", ...
    pub encoding: String,
    /// ",", ";", "tab" or "|".
    pub delimiter: String,
    /// The line the header row is on.
    pub header_line: u32,
    pub header: Vec<String>,
    /// A field for each column, as recognised from the header.
    pub mapping: Vec<Option<Field>>,
    /// Whether the file has handles without a platform column: the person
    /// then says which platform its accounts are on.
    pub asks_platform: bool,
    /// The platform guessed from the file's name or header ("tiktok_list.csv").
    pub platform: Option<Platform>,
    /// The first rows, as they are in the file.
    pub rows: Vec<Vec<String>>,
    /// The same rows as they will be stored, with `mapping`.
    pub stored: Vec<StoredRow>,
}

/// A preview row as the importer reads it: what it will store, or why not.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StoredRow {
    Creator {
        name: Option<String>,
        accounts: Vec<StoredAccount>,
        email: Option<String>,
        country: Option<String>,
        niches: Vec<String>,
        /// Cells left empty, and why.
        warnings: Vec<CellWarning>,
    },
    /// A blank or "Total" row.
    Skipped,
    Rejected {
        reason: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StoredAccount {
    pub platform: crate::roster::Platform,
    pub handle: String,
    #[ts(type = "number | null")]
    pub followers: Option<u64>,
}

/// A cell of a kept row that was left empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellWarning {
    /// The column's header as the file writes it.
    pub column: String,
    pub reason: String,
}

fn column_name(header: &[String], column: usize) -> String {
    match header.get(column) {
        Some(name) if !name.trim().is_empty() => name.split_whitespace().collect::<Vec<_>>().join(" "),
        _ => format!("column {}", column + 1),
    }
}

pub(super) fn cell_warnings(header: &[String], warnings: Vec<RowWarning>) -> impl Iterator<Item = CellWarning> + '_ {
    warnings.into_iter().map(|w| CellWarning {
        column: column_name(header, w.column),
        reason: w.reason,
    })
}

/// `rows` (from a preview) as they will be stored with `mapping`, with
/// `platform` for handles that do not say theirs.
pub fn stored_rows(
    header: &[String],
    rows: &[Vec<String>],
    mapping: &[Option<Field>],
    platform: Option<Platform>,
) -> Vec<StoredRow> {
    rows.iter()
        .map(|cells| match read_row(cells, mapping, platform) {
            RowOutcome::Creator(row) => StoredRow::Creator {
                name: row.name,
                accounts: row
                    .accounts
                    .into_iter()
                    .map(|(platform, handle, followers)| StoredAccount {
                        platform,
                        handle,
                        followers,
                    })
                    .collect(),
                email: row.email,
                country: row.country,
                niches: row.niches,
                warnings: cell_warnings(header, row.warnings).collect(),
            },
            RowOutcome::Skip => StoredRow::Skipped,
            RowOutcome::Reject(reason) => StoredRow::Rejected { reason },
        })
        .collect()
}

/// Looks at a file without importing anything.
pub fn preview(path: &Path) -> Result<FilePreview, ImportError> {
    let sniffed = sniff(path)?;
    let mut rows = Rows::open(path, &sniffed)?;
    let header_line = rows.line_of_record() as u32;
    let mut sample = Vec::new();
    while sample.len() < PREVIEW_ROWS {
        match rows.next(path)? {
            Some((_, cells)) if cells.iter().any(|c| !c.trim().is_empty()) => sample.push(cells),
            Some(_) => {}
            None => break,
        }
    }
    let mapping = map_header(&sniffed.dialect.header);
    let (asks_platform, platform) = platform_of(path, &sniffed.dialect.header, &mapping);
    Ok(FilePreview {
        encoding: sniffed.encoding.describe(),
        delimiter: describe_delimiter(sniffed.dialect.delimiter),
        header_line,
        stored: stored_rows(&sniffed.dialect.header, &sample, &mapping, platform),
        asks_platform,
        platform,
        mapping,
        header: sniffed.dialect.header,
        rows: sample,
    })
}

impl FilePreview {
    /// The preview under another mapping (one remembered for this header, or
    /// given on the command line): whether it asks for a platform, the
    /// platform guessed, and the rows as stored follow it.
    pub fn remap(&mut self, path: &Path, mapping: Vec<Option<Field>>) {
        (self.asks_platform, self.platform) = platform_of(path, &self.header, &mapping);
        self.stored = stored_rows(&self.header, &self.rows, &mapping, self.platform);
        self.mapping = mapping;
    }
}

/// Whether the file must say its platform under `mapping`, and the guess.
fn platform_of(path: &Path, header: &[String], mapping: &[Option<Field>]) -> (bool, Option<Platform>) {
    let asks = asks_platform(mapping);
    (asks, asks.then(|| guess_platform(path, header)).flatten())
}

/// A handle column and no platform column: the file's platform must be said.
fn asks_platform(mapping: &[Option<Field>]) -> bool {
    mapping.contains(&Some(Field::Handle)) && !mapping.contains(&Some(Field::Platform))
}

/// The one platform a file's name or header names ("TikTok creators.csv",
/// "insta_list.csv", "Username (YouTube)"); `None` when none or several do.
pub fn guess_platform(path: &Path, header: &[String]) -> Option<Platform> {
    let name = path
        .file_stem()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let words = std::iter::once(name.as_str())
        .chain(header.iter().map(String::as_str))
        .flat_map(|text| {
            text.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        });
    let mut found: Vec<Platform> = Vec::new();
    for word in words {
        let platform = match word.as_str() {
            "instagram" | "insta" | "ig" | "instagrammer" => Platform::Instagram,
            "tiktok" | "tiktoker" | "tiktokers" => Platform::Tiktok,
            "youtube" | "yt" | "youtuber" | "youtubers" => Platform::Youtube,
            "twitter" => Platform::X,
            "twitch" => Platform::Twitch,
            "facebook" | "fb" => Platform::Facebook,
            "linkedin" => Platform::Linkedin,
            "pinterest" => Platform::Pinterest,
            "snapchat" => Platform::Snapchat,
            "threads" => Platform::Threads,
            _ => continue,
        };
        if !found.contains(&platform) {
            found.push(platform);
        }
    }
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}
