//! End to end: the real app binary, in a real window under Xvfb, driven through
//! tauri-driver and WebKitWebDriver exactly as a person would use it.
//! Screenshots land in tests/e2e/screenshots.

mod accessibility;
mod calendar;
mod collaboration;
mod disclosure;
mod harness;
mod housekeeping;
mod messages;
mod payments;
mod pdf;
mod performance;
mod sales;
mod settings;
mod team;
mod vetting;
mod wizard;

use std::time::Duration;

use fantoccini::{Client, Locator};
use harness::Harness;

const PATIENCE: Duration = Duration::from_secs(30);

/// The data folder's store once the closed window's process has let go of
/// it, as it does when it exits.
async fn store_after_exit(dir: &std::path::Path) -> partnerly_core::store::Store {
    let started = std::time::Instant::now();
    loop {
        match partnerly_core::store::Store::open(dir) {
            Ok(store) => return store,
            Err(e) if started.elapsed() < Duration::from_secs(20) => {
                eprintln!("the data folder is still held ({e}); waiting");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => panic!("the data folder opens once the app has exited: {e}"),
        }
    }
}

async fn find(client: &Client, xpath: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath} did not appear: {e}"))
}

async fn click(client: &Client, xpath: &str) {
    find(client, xpath).await.click().await.unwrap();
}

async fn type_into(client: &Client, label: &str, text: &str) {
    // Either <label for=..> next to the field, or a label wrapping it.
    let xpath = format!(
        "//*[@id=//label[normalize-space()='{label}']/@for] | //label[.//span[normalize-space()='{label}']]//*[self::input or self::textarea]"
    );
    let field = find(client, &xpath).await;
    field.send_keys(text).await.unwrap();
}

/// A workspace whose first-run welcome was already answered with "Start
/// empty", for tests that begin on an empty roster.
fn welcomed(data_dir: &std::path::Path) {
    let store = partnerly_core::store::Store::open(data_dir).unwrap();
    partnerly_core::preferences::mark_welcomed(&store).unwrap();
}

/// Fills the form the way a person does and waits for the saved profile.
async fn add_influencer(client: &Client, name: &str, handle: &str, followers: &str) {
    click(client, "//button[normalize-space()='Add influencer']").await;
    type_into(client, "Name", name).await;
    type_into(client, "Handle of account 1", handle).await;
    type_into(client, "Followers of account 1", followers).await;
    type_into(client, "Niches", "vegan food, travel").await;
    click(client, "//button[normalize-space()='Add to roster']").await;
    if std::env::var_os("E2E_DEBUG").is_some() {
        std::thread::sleep(Duration::from_secs(2));
        let png = client.screenshot().await.unwrap();
        std::fs::write("/tmp/e2e-after-add.png", png).unwrap();
    }
    find(client, &format!("//h1[normalize-space()='{name}']")).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_influencer_added_in_the_window_survives_a_restart() {
    let (_turn, harness) = Harness::start_exclusive(0).await;
    let data = tempfile::tempdir().unwrap();

    let app = harness.launch(data.path()).await;
    assert_eq!(app.title().await.unwrap(), "Partnerly");
    find(&app, "//h1[normalize-space()='Welcome to Partnerly']").await;
    harness.screenshot("00-welcome");
    click(&app, "//button[normalize-space()='Start empty']").await;
    find(&app, "//h2[normalize-space()='Your roster is empty']").await;
    harness.screenshot("01-empty-roster");

    // Mistakes are explained next to their fields, and nothing is saved.
    click(&app, "//button[normalize-space()='Add influencer']").await;
    type_into(&app, "Handle of account 1", "mara eats").await;
    type_into(&app, "Followers of account 1", "-500").await;
    click(&app, "//button[normalize-space()='Add to roster']").await;
    find(
        &app,
        "//div[@role='alert' and normalize-space()='3 fields need attention before this can be saved.']",
    )
    .await;
    find(
        &app,
        "//small[normalize-space()='Account 1 (Instagram): followers cannot be negative (-500).']",
    )
    .await;
    harness.screenshot("01b-form-mistakes");
    click(&app, "//button[normalize-space()='Cancel']").await;
    find(&app, "//h2[normalize-space()='Your roster is empty']").await;

    add_influencer(&app, "Mara Costa", "@Mara.Eats", "48200").await;
    find(&app, "//*[normalize-space()='@mara.eats']").await;
    harness.screenshot("02-added-influencer");

    // Launching again hands over to this window and exits, touching no data.
    let elsewhere = tempfile::tempdir().unwrap();
    let second = harness.launch_second_instance(data.path(), elsewhere.path(), &[]);
    assert!(second.success(), "the second instance exits cleanly: {second}");
    assert!(
        !elsewhere.path().join("db").exists(),
        "the second instance opened no store"
    );
    find(&app, "//h1[normalize-space()='Mara Costa']").await;
    app.close().await.unwrap();

    let app = harness.launch(data.path()).await;
    click(&app, "//button[@data-creator='Mara Costa']").await;
    find(
        &app,
        "//span[contains(@class,'chip') and normalize-space()='vegan food']",
    )
    .await;
    harness.screenshot("03-after-restart");

    // Edit: the change is shown at once and is what the roster keeps.
    click(&app, "//button[normalize-space()='Edit']").await;
    type_into(&app, "Notes", "Prefers email over DMs.").await;
    click(&app, "//button[normalize-space()='Save changes']").await;
    find(&app, "//p[normalize-space()='Prefers email over DMs.']").await;
    harness.screenshot("04-edited-influencer");
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_saved_influencer_survives_kill_9() {
    let (_turn, harness) = Harness::start_exclusive(1).await;
    let data = tempfile::tempdir().unwrap();
    welcomed(data.path());

    let app = harness.launch(data.path()).await;
    add_influencer(&app, "Jonas Weber", "jonas.rides", "41800").await;
    harness.kill_app(data.path());
    // The driver's session died with the app: start over with a fresh driver,
    // as a person would simply start the app again.
    drop(app);
    drop(harness);
    let harness = Harness::start(1);

    let app = harness.launch(data.path()).await;
    find(&app, "//button[@data-creator='Jonas Weber']").await;
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_locked_data_folder_is_explained_and_can_be_retried() {
    let (_turn, harness) = Harness::start_exclusive(2).await;
    let data = tempfile::tempdir().unwrap();
    let held = partnerly_core::store::Store::open(data.path()).unwrap();

    let app = harness.launch(data.path()).await;
    find(&app, "//h1[normalize-space()='Your data is open in another window']").await;
    find(
        &app,
        "//p[starts-with(normalize-space(), 'This data folder is open in another Partnerly window')]",
    )
    .await;
    harness.screenshot("05-data-folder-in-use");

    drop(held);
    click(&app, "//button[normalize-space()='Try again']").await;
    click(&app, "//button[normalize-space()='Try it with sample data']").await;
    find(&app, "//button[@data-creator='Kenji Watanabe']").await;
    harness.screenshot("06-sample-roster");
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_data_folder_is_explained() {
    let (_turn, harness) = Harness::start_exclusive(3).await;
    let data = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    for entry in std::fs::read_dir(data.path().join("db")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let len = std::fs::metadata(&path).unwrap().len() as usize;
            std::fs::write(&path, vec![0x5A; len.max(64)]).unwrap();
        }
    }

    let app = harness.launch(data.path()).await;
    find(&app, "//h1[normalize-space()=\"Partnerly can't open your data\"]").await;
    find(
        &app,
        "//p[starts-with(normalize-space(), 'The database in') and contains(., 'is damaged')]",
    )
    .await;
    harness.screenshot("07-damaged-data-folder");
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_workspace_goes_out_and_back_in_through_native_dialogs() {
    let (_turn, harness) = Harness::start_exclusive(4).await;
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let export = files.path().join("my-workspace.json");

    let app = harness.launch(data.path()).await;
    click(&app, "//button[normalize-space()='Try it with sample data']").await;
    find(&app, "//button[@data-creator='Kenji Watanabe']").await;

    click(&app, "//nav//button[normalize-space()='Settings']").await;
    click(&app, "//button[normalize-space()='Export workspace…']").await;
    harness.answer_file_dialog("Export workspace", &export);
    find(&app, "//*[contains(normalize-space(), 'Exported 12 creators to')]").await;
    let written: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(written["format"], "partnerly-workspace");
    assert_eq!(written["influencers"].as_array().unwrap().len(), 12);

    // Change the roster, then bring the exported workspace back.
    click(&app, "//nav//button[normalize-space()='Roster']").await;
    click(&app, "//button[@data-creator='Kenji Watanabe']").await;
    click(&app, "//button[normalize-space()='Delete']").await;
    click(&app, "//div[@role='alertdialog']//button[normalize-space()='Delete']").await;
    find(&app, "//p[normalize-space()='11 creators']").await;

    click(&app, "//nav//button[normalize-space()='Settings']").await;
    click(&app, "//button[normalize-space()='Import workspace…']").await;
    harness.answer_file_dialog("Import workspace", &export);
    find(
        &app,
        "//*[@role='alertdialog']//*[contains(., 'holds 12 creators') and contains(., 'replaces the 11 creators')]",
    )
    .await;
    harness.screenshot("08-import-preview");
    click(&app, "//button[normalize-space()='Replace workspace']").await;
    find(&app, "//*[starts-with(normalize-space(), 'Imported 12 creators.')]").await;

    click(&app, "//nav//button[normalize-space()='Roster']").await;
    find(&app, "//button[@data-creator='Kenji Watanabe']").await;
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_dropped_on_the_window_is_previewed_and_imported() {
    let (_turn, harness) = Harness::start_exclusive(5).await;
    let data = tempfile::tempdir().unwrap();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/import/discovery-export.csv");

    let app = harness.launch(data.path()).await;
    // Dropped on the first-run welcome: the person starts with their own data.
    find(&app, "//h1[normalize-space()='Welcome to Partnerly']").await;
    harness.drop_file(&file);

    find(&app, "//h2[normalize-space()='Import discovery-export.csv']").await;
    find(&app, "//td[normalize-space()='@Mara.Eats']").await;
    // The same rows as they will be stored: handle normalised, 48.2K read.
    find(&app, "//td[normalize-space()='Instagram @mara.eats · 48,200']").await;
    // A bad count costs the count, not the creator.
    find(
        &app,
        "//td[normalize-space()=\"followers: followers '-500' cannot be negative; left empty\"]",
    )
    .await;
    find(
        &app,
        "//td[normalize-space()=\"Not imported: platform 'myspace' is not one Partnerly knows\"]",
    )
    .await;
    harness.screenshot("09-import-preview");
    click(&app, "//button[normalize-space()='Import']").await;

    find(
        &app,
        "//div[@role='status']//div[strong[normalize-space()='6'] and span[normalize-space()='new']]",
    )
    .await;
    find(
        &app,
        "//li[span[normalize-space()='line 8'] and contains(., \"followers '-500' cannot be negative; left empty\")]",
    )
    .await;
    harness.screenshot("10-import-summary");
    click(&app, "//button[normalize-space()='Done']").await;

    find(&app, "//p[normalize-space()='6 creators']").await;
    find(&app, "//button[@data-creator='Kenji Watanabe']").await;
    harness.screenshot("11-imported-roster");
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_roster_scrolls_with_only_the_rows_in_view_on_the_page() {
    let (_turn, harness) = Harness::start_exclusive(6).await;
    let data = tempfile::tempdir().unwrap();
    {
        // 20,000 creators, imported through the same code the window uses.
        let csv = data.path().join("many.csv");
        let mut text = String::from("platform,username,fullname,followers\n");
        for n in 0..20_000 {
            text.push_str(&format!("tiktok,@creator.{n},Creator {n:05},{}\n", 1_000 + n));
        }
        std::fs::write(&csv, text).unwrap();
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        let cancel = std::sync::atomic::AtomicBool::new(false);
        partnerly_core::import::run::import_file(&store, &csv, None, None, &mut |_| {}, &cancel).unwrap();
    }

    let app = harness.launch(data.path()).await;
    find(&app, "//p[normalize-space()='20,000 creators']").await;
    find(&app, "//button[@data-creator='Creator 00000']").await;
    assert_few_rows_on_the_page(&app).await;

    // To the very end, as dragging the scroll bar down does.
    app.execute(
        "const v = document.querySelector('.viewport'); v.scrollTop = v.scrollHeight;",
        vec![],
    )
    .await
    .unwrap();
    find(&app, "//button[@data-creator='Creator 19999']").await;
    assert_few_rows_on_the_page(&app).await;
    harness.screenshot("12-large-roster-end");

    // The search is answered by the app's index.
    type_into_search(&app, "creator.12345").await;
    find(&app, "//p[normalize-space()='1 matching']").await;
    find(&app, "//button[@data-creator='Creator 12345']").await;
    app.close().await.unwrap();
}

/// A virtual list keeps only the rows in view (and a few around) in the page.
async fn assert_few_rows_on_the_page(client: &Client) {
    let rows = client
        .find_all(Locator::XPath("//ul[@aria-label='Influencers']/li"))
        .await
        .unwrap();
    assert!(rows.len() < 60, "{} rows on the page", rows.len());
}

async fn type_into_search(client: &Client, text: &str) {
    let field = find(client, "//input[@aria-label='Search the roster']").await;
    field.send_keys(text).await.unwrap();
}

/// The window-state file the app keeps in its config folder; removed
/// when dropped, so the other tests open the window in its first place.
struct WindowStateFile(std::path::PathBuf);

impl WindowStateFile {
    fn new() -> WindowStateFile {
        let config = std::env::var_os("XDG_CONFIG_HOME")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".config")
            });
        let file = WindowStateFile(config.join(partnerly_core::APP_IDENTIFIER).join(".window-state.json"));
        let _ = std::fs::remove_file(&file.0);
        file
    }
}

impl Drop for WindowStateFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_window_opens_where_and_as_big_as_it_was_left() {
    let (_turn, harness) = Harness::start_exclusive(12).await;
    let state = WindowStateFile::new();
    let data = tempfile::tempdir().unwrap();
    welcomed(data.path());

    let app = harness.launch(data.path()).await;
    find(&app, "//h1[normalize-space()='Roster']").await;
    harness.place_window((90, 40), (1000, 700));
    let placed = harness.window_geometry();
    assert_eq!((placed.2, placed.3), (1000, 700), "the window took the new size");
    // Saved shortly after the window stops moving, without quitting.
    let saved = (0..50).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::fs::read_to_string(&state.0).is_ok_and(|text| text.contains("1000"))
    });
    assert!(saved, "the new size is in {}", state.0.display());
    app.close().await.unwrap();

    let app = harness.launch(data.path()).await;
    find(&app, "//h1[normalize-space()='Roster']").await;
    assert_eq!(harness.window_geometry(), placed);
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_csv_opened_with_partnerly_is_previewed_even_when_the_app_is_already_running() {
    let (_turn, harness) = Harness::start_exclusive(14).await;
    let data = tempfile::tempdir().unwrap();
    welcomed(data.path());
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src-tauri/core/tests/fixtures/import/discovery-export.csv");

    // Opened with the app: the file waits until the window listens.
    let app = harness.launch_with(data.path(), &[&file]).await;
    find(&app, "//h2[normalize-space()='Import discovery-export.csv']").await;
    click(&app, "//button[normalize-space()='Cancel']").await;
    find(&app, "//h2[normalize-space()='Your roster is empty']").await;

    // Opened again while it runs: the second launch hands the file over and exits.
    let elsewhere = tempfile::tempdir().unwrap();
    let second = harness.launch_second_instance(data.path(), elsewhere.path(), &[&file]);
    assert!(second.success(), "the second instance exits cleanly: {second}");
    find(&app, "//h2[normalize-space()='Import discovery-export.csv']").await;
    harness.screenshot("32-opened-with-partnerly");
    click(&app, "//button[normalize-space()='Import']").await;
    find(
        &app,
        "//div[@role='status']//div[strong[normalize-space()='6'] and span[normalize-space()='new']]",
    )
    .await;
    app.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_list_without_a_platform_column_imports_with_the_platform_chosen_and_a_column_remapped() {
    let (_turn, harness) = Harness::start_exclusive(16).await;
    let data = tempfile::tempdir().unwrap();
    welcomed(data.path());
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/tests/fixtures/import/creator-list.csv");

    let app = harness.launch(data.path()).await;
    find(&app, "//h2[normalize-space()='Your roster is empty']").await;
    harness.drop_file(&file);
    find(&app, "//h2[normalize-space()='Import creator-list.csv']").await;
    // Nothing in the file says the platform: every row waits for it.
    find(
        &app,
        "//td[starts-with(normalize-space(), \"Not imported: '@ana.lima' does not say which platform it is on\")]",
    )
    .await;
    let choice = find(&app, "//select[@aria-label='These accounts are on']").await;
    choice
        .select_by_label("TikTok")
        .await
        .expect("the platform choice offers TikTok");
    let display = find(&app, "//select[@aria-label='Column Display holds']").await;
    display
        .select_by_label("Name")
        .await
        .expect("a column can be re-mapped");
    find(&app, "//td[normalize-space()='TikTok @ana.lima · 107,900']").await;
    find(&app, "//td[normalize-space()='Ana Lima']").await;
    find(
        &app,
        "//td[contains(normalize-space(), \"Country: country 'All' is not one Partnerly knows; left empty\")]",
    )
    .await;
    harness.screenshot("33-import-platform-chosen");
    click(&app, "//button[normalize-space()='Import']").await;

    find(
        &app,
        "//div[@role='status']//div[strong[normalize-space()='2'] and span[normalize-space()='new']]",
    )
    .await;
    find(
        &app,
        "//div[@role='status']//div[strong[normalize-space()='2'] and span[normalize-space()='cells left empty']]",
    )
    .await;
    find(
        &app,
        "//li[span[normalize-space()='line 2'] and contains(., \"email 'fill in emails yourself' is not an email address; left empty\")]",
    )
    .await;
    harness.screenshot("34-import-warnings");
    click(&app, "//button[normalize-space()='Done']").await;
    find(&app, "//p[normalize-space()='2 creators']").await;
    find(&app, "//button[@data-creator='Ana Lima']").await;
    find(&app, "//button[@data-creator='Bo Chen']").await;
    app.close().await.unwrap();

    // What the window stored: TikTok accounts, their followers, the bad cells
    // empty.
    let store = store_after_exit(data.path()).await;
    let ana = partnerly_core::roster::find(&store, "@ana.lima").unwrap();
    assert_eq!(ana.accounts[0].platform, partnerly_core::roster::Platform::Tiktok);
    assert_eq!(ana.accounts[0].followers, 107_900);
    assert_eq!((ana.email.as_deref(), ana.country.as_deref()), (None, None));
}
