//! `tags`, `views` and `duplicates` on the sample workspace: a filtered
//! roster tagged at once and filtered by its tag, a view saved and shown,
//! and a duplicate found by its email and merged with its partnerships.

mod common;

use serde_json::Value;

use common::{failure, ok};

#[test]
fn a_filtered_roster_is_tagged_saved_as_a_view_and_a_duplicate_merged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);

    let said = ok(&data, &["tags", "add", "DACH 2027", "--country", "DE"]);
    let germans: usize = said
        .trim()
        .trim_start_matches("Tagged ")
        .trim_end_matches(" creator(s)")
        .parse()
        .unwrap();
    assert!(germans >= 2, "{said}");
    ok(&data, &["tags", "set", "@maraeats", "Vegan", "dach 2027"]);
    let listed = ok(&data, &["tags", "list"]);
    assert_eq!(listed, format!("DACH 2027 ({})\nVegan (1)\n", germans + 1));
    let tagged: Value =
        serde_json::from_str(&ok(&data, &["influencers", "list", "--tag", "dach 2027", "--json"])).unwrap();
    assert_eq!(tagged.as_array().unwrap().len(), germans + 1);

    ok(
        &data,
        &[
            "views",
            "save",
            "DACH by size",
            "--tag",
            "DACH 2027",
            "--sort",
            "followers",
            "--desc",
        ],
    );
    assert_eq!(ok(&data, &["views", "list"]), "DACH by size\n");
    let shown = ok(&data, &["views", "show", "dach BY size"]);
    assert!(shown.contains("Mara Costa") && shown.contains("Jonas Weber"), "{shown}");
    let gone = failure(&data, &["views", "remove", "Nope"]);
    assert!(gone.contains("There is no saved view named 'Nope'."), "{gone}");

    assert_eq!(
        ok(&data, &["duplicates", "list"]).trim(),
        "No possible duplicates on the roster."
    );
    ok(
        &data,
        &[
            "influencers",
            "add",
            "--name",
            "Jonas W.",
            "--account",
            "twitch:jonasrides_live:3200",
            "--email",
            "HELLO@jonasrides.de",
        ],
    );
    let pairs = ok(&data, &["duplicates", "list"]);
    assert!(pairs.contains("    Same email: hello@jonasrides.de"), "{pairs}");
    let merged = ok(&data, &["duplicates", "merge", "@jonasrides", "@jonasrides_live"]);
    assert!(
        merged.starts_with("Merged Jonas W. into Jonas Weber: 3 account(s), 0 partnership(s)"),
        "{merged}"
    );
    let jonas: Value =
        serde_json::from_str(&ok(&data, &["influencers", "list", "--search", "jonasrides", "--json"])).unwrap();
    let jonas = jonas.as_array().unwrap();
    assert_eq!(jonas.len(), 1, "{jonas:?}");
    assert_eq!(
        (
            jonas[0]["name"].as_str(),
            jonas[0]["accounts"].as_array().unwrap().len()
        ),
        (Some("Jonas Weber"), 3)
    );
    assert_eq!(
        ok(&data, &["duplicates", "list"]).trim(),
        "No possible duplicates on the roster."
    );
    let same = failure(&data, &["duplicates", "merge", "@jonasrides", "@jonasrides_live"]);
    assert!(same.contains("A creator cannot be merged with themselves."), "{same}");
}
