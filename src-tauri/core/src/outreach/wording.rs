//! Partnerly's own wording (`data/message_templates.txt`), and the fields a
//! template may name.

use std::sync::OnceLock;

use super::{Template, TemplateKind};

const TABLE: &str = include_str!("../../data/message_templates.txt");

/// Every field a template may use, with what it is filled from, as the
/// template editor lists them.
pub const FIELDS: &[(&str, &str)] = &[
    ("first_name", "the creator's first name"),
    ("creator", "the creator's full name"),
    ("your_name", "your name, as in Settings"),
    ("brand", "the campaign's brand"),
    ("campaign", "the campaign's name"),
    ("deliverables", "each deliverable, with its date"),
    ("fee", "the agreed fee"),
    ("schedule", "the payment schedule"),
    ("rights_months", "the months of usage granted"),
    ("territory", "where the content may be used"),
    ("key_messages", "the brief's key messages"),
    ("dos", "the brief's dos"),
    ("donts", "the brief's don'ts"),
    ("mandatory", "what every post must include"),
    ("review_days", "business days the brand has to review a draft"),
    ("revision_rounds", "rounds of changes included"),
    ("go_live", "the first deliverable's date"),
    ("deliverable", "the deliverable of the latest draft"),
    ("feedback", "the latest feedback given"),
    ("payment", "the latest payment made"),
    ("payment_amount", "the amount of the latest payment"),
    ("paid_on", "the day of the latest payment"),
    ("payment_reference", "the reference of the latest payment"),
];

/// The built-in templates, parsed once. The table is checked by a test, so
/// a malformed section is a build-time mistake, not a user's problem.
pub fn builtin() -> &'static [Template] {
    static PARSED: OnceLock<Vec<Template>> = OnceLock::new();
    PARSED.get_or_init(|| parse(TABLE))
}

fn parse(table: &str) -> Vec<Template> {
    let mut templates = Vec::new();
    for section in table.split("\n== ").skip(1) {
        let (head, rest) = section.split_once('\n').unwrap_or((section, ""));
        let mut words = head.split_whitespace();
        let (Some(kind), Some(language)) = (words.next().and_then(TemplateKind::parse), words.next()) else {
            continue;
        };
        let (subject_line, body) = rest.split_once('\n').unwrap_or((rest, ""));
        templates.push(Template {
            kind,
            language: language.to_string(),
            subject: subject_line.trim_start_matches("Subject:").trim().to_string(),
            body: body.trim().to_string(),
        });
    }
    templates
}

/// The fields a text names, in order, each once; `{{` and `}}` are braces.
pub fn fields_in(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        if rest[start..].starts_with("{{") {
            rest = &rest[start + 2..];
            continue;
        }
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = after[..end].trim().to_string();
        if !names.contains(&name) {
            names.push(name);
        }
        rest = &after[end + 1..];
    }
    names
}

/// The language a creator is written to in, from their country: the one
/// most of its people read. A country with several (Switzerland, Belgium)
/// takes the first listed; the person can pick another in the window.
pub fn language_of_country(country: Option<&str>) -> &'static str {
    const BY_COUNTRY: &[(&str, &[&str])] = &[
        ("de", &["DE", "AT", "CH", "LI"]),
        ("fr", &["FR", "BE", "LU", "MC"]),
        (
            "es",
            &[
                "ES", "MX", "AR", "CO", "CL", "PE", "UY", "VE", "EC", "BO", "PY", "CR", "PA", "DO", "GT", "HN", "SV",
                "NI", "CU", "PR",
            ],
        ),
        ("it", &["IT", "SM"]),
        ("nl", &["NL"]),
        ("pt", &["PT", "BR", "AO", "MZ"]),
        ("pl", &["PL"]),
        ("sv", &["SE"]),
        ("da", &["DK"]),
        ("nb", &["NO"]),
        ("fi", &["FI"]),
    ];
    let Some(code) = country.map(|c| c.trim().to_uppercase()) else {
        return "en";
    };
    BY_COUNTRY
        .iter()
        .find(|(_, countries)| countries.contains(&code.as_str()))
        .map_or("en", |(language, _)| language)
}
