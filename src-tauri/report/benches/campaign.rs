//! How long the campaign summary PDF takes for 200 creators and 20,000
//! readings (KPI and creator tables over several pages, seven charts).
//! Run with `cargo bench -p partnerly-report --bench campaign`.

use partnerly_core::metrics::{compliance, dashboard};
use partnerly_core::sample;
use partnerly_core::store::Store;

fn main() {
    divan::main();
}

#[divan::bench(sample_count = 10)]
fn summary_pdf_of_200_creators(bencher: divan::Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    sample::load(&store).unwrap();
    let id = sample::large::load(&store, 200, 20_000).unwrap();
    let today = chrono::Local::now().date_naive();
    // Measured from the stored data to the PDF bytes: what "Export" waits for.
    bencher.bench(|| {
        let view = dashboard::dashboard(&store, &id, None, today).unwrap();
        let checks = compliance::published(&store, &view).unwrap();
        partnerly_report::campaign_pdf(divan::black_box(&view), &checks).unwrap()
    });
}
