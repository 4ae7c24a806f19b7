//! The partnership wizard end to end: started from a campaign, filled step
//! by step, interrupted by a restart that resumes at the step the person was
//! on, refused "agreed" while a detail is undefined, then agreed and exported
//! as a PDF through the native save dialog and read back by a PDF reader.

use fantoccini::Client;

use super::harness::Harness;
use super::{click, find, pdf};

/// The input, text area or select labelled `label`: by a `<label for>` or
/// a label wrapping it (labels may hold apostrophes).
fn labelled(label: &str, element: &str) -> String {
    format!(
        "//{element}[@id=//label[normalize-space()=\"{label}\"]/@for] | //label[.//span[normalize-space()=\"{label}\"]]//{element}"
    )
}

async fn fill(app: &Client, label: &str, text: &str) {
    let field = find(app, &labelled(label, "*[self::input or self::textarea]")).await;
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn pick(app: &Client, label: &str, option: &str) {
    let select = find(app, &labelled(label, "select")).await;
    select.select_by_label(option).await.unwrap();
}

async fn at_step(app: &Client, heading: &str) {
    find(app, &format!("//h2[normalize-space()='{heading}']")).await;
}

async fn next(app: &Client, heading: &str) {
    click(app, "//footer//button[normalize-space()='Next']").await;
    at_step(app, heading).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_wizard_resumes_after_a_restart_and_ends_with_an_agreement_pdf() {
    let (_turn, harness) = Harness::start_exclusive(8).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;

    // From the campaign: the wizard opens at the creator, the campaign chosen.
    click(&app, "//nav//button[normalize-space()='Campaigns']").await;
    find(&app, "//li[@data-campaign='Spring oat barista launch']").await;
    harness.screenshot("19-campaigns");
    click(
        &app,
        "//li[@data-campaign='Spring oat barista launch']//button[normalize-space()='New partnership']",
    )
    .await;
    at_step(&app, "2. Creator").await;
    click(&app, "//input[@aria-label='Choose Sofía Herrera']").await;
    find(&app, "//p[normalize-space()='Chosen: Sofía Herrera']").await;
    fill(&app, "Creator's legal name", "Sofía Herrera Gil").await;
    harness.screenshot("20-wizard-creator");

    next(&app, "3. Deliverables").await;
    click(&app, "//button[normalize-space()='Add a deliverable']").await;
    pick(&app, "Platform of deliverable 1", "Instagram").await;
    pick(&app, "Format of deliverable 1", "Reel").await;
    fill(&app, "Due date of deliverable 1", "2026-13-40").await;
    // A date that is not one keeps the person on the step, saying why.
    click(&app, "//footer//button[normalize-space()='Next']").await;
    find(
        &app,
        "//small[normalize-space()=\"'2026-13-40' is not a date like 2026-05-15.\"]",
    )
    .await;
    fill(&app, "Due date of deliverable 1", "2027-01-10").await;

    next(&app, "4. Compensation").await;
    fill(&app, "Flat fee", "2.500,00").await;
    click(&app, "//button[normalize-space()='50 % on signing, 50 % on delivery']").await;
    fill(&app, "Kill fee", "0").await;
    next(&app, "5. Rights and exclusivity").await;

    // A restart in the middle: the pipeline offers to pick up at step 5.
    app.close().await.unwrap();
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Partnerships']").await;
    find(
        &app,
        "//div[contains(@class,'resume')]//span[normalize-space()='Pick up where you left off: Sofía Herrera, step 5 of 8 (Rights and exclusivity)']",
    )
    .await;
    harness.screenshot("21-pipeline-resume");
    click(&app, "//button[normalize-space()='Continue']").await;
    at_step(&app, "5. Rights and exclusivity").await;
    // Back never loses anything: the fee typed before the restart is there.
    click(&app, "//footer//button[normalize-space()='Back']").await;
    at_step(&app, "4. Compensation").await;
    let fee = find(&app, &labelled("Flat fee", "input")).await;
    assert_eq!(fee.prop("value").await.unwrap().as_deref(), Some("2500"));
    next(&app, "5. Rights and exclusivity").await;

    next(&app, "6. Disclosure").await;
    find(
        &app,
        "//li[starts-with(normalize-space(), 'DE: label each post \"Werbung\"')]",
    )
    .await;
    // Each of the campaign's markets answers with its own rules and sources.
    let spain = "//section[@aria-label='Spain (ES)']";
    find(&app, &format!("{spain}//dd/strong[normalize-space()='Publicidad']")).await;
    find(
        &app,
        &format!("{spain}//dt[normalize-space()='Not enough on its own']/following-sibling::dd[1][starts-with(normalize-space(), '#ad, Ad, Advertising')]"),
    )
    .await;
    find(&app, &format!("{spain}//li[contains(normalize-space(), 'Código de Conducta') and contains(normalize-space(), '(checked 2026-12-04)')]")).await;
    find(
        &app,
        "//section[@aria-label='Portugal (PT)']//dd/strong[normalize-space()='Publicidade']",
    )
    .await;
    find(
        &app,
        "//li[starts-with(normalize-space(), 'PT: label each post \"Publicidade\"')]",
    )
    .await;
    harness.screenshot("21b-wizard-disclosure");
    next(&app, "7. Brief and collaboration").await;
    fill(&app, "Key messages", "Oat barista that froths like milk").await;
    fill(&app, "Left to the creator's judgement", "The recipe").await;
    fill(&app, "Review window (business days)", "3").await;
    fill(
        &app,
        "When the brand does not answer in time",
        "The draft counts as approved",
    )
    .await;
    next(&app, "8. Review").await;

    // The brand's side was never filled in: "agreed" waits, and says why.
    find(
        &app,
        "//li[starts-with(normalize-space(), \"No legal name for the brand's side of the agreement.\")]",
    )
    .await;
    let agree = find(&app, "//button[normalize-space()='Mark as agreed']").await;
    assert_eq!(agree.attr("disabled").await.unwrap().as_deref(), Some("true"));
    find(
        &app,
        "//span[@id='agree-why' and normalize-space()='Not yet: 2 details are undefined.']",
    )
    .await;
    harness.screenshot("22-review-undefined");
    click(&app, "//button[normalize-space()='Go to Campaign']").await;
    at_step(&app, "1. Campaign").await;
    fill(&app, "Brand's legal name", "Verdant Kitchen GmbH").await;
    fill(&app, "Brand's contact", "Lena Vogt, lena@verdant.example").await;
    click(
        &app,
        "//nav[@aria-label='Wizard steps']//button[.//span[normalize-space()='Review']]",
    )
    .await;
    at_step(&app, "8. Review").await;
    find(&app, "//p[normalize-space()='Every detail is defined.']").await;
    click(&app, "//button[normalize-space()='Mark as agreed']").await;
    find(&app, "//span[contains(@class,'chip') and normalize-space()='Agreed']").await;
    harness.screenshot("23-review-agreed");

    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("agreement.pdf");
    click(&app, "//button[normalize-space()='Export agreement PDF…']").await;
    harness.answer_file_dialog("Export agreement", &saved);
    find(
        &app,
        &format!("//*[normalize-space()='Saved the agreement to {}.']", saved.display()),
    )
    .await;
    let text = pdf::read_checked(&saved.display().to_string());
    for expected in [
        "Sofía Herrera Gil",
        "Verdant Kitchen GmbH",
        "Status: Agreed",
        "EUR 1,250.00",
        "The recipe",
        "Signatures",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in: {text}");
    }
    // The clause names every market's own label (lines may wrap anywhere).
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "PT: label each post",
        "Publicidade",
        "ES: label each post",
        "Publicidad",
    ] {
        assert!(flat.contains(expected), "missing {expected:?} in: {flat}");
    }

    // The pipeline shows it agreed, beside the sample's own agreement with her.
    click(&app, "//button[normalize-space()='Save and close']").await;
    let agreed = "//section[@data-status='agreed']//article[@data-creator='Sofía Herrera']";
    find(&app, agreed).await;
    let cards = app.find_all(fantoccini::Locator::XPath(agreed)).await.unwrap();
    assert_eq!(cards.len(), 2);
    app.close().await.unwrap();
}
