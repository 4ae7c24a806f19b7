//! How long a shop's order export takes to read and attribute, and what a
//! campaign's dashboard costs once a year of orders is stored. The file is
//! Shopify's layout: one row per line item (2.5 an order on average), the
//! order's figures on its first row, a quarter of the orders with a
//! creator's code, some with an unknown code, some refunded. Run with
//! `cargo bench -p partnerly-core --bench orders`.

use std::fmt::Write as _;

use partnerly_core::metrics::dashboard;
use partnerly_core::sales;
use partnerly_core::store::Store;

fn main() {
    divan::main();
}

const ORDERS: usize = 100_000;

/// A Shopify Orders export of `orders` orders placed today.
fn shopify_export(orders: usize) -> String {
    let today = chrono::Local::now().date_naive();
    let codes = [
        "MARA10",
        "jonas15",
        "AISHA20",
        "SOFIA15",
        "WELCOME10",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    let mut out = String::from(
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Billing Country\n",
    );
    for n in 0..orders {
        let status = if n % 37 == 0 { "refunded" } else { "paid" };
        let code = codes[n % codes.len()];
        let total = 1_990 + (n * 7_919) % 18_000;
        let _ = writeln!(
            out,
            "#{},buyer{n}@example.com,{status},{today} 10:{:02}:00 +0100,fulfilled,EUR,{}.{:02},4.90,0.00,{}.{:02},{code},0.00,{today} 10:{:02}:00 +0100,1,Oat barista 1L,{}.{:02},Buyer {n},DE",
            10_000 + n,
            n % 60,
            total / 100,
            total % 100,
            total / 100,
            total % 100,
            n % 60,
            total / 100,
            total % 100,
        );
        for item in 0..(n % 3) {
            let _ = writeln!(out, "#{},,,,,,,,,,,,,{},Line item {item},3.50,,", 10_000 + n, item + 1);
        }
    }
    out
}

fn sample_with_export() -> (tempfile::TempDir, Store, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    partnerly_core::sample::load(&store).unwrap();
    let path = dir.path().join("orders_export_1.csv");
    std::fs::write(&path, shopify_export(ORDERS)).unwrap();
    let campaign = partnerly_core::campaign::list(&store).unwrap()[0].id.to_string();
    (dir, store, path, campaign)
}

#[divan::bench(sample_count = 10)]
fn read_a_shopify_export_of_100000_orders(bencher: divan::Bencher) {
    let (_dir, store, path, _) = sample_with_export();
    bencher.bench(|| {
        let file = sales::read_orders(&store, divan::black_box(&path), "EUR").unwrap();
        assert_eq!(file.orders.len(), ORDERS);
        file
    });
}

#[divan::bench(sample_count = 10)]
fn store_100000_orders(bencher: divan::Bencher) {
    let (_dir, store, path, _) = sample_with_export();
    let file = sales::read_orders(&store, &path, "EUR").unwrap();
    bencher.bench(|| sales::apply(&store, divan::black_box(&file)).unwrap());
}

#[divan::bench(sample_count = 10)]
fn dashboard_with_100000_orders_stored(bencher: divan::Bencher) {
    let (_dir, store, path, campaign) = sample_with_export();
    sales::apply(&store, &sales::read_orders(&store, &path, "EUR").unwrap()).unwrap();
    let today = chrono::Local::now().date_naive();
    bencher.bench(|| {
        let view = dashboard::dashboard(&store, divan::black_box(&campaign), None, today).unwrap();
        assert!(view.sales.iter().any(|s| s.orders > 0));
        view
    });
}
