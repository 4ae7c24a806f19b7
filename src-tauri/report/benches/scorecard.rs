//! How long a scorecard PDF takes: the sample's most eventful creator
//! (four red flags, a follower history, a competitor partnership).
//! Run with `cargo bench -p partnerly-report`.

use partnerly_core::store::Store;
use partnerly_core::{sample, vetting};

fn main() {
    divan::main();
}

fn card() -> (tempfile::TempDir, vetting::scorecard::Scorecard) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    sample::load(&store).unwrap();
    let brand = vetting::list_brands(&store).unwrap().remove(0);
    let today = chrono::Local::now().date_naive();
    let card = vetting::scorecard_for(&store, &brand.id.to_string(), "@danfitlife", today).unwrap();
    drop(store);
    (dir, card)
}

#[divan::bench]
fn typeset_a_pdf(bencher: divan::Bencher) {
    // The engine (template and fonts parsed) is built once per process; this
    // measures each PDF after the first.
    let (_dir, card) = card();
    bencher.bench(|| partnerly_report::scorecard_pdf(divan::black_box(&card)).unwrap());
}

#[divan::bench]
fn word_the_scorecard(bencher: divan::Bencher) {
    let (_dir, card) = card();
    bencher.bench(|| partnerly_report::scorecard_view(divan::black_box(&card)));
}
