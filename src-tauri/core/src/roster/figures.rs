//! Figures an import reads beside who a creator is: per account the
//! engagement rate and average likes, comments, views and engagements; for
//! the creator the audience's credibility, mass-follower share and top
//! country. The vetting dossier shows them (`vetting::ops::dossier`).
//!
//! Why here and not in the dossiers tree: a discovery export gives figures
//! for every one of a million rows. Kept as compact binary records in blocks
//! of the roster's own tree (`f` + the creator's block number), they are
//! written in the same atomic sled batch as the creators (all or nothing for
//! the whole file), take a few bytes a creator, and are built while the
//! roster's blocks are, never held as a million Rust values. Which file they
//! came from is said once per import (`s` + import number), not per creator.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::blocks::{self, Records};
use super::codec::{put_varint, Reader};
use super::model::Platform;
use crate::store::StoreError;

/// A rate as an import holds it: a fraction, or a plain number whose scale
/// (fraction or percent) is decided once every cell of its column is read.
/// Only fractions are ever stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rate {
    Fraction(f64),
    OfColumn { column: u32, number: f64 },
}

impl Rate {
    pub fn fraction(self) -> Option<f64> {
        match self {
            Rate::Fraction(f) => Some(f),
            Rate::OfColumn { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AccountFigures {
    pub platform: Platform,
    pub engagement_rate: Option<Rate>,
    pub avg_likes: Option<u64>,
    pub avg_comments: Option<u64>,
    pub avg_views: Option<u64>,
    pub avg_engagements: Option<u64>,
}

impl AccountFigures {
    pub fn new(platform: Platform) -> AccountFigures {
        AccountFigures {
            platform,
            engagement_rate: None,
            avg_likes: None,
            avg_comments: None,
            avg_views: None,
            avg_engagements: None,
        }
    }

    fn is_empty(&self) -> bool {
        self.engagement_rate.is_none()
            && self.avg_likes.is_none()
            && self.avg_comments.is_none()
            && self.avg_views.is_none()
            && self.avg_engagements.is_none()
    }
}

/// Everything the last imports said about one creator's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CreatorFigures {
    pub influencer_id: Uuid,
    pub accounts: Vec<AccountFigures>,
    pub credibility: Option<Rate>,
    pub mass_followers: Option<Rate>,
    /// ISO code of the country most of the audience is in.
    pub audience_country: Option<String>,
    /// "roster.csv, imported 2026-12-02"
    pub source: String,
    pub imported_at: DateTime<Utc>,
    /// The import that gave them, whose file is `source` (stored once).
    pub(crate) import: u32,
}

impl CreatorFigures {
    pub fn new(influencer_id: Uuid, source: &str, imported_at: DateTime<Utc>) -> CreatorFigures {
        CreatorFigures {
            influencer_id,
            accounts: Vec::new(),
            credibility: None,
            mass_followers: None,
            audience_country: None,
            source: source.to_string(),
            imported_at,
            import: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.iter().all(AccountFigures::is_empty)
            && self.credibility.is_none()
            && self.mass_followers.is_none()
            && self.audience_country.is_none()
    }

    /// The figures of the account on `platform`, added when missing.
    pub fn account_mut(&mut self, platform: Platform) -> &mut AccountFigures {
        let at = match self.accounts.iter().position(|a| a.platform == platform) {
            Some(at) => at,
            None => {
                self.accounts.push(AccountFigures::new(platform));
                self.accounts.len() - 1
            }
        };
        &mut self.accounts[at]
    }

    /// Takes every figure `newer` gives; what it leaves empty stays.
    pub fn absorb(&mut self, newer: CreatorFigures) {
        for account in newer.accounts {
            let mine = self.account_mut(account.platform);
            let keep = |new: Option<u64>, old: Option<u64>| new.or(old);
            mine.engagement_rate = account.engagement_rate.or(mine.engagement_rate);
            mine.avg_likes = keep(account.avg_likes, mine.avg_likes);
            mine.avg_comments = keep(account.avg_comments, mine.avg_comments);
            mine.avg_views = keep(account.avg_views, mine.avg_views);
            mine.avg_engagements = keep(account.avg_engagements, mine.avg_engagements);
        }
        self.credibility = newer.credibility.or(self.credibility);
        self.mass_followers = newer.mass_followers.or(self.mass_followers);
        self.audience_country = newer.audience_country.or(self.audience_country.take());
        self.source = newer.source;
        self.imported_at = newer.imported_at;
        self.import = newer.import;
    }

    /// Every rate as a fraction, the plain ones by their column's scale.
    pub fn resolve(&mut self, scale: impl Fn(u32, f64) -> f64) {
        let resolve = |rate: &mut Option<Rate>| {
            if let Some(Rate::OfColumn { column, number }) = *rate {
                *rate = Some(Rate::Fraction(scale(column, number)));
            }
        };
        for account in &mut self.accounts {
            resolve(&mut account.engagement_rate);
        }
        resolve(&mut self.credibility);
        resolve(&mut self.mass_followers);
    }
}

const TAG_FRACTION: u8 = 1;
const TAG_OF_COLUMN: u8 = 2;

fn put_rate(out: &mut Vec<u8>, rate: Rate) {
    match rate {
        Rate::Fraction(f) => {
            out.push(TAG_FRACTION);
            out.extend_from_slice(&f.to_le_bytes());
        }
        Rate::OfColumn { column, number } => {
            out.push(TAG_OF_COLUMN);
            put_varint(out, u64::from(column));
            out.extend_from_slice(&number.to_le_bytes());
        }
    }
}

fn read_rate(reader: &mut Reader<'_>) -> Result<Rate, String> {
    let tag = reader.take(1)?[0];
    let column = match tag {
        TAG_FRACTION => None,
        TAG_OF_COLUMN => Some(u32::try_from(reader.varint()?).map_err(|_| "a column number is too large")?),
        other => return Err(format!("a rate has the unknown tag {other}")),
    };
    let bytes: [u8; 8] = reader.take(8)?.try_into().map_err(|_| "a rate is cut short")?;
    let number = f64::from_le_bytes(bytes);
    Ok(match column {
        None => Rate::Fraction(number),
        Some(column) => Rate::OfColumn { column, number },
    })
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn read_str(reader: &mut Reader<'_>) -> Result<String, String> {
    let n = reader.varint()? as usize;
    String::from_utf8(reader.take(n)?.to_vec()).map_err(|_| "a text in it is not UTF-8".to_string())
}

/// Which optional values follow, one bit each, so an absent one costs a bit.
fn flags(values: &[bool]) -> u8 {
    values
        .iter()
        .enumerate()
        .fold(0, |bits, (i, present)| bits | (u8::from(*present) << i))
}

/// Appends `figures` to `out`; starts with the creator's id, as roster
/// records do, so the block helpers find it.
/// The file and time are not written: the record names its import, whose
/// source is stored once (`put_source`).
pub fn encode(figures: &CreatorFigures, out: &mut Vec<u8>) {
    out.extend_from_slice(figures.influencer_id.as_bytes());
    put_varint(out, u64::from(figures.import));
    out.push(flags(&[
        figures.credibility.is_some(),
        figures.mass_followers.is_some(),
        figures.audience_country.is_some(),
    ]));
    for rate in [figures.credibility, figures.mass_followers].into_iter().flatten() {
        put_rate(out, rate);
    }
    if let Some(country) = &figures.audience_country {
        put_str(out, country);
    }
    put_varint(out, figures.accounts.len() as u64);
    for account in &figures.accounts {
        out.push(account.platform as u8);
        let counts = [
            account.avg_likes,
            account.avg_comments,
            account.avg_views,
            account.avg_engagements,
        ];
        let mut present = vec![account.engagement_rate.is_some()];
        present.extend(counts.iter().map(Option::is_some));
        out.push(flags(&present));
        if let Some(rate) = account.engagement_rate {
            put_rate(out, rate);
        }
        for count in counts.into_iter().flatten() {
            put_varint(out, count);
        }
    }
}

pub fn encoded(figures: &CreatorFigures) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    encode(figures, &mut out);
    out
}

/// Reads what `encode` wrote; damaged bytes are an error, never a panic.
pub fn decode(record: &[u8]) -> Result<CreatorFigures, StoreError> {
    decode_inner(&mut Reader::new(record)).map_err(|detail| StoreError::BadRecord {
        kind: "imported figures",
        detail,
    })
}

fn decode_inner(reader: &mut Reader<'_>) -> Result<CreatorFigures, String> {
    let influencer_id = Uuid::from_slice(reader.take(16)?).map_err(|e| e.to_string())?;
    let import = u32::try_from(reader.varint()?).map_err(|_| "an import number is too large")?;
    let bits = reader.take(1)?[0];
    let credibility = (bits & 1 != 0).then(|| read_rate(reader)).transpose()?;
    let mass_followers = (bits & 2 != 0).then(|| read_rate(reader)).transpose()?;
    let audience_country = (bits & 4 != 0).then(|| read_str(reader)).transpose()?;
    let count = reader.varint()? as usize;
    let mut accounts = Vec::with_capacity(count.min(16));
    for _ in 0..count {
        let code = reader.take(1)?[0];
        let platform = *Platform::ALL
            .iter()
            .find(|p| **p as u8 == code)
            .ok_or("an account has an unknown platform")?;
        let bits = reader.take(1)?[0];
        let mut account = AccountFigures::new(platform);
        if bits & 1 != 0 {
            account.engagement_rate = Some(read_rate(reader)?);
        }
        let mut count =
            |bit: u8| -> Result<Option<u64>, String> { (bits & bit != 0).then(|| reader.varint()).transpose() };
        account.avg_likes = count(2)?;
        account.avg_comments = count(4)?;
        account.avg_views = count(8)?;
        account.avg_engagements = count(16)?;
        accounts.push(account);
    }
    if reader.remaining() != 0 {
        return Err("it has bytes after its end".into());
    }
    Ok(CreatorFigures {
        influencer_id,
        accounts,
        credibility,
        mass_followers,
        audience_country,
        source: String::new(),
        imported_at: DateTime::UNIX_EPOCH,
        import,
    })
}

/// The key of what import `import` was: its file and time.
fn source_key(import: u32) -> [u8; 5] {
    let n = import.to_be_bytes();
    [b's', n[0], n[1], n[2], n[3]]
}

/// The number the next import's figures go under.
pub(crate) fn next_import(tree: &sled::Tree) -> Result<u32, StoreError> {
    let last = tree
        .scan_prefix(b"s")
        .keys()
        .next_back()
        .transpose()
        .map_err(StoreError::from_sled)?;
    Ok(match last.as_deref() {
        Some([b's', rest @ ..]) => rest.try_into().map(u32::from_be_bytes).unwrap_or(0) + 1,
        _ => 1,
    })
}

/// Adds to `batch` what import `import` was.
pub(crate) fn put_source(batch: &mut sled::Batch, import: u32, source: &str, imported_at: DateTime<Utc>) {
    let mut value = Vec::with_capacity(source.len() + 8);
    put_varint(&mut value, imported_at.timestamp().max(0) as u64);
    put_str(&mut value, source);
    batch.insert(&source_key(import), value);
}

/// Where the figures of each import came from, read as records name them.
#[derive(Default)]
struct Sources(HashMap<u32, (String, DateTime<Utc>)>);

impl Sources {
    fn fill(&mut self, tree: &sled::Tree, figures: &mut CreatorFigures) -> Result<(), StoreError> {
        let (source, at) = match self.0.entry(figures.import) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(place) => place.insert(read_source(tree, figures.import)?),
        };
        figures.source.clone_from(source);
        figures.imported_at = *at;
        Ok(())
    }
}

/// What import `import` was; nothing known for a number with no record.
fn read_source(tree: &sled::Tree, import: u32) -> Result<(String, DateTime<Utc>), StoreError> {
    let Some(bytes) = tree.get(source_key(import)).map_err(StoreError::from_sled)? else {
        return Ok((String::new(), DateTime::UNIX_EPOCH));
    };
    let mut reader = Reader::new(&bytes);
    let mut read = || -> Result<(String, DateTime<Utc>), String> {
        let secs = i64::try_from(reader.varint()?).map_err(|_| "a time is out of range")?;
        let at = DateTime::from_timestamp(secs, 0).ok_or("a time is out of range")?;
        Ok((read_str(&mut reader)?, at))
    };
    read().map_err(|detail| StoreError::BadRecord {
        kind: "import source",
        detail,
    })
}

/// The import number kept for `source` at `imported_at` (to the second),
/// or a new one put in `batch`: how figures from another copy name their
/// file here. `next` is the next free number, moved on when one is taken.
pub(crate) fn import_for(
    tree: &sled::Tree,
    batch: &mut sled::Batch,
    known: &mut Vec<(u32, String, i64)>,
    next: &mut u32,
    source: &str,
    imported_at: DateTime<Utc>,
) -> Result<u32, StoreError> {
    if known.is_empty() {
        for key in tree.scan_prefix(b"s").keys() {
            if let [b's', rest @ ..] = key.map_err(StoreError::from_sled)?.as_ref() {
                let import = rest.try_into().map(u32::from_be_bytes).unwrap_or(0);
                let (kept, at) = read_source(tree, import)?;
                known.push((import, kept, at.timestamp()));
            }
        }
    }
    let second = imported_at.timestamp();
    if let Some((import, _, _)) = known.iter().find(|(_, s, at)| s == source && *at == second) {
        return Ok(*import);
    }
    let import = *next;
    *next += 1;
    put_source(batch, import, source, imported_at);
    known.push((import, source.to_string(), second));
    Ok(import)
}

/// Figures an import has read, held encoded until its one write: for new
/// creators by their place among the import's new creators, for stored ones
/// by id. The file they came from is held once, not in every record.
#[derive(Debug, Default)]
pub struct PendingFigures {
    source: String,
    imported_at: DateTime<Utc>,
    bytes: Vec<u8>,
    /// Span in `bytes` of new creator `i`'s figures; `(0, 0)` for none.
    new: Vec<(u64, u32)>,
    stored: HashMap<Uuid, (u64, u32)>,
}

impl PendingFigures {
    /// Figures from the file `source` ("list.csv, imported 2026-12-02").
    pub fn new(source: &str, imported_at: DateTime<Utc>) -> PendingFigures {
        PendingFigures {
            source: source.to_string(),
            imported_at,
            ..PendingFigures::default()
        }
    }

    fn sourced(&self, mut figures: CreatorFigures) -> CreatorFigures {
        figures.source.clone_from(&self.source);
        figures.imported_at = self.imported_at;
        figures
    }

    fn append(&mut self, figures: &CreatorFigures) -> (u64, u32) {
        let start = self.bytes.len();
        encode(figures, &mut self.bytes);
        (start as u64, (self.bytes.len() - start) as u32)
    }

    fn at(&self, (start, len): (u64, u32)) -> Option<&[u8]> {
        (len > 0).then(|| &self.bytes[start as usize..start as usize + len as usize])
    }

    /// The figures held for new creator `index`, decoded.
    pub fn of_new(&self, index: usize) -> Result<Option<CreatorFigures>, StoreError> {
        let held = self
            .new
            .get(index)
            .and_then(|span| self.at(*span))
            .map(decode)
            .transpose()?;
        Ok(held.map(|figures| self.sourced(figures)))
    }

    /// Appends to `out` the figures of new creator `index` as they are
    /// stored: rates made fractions by `scale`, the file named. `false` if
    /// the file gave none for this creator.
    pub fn write_new(
        &self,
        index: usize,
        scale: &dyn Fn(u32, f64) -> f64,
        import: u32,
        out: &mut Vec<u8>,
    ) -> Result<bool, StoreError> {
        let Some(bytes) = self.new.get(index).and_then(|span| self.at(*span)) else {
            return Ok(false);
        };
        let mut figures = decode(bytes)?;
        figures.resolve(scale);
        figures.import = import;
        encode(&figures, out);
        Ok(true)
    }

    /// The file the figures came from, and when.
    pub fn source(&self) -> (&str, DateTime<Utc>) {
        (&self.source, self.imported_at)
    }

    /// Adds what a row says of new creator `index` to what earlier rows said.
    pub fn add_new(&mut self, index: usize, figures: CreatorFigures) -> Result<(), StoreError> {
        let merged = match self.of_new(index)? {
            Some(mut held) => {
                held.absorb(figures);
                held
            }
            None => figures,
        };
        if self.new.len() <= index {
            self.new.resize(index + 1, (0, 0));
        }
        self.new[index] = self.append(&merged);
        Ok(())
    }

    /// Adds what a row says of a stored creator.
    pub fn add_stored(&mut self, figures: CreatorFigures) -> Result<(), StoreError> {
        let id = figures.influencer_id;
        let merged = match self.stored.get(&id).and_then(|span| self.at(*span)) {
            Some(bytes) => {
                let mut held = decode(bytes)?;
                held.absorb(figures);
                held
            }
            None => figures,
        };
        let span = self.append(&merged);
        self.stored.insert(id, span);
        Ok(())
    }

    /// The stored creators' figures, decoded.
    pub fn stored(&self) -> Result<Vec<CreatorFigures>, StoreError> {
        self.stored
            .values()
            .filter_map(|span| self.at(*span))
            .map(|bytes| decode(bytes).map(|figures| self.sourced(figures)))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }
}

/// The key of the figures of the creators in roster block `block`.
pub(crate) fn key(block: u32) -> [u8; 5] {
    let n = block.to_be_bytes();
    [b'f', n[0], n[1], n[2], n[3]]
}

/// The stored figures of `id`, who is in roster block `block`.
pub(crate) fn read(tree: &sled::Tree, block: u32, id: Uuid) -> Result<Option<CreatorFigures>, StoreError> {
    let Some(bytes) = tree.get(key(block)).map_err(StoreError::from_sled)? else {
        return Ok(None);
    };
    let records: Records = blocks::split(&bytes)?;
    let found = records.iter().find(|r| super::codec::id_of(r) == Some(id)).map(decode);
    let Some(mut figures) = found.transpose()? else {
        return Ok(None);
    };
    Sources::default().fill(tree, &mut figures)?;
    Ok(Some(figures))
}

/// The figures stored in block `block`, by creator, as records hold them
/// (sources not looked up: for rewriting the block).
pub(crate) fn read_block(tree: &sled::Tree, block: u32) -> Result<HashMap<Uuid, CreatorFigures>, StoreError> {
    let Some(bytes) = tree.get(key(block)).map_err(StoreError::from_sled)? else {
        return Ok(HashMap::new());
    };
    let records = blocks::split(&bytes)?;
    let all = records.iter().map(decode).collect::<Result<Vec<_>, _>>()?;
    Ok(all.into_iter().map(|f| (f.influencer_id, f)).collect())
}

/// Every creator's stored figures, block by block (the workspace export).
pub(crate) fn for_each(
    tree: &sled::Tree,
    mut each: impl FnMut(CreatorFigures) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut sources = Sources::default();
    for entry in tree.scan_prefix(b"f") {
        let (_, bytes) = entry.map_err(StoreError::from_sled)?;
        for record in blocks::split(&bytes)?.iter() {
            let mut figures = decode(record)?;
            sources.fill(tree, &mut figures)?;
            each(figures)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_round_trip_and_damage_is_an_error() {
        let mut figures = CreatorFigures::new(Uuid::from_u128(7), "list.csv, imported 2026-12-02", Utc::now());
        figures.source = String::new();
        figures.imported_at = DateTime::UNIX_EPOCH;
        figures.import = 3;
        figures.credibility = Some(Rate::Fraction(0.81));
        figures.audience_country = Some("BR".into());
        let account = figures.account_mut(Platform::Youtube);
        account.engagement_rate = Some(Rate::OfColumn { column: 9, number: 3.4 });
        account.avg_likes = Some(412);
        account.avg_views = Some(48_500_000);
        figures.account_mut(Platform::Tiktok).avg_comments = Some(18);
        let bytes = encoded(&figures);
        assert_eq!(decode(&bytes).unwrap(), figures);
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn newer_figures_win_and_gaps_keep_the_older() {
        let at = Utc::now();
        let mut older = CreatorFigures::new(Uuid::from_u128(1), "a.csv", at);
        older.account_mut(Platform::Instagram).avg_likes = Some(100);
        older.account_mut(Platform::Instagram).avg_comments = Some(10);
        let mut newer = CreatorFigures::new(Uuid::from_u128(1), "b.csv", at);
        newer.account_mut(Platform::Instagram).avg_likes = Some(150);
        newer.account_mut(Platform::Instagram).engagement_rate = Some(Rate::Fraction(0.02));
        older.absorb(newer);
        let account = &older.accounts[0];
        assert_eq!(
            (account.avg_likes, account.avg_comments, account.engagement_rate),
            (Some(150), Some(10), Some(Rate::Fraction(0.02)))
        );
        assert_eq!(older.source, "b.csv");
    }

    #[test]
    fn plain_rates_take_their_column_scale() {
        let mut figures = CreatorFigures::new(Uuid::from_u128(1), "a.csv", Utc::now());
        figures.account_mut(Platform::Instagram).engagement_rate = Some(Rate::OfColumn { column: 3, number: 3.4 });
        figures.mass_followers = Some(Rate::Fraction(0.2));
        figures.resolve(|column, number| if column == 3 { number / 100.0 } else { number });
        assert_eq!(figures.accounts[0].engagement_rate, Some(Rate::Fraction(0.034)));
        assert_eq!(figures.mass_followers, Some(Rate::Fraction(0.2)));
    }
}
