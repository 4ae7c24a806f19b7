//! Finding creators on the roster: search, filters and sort, as the roster
//! screen, `influencers list` and the CSV export ask for them.
//!
//! Answered from the in-memory index (`index`): a filter scans compact
//! columns, and only the requested page is sorted and read from the store.

use std::cmp::Ordering;

use memchr::memmem;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::index::{self, RosterIndex, Row};
use super::model::{Influencer, Platform};
use super::tiers::Tier;
use super::{blocks, EncodedCreators, RosterError};
use crate::store::Store;

impl Influencer {
    /// Followers of the largest account: what the tier goes by.
    pub fn top_followers(&self) -> u64 {
        self.accounts.iter().map(|a| a.followers).max().unwrap_or(0)
    }

    /// Followers across all accounts: what the roster shows and sorts by.
    pub fn total_followers(&self) -> u64 {
        self.accounts.iter().map(|a| a.followers).sum()
    }
}

/// Which creators to show. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RosterFilter {
    /// Words that must all appear in the name, a handle, the email or a niche.
    pub search: String,
    pub platform: Option<Platform>,
    pub tier: Option<Tier>,
    /// ISO code.
    pub country: Option<String>,
    /// Part of a niche, any case.
    pub niche: Option<String>,
    /// A tag the creator carries, any case (`housekeeping::tags`).
    pub tag: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    #[default]
    Name,
    /// The handle of the largest account (the one the roster lists first).
    Account,
    Followers,
    Country,
    /// The first of the creator's niches; creators without one come last.
    Niche,
    Added,
}

/// One page of a filtered, sorted roster.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// How many creators match in all.
    pub total: usize,
    pub influencers: Vec<Influencer>,
}

/// A filter made ready to test index rows quickly.
struct Compiled {
    words: Vec<memmem::Finder<'static>>,
    platform_bit: Option<u16>,
    tier: Option<Tier>,
    country: Option<Option<[u8; 2]>>,
    /// For each known niche: does it contain what was asked for?
    niches: Option<Vec<bool>>,
    /// The creators carrying the tag asked for.
    tagged: Option<std::collections::HashSet<uuid::Uuid>>,
}

impl Compiled {
    fn new(
        filter: &RosterFilter,
        index: &RosterIndex,
        tagged: Option<std::collections::HashSet<uuid::Uuid>>,
    ) -> Compiled {
        let niche = filter
            .niche
            .as_deref()
            .map(|n| n.trim().to_lowercase())
            .filter(|n| !n.is_empty());
        Compiled {
            words: filter
                .search
                .split_whitespace()
                .map(|w| w.trim_start_matches('@').to_lowercase())
                .filter(|w| !w.is_empty())
                .map(|w| memmem::Finder::new(w.as_bytes()).into_owned())
                .collect(),
            platform_bit: filter.platform.map(|p| 1 << p as u16),
            tier: filter.tier,
            // A code that is not two letters matches no one, rather than everyone.
            country: filter
                .country
                .as_deref()
                .map(|c| <[u8; 2]>::try_from(c.trim().to_ascii_uppercase().as_bytes()).ok()),
            // Part of a niche is enough: "fit" finds "fitness".
            niches: niche.map(|wanted| {
                index
                    .niche_names
                    .iter()
                    .map(|name| name.contains(wanted.as_str()))
                    .collect()
            }),
            tagged,
        }
    }

    fn matches(&self, index: &RosterIndex, row: usize) -> bool {
        index.alive[row]
            && self.tagged.as_ref().is_none_or(|ids| ids.contains(&index.ids[row]))
            && self.platform_bit.is_none_or(|bit| index.platforms[row] & bit != 0)
            && self.tier.is_none_or(|tier| index.tiers[row] == tier)
            && self.country.is_none_or(|wanted| wanted == Some(index.countries[row]))
            && self
                .niches
                .as_ref()
                .is_none_or(|ok| index.niches(row as Row).iter().any(|&n| ok[n as usize]))
            && self
                .words
                .iter()
                .all(|w| w.find(index.text(row as Row).as_bytes()).is_some())
    }
}

fn compare(index: &RosterIndex, sort: SortBy, a: Row, b: Row) -> Ordering {
    let (x, y) = (a as usize, b as usize);
    let by_name = || {
        index.name_prefix[x]
            .cmp(&index.name_prefix[y])
            .then_with(|| index.name_of(a).cmp(index.name_of(b)))
    };
    let ordering = match sort {
        SortBy::Name => by_name(),
        SortBy::Followers => index.followers[x].cmp(&index.followers[y]),
        // Creators with no country last, then by name within a country.
        SortBy::Country => {
            let key = |row: usize| (index.countries[row] == [0, 0], index.countries[row]);
            key(x).cmp(&key(y)).then_with(by_name)
        }
        SortBy::Added => index.added[x].cmp(&index.added[y]),
        SortBy::Account => index.main_handle(a).cmp(index.main_handle(b)).then_with(by_name),
        SortBy::Niche => {
            let key = |row: Row| index.niches(row).first().map(|&n| &*index.niche_names[n as usize]);
            match (key(a), key(b)) {
                (Some(p), Some(q)) => p.cmp(q),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(by_name)
        }
    };
    // Row order last, so equal keys always come out in the same order.
    ordering.then(a.cmp(&b))
}

/// The rows matching `filter`, in order, from `offset`, at most `limit`;
/// and how many match in all.
fn select(
    index: &RosterIndex,
    filter: &RosterFilter,
    tagged: Option<std::collections::HashSet<uuid::Uuid>>,
    sort: SortBy,
    descending: bool,
    offset: usize,
    limit: usize,
) -> (usize, Vec<Row>) {
    let compiled = Compiled::new(filter, index, tagged);
    let mut rows: Vec<Row> = (0..index.ids.len())
        .filter(|&row| compiled.matches(index, row))
        .map(|row| row as Row)
        .collect();
    let total = rows.len();
    if offset >= total {
        return (total, Vec::new());
    }
    let order = |a: &Row, b: &Row| {
        let ordering = compare(index, sort, *a, *b);
        if descending {
            ordering.reverse()
        } else {
            ordering
        }
    };
    // Only the page is sorted: partitioning around its ends is linear, so a
    // first page of a million rows costs a scan, not a full sort.
    let end = offset.saturating_add(limit).min(total);
    if end < total {
        rows.select_nth_unstable_by(end, order);
        rows.truncate(end);
    }
    if offset > 0 {
        rows.select_nth_unstable_by(offset, order);
    }
    let mut page = rows.split_off(offset);
    page.sort_unstable_by(order);
    (total, page)
}

/// Where the matching creators of a page are stored, and how many match in
/// all; the index is released before anything is read from the store.
fn locate(
    store: &Store,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
    offset: usize,
    limit: usize,
) -> Result<(usize, Vec<(u32, uuid::Uuid)>), RosterError> {
    let tagged = match filter.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(tag) => Some(crate::housekeeping::tags::ids_with(store, tag)?),
        None => None,
    };
    let state = index::state(store);
    let index = state.read(store)?;
    let (total, rows) = select(&index, filter, tagged, sort, descending, offset, limit);
    let wanted = rows
        .iter()
        .map(|&row| (index.blocks[row as usize], index.ids[row as usize]))
        .collect();
    Ok((total, wanted))
}

/// One page of the creators matching `filter`, sorted by `sort`
/// (`descending` reverses it), answered from the roster's index.
pub fn query_page(
    store: &Store,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
    offset: usize,
    limit: usize,
) -> Result<Page, RosterError> {
    let (total, wanted) = locate(store, filter, sort, descending, offset, limit)?;
    let influencers = blocks::fetch(&blocks::tree(store)?, &wanted)?;
    Ok(Page { total, influencers })
}

/// The first `limit` creators matching `filter`, sorted, still encoded: what
/// an export of a million creators can hold in memory (about 110 MB).
pub fn query_encoded(
    store: &Store,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
    limit: usize,
) -> Result<EncodedCreators, RosterError> {
    let (_, wanted) = locate(store, filter, sort, descending, 0, limit)?;
    Ok(blocks::fetch_encoded(&blocks::tree(store)?, &wanted)?)
}

/// All the creators matching `filter`, sorted; `descending` reverses the order.
pub fn query(
    store: &Store,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
) -> Result<Vec<Influencer>, RosterError> {
    Ok(query_page(store, filter, sort, descending, 0, usize::MAX)?.influencers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn filters_combine_and_sorting_orders() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        sample::load(&store).unwrap();
        let names = |filter: RosterFilter, sort: SortBy, descending: bool| -> Vec<String> {
            query(&store, &filter, sort, descending)
                .unwrap()
                .into_iter()
                .map(|i| i.name)
                .collect()
        };

        let instagram_in_germany = RosterFilter {
            platform: Some(Platform::Instagram),
            country: Some("de".into()),
            ..Default::default()
        };
        assert_eq!(
            names(instagram_in_germany, SortBy::Name, false),
            ["Hannah Schulz", "Jonas Weber"]
        );

        let mega = RosterFilter {
            tier: Some(Tier::Mega),
            ..Default::default()
        };
        assert_eq!(
            names(mega, SortBy::Followers, true),
            ["Kenji Watanabe", "Daniel Okafor"]
        );

        let search = RosterFilter {
            search: "@mara FOOD".into(),
            ..Default::default()
        };
        assert_eq!(names(search, SortBy::Name, false), ["Mara Costa"]);

        let niche = RosterFilter {
            niche: Some("Fitness".into()),
            ..Default::default()
        };
        assert_eq!(names(niche, SortBy::Name, false), ["Chloé Martin", "Daniel Okafor"]);
        let part = RosterFilter {
            niche: Some("cook".into()),
            ..Default::default()
        };
        assert_eq!(names(part, SortBy::Name, false), ["Sofía Herrera"]);
    }
}
