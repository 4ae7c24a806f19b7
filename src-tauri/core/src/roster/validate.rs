//! Turning a draft into clean fields, or into sentences saying what is wrong.
//!
//! Each problem is reported against the field it belongs to (`accounts.1.handle`)
//! so the form can show it in place, and as a sentence that makes sense alone,
//! for the CLI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Platform;
use super::model::{Account, AccountDraft, InfluencerDraft};
use super::profile::parse_account_ref;
use crate::country;

pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_HANDLE_CHARS: usize = 100;
pub const MAX_NICHE_CHARS: usize = 40;
pub const MAX_NICHES: usize = 20;
pub const MAX_NOTES_CHARS: usize = 20_000;
/// More followers than any account has ever had: a typo, not a creator.
pub const MAX_FOLLOWERS: i64 = 10_000_000_000;

/// A problem with one field of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldError {
    /// Where: `name`, `email`, `accounts.0.handle`, ...
    pub field: String,
    /// What is wrong, as a sentence a person can act on.
    pub message: String,
}

impl FieldError {
    pub(crate) fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The fields of a valid draft, normalised.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidDraft {
    pub name: String,
    pub accounts: Vec<Account>,
    pub email: Option<String>,
    pub country: Option<String>,
    pub niches: Vec<String>,
    pub notes: String,
}

pub fn validate(draft: &InfluencerDraft) -> Result<ValidDraft, Vec<FieldError>> {
    let mut errors = Vec::new();

    let name = draft.name.trim().to_string();
    check_name(&name, &mut errors);

    check_has_accounts(draft.accounts.len(), &mut errors);
    let mut accounts: Vec<Account> = Vec::with_capacity(draft.accounts.len());
    for (index, account) in draft.accounts.iter().enumerate() {
        if let Some(account) = validate_account(index, account, &mut errors) {
            keep_unless_listed(index, account, &mut accounts, &mut errors);
        }
    }

    let email = match normalise_email(&draft.email) {
        Ok(email) => email,
        Err(message) => {
            errors.push(FieldError::new("email", message));
            None
        }
    };

    let country = match draft.country.trim() {
        "" => None,
        typed => {
            match country::resolve(typed) {
                Some(found) => Some(found.code.clone()),
                None => {
                    errors.push(FieldError::new(
                    "country",
                    format!("'{typed}' is not a country Partnerly knows; use a name like 'Germany' or a code like 'DE'."),
                ));
                    None
                }
            }
        }
    };

    let mut niches: Vec<String> = Vec::new();
    for niche in &draft.niches {
        let niche = niche_label(niche);
        if !niche.is_empty() && !niches.contains(&niche) {
            niches.push(niche);
        }
    }
    check_niches(&niches, &mut errors);

    let notes = draft.notes.trim().to_string();
    check_notes(&notes, &mut errors);

    if errors.is_empty() {
        Ok(ValidDraft {
            name,
            accounts,
            email,
            country,
            niches,
            notes,
        })
    } else {
        Err(errors)
    }
}

/// The limits of `validate` for fields that are clean already, as an
/// import's rows are (`import::rows` reads each cell through the same
/// normalising functions): the same checks, in the same order, without
/// reading every field a second time.
pub fn check_limits(clean: &ValidDraft) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    check_name(&clean.name, &mut errors);
    check_has_accounts(clean.accounts.len(), &mut errors);
    for (index, account) in clean.accounts.iter().enumerate() {
        check_followers(
            index,
            account.platform,
            i64::try_from(account.followers).unwrap_or(i64::MAX),
            &mut errors,
        );
        let earlier = &clean.accounts[..index];
        if earlier
            .iter()
            .any(|a| a.platform == account.platform && a.handle == account.handle)
        {
            errors.push(listed_twice(index, account));
        }
    }
    check_niches(&clean.niches, &mut errors);
    check_notes(&clean.notes, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn check_name(name: &str, errors: &mut Vec<FieldError>) {
    if name.is_empty() {
        errors.push(FieldError::new("name", "Enter the creator's name."));
    } else if name.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new(
            "name",
            format!("The name is longer than {MAX_NAME_CHARS} characters."),
        ));
    }
}

fn check_has_accounts(accounts: usize, errors: &mut Vec<FieldError>) {
    if accounts == 0 {
        errors.push(FieldError::new("accounts", "Add at least one social account."));
    }
}

fn listed_twice(index: usize, account: &Account) -> FieldError {
    FieldError::new(
        format!("accounts.{index}.handle"),
        format!(
            "Account {}: {} @{} is listed twice.",
            index + 1,
            account.platform.label(),
            account.handle
        ),
    )
}

fn keep_unless_listed(index: usize, account: Account, accounts: &mut Vec<Account>, errors: &mut Vec<FieldError>) {
    if accounts
        .iter()
        .any(|a| a.platform == account.platform && a.handle == account.handle)
    {
        errors.push(listed_twice(index, &account));
    } else {
        accounts.push(account);
    }
}

fn check_followers(index: usize, platform: Platform, followers: i64, errors: &mut Vec<FieldError>) {
    let number = index + 1;
    let label = platform.label();
    if followers < 0 {
        errors.push(FieldError::new(
            format!("accounts.{index}.followers"),
            format!("Account {number} ({label}): followers cannot be negative ({followers})."),
        ));
    } else if followers > MAX_FOLLOWERS {
        errors.push(FieldError::new(
            format!("accounts.{index}.followers"),
            format!("Account {number} ({label}): {followers} followers is more than any account has."),
        ));
    }
}

fn check_niches(niches: &[String], errors: &mut Vec<FieldError>) {
    for niche in niches {
        if niche.chars().count() > MAX_NICHE_CHARS {
            errors.push(FieldError::new(
                "niches",
                format!("The niche '{niche}' is longer than {MAX_NICHE_CHARS} characters."),
            ));
        }
    }
    if niches.len() > MAX_NICHES {
        errors.push(FieldError::new(
            "niches",
            format!("Keep to {MAX_NICHES} niches at most."),
        ));
    }
}

fn check_notes(notes: &str, errors: &mut Vec<FieldError>) {
    if notes.chars().count() > MAX_NOTES_CHARS {
        errors.push(FieldError::new(
            "notes",
            format!("Notes are longer than {MAX_NOTES_CHARS} characters."),
        ));
    }
}

fn validate_account(index: usize, draft: &AccountDraft, errors: &mut Vec<FieldError>) -> Option<Account> {
    let number = index + 1;
    let label = draft.platform.label();
    let before = errors.len();
    // A pasted profile link is as good as the handle, if it is on this platform.
    let handle = match parse_account_ref(&draft.handle, Some(draft.platform)).map(|(_, handle)| handle) {
        Ok(handle) => handle,
        Err(problem) => {
            errors.push(FieldError::new(
                format!("accounts.{index}.handle"),
                format!("Account {number} ({label}): {problem}"),
            ));
            String::new()
        }
    };
    check_followers(index, draft.platform, draft.followers, errors);
    (errors.len() == before).then_some(Account {
        platform: draft.platform,
        handle,
        followers: draft.followers as u64,
    })
}

/// `@Mara.Eats` and `mara.eats` are the same account: handles are stored in
/// lower case without the `@`.
pub fn normalise_handle(input: &str) -> Result<String, String> {
    normalise_handle_on(None, input)
}

/// A YouTube channel id (`UC` and 22 more letters, digits, `-` or `_`) is
/// not a handle but an id, and its case is part of it:
/// `UC9ODqSfRBs_bgrNdGuWmrUA` lower-cased is another channel. Handles on
/// every platform compare without case, so they are stored in lower case.
fn is_youtube_channel_id(handle: &str) -> bool {
    handle.len() == 24
        && handle.starts_with("UC")
        && handle
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `normalise_handle` for an account on `platform`, where ids whose case
/// matters keep it.
pub fn normalise_handle_on(platform: Option<Platform>, input: &str) -> Result<String, String> {
    let trimmed = input.trim();
    let handle = trimmed.strip_prefix('@').unwrap_or(trimmed).trim();
    if handle.is_empty() {
        return Err("enter the handle.".into());
    }
    if handle.contains('/') {
        return Err(format!("enter the handle (like @name), not a link: '{trimmed}'."));
    }
    if let Some(bad) = handle
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        let shown = if bad.is_whitespace() {
            "a space".to_string()
        } else {
            format!("'{bad}'")
        };
        return Err(format!(
            "the handle '{trimmed}' contains {shown}; handles use letters, digits, dots, dashes and underscores."
        ));
    }
    if handle.chars().count() > MAX_HANDLE_CHARS {
        return Err(format!("the handle is longer than {MAX_HANDLE_CHARS} characters."));
    }
    if platform == Some(Platform::Youtube) && is_youtube_channel_id(handle) {
        return Ok(handle.to_string());
    }
    Ok(lower_case(handle))
}

/// A pragmatic check: one `@`, something before it, a dotted domain after it,
/// no spaces. Deliverability is for the mail server to decide.
pub fn normalise_email(input: &str) -> Result<Option<String>, String> {
    let email = input.trim();
    if email.is_empty() {
        return Ok(None);
    }
    let invalid = || {
        Err(format!(
            "'{email}' is not an email address; it should look like name@example.com."
        ))
    };
    let Some((local, domain)) = email.split_once('@') else {
        return invalid();
    };
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-') && !label.starts_with('-')
        });
    if local.is_empty() || local.contains(char::is_whitespace) || domain.contains('@') || !domain_ok {
        return invalid();
    }
    let mut normal = String::with_capacity(email.len());
    normal.push_str(local);
    normal.push('@');
    normal.push_str(&lower_case(domain));
    Ok(Some(normal))
}

/// A niche as stored: lower case, one space between words.
pub fn niche_label(text: &str) -> String {
    // Imports give the same few niches on every row, nearly always stored
    // as they are written already.
    let bytes = text.as_bytes();
    let stored_as_is = bytes
        .iter()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b.is_ascii_punctuation() || *b == b' ')
        && bytes.first() != Some(&b' ')
        && bytes.last() != Some(&b' ')
        && !text.contains("  ");
    if stored_as_is {
        return text.to_string();
    }
    let mut label = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !label.is_empty() {
            label.push(' ');
        }
        label.push_str(&lower_case(word));
    }
    label
}

/// `str::to_lowercase`, quicker for the ASCII text nearly every handle and
/// address is.
fn lower_case(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    }
}

#[cfg(test)]
mod tests;
