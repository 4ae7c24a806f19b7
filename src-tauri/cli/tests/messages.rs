//! `messages` on the sample workspace: a payment-sent message in the
//! creator's language, logged on the timeline; a template edited, refused
//! when it names an unknown field, and reset.

mod common;

use serde_json::Value;

use common::{failure, ok};

fn partnership_of(data: &std::path::Path, creator: &str) -> String {
    let all: Value = serde_json::from_str(&ok(data, &["partnerships", "list", "--json"])).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|p| p["influencer"] == creator)
        .unwrap_or_else(|| panic!("no partnership of {creator}: {all}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_message_is_composed_in_the_creators_language_and_logged_as_sent() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    ok(&data, &["name", "Ana Ruiz"]);
    let jonas = partnership_of(&data, "Jonas Weber");

    let composed = ok(&data, &["messages", "compose", &jonas, "payment-sent", "--mailto"]);
    assert!(
        composed.starts_with("To: hello@jonasrides.de\nSubject: Zahlung veranlasst: "),
        "{composed}"
    );
    assert!(composed.contains("Language: de\n"), "{composed}");
    assert!(composed.contains("\nHallo Jonas,\n"), "{composed}");
    assert!(
        composed.contains("Danke für die Zusammenarbeit\nAna Ruiz"),
        "{composed}"
    );
    let link = composed.lines().last().unwrap();
    assert!(
        link.starts_with("mailto:hello@jonasrides.de?subject=Zahlung%20veranlasst%3A%20"),
        "{link}"
    );
    assert!(
        link.contains("&body=Hallo%20Jonas%2C%0D%0A%0D%0Awir%20haben%20am%20"),
        "{link}"
    );

    let english: Value = serde_json::from_str(&ok(
        &data,
        &["messages", "compose", &jonas, "offer", "--language", "en", "--json"],
    ))
    .unwrap();
    assert_eq!(english["language"], "en");
    assert_eq!(english["creator_language"], "de");
    assert!(english["body"].as_str().unwrap().starts_with("Hi Jonas,"));

    let said = ok(
        &data,
        &["messages", "sent", &jonas, "payment-sent", "--on", "2026-06-02"],
    );
    assert!(said.starts_with("Logged \"Zahlung veranlasst: "), "{said}");
    let timeline = ok(&data, &["collab", "show", &jonas]);
    assert!(
        timeline.contains("sent (payment sent): Zahlung veranlasst: "),
        "{timeline}"
    );

    let wrong = failure(&data, &["messages", "compose", &jonas, "invoice"]);
    assert!(
        wrong.contains(
            "'invoice' is not a kind of message; the kinds are offer, brief, feedback, approval, payment_sent"
        ),
        "{wrong}"
    );
}

#[test]
fn a_template_is_edited_checked_and_reset() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let mara = partnership_of(&data, "Mara Costa");
    let body = dir.path().join("offer.txt");

    std::fs::write(&body, "Olá {first_name}! {brand} quer trabalhar contigo: {fee}.").unwrap();
    let said = ok(
        &data,
        &[
            "messages",
            "template",
            "offer",
            "pt",
            "--subject",
            "Parceria com {brand}",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    assert_eq!(said.trim(), "Saved your wording of offer in pt");
    let listed = ok(&data, &["messages", "templates"]);
    assert!(
        listed.contains("offer pt · yours (added) · Parceria com {brand}"),
        "{listed}"
    );
    assert!(listed.contains("offer en · Partnerly's wording · "), "{listed}");
    // Mara is in Portugal: the new Portuguese wording is hers now.
    let composed = ok(&data, &["messages", "compose", &mara, "offer"]);
    assert!(composed.contains("\nOlá Mara! "), "{composed}");

    std::fs::write(&body, "Olá {nome}!").unwrap();
    let refused = failure(
        &data,
        &[
            "messages",
            "template",
            "offer",
            "pt",
            "--subject",
            "Parceria",
            "--body-file",
            body.to_str().unwrap(),
        ],
    );
    assert!(
        refused.contains("{nome} is not a field Partnerly can fill"),
        "{refused}"
    );

    ok(&data, &["messages", "reset", "offer", "pt"]);
    let composed = ok(&data, &["messages", "compose", &mara, "offer"]);
    assert!(composed.contains("\nHi Mara,\n"), "{composed}");
    assert!(composed.contains("the creator's would be pt"), "{composed}");
}
