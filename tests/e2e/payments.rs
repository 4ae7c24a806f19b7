//! Payments end to end: on the sample workspace, an overdue payment is
//! listed with its currency's totals, part paid, then paid in full, and the
//! store says so after the window has done it.

use super::harness::Harness;
use super::{click, find, store_after_exit};

#[tokio::test(flavor = "multi_thread")]
async fn an_overdue_payment_is_part_paid_then_paid_in_full() {
    let (_turn, harness) = Harness::start_exclusive(17).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Payments']").await;
    // The sample's first signing payments are overdue: most days first.
    let first = find(&app, "(//tbody/tr[@data-creator])[1]").await;
    let creator = first.attr("data-creator").await.unwrap().unwrap();
    find(&app, "(//tbody/tr[@data-creator])[1]//span[contains(@class,'late')]").await;
    find(
        &app,
        "//ul[@aria-label='Totals per currency']/li[strong[normalize-space()='EUR']]",
    )
    .await;
    harness.screenshot("35-payments");

    let row = format!("//tbody/tr[@data-creator=\"{creator}\"][1]");
    click(
        &app,
        &format!("({row}//button[starts-with(@aria-label, 'Record payment to')])[1]"),
    )
    .await;
    let amount = find(
        &app,
        "//form[@aria-label='Record a payment']//label[span[starts-with(normalize-space(), 'Amount paid')]]/input",
    )
    .await;
    let full = amount.prop("value").await.unwrap().unwrap();
    amount.clear().await.unwrap();
    amount.send_keys("100").await.unwrap();
    let reference = find(
        &app,
        "//form[@aria-label='Record a payment']//label[span[normalize-space()='Reference']]/input",
    )
    .await;
    reference.send_keys("SEPA 4471").await.unwrap();
    click(
        &app,
        "//form[@aria-label='Record a payment']//button[normalize-space()='Record']",
    )
    .await;
    find(&app, &format!("{row}[@data-status='part_paid']")).await;

    click(
        &app,
        &format!("({row}//button[starts-with(@aria-label, 'Record payment to')])[1]"),
    )
    .await;
    let rest = find(
        &app,
        "//form[@aria-label='Record a payment']//label[span[starts-with(normalize-space(), 'Amount paid')]]/input",
    )
    .await;
    let open: f64 = rest.prop("value").await.unwrap().unwrap().parse().unwrap();
    assert_eq!(open, full.parse::<f64>().unwrap() - 100.0, "the rest is offered");
    click(
        &app,
        "//form[@aria-label='Record a payment']//button[normalize-space()='Record']",
    )
    .await;
    find(
        &app,
        &format!("//tbody/tr[@data-creator=\"{creator}\" and @data-status='paid']"),
    )
    .await;
    harness.screenshot("36-payments-paid");
    app.close().await.unwrap();

    let store = store_after_exit(data.path()).await;
    let today = chrono::Local::now().date_naive();
    let view = partnerly_core::payments::list(&store, &Default::default(), today).unwrap();
    let paid: Vec<_> = view
        .lines
        .iter()
        .filter(|l| l.creator == creator && l.status == partnerly_core::payments::PaymentStatus::Paid)
        .collect();
    assert_eq!(paid.len(), 1);
    assert_eq!(paid[0].paid.len(), 2);
    assert_eq!(paid[0].paid[0].reference, "SEPA 4471");
}
