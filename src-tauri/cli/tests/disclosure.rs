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
