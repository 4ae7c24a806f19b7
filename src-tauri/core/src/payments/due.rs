//! When a payment of an agreement's schedule is due.
//!
//! A payment is due on its date. One agreed on an event ("On signing", "On
//! delivery", "On publication") is due when the partnership's record says
//! the event happened: signing is the day it was agreed, delivery and
//! publication the day the last deliverable went live, approval the day the
//! last one was approved. With payment terms (Net N) the brand has N more
//! days, counted from the invoice when it came later than the due day.

use chrono::{Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::agreement::terms::Instalment;
use crate::agreement::Partnership;
use crate::collaboration::Event;

/// What a payment waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Date,
    Signing,
    Approval,
    Delivery,
}

impl Trigger {
    /// The event a schedule line's label names, if any.
    fn of_label(label: &str) -> Option<Trigger> {
        let label = label.to_lowercase();
        let says = |words: &[&str]| words.iter().any(|w| label.contains(w));
        if says(&["sign", "agree", "contract", "upfront", "up front", "advance"]) {
            Some(Trigger::Signing)
        } else if says(&["approv"]) {
            Some(Trigger::Approval)
        } else if says(&["deliver", "publi", "post", "live", "launch", "complet", "final"]) {
            Some(Trigger::Delivery)
        } else {
            None
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Trigger::Date => "on its date",
            Trigger::Signing => "on signing",
            Trigger::Approval => "when the last deliverable is approved",
            Trigger::Delivery => "when the last deliverable is live",
        }
    }
}

/// When one payment is due, and the rule that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DueDate {
    /// `None` while its event has not happened, or when the schedule says
    /// neither a date nor an event.
    pub date: Option<NaiveDate>,
    pub trigger: Option<Trigger>,
    /// The rule in words: "on signing (2026-03-02) + 30 days' terms".
    pub rule: String,
}

/// When a schedule line says it is due, as the agreement words it before
/// anything happened: its date, its event, or that it says neither.
pub fn as_agreed(instalment: &Instalment) -> String {
    match (instalment.due, Trigger::of_label(&instalment.label)) {
        (Some(date), _) => date.to_string(),
        (None, Some(trigger)) => trigger.label().to_string(),
        (None, None) => "not set".to_string(),
    }
}

/// The payment terms as an agreement's sentence.
pub fn terms_sentence(days: u32) -> String {
    format!("Payment terms: each payment within {days} days of its due date, or of the invoice when it arrives later.")
}

/// The day the last deliverable reached `stage` (every one of them has),
/// from the timeline.
fn all_deliverables(partnership: &Partnership, reached: impl Fn(&Event) -> bool) -> Option<NaiveDate> {
    let count = partnership.terms.deliverables.len() as u32;
    if count == 0 {
        return None;
    }
    (0..count)
        .map(|deliverable| {
            partnership
                .timeline
                .iter()
                .filter(|e| e.deliverable == Some(deliverable) && reached(&e.event))
                .map(|e| e.on)
                .min()
        })
        .try_fold(NaiveDate::MIN, |latest, day| day.map(|d| latest.max(d)))
}

fn event_day(partnership: &Partnership, trigger: Trigger) -> Option<NaiveDate> {
    match trigger {
        Trigger::Date => None,
        Trigger::Signing => partnership.agreed_at.map(|at| at.date_naive()),
        Trigger::Approval => all_deliverables(partnership, |e| matches!(e, Event::Approval { .. })),
        Trigger::Delivery => all_deliverables(partnership, |e| matches!(e, Event::Published { .. })),
    }
}

/// When `instalment` of `partnership` is due, given its invoice's day.
pub fn due_date(partnership: &Partnership, instalment: &Instalment, invoiced_on: Option<NaiveDate>) -> DueDate {
    let terms = partnership.terms.compensation.payment_term_days;
    let (base, trigger, mut rule) = match (instalment.due, Trigger::of_label(&instalment.label)) {
        (Some(date), _) => (Some(date), Some(Trigger::Date), format!("on {date}")),
        (None, Some(trigger)) => match event_day(partnership, trigger) {
            Some(day) => (Some(day), Some(trigger), format!("{} ({day})", trigger.label())),
            None => (
                None,
                Some(trigger),
                format!("{}, which has not happened yet", trigger.label()),
            ),
        },
        (None, None) => (None, None, "no due date or event in the schedule".to_string()),
    };
    let date = match (base, terms) {
        (Some(base), Some(days)) => {
            let from = invoiced_on.map_or(base, |invoice| invoice.max(base));
            if from > base {
                rule.push_str(&format!(", invoiced {from}"));
            }
            rule.push_str(&format!(" + {days} days' terms"));
            from.checked_add_days(Days::new(u64::from(days)))
        }
        (base, _) => base,
    };
    DueDate { date, trigger, rule }
}
