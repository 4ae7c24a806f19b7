//! Collaboration end to end: a draft logged on an agreed partnership is
//! checked for disclosure at once, cannot be approved without a reason, and
//! feedback past the agreed revision rounds warns to let the creator's voice through.

use fantoccini::Client;

use super::harness::Harness;
use super::{click, find};

const WORK: &str = "//section[@aria-label='Deliverable 1: Instagram reel']";

async fn fill(app: &Client, label: &str, text: &str) {
    let field = find(
        app,
        &format!("{WORK}//label[span[normalize-space()=\"{label}\"]]//*[self::input or self::textarea]"),
    )
    .await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn feedback_past_the_revision_cap_warns_and_an_undisclosed_draft_needs_a_reason() {
    let (_turn, harness) = Harness::start_exclusive(10).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Partnerships']").await;
    // Sofía's reels fall due within the week.
    find(
        &app,
        "//section[@aria-label='This week']//li[.//strong[normalize-space()='Sofía Herrera']]/span[starts-with(normalize-space(), 'Due ')]",
    )
    .await;
    harness.screenshot("25a-pipeline-this-week");
    click(
        &app,
        "//section[@data-status='agreed']//article[@data-creator='Sofía Herrera']//button[contains(@class,'open')]",
    )
    .await;
    // Agreed partnerships open on the work with the creator.
    find(
        &app,
        "//button[@role='tab' and @aria-selected='true' and normalize-space()='Collaboration']",
    )
    .await;

    fill(&app, "Draft caption", "Frothing my morning latte with @verdantkitchen").await;
    click(&app, &format!("{WORK}//button[normalize-space()='Log draft']")).await;
    find(
        &app,
        &format!("{WORK}//ul[@class and contains(@class,'problems')]/li[starts-with(normalize-space(), 'DE: no advertising label.')]"),
    )
    .await;
    let approve = find(&app, &format!("{WORK}//button[normalize-space()='Approve draft']")).await;
    assert_eq!(approve.attr("disabled").await.unwrap().as_deref(), Some("true"));
    // What text cannot show is a checklist on the deliverable.
    click(
        &app,
        &format!("{WORK}//ul[contains(@class,'checks')]//label[starts-with(normalize-space(), 'Video: say it is an ad')]/input"),
    )
    .await;
    find(
        &app,
        "//section[@aria-label='Timeline']//li[@data-kind='confirmed']//p[starts-with(normalize-space(), 'Checked: Video: say it is an ad')]",
    )
    .await;
    // The brief's "left to the creator" sits beside the feedback box.
    find(
        &app,
        &format!("{WORK}//aside[@aria-label='Left to the creator']/p[normalize-space()='The recipe']"),
    )
    .await;

    for (round, text) in ["Warmer light", "Slower pour", "Once more"].iter().enumerate() {
        fill(&app, "Feedback", text).await;
        click(&app, &format!("{WORK}//button[normalize-space()='Send feedback']")).await;
        find(
            &app,
            &format!("//section[@aria-label='Timeline']//li[@data-kind='feedback']//p[contains(normalize-space(), '{text}')]"),
        )
        .await;
        if round < 2 {
            assert!(app
                .find(fantoccini::Locator::XPath(&format!("{WORK}//div[@role='alert']")))
                .await
                .is_err());
        }
    }
    find(
        &app,
        &format!(
            "{WORK}//div[@role='alert']//li[starts-with(normalize-space(), 'This is change round 3 of 2 agreed')]"
        ),
    )
    .await;
    find(
        &app,
        &format!("{WORK}//p[contains(normalize-space(), '3 of 2 change rounds used')]"),
    )
    .await;
    harness.screenshot("26-collaboration-warning");

    fill(
        &app,
        "Why approve a draft that fails the disclosure check",
        "Werbung is on the video itself",
    )
    .await;
    click(&app, &format!("{WORK}//button[normalize-space()='Approve draft']")).await;
    find(
        &app,
        &format!("{WORK}//span[contains(@class,'stage') and normalize-space()='Approved']"),
    )
    .await;
    find(
        &app,
        "//section[@aria-label='Timeline']//li[@data-kind='approval']//p[contains(normalize-space(), 'despite the disclosure check: Werbung is on the video itself')]",
    )
    .await;
    app.close().await.unwrap();
}
