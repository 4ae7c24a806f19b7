//! Vetting end to end: a brand profile filled in the window, the scorecard
//! it gives on an influencer's page, research recorded there, and the
//! scorecard PDF saved through the native dialog and read by a PDF reader.

use super::harness::Harness;
use super::{add_influencer, click, find, pdf, type_into};

#[tokio::test(flavor = "multi_thread")]
async fn a_brand_profile_gives_a_scorecard_that_exports_as_a_pdf() {
    let (_turn, harness) = Harness::start_exclusive(7).await;
    let data = tempfile::tempdir().unwrap();
    super::welcomed(data.path());
    let app = harness.launch(data.path()).await;
    add_influencer(&app, "Zoë Łukasiewicz", "zoe.gotuje", "15000").await;

    // The brand profile, filled in as a person would.
    click(&app, "//nav//button[normalize-space()='Brands']").await;
    click(&app, "//button[normalize-space()='Create a brand profile']").await;
    type_into(&app, "Brand name", "Verdant Kitchen").await;
    type_into(&app, "Values and topics", "vegan, sustainability").await;
    type_into(&app, "Competitors", "Oatly").await;
    click(&app, "//button[normalize-space()='Add a country']").await;
    let country = find(&app, "//label[span[normalize-space()='Countries: entry 1']]/select").await;
    country.select_by_label("Poland").await.unwrap();
    let weight = find(
        &app,
        "//label[.//span[starts-with(normalize-space(), 'Countries: percent of entry 1')]]//input",
    )
    .await;
    weight.clear().await.unwrap();
    weight.send_keys("100").await.unwrap();
    click(&app, "//button[normalize-space()='Create brand']").await;
    find(
        &app,
        "//strong[normalize-space()=\"No one on Verdant Kitchen's shortlist yet.\"]",
    )
    .await;
    harness.screenshot("08-brand-created");

    // The influencer's page shows the scorecard against it.
    click(&app, "//nav//button[normalize-space()='Roster']").await;
    click(&app, "//button[@data-creator='Zoë Łukasiewicz']").await;
    find(&app, "//h2[normalize-space()='Vetting']").await;
    // "vegan food" matches "vegan", "travel" nothing: 1 of 2 niches.
    find(
        &app,
        "//section[@data-score='alignment']//strong[normalize-space()='50']",
    )
    .await;
    // No demographics yet: unknown, never a silent 0.
    find(
        &app,
        "//section[@data-score='audience-fit']//strong[normalize-space()='Unknown']",
    )
    .await;
    find(&app, "//div[@data-verdict='caution']").await;
    click(&app, "//button[normalize-space()='Add to shortlist']").await;
    find(&app, "//span[normalize-space()=\"On Verdant Kitchen's shortlist\"]").await;

    // Research recorded on the page moves the checklist and the verdict's reasons.
    click(
        &app,
        "//li[@data-item='brand_safety']//button[normalize-space()='Done…']",
    )
    .await;
    type_into(&app, "What you found", "Three years of posts, nothing of concern").await;
    click(
        &app,
        "//li[@data-item='brand_safety']//button[normalize-space()='Mark done']",
    )
    .await;
    find(
        &app,
        "//li[@data-item='brand_safety']//p[starts-with(normalize-space(), 'Done by')]",
    )
    .await;
    find(&app, "//li[normalize-space()='research checklist: 4 of 5 items open']").await;
    harness.screenshot("09-scorecard");

    // The PDF, through the native save dialog, read back as a reader would.
    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("scorecard.pdf");
    click(&app, "//button[normalize-space()='Export scorecard PDF…']").await;
    harness.answer_file_dialog("Export scorecard", &saved);
    find(
        &app,
        &format!("//*[normalize-space()='Saved the scorecard to {}.']", saved.display()),
    )
    .await;
    let text = pdf::read_checked(&saved.display().to_string());
    assert!(text.contains("Zoë Łukasiewicz"), "{text}");
    assert!(text.contains("for Verdant Kitchen"), "{text}");
    assert!(text.contains("Caution"), "{text}");
    assert!(text.contains("Three years of posts, nothing of concern"), "{text}");
    app.close().await.unwrap();
}
