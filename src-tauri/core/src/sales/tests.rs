use chrono::TimeZone;

use super::*;
use crate::agreement::tests::{complete_terms, day, research_done, setup};
use crate::agreement::{self, move_to, save, Status, Step};
use crate::import::run::Rejection;
use crate::metrics::dashboard::dashboard;

/// Zoë's partnership in Spring with `codes`, agreed on 2026-04-01.
fn agreed_with_codes(store: &Store, spring: &str, zoe: &str, codes: &[&str]) -> String {
    let id = agreement::create(store, Some(spring), Some(zoe))
        .unwrap()
        .id
        .to_string();
    let mut terms = complete_terms();
    terms.deliverables[0].promo_codes = codes.iter().map(|c| c.to_string()).collect();
    save(store, &id, terms, Step::Review).unwrap();
    research_done(store, zoe);
    move_to(store, &id, Status::Agreed).unwrap();
    let mut partnership = agreement::get(store, &id).unwrap();
    partnership.agreed_at = Some(Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap());
    store.put(&partnership).unwrap();
    id
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Shopify's Orders export, cut to the columns that matter and two more:
/// one row per line item, the order's figures on its first row.
const SHOPIFY: &str = "\
Name,Email,Financial Status,Currency,Subtotal,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name
#1001,a@example.com,paid,EUR,40.00,45.90,zoe15,6.00,2026-04-03 10:12:00 +0200,1,Oat barista 1L
#1001,,,,,,,,,2,Oat barista 6-pack
#1002,b@example.com,paid,EUR,80.00,84.50,ZOE15,12.00,2026-04-05 18:40:11 +0200,1,Starter kit
#1003,c@example.com,refunded,EUR,40.00,45.90,ZOE15,6.00,2026-04-06 09:00:00 +0200,1,Oat barista 1L
#1004,d@example.com,paid,EUR,20.00,24.90,,0.00,2026-04-06 11:00:00 +0200,1,Oat barista 1L
#1005,e@example.com,paid,EUR,20.00,24.90,WELCOME10,2.00,2026-04-07 11:00:00 +0200,1,Oat barista 1L
#1006,f@example.com,paid,EUR,20.00,24.90,ZOE15,3.00,2026-03-30 11:00:00 +0200,1,Oat barista 1L
#1007,g@example.com,paid,EUR,20.00,#REF!,ZOE15,3.00,2026-04-08 11:00:00 +0200,1,Oat barista 1L
#1008,h@example.com,paid,EUR,20.00,24.90,ZOE15,3.00,next week,1,Oat barista 1L
";

#[test]
fn a_shopify_export_is_read_per_order_and_attributed_by_code() {
    let (dir, store, spring, zoe) = setup();
    agreed_with_codes(&store, &spring, &zoe, &["ZOE15"]);
    let path = write(&dir, "orders_export_1.csv", SHOPIFY);
    let file = read_orders(&store, &path, "EUR").unwrap();
    assert_eq!(
        (file.shop, file.source.as_str()),
        (Shop::Shopify, "Shopify orders export")
    );
    // Eight orders; the second line item of #1001 is not an order.
    let numbers: Vec<&str> = file.orders.iter().map(|o| o.number.as_str()).collect();
    assert_eq!(numbers, ["#1001", "#1002", "#1003", "#1004", "#1005", "#1006", "#1007"]);
    assert_eq!(
        file.rejected,
        [Rejection {
            line: 10,
            reason: "Created at 'next week' is not a date Partnerly reads (2026-03-31, 03/31/2026 or Mar 31, 2026); order #1008 is left out".into()
        }]
    );
    assert_eq!(file.warnings.len(), 1, "{:?}", file.warnings);
    assert_eq!((file.warnings[0].line, file.warnings[0].column.as_str()), (9, "Total"));
    assert!(file.warnings[0]
        .reason
        .ends_with("order #1007 counts as a conversion without revenue"));
    assert_eq!((file.without_code, file.not_counted, file.already_stored), (1, 1, 0));
    assert_eq!(file.currency_assumed, None);
    // #1001, #1002 and #1007 count for Zoë: #1003 was refunded, #1006 came before the agreement.
    assert_eq!(file.matches.len(), 1);
    let zoe_sales = &file.matches[0];
    assert_eq!(
        (
            zoe_sales.code.as_str(),
            zoe_sales.creator.as_str(),
            zoe_sales.campaign.as_str()
        ),
        ("zoe15", "Zoë Łukasiewicz", "Spring")
    );
    assert_eq!(zoe_sales.orders, 3);
    assert_eq!(
        zoe_sales.revenue,
        [Money {
            minor: 13_040,
            currency: "EUR".into()
        }]
    );
    assert_eq!(
        file.unknown_codes,
        [UnknownCode {
            code: "WELCOME10".into(),
            orders: 1
        }]
    );
    // Nothing is stored before `apply`.
    assert_eq!(store.count::<Order>().unwrap(), 0);
}

#[test]
fn attributed_orders_are_the_partnerships_conversions_and_revenue_and_a_second_import_updates() {
    let (dir, store, spring, zoe) = setup();
    let id = agreed_with_codes(&store, &spring, &zoe, &["ZOE15"]);
    let path = write(&dir, "orders.csv", SHOPIFY);
    let imported = apply(&store, &read_orders(&store, &path, "EUR").unwrap()).unwrap();
    assert_eq!(
        imported,
        OrdersImported {
            added: 7,
            updated: 0,
            attributed: 3
        }
    );

    let view = dashboard(&store, &spring, None, day("2026-04-10")).unwrap();
    let figure = |key: &str| view.figures.iter().find(|f| f.key == key).unwrap().clone();
    assert_eq!(figure("conversions").value, Some(3.0));
    assert_eq!(figure("revenue").value, Some(130.40));
    assert_eq!(figure("conversions").formula, "attributed by discount code (3 orders)");
    assert!(view.sales_rule.starts_with("Attributed by discount code: "));
    assert_eq!(view.sales.len(), 1);
    assert_eq!(
        (view.sales[0].partnership_id.to_string(), view.sales[0].orders),
        (id, 3)
    );
    assert_eq!(view.sales[0].first_order, Some(day("2026-04-03")));
    // ROI now has revenue: (130.40 − 3,000) / 3,000.
    let roi = view.kpis.iter().find(|k| k.key == "roi").unwrap();
    assert!(
        (roi.value.unwrap() - (130.40 - 3000.0) / 3000.0).abs() < 1e-9,
        "{roi:?}"
    );

    // The next export has #1002 refunded: it stops counting, nothing is counted twice.
    let later = SHOPIFY.replace("#1002,b@example.com,paid", "#1002,b@example.com,refunded");
    let path = write(&dir, "orders-later.csv", &later);
    let again = read_orders(&store, &path, "EUR").unwrap();
    assert_eq!(again.already_stored, 7);
    assert_eq!(
        apply(&store, &again).unwrap(),
        OrdersImported {
            added: 0,
            updated: 7,
            attributed: 2
        }
    );
    let view = dashboard(&store, &spring, None, day("2026-04-10")).unwrap();
    assert_eq!(
        view.figures.iter().find(|f| f.key == "conversions").unwrap().value,
        Some(2.0)
    );
    assert_eq!(store.count::<Order>().unwrap(), 7);
}

#[test]
fn a_code_two_partnerships_carry_counts_for_neither_and_says_why() {
    let (dir, store, spring, zoe) = setup();
    agreed_with_codes(&store, &spring, &zoe, &["ZOE15"]);
    agreed_with_codes(&store, &spring, &zoe, &["zoe15", "ZOE-TIKTOK"]);
    let path = write(&dir, "orders.csv", SHOPIFY);
    apply(&store, &read_orders(&store, &path, "EUR").unwrap()).unwrap();
    let view = dashboard(&store, &spring, None, day("2026-04-10")).unwrap();
    assert_eq!(
        view.figures.iter().find(|f| f.key == "conversions").unwrap().value,
        None
    );
    let shared: Vec<&CodeSales> = view.sales.iter().filter(|s| code_key(&s.code) == "ZOE15").collect();
    assert_eq!(shared.len(), 2);
    assert!(shared.iter().all(|s| s.orders == 0
        && s.problem.as_deref() == Some(&format!("{} is also in the terms of Zoë Łukasiewicz; its orders count for no one until only one partnership carries it.", s.code))));
}

#[test]
fn a_woocommerce_analytics_download_has_no_currency_and_is_read_in_the_one_given() {
    let (dir, store, spring, zoe) = setup();
    agreed_with_codes(&store, &spring, &zoe, &["zoe15"]);
    let woo = "\
Date,Order #,N. Revenue (formatted),Status,Customer,Customer type,Product(s),Items sold,Coupon(s),Net Sales
2026-04-12 10:00:00,5531,\"€1,045.00\",Completed,Ana B.,new,Oat barista 1L,3,\"zoe15, freeship\",1045
2026-04-13 10:00:00,5532,€20.00,Cancelled,Ana C.,new,Oat barista 1L,1,zoe15,20
2026-04-13 11:00:00,5533,€20.00,Processing,Ana D.,returning,Oat barista 1L,1,,20
";
    let path = write(&dir, "wc-orders-report-export.csv", woo);
    let file = read_orders(&store, &path, "EUR").unwrap();
    assert_eq!(file.shop, Shop::WooCommerce);
    assert_eq!(file.currency_assumed.as_deref(), Some("EUR"));
    assert_eq!(file.orders[0].codes, ["zoe15", "freeship"]);
    assert_eq!(
        file.orders[0].total,
        Money {
            minor: 104_500,
            currency: "EUR".into()
        }
    );
    assert_eq!(file.orders[1].status, "cancelled");
    assert_eq!((file.matches[0].orders, file.not_counted, file.without_code), (1, 1, 1));
    assert_eq!(
        file.unknown_codes,
        [UnknownCode {
            code: "freeship".into(),
            orders: 1
        }]
    );
}

#[test]
fn an_export_without_a_code_column_is_refused_with_what_is_missing() {
    let (dir, store, _spring, _zoe) = setup();
    let path = write(
        &dir,
        "sales.csv",
        "Order Number,Order Date,Order Total\n1,2026-04-01,10\n",
    );
    let error = read_orders(&store, &path, "EUR").unwrap_err().to_string();
    assert_eq!(
        error,
        "sales.csv is not an order export Partnerly can read: it has no column for the discount code (Discount Code, Coupon(s), Coupon Code); the columns are: Order Number, Order Date, Order Total"
    );
}

#[test]
fn a_total_in_words_is_not_an_amount_but_a_currency_around_it_is() {
    assert!(super::file::amount_for_tests("about 25", "EUR").is_err());
    assert_eq!(super::file::amount_for_tests("45,90 EUR", "EUR").unwrap().minor, 4_590);
    assert_eq!(
        super::file::amount_for_tests("€1,045.00", "EUR").unwrap().minor,
        104_500
    );
}

#[test]
fn codes_are_split_as_the_export_plugins_write_them() {
    assert_eq!(file_codes("code:summer10|amount:5.00;code:vip"), ["summer10", "vip"]);
    assert_eq!(file_codes(" A1 , b2 "), ["A1", "b2"]);
}

fn file_codes(cell: &str) -> Vec<String> {
    super::file::split_codes_for_tests(cell)
}

#[test]
fn an_order_whose_code_changed_in_a_later_export_is_filed_again_not_twice() {
    let (dir, store, spring, zoe) = setup();
    agreed_with_codes(&store, &spring, &zoe, &["ZOE15", "ZOE-TT"]);
    let first = write(
        &dir,
        "first.csv",
        "Name,Total,Discount Code,Created at,Currency\n#1,10.00,\"ZOE15, zoe-tt\",2026-04-05,EUR\n#2,20.00,ZOE15,2026-04-05,EUR\n",
    );
    apply(&store, &read_orders(&store, &first, "EUR").unwrap()).unwrap();
    let orders = |code: &str| {
        let view = dashboard(&store, &spring, None, day("2026-04-10")).unwrap();
        view.sales.iter().find(|s| s.code == code).unwrap().orders
    };
    // #1 used both of Zoë's codes: once under each.
    assert_eq!((orders("ZOE15"), orders("ZOE-TT")), (2, 1));
    assert_eq!(list(&store).unwrap().len(), 2, "each order listed once");

    let later = write(
        &dir,
        "later.csv",
        "Name,Total,Discount Code,Created at,Currency\n#1,10.00,SPRING5,2026-04-05,EUR\n",
    );
    let read = read_orders(&store, &later, "EUR").unwrap();
    assert_eq!(read.already_stored, 1);
    assert_eq!(apply(&store, &read).unwrap().updated, 1);
    assert_eq!((orders("ZOE15"), orders("ZOE-TT")), (1, 0));
    assert_eq!(list(&store).unwrap().len(), 2);
    assert_eq!(
        store.count::<Order>().unwrap(),
        2,
        "no copy of #1 is left under its old codes"
    );
}
