//! `orders` on the sample workspace: a Shopify export is previewed, stored,
//! attributed by the creators' discount codes into the campaign's KPIs, and
//! imported again without counting anything twice.

mod common;

use serde_json::Value;

use common::{failure, ok};

fn campaign_id(data: &std::path::Path) -> String {
    let all: Value = serde_json::from_str(&ok(data, &["campaigns", "list", "--json"])).unwrap();
    all[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn a_shopify_export_feeds_conversions_and_revenue_by_discount_code() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let today = chrono::Local::now().date_naive();
    let export = dir.path().join("orders_export_1.csv");
    std::fs::write(
        &export,
        // The sample creators' codes, a refund and a code no one carries, placed today.
        include_str!("../../../tests/fixtures/shopify_orders.csv").replace("{today}", &today.to_string()),
    )
    .unwrap();
    let path = export.to_str().unwrap();

    let preview = ok(&data, &["orders", "import", path, "--dry-run"]);
    assert!(
        preview
            .starts_with("orders_export_1.csv: Shopify orders export (UTF-8, columns separated by ','), 5 order(s)\n"),
        "{preview}"
    );
    assert!(
        preview.contains("  mara10 → Mara Costa (Spring oat barista launch): 2 order(s), EUR 130.40\n"),
        "{preview}"
    );
    assert!(
        preview.contains("  JONAS15 → Jonas Weber (Spring oat barista launch): 1 order(s), EUR 1,020.00\n"),
        "{preview}"
    );
    assert!(
        preview.contains("  Codes no partnership carries: WELCOME10 (1)\n"),
        "{preview}"
    );
    assert!(
        preview.contains("0 without a code, 1 refunded, voided or cancelled (not counted), 0 already stored"),
        "{preview}"
    );
    assert!(preview.ends_with("Nothing stored (--dry-run)\n"), "{preview}");
    assert!(ok(&data, &["orders", "list"]).starts_with("No orders yet"));

    let stored = ok(&data, &["orders", "import", path]);
    assert!(
        stored.ends_with("Stored 5 new and 0 updated order(s); 3 attributed by discount code\n"),
        "{stored}"
    );
    let campaign = campaign_id(&data);
    let kpis = ok(&data, &["kpis", &campaign]);
    assert!(kpis.contains("Conversions"), "{kpis}");
    assert!(kpis.contains("(attributed by discount code (3 orders))"), "{kpis}");
    assert!(
        kpis.contains("  MARA10 · Mara Costa: 2 order(s), EUR 130.40\n"),
        "{kpis}"
    );
    assert!(
        kpis.contains("  JONAS15 · Jonas Weber: 1 order(s), EUR 1,020.00\n"),
        "{kpis}"
    );
    assert!(
        kpis.contains("  Attributed by discount code: an order counts for the partnership"),
        "{kpis}"
    );
    let json: Value = serde_json::from_str(&ok(&data, &["kpis", &campaign, "--json"])).unwrap();
    let figure = |row: &Value, key: &str| {
        row["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["key"] == key)
            .unwrap()["value"]
            .clone()
    };
    let creator = |name: &str| {
        json["creators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["creator"] == name)
            .unwrap()
            .clone()
    };
    // The orders replace the conversions and revenue typed on their posts; the others' stay.
    let (mara, jonas, aisha) = (creator("Mara Costa"), creator("Jonas Weber"), creator("Aisha Bello"));
    assert_eq!(
        (figure(&mara, "conversions"), figure(&mara, "revenue")),
        (2.0.into(), 130.4.into())
    );
    assert_eq!(
        (figure(&jonas, "conversions"), figure(&jonas, "revenue")),
        (1.0.into(), 1020.0.into())
    );
    let others = figure(&aisha, "conversions").as_f64().unwrap();
    assert_eq!(figure(&json, "conversions").as_f64().unwrap(), 3.0 + others);
    assert!(kpis.contains("Note: Mara Costa: conversions and revenue are the 2 orders attributed by discount code; those entered on posts are not added."), "{kpis}");

    let again = ok(&data, &["orders", "import", path]);
    assert!(
        again.ends_with("Stored 0 new and 5 updated order(s); 3 attributed by discount code\n"),
        "{again}"
    );
    let json: Value = serde_json::from_str(&ok(&data, &["orders", "list", "--json"])).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 5);

    let no_codes = dir.path().join("customers.csv");
    std::fs::write(&no_codes, "Order Number,Order Date,Order Total\n1,2026-04-01,10\n").unwrap();
    let refused = failure(&data, &["orders", "import", no_codes.to_str().unwrap()]);
    assert!(
        refused.contains(
            "customers.csv is not an order export Partnerly can read: it has no column for the discount code"
        ),
        "{refused}"
    );
}
