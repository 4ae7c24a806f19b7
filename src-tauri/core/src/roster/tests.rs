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

/// A roster spread over several blocks, with names, countries, platforms
/// and follower counts that repeat, so ties and filters both matter.
fn crowded(store: &Store, n: usize) -> Vec<Influencer> {
    let countries = ["DE", "FR", "", "US"];
    let niches = ["fitness", "food", "travel"];
    (0..n)
        .map(|i| {
            let platform = Platform::ALL[i % 3];
            let mut accounts = vec![AccountDraft {
                platform,
                handle: format!("creator{i}"),
                followers: ((i * 7919) % 2_000_000) as i64,
            }];
            // Some have a second, sometimes larger, account; some no niche.
            if i % 4 == 0 {
                accounts.push(AccountDraft {
                    platform: Platform::Threads,
                    handle: format!("alt{}", 1000 - i),
                    followers: ((i * 31) % 3_000_000) as i64,
                });
            }
            add(
                store,
                &InfluencerDraft {
                    name: format!("{} {}", ["Ana", "ben", "Çelik", "Zoë"][i % 4], i % 7),
                    accounts,
                    country: countries[i % 4].into(),
                    niches: if i % 5 == 0 { vec![] } else { vec![niches[i % 3].into()] },
                    ..InfluencerDraft::default()
                },
            )
            .unwrap()
        })
        .collect()
}

/// What a page should hold, worked out the slow way from the full list.
fn naive(all: &[Influencer], filter: &RosterFilter, sort: SortBy, descending: bool) -> Vec<String> {
    let key = |i: &Influencer| -> String {
        match sort {
            SortBy::Name => i.name.to_lowercase(),
            SortBy::Followers => format!("{:020}", i.total_followers()),
            SortBy::Country => format!("{}{}", i.country.as_deref().unwrap_or("~~"), i.name.to_lowercase()),
            SortBy::Added => i.created_at.to_rfc3339(),
            SortBy::Account => {
                let top = i.accounts.iter().map(|a| a.followers).max().unwrap_or(0);
                let main = i.accounts.iter().find(|a| a.followers == top).unwrap();
                format!("{}\u{1}{}", main.handle, i.name.to_lowercase())
            }
            SortBy::Niche => format!(
                "{}\u{1}{}",
                i.niches.first().map(String::as_str).unwrap_or("\u{10FFFF}"),
                i.name.to_lowercase()
            ),
        }
    };
    let mut keys: Vec<String> = all
        .iter()
        .filter(|i| {
            filter
                .platform
                .is_none_or(|p| i.accounts.iter().any(|a| a.platform == p))
                && filter
                    .tier
                    .is_none_or(|t| TierBoundaries::default().tier_of(i.top_followers()) == t)
                && filter
                    .country
                    .as_deref()
                    .is_none_or(|c| i.country.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(c)))
                && filter
                    .niche
                    .as_deref()
                    .is_none_or(|n| i.niches.iter().any(|x| x.contains(n)))
                && (filter.search.is_empty() || i.name.to_lowercase().contains(&filter.search.to_lowercase()))
        })
        .map(key)
        .collect();
    keys.sort();
    if descending {
        keys.reverse();
    }
    keys
}

#[test]
fn pages_of_a_query_agree_with_sorting_everything() {
    let (_dir, store) = open();
    let all = crowded(&store, 700);
    assert!(all.len() > 2 * super::blocks::BLOCK_SIZE, "spans several blocks");
    let filters = [
        RosterFilter::default(),
        RosterFilter {
            country: Some("de".into()),
            ..Default::default()
        },
        RosterFilter {
            platform: Some(Platform::Tiktok),
            tier: Some(Tier::Mid),
            ..Default::default()
        },
        RosterFilter {
            niche: Some("foo".into()),
            search: "zoë".into(),
            ..Default::default()
        },
    ];
    for filter in &filters {
        for sort in [
            SortBy::Name,
            SortBy::Account,
            SortBy::Followers,
            SortBy::Country,
            SortBy::Niche,
            SortBy::Added,
        ] {
            for descending in [false, true] {
                let expected = naive(&all, filter, sort, descending);
                let mut got = Vec::new();
                let mut offset = 0;
                loop {
                    let page = query_page(&store, filter, sort, descending, offset, 64).unwrap();
                    assert_eq!(page.total, expected.len(), "{filter:?} {sort:?}");
                    if page.influencers.is_empty() {
                        break;
                    }
                    offset += page.influencers.len();
                    got.extend(naive(&page.influencers, &RosterFilter::default(), sort, descending));
                }
                // Each page is in order, and the pages follow each other.
                assert_eq!(got, expected, "{filter:?} {sort:?} descending={descending}");
            }
        }
    }
}

#[test]
fn the_index_follows_every_write_and_a_fresh_build_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let all = crowded(&store, 300);
    // Edit one, delete a whole block's worth, and look for them.
    let mut edit = all[3].to_draft();
    assert_eq!(edit.accounts[0].platform, Platform::Instagram);
    edit.name = "Quentin Renamed".into();
    edit.accounts[0].handle = "quentin".into();
    update(&store, &all[3].id.to_string(), &edit).unwrap();
    for gone in &all[10..10 + super::blocks::BLOCK_SIZE] {
        remove(&store, &gone.id.to_string()).unwrap();
    }
    let search = |store: &Store, text: &str| {
        let filter = RosterFilter {
            search: text.into(),
            ..Default::default()
        };
        query(store, &filter, SortBy::Name, false).unwrap()
    };
    assert_eq!(search(&store, "quentin").len(), 1);
    assert!(
        search(&store, "creator3")
            .iter()
            .all(|i| i.accounts[0].handle != "creator3"),
        "the old handle is gone"
    );
    assert!(search(&store, "creator99").is_empty());
    assert_eq!(count(&store).unwrap(), 300 - super::blocks::BLOCK_SIZE);
    // The freed account can be taken again; the renamed one cannot.
    add(&store, &draft("New Owner", "creator99", 5)).unwrap();
    assert!(add(&store, &draft("Copy", "quentin", 5)).is_err());
    let in_memory = list(&store).unwrap();
    drop(store);

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(list(&store).unwrap(), in_memory);
    assert_eq!(search(&store, "quentin").len(), 1);
    assert_eq!(count(&store).unwrap(), in_memory.len());
}

#[test]
fn a_schema_one_roster_moves_into_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let originals: Vec<Influencer> = crate::sample::drafts()
        .iter()
        .map(|d| validate(d).unwrap().into_new(Uuid::new_v4(), Utc::now()))
        .collect();
    {
        // A data folder as schema 1 wrote it: one JSON record per creator.
        let db = sled::open(dir.path().join("db")).unwrap();
        db.open_tree("meta")
            .unwrap()
            .insert("schema_version", &1u32.to_le_bytes())
            .unwrap();
        let old = db.open_tree("influencers").unwrap();
        for influencer in &originals {
            old.insert(
                influencer.id.as_bytes(),
                crate::store::codec::encode(1, influencer).unwrap(),
            )
            .unwrap();
        }
        db.flush().unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let mut expected = originals.clone();
    expected.sort_by_cached_key(|i| (i.name.to_lowercase(), i.created_at));
    assert_eq!(list(&store).unwrap(), expected);
    assert_eq!(get(&store, &originals[3].id.to_string()).unwrap(), originals[3]);
    drop(store);
    let db = sled::open(dir.path().join("db")).unwrap();
    assert!(
        !db.tree_names().iter().any(|t| t.as_ref() == b"influencers"),
        "the old tree is gone"
    );
}
