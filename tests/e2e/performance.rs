//! Performance end to end: the sample campaign's dashboard, a TikTok export
//! dragged onto it (one row matched by its link, one assigned by hand, one
//! refused with its line), the figures updated, and the campaign summary
//! exported through the native save dialog and read back by a PDF reader.

use super::harness::Harness;
use super::{click, find, pdf};

#[tokio::test(flavor = "multi_thread")]
async fn a_post_export_dropped_on_a_campaign_updates_its_dashboard_and_summary_pdf() {
    let (_turn, harness) = Harness::start_exclusive(11).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let files = tempfile::tempdir().unwrap();
    let export = files.path().join("tiktok-videos.csv");
    std::fs::write(
        &export,
        "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views,Add to favorites\n\
         Oat barista #ad,https://www.tiktok.com/@maraeats/video/7441000000000000000,2026-11-26 09:00,\"9,000\",400,600,\"120,000\",\"1,100\"\n\
         Reel cut for TikTok,https://www.tiktok.com/@jonas.rides/video/9,2026-11-20 09:00,900,40,30,\"33,000\",120\n\
         Broken,https://www.tiktok.com/@maraeats/video/7441000000000000000,2026-11-26 09:00,-5,1,1,100,1\n",
    )
    .unwrap();

    let app = harness.launch(data.path()).await;
    find(&app, "//h1[normalize-space()='Roster']").await;
    // The keyboard: F1 lists the shortcuts, Escape closes the list, Ctrl+3 opens Campaigns.
    harness.press("F1");
    find(&app, "//h2[normalize-space()='Keyboard shortcuts']").await;
    find(&app, "//td[normalize-space()='Start a new partnership']").await;
    harness.screenshot("29-keyboard-shortcuts");
    harness.press("Escape");
    harness.press("ctrl+3");
    find(&app, "//h1[normalize-space()='Campaigns']").await;
    assert!(
        app.find(fantoccini::Locator::XPath(
            "//h2[normalize-space()='Keyboard shortcuts']"
        ))
        .await
        .is_err(),
        "Escape closed the shortcut list"
    );
    click(
        &app,
        "//li[@data-campaign='Spring oat barista launch']//button[normalize-space()='Performance']",
    )
    .await;
    find(&app, "//h1[normalize-space()='Spring oat barista launch']").await;
    find(&app, "//tr[@data-kpi='cpm']/td[contains(., 'cost / views × 1,000')]").await;
    find(
        &app,
        "//li[span[normalize-space()='On track'] and contains(., '% of the reach target with')]",
    )
    .await;
    find(&app, "//figure[@data-chart='funnel']//*[name()='svg']").await;
    let views_before = find(&app, "//li[@data-figure='views']/strong")
        .await
        .text()
        .await
        .unwrap();
    harness.screenshot("27-performance-dashboard");

    harness.drop_file(&export);
    find(
        &app,
        "//h2[normalize-space()='Import post figures from tiktok-videos.csv']",
    )
    .await;
    find(
        &app,
        "//tr[@data-line='2']//span[contains(., 'Mara Costa · TikTok short video')]",
    )
    .await;
    find(
        &app,
        "//li[contains(., 'Line 4:') and contains(., 'cannot be negative')]",
    )
    .await;
    click(
        &app,
        "//select[@aria-label='Post for line 3']/option[contains(., 'Jonas Weber · Instagram reel')]",
    )
    .await;
    harness.screenshot("28-performance-import");
    click(&app, "//button[normalize-space()='Import figures']").await;
    find(&app, "//*[normalize-space()='Stored 2 readings for 2 posts.']").await;

    // Mara's post had 74,000 views and Jonas's reel 96,500: today's readings say 120,000 and 33,000.
    let expected = "1,335,400";
    find(
        &app,
        &format!("//li[@data-figure='views']/strong[normalize-space()='{expected}']"),
    )
    .await;
    assert_ne!(views_before, expected);

    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("summary.pdf");
    click(&app, "//button[normalize-space()='Export summary PDF']").await;
    harness.answer_file_dialog("Export campaign summary", &saved);
    find(
        &app,
        &format!(
            "//*[normalize-space()='Saved the campaign summary to {}.']",
            saved.display()
        ),
    )
    .await;
    let text = pdf::read_checked(&saved.display().to_string());
    for wanted in [
        "CAMPAIGN SUMMARY",
        "Spring oat barista launch",
        "1,335,400",
        "Targets against results",
        "Reach and views over time",
        "Disclosure of published posts",
    ] {
        assert!(text.contains(wanted), "missing {wanted:?} in: {text}");
    }
    app.close().await.unwrap();
}
