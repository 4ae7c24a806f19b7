//! Roster housekeeping end to end: on the sample workspace with a creator
//! imported twice, the duplicate review merges the two records into the
//! one kept, and a filtered roster is tagged at once; the store says so
//! after the window is closed.

use super::harness::Harness;
use super::{click, find, store_after_exit};

#[tokio::test(flavor = "multi_thread")]
async fn a_duplicate_is_merged_and_a_filtered_roster_tagged() {
    let (_turn, harness) = Harness::start_exclusive(21).await;
    let data = tempfile::tempdir().unwrap();
    {
        use partnerly_core::roster::{self, AccountDraft, InfluencerDraft, Platform};
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
        roster::add(
            &store,
            &InfluencerDraft {
                name: "Jonas W.".into(),
                accounts: vec![AccountDraft {
                    platform: Platform::Twitch,
                    handle: "jonasrides_live".into(),
                    followers: 3_200,
                }],
                email: "hello@jonasrides.de".into(),
                ..InfluencerDraft::default()
            },
        )
        .unwrap();
    }
    let app = harness.launch(data.path()).await;
    find(&app, "//h1[normalize-space()='Roster']").await;
    click(&app, "//button[normalize-space()='Possible duplicates']").await;
    const PAIR: &str = "//section[@aria-label='Jonas Weber and Jonas W.' or @aria-label='Jonas W. and Jonas Weber']";
    find(
        &app,
        &format!("{PAIR}//li[normalize-space()='Same email: hello@jonasrides.de']"),
    )
    .await;
    harness.screenshot("43-possible-duplicates");
    click(&app, &format!("{PAIR}//button[normalize-space()='Keep Jonas Weber']")).await;
    click(&app, "//div[@role='alertdialog']//button[normalize-space()='Merge']").await;
    find(
        &app,
        "//div[@role='dialog']//p[normalize-space()='No possible duplicates on the roster.']",
    )
    .await;
    click(&app, "//div[@role='dialog']//button[normalize-space()='Close']").await;

    // Everyone in Germany gets a tag, then the tag filters the roster.
    click(&app, "//select[@aria-label='Country']/option[@value='DE']").await;
    click(&app, "//button[starts-with(normalize-space(), 'Tag these ')]").await;
    let field = find(&app, "//input[@aria-label='Tag for the creators shown']").await;
    field.send_keys("DACH 2027").await.unwrap();
    click(
        &app,
        "//form//button[starts-with(normalize-space(), 'Tag ') and contains(., 'creators')]",
    )
    .await;
    find(
        &app,
        "//select[@aria-label='Tag']/option[starts-with(normalize-space(), 'DACH 2027 (')]",
    )
    .await;
    harness.screenshot("44-roster-tagged");
    app.close().await.unwrap();

    let store = store_after_exit(data.path()).await;
    let everyone = partnerly_core::roster::list(&store).unwrap();
    let jonases: Vec<_> = everyone.iter().filter(|i| i.name.starts_with("Jonas")).collect();
    assert_eq!(jonases.len(), 1, "one Jonas is left");
    assert_eq!(jonases[0].name, "Jonas Weber");
    assert_eq!(jonases[0].accounts.len(), 3);
    let partnerships = partnerly_core::agreement::list(&store).unwrap();
    assert!(partnerships.iter().any(|p| p.influencer_id == Some(jonases[0].id)));
    let tagged = partnerly_core::housekeeping::tags::ids_with(&store, "dach 2027").unwrap();
    let germans = everyone.iter().filter(|i| i.country.as_deref() == Some("DE")).count();
    assert_eq!(tagged.len(), germans);
    assert!(tagged.contains(&jonases[0].id));
}
