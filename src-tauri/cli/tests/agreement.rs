//! The agreement PDF from the command line, read back the way a person's
//! PDF reader reads it: poppler's text and font listing, qpdf's structure check.

use std::path::Path;

use serde_json::Value;

mod common;

use common::{failure, ok, run};

/// The PDF's words one space apart, whatever the layout.
fn words_of(pdf: &Path) -> String {
    run("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn partnership_of(data: &Path, creator: &str) -> String {
    let listed: Value = serde_json::from_str(&ok(data, &["partnerships", "list", "--json"])).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["influencer"] == creator)
        .unwrap_or_else(|| panic!("no partnership with {creator}: {listed}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn an_agreed_partnership_prints_as_a_signed_ready_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let id = partnership_of(&data, "Sofía Herrera");
    let pdf = dir.path().join("agreement.pdf");
    let said = ok(&data, &["agreement", &id, "--pdf", pdf.to_str().unwrap()]);
    assert_eq!(
        said.trim(),
        format!("Wrote the agreement with Sofía Herrera to {}", pdf.display())
    );

    let text = words_of(&pdf);
    for expected in [
        "INFLUENCER PARTNERSHIP AGREEMENT",
        "Sofía Herrera Gil",
        "Verdant Kitchen GmbH",
        "Spring oat barista launch",
        "Sales and conversions",
        "Instagram reel",
        "EUR 1,600.00",
        "DE: label each post \"Werbung\" at the very start",
        "PT: label each post \"Publicidade\" at the start of the publication",
        "Not enough on its own: #ad, Ad, Advertising, #advertising, #sponsored",
        "2 rounds of changes are included",
        "kill fee of EUR 800.00",
        "Signatures",
        "Page 1 of",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in: {text}");
    }
    assert!(!text.contains("Not for signature"), "{text}");

    let fonts = run("pdffonts", &[pdf.to_str().unwrap()]);
    let listed: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!listed.is_empty(), "{fonts}");
    for line in listed {
        assert!(
            line.contains("Inter") && line.contains(" yes yes "),
            "not embedded: {line}"
        );
    }
    run("qpdf", &["--check", pdf.to_str().unwrap()]);
}

#[test]
fn a_partnership_with_gaps_prints_as_a_draft_that_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let id = partnership_of(&data, "Chloé Martin");
    let pdf = dir.path().join("draft.pdf");
    let said = ok(&data, &["agreement", &id, "--pdf", pdf.to_str().unwrap()]);
    assert!(said.contains("Wrote a draft agreement with Chloé Martin"), "{said}");
    let text = words_of(&pdf);
    assert!(
        text.contains("Draft: 5 details are still undefined. Not for signature."),
        "{text}"
    );
    assert!(text.contains("No compensation agreed yet."), "{text}");
    assert!(text.contains("No fee: set a flat fee"), "{text}");

    let missing = failure(&data, &["agreement", "not-an-id", "--pdf", pdf.to_str().unwrap()]);
    assert!(
        missing.contains("there is no partnership with id not-an-id"),
        "{missing}"
    );
}

#[test]
fn names_in_any_script_print_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    ok(&data, &["sample"]);
    let id = partnership_of(&data, "Sofía Herrera");
    let shown: Value = serde_json::from_str(&ok(&data, &["partnerships", "show", &id, "--json"])).unwrap();
    let mut terms = shown["partnership"]["terms"].clone();
    terms["parties"]["creator_legal_name"] = "Zoë Łukasiewicz".into();
    terms["parties"]["brand_contact"] = "Çağrı Öztürk, Łódź office".into();
    let file = dir.path().join("terms.json");
    std::fs::write(&file, terms.to_string()).unwrap();
    ok(&data, &["partnerships", "terms", &id, "--json", file.to_str().unwrap()]);

    let pdf = dir.path().join("names.pdf");
    ok(&data, &["agreement", &id, "--pdf", pdf.to_str().unwrap()]);
    let text = words_of(&pdf);
    assert!(text.contains("Zoë Łukasiewicz"), "{text}");
    assert!(text.contains("Çağrı Öztürk, Łódź office"), "{text}");
    // Changing agreed terms reopened the negotiation; the agreement says so.
    assert!(text.contains("Status: Negotiating"), "{text}");
}
