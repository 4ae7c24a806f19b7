//! `team` as a team's owner and members run it, against a throw-away
//! PostgreSQL server on loopback.

use partnerly_team::throwaway::{ThrowawayServer, OWNER};
use serde_json::Value;

mod common;

use common::{failure, ok};

fn names(data: &std::path::Path) -> Vec<String> {
    let listed: Value = serde_json::from_str(&ok(data, &["influencers", "list", "--json"])).unwrap();
    let mut names: Vec<String> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn an_owner_sets_up_members_connect_sync_and_a_viewer_sends_nothing() {
    let server = ThrowawayServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (a, v) = (dir.path().join("a"), dir.path().join("v"));
    let owner = server.config(OWNER);
    let set_up = ok(&a, &["team", "set-up", &owner]);
    assert!(
        set_up.starts_with("The team workspace is set up on the server."),
        "{set_up}"
    );
    let added = ok(&a, &["team", "add-member", &owner, "ana", "--role", "editor"]);
    assert!(
        added.starts_with("Added ana as editor.\nTheir password (shown this once"),
        "{added}"
    );
    ok(&a, &["team", "add-member", &owner, "vic", "--role", "viewer"]);

    // Ana's copy has the sample workspace; connecting shares it.
    ok(&a, &["sample"]);
    let connected = ok(&a, &["team", "connect", &server.config("ana"), "--name", "Ana"]);
    let label = format!("ana@127.0.0.1:{}/postgres", server.port);
    assert!(
        connected.starts_with(&format!("Connected to {label} as Ana (editor). Sent ")),
        "{connected}"
    );
    let status = ok(&a, &["team", "status"]);
    assert!(status.contains(&format!("Team server: {label} (editor)")), "{status}");
    assert!(status.contains("Up to date (last synced "), "{status}");

    // Vic's empty copy takes it all in.
    let connected = ok(&v, &["team", "connect", &server.config("vic"), "--name", "Vic"]);
    assert!(connected.contains("(viewer). Sent 0 changes, took in "), "{connected}");
    assert_eq!(names(&v), names(&a));

    // A creator Ana adds waits until her copy syncs, then reaches Vic.
    ok(
        &a,
        &[
            "influencers",
            "add",
            "--name",
            "Lena Vogel",
            "--account",
            "instagram:@lenavogel:5400",
        ],
    );
    assert!(ok(&a, &["team", "status"]).contains("1 change waiting to be sent"));
    assert_eq!(ok(&a, &["team", "sync"]), "Sent 1 change, took in 0.\n");
    assert_eq!(ok(&v, &["team", "sync"]), "Sent 0 changes, took in 1.\n");
    assert!(names(&v).contains(&"Lena Vogel".to_string()));

    // What the viewer changes stays on their computer.
    ok(
        &v,
        &[
            "influencers",
            "add",
            "--name",
            "Tomás Ruiz",
            "--account",
            "tiktok:@tomasruiz:88000",
        ],
    );
    assert_eq!(ok(&v, &["team", "sync"]), "Sent 0 changes, took in 0.\n");
    let status = ok(&v, &["team", "status"]);
    assert!(
        status.contains("1 change made here stay on this computer: a viewer's changes are not sent"),
        "{status}"
    );

    let members: Value = serde_json::from_str(&ok(&a, &["team", "members", "--json"])).unwrap();
    let seen: Vec<(&str, &str)> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["user"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert_eq!(seen, [(OWNER, "owner"), ("ana", "editor"), ("vic", "viewer")]);
    assert_eq!(members[1]["name"], "Ana");

    let status: Value = serde_json::from_str(&ok(&a, &["team", "status", "--json"])).unwrap();
    assert_eq!(status["waiting"], 0);
    assert_eq!(status["conflicts"], Value::Array(vec![]));

    ok(&v, &["team", "leave"]);
    assert!(ok(&v, &["team", "status"]).starts_with("Not connected to a team."));
    let refused = failure(&v, &["team", "sync"]);
    assert!(
        refused.contains("not connected to a team server; connect it first"),
        "{refused}"
    );
}

#[test]
fn a_server_that_cannot_be_reached_or_a_bad_string_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let bad = failure(dir.path(), &["team", "connect", "host=db.example.com"]);
    assert!(bad.contains("names no user"), "{bad}");
    // Nothing listens on port 9 of this machine.
    let away = failure(
        dir.path(),
        &["team", "connect", "host=127.0.0.1 port=9 user=ana dbname=team"],
    );
    assert!(away.contains("cannot be reached"), "{away}");
    assert!(ok(dir.path(), &["team", "status"]).starts_with("Not connected to a team."));
}
