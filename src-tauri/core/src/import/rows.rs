//! One data row of a file, read through the column mapping into what it says
//! about one creator, or into the plain reason it cannot be used.

use super::columns::Field;
use super::values::{parse_count, parse_rate, RateCell};
use crate::country;
use crate::roster::{normalise_email, parse_account_ref, Platform};

/// What a rate cell is about.
#[derive(Debug, Clone, PartialEq)]
pub enum RateOf {
    /// The engagement rate of one of the row's accounts.
    Engagement(Platform, String),
    /// The share of the creator's followers judged real.
    Credibility,
    /// The share of followers following too many accounts to see posts.
    MassFollowers,
}

/// A rate a row gives, as written: the scale (fraction or percent) is
/// decided for the whole column later.
#[derive(Debug, Clone, PartialEq)]
pub struct RowRate {
    pub of: RateOf,
    pub cell: RateCell,
    /// The column it came from: its scale is decided with its neighbours'.
    pub column: usize,
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
    pub rates: Vec<RowRate>,
}

/// What happened to a row that is not a creator.
#[derive(Debug, Clone, PartialEq)]
pub enum RowOutcome {
    Creator(RowCreator),
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

fn cell<S: AsRef<str>>(cells: &[S], index: usize) -> Option<&str> {
    cells.get(index).map(|c| c.as_ref().trim()).filter(|c| !c.is_empty())
}

/// Reads one row. `mapping[i]` is the field of column `i`.
pub fn read_row<S: AsRef<str>>(cells: &[S], mapping: &[Option<Field>]) -> RowOutcome {
    let Some(first) = cells.iter().map(|c| c.as_ref().trim()).find(|c| !c.is_empty()) else {
        return RowOutcome::Skip;
    };
    // Summary words are short; checking the length first spares lower-casing
    // the first cell of every ordinary row.
    if first.len() <= 16 && TOTAL_WORDS.contains(&first.to_lowercase().as_str()) {
        return RowOutcome::Skip;
    }
    match creator(cells, mapping) {
        Ok(Some(row)) => RowOutcome::Creator(row),
        Ok(None) => RowOutcome::Skip,
        Err(reason) => RowOutcome::Reject(reason),
    }
}

fn creator<S: AsRef<str>>(cells: &[S], mapping: &[Option<Field>]) -> Result<Option<RowCreator>, String> {
    let column = |wanted: Field| mapping.iter().position(|f| *f == Some(wanted));
    let value = |wanted: Field| column(wanted).and_then(|i| cell(cells, i));

    let mut row = RowCreator::default();

    // The one-account-per-row layout: a handle (with a platform column) or a link.
    let platform = match value(Field::Platform) {
        Some(text) => {
            Some(Platform::parse(text).ok_or_else(|| format!("platform '{text}' is not one Partnerly knows"))?)
        }
        None => None,
    };
    let followers = match value(Field::Followers) {
        Some(text) => parse_count(text).map_err(|why| format!("followers '{text}' {why}"))?,
        None => None,
    };
    for field in [Field::Handle, Field::ProfileUrl] {
        if let Some(text) = value(field) {
            let (platform, handle) = parse_account_ref(text, platform).map_err(|why| trim_period(&why))?;
            push_account(&mut row.accounts, platform, handle, followers);
        }
    }

    // One column per platform.
    for (index, field) in mapping.iter().enumerate() {
        let Some(Field::PlatformHandle(platform)) = field else {
            continue;
        };
        let Some(text) = cell(cells, index) else {
            continue;
        };
        let (platform, handle) = parse_account_ref(text, Some(*platform)).map_err(|why| trim_period(&why))?;
        let followers = match value(Field::PlatformFollowers(platform)) {
            Some(count) => {
                parse_count(count).map_err(|why| format!("{} followers '{count}' {why}", platform.label()))?
            }
            None => None,
        };
        push_account(&mut row.accounts, platform, handle, followers);
    }

    if row.accounts.is_empty() {
        // A row with no account at all is either a stray note or a person
        // without a handle yet; either way it names no creator.
        return Err("no handle or profile link".into());
    }

    let full_name = [value(Field::Name), value(Field::FirstName), value(Field::LastName)]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    row.name = (!full_name.is_empty()).then_some(full_name);

    if let Some(text) = value(Field::Email) {
        row.email = normalise_email(text).map_err(|_| format!("email '{text}' is not an email address"))?;
    }
    if let Some(text) = value(Field::Country) {
        let found = country::resolve(text).ok_or_else(|| format!("country '{text}' is not one Partnerly knows"))?;
        row.country = Some(found.code.clone());
    }
    if let Some(text) = value(Field::Niches) {
        for niche in text.split([',', ';', '|', '/']) {
            let niche = niche.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
            if !niche.is_empty() && !row.niches.contains(&niche) {
                row.niches.push(niche);
            }
        }
    }
    row.notes = value(Field::Notes).map(str::to_string);
    row.rates = rates(cells, mapping, &row.accounts)?;
    Ok(Some(row))
}

/// Rates: an "Engagement rate" column belongs to the row's first account
/// (the one-account layout), "Instagram Engagement Rate" to its Instagram
/// account; credibility and mass followers to the creator.
fn rates<S: AsRef<str>>(
    cells: &[S],
    mapping: &[Option<Field>],
    accounts: &[(Platform, String, Option<u64>)],
) -> Result<Vec<RowRate>, String> {
    let mut found = Vec::new();
    for (column, field) in mapping.iter().enumerate() {
        let engagement_of = |account: Option<&(Platform, String, Option<u64>)>| {
            account.map(|(platform, handle, _)| RateOf::Engagement(*platform, handle.clone()))
        };
        let (of, what) = match field {
            Some(Field::EngagementRate) => (engagement_of(accounts.first()), "engagement rate"),
            Some(Field::PlatformEngagementRate(platform)) => (
                engagement_of(accounts.iter().find(|(p, _, _)| p == platform)),
                "engagement rate",
            ),
            Some(Field::AudienceCredibility) => (Some(RateOf::Credibility), "audience credibility"),
            Some(Field::MassFollowers) => (Some(RateOf::MassFollowers), "mass followers"),
            _ => continue,
        };
        let (Some(of), Some(text)) = (of, cell(cells, column)) else {
            continue;
        };
        if let Some(rate) = parse_rate(text).map_err(|why| format!("{what} '{text}' {why}"))? {
            found.push(RowRate { of, cell: rate, column });
        }
    }
    Ok(found)
}

/// The same account twice in one row (a handle and its link) is one account.
fn push_account(
    accounts: &mut Vec<(Platform, String, Option<u64>)>,
    platform: Platform,
    handle: String,
    followers: Option<u64>,
) {
    match accounts.iter_mut().find(|(p, h, _)| *p == platform && *h == handle) {
        Some(existing) => existing.2 = followers.or(existing.2),
        None => accounts.push((platform, handle, followers)),
    }
}

fn trim_period(text: &str) -> String {
    text.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests;
