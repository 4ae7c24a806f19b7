//! The whole workspace as one JSON file: the user's way out, and back in.
//!
//! Export writes to a temporary file and renames it, so an interrupted export
//! never leaves half a file under the chosen name. Import reads and checks the
//! whole file before touching the store, keeps a JSON copy of what it is about
//! to replace, and swaps the data in one atomic batch.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::roster::{self, Influencer, Platform, RosterError};
use crate::store::{Store, StoreError};

pub mod backups;
mod vetting;

pub use vetting::VettingData;

/// Marks a JSON file as a Partnerly workspace.
pub const FORMAT: &str = "partnerly-workspace";
/// Bumped when the file layout changes in a way older versions cannot read.
pub const FORMAT_VERSION: u32 = 1;
/// More problems than this in one file are summarised as "and N more".
const MAX_LISTED_PROBLEMS: usize = 10;

#[derive(Debug, Serialize, Deserialize)]
pub struct WorkspaceFile {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub influencers: Vec<Influencer>,
    /// Brands, dossiers and tier boundaries (absent from older files).
    #[serde(flatten)]
    pub vetting: VettingData,
}

/// What an export or import moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WorkspaceSummary {
    pub influencers: u32,
    /// On import: the JSON copy of the data that was replaced.
    pub previous_data: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{} is not valid JSON: line {line}, column {column}: {detail}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("{} is not a Partnerly workspace file (it has no \"format\": \"{FORMAT}\")", path.display())]
    NotWorkspace { path: PathBuf },
    #[error("{} was exported by a newer Partnerly (workspace file version {found}); update Partnerly to import it", path.display())]
    TooNew { path: PathBuf, found: u32 },
    #[error("{} cannot be imported: line {line}, column {column}, at {at}: {detail}", path.display())]
    Shape {
        path: PathBuf,
        line: usize,
        column: usize,
        at: String,
        detail: String,
    },
    #[error("{} cannot be imported, nothing was changed: {}", path.display(), problems.join("; "))]
    Invalid { path: PathBuf, problems: Vec<String> },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes every record in the store to `path`.
pub fn export(store: &Store, path: &Path) -> Result<WorkspaceSummary, WorkspaceError> {
    let file = WorkspaceFile {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        exported_at: Utc::now(),
        influencers: roster::list(store).map_err(roster_to_store)?,
        vetting: vetting::read_all(store)?,
    };
    write_atomically(path, &file)?;
    Ok(WorkspaceSummary {
        influencers: file.influencers.len() as u32,
        previous_data: None,
    })
}

/// Replaces everything in the store with the workspace in `path`.
pub fn import(store: &Store, path: &Path) -> Result<WorkspaceSummary, WorkspaceError> {
    apply_import(store, prepare_import(path)?)
}

/// A workspace file that has been read and checked, ready to replace the
/// store's contents: the app shows what it holds before the person agrees.
#[derive(Debug)]
pub struct PreparedImport {
    pub path: PathBuf,
    pub exported_at: DateTime<Utc>,
    pub influencers: Vec<Influencer>,
    pub vetting: VettingData,
}

/// Reads and checks `path` without touching the store.
pub fn prepare_import(path: &Path) -> Result<PreparedImport, WorkspaceError> {
    let file = read(path)?;
    Ok(PreparedImport {
        path: path.to_path_buf(),
        exported_at: file.exported_at,
        influencers: check(path, file.influencers, &file.vetting)?,
        vetting: file.vetting,
    })
}

/// Swaps the store's contents for a prepared import, keeping a JSON copy of
/// what it replaces in the backups folder.
pub fn apply_import(store: &Store, prepared: PreparedImport) -> Result<WorkspaceSummary, WorkspaceError> {
    let previous = roster::list(store).map_err(roster_to_store)?;
    let previous_vetting = vetting::read_all(store)?;
    let nothing_to_keep =
        previous.is_empty() && previous_vetting.brands.is_empty() && previous_vetting.dossiers.is_empty();
    let previous_data = if nothing_to_keep {
        None
    } else {
        let stamp = Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let copy = store
            .backups_dir()
            .join(format!("workspace-before-import-{stamp}.json"));
        let backup = WorkspaceFile {
            format: FORMAT.into(),
            version: FORMAT_VERSION,
            exported_at: Utc::now(),
            influencers: previous,
            vetting: previous_vetting,
        };
        fs::create_dir_all(store.backups_dir()).map_err(|source| WorkspaceError::Write {
            path: store.backups_dir(),
            source,
        })?;
        write_atomically(&copy, &backup)?;
        Some(copy.display().to_string())
    };
    roster::replace_all(store, &prepared.influencers)?;
    vetting::replace(store, &prepared.vetting)?;
    Ok(WorkspaceSummary {
        influencers: prepared.influencers.len() as u32,
        previous_data,
    })
}

/// Reads and parses a workspace file, with the line, column and JSON path of
/// the first thing wrong in it.
pub fn read(path: &Path) -> Result<WorkspaceFile, WorkspaceError> {
    let bytes = fs::read(path).map_err(|source| WorkspaceError::Read {
        path: path.to_path_buf(),
        source,
    })?;

    // The marker first: a random JSON file should be called what it is, not
    // reported as a missing field deep inside.
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    let header: Header = serde_json::from_slice(&bytes).map_err(|e| {
        if e.is_data() {
            WorkspaceError::NotWorkspace {
                path: path.to_path_buf(),
            }
        } else {
            WorkspaceError::Syntax {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                detail: detail_of(&e),
            }
        }
    })?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(WorkspaceError::NotWorkspace {
            path: path.to_path_buf(),
        });
    }
    match header.version {
        Some(found) if found > FORMAT_VERSION => {
            return Err(WorkspaceError::TooNew {
                path: path.to_path_buf(),
                found,
            })
        }
        _ => {}
    }

    let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let at = e.path().to_string();
        let inner = e.into_inner();
        WorkspaceError::Shape {
            path: path.to_path_buf(),
            line: inner.line(),
            column: inner.column(),
            at,
            detail: detail_of(&inner),
        }
    })
}

/// Runs every record through the same rules as the form, so a hand-edited
/// file cannot smuggle in what the app would refuse.
fn check(path: &Path, influencers: Vec<Influencer>, vetting: &VettingData) -> Result<Vec<Influencer>, WorkspaceError> {
    let mut problems = Vec::new();
    let mut accepted: Vec<Influencer> = Vec::with_capacity(influencers.len());
    // Who holds each id and account so far: one pass, however large the file.
    let mut ids = HashSet::new();
    let mut holders: HashMap<(Platform, String), usize> = HashMap::new();
    for (index, influencer) in influencers.into_iter().enumerate() {
        let who = format!("influencers[{index}] ({})", influencer.name.trim());
        if !ids.insert(influencer.id) {
            problems.push(format!("{who}: the id {} is used twice", influencer.id));
            continue;
        }
        let valid = match roster::validate(&influencer.to_draft()) {
            Ok(valid) => valid,
            Err(errors) => {
                problems.extend(errors.into_iter().map(|e| format!("{who}: {}", e.message)));
                continue;
            }
        };
        let taken: Vec<String> = valid
            .accounts
            .iter()
            .filter_map(|a| holders.get(&(a.platform, a.handle.clone())).map(|&holder| (a, holder)))
            .map(|(a, holder)| {
                format!(
                    "{who}: {} @{} already belongs to {}",
                    a.platform.label(),
                    a.handle,
                    accepted[holder].name
                )
            })
            .collect();
        if !taken.is_empty() {
            problems.extend(taken);
            continue;
        }
        for account in &valid.accounts {
            holders.insert((account.platform, account.handle.clone()), accepted.len());
        }
        accepted.push(valid.apply_to(influencer));
    }
    problems.extend(vetting::problems(vetting, &ids));
    if problems.is_empty() {
        return Ok(accepted);
    }
    if problems.len() > MAX_LISTED_PROBLEMS {
        let more = problems.len() - MAX_LISTED_PROBLEMS;
        problems.truncate(MAX_LISTED_PROBLEMS);
        problems.push(format!("and {more} more"));
    }
    Err(WorkspaceError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

fn write_atomically(path: &Path, file: &WorkspaceFile) -> Result<(), WorkspaceError> {
    let failed = |source: io::Error| WorkspaceError::Write {
        path: path.to_path_buf(),
        source,
    };
    let json = serde_json::to_vec_pretty(file).map_err(|e| failed(io::Error::other(e)))?;
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    fs::write(&partial, json).map_err(failed)?;
    fs::rename(&partial, path).map_err(|e| {
        let _ = fs::remove_file(&partial);
        failed(e)
    })
}

/// serde_json appends " at line L column C" to its messages; we report the
/// position ourselves, in words.
fn detail_of(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    message.strip_suffix(&suffix).unwrap_or(&message).to_string()
}

fn roster_to_store(e: RosterError) -> StoreError {
    match e {
        RosterError::Store(e) => e,
        other => StoreError::BadRecord {
            kind: "influencer",
            detail: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
