//! Tags on creators ("summer-2027", "agency: Viral Nation"): the team's own
//! words to group the roster by. They live beside the roster, keyed by
//! creator, rather than in the roster's compact records, so tagging a
//! filtered view of thousands of creators is one small batch, not a
//! rewrite of their blocks.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::roster::{self, FieldError, RosterError, RosterFilter, SortBy};
use crate::store::{Record, Store, StoreError};

/// Longer is a note, not a tag.
const MAX_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CreatorTags {
    pub influencer_id: Uuid,
    pub tags: Vec<String>,
}

impl Record for CreatorTags {
    const TREE: &'static str = "creator_tags";
    const KIND: &'static str = "creator tags";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.influencer_id.as_bytes().to_vec()
    }
}

/// A tag and how many creators carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TagCount {
    pub tag: String,
    pub creators: u32,
}

/// A tag as typed, tidied: spaces collapsed; refused when empty or long.
pub fn tidy(tag: &str) -> Result<String, RosterError> {
    let tidy = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    let problem = if tidy.is_empty() {
        Some("A tag needs a word.".to_string())
    } else if tidy.chars().count() > MAX_CHARS {
        Some(format!(
            "A tag is at most {MAX_CHARS} characters; use the notes for more."
        ))
    } else {
        None
    };
    match problem {
        Some(message) => Err(RosterError::Invalid(vec![FieldError::new("tag", message)])),
        None => Ok(tidy),
    }
}

fn same(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

pub fn tags_of(store: &Store, id: Uuid) -> Result<Vec<String>, StoreError> {
    Ok(store
        .get::<CreatorTags>(id.as_bytes())?
        .map(|t| t.tags)
        .unwrap_or_default())
}

/// Every creator's tags, by creator.
pub fn all(store: &Store) -> Result<BTreeMap<Uuid, Vec<String>>, StoreError> {
    Ok(store
        .all::<CreatorTags>()?
        .into_iter()
        .map(|t| (t.influencer_id, t.tags))
        .collect())
}

/// Every tag in use, the most used first, each written as first given.
pub fn counts(store: &Store) -> Result<Vec<TagCount>, StoreError> {
    let mut counts: Vec<TagCount> = Vec::new();
    for tags in store.all::<CreatorTags>()? {
        for tag in tags.tags {
            match counts.iter_mut().find(|c| same(&c.tag, &tag)) {
                Some(count) => count.creators += 1,
                None => counts.push(TagCount { tag, creators: 1 }),
            }
        }
    }
    counts.sort_by(|a, b| {
        b.creators
            .cmp(&a.creators)
            .then_with(|| a.tag.to_lowercase().cmp(&b.tag.to_lowercase()))
    });
    Ok(counts)
}

/// The creators carrying `tag`, any case: what the roster filter keeps.
pub fn ids_with(store: &Store, tag: &str) -> Result<HashSet<Uuid>, StoreError> {
    Ok(store
        .all::<CreatorTags>()?
        .into_iter()
        .filter(|t| t.tags.iter().any(|x| same(x, tag.trim())))
        .map(|t| t.influencer_id)
        .collect())
}

/// A tag as the workspace already writes it ("DACH 2027" for "dach 2027"),
/// so one tag has one spelling; else as given.
fn spelled(store: &Store, tag: String) -> Result<String, StoreError> {
    Ok(counts(store)?
        .into_iter()
        .map(|c| c.tag)
        .find(|known| same(known, &tag))
        .unwrap_or(tag))
}

/// Sets one creator's tags as given (tidied, each once).
pub fn set(store: &Store, id: &str, tags: &[String]) -> Result<Vec<String>, RosterError> {
    let creator = roster::get(store, id)?;
    let mut kept: Vec<String> = Vec::new();
    for tag in tags {
        let tag = spelled(store, tidy(tag)?)?;
        if !kept.iter().any(|k| same(k, &tag)) {
            kept.push(tag);
        }
    }
    if kept.is_empty() {
        store.remove::<CreatorTags>(creator.id.as_bytes())?;
    } else {
        store.put(&CreatorTags {
            influencer_id: creator.id,
            tags: kept.clone(),
        })?;
    }
    Ok(kept)
}

/// Adds (or with `remove`, takes off) `tag` on every creator `filter`
/// keeps, in one batch; how many creators changed.
pub fn tag_matching(store: &Store, filter: &RosterFilter, tag: &str, remove: bool) -> Result<u32, RosterError> {
    let tag = spelled(store, tidy(tag)?)?;
    let ids: Vec<Uuid> = roster::query(store, filter, SortBy::Name, false)?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let mut changed = Vec::new();
    let mut emptied = Vec::new();
    for id in ids {
        let mut tags = tags_of(store, id)?;
        let has = tags.iter().any(|t| same(t, &tag));
        match (has, remove) {
            (false, false) => tags.push(tag.clone()),
            (true, true) => tags.retain(|t| !same(t, &tag)),
            _ => continue,
        }
        if tags.is_empty() {
            emptied.push(id);
        } else {
            changed.push(CreatorTags {
                influencer_id: id,
                tags,
            });
        }
    }
    store.put_many(&changed)?;
    for id in &emptied {
        store.remove::<CreatorTags>(id.as_bytes())?;
    }
    Ok((changed.len() + emptied.len()) as u32)
}
