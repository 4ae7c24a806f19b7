//! `disclosure check` as a script would call it.

use serde_json::Value;

mod common;

use common::{failure, ok};

#[test]
fn a_caption_is_checked_per_market_with_json_findings() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let checked: Value = serde_json::from_str(&ok(
        &data,
        &[
            "disclosure",
            "check",
            "--market",
            "US",
            "--platform",
            "instagram",
            "--text",
            "Loving my new running shoes from @acme #sp",
            "--json",
        ],
    ))
    .unwrap();
    assert_eq!(checked["compliant"], false);
    assert_eq!(checked["findings"][0]["rule"], "vague_label_only");
    assert!(checked["findings"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("US: '#sp' on its own does not disclose an ad."));
    // The checker reads no data: no folder was made, no lock taken.
    assert!(!data.exists());

    let good: Value = serde_json::from_str(&ok(
        &data,
        &[
            "disclosure",
            "check",
            "--market",
            "GB,DE",
            "--platform",
            "tiktok",
            "--format",
            "short video",
            "--text",
            "Ad | Werbung: neues Rezept mit @verdant",
            "--json",
        ],
    ))
    .unwrap();
    // GB wants "Ad" first and has it; DE finds its label but not first.
    assert_eq!(good["compliant"], false);
    let blocking: Vec<&str> = good["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["blocking"] == true)
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(blocking, vec!["label_not_first"]);

    let refused = failure(&data, &["disclosure", "check", "--market", "Narnia", "--text", "#ad"]);
    assert!(
        refused.contains("--market 'Narnia' is not a country Partnerly knows"),
        "{refused}"
    );
}

#[test]
fn the_markets_list_and_one_market_reads_with_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let listed = ok(&data, &["disclosure", "markets"]);
    assert_eq!(listed.lines().count(), 27, "{listed}");
    assert!(listed.contains("JP  Japan: 広告"), "{listed}");
    assert!(listed.contains("PL  Poland: Reklama"), "{listed}");

    let poland = ok(&data, &["disclosure", "markets", "Poland"]);
    assert!(
        poland.starts_with("Poland (PL)\n  Label: Reklama, first in the caption: at the start"),
        "{poland}"
    );
    assert!(
        poland.contains("  Not enough on its own: #ad, #sponsored, #collab, #współpraca"),
        "{poland}"
    );
    assert!(
        poland.contains("  Source: UOKiK, Rekomendacje Prezesa UOKiK"),
        "{poland}"
    );
    assert!(poland.contains("(checked 2026-12-04)"), "{poland}");

    let korea: Value = serde_json::from_str(&ok(&data, &["disclosure", "markets", "KR", "--json"])).unwrap();
    assert_eq!(korea["labels"][0], "광고");
    assert_eq!(korea["first"], true);

    let unknown = failure(&data, &["disclosure", "markets", "ZA"]);
    assert!(
        unknown.contains("Partnerly has no disclosure rules for ZA"),
        "{unknown}"
    );
    assert!(!data.exists());
}
