//! Who works in this data folder: the name the timeline, the research
//! checklist and the payments record as "by".
//!
//! It belongs to the person, not to the workspace: it lives in its own tree
//! and is neither exported with the workspace nor replaced by an import, so
//! a colleague who opens an exported workspace logs their own name. Until a
//! person gives one, it is the operating system's full name for the
//! account (then the login name), so nothing is ever "unknown user" where
//! the system knows better.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::FieldError;
use crate::store::{Record, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct You {
    name: String,
}

impl Record for You {
    const TREE: &'static str = "identity";
    const KIND: &'static str = "identity";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        KEY.to_vec()
    }
}

const KEY: &[u8] = b"you";
/// Longer is a sentence, not a name.
const MAX_CHARS: usize = 80;

/// The name logged, and whether the person chose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Identity {
    pub name: String,
    /// `false` while it is the system's guess: the window asks once.
    pub chosen: bool,
    /// The system's full name for this account, offered as the default.
    pub system_name: String,
}

/// The operating system's full name for the account running the app, else
/// its login name.
pub fn system_name() -> String {
    let real = whoami::fallible::realname().ok();
    let login = whoami::fallible::username().ok();
    real.into_iter()
        .chain(login)
        .chain(
            ["USER", "USERNAME", "LOGNAME"]
                .into_iter()
                .filter_map(|v| std::env::var(v).ok()),
        )
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown user".to_string())
}

pub fn get(store: &Store) -> Result<Identity, StoreError> {
    let system_name = system_name();
    Ok(match store.get::<You>(KEY)? {
        Some(you) => Identity {
            name: you.name,
            chosen: true,
            system_name,
        },
        None => Identity {
            name: system_name.clone(),
            chosen: false,
            system_name,
        },
    })
}

/// The name to log as "by" now. A store that cannot be read still logs the
/// system's name rather than failing the write it is part of.
pub fn your_name(store: &Store) -> String {
    match store.get::<You>(KEY) {
        Ok(Some(you)) => you.name,
        _ => system_name(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("{}", .0.message)]
    Invalid(FieldError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Keeps `name` as the one logged from now on; what was logged before keeps
/// the name it was logged with.
pub fn set(store: &Store, name: &str) -> Result<Identity, IdentityError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(IdentityError::Invalid(FieldError::new(
            "name",
            "Your name is what the timeline and checklist show beside what you did; it cannot be empty.",
        )));
    }
    if name.chars().count() > MAX_CHARS {
        return Err(IdentityError::Invalid(FieldError::new(
            "name",
            format!(
                "Your name is at most {MAX_CHARS} characters; this is {}.",
                name.chars().count()
            ),
        )));
    }
    store.put(&You { name: name.clone() })?;
    // A copy in a team: its changes carry the same name as what it logs.
    if crate::sync::log::joined_as(store).is_some_and(|author| author != name) {
        crate::sync::log::join(store, &name)?;
    }
    Ok(get(store)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_name_stands_in_until_a_name_is_chosen_and_the_chosen_one_is_logged() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let before = get(&store).unwrap();
        assert!(!before.chosen);
        assert_eq!(before.name, system_name());
        assert!(!before.name.is_empty());

        let chosen = set(&store, "  Lena   Vogt ").unwrap();
        assert_eq!((chosen.name.as_str(), chosen.chosen), ("Lena Vogt", true));
        assert_eq!(your_name(&store), "Lena Vogt");

        let empty = set(&store, "   ").unwrap_err().to_string();
        assert!(empty.contains("cannot be empty"), "{empty}");
        let long = set(&store, &"a".repeat(81)).unwrap_err().to_string();
        assert_eq!(long, "Your name is at most 80 characters; this is 81.");
        assert_eq!(your_name(&store), "Lena Vogt", "a refused name changes nothing");
    }
}
