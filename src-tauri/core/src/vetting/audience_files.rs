//! Reading the audience files platforms export: a follower history (TikTok
//! Studio's `FollowerHistory.csv`: Date, Followers, ...) and audience splits
//! (`FollowerTopTerritories.csv`, `FollowerGender.csv`, age groups), told
//! apart by their headers.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::dossier::{FollowerPoint, Share};
use super::drafts::{age_band, gender};
use crate::country;
use crate::import::columns::normalise_header;
use crate::import::decode;
use crate::import::dialect;
use crate::import::values::{parse_count, parse_rate, RateScale};

/// What a file held.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "rows", rename_all = "snake_case")]
pub enum AudienceFile {
    FollowerHistory(Vec<FollowerPoint>),
    Countries(Vec<Share>),
    Genders(Vec<Share>),
    AgeBands(Vec<Share>),
}

/// Files this large are not audience exports (a year of daily history is
/// about 10 KB).
const MAX_BYTES: u64 = 20 * 1024 * 1024;

pub fn read_audience_file(path: &Path, today: NaiveDate) -> Result<AudienceFile, String> {
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {name}: {e}"))?
        .len();
    if size > MAX_BYTES {
        return Err(format!(
            "{name} is {} MB, too large for an audience export",
            size / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    parse_audience_file(&bytes, today).map_err(|why| format!("{name}: {why}"))
}

/// The parsing behind `read_audience_file`, on bytes (for tests and fuzzing).
pub fn parse_audience_file(bytes: &[u8], today: NaiveDate) -> Result<AudienceFile, String> {
    let encoding = decode::detect(bytes, true).map_err(|e| match e {
        decode::NotText::Empty => "the file is empty".to_string(),
        decode::NotText::Binary => "this is not a text (CSV) file".to_string(),
    })?;
    let text = decode::decode_sample(bytes, encoding);
    let layout = dialect::detect(&text, true);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(layout.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("line {}: {e}", n + 1))?;
        rows.push((n + 1, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    let header_at = layout.header_record;
    let header: Vec<String> = rows
        .get(header_at)
        .map(|(_, cells)| cells.iter().map(|c| normalise_header(c)).collect())
        .ok_or("the file has no header row")?;
    let data = &rows[header_at + 1..];
    let column = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));

    let share_column = column(&["distribution", "share", "percent", "percentage", "%"]);
    if let (Some(date), Some(followers)) = (column(&["date", "day"]), column(&["followers", "follower count"])) {
        return history(data, date, followers, today).map(AudienceFile::FollowerHistory);
    }
    if let (Some(key), Some(share)) = (
        column(&["top territories", "territories", "territory", "country", "countries"]),
        share_column,
    ) {
        let resolve = |text: &str| country::resolve(text).map(|c| c.code.to_string());
        return shares(data, key, share, resolve, "a country").map(AudienceFile::Countries);
    }
    if let (Some(key), Some(share)) = (column(&["gender", "genders"]), share_column) {
        return shares(data, key, share, gender, "a gender").map(AudienceFile::Genders);
    }
    if let (Some(key), Some(share)) = (
        column(&["age", "age range", "age group", "age band", "ages"]),
        share_column,
    ) {
        return shares(data, key, share, age_band, "an age band").map(AudienceFile::AgeBands);
    }
    Err(format!(
        "the header ({}) is not a follower history (Date, Followers) or an audience split (Top territories, Gender or Age, with Distribution)",
        rows[header_at].1.join(", ")
    ))
}

fn cell(cells: &[String], index: usize) -> &str {
    cells.get(index).map_or("", String::as_str)
}

/// Cells exports write for "no value".
fn is_blank(text: &str) -> bool {
    text.is_empty() || text.eq_ignore_ascii_case("undefined") || text == "-"
}

enum Day {
    Full(NaiveDate),
    /// "August 31": month and day, the year to be worked out.
    YearLess(u32, u32),
}

fn parse_day(text: &str) -> Option<Day> {
    for format in [
        "%Y-%m-%d",
        "%m/%d/%Y",
        "%d.%m.%Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
    ] {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(Day::Full(date));
        }
    }
    // chrono needs a year to parse a date; 2000 is a leap year, so 29 February reads.
    for format in ["%B %d %Y", "%b %d %Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(&format!("{text} 2000"), format) {
            return Some(Day::YearLess(date.month(), date.day()));
        }
    }
    None
}

fn history(
    data: &[(usize, Vec<String>)],
    date_at: usize,
    followers_at: usize,
    today: NaiveDate,
) -> Result<Vec<FollowerPoint>, String> {
    let mut days = Vec::new();
    for (line, cells) in data {
        let (date, followers) = (cell(cells, date_at), cell(cells, followers_at));
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let day = parse_day(date).ok_or_else(|| format!("line {line}: '{date}' is not a date"))?;
        if is_blank(followers) {
            continue;
        }
        let count = parse_count(followers)
            .map_err(|why| format!("line {line}: the followers '{followers}' {why}"))?
            .ok_or_else(|| format!("line {line}: no follower count"))?;
        days.push((*line, day, count));
    }
    // Year-less dates run oldest to newest and end on or before today:
    // walking back from the end, the year drops whenever the month-day rises.
    let mut year = today.year();
    let mut later: Option<(u32, u32)> = None;
    let mut points = Vec::with_capacity(days.len());
    for (line, day, followers) in days.into_iter().rev() {
        let date = match day {
            Day::Full(date) => date,
            Day::YearLess(month, day_of_month) => {
                let limit = later.unwrap_or((today.month(), today.day()));
                if (month, day_of_month) > limit {
                    year -= 1;
                }
                later = Some((month, day_of_month));
                NaiveDate::from_ymd_opt(year, month, day_of_month)
                    .ok_or_else(|| format!("line {line}: {month}/{day_of_month} is not a day in {year}"))?
            }
        };
        points.push(FollowerPoint { date, followers });
    }
    points.sort_by_key(|p| p.date);
    points.dedup_by_key(|p| p.date);
    if points.is_empty() {
        return Err("it has no dated follower counts".into());
    }
    Ok(points)
}

fn shares(
    data: &[(usize, Vec<String>)],
    key_at: usize,
    share_at: usize,
    resolve: impl Fn(&str) -> Option<String>,
    what: &str,
) -> Result<Vec<Share>, String> {
    let mut cells = Vec::new();
    for (line, row) in data {
        let (key, share) = (cell(row, key_at), cell(row, share_at));
        if is_blank(key) || is_blank(share) {
            continue;
        }
        let rate = parse_rate(share)
            .map_err(|why| format!("line {line}: the share '{share}' {why}"))?
            .ok_or_else(|| format!("line {line}: no share"))?;
        cells.push((*line, key, rate));
    }
    let scale = RateScale::of_column(cells.iter().map(|(_, _, rate)| rate));
    let mut out: Vec<Share> = Vec::new();
    for (line, key, rate) in cells {
        // "Others" is the rest of the audience: not a place or a group.
        if key.eq_ignore_ascii_case("others") || key.eq_ignore_ascii_case("other countries") {
            continue;
        }
        let resolved = resolve(key).ok_or_else(|| format!("line {line}: '{key}' is not {what} Partnerly knows"))?;
        let share = scale.to_fraction(rate);
        match out.iter_mut().find(|s| s.key == resolved) {
            Some(existing) => existing.share += share,
            None => out.push(Share { key: resolved, share }),
        }
    }
    let total: f64 = out.iter().map(|s| s.share).sum();
    if total > 1.005 {
        return Err(format!(
            "the shares add up to {:.1} %, more than the whole audience",
            total * 100.0
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        "2026-11-24".parse().unwrap()
    }

    #[test]
    fn tiktok_follower_history_without_years_ends_this_year() {
        let file = "\"Date\",\"Followers\",\"Difference in followers from previous day\"\n\
                    \"December 30\",\"1,000\",\"0\"\n\"December 31\",\"1,010\",\"10\"\n\
                    \"January 1\",\"1,030\",\"20\"\n\"November 24\",\"2,000\",\"5\"\n";
        let AudienceFile::FollowerHistory(points) = parse_audience_file(file.as_bytes(), today()).unwrap() else {
            panic!("not read as a history");
        };
        let dates: Vec<String> = points.iter().map(|p| p.date.to_string()).collect();
        assert_eq!(dates, vec!["2025-12-30", "2025-12-31", "2026-01-01", "2026-11-24"]);
        assert_eq!(points[1].followers, 1_010);
    }

    #[test]
    fn territory_splits_keep_codes_and_drop_others() {
        let file = "Top territories,Distribution\nDE,0.52\nAT,0.2\nOthers,0.28\nundefined,undefined\n";
        let AudienceFile::Countries(shares) = parse_audience_file(file.as_bytes(), today()).unwrap() else {
            panic!("not read as countries");
        };
        assert_eq!(shares.len(), 2);
        assert_eq!(shares[0].key, "DE");
        assert!((shares[1].share - 0.2).abs() < 1e-12);

        let percents = "Gender;Distribution\nFemale;71%\nMale;27%\nOther;2%\n";
        let AudienceFile::Genders(shares) = parse_audience_file(percents.as_bytes(), today()).unwrap() else {
            panic!("not read as genders");
        };
        assert!((shares[0].share - 0.71).abs() < 1e-12);
    }

    #[test]
    fn mistakes_name_the_line() {
        let bad_date = "Date,Followers\n2026-01-01,100\nyesterday,120\n";
        assert_eq!(
            parse_audience_file(bad_date.as_bytes(), today()).unwrap_err(),
            "line 3: 'yesterday' is not a date"
        );
        let bad_country = "Country,Share\nDE,50%\nAtlantis,10%\n";
        assert_eq!(
            parse_audience_file(bad_country.as_bytes(), today()).unwrap_err(),
            "line 3: 'Atlantis' is not a country Partnerly knows"
        );
        let unknown = "Name,Handle\nMara,@mara\n";
        assert!(parse_audience_file(unknown.as_bytes(), today())
            .unwrap_err()
            .starts_with("the header (Name, Handle) is not a follower history"));
    }
}
