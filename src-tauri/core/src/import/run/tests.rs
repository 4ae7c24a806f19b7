//! Whole files, from the fixtures in `tests/fixtures/import` (ugly on purpose).

use super::*;
use crate::roster::{self, Influencer, Platform};
use std::sync::atomic::AtomicBool;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    (dir, store)
}

fn import(store: &Store, name: &str) -> Result<ImportSummary, ImportError> {
    import_file(store, &fixture(name), None, None, &mut |_| {}, &AtomicBool::new(false))
}

fn find<'a>(all: &'a [Influencer], name: &str) -> &'a Influencer {
    all.iter()
        .find(|i| i.name == name)
        .unwrap_or_else(|| panic!("{name} not on the roster"))
}

#[test]
fn upfluence_template_with_bom_and_crlf() {
    let (_dir, store) = store();
    let summary = import(&store, "upfluence-template.csv").unwrap();
    assert_eq!((summary.imported, summary.updated, summary.unchanged), (3, 0, 0));
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    let all = roster::list(&store).unwrap();
    let jonas = find(&all, "Jonas Weber Jonas Weber");
    assert_eq!(jonas.accounts[0].platform, Platform::Youtube);
    assert_eq!(jonas.accounts[0].handle, "jonasrides");
    assert_eq!(jonas.country.as_deref(), Some("DE"));
}

#[test]
fn german_excel_with_a_sep_line_and_per_platform_columns() {
    let (_dir, store) = store();
    let preview = preview(&fixture("aspire-per-platform-de.csv")).unwrap();
    assert_eq!((preview.encoding.as_str(), preview.delimiter.as_str()), ("UTF-8", ";"));
    assert_eq!(preview.header_line, 2);
    assert_eq!(preview.rows.len(), 3);

    let summary = import(&store, "aspire-per-platform-de.csv").unwrap();
    assert_eq!(summary.imported, 3, "{:?}", summary.rejected);
    let all = roster::list(&store).unwrap();
    let jonas = find(&all, "Jonas Weber");
    let followers: Vec<_> = jonas.accounts.iter().map(|a| (a.platform, a.followers)).collect();
    assert_eq!(
        followers,
        [(Platform::Instagram, 41_800), (Platform::Tiktok, 1_200_000)]
    );
    assert_eq!(jonas.niches, ["radfahren", "outdoor"]);
    assert_eq!(find(&all, "Lena Vogel").country.as_deref(), Some("AT"));
    assert_eq!(find(&all, "Hannah Schulz").country.as_deref(), Some("DE"));
}

#[test]
fn excel_unicode_text_with_a_title_row() {
    let (_dir, store) = store();
    let preview = preview(&fixture("excel-unicode-text.txt")).unwrap();
    assert_eq!(preview.encoding, "UTF-16LE (with BOM)");
    assert_eq!(preview.delimiter, "tab");
    assert_eq!(preview.header_line, 3);
    assert_eq!(preview.header[0], "Name");

    let summary = import(&store, "excel-unicode-text.txt").unwrap();
    assert_eq!(summary.imported, 2, "{:?}", summary.rejected);
    let all = roster::list(&store).unwrap();
    let zoe = find(&all, "Zoë Park");
    assert_eq!((zoe.accounts[0].followers, zoe.country.as_deref()), (9_800, Some("KR")));
    let tom = find(&all, "Tom Becker");
    assert_eq!(
        (tom.accounts[0].platform, tom.accounts[0].followers),
        (Platform::X, 67_000)
    );
}

#[test]
fn a_legacy_encoded_sheet_with_quoted_newlines_and_a_total_row() {
    let (_dir, store) = store();
    assert_eq!(
        preview(&fixture("legacy-windows-1252.csv")).unwrap().encoding,
        "windows-1252"
    );
    let summary = import(&store, "legacy-windows-1252.csv").unwrap();
    assert_eq!(
        (summary.imported, summary.rejected.len()),
        (2, 0),
        "{:?}",
        summary.rejected
    );
    let all = roster::list(&store).unwrap();
    let chloe = find(&all, "Chloé Martin");
    assert_eq!(chloe.notes, "Prépare son premier marathon.\nRéponse rapide");
    assert_eq!(chloe.accounts[0].followers, 4_300);
    assert_eq!(find(&all, "Renée Côté").notes, "Dit \"oui\" aux produits bio");
}

#[test]
fn the_same_creator_three_ways_is_one_and_bad_rows_say_why() {
    let (_dir, store) = store();
    let summary = import(&store, "discovery-export.csv").unwrap();
    assert_eq!(
        summary.rejected,
        [Rejection {
            line: 9,
            reason: "platform 'myspace' is not one Partnerly knows".into()
        }]
    );
    // A bad count costs the count, not the creator.
    assert_eq!(
        summary.warnings,
        [Warning {
            line: 8,
            column: "followers".into(),
            reason: "followers '-500' cannot be negative; left empty".into()
        }]
    );
    // @Mara.Eats, MARA.EATS and the profile link are one Instagram account.
    // The TikTok row shares no account with it, and Kenji's YouTube and
    // Twitch rows share none with each other: names alone join nobody.
    assert_eq!(summary.imported, 6);
    let all = roster::list(&store).unwrap();
    let instagram_mara: Vec<_> = all
        .iter()
        .filter(|i| {
            i.accounts
                .iter()
                .any(|a| a.platform == Platform::Instagram && a.handle == "mara.eats")
        })
        .collect();
    assert_eq!(instagram_mara.len(), 1);
    assert_eq!(
        instagram_mara[0].accounts[0].followers, 48_500,
        "the later row's number wins"
    );
    assert_eq!(all.iter().filter(|i| i.name == "Kenji Watanabe").count(), 2);
    assert_eq!(find(&all, "@no.name").accounts[0].followers, 2_100);

    // The same file again: nothing new, nothing changed.
    let again = import(&store, "discovery-export.csv").unwrap();
    assert_eq!((again.imported, again.updated, again.unchanged), (0, 0, 6));
}

#[test]
fn files_that_are_not_tables_are_refused_and_change_nothing() {
    let (_dir, store) = store();
    crate::sample::load(&store).unwrap();
    let before = roster::list(&store).unwrap();
    let message = |name: &str| import(&store, name).unwrap_err().to_string();
    assert!(message("not-a-table.csv")
        .ends_with("is not a table: it looks like a binary file, not text (export it from the other tool as CSV)"));
    assert!(message("empty.csv").ends_with("empty.csv is not a table: it is empty"));
    assert!(message("no-account-column.csv").contains("has no column that names a creator's account"));
    assert!(message("no-account-column.csv").ends_with("the columns are: Name, Email"));
    assert!(message("missing.csv").starts_with("cannot read"));
    assert_eq!(roster::list(&store).unwrap(), before);
}

#[test]
fn a_cancelled_import_changes_nothing() {
    let (dir, store) = store();
    let path = dir.path().join("big.csv");
    let mut text = String::from("platform,username,followers\n");
    for n in 0..10_000 {
        text.push_str(&format!("instagram,@creator.{n},{n}\n"));
    }
    std::fs::write(&path, text).unwrap();
    let cancel = AtomicBool::new(false);
    let mut reports = 0;
    let result = import_file(
        &store,
        &path,
        None,
        None,
        &mut |_| {
            reports += 1;
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    );
    assert!(matches!(result, Err(ImportError::Cancelled)));
    assert!(reports >= 1);
    assert_eq!(roster::count(&store).unwrap(), 0);
}

#[test]
fn progress_counts_rows_and_bytes() {
    let (dir, store) = store();
    let path = dir.path().join("rows.csv");
    let mut text = String::from("platform,username,followers\n");
    for n in 0..5_000 {
        text.push_str(&format!("tiktok,@c{n},{n}\n"));
    }
    std::fs::write(&path, &text).unwrap();
    let mut seen = Vec::new();
    let summary = import_file(
        &store,
        &path,
        None,
        None,
        &mut |p| seen.push(p),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(summary.imported, 5_000);
    let last = seen.last().unwrap();
    assert_eq!(
        (last.rows, last.bytes_read, last.bytes_total),
        (5_000, text.len() as u64, text.len() as u64)
    );
    assert!(seen.windows(2).all(|w| w[0].rows < w[1].rows));
}

#[test]
fn a_large_import_into_a_searched_roster_is_found_and_a_second_run_changes_nothing() {
    let (dir, store) = store();
    crate::sample::load(&store).unwrap();
    // The index is built (and kept) by this search.
    assert_eq!(roster::count(&store).unwrap(), 12);
    let path = dir.path().join("many.csv");
    let mut text = String::from("platform,username,followers,country\n");
    for n in 0..25_000 {
        text.push_str(&format!("youtube,@channel.{n},{},PT\n", 1_000 + n));
    }
    // One row names a sample creator's account: an update, not a new creator.
    text.push_str("instagram,@mara.eats,50100,\n");
    std::fs::write(&path, &text).unwrap();
    let run = || import_file(&store, &path, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();

    let first = run();
    assert_eq!((first.imported, first.updated, first.unchanged), (25_000, 1, 0));
    assert_eq!(roster::count(&store).unwrap(), 25_012);
    let filter = roster::RosterFilter {
        search: "channel.24999".into(),
        ..Default::default()
    };
    let found = roster::query(&store, &filter, roster::SortBy::Name, false).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].accounts[0].followers, 25_999);

    let second = run();
    assert_eq!((second.imported, second.updated, second.unchanged), (0, 0, 25_001));
    assert_eq!(roster::count(&store).unwrap(), 25_012);
}

#[test]
fn the_preview_shows_rows_as_they_will_be_stored() {
    let preview = preview(&fixture("discovery-export.csv")).unwrap();
    let first = &preview.stored[0];
    let StoredRow::Creator { accounts, .. } = first else {
        panic!("the first row is a creator: {first:?}");
    };
    assert!(accounts
        .iter()
        .all(|a| a.handle == a.handle.to_lowercase() && !a.handle.starts_with('@')));
    // A bad count is a warning on a kept row, not a rejection.
    assert!(preview.stored.iter().any(|r| matches!(r,
        StoredRow::Creator { warnings, .. }
            if warnings.iter().any(|w| w.column == "followers" && w.reason == "followers '-500' cannot be negative; left empty"))));
    // Without the handle column nothing names a creator.
    let mapping: Vec<Option<Field>> = preview
        .mapping
        .iter()
        .map(|f| f.filter(|f| !f.identifies_an_account()))
        .collect();
    assert!(stored_rows(&preview.header, &preview.rows, &mapping, None)
        .iter()
        .all(|r| matches!(r, StoredRow::Rejected { .. } | StoredRow::Skipped)));
}

#[test]
fn a_mapping_chosen_by_the_person_overrides_the_header() {
    let (dir, store) = store();
    let path = dir.path().join("odd.csv");
    std::fs::write(&path, "Who,Where,How many\nMara,mara.eats,48200\n").unwrap();
    assert!(matches!(
        import(&store, "no-account-column.csv"),
        Err(ImportError::NoAccountColumn { .. })
    ));
    let mapping = vec![
        Some(Field::Name),
        Some(Field::PlatformHandle(Platform::Instagram)),
        Some(Field::PlatformFollowers(Platform::Instagram)),
    ];
    let summary = import_file(&store, &path, Some(mapping), None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(summary.imported, 1);
    assert_eq!(roster::list(&store).unwrap()[0].accounts[0].followers, 48_200);
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = read_bytes(&bytes);
        }

        #[test]
        fn on_table_shaped_text(
            cells in proptest::collection::vec("[a-zA-Z0-9@.,;|\t\"' %/:_-]{0,12}", 1..40),
            width in 1usize..6,
        ) {
            let mut text = String::from("platform,username,followers,email,country\n");
            for row in cells.chunks(width) {
                text.push_str(&row.join(","));
                text.push('\n');
            }
            let _ = read_bytes(text.as_bytes());
        }
    }
}

fn imported_rates(store: &Store, handle: &str) -> Vec<(Platform, f64, String)> {
    let creator = roster::find(store, handle).unwrap();
    crate::vetting::dossier(store, &creator.id.to_string())
        .unwrap()
        .stats
        .iter()
        .filter_map(|s| Some((s.platform?, s.imported_rate?, s.source.clone())))
        .collect()
}

#[test]
fn engagement_rates_are_stored_as_fractions_whatever_the_column_writes() {
    let (dir, store) = store();
    // A Modash-style column of fractions, and an Aspire-style per-platform
    // column of plain percents (2.4 is over 1: the column is in percents).
    let path = dir.path().join("creators.csv");
    std::fs::write(
        &path,
        "Username,Platform,Followers,Engagement rate,TikTok,TikTok Engagement Rate,Followers credibility\n\
         mara.eats,Instagram,48200,0.0273,maraeats,2.4,81%\n\
         lena.runs,Instagram,12000,0.041,,,\n\
         @nobody,Instagram,100,,,,\n",
    )
    .unwrap();
    let summary = import_file(&store, &path, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!(summary.imported, 3, "{:?}", summary.rejected);
    let today = chrono::Local::now().date_naive();
    let mara = imported_rates(&store, "@mara.eats");
    assert_eq!(mara.len(), 2);
    assert_eq!(mara[0].0, Platform::Instagram);
    assert!((mara[0].1 - 0.0273).abs() < 1e-12);
    assert_eq!(mara[1].0, Platform::Tiktok);
    assert!((mara[1].1 - 0.024).abs() < 1e-12);
    assert_eq!(mara[0].2, format!("creators.csv, imported {today}"));
    assert!((imported_rates(&store, "@lena.runs")[0].1 - 0.041).abs() < 1e-12);
    let mara_id = roster::find(&store, "@mara.eats").unwrap().id.to_string();
    let audience = crate::vetting::dossier(&store, &mara_id).unwrap().audience;
    assert!((audience.credibility.unwrap() - 0.81).abs() < 1e-12);
    assert_eq!(audience.mass_followers, None);
    assert!(imported_rates(&store, "@nobody").is_empty());

    // A bad rate cell says so, and costs the creator nothing else.
    std::fs::write(&path, "Username,Platform,Engagement rate\nzoe,Instagram,high\n").unwrap();
    let summary = import_file(&store, &path, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert!(summary.rejected.is_empty(), "{:?}", summary.rejected);
    assert_eq!(summary.imported, 1);
    assert_eq!(
        summary.warnings,
        [Warning {
            line: 2,
            column: "Engagement rate".into(),
            reason: "engagement rate 'high' is not a rate; left empty".into()
        }]
    );
}

#[test]
fn figures_of_stored_creators_are_merged_and_go_with_the_creator() {
    let (dir, store) = store();
    let path = dir.path().join("first.csv");
    std::fs::write(
        &path,
        "Username,Platform,Followers,Avg likes,Avg comments,Audience country\n\
         mara.eats,Instagram,48200,1400,52,Portugal\n",
    )
    .unwrap();
    import_file(&store, &path, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    let second = dir.path().join("second.csv");
    std::fs::write(
        &second,
        "Username,Platform,Avg views,Engagement rate\nmara.eats,Instagram,9100,3.2%\n",
    )
    .unwrap();
    let summary = import_file(&store, &second, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((summary.imported, summary.unchanged), (0, 1));

    let mara = roster::find(&store, "@mara.eats").unwrap();
    let dossier = crate::vetting::dossier(&store, &mara.id.to_string()).unwrap();
    let stats = &dossier.stats[0];
    assert_eq!(
        (stats.avg_likes, stats.avg_comments, stats.avg_views),
        (Some(1400.0), Some(52.0), Some(9100.0)),
        "the second file adds to the first"
    );
    assert!((stats.imported_rate.unwrap() - 0.032).abs() < 1e-12);
    assert!(stats.source.starts_with("second.csv, imported "), "{}", stats.source);
    assert_eq!(dossier.audience.top_country.as_deref(), Some("PT"));

    // A person's entry after the import wins over it.
    let draft = crate::vetting::drafts::AccountStatsDraft {
        platform: Some(Platform::Instagram),
        avg_likes: Some(2000.0),
        avg_comments: Some(80.0),
        ..Default::default()
    };
    crate::vetting::set_account_stats(&store, &mara.id.to_string(), &draft).unwrap();
    let stats = crate::vetting::dossier(&store, &mara.id.to_string()).unwrap().stats;
    assert_eq!((stats[0].avg_likes, stats[0].avg_views), (Some(2000.0), None));

    // Deleting the creator takes the figures with them.
    roster::remove(&store, &mara.id.to_string()).unwrap();
    let mut left = 0;
    roster::for_each_imported_figures(&store, |_| {
        left += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_youtube_sheet_from_excel_on_windows() {
    let (_dir, store) = store();
    let preview = preview(&fixture("youtube-outreach-cp1252.csv")).unwrap();
    assert_eq!(
        (preview.encoding.as_str(), preview.delimiter.as_str()),
        ("windows-1252", ";")
    );
    let summary = import(&store, "youtube-outreach-cp1252.csv").unwrap();
    assert_eq!(
        (summary.imported, summary.rejected.len()),
        (3, 0),
        "{:?}",
        summary.rejected
    );
    let all = roster::list(&store).unwrap();
    let series = find(&all, "T-Series");
    assert_eq!(
        series.accounts[0].handle, "UCq-Fj5jknLsUf-MWSy4_brA",
        "the channel id keeps its case"
    );
    assert_eq!(series.accounts[0].followers, 245_000_000, "2.45E+08");
    assert_eq!(
        series.notes, "\u{201c}Biggest\u{201d} music label",
        "curly quotes read from Windows-1252"
    );
    let marie = find(&all, "Marie écrit");
    assert_eq!(marie.accounts[0].followers, 1_200_000, "1,2E6");
    assert_eq!(marie.country.as_deref(), Some("CI"), "CÃ´te d'Ivoire repaired");
    assert!(find(&all, "Cocomelon \u{2013} Nursery Rhymes").accounts[0]
        .handle
        .starts_with("UCbC"));
    // The channel is found again by its id, whatever the case it is typed in elsewhere.
    assert_eq!(
        roster::find(&store, "https://www.youtube.com/channel/UCq-Fj5jknLsUf-MWSy4_brA")
            .unwrap()
            .id,
        series.id
    );
}

#[test]
fn a_top_influencers_list_names_its_platform_in_the_file_name() {
    let (_dir, store) = store();
    let path = fixture("top-instagram-influencers.csv");
    let preview = preview(&path).unwrap();
    assert!(preview.asks_platform);
    assert_eq!(preview.platform, Some(Platform::Instagram));
    assert!(
        preview.stored.iter().all(|r| matches!(r, StoredRow::Creator { .. })),
        "{:?}",
        preview.stored
    );
    let summary = import_file(
        &store,
        &path,
        None,
        preview.platform,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(summary.imported, 4, "{:?}", summary.rejected);
    assert_eq!(
        summary.warnings,
        [Warning {
            line: 5,
            column: "country".into(),
            reason: "country 'All' is not one Partnerly knows; left empty".into()
        }]
    );
    let cristiano = roster::find(&store, "@cristiano").unwrap();
    assert_eq!(cristiano.accounts[0].followers, 475_800_000, "475.8m");
    let stats = crate::vetting::dossier(&store, &cristiano.id.to_string())
        .unwrap()
        .stats;
    assert_eq!(
        stats[0].avg_likes,
        Some(8_700_000.0),
        "8.7m; the exact-looking twin is 6.5m, both suffixed"
    );
    assert!((stats[0].imported_rate.unwrap() - 0.0139).abs() < 1e-12);
    assert_eq!(
        roster::find(&store, "@leomessi").unwrap().country,
        None,
        "NaN is no country"
    );

    // Without the platform, every handle waits for one.
    assert_eq!(guess_platform(Path::new("creators.csv"), &preview.header), None);
    assert_eq!(
        guess_platform(Path::new("list.csv"), &["Username (TikTok)".into(), "Followers".into()]),
        Some(Platform::Tiktok)
    );
    assert_eq!(
        guess_platform(Path::new("tiktok and youtube.csv"), &[]),
        None,
        "two platforms: no guess"
    );
}

#[test]
fn a_junk_first_line_and_twin_headers_of_a_discovery_export() {
    let preview = preview(&fixture("discovery-twins.csv")).unwrap();
    assert_eq!(
        preview.header_line, 2,
        "the ,,, line above the header is not the header"
    );
    assert_eq!(preview.header[5], "Engagement rate\n(%)");
    assert_eq!(
        preview.mapping[3..6],
        [
            Some(Field::Followers),
            Some(Field::Followers),
            Some(Field::EngagementRate)
        ],
        "both followers columns are read, and the header with a line break in it"
    );
    assert!(preview
        .stored
        .iter()
        .all(|r| matches!(r, StoredRow::Creator { warnings, .. } if warnings.is_empty())));
}
