//! How long a campaign's dashboard takes (every KPI, target, creator and
//! post row, and all charts as SVG) at the size the speed target names:
//! 200 creators and 20,000 readings. Run with
//! `cargo bench -p partnerly-core --bench dashboard`.

use partnerly_core::metrics::dashboard;
use partnerly_core::metrics::PostMetrics;
use partnerly_core::sample;
use partnerly_core::store::Store;

fn main() {
    divan::main();
}

fn programme() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    sample::load(&store).unwrap();
    let id = sample::large::load(&store, 200, 20_000).unwrap();
    let readings: usize = store
        .all::<PostMetrics>()
        .unwrap()
        .iter()
        .map(|m| m.readings.len())
        .sum();
    assert!(readings >= 20_000, "{readings} readings");
    (dir, store, id)
}

#[divan::bench(sample_count = 20)]
fn dashboard_of_200_creators_and_20000_readings(bencher: divan::Bencher) {
    let (_dir, store, id) = programme();
    let today = chrono::Local::now().date_naive();
    bencher.bench(|| {
        let view = dashboard::dashboard(&store, divan::black_box(&id), None, today).unwrap();
        assert_eq!(view.creators.len(), 200);
        view
    });
}
