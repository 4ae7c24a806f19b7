use super::*;
use Platform::*;

fn row(name: Option<&str>, accounts: &[(Platform, &str, Option<u64>)]) -> RowCreator {
    RowCreator {
        name: name.map(str::to_string),
        accounts: accounts.iter().map(|(p, h, f)| (*p, h.to_string(), *f)).collect(),
        ..Default::default()
    }
}

fn stored(name: &str, accounts: &[(Platform, &str, u64)]) -> Influencer {
    let nobody = Vec::new();
    let mut merger = Merger::new(&nobody, Utc::now(), 0, "test.csv");
    merger
        .add(row(
            Some(name),
            &accounts.iter().map(|(p, h, f)| (*p, *h, Some(*f))).collect::<Vec<_>>(),
        ))
        .unwrap();
    let merged = merger.finish().unwrap();
    let mut influencer = merged.new_influencers().remove(0);
    influencer.notes = "Typed by hand.".into();
    influencer
}

#[test]
fn the_same_account_twice_in_a_file_is_one_creator_and_newer_numbers_win() {
    let nobody = Vec::new();
    let mut merger = Merger::new(&nobody, Utc::now(), 0, "test.csv");
    merger
        .add(row(Some("Mara"), &[(Instagram, "mara.eats", Some(40_000))]))
        .unwrap();
    merger
        .add(row(
            None,
            &[(Instagram, "mara.eats", Some(48_200)), (Tiktok, "maraeats", None)],
        ))
        .unwrap();
    merger
        .add(row(Some("Jonas"), &[(Youtube, "jonasrides", Some(1))]))
        .unwrap();
    let merged = merger.finish().unwrap().new_influencers();
    assert_eq!(merged.len(), 2);
    let mara = &merged[0];
    assert_eq!(mara.name, "Mara");
    assert_eq!(mara.accounts.len(), 2);
    assert_eq!(mara.accounts[0].followers, 48_200);
}

#[test]
fn rows_update_the_roster_without_losing_what_was_typed() {
    let existing = vec![stored("Mara Costa", &[(Instagram, "mara.eats", 40_000)])];
    let mut merger = Merger::new(&existing, Utc::now(), 0, "test.csv");
    let mut update = row(Some("MARA"), &[(Instagram, "mara.eats", Some(48_200))]);
    update.notes = Some("From the agency sheet".into());
    update.country = Some("PT".into());
    merger.add(update).unwrap();
    let merged = merger.finish().unwrap();
    assert_eq!((merged.new.len(), merged.updated.len(), merged.unchanged), (0, 1, 0));
    let mara = &merged.updated[0].0;
    assert_eq!(mara.name, "Mara Costa", "a name typed by hand is kept");
    assert_eq!(mara.notes, "Typed by hand.", "notes typed by hand are kept");
    assert_eq!(mara.country.as_deref(), Some("PT"));
    assert_eq!(mara.accounts[0].followers, 48_200);
}

#[test]
fn empty_cells_and_equal_numbers_change_nothing() {
    let existing = vec![stored("Mara Costa", &[(Instagram, "mara.eats", 48_200)])];
    let mut merger = Merger::new(&existing, Utc::now(), 0, "test.csv");
    merger.add(row(None, &[(Instagram, "mara.eats", None)])).unwrap();
    merger
        .add(row(None, &[(Instagram, "mara.eats", Some(48_200))]))
        .unwrap();
    let merged = merger.finish().unwrap();
    assert_eq!((merged.new.len(), merged.updated.len(), merged.unchanged), (0, 0, 1));
}

#[test]
fn a_row_joining_two_creators_is_rejected() {
    let existing = vec![
        stored("Mara Costa", &[(Instagram, "mara.eats", 1)]),
        stored("Jonas Weber", &[(Youtube, "jonasrides", 1)]),
    ];
    let mut merger = Merger::new(&existing, Utc::now(), 0, "test.csv");
    let Err(NotMerged::Rejected(err)) = merger.add(row(
        None,
        &[(Instagram, "mara.eats", None), (Youtube, "jonasrides", None)],
    )) else {
        panic!("the row should be rejected");
    };
    assert!(
        err.starts_with("its accounts belong to different creators already (Mara Costa and Jonas Weber)"),
        "{err}"
    );
    assert_eq!(merger.finish().unwrap().updated.len(), 0);
}

#[test]
fn a_handle_stands_in_for_a_missing_name_until_one_comes() {
    let nobody = Vec::new();
    let mut merger = Merger::new(&nobody, Utc::now(), 0, "test.csv");
    merger.add(row(None, &[(Tiktok, "chloe.runs", Some(4_300))])).unwrap();
    assert_eq!(decode(merger.new.get(0)).unwrap().name, "@chloe.runs");
    merger
        .add(row(Some("Chloé Martin"), &[(Tiktok, "chloe.runs", None)]))
        .unwrap();
    assert_eq!(merger.finish().unwrap().new_influencers()[0].name, "Chloé Martin");
}

#[test]
fn a_new_creator_past_a_roster_limit_is_rejected_as_the_form_would_reject_it() {
    let nobody = Vec::new();
    let mut merger = Merger::new(&nobody, Utc::now(), 0, "test.csv");
    let long_name = "N".repeat(121);
    let mut too_many_niches = row(Some("Mara"), &[(Instagram, "mara", Some(1))]);
    too_many_niches.niches = (0..21).map(|i| format!("niche {i}")).collect();
    let mut long_notes = row(Some("Jonas"), &[(Youtube, "jonas", Some(1))]);
    long_notes.notes = Some("x".repeat(20_001));
    let cases = [
        (
            row(Some(&long_name), &[(Tiktok, "long", Some(1))]),
            "The name is longer than 120 characters",
        ),
        (too_many_niches, "Keep to 20 niches at most"),
        (long_notes, "Notes are longer than 20000 characters"),
        (
            row(Some("Ana"), &[(Instagram, "ana", Some(10_000_000_001))]),
            "Account 1 (Instagram): 10000000001 followers is more than any account has",
        ),
        (
            row(Some("Bo"), &[(Instagram, "bo", Some(1)), (Instagram, "bo", Some(2))]),
            "Account 2: Instagram @bo is listed twice",
        ),
    ];
    for (case, reason) in cases {
        match merger.add(case) {
            Err(NotMerged::Rejected(why)) => assert_eq!(why, reason),
            other => panic!("{reason}: {other:?}"),
        }
    }
    // Nothing of the rejected rows is left behind; a good row still goes in.
    merger.add(row(Some("Cleo"), &[(Instagram, "cleo", Some(5))])).unwrap();
    let merged = merger.finish().unwrap().new_influencers();
    assert_eq!(merged.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(), ["Cleo"]);
}
