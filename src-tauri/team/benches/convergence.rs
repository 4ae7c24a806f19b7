//! How long a team takes to converge, and how many bytes travel: 20 copies,
//! a 100,000-creator roster imported on one (engagement columns included),
//! then 10,000 edits spread over all of them (some to the same creators,
//! so conflicts are found too), synced until nothing moves. Against a
//! throw-away PostgreSQL server on loopback.
//!
//! Run with `cargo bench -p partnerly-team --bench convergence`; scale it
//! with PARTNERLY_BENCH_CLIENTS, PARTNERLY_BENCH_CREATORS and
//! PARTNERLY_BENCH_CHANGES. Bytes are the changes' JSON as pushed (what a
//! copy sends) and the loopback interface's counters (everything on the
//! wire, both directions, protocol included).

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use partnerly_core::roster::{self, InfluencerDraft};
use partnerly_core::store::Store;
use partnerly_core::sync::{conflicts, log};
use partnerly_team::throwaway::ThrowawayServer;
use partnerly_team::{sync, Role, Synced, Team};

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Bytes the loopback interface has carried so far.
fn loopback_bytes() -> u64 {
    let text = std::fs::read_to_string("/proc/net/dev").unwrap_or_default();
    text.lines()
        .find_map(|line| line.trim_start().strip_prefix("lo:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn payload(store: &Store) -> u64 {
    log::unpushed(store)
        .unwrap()
        .iter()
        .map(|c| serde_json::to_vec(c).unwrap().len() as u64)
        .sum()
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn roster_file(path: &Path, creators: usize) {
    let mut rows = String::from("name,instagram,followers,engagement rate,avg likes,avg comments,country,category\n");
    for n in 0..creators {
        rows.push_str(&format!(
            "Creator {n},creator_{n},{},{}.{}%,{},{},{},{}\n",
            1_000 + n * 7 % 900_000,
            n % 9,
            n % 10,
            n % 5_000,
            n % 300,
            ["DE", "FR", "ES", "US", "GB"][n % 5],
            ["fitness", "food", "travel", "beauty"][n % 4]
        ));
    }
    std::fs::write(path, rows).unwrap();
}

/// Syncs every copy at once (a thread each, as separate computers would),
/// returning what each round moved.
fn sync_all(server: &ThrowawayServer, copies: &[(String, Store)]) -> Vec<Synced> {
    std::thread::scope(|scope| {
        let running: Vec<_> = copies
            .iter()
            .map(|(user, store)| {
                scope.spawn(move || {
                    runtime().block_on(async {
                        let team: Team = server.connect(user).await.unwrap();
                        sync(store, &team).await.unwrap()
                    })
                })
            })
            .collect();
        running.into_iter().map(|r| r.join().unwrap()).collect()
    })
}

fn main() {
    let clients = setting("PARTNERLY_BENCH_CLIENTS", 20);
    let creators = setting("PARTNERLY_BENCH_CREATORS", 100_000);
    let changes = setting("PARTNERLY_BENCH_CHANGES", 10_000);
    println!("{clients} copies, a {creators}-creator roster, {changes} edits");

    let server = ThrowawayServer::start().unwrap();
    let users: Vec<String> = (0..clients).map(|n| format!("member{n}")).collect();
    let members: Vec<(&str, Role)> = users.iter().map(|u| (u.as_str(), Role::Editor)).collect();
    runtime().block_on(server.workspace(&members)).unwrap();
    let folders = tempfile::tempdir().unwrap();
    let copies: Vec<(String, Store)> = users
        .iter()
        .map(|user| {
            let store = Store::open(&folders.path().join(user)).unwrap();
            log::join(&store, user).unwrap();
            (user.clone(), store)
        })
        .collect();

    // The roster arrives on one copy, as a file import.
    let file = folders.path().join("roster.csv");
    roster_file(&file, creators);
    let started = Instant::now();
    let summary =
        partnerly_core::import::run::import_file(&copies[0].1, &file, None, None, &mut |_| {}, &AtomicBool::new(false))
            .unwrap();
    println!(
        "import on one copy, logged for the team: {} new creators in {:.1} s",
        summary.imported,
        started.elapsed().as_secs_f64()
    );

    let up = payload(&copies[0].1);
    let wire = loopback_bytes();
    let started = Instant::now();
    let pushed = sync_all(&server, &copies[..1]);
    let push_time = started.elapsed();
    println!(
        "pushed {} changes in {:.1} s: {} of JSON, {} on the wire",
        pushed[0].pushed,
        push_time.as_secs_f64(),
        mb(up),
        mb(loopback_bytes() - wire)
    );

    let wire = loopback_bytes();
    let started = Instant::now();
    let pulled = sync_all(&server, &copies[1..]);
    let took = started.elapsed();
    let total: usize = pulled.iter().map(|s| s.pulled).sum();
    println!(
        "{} copies took in the roster at once: {total} changes in {:.1} s ({:.1} s a copy on average), {} on the wire",
        clients - 1,
        took.as_secs_f64(),
        took.as_secs_f64() / (clients - 1).max(1) as f64,
        mb(loopback_bytes() - wire)
    );

    // Edits everywhere: each copy changes the notes of its share of
    // creators; every hundredth is a creator another copy edits too.
    let per_copy = changes / clients.max(1);
    let ids: Vec<String> = roster::list(&copies[0].1)
        .unwrap()
        .into_iter()
        .map(|c| c.id.to_string())
        .collect();
    let started = Instant::now();
    let mut up = 0;
    for (n, (user, store)) in copies.iter().enumerate() {
        for k in 0..per_copy {
            let at = if k % 100 == 0 { k } else { n * per_copy + k };
            let id = &ids[at % ids.len()];
            let current = roster::get(store, id).unwrap();
            let draft = InfluencerDraft {
                notes: format!("{user}: call back in week {k}"),
                ..current.to_draft()
            };
            roster::update(store, id, &draft).unwrap();
        }
        up += payload(store);
    }
    println!(
        "{} edits made offline in {:.1} s",
        per_copy * clients,
        started.elapsed().as_secs_f64()
    );

    let wire = loopback_bytes();
    let started = Instant::now();
    let mut rounds = 0;
    loop {
        rounds += 1;
        let moved = sync_all(&server, &copies);
        if moved.iter().all(|m| m.pushed == 0 && m.pulled == 0) {
            break;
        }
        assert!(rounds < 10, "no convergence after 10 rounds");
    }
    let converged: Duration = started.elapsed();
    println!(
        "converged in {:.1} s ({rounds} rounds of all copies syncing at once, the last finding nothing): {} of JSON sent, {} on the wire",
        converged.as_secs_f64(),
        mb(up),
        mb(loopback_bytes() - wire)
    );

    // Every copy holds the same roster, and found the same concurrent edits.
    let fingerprint = |store: &Store| {
        let mut all: Vec<(String, String)> = roster::list(store)
            .unwrap()
            .into_iter()
            .map(|c| (c.id.to_string(), c.notes))
            .collect();
        all.sort();
        all
    };
    let first = fingerprint(&copies[0].1);
    assert_eq!(first.len(), creators);
    for (user, store) in &copies[1..] {
        assert!(fingerprint(store) == first, "{user}'s copy differs");
    }
    let found: Vec<usize> = copies.iter().map(|(_, s)| conflicts::list(s).unwrap().len()).collect();
    println!(
        "all {clients} copies identical; conflicts listed per copy: {} to {}",
        found.iter().min().unwrap_or(&0),
        found.iter().max().unwrap_or(&0)
    );
    let on_disk: u64 = walk(folders.path());
    println!(
        "data folders on disk: {} in all, {} a copy",
        mb(on_disk),
        mb(on_disk / clients as u64)
    );
}

fn walk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => walk(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}
