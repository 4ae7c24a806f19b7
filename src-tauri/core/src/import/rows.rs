//! One data row of a file, read through the column mapping into what it says
//! about one creator, or into the plain reason it cannot be used.

use std::borrow::Cow;

use super::columns::Field;
use super::values::{is_blank, parse_count, parse_rate, repair_mojibake};
use crate::country;
use crate::roster::figures::{CreatorFigures, Rate};
use crate::roster::{niche_label, normalise_email, parse_account_ref, Platform};

/// A cell the row could do without: the creator is kept with that field
/// empty, and the person is told.
#[derive(Debug, Clone, PartialEq)]
pub struct RowWarning {
    pub column: usize,
    pub reason: String,
}

/// What one row says about a creator. Empty cells are `None`: they never
/// overwrite anything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowCreator {
    pub name: Option<String>,
    /// Platform, normalised handle, followers if the row gives them.
    pub accounts: Vec<(Platform, String, Option<u64>)>,
    pub email: Option<String>,
    pub country: Option<String>,
    pub niches: Vec<String>,
    pub notes: Option<String>,
    /// Engagement and audience figures (the creator's id is set on merging).
    pub figures: CreatorFigures,
    /// Rate columns whose cell here says they are in percents (a `%` sign,
    /// or a number above 1): the column's scale is decided over all rows.
    pub percent_columns: Vec<u32>,
    pub warnings: Vec<RowWarning>,
}

/// What happened to a row that is not a creator.
#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    Creator(Box<RowCreator>),
    /// A blank row or a "Total" row: not data, not an error.
    Skip,
    /// A row that cannot be used, and why (without the line number).
    Reject(String),
}

/// First cells that mark a summary row rather than a creator.
const TOTAL_WORDS: &[&str] = &[
    "total",
    "totals",
    "grand total",
    "sum",
    "summe",
    "gesamt",
    "insgesamt",
    "total général",
    "totales",
];

/// A cell's text as the importer reads every text cell: trimmed, nothing
/// for a blank or a spreadsheet's error value, and text that was decoded
/// twice repaired (`values::repair_mojibake`).
fn cell<S: AsRef<str>>(cells: &[S], index: usize) -> Option<Cow<'_, str>> {
    let text = cells.get(index)?.as_ref().trim();
    (!is_blank(text)).then(|| repair_mojibake(text))
}

/// Reads one row. `mapping[i]` is the field of column `i`; `platform` is the
/// platform the file's accounts are on when no column or link says.
pub fn read_row<S: AsRef<str>>(cells: &[S], mapping: &[Option<Field>], platform: Option<Platform>) -> RowOutcome {
    let Some(first) = cells.iter().map(|c| c.as_ref().trim()).find(|c| !c.is_empty()) else {
        return RowOutcome::Skip;
    };
    // Summary words are short; checking the length first spares lower-casing
    // the first cell of every ordinary row.
    if first.len() <= 16 && TOTAL_WORDS.contains(&first.to_lowercase().as_str()) {
        return RowOutcome::Skip;
    }
    match creator(cells, mapping, platform) {
        Ok(row) => RowOutcome::Creator(Box::new(row)),
        Err(reason) => RowOutcome::Reject(reason),
    }
}

/// What the row's own account columns say, before followers are placed.
struct Found {
    /// From a handle column or a profile link (the one-account layout).
    general: Vec<usize>,
    /// Index in `accounts` of each account from a per-platform column.
    per_platform: Vec<usize>,
}

fn creator<S: AsRef<str>>(
    cells: &[S],
    mapping: &[Option<Field>],
    file_platform: Option<Platform>,
) -> Result<RowCreator, String> {
    let columns = |wanted: Field| {
        mapping
            .iter()
            .enumerate()
            .filter(move |(_, f)| **f == Some(wanted))
            .map(|(i, _)| i)
    };
    let value = |wanted: Field| columns(wanted).find_map(|i| cell(cells, i).map(|text| (i, text)));

    let mut row = RowCreator::default();
    let mut account_errors: Vec<(usize, String)> = Vec::new();

    // The one-account-per-row layout: a handle (with a platform column, or
    // the file's platform) or a link.
    let platform = match value(Field::Platform) {
        Some((column, text)) => match Platform::parse(&text) {
            Some(platform) => Some(platform),
            None => {
                account_errors.push((column, format!("platform '{text}' is not one Partnerly knows")));
                None
            }
        },
        None => file_platform,
    };
    let platform_unknown = !account_errors.is_empty();
    let mut found = Found {
        general: Vec::new(),
        per_platform: Vec::new(),
    };
    for field in [Field::Handle, Field::ProfileUrl] {
        for column in columns(field) {
            let Some(text) = cell(cells, column) else { continue };
            match parse_account_ref(&text, platform) {
                Ok((platform, handle)) => found.general.push(push_account(&mut row.accounts, platform, handle)),
                // An unknown platform was said already; a bare handle then adds nothing.
                Err(_) if platform_unknown => {}
                Err(why) => account_errors.push((column, account_reason(&why))),
            }
        }
    }
    // One column per platform.
    for (column, field) in mapping.iter().enumerate() {
        let Some(Field::PlatformHandle(platform)) = field else {
            continue;
        };
        let Some(text) = cell(cells, column) else {
            continue;
        };
        match parse_account_ref(&text, Some(*platform)) {
            Ok((platform, handle)) => found
                .per_platform
                .push(push_account(&mut row.accounts, platform, handle)),
            Err(why) => account_errors.push((column, account_reason(&why))),
        }
    }

    if row.accounts.is_empty() {
        // A row with no account at all is either a stray note or a person
        // without a handle yet; either way it names no creator.
        return Err(account_errors
            .into_iter()
            .next()
            .map(|(_, why)| why)
            .unwrap_or_else(|| "no handle or profile link".into()));
    }
    for (column, reason) in account_errors {
        row.warnings.push(RowWarning {
            column,
            reason: format!("{reason}; the row's other account was kept"),
        });
    }

    // Counts and rates in plain columns ("Followers", "Engagement rate")
    // belong to the row's main account: the one its handle or link names,
    // else its first per-platform account without a count of its own.
    let mut warnings = Vec::new();
    for (platform, _, followers) in row.accounts.iter_mut() {
        *followers = best_count(cells, mapping, Field::PlatformFollowers(*platform), &mut warnings);
    }
    let main = found.general.first().copied().or_else(|| {
        found
            .per_platform
            .iter()
            .copied()
            .find(|&i| row.accounts[i].2.is_none())
            .or(found.per_platform.first().copied())
    });
    if let Some(main) = main {
        if let Some(count) = best_count(cells, mapping, Field::Followers, &mut warnings) {
            row.accounts[main].2.get_or_insert(count);
        }
    }
    row.warnings.append(&mut warnings);
    figures(cells, mapping, main, &mut row);

    let mut full_name = String::new();
    for (_, part) in [Field::Name, Field::FirstName, Field::LastName]
        .into_iter()
        .filter_map(value)
    {
        if !full_name.is_empty() {
            full_name.push(' ');
        }
        full_name.push_str(&part);
    }
    row.name = (!full_name.is_empty()).then_some(full_name);

    if let Some((column, text)) = value(Field::Email) {
        match normalise_email(&text) {
            Ok(email) => row.email = email,
            Err(_) => row.warn(column, format!("email '{text}' is not an email address; left empty")),
        }
    }
    if let Some((column, text)) = value(Field::Country) {
        match country::resolve(&text) {
            Some(found) => row.country = Some(found.code.clone()),
            None => row.warn(
                column,
                format!("country '{text}' is not one Partnerly knows; left empty"),
            ),
        }
    }
    if let Some((_, text)) = value(Field::Niches) {
        for niche in text.split([',', ';', '|', '/']) {
            let niche = niche_label(niche);
            if !is_blank(&niche) && !row.niches.contains(&niche) {
                row.niches.push(niche);
            }
        }
    }
    row.notes = value(Field::Notes).map(|(_, text)| text.into_owned());
    Ok(row)
}

impl RowCreator {
    fn warn(&mut self, column: usize, reason: String) {
        self.warnings.push(RowWarning { column, reason });
    }
}

fn account_reason(why: &str) -> String {
    let why = why.trim_end_matches('.');
    if why.ends_with("does not say which platform it is on") {
        format!("{why}: choose the platform the file's accounts are on (\"These accounts are on\", or --platform)")
    } else {
        why.to_string()
    }
}

/// The count of `field` among its columns (a display value and its exact
/// twin, `48.5M` and `48500000`): the exact one when both read, whichever
/// reads otherwise. A cell that does not read is a warning only when no
/// twin gave the count.
fn best_count<S: AsRef<str>>(
    cells: &[S],
    mapping: &[Option<Field>],
    field: Field,
    warnings: &mut Vec<RowWarning>,
) -> Option<u64> {
    let mut best: Option<(bool, u64)> = None;
    let mut failed = None;
    for (column, _) in mapping.iter().enumerate().filter(|(_, f)| **f == Some(field)) {
        let Some(text) = cell(cells, column) else { continue };
        match parse_count(&text) {
            Ok(Some(count)) => {
                let exact = text.chars().all(|c| c.is_ascii_digit());
                if best.is_none_or(|(was_exact, _)| exact && !was_exact) {
                    best = Some((exact, count));
                }
            }
            Ok(None) => {}
            Err(why) => {
                failed.get_or_insert((column, format!("{} '{text}' {why}; left empty", field_words(field))));
            }
        }
    }
    if best.is_none() {
        if let Some((column, reason)) = failed {
            warnings.push(RowWarning { column, reason });
        }
    }
    best.map(|(_, count)| count)
}

fn field_words(field: Field) -> String {
    match field {
        Field::Followers => "followers".into(),
        Field::PlatformFollowers(p) => format!("{} followers", p.label()),
        Field::EngagementRate => "engagement rate".into(),
        Field::PlatformEngagementRate(p) => format!("{} engagement rate", p.label()),
        Field::Engagements => "engagements".into(),
        Field::AvgLikes => "average likes".into(),
        Field::AvgComments => "average comments".into(),
        Field::AvgViews => "average views".into(),
        Field::AudienceCredibility => "audience credibility".into(),
        Field::MassFollowers => "mass followers".into(),
        _ => "value".into(),
    }
}

/// The first rate of `field` that reads, as a `Rate` of its column.
fn best_rate<S: AsRef<str>>(
    cells: &[S],
    mapping: &[Option<Field>],
    field: Field,
    row: &mut RowCreator,
) -> Option<Rate> {
    let mut failed = None;
    for (column, _) in mapping.iter().enumerate().filter(|(_, f)| **f == Some(field)) {
        let Some(text) = cell(cells, column) else { continue };
        match parse_rate(&text) {
            Ok(Some(rate)) => {
                if rate.percent_sign || rate.number > 1.0 {
                    row.percent_columns.push(column as u32);
                }
                return Some(Rate::OfColumn {
                    column: column as u32,
                    number: rate.number,
                });
            }
            Ok(None) => {}
            Err(why) => {
                failed.get_or_insert((column, format!("{} '{text}' {why}; left empty", field_words(field))));
            }
        }
    }
    if let Some((column, reason)) = failed {
        row.warn(column, reason);
    }
    None
}

/// Engagement and audience figures: plain columns belong to the row's main
/// account, "Instagram Engagement Rate" to its Instagram account,
/// credibility, mass followers and the audience's country to the creator.
fn figures<S: AsRef<str>>(cells: &[S], mapping: &[Option<Field>], main: Option<usize>, row: &mut RowCreator) {
    let mut figures = CreatorFigures::default();
    if let Some(main) = main {
        let platform = row.accounts[main].0;
        let mut warnings = Vec::new();
        let likes = best_count(cells, mapping, Field::AvgLikes, &mut warnings);
        let comments = best_count(cells, mapping, Field::AvgComments, &mut warnings);
        let views = best_count(cells, mapping, Field::AvgViews, &mut warnings);
        let engagements = best_count(cells, mapping, Field::Engagements, &mut warnings);
        row.warnings.append(&mut warnings);
        let rate = best_rate(cells, mapping, Field::EngagementRate, row);
        if likes.is_some() || comments.is_some() || views.is_some() || engagements.is_some() || rate.is_some() {
            let account = figures.account_mut(platform);
            account.avg_likes = likes;
            account.avg_comments = comments;
            account.avg_views = views;
            account.avg_engagements = engagements;
            account.engagement_rate = rate;
        }
    }
    let platforms: Vec<Platform> = row.accounts.iter().map(|(p, _, _)| *p).collect();
    for platform in platforms {
        if let Some(rate) = best_rate(cells, mapping, Field::PlatformEngagementRate(platform), row) {
            figures.account_mut(platform).engagement_rate = Some(rate);
        }
    }
    figures.credibility = best_rate(cells, mapping, Field::AudienceCredibility, row);
    figures.mass_followers = best_rate(cells, mapping, Field::MassFollowers, row);
    if let Some(column) = mapping.iter().position(|f| *f == Some(Field::AudienceCountry)) {
        if let Some(text) = cell(cells, column) {
            match country::resolve(&text) {
                Some(found) => figures.audience_country = Some(found.code.clone()),
                None => row.warn(
                    column,
                    format!("audience country '{text}' is not one Partnerly knows; left empty"),
                ),
            }
        }
    }
    row.figures = figures;
}

/// The same account twice in one row (a handle and its link) is one
/// account; its place among the row's accounts.
fn push_account(accounts: &mut Vec<(Platform, String, Option<u64>)>, platform: Platform, handle: String) -> usize {
    match accounts.iter().position(|(p, h, _)| *p == platform && *h == handle) {
        Some(at) => at,
        None => {
            accounts.push((platform, handle, None));
            accounts.len() - 1
        }
    }
}

#[cfg(test)]
mod tests;
