//! Payments end to end: on the sample workspace, an overdue payment is
//! listed with its currency's totals, a payment recorded in error is
//! withdrawn with its reason, the rest is paid in full, and the store says
//! so after the window has done it.

use super::harness::Harness;
use super::{click, find, store_after_exit};

#[tokio::test(flavor = "multi_thread")]
async fn an_overdue_payment_is_corrected_then_paid_in_full() {
    let (_turn, harness) = Harness::start_exclusive(17).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Payments']").await;
    // The sample's part-paid signing payment is the most overdue: first.
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
    let wrong = format!(
        "{row}//button[starts-with(@aria-label, 'Withdraw the payment of') and contains(@aria-label, '100.00')]"
    );
    click(&app, &wrong).await;
    let why = find(
        &app,
        "//form[@aria-label='Withdraw a payment']//label[span[normalize-space()='Why']]/input",
    )
    .await;
    why.send_keys("typed the wrong amount").await.unwrap();
    click(
        &app,
        "//form[@aria-label='Withdraw a payment']//button[normalize-space()='Withdraw payment']",
    )
    .await;
    find(&app, "//*[starts-with(normalize-space(), 'Withdrew the payment of')]").await;

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
    let open = rest.prop("value").await.unwrap().unwrap();
    assert_eq!(
        open, full,
        "the withdrawn 100 no longer counts: all that was open is offered"
    );
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
    // The sample's first part, and the rest; the withdrawn 100 is not among them.
    assert_eq!(paid[0].paid.len(), 2);
    assert!(paid[0].paid.iter().all(|p| p.reference != "SEPA 4471"));
    let partnership = partnerly_core::agreement::get(&store, &paid[0].partnership_id.to_string()).unwrap();
    assert!(partnership.timeline.iter().any(|e| matches!(
        &e.event,
        partnerly_core::collaboration::Event::PaymentWithdrawn { reason, .. } if reason == "typed the wrong amount"
    )));
}
