//! The caption checker in the real window: a vague label refused for the
//! market, then a caption that discloses as the rules ask.

use super::harness::Harness;
use super::{click, find};

#[tokio::test(flavor = "multi_thread")]
async fn a_caption_is_checked_as_it_is_typed() {
    let (_turn, harness) = Harness::start_exclusive(9).await;
    let data = tempfile::tempdir().unwrap();
    super::welcomed(data.path());
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Check a caption']").await;

    let markets = find(&app, "//input[@id='caption-markets']").await;
    markets.clear().await.unwrap();
    markets.send_keys("United Kingdom").await.unwrap();
    let caption = find(&app, "//textarea[@id='caption-text']").await;
    caption
        .send_keys("My new night cream from @glowlab #gifted")
        .await
        .unwrap();
    find(&app, "//p[@data-compliant='false']").await;
    find(
        &app,
        "//li[@data-rule='vague_label_only' and starts-with(normalize-space(), \"GB: '#gifted' on its own does not disclose an ad.\")]",
    )
    .await;
    find(&app, "//li[@data-rule='platform_label']").await;
    harness.screenshot("24-caption-refused");

    caption.clear().await.unwrap();
    caption
        .send_keys("Ad | My new night cream from @glowlab")
        .await
        .unwrap();
    find(
        &app,
        "//p[@data-compliant='true' and normalize-space()='Disclosed as the rules ask']",
    )
    .await;
    harness.screenshot("25-caption-compliant");
    app.close().await.unwrap();
}
