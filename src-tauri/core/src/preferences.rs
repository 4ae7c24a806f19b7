//! The workspace's preferences: the currency new campaigns and fees start
//! in, the locale numbers and dates are shown in, and whether the first-run
//! welcome has been answered. Kept in the workspace (not per machine), so a
//! team that moves its workspace keeps them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::FieldError;
use crate::store::{Record, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Preferences {
    /// ISO 4217 code, e.g. "EUR".
    pub default_currency: String,
    /// A tag from `LOCALES`; `null` follows the system's language.
    pub locale: Option<String>,
    /// The welcome was answered (sample or empty); it is not offered again.
    #[serde(default)]
    pub welcomed: bool,
}

impl Default for Preferences {
    fn default() -> Preferences {
        Preferences {
            default_currency: "EUR".into(),
            locale: None,
            welcomed: false,
        }
    }
}

impl Record for Preferences {
    const TREE: &'static str = "preferences";
    const KIND: &'static str = "preference";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        KEY.to_vec()
    }
}

const KEY: &[u8] = b"preferences";

/// A locale the window can format numbers and dates in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LocaleOption {
    pub tag: &'static str,
    /// In its own language, as people look for it.
    pub name: &'static str,
}

/// The locales offered. Chosen so that the markets of the disclosure rules
/// are covered, and each formats numbers differently enough to matter
/// ("1,234.5", "1.234,5", "1 234,5", "1’234.5").
pub const LOCALES: &[LocaleOption] = &[
    LocaleOption {
        tag: "en-US",
        name: "English (United States)",
    },
    LocaleOption {
        tag: "en-GB",
        name: "English (United Kingdom)",
    },
    LocaleOption {
        tag: "de-DE",
        name: "Deutsch (Deutschland)",
    },
    LocaleOption {
        tag: "de-CH",
        name: "Deutsch (Schweiz)",
    },
    LocaleOption {
        tag: "fr-FR",
        name: "Français (France)",
    },
    LocaleOption {
        tag: "es-ES",
        name: "Español (España)",
    },
    LocaleOption {
        tag: "it-IT",
        name: "Italiano (Italia)",
    },
    LocaleOption {
        tag: "nl-NL",
        name: "Nederlands (Nederland)",
    },
    LocaleOption {
        tag: "pt-PT",
        name: "Português (Portugal)",
    },
    LocaleOption {
        tag: "pt-BR",
        name: "Português (Brasil)",
    },
    LocaleOption {
        tag: "sv-SE",
        name: "Svenska (Sverige)",
    },
    LocaleOption {
        tag: "pl-PL",
        name: "Polski (Polska)",
    },
];

/// What can be changed in Settings.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct PreferencesDraft {
    pub default_currency: String,
    pub locale: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum PreferencesError {
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The workspace's preferences, or the defaults if never set.
pub fn get(store: &Store) -> Result<Preferences, StoreError> {
    Ok(store.get::<Preferences>(KEY)?.unwrap_or_default())
}

/// Checks and stores the currency and locale; the welcome flag is kept.
pub fn set(store: &Store, draft: &PreferencesDraft) -> Result<Preferences, PreferencesError> {
    let mut preferences = get(store)?;
    let checked = check(&draft.default_currency, draft.locale.as_deref()).map_err(PreferencesError::Invalid)?;
    preferences.default_currency = checked.0;
    preferences.locale = checked.1;
    store.put(&preferences)?;
    Ok(preferences)
}

/// Notes that the welcome was answered, so later starts go straight in.
pub fn mark_welcomed(store: &Store) -> Result<Preferences, StoreError> {
    let mut preferences = get(store)?;
    if !preferences.welcomed {
        preferences.welcomed = true;
        store.put(&preferences)?;
    }
    Ok(preferences)
}

/// Stores preferences read from a workspace file (already checked).
pub(crate) fn replace(store: &Store, preferences: Option<&Preferences>) -> Result<(), StoreError> {
    match preferences {
        Some(preferences) => store.put(preferences),
        None => store.remove::<Preferences>(KEY).map(|_| ()),
    }
}

/// Problems with preferences as stored in a file, worded for a person.
pub(crate) fn problems(preferences: &Preferences) -> Vec<FieldError> {
    check(&preferences.default_currency, preferences.locale.as_deref())
        .err()
        .unwrap_or_default()
}

fn check(currency: &str, locale: Option<&str>) -> Result<(String, Option<String>), Vec<FieldError>> {
    let mut errors = Vec::new();
    let currency = currency.trim().to_ascii_uppercase();
    if crate::campaign::money::exponent(&currency).is_none() {
        errors.push(FieldError::new(
            "default_currency",
            format!("\"{currency}\" is not a currency Partnerly knows; choose one from the list (ISO 4217, like EUR or USD)."),
        ));
    }
    let locale = locale.map(str::trim).filter(|tag| !tag.is_empty());
    if let Some(tag) = locale {
        if !LOCALES.iter().any(|option| option.tag == tag) {
            errors.push(FieldError::new(
                "locale",
                format!("\"{tag}\" is not one of the offered locales; choose one from the list, or the system's."),
            ));
        }
    }
    if errors.is_empty() {
        Ok((currency, locale.map(String::from)))
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    #[test]
    fn a_new_workspace_starts_in_euros_with_the_system_locale_and_the_welcome_to_come() {
        let (_dir, store) = store();
        assert_eq!(get(&store).unwrap(), Preferences::default());
        assert!(!get(&store).unwrap().welcomed);
    }

    #[test]
    fn currency_and_locale_are_checked_and_kept_apart_from_the_welcome() {
        let (_dir, store) = store();
        mark_welcomed(&store).unwrap();
        let draft = PreferencesDraft {
            default_currency: " gbp ".into(),
            locale: Some("de-DE".into()),
        };
        let saved = set(&store, &draft).unwrap();
        assert_eq!(saved.default_currency, "GBP");
        assert_eq!(saved.locale.as_deref(), Some("de-DE"));
        assert!(saved.welcomed, "changing settings must not bring the welcome back");
        assert_eq!(get(&store).unwrap(), saved);

        let bad = PreferencesDraft {
            default_currency: "EURO".into(),
            locale: Some("xx-YY".into()),
        };
        let PreferencesError::Invalid(errors) = set(&store, &bad).unwrap_err() else {
            panic!("expected field errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["default_currency", "locale"]);
        assert!(errors[0].message.contains("\"EURO\""), "{}", errors[0].message);
        assert_eq!(get(&store).unwrap(), saved, "a refused change stores nothing");

        let system = PreferencesDraft {
            default_currency: "USD".into(),
            locale: Some("  ".into()),
        };
        assert_eq!(set(&store, &system).unwrap().locale, None);
    }
}
