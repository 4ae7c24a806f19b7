//! Post-level exports into readings: Meta Business Suite (Instagram and
//! Facebook posts), TikTok per-video files, YouTube Studio's table export and
//! hand-kept sheets. Files go through the roster importer's decoding and
//! layout detection (`import::run::read_table`); columns are recognised from
//! `data/post_columns.tsv`.
//!
//! Each row is matched to one of the campaign's posts by its link (any link
//! form of the same post), by YouTube video id, or by account and publishing
//! day. Rows that match nothing are kept for the person to assign; rows that
//! cannot be read are listed with their line and why. Nothing is written
//! until `apply`, which writes every reading in one atomic batch.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{NaiveDate, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::posts::post_links;
use super::readings::{check_day, load, merge_all, parse_value};
use super::{Measure, MetricsError, Post, Reading, Values};
use crate::campaign;
use crate::import::columns::{alias_table, leftmost, normalise_header};
use crate::import::run::{read_table, Rejection};
use crate::store::Store;

const TABLE: &str = include_str!("../../data/post_columns.tsv");
/// Post exports have a row per post; more than this is not one.
const MAX_ROWS: usize = 200_000;

/// What a column of a post export says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "measure", rename_all = "snake_case")]
pub enum PostColumn {
    Permalink,
    /// YouTube Studio's `Content`: the video's id.
    VideoId,
    PostId,
    Account,
    Published,
    /// The day the figures were read, when the file has one per row.
    Day,
    Title,
    Figure(Measure),
}

impl PostColumn {
    fn parse(name: &str) -> Option<PostColumn> {
        Some(match name {
            "permalink" => PostColumn::Permalink,
            "video_id" => PostColumn::VideoId,
            "post_id" => PostColumn::PostId,
            "account" => PostColumn::Account,
            "published" => PostColumn::Published,
            "day" => PostColumn::Day,
            "title" => PostColumn::Title,
            other => PostColumn::Figure(Measure::parse(other)?),
        })
    }
}

pub fn column_of(header: &str) -> Option<PostColumn> {
    static ALIASES: OnceLock<HashMap<String, PostColumn>> = OnceLock::new();
    ALIASES
        .get_or_init(|| alias_table(TABLE, PostColumn::parse))
        .get(&normalise_header(header))
        .copied()
}

/// Each column's meaning; each taken by its leftmost column only.
pub fn map_header(header: &[String]) -> Vec<Option<PostColumn>> {
    leftmost(header, column_of)
}

/// Which tool's export it looks like, from its header.
fn source_of(header: &[String]) -> &'static str {
    let has = |name: &str| header.iter().any(|h| normalise_header(h) == name);
    if has("permalink") && has("account username") {
        "Meta Business Suite post export"
    } else if has("video link") || has("total views") || has("enlace del video") {
        "TikTok per-video export"
    } else if has("content") && has("video title") {
        "YouTube Studio table export"
    } else {
        "sheet"
    }
}

/// A date as exports write it: `2026-09-20`, `09/20/2026 14:05` (Meta's US
/// order), `Sep 20, 2026` (YouTube), `20.09.2026`, with or without a time.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_matches('"');
    if text.is_empty() {
        return None;
    }
    const DAYS: [&str; 8] = [
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d %b %Y",
        "%d %B %Y",
        "%d.%m.%Y",
        "%Y/%m/%d",
    ];
    const TIMES: [&str; 4] = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%m/%d/%Y %H:%M",
    ];
    DAYS.iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .or_else(|| {
            TIMES
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok().map(|t| t.date()))
        })
        .or_else(|| {
            // ISO times with a zone or fractions: the day is the first ten characters.
            text.get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        })
}

/// One row of a metrics file, read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileRow {
    #[ts(type = "number")]
    pub line: u64,
    /// The post's title, caption or link, to recognise it by.
    pub label: String,
    pub link: Option<String>,
    pub account: Option<String>,
    pub published: Option<NaiveDate>,
    /// The day the figures hold for.
    pub on: NaiveDate,
    pub values: Values,
    pub matched: Option<Post>,
    /// Why it matched nothing, for the person assigning it.
    pub unmatched_because: Option<String>,
}

/// A metrics file as read against one campaign, before anything is stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MetricsFile {
    pub file: String,
    /// "Meta Business Suite post export", "sheet", ...
    pub source: String,
    pub campaign_id: Uuid,
    pub encoding: String,
    pub delimiter: String,
    pub header: Vec<String>,
    pub mapping: Vec<Option<PostColumn>>,
    /// Rows read (matched or waiting to be assigned).
    pub rows: Vec<FileRow>,
    pub rejected: Vec<Rejection>,
    /// The campaign's posts, for assigning unmatched rows.
    pub posts: Vec<Post>,
}

/// Reads `path` against the campaign's posts. `as_of` is the day of the
/// figures for files that do not say (Meta's "Lifetime" exports): usually
/// the day it was exported.
pub fn read_file(
    store: &Store,
    campaign_id: &str,
    path: &Path,
    as_of: NaiveDate,
    today: NaiveDate,
) -> Result<MetricsFile, MetricsError> {
    let campaign = campaign::get(store, campaign_id)?;
    let currency = campaign.budget.currency.clone();
    let table = read_table(path, &|cell| column_of(cell).is_some(), MAX_ROWS)?;
    let mapping = map_header(&table.header);
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if !mapping.iter().any(|c| matches!(c, Some(PostColumn::Figure(_)))) {
        return Err(MetricsError::File(crate::import::run::ImportError::NotATable {
            path: path.to_path_buf(),
            reason: format!(
                "none of its columns is a figure Partnerly reads (views, reach, likes, comments, shares, saves, link clicks, conversions, revenue, costs); the columns are: {}",
                table.header.join(", ")
            ),
        }));
    }
    let posts: Vec<Post> = load(store, &campaign)?.into_iter().map(|(p, _)| p).collect();
    let mut rows = Vec::new();
    let mut rejected = Vec::new();
    for (line, cells) in &table.rows {
        let cell = |column: PostColumn| {
            mapping
                .iter()
                .position(|c| *c == Some(column))
                .and_then(|i| cells.get(i))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
        };
        let first = cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).unwrap_or("");
        if first.eq_ignore_ascii_case("total") || first.eq_ignore_ascii_case("totals") {
            continue;
        }
        let mut values = Values::default();
        let mut problems = Vec::new();
        for (i, column) in mapping.iter().enumerate() {
            let Some(PostColumn::Figure(measure)) = column else {
                continue;
            };
            let text = cells.get(i).map(|c| c.trim()).unwrap_or("");
            match parse_value(*measure, text, &currency) {
                Ok(value) => values.set(*measure, value),
                Err(why) => problems.push(format!("{} '{text}' {why}", table.header[i])),
            }
        }
        let reject = |reason: String| Rejection { line: *line, reason };
        if !problems.is_empty() {
            rejected.push(reject(problems.join("; ")));
            continue;
        }
        if values.is_empty() {
            rejected.push(reject("no figures in this row".into()));
            continue;
        }
        let on = match cell(PostColumn::Day) {
            Some(text) => match parse_day(text) {
                Some(day) => day,
                // Meta writes "Lifetime" there: the totals as of the export.
                None if text.eq_ignore_ascii_case("lifetime") => as_of,
                None => {
                    rejected.push(reject(format!(
                        "the date '{text}' is not a date Partnerly reads (2026-03-31, 03/31/2026 or Mar 31, 2026)"
                    )));
                    continue;
                }
            },
            None => as_of,
        };
        let link = cell(PostColumn::Permalink).map(str::to_string);
        let video = cell(PostColumn::VideoId).map(str::to_string);
        let account = cell(PostColumn::Account).map(|a| a.trim_start_matches('@').to_lowercase());
        let published = cell(PostColumn::Published).and_then(parse_day);
        let label = cell(PostColumn::Title)
            .map(|t| t.chars().take(80).collect())
            .or_else(|| link.clone())
            .or_else(|| video.clone())
            .unwrap_or_else(|| format!("Line {line}"));
        let (matched, unmatched_because) =
            match_post(&posts, link.as_deref(), video.as_deref(), account.as_deref(), published);
        if let Some(post) = &matched {
            if let Err(why) = check_day(on, post, today) {
                rejected.push(reject(format!("{}: {why}", post.describe())));
                continue;
            }
        }
        rows.push(FileRow {
            line: *line,
            label,
            link: link.or(video.map(|v| format!("https://www.youtube.com/watch?v={v}"))),
            account,
            published,
            on,
            values,
            matched,
            unmatched_because,
        });
    }
    Ok(MetricsFile {
        file,
        source: source_of(&table.header).into(),
        campaign_id: campaign.id,
        encoding: table.encoding,
        delimiter: table.delimiter,
        header: table.header,
        mapping,
        rows,
        rejected,
        posts,
    })
}

/// The post a row is about, or why none is.
fn match_post(
    posts: &[Post],
    link: Option<&str>,
    video: Option<&str>,
    account: Option<&str>,
    published: Option<NaiveDate>,
) -> (Option<Post>, Option<String>) {
    let wanted = link
        .and_then(post_links)
        .or_else(|| video.map(|v| format!("youtube:{v}")));
    if let Some(key) = &wanted {
        if let Some(post) = posts.iter().find(|p| post_links(&p.url).as_ref() == Some(key)) {
            return (Some(post.clone()), None);
        }
    }
    if let (Some(account), Some(day)) = (account, published) {
        let same: Vec<&Post> = posts
            .iter()
            .filter(|p| p.handle.as_deref() == Some(account) && (p.published_on - day).num_days().abs() <= 1)
            .collect();
        match same.as_slice() {
            [one] => return (Some((*one).clone()), None),
            [] => {}
            many => {
                return (
                    None,
                    Some(format!(
                        "@{account} published {} of this campaign's posts around {day}; choose which",
                        many.len()
                    )),
                )
            }
        }
    }
    let why = match (wanted, account, published) {
        (Some(_), _, _) => format!(
            "no post of this campaign has the link {}",
            link.or(video).unwrap_or_default()
        ),
        (None, Some(a), Some(d)) => format!("no post of this campaign by @{a} around {d}"),
        (None, Some(a), None) => format!("the row names @{a} but no publishing date to tell the posts apart"),
        _ => "the row has no link, video id or account to recognise the post by".into(),
    };
    (None, Some(why))
}

/// An unmatched row given to a post by the person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Assignment {
    #[ts(type = "number")]
    pub line: u64,
    pub partnership_id: String,
    pub deliverable: u32,
    pub url: String,
}

/// What an import stored and what it left.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MetricsImport {
    pub readings: u32,
    pub posts: u32,
    /// Rows still matched to no post (not stored).
    pub unassigned: Vec<FileRow>,
    pub rejected: Vec<Rejection>,
}

/// Stores the matched rows and the assigned ones in one atomic write.
pub fn apply(
    store: &Store,
    file: &MetricsFile,
    assignments: &[Assignment],
    today: NaiveDate,
) -> Result<MetricsImport, MetricsError> {
    let campaign = campaign::get(store, &file.campaign_id.to_string())?;
    let posts: Vec<Post> = load(store, &campaign)?.into_iter().map(|(p, _)| p).collect();
    let mut incoming = Vec::new();
    let mut unassigned = Vec::new();
    let mut problems = Vec::new();
    for row in &file.rows {
        let assigned = assignments.iter().find(|a| a.line == row.line);
        let post = match (assigned, &row.matched) {
            (Some(a), _) => posts.iter().find(|p| {
                p.partnership_id.to_string() == a.partnership_id && p.deliverable == a.deliverable && p.url == a.url
            }),
            (None, Some(m)) => posts
                .iter()
                .find(|p| p.partnership_id == m.partnership_id && p.deliverable == m.deliverable && p.url == m.url),
            (None, None) => None,
        };
        let Some(post) = post else {
            if assigned.is_some() || row.matched.is_some() {
                problems.push(format!(
                    "line {}: the post it belongs to is no longer on the campaign's timeline",
                    row.line
                ));
            } else {
                unassigned.push(row.clone());
            }
            continue;
        };
        if let Err(why) = check_day(row.on, post, today) {
            problems.push(format!("line {}: {why}", row.line));
            continue;
        }
        incoming.push((
            post.clone(),
            Reading {
                on: row.on,
                values: row.values.clone(),
                currency: campaign.budget.currency.clone(),
                source: file.file.clone(),
                logged_at: Utc::now(),
            },
        ));
    }
    if !problems.is_empty() {
        return Err(MetricsError::NoSuchPost(format!(
            "Nothing was imported from {}: {}.",
            file.file,
            problems.join("; ")
        )));
    }
    let readings = incoming.len() as u32;
    let posts = merge_all(store, incoming)? as u32;
    Ok(MetricsImport {
        readings,
        posts,
        unassigned,
        rejected: file.rejected.clone(),
    })
}
