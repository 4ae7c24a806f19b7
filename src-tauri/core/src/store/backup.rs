//! Timestamped copies of the database, taken at start before anything (a
//! migration, an import) can touch it: at the first start of the day, and
//! always before a migration. Copying at every start made each start of a
//! million-creator workspace copy 140 MB, and ten copies filled a disk.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

/// How many start-up backups are kept; older ones are deleted.
pub const KEEP_BACKUPS: usize = 10;

/// A start this long after the newest backup takes a new one.
pub const BACKUP_EVERY: chrono::Duration = chrono::Duration::hours(20);

const PREFIX: &str = "db-";

/// Copies `db_dir` into `backups_dir/db-<UTC timestamp>` and returns the copy's
/// path. The copy is written under a temporary name and renamed, so a backup
/// folder either is complete or does not exist.
pub fn snapshot(db_dir: &Path, backups_dir: &Path, now: DateTime<Utc>) -> io::Result<PathBuf> {
    fs::create_dir_all(backups_dir)?;
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut target = backups_dir.join(format!("{PREFIX}{stamp}"));
    let mut n = 2;
    while target.exists() {
        target = backups_dir.join(format!("{PREFIX}{stamp}-{n}"));
        n += 1;
    }
    let partial = backups_dir.join(format!(".partial-{stamp}-{}", std::process::id()));
    if partial.exists() {
        fs::remove_dir_all(&partial)?;
    }
    copy_dir(db_dir, &partial)?;
    fs::rename(&partial, &target)?;
    Ok(target)
}

/// Deletes all but the `keep` newest backups. Names sort by time because the
/// timestamp is fixed-width.
pub fn prune(backups_dir: &Path, keep: usize) -> io::Result<()> {
    let mut backups = list(backups_dir)?;
    if backups.len() > keep {
        let excess = backups.len() - keep;
        for old in backups.drain(..excess) {
            fs::remove_dir_all(old)?;
        }
    }
    Ok(())
}

/// Whether a start at `now` should back up: no backup yet, or the newest
/// is at least `BACKUP_EVERY` old (or from the future: a clock was wrong).
pub fn due(backups_dir: &Path, now: DateTime<Utc>) -> io::Result<bool> {
    let newest = list(backups_dir)?.into_iter().rev().find_map(|path| taken_at(&path));
    Ok(match newest {
        Some(taken) => now - taken >= BACKUP_EVERY || taken > now,
        None => true,
    })
}

/// When a backup was taken, from its name (`db-20261124T093000Z[-2]`).
fn taken_at(path: &Path) -> Option<DateTime<Utc>> {
    let name = path.file_name()?.to_str()?;
    let stamp = name.strip_prefix(PREFIX)?.get(..16)?;
    let naive = chrono::NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ").ok()?;
    Some(naive.and_utc())
}

/// The backups in `backups_dir`, oldest first.
pub fn list(backups_dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    match fs::read_dir(backups_dir) {
        Ok(entries) => {
            for entry in entries {
                let entry = entry?;
                let name = entry.file_name();
                if name.to_string_lossy().starts_with(PREFIX) && entry.file_type()?.is_dir() {
                    found.push(entry.path());
                }
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    found.sort();
    Ok(found)
}

pub(crate) fn copy_dir(from: &Path, to: &Path) -> io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn snapshot_copies_nested_files_and_never_overwrites() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("db");
        fs::create_dir_all(db.join("blobs")).unwrap();
        fs::write(db.join("conf"), b"conf").unwrap();
        fs::write(db.join("blobs/1"), b"blob").unwrap();
        let backups = tmp.path().join("backups");
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 9, 30, 0).unwrap();

        let first = snapshot(&db, &backups, at).unwrap();
        let second = snapshot(&db, &backups, at).unwrap();

        assert_eq!(first.file_name().unwrap(), "db-20261124T093000Z");
        assert_eq!(second.file_name().unwrap(), "db-20261124T093000Z-2");
        assert_eq!(fs::read(first.join("blobs/1")).unwrap(), b"blob");
        assert_eq!(fs::read(second.join("conf")).unwrap(), b"conf");
    }

    #[test]
    fn a_backup_is_due_once_a_day() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("db");
        fs::create_dir_all(&db).unwrap();
        let backups = tmp.path().join("backups");
        let morning = Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap();
        assert!(due(&backups, morning).unwrap(), "no backup yet");
        snapshot(&db, &backups, morning).unwrap();
        assert!(!due(&backups, morning + chrono::Duration::hours(8)).unwrap());
        assert!(due(&backups, morning + chrono::Duration::hours(20)).unwrap());
        assert!(
            due(&backups, morning - chrono::Duration::hours(1)).unwrap(),
            "a clock set back"
        );
    }

    #[test]
    fn prune_keeps_the_newest() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("db");
        fs::create_dir_all(&db).unwrap();
        let backups = tmp.path().join("backups");
        for minute in 0..5 {
            let at = Utc.with_ymd_and_hms(2026, 1, 1, 0, minute, 0).unwrap();
            snapshot(&db, &backups, at).unwrap();
        }
        prune(&backups, 2).unwrap();
        let left: Vec<_> = list(&backups)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["db-20260101T000300Z", "db-20260101T000400Z"]);
    }
}
