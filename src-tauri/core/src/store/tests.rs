use super::*;
use serde::Deserialize;

/// A small record for tests here and in modules built on the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Note {
    pub(crate) id: u32,
    pub(crate) text: String,
}

impl Record for Note {
    const TREE: &'static str = "notes";
    const KIND: &'static str = "note";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.id.to_be_bytes().to_vec()
    }
}

pub(crate) fn note(id: u32, text: &str) -> Note {
    Note { id, text: text.into() }
}

#[test]
fn records_survive_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        store.put(&note(2, "second")).unwrap();
        store.put(&note(1, "first")).unwrap();
        store.put(&note(1, "first, edited")).unwrap();
        assert_eq!(store.count::<Note>().unwrap(), 2);
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.all::<Note>().unwrap(),
        [note(1, "first, edited"), note(2, "second")]
    );
    assert_eq!(store.get::<Note>(&2u32.to_be_bytes()).unwrap(), Some(note(2, "second")));
    assert!(store.remove::<Note>(&2u32.to_be_bytes()).unwrap());
    assert!(!store.remove::<Note>(&2u32.to_be_bytes()).unwrap());
    assert_eq!(store.get::<Note>(&2u32.to_be_bytes()).unwrap(), None);
}

#[test]
fn a_second_open_of_the_same_folder_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    let err = Store::open(dir.path()).err().expect("second open must fail");
    assert!(matches!(err, StoreError::InUse { .. }));
    assert!(err
        .to_string()
        .starts_with("this data folder is open in another Partnerly window"));
}

#[test]
fn the_folder_is_free_again_once_the_store_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    // Over and over: sled lets go of its files a moment after the handle is
    // dropped, and opening must wait for that rather than call it damage.
    for n in 0..20u32 {
        let store = Store::open(dir.path()).unwrap();
        store.put(&note(n, "again")).unwrap();
    }
    assert_eq!(Store::open(dir.path()).unwrap().count::<Note>().unwrap(), 20);
}

#[test]
fn every_open_of_existing_data_takes_a_backup_first() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.last_backup(), None, "nothing to back up in a new folder");
        store.put(&note(1, "kept")).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let backup = store
        .last_backup()
        .expect("a backup of the existing data")
        .to_path_buf();
    drop(store);

    // The backup is a working database holding the data as it was.
    let db = sled::open(&backup).unwrap();
    let stored = db.open_tree("notes").unwrap().get(1u32.to_be_bytes()).unwrap().unwrap();
    assert_eq!(codec::decode::<Note>(1, &stored).unwrap(), note(1, "kept"));
}

#[test]
fn later_opens_the_same_day_do_not_copy_the_database_again() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    assert!(Store::open(dir.path()).unwrap().last_backup().is_some());
    assert_eq!(Store::open(dir.path()).unwrap().last_backup(), None);
    assert_eq!(backup::list(&dir.path().join("backups")).unwrap().len(), 1);
}

#[test]
fn a_migration_is_always_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    assert!(Store::open(dir.path()).unwrap().last_backup().is_some());
    {
        // Pretend the folder was last written by schema 1.
        let db = sled::open(dir.path().join("db")).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &1u32.to_le_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert!(
        store.last_backup().is_some(),
        "a backup today already, but a migration ran"
    );
    assert_eq!(backup::list(&dir.path().join("backups")).unwrap().len(), 2);
}

#[test]
fn replace_all_swaps_the_whole_set() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.put(&note(1, "old")).unwrap();
    store.put(&note(5, "old too")).unwrap();
    store.replace_all(&[note(2, "new"), note(3, "newer")]).unwrap();
    assert_eq!(store.all::<Note>().unwrap(), [note(2, "new"), note(3, "newer")]);
}

#[test]
fn a_damaged_database_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        for id in 0..50 {
            store.put(&note(id, "some text to fill a page")).unwrap();
        }
    }
    let db_dir = dir.path().join("db");
    for entry in std::fs::read_dir(&db_dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            std::fs::write(&path, vec![0xA5; len.max(64)]).unwrap();
        }
    }
    let backups_before = backup::list(&dir.path().join("backups")).unwrap();
    match Store::open(dir.path()) {
        Err(err @ StoreError::Damaged { .. }) => {
            let message = err.to_string();
            assert!(
                message.starts_with(&format!("the database in {} is damaged", dir.path().display())),
                "{message}"
            );
            assert!(
                message.ends_with(&format!(
                    "Copies from earlier starts are in {}",
                    dir.path().join("backups").display()
                )),
                "{message}"
            );
        }
        Err(other) => panic!("expected Damaged, got {other:?}"),
        Ok(_) => panic!("a store of garbage must not open"),
    }
    assert_eq!(
        backup::list(&dir.path().join("backups")).unwrap(),
        backups_before,
        "no copy of the damaged data pushes out the good ones"
    );
}

#[test]
fn a_record_of_an_unknown_version_is_reported_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let tree = store.db.open_tree("notes").unwrap();
    tree.insert(1u32.to_be_bytes(), codec::encode(9, &note(1, "future")).unwrap())
        .unwrap();
    let err = store.all::<Note>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "a stored note cannot be read (it is stored as version 9, but this Partnerly reads version 1)"
    );
}
