//! A partnership's timeline from the command line: a draft checked as it is
//! logged, approval refused without a reason, feedback past the agreed
//! rounds, each entry by the name given with `name`.

use serde_json::Value;

mod common;

use common::{failure, ok};

#[test]
fn drafts_feedback_and_approval_follow_the_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let listed: Value = serde_json::from_str(&ok(&data, &["partnerships", "list", "--json"])).unwrap();
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["influencer"] == "Sofía Herrera")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    let guessed = ok(&data, &["name"]);
    assert!(guessed.contains("(the system's name;"), "{guessed}");
    assert_eq!(ok(&data, &["name", " Lena  Vogt "]).trim(), "Logged as Lena Vogt");
    let said = ok(
        &data,
        &[
            "collab",
            "draft",
            &id,
            "--deliverable",
            "1",
            "--on",
            "2026-12-03",
            "--caption",
            "Frothing my morning latte with @verdantkitchen",
        ],
    );
    assert!(said.contains("! DE: no advertising label."), "{said}");
    let refused = failure(&data, &["collab", "approve", &id, "--deliverable", "1"]);
    assert!(refused.contains("fails the disclosure check"), "{refused}");

    for _ in 0..2 {
        let said = ok(
            &data,
            &[
                "collab",
                "feedback",
                &id,
                "--deliverable",
                "1",
                "--on",
                "2026-12-04",
                "--changes",
                "--text",
                "Warmer light",
            ],
        );
        assert!(!said.contains('!'), "within the agreement: {said}");
    }
    let said = ok(
        &data,
        &[
            "collab",
            "feedback",
            &id,
            "--deliverable",
            "1",
            "--on",
            "2026-12-04",
            "--changes",
            "--text",
            "Once more",
        ],
    );
    assert!(said.contains("! This is change round 3 of 2 agreed"), "{said}");

    ok(
        &data,
        &[
            "collab",
            "approve",
            &id,
            "--deliverable",
            "1",
            "--override",
            "Werbung is on the video itself",
        ],
    );
    ok(
        &data,
        &[
            "collab",
            "publish",
            &id,
            "--deliverable",
            "1",
            "--url",
            "https://instagram.com/p/abc",
        ],
    );
    let shown: Value = serde_json::from_str(&ok(&data, &["collab", "show", &id, "--json"])).unwrap();
    assert_eq!(shown["deliverables"][0]["stage"], "published");
    assert_eq!(shown["deliverables"][0]["rounds_used"], 3);
    assert_eq!(shown["deliverables"][1]["stage"], "planned");
    let timeline = shown["timeline"].as_array().unwrap();
    assert_eq!(timeline.len(), 6);
    // Logged as the name given, not the system's login.
    assert!(timeline.iter().all(|e| e["by"] == "Lena Vogt"), "{timeline:?}");
}
