//! Possible duplicates on the roster: two records with the same email, or
//! the same name and country with accounts on different platforms (one
//! person imported once from an Instagram list and once from a TikTok
//! one). A person reviews each pair: merges it, or says they are two people
//! so it is not offered again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::roster::{self, Influencer, RosterError};
use crate::store::{Record, Store, StoreError};

/// Pairs listed at most: a review, not a report.
const MAX_PAIRS: usize = 500;

/// Two creators a person said are different people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotDuplicates {
    pub first: Uuid,
    pub second: Uuid,
}

impl Record for NotDuplicates {
    const TREE: &'static str = "not_duplicates";
    const KIND: &'static str = "pair of different creators";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        pair_key(self.first, self.second)
    }
}

fn pair_key(a: Uuid, b: Uuid) -> Vec<u8> {
    let (low, high) = if a < b { (a, b) } else { (b, a) };
    [low.as_bytes().as_slice(), high.as_bytes().as_slice()].concat()
}

/// Two records that may be one person, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DuplicatePair {
    pub first: Influencer,
    pub second: Influencer,
    /// "Same email: mara@maracosta.pt".
    pub reasons: Vec<String>,
}

/// "Mara Costa", "mara  costa", "MARA COSTA" are one name.
fn name_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn platforms(influencer: &Influencer) -> Vec<&'static str> {
    influencer.accounts.iter().map(|a| a.platform.label()).collect()
}

/// Every pair to review, those with the same email first.
pub fn find(store: &Store) -> Result<Vec<DuplicatePair>, RosterError> {
    let creators = roster::list(store)?;
    let dismissed: std::collections::HashSet<Vec<u8>> = store.all::<NotDuplicates>()?.iter().map(Record::key).collect();
    let mut by_email: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for (at, creator) in creators.iter().enumerate() {
        if let Some(email) = creator
            .email
            .as_deref()
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty())
        {
            by_email.entry(email).or_default().push(at);
        }
        if let Some(country) = creator.country.as_deref().filter(|c| !c.is_empty()) {
            by_name
                .entry((name_key(&creator.name), country.to_uppercase()))
                .or_default()
                .push(at);
        }
    }
    let mut reasons: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    let mut order: Vec<(usize, usize)> = Vec::new();
    let mut note = |a: usize, b: usize, why: String| {
        let pair = (a.min(b), a.max(b));
        let list = reasons.entry(pair).or_insert_with(|| {
            order.push(pair);
            Vec::new()
        });
        list.push(why);
    };
    let mut emails: Vec<(&String, &Vec<usize>)> = by_email.iter().filter(|(_, at)| at.len() > 1).collect();
    emails.sort();
    for (email, at) in emails {
        for (i, &a) in at.iter().enumerate() {
            for &b in &at[i + 1..] {
                note(a, b, format!("Same email: {email}"));
            }
        }
    }
    let mut names: Vec<(&(String, String), &Vec<usize>)> = by_name.iter().filter(|(_, at)| at.len() > 1).collect();
    names.sort();
    for ((_, country), at) in names {
        for (i, &a) in at.iter().enumerate() {
            for &b in &at[i + 1..] {
                let (pa, pb) = (platforms(&creators[a]), platforms(&creators[b]));
                // Same name and country on the same platform are usually two people.
                if pa.iter().any(|p| pb.contains(p)) {
                    continue;
                }
                note(
                    a,
                    b,
                    format!("Same name in {country}, on {} and on {}", pa.join(", "), pb.join(", ")),
                );
            }
        }
    }
    Ok(order
        .into_iter()
        .filter(|(a, b)| !dismissed.contains(&pair_key(creators[*a].id, creators[*b].id)))
        .take(MAX_PAIRS)
        .map(|(a, b)| DuplicatePair {
            reasons: reasons.remove(&(a, b)).unwrap_or_default(),
            first: creators[a].clone(),
            second: creators[b].clone(),
        })
        .collect())
}

/// Remembers that two creators are different people.
pub fn dismiss(store: &Store, first: &str, second: &str) -> Result<(), RosterError> {
    let (a, b) = (roster::get(store, first)?.id, roster::get(store, second)?.id);
    store
        .put(&NotDuplicates { first: a, second: b })
        .map_err(StoreError::into)
}
