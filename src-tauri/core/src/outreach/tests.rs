use super::*;
use crate::agreement::tests::{complete_terms, day, research_done, setup};
use crate::agreement::{move_to, save as save_terms, Status, Step};
use crate::campaign::Money;
use crate::roster::{AccountDraft, InfluencerDraft, Platform};

/// An agreed partnership of the Spring campaign with a creator in
/// `country`, who has an email address.
fn agreed_with(country: &str) -> (tempfile::TempDir, Store, String) {
    let (dir, store, spring, _zoe) = setup();
    let lena = roster::add(
        &store,
        &InfluencerDraft {
            name: "Lena Brandt".into(),
            email: "lena@example.com".into(),
            country: country.into(),
            accounts: vec![AccountDraft {
                platform: Platform::Instagram,
                handle: "lena.kocht".into(),
                followers: 40_000,
            }],
            ..InfluencerDraft::default()
        },
    )
    .unwrap()
    .id
    .to_string();
    let id = agreement::create(&store, Some(&spring), Some(&lena))
        .unwrap()
        .id
        .to_string();
    save_terms(&store, &id, complete_terms(), Step::Review).unwrap();
    research_done(&store, &lena);
    move_to(&store, &id, Status::Agreed).unwrap();
    crate::identity::set(&store, "Ana Ruiz").unwrap();
    (dir, store, id)
}

#[test]
fn every_kind_has_partnerlys_wording_in_english_german_french_and_spanish_using_known_fields_only() {
    for kind in TemplateKind::ALL {
        for language in ["en", "de", "fr", "es"] {
            let template = wording::builtin()
                .iter()
                .find(|t| t.kind == kind && t.language == language)
                .unwrap_or_else(|| panic!("no {kind:?} in {language}"));
            assert_eq!(problems(template), [], "{kind:?} {language}");
        }
    }
    assert_eq!(wording::builtin().len(), 20);
}

#[test]
fn an_offer_is_filled_from_the_terms_in_the_creators_language() {
    let (_dir, store, id) = agreed_with("AT");
    let message = compose(&store, &id, TemplateKind::Offer, None, day("2026-04-02")).unwrap();
    assert_eq!(
        (message.language.as_str(), message.creator_language.as_str()),
        ("de", "de")
    );
    assert_eq!(message.to.as_deref(), Some("lena@example.com"));
    assert_eq!(message.subject, "Bezahlte Kooperation mit Verdant Kitchen: Spring");
    assert!(message.body.starts_with("Hallo Lena,"), "{}", message.body);
    assert!(
        message.body.contains("- 2 × Instagram Reel, online bis 15. Mai 2026"),
        "{}",
        message.body
    );
    assert!(message.body.contains("Honorar: EUR 3,000.00"));
    assert!(message
        .body
        .contains("Zahlung: 50 % On signing (EUR 1,500.00); 50 % On delivery (EUR 1,500.00)"));
    assert!(message.body.contains("Nutzung der Inhalte: 6 Monate, DE"));
    assert!(message.body.ends_with("Viele Grüße\nAna Ruiz"));
    assert_eq!(message.gaps, Vec::<String>::new());
    assert_eq!(message.languages, ["en", "de", "es", "fr"]);

    let english = compose(&store, &id, TemplateKind::Offer, Some("en"), day("2026-04-02")).unwrap();
    assert!(english.body.contains("- 2 × Instagram reel, live by 15 May 2026"));
}

#[test]
fn a_language_without_a_template_falls_back_to_english_and_says_so() {
    let (_dir, store, id) = agreed_with("IT");
    let message = compose(&store, &id, TemplateKind::Approval, None, day("2026-04-02")).unwrap();
    assert_eq!(
        (message.language.as_str(), message.creator_language.as_str()),
        ("en", "it")
    );
}

#[test]
fn what_the_partnership_cannot_fill_yet_stays_visible_and_is_listed() {
    let (_dir, store, id) = agreed_with("GB");
    let feedback = compose(&store, &id, TemplateKind::Feedback, None, day("2026-04-02")).unwrap();
    assert!(feedback.subject.ends_with("[deliverable]"), "{}", feedback.subject);
    assert!(feedback.body.contains("[feedback]"));
    assert_eq!(
        feedback.gaps,
        [
            "deliverable: no draft is logged yet",
            "feedback: no feedback is logged yet: write it here"
        ]
    );

    collaboration::draft(&store, &id, 0, "Anzeige: froth", vec![], day("2026-05-01")).unwrap();
    collaboration::feedback(
        &store,
        &id,
        0,
        "Lovely. Could the product show in the first three seconds?",
        "",
        true,
        day("2026-05-02"),
    )
    .unwrap();
    let feedback = compose(&store, &id, TemplateKind::Feedback, None, day("2026-05-02")).unwrap();
    assert_eq!(feedback.subject, "Your draft for Spring: Instagram reel");
    assert!(feedback
        .body
        .contains("Could the product show in the first three seconds?"));
    assert_eq!(feedback.gaps, Vec::<String>::new());
}

#[test]
fn payment_sent_names_the_latest_amount_paid() {
    let (_dir, store, id) = agreed_with("ES");
    let half = Money {
        minor: 150_000,
        currency: "EUR".into(),
    };
    crate::payments::pay(&store, &id, 0, &half, "TR-1182", day("2026-04-03")).unwrap();
    let message = compose(&store, &id, TemplateKind::PaymentSent, None, day("2026-04-04")).unwrap();
    assert_eq!(message.language, "es");
    assert!(
        message.body.contains(
            "Hemos pagado EUR 1,500.00 por «On signing» de Spring el 3 de abril de 2026 (referencia TR-1182)."
        ),
        "{}",
        message.body
    );
}

#[test]
fn edited_wording_replaces_partnerlys_until_reset_and_a_new_language_can_be_added() {
    let (_dir, store, id) = agreed_with("IT");
    let mut offer = template(&store, TemplateKind::Offer, "en").unwrap();
    offer.body = "Dear {first_name}, {{not a field}} from {brand}.".into();
    let saved = save(&store, &offer).unwrap();
    assert!(saved.edited && saved.builtin);
    let message = compose(&store, &id, TemplateKind::Offer, Some("en"), day("2026-04-02")).unwrap();
    assert_eq!(message.body, "Dear Lena, {not a field} from Verdant Kitchen.");

    let italian = Template {
        kind: TemplateKind::Offer,
        language: "IT".into(),
        subject: "Collaborazione con {brand}".into(),
        body: "Ciao {first_name}!".into(),
    };
    let added = save(&store, &italian).unwrap();
    assert!(added.edited && !added.builtin);
    let message = compose(&store, &id, TemplateKind::Offer, None, day("2026-04-02")).unwrap();
    assert_eq!((message.language.as_str(), message.body.as_str()), ("it", "Ciao Lena!"));

    reset(&store, TemplateKind::Offer, "en").unwrap();
    let back = compose(&store, &id, TemplateKind::Offer, Some("en"), day("2026-04-02")).unwrap();
    assert!(back.body.starts_with("Hi Lena,"));
    let remaining = reset(&store, TemplateKind::Offer, "it").unwrap();
    assert!(!remaining.iter().any(|v| v.template.language == "it"));
    assert!(matches!(
        reset(&store, TemplateKind::Offer, "it"),
        Err(OutreachError::NoTemplate { .. })
    ));
}

#[test]
fn a_template_naming_an_unknown_field_is_refused_with_the_field_named() {
    let (_dir, store, _id) = agreed_with("DE");
    let bad = Template {
        kind: TemplateKind::Brief,
        language: "german".into(),
        subject: "Brief\nfor {campaign}".into(),
        body: "Hi {frist_name}, the {fee} and {budget}".into(),
    };
    let error = save(&store, &bad).unwrap_err().to_string();
    assert_eq!(
        error,
        "'german' is not a language code: use two letters, as 'de' for German. The subject is one line. \
         {frist_name}, {budget} are not a field Partnerly can fill; the fields are listed beside the editor (write {{ and }} for braces)."
    );
    assert_eq!(store.count::<Template>().unwrap(), 0);
}

#[test]
fn a_message_logged_as_sent_is_on_the_timeline_as_edited() {
    let (_dir, store, id) = agreed_with("DE");
    let partnership = log_sent(
        &store,
        &id,
        TemplateKind::Brief,
        "Briefing für Spring",
        "Hallo Lena, hier ist es.",
        day("2026-04-05"),
    )
    .unwrap();
    let entry = partnership.timeline.last().unwrap();
    assert_eq!((entry.on, entry.by.as_str()), (day("2026-04-05"), "Ana Ruiz"));
    assert_eq!(
        entry.event,
        Event::Sent {
            template: TemplateKind::Brief,
            subject: "Briefing für Spring".into(),
            text: "Hallo Lena, hier ist es.".into()
        }
    );
    assert!(log_sent(&store, &id, TemplateKind::Brief, " ", "", day("2026-04-05")).is_err());
}

#[test]
fn kinds_parse_as_people_type_them() {
    assert_eq!(TemplateKind::parse("payment-sent"), Some(TemplateKind::PaymentSent));
    assert_eq!(TemplateKind::parse("Payment sent"), Some(TemplateKind::PaymentSent));
    assert_eq!(TemplateKind::parse("OFFER"), Some(TemplateKind::Offer));
    assert_eq!(TemplateKind::parse("invoice"), None);
}

#[test]
fn the_creators_language_comes_from_their_country() {
    assert_eq!(language_of_country(Some("ch")), "de");
    assert_eq!(language_of_country(Some("MX")), "es");
    assert_eq!(language_of_country(Some("US")), "en");
    assert_eq!(language_of_country(None), "en");
}
