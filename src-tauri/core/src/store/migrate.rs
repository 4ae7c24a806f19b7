//! Schema migrations, run once at start before anything reads the store.
//!
//! The database records which schema version it is at (in the `meta` tree).
//! A migration either rewrites every record of one tree from one record
//! version to the next, inside one sled transaction together with the new
//! schema version, or rebuilds new trees from old ones and then stamps the
//! version: either way it happens completely or not at all (a rebuild cut
//! short is simply run again at the next start). A backup of the whole
//! database was taken before any of this runs (see `backup`).

use serde_json::Value;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;

use super::{codec, StoreError};

/// The schema version this build writes. A data folder with a higher number
/// was written by a newer Partnerly and is not opened.
pub const SCHEMA_VERSION: u32 = 2;

/// Every migration this build knows, in order.
pub const MIGRATIONS: &[Migration] = &[Migration {
    to_schema: 2,
    description: "move the roster from one JSON record per creator into compact blocks",
    step: Step::Rebuild {
        build: crate::roster::migrate_to_blocks,
        retire: &["influencers"],
    },
}];

pub(crate) const META_TREE: &str = "meta";
const VERSION_KEY: &[u8] = b"schema_version";

/// One step from schema version `to_schema - 1` to `to_schema`.
pub struct Migration {
    pub to_schema: u32,
    pub description: &'static str,
    pub step: Step,
}

pub enum Step {
    /// Rewrites every JSON record of `tree` and stamps it `record_version`.
    Rewrite {
        tree: &'static str,
        record_version: u16,
        rewrite: fn(Value) -> Result<Value, String>,
    },
    /// Builds new trees from old ones. `build` must start from scratch each
    /// time (clear what it writes first): if the process stops before the
    /// version is stamped it runs again at the next start. The `retire`
    /// trees are dropped once the new version is stamped.
    Rebuild {
        build: fn(&sled::Db) -> Result<(), String>,
        retire: &'static [&'static str],
    },
}

/// What running the migrations did.
#[derive(Debug, PartialEq, Eq)]
pub struct MigrationReport {
    pub from: u32,
    pub to: u32,
}

/// Whether `db` is at an older schema than `target` (a new, unstamped
/// database is not: it starts at the current one).
pub fn pending(db: &sled::Db, target: u32) -> Result<bool, StoreError> {
    let meta = db.open_tree(META_TREE).map_err(StoreError::from_sled)?;
    match meta.get(VERSION_KEY).map_err(StoreError::from_sled)? {
        Some(bytes) => Ok(decode_version(&bytes)? < target),
        None => Ok(false),
    }
}

/// Brings `db` up to `target`, applying `migrations` in order.
pub fn run(db: &sled::Db, target: u32, migrations: &[Migration]) -> Result<MigrationReport, StoreError> {
    let meta = db.open_tree(META_TREE).map_err(StoreError::from_sled)?;
    let stored = match meta.get(VERSION_KEY).map_err(StoreError::from_sled)? {
        Some(bytes) => decode_version(&bytes)?,
        None => {
            // A new database starts at the current schema; there is nothing to migrate.
            meta.insert(VERSION_KEY, &target.to_le_bytes())
                .map_err(StoreError::from_sled)?;
            db.flush().map_err(StoreError::from_sled)?;
            return Ok(MigrationReport {
                from: target,
                to: target,
            });
        }
    };
    if stored > target {
        return Err(StoreError::TooNew {
            found: stored,
            supported: target,
        });
    }
    let mut current = stored;
    for migration in migrations
        .iter()
        .filter(|m| m.to_schema > stored && m.to_schema <= target)
    {
        if migration.to_schema != current + 1 {
            return Err(StoreError::Migration {
                to_schema: migration.to_schema,
                detail: format!("no migration leads from schema version {current}"),
            });
        }
        apply(db, &meta, migration)?;
        current = migration.to_schema;
    }
    if current != target {
        return Err(StoreError::Migration {
            to_schema: target,
            detail: format!("no migration leads from schema version {current}"),
        });
    }
    db.flush().map_err(StoreError::from_sled)?;
    Ok(MigrationReport {
        from: stored,
        to: current,
    })
}

fn apply(db: &sled::Db, meta: &sled::Tree, migration: &Migration) -> Result<(), StoreError> {
    let failed = |detail: String| StoreError::Migration {
        to_schema: migration.to_schema,
        detail: format!("{}: {detail}", migration.description),
    };
    let (tree, record_version, rewrite) = match migration.step {
        Step::Rewrite {
            tree,
            record_version,
            rewrite,
        } => (tree, record_version, rewrite),
        Step::Rebuild { build, retire } => {
            build(db).map_err(&failed)?;
            db.flush().map_err(StoreError::from_sled)?;
            meta.insert(VERSION_KEY, &migration.to_schema.to_le_bytes())
                .map_err(StoreError::from_sled)?;
            db.flush().map_err(StoreError::from_sled)?;
            for old in retire {
                db.drop_tree(old).map_err(StoreError::from_sled)?;
            }
            return Ok(());
        }
    };
    let tree = db.open_tree(tree).map_err(StoreError::from_sled)?;
    // Rewrite everything in memory first: a record that cannot be migrated
    // stops the migration before anything is written.
    let mut rewritten = Vec::new();
    for entry in tree.iter() {
        let (key, bytes) = entry.map_err(StoreError::from_sled)?;
        let (_, body) = codec::split(&bytes).map_err(&failed)?;
        let value: Value = serde_json::from_slice(body).map_err(|e| failed(e.to_string()))?;
        let value = rewrite(value).map_err(&failed)?;
        let encoded = codec::encode(record_version, &value).map_err(&failed)?;
        rewritten.push((key, encoded));
    }
    let version = migration.to_schema.to_le_bytes();
    (&tree, meta)
        .transaction(|(tree, meta)| {
            for (key, value) in &rewritten {
                tree.insert(key, value.as_slice())?;
            }
            meta.insert(VERSION_KEY, &version)?;
            Ok::<(), ConflictableTransactionError<()>>(())
        })
        .map_err(|e| match e {
            TransactionError::Storage(e) => StoreError::from_sled(e),
            TransactionError::Abort(()) => failed("the transaction was aborted".into()),
        })
}

fn decode_version(bytes: &[u8]) -> Result<u32, StoreError> {
    let raw: [u8; 4] = bytes.try_into().map_err(|_| StoreError::Migration {
        to_schema: SCHEMA_VERSION,
        detail: format!("the stored schema version is {} bytes long instead of 4", bytes.len()),
    })?;
    Ok(u32::from_le_bytes(raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db() -> (tempfile::TempDir, sled::Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = sled::Config::new().path(dir.path().join("db")).open().unwrap();
        (dir, db)
    }

    fn rename_handle(mut v: Value) -> Result<Value, String> {
        let handle = v.get("handle").cloned().ok_or("no handle")?;
        let obj = v.as_object_mut().ok_or("not an object")?;
        obj.remove("handle");
        obj.insert("username".into(), handle);
        Ok(v)
    }

    fn always_fails(_: Value) -> Result<Value, String> {
        Err("cannot rewrite".into())
    }

    const RENAME: Migration = Migration {
        to_schema: 2,
        description: "rename handle to username",
        step: Step::Rewrite {
            tree: "people",
            record_version: 2,
            rewrite: rename_handle,
        },
    };

    #[test]
    fn a_new_database_is_stamped_with_the_target() {
        let (_dir, db) = temp_db();
        assert_eq!(run(&db, 1, &[]).unwrap(), MigrationReport { from: 1, to: 1 });
        assert_eq!(run(&db, 1, &[]).unwrap(), MigrationReport { from: 1, to: 1 });
    }

    #[test]
    fn migrations_rewrite_records_and_stamp_their_version() {
        let (_dir, db) = temp_db();
        run(&db, 1, &[]).unwrap();
        let people = db.open_tree("people").unwrap();
        let record = codec::encode(1, &serde_json::json!({"handle": "mara"})).unwrap();
        people.insert("p1", record).unwrap();

        assert_eq!(run(&db, 2, &[RENAME]).unwrap(), MigrationReport { from: 1, to: 2 });

        let stored = people.get("p1").unwrap().unwrap();
        let value: Value = codec::decode(2, &stored).unwrap();
        assert_eq!(value, serde_json::json!({"username": "mara"}));
        // Running again is a no-op: the schema version was recorded.
        assert_eq!(run(&db, 2, &[RENAME]).unwrap(), MigrationReport { from: 2, to: 2 });
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let (_dir, db) = temp_db();
        run(&db, 1, &[]).unwrap();
        let people = db.open_tree("people").unwrap();
        let record = codec::encode(1, &serde_json::json!({"handle": "mara"})).unwrap();
        people.insert("p1", record.clone()).unwrap();
        let broken = Migration {
            step: Step::Rewrite {
                tree: "people",
                record_version: 2,
                rewrite: always_fails,
            },
            ..RENAME
        };

        let err = run(&db, 2, &[broken]).unwrap_err();

        assert!(err.to_string().contains("cannot rewrite"), "{err}");
        assert_eq!(people.get("p1").unwrap().unwrap().to_vec(), record);
        assert_eq!(run(&db, 1, &[]).unwrap(), MigrationReport { from: 1, to: 1 });
    }

    #[test]
    fn refuses_a_database_from_a_newer_version_or_a_gap() {
        let (_dir, db) = temp_db();
        run(&db, 3, &[]).unwrap();
        assert!(matches!(
            run(&db, 2, &[]),
            Err(StoreError::TooNew { found: 3, supported: 2 })
        ));

        let (_dir, db) = temp_db();
        run(&db, 1, &[]).unwrap();
        assert!(matches!(run(&db, 2, &[]), Err(StoreError::Migration { .. })));
    }
}
