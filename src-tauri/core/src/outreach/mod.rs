//! Messages to creators from templates: an offer, the brief, feedback on a
//! draft, an approval, a payment sent. Each is filled from the
//! partnership's terms and timeline, in the creator's language when the
//! template has it, then edited by the person, copied or opened in their
//! mail app (`mailto`), and logged on the timeline as sent.
//!
//! Partnerly's own wording is data (`data/message_templates.txt`). A
//! person's edits are stored in the workspace (and travel with its file);
//! resetting one brings Partnerly's wording back.

mod fields;
pub mod mailto;
mod wording;

#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::agreement::{self, AgreementError, Partnership};
use crate::collaboration::{self, CollaborationError, Event};
use crate::roster::{self, FieldError};
use crate::store::{Record, Store, StoreError};
use crate::{campaign, vetting};

pub use fields::day;
pub use wording::{language_of_country, FIELDS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    Offer,
    Brief,
    Feedback,
    Approval,
    PaymentSent,
}

impl TemplateKind {
    pub const ALL: [TemplateKind; 5] = [
        TemplateKind::Offer,
        TemplateKind::Brief,
        TemplateKind::Feedback,
        TemplateKind::Approval,
        TemplateKind::PaymentSent,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TemplateKind::Offer => "offer",
            TemplateKind::Brief => "brief",
            TemplateKind::Feedback => "feedback",
            TemplateKind::Approval => "approval",
            TemplateKind::PaymentSent => "payment_sent",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TemplateKind::Offer => "Offer",
            TemplateKind::Brief => "Brief",
            TemplateKind::Feedback => "Feedback on a draft",
            TemplateKind::Approval => "Approval",
            TemplateKind::PaymentSent => "Payment sent",
        }
    }

    /// "offer", "payment-sent", "Payment sent".
    pub fn parse(text: &str) -> Option<TemplateKind> {
        let wanted = text.trim().to_lowercase().replace(['-', ' '], "_");
        TemplateKind::ALL
            .into_iter()
            .find(|k| k.key() == wanted || k.label().to_lowercase().replace(' ', "_") == wanted)
    }
}

/// One template's wording in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Template {
    pub kind: TemplateKind,
    /// ISO 639-1, lower case ("de").
    pub language: String,
    pub subject: String,
    pub body: String,
}

impl Record for Template {
    const TREE: &'static str = "message_templates";
    const KIND: &'static str = "message template";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        format!("{}/{}", self.kind.key(), self.language).into_bytes()
    }
}

/// A template as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateView {
    pub template: Template,
    /// The person's wording, not Partnerly's.
    pub edited: bool,
    /// Partnerly has wording of its own to reset to.
    pub builtin: bool,
}

/// A field a template may name, for the editor's legend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TemplateField {
    pub name: String,
    pub meaning: String,
}

/// Every template and the fields they may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Templates {
    pub templates: Vec<TemplateView>,
    pub fields: Vec<TemplateField>,
}

/// What the template editor shows.
pub fn templates(store: &Store) -> Result<Templates, StoreError> {
    Ok(Templates {
        templates: list(store)?,
        fields: FIELDS
            .iter()
            .map(|(name, meaning)| TemplateField {
                name: name.to_string(),
                meaning: meaning.to_string(),
            })
            .collect(),
    })
}

/// A message ready to edit and send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Message {
    pub kind: TemplateKind,
    pub language: String,
    /// The languages this kind has a template in.
    pub languages: Vec<String>,
    /// The creator's language, from their country; `language` differs when
    /// there is no template in it yet.
    pub creator_language: String,
    pub to: Option<String>,
    pub subject: String,
    pub body: String,
    /// What could not be filled, as "fee: the terms have no fee yet"; the
    /// text shows each as `[fee]`.
    pub gaps: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum OutreachError {
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error("there is no {kind} template in '{language}' to reset")]
    NoTemplate { kind: &'static str, language: String },
    #[error(transparent)]
    Agreement(#[from] AgreementError),
    #[error(transparent)]
    Collaboration(#[from] CollaborationError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<roster::RosterError> for OutreachError {
    fn from(e: roster::RosterError) -> OutreachError {
        OutreachError::Agreement(e.into())
    }
}

impl From<campaign::CampaignError> for OutreachError {
    fn from(e: campaign::CampaignError) -> OutreachError {
        OutreachError::Agreement(e.into())
    }
}

impl From<vetting::VettingError> for OutreachError {
    fn from(e: vetting::VettingError) -> OutreachError {
        OutreachError::Agreement(e.into())
    }
}

/// Every template: the person's edits over Partnerly's wording, and the
/// languages the person added; by kind, then English first.
pub fn list(store: &Store) -> Result<Vec<TemplateView>, StoreError> {
    let stored = store.all::<Template>()?;
    let builtin = wording::builtin();
    let mut keys: BTreeSet<(TemplateKind, bool, String)> = BTreeSet::new();
    for t in builtin.iter().chain(&stored) {
        keys.insert((t.kind, t.language != "en", t.language.clone()));
    }
    Ok(keys
        .into_iter()
        .filter_map(|(kind, _, language)| {
            let own = builtin.iter().find(|t| t.kind == kind && t.language == language);
            let edit = stored.iter().find(|t| t.kind == kind && t.language == language);
            let template = edit.or(own)?.clone();
            Some(TemplateView {
                edited: edit.is_some_and(|e| Some(e) != own),
                builtin: own.is_some(),
                template,
            })
        })
        .collect())
}

/// One kind's template in `language`, falling back to English.
fn template(store: &Store, kind: TemplateKind, language: &str) -> Result<Template, StoreError> {
    let all = list(store)?;
    let pick = |language: &str| {
        all.iter()
            .find(|v| v.template.kind == kind && v.template.language == language)
            .map(|v| v.template.clone())
    };
    Ok(pick(language)
        .or_else(|| pick("en"))
        .expect("every kind has Partnerly's English wording (checked by a test)"))
}

/// Checks and stores the person's wording of one template. A language the
/// kind has no template in yet adds it.
pub fn save(store: &Store, template: &Template) -> Result<TemplateView, OutreachError> {
    let template = Template {
        kind: template.kind,
        language: template.language.trim().to_lowercase(),
        subject: template.subject.trim().to_string(),
        body: template.body.trim().to_string(),
    };
    let errors = problems(&template);
    if !errors.is_empty() {
        return Err(OutreachError::Invalid(errors));
    }
    store.put(&template)?;
    Ok(list(store)?
        .into_iter()
        .find(|v| v.template.kind == template.kind && v.template.language == template.language)
        .expect("the template just stored is listed"))
}

/// Forgets the person's wording: Partnerly's comes back, and a language the
/// person added goes.
pub fn reset(store: &Store, kind: TemplateKind, language: &str) -> Result<Vec<TemplateView>, OutreachError> {
    let language = language.trim().to_lowercase();
    let key = format!("{}/{language}", kind.key());
    if !store.remove::<Template>(key.as_bytes())? {
        return Err(OutreachError::NoTemplate {
            kind: kind.key(),
            language,
        });
    }
    Ok(list(store)?)
}

/// What is wrong with a template, field by field; empty when it can be saved.
pub fn problems(template: &Template) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let language = &template.language;
    if language.len() < 2 || language.len() > 3 || !language.chars().all(|c| c.is_ascii_lowercase()) {
        errors.push(FieldError::new(
            "language",
            format!("'{language}' is not a language code: use two letters, as 'de' for German."),
        ));
    }
    if template.subject.is_empty() {
        errors.push(FieldError::new("subject", "A message needs a subject."));
    } else if template.subject.contains('\n') {
        errors.push(FieldError::new("subject", "The subject is one line."));
    }
    if template.body.is_empty() {
        errors.push(FieldError::new("body", "A message needs a text."));
    }
    for (field, text) in [("subject", &template.subject), ("body", &template.body)] {
        let unknown: Vec<String> = wording::fields_in(text)
            .into_iter()
            .filter(|name| !FIELDS.iter().any(|(known, _)| known == name))
            .map(|name| format!("{{{name}}}"))
            .collect();
        if !unknown.is_empty() {
            errors.push(FieldError::new(
                field,
                format!(
                    "{} {} not a field Partnerly can fill; the fields are listed beside the editor (write {{{{ and }}}} for braces).",
                    unknown.join(", "),
                    if unknown.len() == 1 { "is" } else { "are" }
                ),
            ));
        }
    }
    errors
}

/// The message of `kind` for a partnership, in `language` or else the
/// creator's, with every field filled that the partnership can fill.
pub fn compose(
    store: &Store,
    id: &str,
    kind: TemplateKind,
    language: Option<&str>,
    today: NaiveDate,
) -> Result<Message, OutreachError> {
    let partnership = agreement::get(store, id)?;
    let creator = match partnership.influencer_id {
        Some(id) => Some(roster::get(store, &id.to_string())?),
        None => None,
    };
    let campaign = match partnership.campaign_id {
        Some(id) => Some(campaign::get(store, &id.to_string())?),
        None => None,
    };
    let brand = match &campaign {
        Some(c) => Some(vetting::get_brand(store, &c.brand_id.to_string())?.name),
        None => None,
    };
    let creator_language = language_of_country(creator.as_ref().and_then(|c| c.country.as_deref())).to_string();
    let wanted = language
        .map(|l| l.trim().to_lowercase())
        .unwrap_or_else(|| creator_language.clone());
    let template = template(store, kind, &wanted)?;
    let filled = fields::fill(&fields::Context {
        partnership: &partnership,
        creator: creator.as_ref().map_or("", |c| c.name.as_str()),
        brand: brand.as_deref().unwrap_or(""),
        campaign: campaign.as_ref().map_or("", |c| c.name.as_str()),
        your_name: &crate::identity::your_name(store),
        language: &template.language,
        today,
    });
    let mut gaps = Vec::new();
    let subject = render(&template.subject, &filled, &mut gaps);
    let body = render(&template.body, &filled, &mut gaps);
    let languages = list(store)?
        .into_iter()
        .filter(|v| v.template.kind == kind)
        .map(|v| v.template.language)
        .collect();
    Ok(Message {
        kind,
        language: template.language,
        languages,
        creator_language,
        to: creator.and_then(|c| c.email),
        subject,
        body,
        gaps,
    })
}

fn render(text: &str, filled: &fields::Filled, gaps: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start].replace("}}", "}"));
        if rest[start..].starts_with("{{") {
            out.push('{');
            rest = &rest[start + 2..];
            continue;
        }
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[start..]);
            return out;
        };
        let name = after[..end].trim();
        match filled.values.get(name) {
            Some(value) => out.push_str(value),
            None => {
                out.push_str(&format!("[{name}]"));
                if let Some(why) = filled.gaps.get(name) {
                    let gap = format!("{name}: {why}");
                    if !gaps.contains(&gap) {
                        gaps.push(gap);
                    }
                }
            }
        }
        rest = &after[end + 1..];
    }
    out.push_str(&rest.replace("}}", "}"));
    out
}

/// Logs a message as sent to the creator, as the person last edited it.
pub fn log_sent(
    store: &Store,
    id: &str,
    kind: TemplateKind,
    subject: &str,
    body: &str,
    on: NaiveDate,
) -> Result<Partnership, OutreachError> {
    let (subject, body) = (subject.trim(), body.trim());
    if subject.is_empty() && body.is_empty() {
        return Err(CollaborationError::Empty("a message needs a subject or some text").into());
    }
    let partnership = agreement::get(store, id)?;
    let event = Event::Sent {
        template: kind,
        subject: subject.to_string(),
        text: body.to_string(),
    };
    Ok(collaboration::log(store, partnership, on, None, event)?)
}
