//! How the roster and the store scale with roster size.
//! Run with `cargo bench -p partnerly-core --bench roster`.

use divan::Bencher;
use partnerly_core::roster::{self, AccountDraft, Influencer, InfluencerDraft, Platform};
use partnerly_core::store::Store;
use partnerly_core::workspace;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[100, 1_000, 10_000];

fn draft(n: usize) -> InfluencerDraft {
    InfluencerDraft {
        name: format!("Creator {n}"),
        accounts: vec![
            AccountDraft {
                platform: Platform::Instagram,
                handle: format!("creator.{n}"),
                followers: (n as i64 * 37) % 2_000_000,
            },
            AccountDraft {
                platform: Platform::Tiktok,
                handle: format!("creator_{n}"),
                followers: (n as i64 * 91) % 5_000_000,
            },
        ],
        email: format!("creator{n}@example.com"),
        country: "DE".into(),
        niches: vec!["fitness".into(), "travel".into()],
        notes: "Met at a trade fair; prefers email.".into(),
    }
}

/// A store in a temp folder holding `size` influencers, loaded through a
/// workspace import (one batch) so that setting up 10,000 takes seconds.
fn roster_of(size: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::Utc::now();
    let influencers: Vec<Influencer> = (0..size)
        .map(|n| roster::validate(&draft(n)).unwrap().into_new(uuid::Uuid::new_v4(), now))
        .collect();
    let file = workspace::WorkspaceFile {
        format: workspace::FORMAT.into(),
        version: workspace::FORMAT_VERSION,
        exported_at: now,
        influencers,
        vetting: Default::default(),
    };
    let path = dir.path().join("seed.json");
    std::fs::write(&path, serde_json::to_vec(&file).unwrap()).unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    workspace::import(&store, &path).unwrap();
    (dir, store)
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn list(bencher: Bencher, size: usize) {
    let (_dir, store) = roster_of(size);
    bencher.bench_local(|| roster::list(&store).unwrap().len());
}

/// One add as the form does it: validate, check the accounts are free, write, flush.
#[divan::bench(args = SIZES, sample_count = 20)]
fn add_one(bencher: Bencher, size: usize) {
    let (_dir, store) = roster_of(size);
    let mut n = size;
    bencher.bench_local(|| {
        n += 1;
        roster::add(&store, &draft(n)).unwrap()
    });
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn export_workspace(bencher: Bencher, size: usize) {
    let (dir, store) = roster_of(size);
    let file = dir.path().join("export.json");
    bencher.bench_local(|| workspace::export(&store, &file).unwrap());
}
