//! The CLI as a script would use it: the real binary, a real data folder.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;

use common::{cli, failure, ok};

/// How many creators the roster holds, from `list --timings` (without
/// printing them all).
fn roster_size(data_dir: &Path) -> usize {
    let out = cli(
        data_dir,
        &["influencers", "list", "--json", "--timings", "--limit", "1"],
    );
    assert!(out.status.success());
    let report = String::from_utf8(out.stderr).unwrap();
    let count = report
        .strip_prefix("index of ")
        .and_then(|rest| rest.split_once(' '))
        .map(|(n, _)| n.to_string())
        .unwrap_or_else(|| panic!("unexpected timings: {report}"));
    count.parse().unwrap()
}

fn list(data_dir: &Path) -> Vec<Value> {
    let text = ok(data_dir, &["influencers", "list", "--json"]);
    serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn add_then_list_as_json() {
    let dir = tempfile::tempdir().unwrap();
    ok(
        dir.path(),
        &[
            "influencers",
            "add",
            "--name",
            "Mara Costa",
            "--account",
            "Instagram:@Mara.Eats:48,200",
            "--account",
            "tiktok:maraeats:126500",
            "--country",
            "Portugal",
            "--niche",
            "Vegan food",
        ],
    );
    let all = list(dir.path());
    assert_eq!(all.len(), 1);
    let mara = &all[0];
    assert_eq!(mara["name"], "Mara Costa");
    assert!(mara["id"].as_str().is_some_and(|id| id.len() == 36));
    assert_eq!(mara["country"], "PT");
    assert_eq!(
        mara["accounts"],
        serde_json::json!([
            {"platform": "instagram", "handle": "mara.eats", "followers": 48200},
            {"platform": "tiktok", "handle": "maraeats", "followers": 126500}
        ])
    );
}

#[test]
fn bad_input_is_explained_on_stderr_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let err = failure(
        dir.path(),
        &[
            "influencers",
            "add",
            "--name",
            " ",
            "--account",
            "instagram:@x:-500",
            "--email",
            "nope",
        ],
    );
    assert!(err.contains("Enter the creator's name."), "{err}");
    assert!(
        err.contains("Account 1 (Instagram): followers cannot be negative (-500)."),
        "{err}"
    );
    assert!(err.contains("'nope' is not an email address"), "{err}");
    assert!(list(dir.path()).is_empty());

    let err = failure(dir.path(), &["influencers", "show", "1234"]);
    assert!(err.contains("there is no influencer with id 1234"), "{err}");
}

#[test]
fn sample_export_and_import_round_trip() {
    let source = tempfile::tempdir().unwrap();
    let out = ok(source.path(), &["sample"]);
    assert!(out.starts_with("Loaded the sample workspace"), "{out}");
    let sample = list(source.path());
    assert!(sample.len() >= 10, "a realistic sample has a real roster");

    let file = source.path().join("export.json");
    ok(source.path(), &["export", "--json", file.to_str().unwrap()]);

    let target = tempfile::tempdir().unwrap();
    ok(target.path(), &["import-workspace", file.to_str().unwrap()]);
    assert_eq!(list(target.path()), sample);

    let err = failure(target.path(), &["sample"]);
    assert!(err.contains("only loads into an empty workspace"), "{err}");
}

#[test]
fn a_folder_in_use_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let _held = partnerly_core::store::Store::open(dir.path()).unwrap();
    let err = failure(dir.path(), &["influencers", "list"]);
    assert!(
        err.contains("this data folder is open in another Partnerly window"),
        "{err}"
    );
}

#[test]
fn the_data_folder_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_partnerly-cli"))
            .args(args)
            .env("PARTNERLY_DATA_DIR", dir.path())
            .output()
            .unwrap()
    };
    assert!(run(&["sample"]).status.success());
    let out = run(&["influencers", "list"]);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("NAME"), "{table}");
    assert!(table.contains("Kenji Watanabe"), "{table}");
}

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn import_prints_a_json_summary_with_the_rejected_lines() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["import", &fixture("discovery-export.csv"), "--json"]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["imported"], 5);
    assert_eq!(summary["updated"], 0);
    assert_eq!(summary["unchanged"], 0);
    assert_eq!(
        summary["rejected"],
        serde_json::json!([
            {"line": 8, "reason": "followers '-500' cannot be negative"},
            {"line": 9, "reason": "platform 'myspace' is not one Partnerly knows"}
        ])
    );
    assert_eq!(list(dir.path()).len(), 5);

    let text = ok(dir.path(), &["import", &fixture("discovery-export.csv")]);
    assert!(text.contains(": 0 new, 0 updated, 5 unchanged, 2 rejected"), "{text}");
    assert!(text.contains("  line 8: followers '-500' cannot be negative"), "{text}");
}

#[test]
fn a_file_that_is_not_a_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let err = failure(dir.path(), &["import", &fixture("not-a-table.csv"), "--json"]);
    assert!(err.contains("is not a table: it looks like a binary file"), "{err}");
    let err = failure(dir.path(), &["import", &fixture("no-account-column.csv")]);
    assert!(err.contains("has no column that names a creator's account"), "{err}");
    assert!(list(dir.path()).is_empty());
}

#[test]
fn an_import_killed_at_any_point_leaves_the_roster_as_it_was() {
    let rows = 150_000;
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("big.csv");
    let mut text = String::from("platform,username,followers\n");
    for n in 0..rows {
        text.push_str(&format!("instagram,@creator.{n},{n}\n"));
    }
    std::fs::write(&file, text).unwrap();
    let import = |dir: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_partnerly-cli"))
            .arg("--data-dir")
            .arg(dir)
            .args(["import", file.to_str().unwrap()])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole import takes here, to place the kills: while reading,
    // while merging, and late, when the single write is under way.
    let started = std::time::Instant::now();
    assert!(import(&scratch.path().join("full")).wait().unwrap().success());
    let whole = started.elapsed();

    for fraction in [0.3, 0.8, 0.93, 0.98] {
        let dir = tempfile::tempdir().unwrap();
        ok(dir.path(), &["sample"]);
        let before = list(dir.path());
        let mut child = import(dir.path());
        std::thread::sleep(whole.mul_f64(fraction));
        child.kill().unwrap(); // SIGKILL: no destructors, no flush
        child.wait().unwrap();

        // The store opens, and holds the old roster or the whole new one.
        let count = roster_size(dir.path());
        if count == before.len() {
            assert_eq!(
                list(dir.path()),
                before,
                "killed at {fraction}: the roster is exactly as it was"
            );
        } else {
            assert_eq!(count, before.len() + rows, "killed at {fraction}: all or nothing");
        }
    }
}

#[test]
fn list_filters_and_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["sample"]);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["influencers", "list", "--json"];
        all.extend_from_slice(args);
        let text = ok(dir.path(), &all);
        serde_json::from_str::<Vec<Value>>(&text)
            .unwrap()
            .into_iter()
            .map(|i| i["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&["--platform", "instagram", "--country", "Germany"]),
        ["Hannah Schulz", "Jonas Weber"]
    );
    assert_eq!(
        names(&["--tier", "mega", "--sort", "followers", "--desc"]),
        ["Kenji Watanabe", "Daniel Okafor"]
    );
    assert!(failure(dir.path(), &["influencers", "list", "--tier", "giga"]).contains("--tier 'giga' is not a tier"));

    let file = dir.path().join("germany.csv");
    let out = ok(
        dir.path(),
        &[
            "influencers",
            "export",
            "--country",
            "DE",
            "--csv",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.starts_with("Exported 2 influencer(s)"), "{out}");
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(
        csv.starts_with("\u{feff}Name,Email,Country,Niches,Notes,Instagram handle,Instagram followers,"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 3);
}
