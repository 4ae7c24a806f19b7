//! Sales end to end: on the sample campaign's dashboard, a Shopify orders
//! export chosen in the native dialog is previewed (each code with its
//! creator, an unknown code, a refund), imported, and the creators'
//! conversions and revenue come from it, attributed by discount code; a
//! WooCommerce download dropped on the dashboard opens the same preview.

use super::harness::Harness;
use super::{click, find, store_after_exit};

#[tokio::test(flavor = "multi_thread")]
async fn an_order_export_is_attributed_by_discount_code_into_the_dashboard() {
    let (_turn, harness) = Harness::start_exclusive(20).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let today = chrono::Local::now().date_naive();
    let files = tempfile::tempdir().unwrap();
    let shopify = files.path().join("orders_export_1.csv");
    std::fs::write(
        &shopify,
        // The sample creators' codes, a refund and a code no one carries, placed today.
        include_str!("../fixtures/shopify_orders.csv").replace("{today}", &today.to_string()),
    )
    .unwrap();
    let woo = files.path().join("wc-orders-report-export.csv");
    std::fs::write(
        &woo,
        format!(
            "Date,Order #,N. Revenue (formatted),Status,Customer,Coupon(s),Net Sales\n\
             {today} 10:00:00,5531,€45.00,Completed,Ana B.,aisha20,45\n"
        ),
    )
    .unwrap();

    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Campaigns']").await;
    click(
        &app,
        "//li[@data-campaign='Spring oat barista launch']//button[normalize-space()='Performance']",
    )
    .await;
    const PANEL: &str = "//section[@aria-labelledby='sales-title']";
    find(
        &app,
        &format!("{PANEL}//tr[@data-code='MARA10']/td[normalize-space()='No orders yet']"),
    )
    .await;
    click(
        &app,
        &format!("{PANEL}//button[normalize-space()='Import shop orders…']"),
    )
    .await;
    harness.answer_file_dialog("Import shop orders", &shopify);
    const DIALOG: &str = "//div[@role='dialog' and .//h2[normalize-space()='Import orders from orders_export_1.csv']]";
    find(
        &app,
        &format!("{DIALOG}//tr[@data-code='mara10']/td[starts-with(normalize-space(), 'Mara Costa')]"),
    )
    .await;
    find(
        &app,
        &format!("{DIALOG}//tr[@data-code='JONAS15']/td[normalize-space()='€1,020.00']"),
    )
    .await;
    find(
        &app,
        &format!("{DIALOG}//p[contains(., 'codes no partnership carries: WELCOME10 (1)')]"),
    )
    .await;
    harness.screenshot("41-orders-preview");
    click(&app, &format!("{DIALOG}//button[normalize-space()='Import 5 orders']")).await;

    find(
        &app,
        &format!("{PANEL}//tr[@data-code='MARA10']/td[2][normalize-space()='2']"),
    )
    .await;
    find(
        &app,
        &format!("{PANEL}//tr[@data-code='JONAS15']/td[3][normalize-space()='€1,020.00']"),
    )
    .await;
    find(
        &app,
        "//li[@data-figure='conversions']/small[normalize-space()='attributed by discount code (3 orders)']",
    )
    .await;
    app.execute(
        "document.getElementById('sales-title').scrollIntoView({block: 'center'})",
        vec![],
    )
    .await
    .unwrap();
    harness.screenshot("42-sales-by-code");

    // Dropped on the dashboard, an order export opens the orders preview, not the post figures'.
    harness.drop_file(&woo);
    const WOO: &str =
        "//div[@role='dialog' and .//h2[normalize-space()='Import orders from wc-orders-report-export.csv']]";
    find(&app, &format!("{WOO}//p[contains(., 'read as EUR, the campaign')]")).await;
    find(
        &app,
        &format!("{WOO}//tr[@data-code='aisha20']/td[starts-with(normalize-space(), 'Aisha Bello')]"),
    )
    .await;
    click(&app, &format!("{WOO}//button[normalize-space()='Cancel']")).await;
    app.close().await.unwrap();

    let store = store_after_exit(data.path()).await;
    let orders = partnerly_core::sales::list(&store).unwrap();
    let mut numbers: Vec<&str> = orders.iter().map(|o| o.number.as_str()).collect();
    numbers.sort();
    assert_eq!(
        numbers,
        ["#2001", "#2002", "#2003", "#2004", "#2005"],
        "the cancelled file stored nothing"
    );
}
