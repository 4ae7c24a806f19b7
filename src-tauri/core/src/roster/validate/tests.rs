use super::*;
use crate::roster::Platform;
use proptest::prelude::*;

fn account(platform: Platform, handle: &str, followers: i64) -> AccountDraft {
    AccountDraft {
        platform,
        handle: handle.into(),
        followers,
    }
}

fn draft() -> InfluencerDraft {
    InfluencerDraft {
        name: "  Mara Costa ".into(),
        accounts: vec![account(Platform::Instagram, "@Mara.Eats", 48_200)],
        email: " Mara@Example.COM ".into(),
        country: "portugal".into(),
        niches: vec!["Vegan  Food".into(), "vegan food".into(), " ".into(), "travel".into()],
        notes: " Met at the Lisbon food fair. ".into(),
    }
}

fn fields(errors: &[FieldError]) -> Vec<&str> {
    errors.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn a_good_draft_is_normalised() {
    let valid = validate(&draft()).unwrap();
    assert_eq!(valid.name, "Mara Costa");
    assert_eq!(
        valid.accounts,
        [Account {
            platform: Platform::Instagram,
            handle: "mara.eats".into(),
            followers: 48_200
        }]
    );
    assert_eq!(valid.email.as_deref(), Some("Mara@example.com"));
    assert_eq!(valid.country.as_deref(), Some("PT"));
    assert_eq!(valid.niches, ["vegan food", "travel"]);
    assert_eq!(valid.notes, "Met at the Lisbon food fair.");
}

#[test]
fn every_problem_is_reported_against_its_field() {
    let bad = InfluencerDraft {
        name: "   ".into(),
        accounts: vec![
            account(Platform::Tiktok, "@", 10),
            account(Platform::Instagram, "mara eats", -500),
            account(Platform::Youtube, "https://www.tiktok.com/@mara", 5),
        ],
        email: "mara@".into(),
        country: "Atlantis".into(),
        niches: vec!["x".repeat(41)],
        notes: String::new(),
    };
    let errors = validate(&bad).unwrap_err();
    assert_eq!(
        fields(&errors),
        [
            "name",
            "accounts.0.handle",
            "accounts.1.handle",
            "accounts.1.followers",
            "accounts.2.handle",
            "email",
            "country",
            "niches"
        ]
    );
    let message = |field: &str| errors.iter().find(|e| e.field == field).unwrap().message.clone();
    assert_eq!(
        message("accounts.1.followers"),
        "Account 2 (Instagram): followers cannot be negative (-500)."
    );
    assert_eq!(
        message("accounts.1.handle"),
        "Account 2 (Instagram): the handle 'mara eats' contains a space; handles use letters, digits, dots, dashes and underscores."
    );
    assert_eq!(
        message("accounts.2.handle"),
        "Account 3 (YouTube): the link 'https://www.tiktok.com/@mara' is a TikTok profile, not YouTube."
    );
    assert!(message("country").contains("'Atlantis'"));
}

#[test]
fn a_pasted_profile_link_becomes_the_handle() {
    let pasted = InfluencerDraft {
        accounts: vec![account(
            Platform::Instagram,
            "https://www.instagram.com/Mara.Eats/",
            48_200,
        )],
        ..draft()
    };
    assert_eq!(validate(&pasted).unwrap().accounts[0].handle, "mara.eats");
}

#[test]
fn at_least_one_account_and_no_account_twice() {
    let none = InfluencerDraft {
        accounts: vec![],
        ..draft()
    };
    assert_eq!(fields(&validate(&none).unwrap_err()), ["accounts"]);

    let twice = InfluencerDraft {
        accounts: vec![
            account(Platform::Instagram, "@mara", 1),
            account(Platform::Tiktok, "mara", 1),
            account(Platform::Instagram, "MARA", 2),
        ],
        ..draft()
    };
    let errors = validate(&twice).unwrap_err();
    assert_eq!(fields(&errors), ["accounts.2.handle"]);
    assert_eq!(errors[0].message, "Account 3: Instagram @mara is listed twice.");
}

#[test]
fn emails() {
    assert_eq!(normalise_email("").unwrap(), None);
    assert_eq!(
        normalise_email("a.b+c@Mail.Example.org").unwrap().as_deref(),
        Some("a.b+c@mail.example.org")
    );
    for bad in [
        "plain",
        "@example.com",
        "a@b",
        "a@@b.com",
        "a b@c.com",
        "a@b..com",
        "a@-b.com",
    ] {
        assert!(normalise_email(bad).is_err(), "{bad} must be refused");
    }
}

proptest! {
    #[test]
    fn handles_normalise_to_a_fixed_point(input in "\\PC{0,30}") {
        if let Ok(handle) = normalise_handle(&input) {
            prop_assert_eq!(normalise_handle(&handle), Ok(handle.clone()));
            prop_assert!(!handle.starts_with('@'));
            prop_assert_eq!(handle.to_lowercase(), handle);
        }
    }

    #[test]
    fn validation_never_panics(name in "\\PC{0,200}", handle in "\\PC{0,120}", followers in any::<i64>(),
                               email in "\\PC{0,40}", country in "\\PC{0,20}", niche in "\\PC{0,50}") {
        let draft = InfluencerDraft {
            name, email, country,
            accounts: vec![account(Platform::X, &handle, followers)],
            niches: vec![niche],
            notes: String::new(),
        };
        let _ = validate(&draft);
    }
}
