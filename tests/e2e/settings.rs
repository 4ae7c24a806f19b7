//! Settings in the real window: a backup taken by hand, numbers and dates in
//! another locale, the sample removed in one action and brought back by
//! restoring the backup.

use super::harness::Harness;
use super::{click, find};

#[tokio::test(flavor = "multi_thread")]
async fn the_sample_goes_in_one_action_and_a_backup_brings_it_back() {
    let (_turn, harness) = Harness::start_exclusive(13).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;
    find(&app, "//button[@data-creator='Kenji Watanabe']").await;

    click(&app, "//nav//button[normalize-space()='Settings']").await;
    click(&app, "//button[normalize-space()='Back up now']").await;
    find(&app, "//*[starts-with(normalize-space(), 'Backed up the workspace')]").await;
    find(&app, "//table//td[normalize-space()='Taken by hand']").await;

    // Numbers and dates in German, everywhere in the window.
    let locale = find(&app, "//select[@id='locale']").await;
    locale.select_by_label("Deutsch (Deutschland)").await.unwrap();
    find(&app, "//small[@id='locale-hint' and contains(., '1.234.567,5')]").await;
    click(&app, "//button[normalize-space()='Save preferences']").await;
    find(&app, "//*[normalize-space()='Saved the preferences.']").await;
    harness.screenshot("30-settings");
    click(&app, "//nav//button[normalize-space()='Roster']").await;
    find(&app, "//*[contains(normalize-space(), 'Mio.')]").await;

    click(&app, "//nav//button[normalize-space()='Settings']").await;
    click(&app, "//button[normalize-space()='Remove sample data…']").await;
    find(
        &app,
        "//div[@role='alertdialog']//*[contains(., '12 creators, 1 brand, 1 campaign, 6 partnerships')]",
    )
    .await;
    click(
        &app,
        "//div[@role='alertdialog']//button[normalize-space()='Remove sample data']",
    )
    .await;
    find(&app, "//*[starts-with(normalize-space(), 'Removed the sample data')]").await;
    click(&app, "//nav//button[normalize-space()='Roster']").await;
    find(&app, "//h2[normalize-space()='Your roster is empty']").await;
    click(&app, "//nav//button[normalize-space()='Campaigns']").await;
    find(&app, "//main[not(.//*[contains(., 'Verdant')])]").await;

    click(&app, "//nav//button[normalize-space()='Settings']").await;
    click(&app, "(//table//tr[td[normalize-space()='Taken by hand']]//button)[1]").await;
    find(&app, "//div[@role='alertdialog']//*[contains(., 'holds 12 creators')]").await;
    harness.screenshot("31-restore-backup");
    click(
        &app,
        "//div[@role='alertdialog']//button[normalize-space()='Restore backup']",
    )
    .await;
    find(&app, "//*[starts-with(normalize-space(), 'Restored 12 creators.')]").await;
    click(&app, "//nav//button[normalize-space()='Roster']").await;
    find(&app, "//button[@data-creator='Kenji Watanabe']").await;
    app.close().await.unwrap();
}
