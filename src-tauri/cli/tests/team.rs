//! `team` as a team's owner and members run it, against a throw-away
//! PostgreSQL server on loopback.

use partnerly_team::throwaway::{password_of, ThrowawayServer, OWNER};
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

/// Runs `script` in a fresh D-Bus session whose keychain (GNOME Keyring's
/// Secret Service) is unlocked, as a desktop login leaves it; its files in
/// `home`, so this machine's own keychain is never touched.
fn in_keychain_session(home: &std::path::Path, script: &str) -> std::process::Output {
    let unlock = "printf 'login-password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null";
    std::process::Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &format!("{unlock} && {script}")])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("share"))
        .env("CLI", env!("CARGO_BIN_EXE_partnerly-cli"))
        .env_remove("PARTNERLY_TEAM_PASSWORD")
        .env_remove("PARTNERLY_DATA_DIR")
        .output()
        .expect("dbus-run-session and gnome-keyring-daemon are installed (`bash .ci/setup --test`)")
}

#[test]
fn the_password_goes_into_the_keychain_and_later_syncs_read_it_from_there() {
    let server = ThrowawayServer::start_with_passwords().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (data, home) = (dir.path().join("data"), dir.path().join("home"));
    std::fs::create_dir_all(&home).unwrap();
    let owner = format!("{} password={}", server.config(OWNER), password_of(OWNER));
    ok(&data, &["team", "set-up", &owner]);
    let added = ok(&data, &["team", "add-member", &owner, "ana", "--role", "editor"]);
    let password = added.trim_end().rsplit(' ').next().unwrap().to_string();
    ok(&data, &["sample"]);

    // Connected with the password once, in one session…
    let connection = server.config("ana");
    let first = in_keychain_session(
        &home,
        &format!(
            "printf '%s\\n' '{password}' | \"$CLI\" --data-dir '{}' team connect '{connection}' --name Ana --password-stdin",
            data.display()
        ),
    );
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(said.starts_with("Connected to ana@127.0.0.1"), "{said}");
    assert!(!said.contains("could not be kept"), "{said}");

    // …a later session syncs with nothing but what the keychain kept.
    ok(
        &data,
        &[
            "influencers",
            "add",
            "--name",
            "Lena Vogel",
            "--account",
            "instagram:@lenavogel:5400",
        ],
    );
    let later = in_keychain_session(&home, &format!("\"$CLI\" --data-dir '{}' team sync", data.display()));
    assert_eq!(
        String::from_utf8_lossy(&later.stdout),
        "Sent 1 change, took in 0.\n",
        "{}",
        String::from_utf8_lossy(&later.stderr)
    );

    // Without the keychain there is no password to give, and it says so.
    let without = failure(&data, &["team", "sync"]);
    assert!(without.contains("no password for ana@127.0.0.1"), "{without}");

    // Connecting again finds the kept password; leaving takes it out of the keychain.
    let again = in_keychain_session(
        &home,
        &format!("\"$CLI\" --data-dir '{}' team connect '{connection}'", data.display()),
    );
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let left = in_keychain_session(
        &home,
        &format!(
            "\"$CLI\" --data-dir '{0}' team leave && \"$CLI\" --data-dir '{0}' team connect '{connection}'",
            data.display()
        ),
    );
    assert!(!left.status.success());
    let said = String::from_utf8_lossy(&left.stderr);
    assert!(said.contains("the server asks ana@127.0.0.1"), "{said}");
    assert!(said.contains("for a password; give it with the connection"), "{said}");
}
