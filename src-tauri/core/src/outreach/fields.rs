//! What each template field says for one partnership, in the message's
//! language. A field the partnership cannot fill yet stays visible as
//! `[field]` and is listed as a gap, so nothing goes out half-said.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::agreement::terms::{ContentFormat, Deliverable};
use crate::agreement::Partnership;
use crate::collaboration::Event;
use crate::payments;

/// Who and what the message is about, looked up by `compose`.
pub struct Context<'a> {
    pub partnership: &'a Partnership,
    pub creator: &'a str,
    pub brand: &'a str,
    pub campaign: &'a str,
    pub your_name: &'a str,
    pub language: &'a str,
    pub today: NaiveDate,
}

/// Each field's text; a missing one with why, in the person's words.
pub struct Filled {
    pub values: HashMap<&'static str, String>,
    pub gaps: HashMap<&'static str, &'static str>,
}

pub fn fill(context: &Context) -> Filled {
    let mut filled = Filled {
        values: HashMap::new(),
        gaps: HashMap::new(),
    };
    let terms = &context.partnership.terms;
    let language = context.language;
    let mut put = |name: &'static str, value: Option<String>, gap: &'static str| match value {
        Some(v) if !v.trim().is_empty() => {
            filled.values.insert(name, v);
        }
        _ => {
            filled.gaps.insert(name, gap);
        }
    };
    let creator = Some(context.creator.trim().to_string());
    put(
        "first_name",
        context.creator.split_whitespace().next().map(str::to_string),
        "the partnership has no creator yet",
    );
    put("creator", creator, "the partnership has no creator yet");
    put(
        "your_name",
        Some(context.your_name.to_string()),
        "set your name in Settings",
    );
    put(
        "brand",
        Some(context.brand.to_string()),
        "the partnership has no campaign yet",
    );
    put(
        "campaign",
        Some(context.campaign.to_string()),
        "the partnership has no campaign yet",
    );
    put(
        "deliverables",
        bullets(terms.deliverables.iter().map(|d| deliverable_line(d, language))),
        "the terms have no deliverables yet",
    );
    put(
        "fee",
        terms.agreed_fee().map(|m| m.to_text()),
        "the terms have no fee yet",
    );
    let fee = terms.agreed_fee();
    let schedule = terms.compensation.schedule.iter().enumerate().map(|(i, instalment)| {
        let label = if instalment.label.trim().is_empty() {
            format!("{} {}", payment_word(language), i + 1)
        } else {
            instalment.label.trim().to_string()
        };
        let share = (instalment.share * 100.0).round();
        match &fee {
            Some(fee) => format!("{share} % {label} ({})", fee.portion(instalment.share).to_text()),
            None => format!("{share} % {label}"),
        }
    });
    put(
        "schedule",
        Some(schedule.collect::<Vec<_>>().join("; ")),
        "the terms have no payment schedule yet",
    );
    put(
        "rights_months",
        terms.rights.duration_months.map(|m| m.to_string()),
        "the terms grant no usage period yet",
    );
    put(
        "territory",
        Some(terms.rights.territory.join(", ")),
        "the terms name no territory yet",
    );
    let brief = &terms.brief;
    put(
        "key_messages",
        bullets(brief.key_messages.iter().cloned()),
        "the brief has no key messages yet",
    );
    put("dos", bullets(brief.dos.iter().cloned()), "the brief has no dos yet");
    put(
        "donts",
        bullets(brief.donts.iter().cloned()),
        "the brief has no don'ts yet",
    );
    put(
        "mandatory",
        bullets(brief.mandatory.iter().cloned()),
        "the brief names nothing mandatory yet",
    );
    put(
        "review_days",
        brief.review_days.map(|d| d.to_string()),
        "the brief gives no review time yet",
    );
    put("revision_rounds", Some(brief.revision_rounds.to_string()), "");
    put(
        "go_live",
        terms
            .deliverables
            .iter()
            .filter_map(|d| d.due)
            .min()
            .map(|d| day(d, language)),
        "no deliverable has a date yet",
    );
    let latest_work = context.partnership.timeline.iter().rev().find_map(|e| match e.event {
        Event::Draft { .. } | Event::Feedback { .. } | Event::Approval { .. } => e.deliverable,
        _ => None,
    });
    put(
        "deliverable",
        latest_work.map(|i| Deliverable::name_or(terms.deliverables.get(i as usize), i)),
        "no draft is logged yet",
    );
    let feedback = context.partnership.timeline.iter().rev().find_map(|e| match &e.event {
        Event::Feedback {
            text,
            suggested_caption,
            ..
        } if suggested_caption.trim().is_empty() => Some(text.clone()),
        Event::Feedback {
            text,
            suggested_caption,
            ..
        } => Some(format!("{text}\n\n{}", suggested_caption.trim())),
        _ => None,
    });
    put("feedback", feedback, "no feedback is logged yet: write it here");
    let latest_paid = payments::lines_of(context.partnership, context.campaign, context.creator, context.today)
        .into_iter()
        .flat_map(|line| line.paid.into_iter().map(move |part| (line.label.clone(), part)))
        .max_by_key(|(_, part)| part.logged_at);
    let (payment, amount, on, reference) = match latest_paid {
        Some((label, part)) => (
            Some(label),
            Some(part.amount.to_text()),
            Some(day(part.on, language)),
            Some(part.reference),
        ),
        None => (None, None, None, None),
    };
    put("payment", payment, "no payment is recorded as paid yet");
    put("payment_amount", amount, "no payment is recorded as paid yet");
    put("paid_on", on, "no payment is recorded as paid yet");
    put("payment_reference", reference, "the latest payment has no reference");
    filled
}

fn bullets(items: impl Iterator<Item = String>) -> Option<String> {
    let lines: Vec<String> = items
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .map(|i| format!("- {i}"))
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// "- 2 × Instagram reel, live by 12 March 2027", in the message's language.
fn deliverable_line(deliverable: &Deliverable, language: &str) -> String {
    let what = [
        deliverable.platform.map(|p| p.label().to_string()),
        deliverable.format.map(|f| format_word(f, language).to_string()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let mut line = format!("{} × {}", deliverable.count.max(1), what);
    if let Some(due) = deliverable.due {
        let by = match language {
            "de" => "online bis",
            "fr" => "en ligne le",
            "es" => "publicado el",
            _ => "live by",
        };
        line.push_str(&format!(", {by} {}", day(due, language)));
    }
    line
}

fn payment_word(language: &str) -> &'static str {
    match language {
        "de" => "Zahlung",
        "fr" => "Paiement",
        "es" => "Pago",
        _ => "Payment",
    }
}

fn format_word(format: ContentFormat, language: &str) -> &'static str {
    use ContentFormat::*;
    match (language, format) {
        ("de", FeedPost) => "Feed-Post",
        ("de", Reel) => "Reel",
        ("de", StorySet) => "Story-Serie",
        ("de", ShortVideo) => "Kurzvideo",
        ("de", LongVideo) => "Video",
        ("de", Live) => "Livestream",
        ("de", Blog) => "Blogartikel",
        ("fr", FeedPost) => "publication",
        ("fr", Reel) => "reel",
        ("fr", StorySet) => "série de stories",
        ("fr", ShortVideo) => "vidéo courte",
        ("fr", LongVideo) => "vidéo longue",
        ("fr", Live) => "live",
        ("fr", Blog) => "article de blog",
        ("es", FeedPost) => "publicación",
        ("es", Reel) => "reel",
        ("es", StorySet) => "serie de stories",
        ("es", ShortVideo) => "vídeo corto",
        ("es", LongVideo) => "vídeo largo",
        ("es", Live) => "directo",
        ("es", Blog) => "entrada de blog",
        (_, format) => format.label(),
    }
}

/// A day as the language writes it in a letter.
pub fn day(date: NaiveDate, language: &str) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    let month = date.month0() as usize;
    let (d, y) = (date.day(), date.year());
    match language {
        "de" => format!("{d}. {} {y}", DE[month]),
        "fr" => format!("{d} {} {y}", FR[month]),
        "es" => format!("{d} de {} de {y}", ES[month]),
        _ => format!("{d} {} {y}", EN[month]),
    }
}
