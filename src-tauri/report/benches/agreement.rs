//! How long an agreement PDF takes: the sample's agreed partnership (two
//! pages: parties, deliverables, payments, rights, disclosure for four
//! markets, brief and signatures). Run with `cargo bench -p partnerly-report`.

use partnerly_core::agreement::{self, PartnershipView, Status};
use partnerly_core::sample;
use partnerly_core::store::Store;

fn main() {
    divan::main();
}

fn agreed() -> (tempfile::TempDir, PartnershipView) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    sample::load(&store).unwrap();
    let today = chrono::Local::now().date_naive();
    let view = agreement::views(&store, today)
        .unwrap()
        .into_iter()
        .find(|v| v.partnership.status == Status::Agreed)
        .unwrap();
    drop(store);
    (dir, view)
}

#[divan::bench]
fn typeset_an_agreement(bencher: divan::Bencher) {
    // The engine is built once per process; this measures each PDF after the first.
    let (_dir, view) = agreed();
    let today = chrono::Local::now().date_naive();
    bencher.bench(|| partnerly_report::agreement_pdf(divan::black_box(&view), today).unwrap());
}
