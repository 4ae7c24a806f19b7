//! `rights` on the sample workspace: each published post's licence, an ad
//! code recorded, and a post in use flagged once its licence runs out.

mod common;

use serde_json::Value;

use common::{failure, ok};

#[test]
fn published_posts_carry_their_rights_and_an_ad_code_and_use_are_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let all: Value = serde_json::from_str(&ok(&data, &["rights", "list", "--json"])).unwrap();
    let all = all.as_array().unwrap();
    // The sample's five published posts, six months of organic and paid use each.
    assert_eq!(all.len(), 5, "{all:?}");
    assert!(all
        .iter()
        .all(|r| r["organic"] == true && r["paid"] == true && r["state"] == "active"));
    let aisha = all.iter().find(|r| r["creator"] == "Aisha Bello").unwrap();
    let id = aisha["partnership_id"].as_str().unwrap().to_string();
    let number = (aisha["deliverable"].as_u64().unwrap() + 1).to_string();

    let said = ok(
        &data,
        &[
            "rights",
            "code",
            &id,
            &number,
            "SPARK-88X",
            "--kind",
            "Spark code",
            "--expires",
            "2027-01-31",
        ],
    );
    assert_eq!(said.trim(), format!("Recorded the Spark code for deliverable {number}"));
    ok(&data, &["rights", "in-use", &id, &number, "yes"]);
    let listed = ok(&data, &["rights", "list"]);
    assert!(
        listed.contains("    Spark code: SPARK-88X, until 2027-01-31"),
        "{listed}"
    );
    assert!(listed.contains(" · in use"), "{listed}");
    // Nothing needs a decision yet: the licence runs for months.
    let attention = ok(&data, &["rights", "list", "--attention"]);
    assert_eq!(attention.trim(), "No published posts need a decision.");

    let bad = failure(&data, &["rights", "in-use", &id, &number, "maybe"]);
    assert!(bad.contains("'maybe' is not yes or no"), "{bad}");
    let sofia: Value = serde_json::from_str(&ok(&data, &["partnerships", "list", "--json"])).unwrap();
    let unpublished = sofia
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["influencer"] == "Sofía Herrera")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let refused = failure(&data, &["rights", "code", &unpublished, "1", "X"]);
    assert!(refused.contains("has not been published"), "{refused}");
}
