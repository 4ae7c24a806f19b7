//! `calendar` on the sample workspace: the agenda by day with what is
//! overdue marked, one creator's dates, and the .ics file read back with an
//! independent parser, its UIDs the same on a second export.

mod common;

use serde_json::Value;

use common::{failure, ok};

fn uids(path: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .unwrap()
        .unwrap();
    calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .find(|p| p.name == "UID")
                .unwrap()
                .value
                .clone()
                .unwrap()
        })
        .collect()
}

#[test]
fn the_agenda_lists_by_day_and_exports_an_ics_whose_uids_hold() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let listed = ok(&data, &["calendar", "list"]);
    assert!(
        listed.contains("Payment due: On signing, EUR 3,000.00 (Aisha Bello)  OVERDUE"),
        "{listed}"
    );
    let all: Value = serde_json::from_str(&ok(&data, &["calendar", "list", "--json"])).unwrap();
    let all = all.as_array().unwrap();
    let days: Vec<&str> = all.iter().map(|e| e["on"].as_str().unwrap()).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "by day");

    let hers: Value = serde_json::from_str(&ok(
        &data,
        &["calendar", "list", "--creator", "@sofiaenlacocina", "--json"],
    ))
    .unwrap();
    let hers = hers.as_array().unwrap();
    assert!(!hers.is_empty() && hers.len() < all.len());
    assert!(hers.iter().all(|e| e["creator"] == "Sofía Herrera"));
    let unknown = failure(&data, &["calendar", "list", "--creator", "@nobody_here"]);
    assert!(!unknown.is_empty());

    let first = dir.path().join("first.ics");
    let said = ok(&data, &["calendar", "export", first.to_str().unwrap()]);
    assert_eq!(
        said.trim(),
        format!("Wrote {} event(s) to {}", all.len(), first.display())
    );
    let second = dir.path().join("second.ics");
    ok(&data, &["calendar", "export", second.to_str().unwrap()]);
    let one = uids(&first);
    assert_eq!(one.len(), all.len());
    assert_eq!(one, uids(&second));
}
