//! Backups a person can see, take and restore: the daily copies of the
//! database the store takes at start (`db-…`), the copies a workspace import
//! keeps of what it replaced (`workspace-before-import-…json`), and the ones
//! taken with "Back up now" (`backup-…json`), all in the data folder's
//! `backups` folder.
//!
//! Every kind restores the same way as a workspace file: read and checked in
//! full into a `PreparedImport`, shown, and only then applied, which keeps a
//! copy of what it replaces. So a restore can itself be undone.

use std::fs;
use std::io;
use std::path::Path;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

use super::{check, vetting, PreparedImport, WorkspaceError, WorkspaceFile, FORMAT, FORMAT_VERSION};
use crate::roster;
use crate::store::{backup, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// "Back up now".
    Manual,
    /// Taken at the first start of a day, or before an upgrade.
    Daily,
    /// What a workspace import (or a restore) replaced.
    BeforeImport,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Backup {
    /// The file or folder name inside `backups`; what `prepare_restore` takes.
    pub name: String,
    pub kind: BackupKind,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
}

const MANUAL: &str = "backup-";
const BEFORE_IMPORT: &str = "workspace-before-import-";
const DAILY: &str = "db-";

/// Writes the whole workspace to `backups/backup-<UTC time>.json`.
pub fn backup_now(store: &Store) -> Result<Backup, WorkspaceError> {
    let now = Utc::now();
    let dir = store.backups_dir();
    fs::create_dir_all(&dir).map_err(|source| WorkspaceError::Write {
        path: dir.clone(),
        source,
    })?;
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut path = dir.join(format!("{MANUAL}{stamp}.json"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{MANUAL}{stamp}-{n}.json"));
        n += 1;
    }
    super::export(store, &path)?;
    describe(&path).ok_or_else(|| WorkspaceError::Read {
        path: path.clone(),
        source: io::Error::other("the backup just written cannot be found"),
    })
}

/// Every backup in the data folder, newest first.
pub fn list(store: &Store) -> Result<Vec<Backup>, WorkspaceError> {
    let dir = store.backups_dir();
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(WorkspaceError::Read { path: dir, source }),
    };
    let mut found: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| describe(&entry.path()))
        .collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then_with(|| b.name.cmp(&a.name)));
    Ok(found)
}

/// What a backup's name says it is; `None` for anything else in the folder
/// (a half-written copy, a file the person put there).
fn describe(path: &Path) -> Option<Backup> {
    let name = path.file_name()?.to_str()?.to_string();
    let (kind, rest) = if let Some(rest) = name.strip_prefix(MANUAL) {
        (BackupKind::Manual, rest)
    } else if let Some(rest) = name.strip_prefix(BEFORE_IMPORT) {
        (BackupKind::BeforeImport, rest)
    } else if let Some(rest) = name.strip_prefix(DAILY) {
        (BackupKind::Daily, rest)
    } else {
        return None;
    };
    let is_dir = fs::metadata(path).ok()?.is_dir();
    if (kind == BackupKind::Daily) != is_dir || (!is_dir && !name.ends_with(".json")) {
        return None;
    }
    let stamp = rest.get(..15)?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%S").ok()?.and_utc();
    Some(Backup {
        name,
        kind,
        taken_at,
        bytes: size_of(path),
    })
}

fn size_of(path: &Path) -> u64 {
    let Ok(meta) = fs::metadata(path) else { return 0 };
    if !meta.is_dir() {
        return meta.len();
    }
    fs::read_dir(path)
        .map(|entries| entries.filter_map(Result::ok).map(|e| size_of(&e.path())).sum())
        .unwrap_or(0)
}

/// Reads and checks the backup called `name` without touching the store.
/// A database copy is opened from a scratch copy of it (older ones are
/// upgraded there), so the backup itself is never changed.
pub fn prepare_restore(store: &Store, name: &str) -> Result<PreparedImport, WorkspaceError> {
    let dir = store.backups_dir();
    let path = dir.join(name);
    let not_found = || WorkspaceError::Read {
        path: path.clone(),
        source: io::Error::new(
            io::ErrorKind::NotFound,
            "there is no backup of that name in the backups folder",
        ),
    };
    // Only names `list` gives out: never a path elsewhere on the disk.
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(not_found());
    }
    let backup = describe(&path).ok_or_else(not_found)?;
    if backup.kind != BackupKind::Daily {
        return super::prepare_import(&path);
    }
    let scratch = dir.join(format!(".restore-{}", std::process::id()));
    let read = read_database_copy(&path, &scratch);
    let _ = fs::remove_dir_all(&scratch);
    let file = read?;
    Ok(PreparedImport {
        path: path.clone(),
        exported_at: backup.taken_at,
        influencers: check(&path, file.influencers, &file.vetting)?,
        vetting: file.vetting,
    })
}

fn read_database_copy(db_copy: &Path, scratch: &Path) -> Result<WorkspaceFile, WorkspaceError> {
    let failed = |source: io::Error| WorkspaceError::Read {
        path: db_copy.to_path_buf(),
        source,
    };
    if scratch.exists() {
        fs::remove_dir_all(scratch).map_err(failed)?;
    }
    backup::copy_dir(db_copy, &scratch.join("db")).map_err(failed)?;
    let copy = Store::open_copy(scratch)?;
    Ok(WorkspaceFile {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        exported_at: Utc::now(),
        influencers: roster::list(&copy).map_err(super::roster_to_store)?,
        vetting: vetting::read_all(&copy)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn open(dir: &Path) -> Store {
        Store::open(&dir.join("data")).unwrap()
    }

    #[test]
    fn a_backup_taken_now_is_listed_and_restores_what_it_saved() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        sample::load(&store).unwrap();
        let taken = backup_now(&store).unwrap();
        assert_eq!(taken.kind, BackupKind::Manual);
        assert!(
            taken.name.starts_with("backup-") && taken.name.ends_with(".json"),
            "{}",
            taken.name
        );
        assert!(taken.bytes > 1000, "{taken:?}");
        assert!(list(&store).unwrap().contains(&taken));

        // The person changes their mind about a creator, then restores.
        let mara = roster::find(&store, "@mara.eats").unwrap();
        roster::remove(&store, &mara.id.to_string()).unwrap();
        let prepared = prepare_restore(&store, &taken.name).unwrap();
        assert_eq!(prepared.influencers.len(), sample::drafts().len());
        let summary = super::super::apply_import(&store, prepared).unwrap();
        assert!(roster::find(&store, "@mara.eats").is_ok());
        // What the restore replaced is itself a backup now.
        let replaced = summary.previous_data.expect("a copy of what was replaced");
        let listed = list(&store).unwrap();
        let before_restore = listed.iter().find(|b| replaced.ends_with(&b.name)).unwrap();
        assert_eq!(before_restore.kind, BackupKind::BeforeImport);
        assert_eq!(
            listed[0].taken_at.max(listed[1].taken_at),
            listed[0].taken_at,
            "newest first"
        );
    }

    #[test]
    fn a_daily_database_copy_restores_without_being_changed() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        {
            let store = Store::open(&data).unwrap();
            sample::load(&store).unwrap();
        }
        // The next start's daily copy holds the sample (its first start
        // backed up an empty folder's nothing: no db existed yet).
        let store = Store::open(&data).unwrap();
        let daily = list(&store)
            .unwrap()
            .into_iter()
            .find(|b| b.kind == BackupKind::Daily)
            .expect("the start took a daily copy");
        let files_before = size_of(&store.backups_dir().join(&daily.name));

        crate::roster::replace_all(&store, &[]).unwrap();
        assert_eq!(roster::count(&store).unwrap(), 0);
        let prepared = prepare_restore(&store, &daily.name).unwrap();
        assert_eq!(prepared.exported_at, daily.taken_at);
        super::super::apply_import(&store, prepared).unwrap();
        assert_eq!(roster::count(&store).unwrap(), sample::drafts().len());
        assert_eq!(crate::campaign::list(&store).unwrap().len(), 1);

        assert_eq!(
            size_of(&store.backups_dir().join(&daily.name)),
            files_before,
            "the copy is left as it was"
        );
        let leftovers: Vec<_> = fs::read_dir(store.backups_dir())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".restore"))
            .collect();
        assert!(leftovers.is_empty(), "the scratch copy is removed");
    }

    #[test]
    fn only_backups_in_the_backups_folder_can_be_restored() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(dir.path());
        fs::create_dir_all(store.backups_dir()).unwrap();
        fs::write(store.backups_dir().join("notes.txt"), "mine").unwrap();
        assert!(list(&store).unwrap().is_empty(), "other files are not backups");
        for name in ["../db", "notes.txt", "backup-20260101T000000Z.json", ".restore-1"] {
            let err = prepare_restore(&store, name).unwrap_err();
            assert!(
                err.to_string().contains("there is no backup of that name"),
                "{name}: {err}"
            );
        }
    }
}
