//! Folding a file's rows into the roster: the same account is the same
//! creator, within the file and against what is already stored.
//!
//! Rules: a row that names any known account updates that creator; newer
//! numbers win (a later row, or the file over the roster); an empty cell
//! never overwrites anything; a name or notes typed by hand are kept.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::rows::RowCreator;
use crate::roster::{self, Account, Influencer, InfluencerDraft, Platform};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot {
    Existing(usize),
    New(usize),
}

/// What the file does to the roster, before anything is written.
#[derive(Debug, Default)]
pub struct Merged {
    pub new: Vec<Influencer>,
    pub updated: Vec<Influencer>,
    pub unchanged: usize,
}

pub struct Merger {
    existing: Vec<Influencer>,
    new: Vec<Influencer>,
    by_account: HashMap<(Platform, String), Slot>,
    /// The stored version of each existing creator a row changed, to tell at
    /// the end whether the rows together changed anything (48,200 then 48,500
    /// then 48,200 again is no change).
    originals: HashMap<usize, Influencer>,
    matched: HashSet<usize>,
    now: DateTime<Utc>,
}

impl Merger {
    pub fn new(existing: Vec<Influencer>, now: DateTime<Utc>) -> Merger {
        let mut by_account = HashMap::new();
        for (index, influencer) in existing.iter().enumerate() {
            for account in &influencer.accounts {
                by_account.insert((account.platform, account.handle.clone()), Slot::Existing(index));
            }
        }
        Merger {
            existing,
            new: Vec::new(),
            by_account,
            originals: HashMap::new(),
            matched: HashSet::new(),
            now,
        }
    }

    /// Folds one row in; an error is the reason the row is rejected, and
    /// then nothing of it is kept.
    pub fn add(&mut self, row: RowCreator) -> Result<(), String> {
        let mut slots: Vec<Slot> = Vec::new();
        for (platform, handle, _) in &row.accounts {
            if let Some(slot) = self.by_account.get(&(*platform, handle.clone())) {
                if !slots.contains(slot) {
                    slots.push(*slot);
                }
            }
        }
        match slots.as_slice() {
            [] => self.add_new(row),
            [slot] => self.update(*slot, row),
            _ => {
                let names: Vec<&str> = slots.iter().map(|s| self.get(*s).name.as_str()).collect();
                Err(format!(
                    "its accounts belong to different creators already ({}); split the row or merge them on the roster first",
                    names.join(" and ")
                ))
            }
        }
    }

    fn get(&self, slot: Slot) -> &Influencer {
        match slot {
            Slot::Existing(i) => &self.existing[i],
            Slot::New(i) => &self.new[i],
        }
    }

    fn add_new(&mut self, row: RowCreator) -> Result<(), String> {
        let fallback_name = row
            .accounts
            .first()
            .map(|(_, handle, _)| format!("@{handle}"))
            .unwrap_or_default();
        let draft = InfluencerDraft {
            name: row.name.clone().unwrap_or(fallback_name),
            accounts: row
                .accounts
                .iter()
                .map(|(platform, handle, followers)| roster::AccountDraft {
                    platform: *platform,
                    handle: handle.clone(),
                    followers: followers.unwrap_or(0) as i64,
                })
                .collect(),
            email: row.email.unwrap_or_default(),
            country: row.country.unwrap_or_default(),
            niches: row.niches,
            notes: row.notes.unwrap_or_default(),
        };
        let valid = roster::validate(&draft).map_err(first_message)?;
        let influencer = valid.into_new(Uuid::new_v4(), self.now);
        let slot = Slot::New(self.new.len());
        for account in &influencer.accounts {
            self.by_account.insert((account.platform, account.handle.clone()), slot);
        }
        self.new.push(influencer);
        Ok(())
    }

    fn update(&mut self, slot: Slot, row: RowCreator) -> Result<(), String> {
        let mut merged = self.get(slot).clone();
        let changed = apply(&mut merged, &row);
        if changed {
            // The result must still be a valid influencer (lengths, limits).
            roster::validate(&merged.to_draft()).map_err(first_message)?;
            merged.updated_at = self.now;
            for account in &merged.accounts {
                self.by_account.insert((account.platform, account.handle.clone()), slot);
            }
        }
        match slot {
            Slot::Existing(i) => {
                self.matched.insert(i);
                if changed {
                    let previous = std::mem::replace(&mut self.existing[i], merged);
                    self.originals.entry(i).or_insert(previous);
                }
            }
            Slot::New(i) => self.new[i] = merged,
        }
        Ok(())
    }

    pub fn finish(self) -> Merged {
        let originals = self.originals;
        let changed = |index: usize, now: &Influencer| {
            originals.get(&index).is_some_and(|before| {
                let mut compared = now.clone();
                compared.updated_at = before.updated_at;
                compared != *before
            })
        };
        let mut updated = Vec::new();
        let mut unchanged = 0;
        for (index, influencer) in self.existing.into_iter().enumerate() {
            if changed(index, &influencer) {
                updated.push(influencer);
            } else if self.matched.contains(&index) {
                unchanged += 1;
            }
        }
        Merged {
            new: self.new,
            updated,
            unchanged,
        }
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

fn first_message(errors: Vec<roster::FieldError>) -> String {
    errors
        .into_iter()
        .next()
        .map(|e| e.message.trim_end_matches('.').to_string())
        .unwrap_or_else(|| "the row is not a valid creator".into())
}

#[cfg(test)]
mod tests;
