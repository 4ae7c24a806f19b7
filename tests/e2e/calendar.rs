//! The calendar end to end: on the sample workspace, the overdue payments
//! lead the agenda, the month shows today's entries, and the .ics written
//! through the native save dialog parses with an independent reader, holds
//! every entry the store has, and keeps its UIDs when exported again.

use std::collections::BTreeSet;

use super::harness::Harness;
use super::{click, find};

/// The UIDs and summaries of an .ics file, read with the `ical` crate.
fn events_of(path: &std::path::Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = reader.next().expect("a calendar").expect("it parses");
    calendar
        .events
        .iter()
        .map(|e| {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap()
            };
            (get("UID"), get("SUMMARY"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_calendar_shows_what_is_due_and_exports_an_ics_that_keeps_its_uids() {
    let (_turn, harness) = Harness::start_exclusive(18).await;
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    {
        let store = partnerly_core::store::Store::open(data.path()).unwrap();
        partnerly_core::sample::load(&store).unwrap();
    }
    let app = harness.launch(data.path()).await;
    click(&app, "//nav//button[normalize-space()='Calendar']").await;
    find(
        &app,
        "//section[@aria-label='Overdue']//li[@data-kind='payment_due'][contains(., 'Aisha Bello')]",
    )
    .await;
    harness.screenshot("37-calendar-agenda");
    click(&app, "//label[normalize-space()='Month']/input").await;
    find(&app, "//table[contains(@class,'month')]//td[contains(@class,'today')]").await;
    harness.screenshot("38-calendar-month");

    let first = files.path().join("spring.ics");
    click(&app, "//button[normalize-space()='Export .ics…']").await;
    harness.answer_file_dialog("Export calendar", &first);
    find(
        &app,
        "//*[starts-with(normalize-space(), 'Exported ') and contains(., 'spring.ics')]",
    )
    .await;
    let second = files.path().join("again.ics");
    click(&app, "//button[normalize-space()='Export .ics…']").await;
    harness.answer_file_dialog("Export calendar", &second);
    find(
        &app,
        "//*[starts-with(normalize-space(), 'Exported ') and contains(., 'again.ics')]",
    )
    .await;
    app.close().await.unwrap();

    let store = super::store_after_exit(data.path()).await;
    let today = chrono::Local::now().date_naive();
    let agenda = partnerly_core::calendar::agenda(&store, &Default::default(), today).unwrap();
    let one = events_of(&first);
    let two = events_of(&second);
    assert_eq!(one.len(), agenda.len());
    let uids = |events: &[(String, String)]| events.iter().map(|e| e.0.clone()).collect::<BTreeSet<_>>();
    assert_eq!(uids(&one), agenda.iter().map(|e| e.uid.clone()).collect());
    assert_eq!(uids(&one), uids(&two), "a second export updates the same events");
    assert!(one.iter().any(|e| e.1.starts_with("Payment due: On signing")));
}
