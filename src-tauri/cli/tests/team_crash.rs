//! A client killed (SIGKILL) in the middle of a sync, sending and taking
//! in, then syncing again: nothing lost, nothing twice, both copies the same.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use partnerly_team::throwaway::{ThrowawayServer, OWNER};
use serde_json::Value;

mod common;

use common::ok;

const CREATORS: usize = 10_000;
/// What the import logs: each creator, and the figures its row gave.
const LOGGED: u64 = 2 * CREATORS as u64;

fn spawn_sync(data: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_partnerly-cli"))
        .arg("--data-dir")
        .arg(data)
        .args(["team", "sync"])
        .env_remove("PARTNERLY_DATA_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn kill_9(mut child: Child) {
    // SIGKILL: no destructor, no flush, as a crash or a pulled plug.
    child.kill().unwrap();
    child.wait().unwrap();
}

/// How many changes `user` has on the server.
fn on_server(runtime: &tokio::runtime::Runtime, server: &ThrowawayServer, user: &str) -> u64 {
    runtime.block_on(async {
        let owner = server.connect(OWNER).await.unwrap();
        let members = owner.members().await.unwrap();
        members.iter().find(|m| m.user == user).map_or(0, |m| m.changes)
    })
}

fn count(data: &std::path::Path) -> usize {
    let listed: Value = serde_json::from_str(&ok(data, &["influencers", "list", "--json"])).unwrap();
    listed.as_array().unwrap().len()
}

#[test]
fn a_client_killed_mid_sync_converges_when_it_syncs_again() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let server = ThrowawayServer::start().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (dir.path().join("a"), dir.path().join("b"), dir.path().join("c"));
    let owner = server.config(OWNER);
    ok(&a, &["team", "set-up", &owner]);
    for user in ["ana", "ben", "cem"] {
        ok(&a, &["team", "add-member", &owner, user, "--role", "editor"]);
    }
    ok(&a, &["team", "connect", &server.config("ana"), "--name", "Ana"]);
    ok(&b, &["team", "connect", &server.config("ben"), "--name", "Ben"]);
    ok(&c, &["team", "connect", &server.config("cem"), "--name", "Cem"]);

    // Ana imports a roster (one change per creator), and her sync is killed
    // once the server holds part of it.
    let file = dir.path().join("roster.csv");
    let mut rows = String::from("name,instagram,followers,engagement rate\n");
    for n in 0..CREATORS {
        rows.push_str(&format!("Creator {n},creator_{n},{},{}.{}%\n", 1000 + n, n % 9, n % 10));
    }
    std::fs::write(&file, rows).unwrap();
    ok(&a, &["import", file.to_str().unwrap()]);
    let sending = spawn_sync(&a);
    let started = Instant::now();
    loop {
        let held = on_server(&runtime, &server, "ana");
        if held > 0 {
            assert!(
                held < LOGGED,
                "the sync finished before it could be killed; make the roster larger"
            );
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "nothing reached the server"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    kill_9(sending);
    let before = on_server(&runtime, &server, "ana");
    ok(&a, &["team", "sync"]);
    assert!(before < LOGGED);
    assert_eq!(
        on_server(&runtime, &server, "ana"),
        LOGGED,
        "every change once on the server"
    );

    // Cem takes it all in, timed; Ben's copy is killed halfway through the same.
    let timed = Instant::now();
    ok(&c, &["team", "sync"]);
    let whole = timed.elapsed();
    let taking_in = spawn_sync(&b);
    std::thread::sleep(whole / 2);
    kill_9(taking_in);
    let said = ok(&b, &["team", "sync"]);
    assert!(said.starts_with("Sent 0 changes, took in "), "{said}");
    assert_eq!(count(&b), CREATORS);
    assert_eq!(count(&c), CREATORS);
    assert_eq!(count(&a), CREATORS);
    // Nothing is left to send or take in anywhere.
    for copy in [&a, &b, &c] {
        assert_eq!(ok(copy, &["team", "sync"]), "Sent 0 changes, took in 0.\n");
    }
}
