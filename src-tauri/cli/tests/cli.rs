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
fn output_closed_early_stops_the_listing_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["sample"]);
    // The reading end is gone before the CLI starts, as when `head` has
    // already exited: the first line printed meets a closed pipe.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_partnerly-cli"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["influencers", "list"])
        .env_remove("PARTNERLY_DATA_DIR")
        .stdout(writer)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    // Still a working folder afterwards: the stop lost nothing.
    assert!(list(dir.path()).len() >= 10);
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
    assert_eq!(summary["imported"], 6);
    assert_eq!(summary["updated"], 0);
    assert_eq!(summary["unchanged"], 0);
    assert_eq!(
        summary["rejected"],
        serde_json::json!([{"line": 9, "reason": "platform 'myspace' is not one Partnerly knows"}])
    );
    assert_eq!(
        summary["warnings"],
        serde_json::json!([{"line": 8, "column": "followers", "reason": "followers '-500' cannot be negative; left empty"}])
    );
    assert_eq!(list(dir.path()).len(), 6);

    let text = ok(dir.path(), &["import", &fixture("discovery-export.csv")]);
    assert!(
        text.contains(": 0 new, 0 updated, 6 unchanged, 1 rejected, 1 warning(s)"),
        "{text}"
    );
    assert!(
        text.contains("  line 9: platform 'myspace' is not one Partnerly knows"),
        "{text}"
    );
    assert!(
        text.contains("  line 8, followers: followers '-500' cannot be negative; left empty"),
        "{text}"
    );
}

fn creator_by_handle<'a>(all: &'a [Value], handle: &str) -> &'a Value {
    all.iter()
        .find(|c| c["accounts"].as_array().unwrap().iter().any(|a| a["handle"] == handle))
        .unwrap_or_else(|| panic!("no creator with {handle}: {all:?}"))
}

#[test]
fn a_hand_kept_tiktok_list_keeps_every_creator_and_their_followers() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["import", &fixture("tiktok-hand-kept.csv"), "--json"]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(summary["imported"], 3, "{summary}");
    assert_eq!(summary["rejected"], serde_json::json!([]));
    let reasons: Vec<&str> = summary["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["reason"].as_str().unwrap())
        .collect();
    assert!(
        reasons.contains(&"email 'fill in emails yourself' is not an email address; left empty"),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("https://www.tiktok.com/") && r.contains("not to a profile")),
        "{reasons:?}"
    );
    let all = list(dir.path());
    let ana = creator_by_handle(&all, "ana.lima");
    assert_eq!(ana["accounts"][0]["platform"], "tiktok");
    assert_eq!(ana["accounts"][0]["followers"], 107_859);
    assert_eq!(ana["country"], "BR");
    assert_eq!(
        creator_by_handle(&all, "bocooks")["accounts"][0]["followers"],
        2_100_000
    );
}

#[test]
fn platform_and_mappings_from_the_command_line_and_a_dry_run_that_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("creators.csv");
    std::fs::write(
        &file,
        "Username,Subs,Display\n@ana,1200,Ana Lima\nUC9ODqSfRBs_bgrNdGuWmrUA,185M,Cocomelon\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();

    // No platform column and none in the name: every handle asks for one.
    let dry = ok(dir.path(), &["import", file, "--dry-run"]);
    assert!(
        dry.contains("the file's handles do not say their platform: give --platform NAME"),
        "{dry}"
    );
    assert!(
        dry.contains("rejected: '@ana' does not say which platform it is on"),
        "{dry}"
    );
    assert!(dry.contains("Nothing was written (--dry-run)."), "{dry}");

    let args = [
        "import",
        file,
        "--platform",
        "youtube",
        "--map",
        "Subs=followers",
        "--map",
        "Display=name",
        "--dry-run",
    ];
    let dry = ok(dir.path(), &args);
    assert!(
        dry.contains("encoding UTF-8, delimiter \",\", header on line 1"),
        "{dry}"
    );
    assert!(dry.contains("Subs      -> followers (YouTube)"), "{dry}");
    assert!(dry.contains("Display   -> name"), "{dry}");
    assert!(
        dry.contains("Cocomelon: YouTube @UC9ODqSfRBs_bgrNdGuWmrUA (185,000,000 followers)"),
        "{dry}"
    );
    let json: Value = serde_json::from_str(&ok(dir.path(), &[&args[..], &["--json"]].concat())).unwrap();
    assert_eq!(json["platform"], "youtube");
    assert_eq!(
        json["mapping"][1],
        serde_json::json!({"column": "Subs", "field": {"field": "platform_followers", "platform": "youtube"}})
    );
    assert_eq!(json["rows"][0]["accounts"][0]["followers"], 1200);
    assert!(list(dir.path()).is_empty(), "a dry run writes nothing");

    let summary: Value =
        serde_json::from_str(&ok(dir.path(), &[&args[..args.len() - 1], &["--json"]].concat())).unwrap();
    assert_eq!(summary["imported"], 2, "{summary}");
    let all = list(dir.path());
    let channel = creator_by_handle(&all, "UC9ODqSfRBs_bgrNdGuWmrUA");
    assert_eq!(
        channel["name"], "Cocomelon",
        "the id keeps its case and the display name is the name"
    );
    assert_eq!(channel["accounts"][0]["followers"], 185_000_000);

    let err = failure(dir.path(), &["import", file, "--map", "Views=followers"]);
    assert!(
        err.contains("the file has no column 'Views'; its columns are: 'Username', 'Subs', 'Display'"),
        "{err}"
    );
    let err = failure(dir.path(), &["import", file, "--map", "Subs=subscribers"]);
    assert!(
        err.contains("'subscribers' is not a field Partnerly reads; the fields are: name, handle, platform"),
        "{err}"
    );
    let err = failure(dir.path(), &["import", file, "--platform", "myspace"]);
    assert!(err.contains("'myspace' is not a platform Partnerly knows"), "{err}");
}

#[test]
fn engagement_figures_of_a_discovery_export_reach_the_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["import", &fixture("discovery-twins.csv"), "--json"]);
    let summary: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (summary["imported"].clone(), summary["rejected"].clone()),
        (serde_json::json!(3), serde_json::json!([]))
    );
    let all = list(dir.path());
    let mara = creator_by_handle(&all, "mara.eats");
    assert_eq!(
        mara["accounts"][0]["followers"], 48_500,
        "the display value when the exact twin is #VALOR!"
    );
    assert_eq!(
        creator_by_handle(&all, "bocooks")["accounts"][0]["followers"],
        2_100_000
    );
    assert_eq!(
        creator_by_handle(&all, "UC9ODqSfRBs_bgrNdGuWmrUA")["accounts"][0]["followers"],
        185_000_000
    );
    let dossier: Value = serde_json::from_str(&ok(dir.path(), &["dossier", "show", "@mara.eats", "--json"])).unwrap();
    let stats = &dossier["stats"][0];
    assert_eq!(stats["platform"], "instagram");
    assert_eq!(
        (stats["avg_likes"].clone(), stats["avg_comments"].clone()),
        (serde_json::json!(1480.0), serde_json::json!(52.0))
    );
    assert!(
        (stats["imported_rate"].as_f64().unwrap() - 0.031).abs() < 1e-9,
        "{stats}"
    );
    assert_eq!(dossier["audience"]["top_country"], "PT");
    assert_eq!(
        dossier["audience"]["countries"],
        serde_json::json!([]),
        "the top country is not a split"
    );
    assert_eq!(
        mara["country"],
        Value::Null,
        "the audience's country is not where she lives"
    );
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
    // With the engagement columns of a discovery export: the figures are
    // part of the same one write as the creators.
    let mut text = String::from("platform,username,followers,avg likes,avg comments,engagement rate\n");
    for n in 0..rows {
        text.push_str(&format!(
            "instagram,@creator.{n},{n},{},{},{}.{}%\n",
            n % 500,
            n % 50,
            n % 9,
            n % 7
        ));
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
            assert!(
                !cli(dir.path(), &["dossier", "show", "@creator.7"]).status.success(),
                "killed at {fraction}: no creator, no figures"
            );
        } else {
            assert_eq!(count, before.len() + rows, "killed at {fraction}: all or nothing");
            let last = format!("@creator.{}", rows - 1);
            let dossier: Value = serde_json::from_str(&ok(dir.path(), &["dossier", "show", &last, "--json"])).unwrap();
            assert_eq!(
                dossier["stats"][0]["avg_likes"],
                ((rows - 1) % 500) as f64,
                "killed at {fraction}: figures with the roster"
            );
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
