use super::*;
use crate::agreement::tests::{complete_terms, day, research_done, setup};
use crate::agreement::{move_to, save, Status, Step};
use crate::collaboration;

/// An agreed partnership of Zoë on complete terms with 30 days of
/// exclusivity, a draft sent on 2026-05-04.
fn agreed_with_a_draft() -> (tempfile::TempDir, Store, String) {
    let (dir, store, spring, zoe) = setup();
    let id = agreement::create(&store, Some(&spring), Some(&zoe))
        .unwrap()
        .id
        .to_string();
    let mut terms = complete_terms();
    terms.exclusivity.required = true;
    terms.exclusivity.category = "oat milk".into();
    terms.exclusivity.days_after = 30;
    save(&store, &id, terms, Step::Review).unwrap();
    research_done(&store, &zoe);
    move_to(&store, &id, Status::Agreed).unwrap();
    collaboration::draft(&store, &id, 0, "Werbung: my oat latte", vec![], day("2026-05-04")).unwrap();
    (dir, store, id)
}

#[test]
fn the_agenda_has_go_live_review_payment_rights_and_exclusivity_dates_from_the_terms() {
    let (_dir, store, _id) = agreed_with_a_draft();
    let today = day("2026-05-05");
    let entries = agenda(&store, &CalendarFilter::default(), today).unwrap();
    let seen: Vec<(EntryKind, NaiveDate)> = entries.iter().map(|e| (e.kind, e.on)).collect();
    assert!(seen.contains(&(EntryKind::GoLive, day("2026-05-15"))), "{seen:?}");
    // A draft is waiting: the review window closes three business days after it.
    let review = entries.iter().find(|e| e.kind == EntryKind::ReviewCloses).unwrap();
    assert_eq!(review.on, day("2026-05-07"));
    assert!(review.title.starts_with("Review window closes: "), "{}", review.title);
    // The drafted deliverable has no draft due any more.
    assert!(!entries
        .iter()
        .any(|e| e.kind == EntryKind::DraftDue && e.title.contains("reel")));
    assert!(entries.iter().any(|e| e.kind == EntryKind::PaymentDue));
    // By day, first to last.
    assert!(entries.windows(2).all(|w| w[0].on <= w[1].on));
    // Nothing published yet: rights have no start, exclusivity counts from the last due date.
    assert!(!entries.iter().any(|e| e.kind == EntryKind::RightsEnd));
    let exclusivity = entries.iter().find(|e| e.kind == EntryKind::ExclusivityEnds).unwrap();
    assert_eq!(exclusivity.on, day("2026-06-14"));
    assert!(exclusivity.title.contains("oat milk"), "{}", exclusivity.title);
}

#[test]
fn uids_stay_the_same_from_one_export_to_the_next_and_the_file_parses() {
    let (_dir, store, id) = agreed_with_a_draft();
    let today = day("2026-05-05");
    let before = agenda(&store, &CalendarFilter::default(), today).unwrap();
    let stamp = "2026-05-05T09:00:00Z".parse().unwrap();
    let first = ics::to_ics(&before, "Partnerly: Spring", stamp);
    // Published: the go-live entry stays, the rights entry appears.
    collaboration::approve(&store, &id, 0, None, day("2026-05-06")).unwrap();
    collaboration::published(&store, &id, 0, "https://instagram.com/p/x", day("2026-05-08")).unwrap();
    let after = agenda(&store, &CalendarFilter::default(), today).unwrap();
    let second = ics::to_ics(&after, "Partnerly: Spring", stamp);

    let events = |text: &str| -> Vec<(String, String, String, String)> {
        let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendar = parser.next().expect("one calendar").expect("it parses");
        assert!(parser.next().is_none());
        let version = calendar.properties.iter().find(|p| p.name == "VERSION").unwrap();
        assert_eq!(version.value.as_deref(), Some("2.0"));
        calendar
            .events
            .iter()
            .map(|e| {
                let get = |name: &str| {
                    e.properties
                        .iter()
                        .find(|p| p.name == name)
                        .and_then(|p| p.value.clone())
                        .unwrap_or_else(|| panic!("{name} missing"))
                };
                assert!(e.properties.iter().any(|p| p.name == "DTSTAMP"));
                let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
                let all_day = start
                    .params
                    .as_ref()
                    .is_some_and(|ps| ps.iter().any(|(k, v)| k == "VALUE" && v.iter().any(|v| v == "DATE")));
                assert!(all_day, "an all-day event");
                (get("UID"), get("DTSTART"), get("DTEND"), get("SUMMARY"))
            })
            .collect()
    };
    let one = events(&first);
    let two = events(&second);
    assert_eq!(one.len(), before.len());
    let live = one.iter().find(|e| e.3.starts_with("Goes live: Instagram")).unwrap();
    assert_eq!((live.1.as_str(), live.2.as_str()), ("20260515", "20260516"));
    // The same go-live event, by the same UID, in both files.
    assert!(two.iter().any(|e| e.0 == live.0 && e.1 == live.1));
    let uids = |list: &[(String, String, String, String)]| {
        list.iter()
            .map(|e| e.0.clone())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(uids(&one).len(), one.len(), "every UID is unique in a file");
    assert!(two.iter().any(|e| e.3.starts_with("Usage rights end")));
    assert!(uids(&one)
        .iter()
        .filter(|u| !u.contains("-review-"))
        .all(|u| uids(&two).contains(u)));
}

#[test]
fn a_filter_keeps_one_campaign_or_one_creator_and_unagreed_work_has_no_dates() {
    let (_dir, store, id) = agreed_with_a_draft();
    let today = day("2026-05-05");
    let zoe = agreement::get(&store, &id).unwrap().influencer_id;
    let other = CalendarFilter {
        influencer_id: Some(Uuid::new_v4()),
        ..CalendarFilter::default()
    };
    assert!(agenda(&store, &other, today).unwrap().is_empty());
    let hers = CalendarFilter {
        influencer_id: zoe,
        ..CalendarFilter::default()
    };
    assert!(!agenda(&store, &hers, today).unwrap().is_empty());
    move_to(&store, &id, Status::Cancelled).unwrap();
    assert!(agenda(&store, &CalendarFilter::default(), today).unwrap().is_empty());
}
