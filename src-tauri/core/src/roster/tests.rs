use super::*;

fn open() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

fn draft(name: &str, handle: &str, followers: i64) -> InfluencerDraft {
    InfluencerDraft {
        name: name.into(),
        accounts: vec![AccountDraft {
            platform: Platform::Instagram,
            handle: handle.into(),
            followers,
        }],
        ..InfluencerDraft::default()
    }
}

#[test]
fn add_list_get_update_remove() {
    let (_dir, store) = open();
    let zoe = add(&store, &draft("zoë Park", "@zoe", 900)).unwrap();
    let ana = add(&store, &draft("Ana Ruiz", "ana", 12_000)).unwrap();

    let names: Vec<_> = list(&store).unwrap().into_iter().map(|i| i.name).collect();
    assert_eq!(names, ["Ana Ruiz", "zoë Park"], "sorted by name, ignoring case");

    let mut edit = ana.to_draft();
    edit.notes = "Prefers email.".into();
    let updated = update(&store, &ana.id.to_string(), &edit).unwrap();
    assert_eq!(updated.notes, "Prefers email.");
    assert_eq!(updated.created_at, ana.created_at);
    assert!(updated.updated_at >= ana.updated_at);
    assert_eq!(get(&store, &ana.id.to_string()).unwrap(), updated);

    remove(&store, &zoe.id.to_string()).unwrap();
    assert!(matches!(
        get(&store, &zoe.id.to_string()),
        Err(RosterError::NotFound(_))
    ));
    assert!(matches!(
        remove(&store, &zoe.id.to_string()),
        Err(RosterError::NotFound(_))
    ));
    assert!(matches!(get(&store, "not-an-id"), Err(RosterError::NotFound(_))));
}

#[test]
fn an_account_belongs_to_one_creator() {
    let (_dir, store) = open();
    let mara = add(&store, &draft("Mara Costa", "@mara.eats", 48_200)).unwrap();

    let err = add(&store, &draft("Mara C.", "MARA.EATS", 48_000)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Account 1: Instagram @mara.eats already belongs to Mara Costa on the roster."
    );
    assert_eq!(list(&store).unwrap().len(), 1, "nothing was stored");

    // Editing Mara herself keeps her own account.
    let mut edit = mara.to_draft();
    edit.name = "Mara Costa Silva".into();
    update(&store, &mara.id.to_string(), &edit).unwrap();
}

#[test]
fn an_invalid_edit_leaves_the_stored_record_alone() {
    let (_dir, store) = open();
    let mara = add(&store, &draft("Mara Costa", "@mara.eats", 48_200)).unwrap();
    let mut edit = mara.to_draft();
    edit.name = String::new();
    assert!(matches!(
        update(&store, &mara.id.to_string(), &edit),
        Err(RosterError::Invalid(_))
    ));
    assert_eq!(get(&store, &mara.id.to_string()).unwrap(), mara);
}
