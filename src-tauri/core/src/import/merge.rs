//! Folding a file's rows into the roster: the same account is the same
//! creator, within the file and against what is already stored.
//!
//! Rules: a row that names any known account updates that creator; newer
//! numbers win (a later row, or the file over the roster); an empty cell
//! never overwrites anything; a name or notes typed by hand are kept.

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::rows::RowCreator;
use crate::roster::figures::PendingFigures;
use crate::roster::{self, Account, Influencer, Platform};
use crate::roster::{account_key, AccountMap, EncodedCreators, Writer};
use crate::store::StoreError;

/// Where the merger finds the creators already stored.
pub trait Holders {
    /// The stored creator holding this account.
    fn holder_of(&self, platform: Platform, handle: &str) -> Result<Option<Influencer>, StoreError>;
}

impl Holders for Writer<'_> {
    fn holder_of(&self, platform: Platform, handle: &str) -> Result<Option<Influencer>, StoreError> {
        Ok(Writer::holder_of(self, platform, handle)?.map(|(_, influencer)| influencer))
    }
}

/// A plain list of creators, for tests and previews.
impl Holders for Vec<Influencer> {
    fn holder_of(&self, platform: Platform, handle: &str) -> Result<Option<Influencer>, StoreError> {
        Ok(self
            .iter()
            .find(|i| i.accounts.iter().any(|a| a.platform == platform && a.handle == handle))
            .cloned())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Existing(u32),
    New(u32),
}

/// Why a row was not merged.
#[derive(Debug)]
pub enum NotMerged {
    /// The row is rejected for this reason; the import goes on.
    Rejected(String),
    /// The store could not be read; the import stops.
    Store(StoreError),
}

impl From<StoreError> for NotMerged {
    fn from(e: StoreError) -> NotMerged {
        NotMerged::Store(e)
    }
}

impl From<String> for NotMerged {
    fn from(reason: String) -> NotMerged {
        NotMerged::Rejected(reason)
    }
}

/// What the file does to the roster, before anything is written.
#[derive(Debug, Default)]
pub struct Merged {
    /// New creators, encoded for the store.
    pub new: EncodedCreators,
    /// Stored creators the file changed: (now, as stored before).
    pub updated: Vec<(Influencer, Influencer)>,
    pub unchanged: usize,
    /// Engagement and audience figures, written in the same batch.
    pub figures: PendingFigures,
    /// Rate columns in percents (`values::RateScale::of_column`'s rule);
    /// the others hold fractions.
    pub percent_columns: BTreeSet<u32>,
}

impl Merged {
    /// The new creators, decoded (for tests and small files).
    pub fn new_influencers(&self) -> Vec<Influencer> {
        self.new.iter().filter_map(|r| roster::decode_record(r).ok()).collect()
    }
}

/// A stored creator some row matched: as stored, and with the rows so far.
/// Both encoded, so re-importing a large roster does not hold it twice as
/// Rust values.
struct Touched {
    original: Box<[u8]>,
    current: Box<[u8]>,
}

/// Folds rows into creators. Memory stays near the size of the encoded new
/// creators: the roster itself is only read for the accounts rows name.
pub struct Merger<'r> {
    roster: &'r dyn Holders,
    slots: AccountMap<Slot>,
    new: EncodedCreators,
    touched: Vec<Touched>,
    touched_by_id: HashMap<Uuid, u32>,
    figures: PendingFigures,
    percent_columns: BTreeSet<u32>,
    now: DateTime<Utc>,
}

fn encode(influencer: &Influencer) -> Box<[u8]> {
    roster::encode_record(influencer).into_boxed_slice()
}

fn decode(record: &[u8]) -> Result<Influencer, StoreError> {
    roster::decode_record(record)
}

fn holds(influencer: &Influencer, platform: Platform, handle: &str) -> bool {
    influencer
        .accounts
        .iter()
        .any(|a| a.platform == platform && a.handle == handle)
}

impl<'r> Merger<'r> {
    /// `expected_bytes`: about how much the new creators will take encoded
    /// (the file's size is a fair guess); reserved up front, used as needed.
    /// `source` names the file in the figures it gives.
    pub fn new(roster: &'r dyn Holders, now: DateTime<Utc>, expected_bytes: usize, source: &str) -> Merger<'r> {
        Merger {
            roster,
            slots: AccountMap::default(),
            new: EncodedCreators::with_capacity(expected_bytes),
            touched: Vec::new(),
            touched_by_id: HashMap::new(),
            figures: PendingFigures::new(source, now),
            percent_columns: BTreeSet::new(),
            now,
        }
    }

    fn record(&self, slot: Slot) -> &[u8] {
        match slot {
            Slot::Existing(i) => &self.touched[i as usize].current,
            Slot::New(i) => self.new.get(i as usize),
        }
    }

    fn remember(&mut self, influencer: &Influencer, slot: Slot) {
        for account in &influencer.accounts {
            self.slots.insert(account_key(account.platform, &account.handle), slot);
        }
    }

    /// The creator this account belongs to: one the file already named, or
    /// one on the roster.
    fn find(&mut self, platform: Platform, handle: &str) -> Result<Option<Slot>, StoreError> {
        if let Some(&slot) = self.slots.get(&account_key(platform, handle)) {
            // Keys are digests: make sure it is this account, not a lookalike.
            if holds(&decode(self.record(slot))?, platform, handle) {
                return Ok(Some(slot));
            }
        }
        let Some(stored) = self.roster.holder_of(platform, handle)? else {
            return Ok(None);
        };
        if let Some(&i) = self.touched_by_id.get(&stored.id) {
            return Ok(Some(Slot::Existing(i)));
        }
        let i = self.touched.len() as u32;
        let record = encode(&stored);
        self.touched.push(Touched {
            original: record.clone(),
            current: record,
        });
        self.touched_by_id.insert(stored.id, i);
        self.remember(&stored, Slot::Existing(i));
        Ok(Some(Slot::Existing(i)))
    }

    /// Folds one row in. A `Rejected` row leaves nothing behind.
    pub fn add(&mut self, mut row: RowCreator) -> Result<(), NotMerged> {
        let mut figures = std::mem::take(&mut row.figures);
        let percent_columns = std::mem::take(&mut row.percent_columns);
        let mut slots: Vec<Slot> = Vec::new();
        for (platform, handle, _) in &row.accounts {
            if let Some(slot) = self.find(*platform, handle)? {
                if !slots.contains(&slot) {
                    slots.push(slot);
                }
            }
        }
        let (id, slot) = match slots.as_slice() {
            [] => self.add_new(row)?,
            [slot] => (self.update(*slot, row)?, *slot),
            _ => {
                let mut names = Vec::new();
                for slot in &slots {
                    names.push(decode(self.record(*slot))?.name);
                }
                return Err(NotMerged::Rejected(format!(
                    "its accounts belong to different creators already ({}); split the row or merge them on the roster first",
                    names.join(" and ")
                )));
            }
        };
        self.percent_columns.extend(percent_columns);
        if !figures.is_empty() {
            figures.influencer_id = id;
            match slot {
                Slot::New(i) => self.figures.add_new(i as usize, figures)?,
                Slot::Existing(_) => self.figures.add_stored(figures)?,
            }
        }
        Ok(())
    }

    fn add_new(&mut self, row: RowCreator) -> Result<(Uuid, Slot), NotMerged> {
        // A creator known only by a handle is named after it.
        let name = row.name.unwrap_or_else(|| {
            row.accounts
                .first()
                .map(|(_, handle, _)| format!("@{handle}"))
                .unwrap_or_default()
        });
        // Each field was read through the roster's own normalising
        // functions (`rows`): only the limits are left to check.
        let clean = roster::ValidDraft {
            name,
            accounts: row
                .accounts
                .into_iter()
                .map(|(platform, handle, followers)| Account {
                    platform,
                    handle,
                    followers: followers.unwrap_or(0),
                })
                .collect(),
            email: row.email,
            country: row.country,
            niches: row.niches,
            notes: row.notes.unwrap_or_default(),
        };
        roster::check_limits(&clean).map_err(first_message)?;
        let influencer = clean.into_new(Uuid::new_v4(), self.now);
        let slot = Slot::New(self.new.push(&influencer) as u32);
        self.remember(&influencer, slot);
        Ok((influencer.id, slot))
    }

    fn update(&mut self, slot: Slot, row: RowCreator) -> Result<Uuid, NotMerged> {
        let mut merged = decode(self.record(slot))?;
        if !apply(&mut merged, &row) {
            return Ok(merged.id);
        }
        // The result must still be a valid influencer (lengths, limits).
        roster::validate(&merged.to_draft()).map_err(first_message)?;
        merged.updated_at = self.now;
        self.remember(&merged, slot);
        match slot {
            Slot::Existing(i) => self.touched[i as usize].current = encode(&merged),
            Slot::New(i) => self.new.replace(i as usize, &merged),
        }
        Ok(merged.id)
    }

    pub fn finish(self) -> Result<Merged, StoreError> {
        let mut updated = Vec::new();
        let mut unchanged = 0;
        for touched in &self.touched {
            if touched.current == touched.original {
                unchanged += 1;
                continue;
            }
            let before = decode(&touched.original)?;
            let mut now = decode(&touched.current)?;
            // 48,200 then 48,500 then 48,200 again is no change.
            now.updated_at = before.updated_at;
            if now == before {
                unchanged += 1;
            } else {
                now.updated_at = self.now;
                updated.push((now, before));
            }
        }
        Ok(Merged {
            new: self.new,
            updated,
            unchanged,
            figures: self.figures,
            percent_columns: self.percent_columns,
        })
    }
}

/// Applies a row to a creator; `true` if anything changed.
fn apply(influencer: &mut Influencer, row: &RowCreator) -> bool {
    let before = influencer.clone();
    for (platform, handle, followers) in &row.accounts {
        match influencer
            .accounts
            .iter_mut()
            .find(|a| a.platform == *platform && a.handle == *handle)
        {
            Some(account) => {
                if let Some(count) = followers {
                    account.followers = *count;
                }
            }
            None => influencer.accounts.push(Account {
                platform: *platform,
                handle: handle.clone(),
                followers: followers.unwrap_or(0),
            }),
        }
    }
    // A placeholder name made from a handle gives way to a real one.
    if let Some(name) = &row.name {
        if influencer.name.starts_with('@') {
            influencer.name = name.clone();
        }
    }
    if row.email.is_some() {
        influencer.email = row.email.clone();
    }
    if row.country.is_some() {
        influencer.country = row.country.clone();
    }
    for niche in &row.niches {
        if !influencer.niches.contains(niche) {
            influencer.niches.push(niche.clone());
        }
    }
    if let Some(notes) = &row.notes {
        if influencer.notes.is_empty() {
            influencer.notes = notes.clone();
        }
    }
    *influencer != before
}

fn first_message(errors: Vec<roster::FieldError>) -> NotMerged {
    let reason = errors
        .into_iter()
        .next()
        .map(|e| e.message.trim_end_matches('.').to_string())
        .unwrap_or_else(|| "the row is not a valid creator".into());
    NotMerged::Rejected(reason)
}

#[cfg(test)]
mod tests;
