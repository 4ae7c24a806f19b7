use chrono::{Days, Local};

use super::*;
use crate::agreement::Status;
use crate::sample;

/// The sample's agreed partnership: two rounds of changes, three business
/// days to review, markets DE, FR, ES and PT.
fn agreed() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    sample::load(&store).unwrap();
    let today = Local::now().date_naive();
    let id = agreement::views(&store, today)
        .unwrap()
        .into_iter()
        .find(|v| v.partnership.status == Status::Agreed)
        .unwrap()
        .partnership
        .id
        .to_string();
    (dir, store, id)
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const UNLABELLED: &str = "Frothing my morning latte with @verdantkitchen #VerdantSpring";
const LABELLED: &str =
    "Werbung | Publicité | Publicidad | Publicidade: frothing my morning latte with @verdantkitchen #VerdantSpring";

#[test]
fn a_draft_is_checked_when_logged_and_an_undisclosed_one_needs_a_reason_to_be_approved() {
    let (_dir, store, id) = agreed();
    let logged = draft(&store, &id, 0, UNLABELLED, vec!["latte.mp4".into()], day("2026-12-03")).unwrap();
    let Event::Draft { check, media, .. } = &logged.timeline[0].event else {
        panic!("not a draft: {:?}", logged.timeline[0]);
    };
    assert!(!check.compliant);
    assert_eq!(media, &vec!["latte.mp4".to_string()]);
    let blocked: Vec<&str> = check
        .findings
        .iter()
        .filter(|f| f.blocking)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(blocked, vec!["label_missing"; 4], "DE, FR, ES and PT: {check:?}");

    let refused = approve(&store, &id, 0, None, day("2026-12-04"))
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with("the draft of deliverable 1 fails the disclosure check (DE: no advertising label."),
        "{refused}"
    );
    let approved = approve(&store, &id, 0, Some("Label is on the video itself"), day("2026-12-04")).unwrap();
    assert_eq!(
        approved.timeline.last().unwrap().event,
        Event::Approval {
            override_reason: Some("Label is on the video itself".into())
        }
    );
}

#[test]
fn feedback_past_the_agreed_rounds_warns_and_the_stage_follows_the_timeline() {
    let (_dir, store, id) = agreed();
    let today = Local::now().date_naive();
    assert!(matches!(
        feedback(&store, &id, 0, "Nice", "", false, today),
        Err(CollaborationError::NoDraft(1))
    ));
    draft(&store, &id, 0, LABELLED, vec![], day("2026-12-03")).unwrap();
    for round in 1..=3 {
        let answered = feedback(&store, &id, 0, "Brighter light, please", "", true, day("2026-12-04")).unwrap();
        let Event::Feedback { warnings, .. } = &answered.timeline.last().unwrap().event else {
            panic!("not feedback");
        };
        if round < 3 {
            assert!(warnings.is_empty(), "round {round}: {warnings:?}");
        } else {
            assert_eq!(warnings.len(), 1, "{warnings:?}");
            assert!(warnings[0].starts_with("This is change round 3 of 2 agreed"));
        }
    }
    let partnership = agreement::get(&store, &id).unwrap();
    let stages = progress(&partnership, today);
    assert_eq!(stages[0].stage, Stage::ChangesRequested);
    assert_eq!((stages[0].rounds_used, stages[0].rounds_included), (3, 2));
    assert_eq!(stages[1].stage, Stage::Planned);

    assert!(matches!(
        published(&store, &id, 0, "https://instagram.com/p/1", today),
        Err(CollaborationError::NotApproved(1))
    ));
    approve(&store, &id, 0, None, today).unwrap();
    let done = published(&store, &id, 0, "https://instagram.com/p/1", today).unwrap();
    assert_eq!(progress(&done, today)[0].stage, Stage::Published);
}

#[test]
fn a_deliverable_past_its_date_and_not_published_is_overdue() {
    let (_dir, store, id) = agreed();
    let partnership = agreement::get(&store, &id).unwrap();
    let due = partnership.terms.deliverables[0].due.unwrap();
    assert!(!progress(&partnership, due)[0].overdue);
    assert!(progress(&partnership, due + Days::new(1))[0].overdue);
    assert!(matches!(
        draft(&store, &id, 7, LABELLED, vec![], due),
        Err(CollaborationError::NoDeliverable(8))
    ));
}

#[test]
fn messages_and_the_brief_go_on_the_timeline_in_order() {
    let (_dir, store, id) = agreed();
    assert!(matches!(
        message(&store, &id, Direction::Sent, "  ", day("2026-12-01")),
        Err(CollaborationError::Empty(_))
    ));
    message(&store, &id, Direction::Sent, "Welcome aboard!", day("2026-12-01")).unwrap();
    let partnership = brief_sent(&store, &id, day("2026-12-02")).unwrap();
    let events: Vec<&Event> = partnership.timeline.iter().map(|e| &e.event).collect();
    assert_eq!(
        events,
        vec![
            &Event::Message {
                direction: Direction::Sent,
                text: "Welcome aboard!".into()
            },
            &Event::BriefSent
        ]
    );
    // The timeline survives a workspace round trip with the partnership.
    assert_eq!(agreement::get(&store, &id).unwrap().timeline.len(), 2);
}

#[test]
fn what_text_cannot_check_is_a_checklist_confirmed_per_draft() {
    let (_dir, store, id) = agreed();
    draft(&store, &id, 0, LABELLED, vec![], day("2026-12-03")).unwrap();
    let partnership = agreement::get(&store, &id).unwrap();
    let items: Vec<(String, bool)> = checklist(&partnership, 0)
        .into_iter()
        .map(|(f, done)| (f.rule, done))
        .collect();
    // A reel for markets including France and Spain, on Instagram.
    assert_eq!(
        items,
        vec![
            ("platform_label".to_string(), false),
            ("spoken_and_on_screen".to_string(), false),
            ("spoken_and_on_screen".to_string(), false),
            ("label_on_media".to_string(), false),
        ]
    );
    confirm(&store, &id, 0, "spoken_and_on_screen", None, day("2026-12-04")).unwrap();
    let confirmed = confirm(&store, &id, 0, "spoken_and_on_screen", Some("ES"), day("2026-12-04")).unwrap();
    let done: Vec<(String, Option<String>)> = checklist(&confirmed, 0)
        .into_iter()
        .filter(|(_, done)| *done)
        .map(|(f, _)| (f.rule, f.market))
        .collect();
    assert_eq!(
        done,
        vec![
            ("spoken_and_on_screen".to_string(), None),
            ("spoken_and_on_screen".to_string(), Some("ES".to_string()))
        ]
    );
    assert!(matches!(
        confirm(&store, &id, 0, "label_missing", Some("DE"), day("2026-12-04")),
        Err(CollaborationError::NoSuchCheck { .. })
    ));
    // A new draft starts its checklist afresh.
    let redone = draft(&store, &id, 0, LABELLED, vec![], day("2026-12-05")).unwrap();
    assert!(checklist(&redone, 0).iter().all(|(_, done)| !done));
}
