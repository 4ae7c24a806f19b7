//! Payments of agreed partnerships: each payment of an agreement's schedule
//! as invoiced and paid, what is still open, and what is overdue.
//!
//! Nothing here moves money: it records what the brand's accounts did. An
//! invoice and each payment are entries on the partnership's timeline
//! (`collaboration::Event::Invoiced`, `Event::Paid`), with the day and who
//! logged them, so the state of a payment is read from its history and
//! travels with the partnership (export, removal). Amounts are integer minor
//! units in the agreement's currency; totals are kept per currency and never
//! added across currencies.
//!
//! - `due`: when a payment is due (date, event, payment terms);
//! - `table`: the payments as CSV for accounting.

pub mod due;
pub mod table;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::agreement::{self, AgreementError, Partnership};
use crate::campaign::{self, Money};
use crate::collaboration::{self, CollaborationError, Event};
use crate::roster;
use crate::store::Store;
pub use due::{DueDate, Trigger};

/// Where one payment stands. Overdue is apart (`PaymentLine::overdue_days`):
/// an invoiced or part-paid payment can be overdue too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Neither invoiced nor paid.
    Open,
    Invoiced,
    /// Some paid, the rest still open.
    PartPaid,
    Paid,
}

impl PaymentStatus {
    pub const ALL: [PaymentStatus; 4] = [
        PaymentStatus::Open,
        PaymentStatus::Invoiced,
        PaymentStatus::PartPaid,
        PaymentStatus::Paid,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PaymentStatus::Open => "Open",
            PaymentStatus::Invoiced => "Invoiced",
            PaymentStatus::PartPaid => "Part paid",
            PaymentStatus::Paid => "Paid",
        }
    }
}

/// An invoice as the creator sent it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Invoice {
    pub on: NaiveDate,
    pub number: String,
    pub by: String,
}

/// One amount paid towards a payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PaidPart {
    /// When it was recorded: what names it to `withdraw`.
    pub logged_at: DateTime<Utc>,
    pub on: NaiveDate,
    pub amount: Money,
    pub reference: String,
    pub by: String,
}

/// One payment of one partnership's schedule, with its campaign and creator.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PaymentLine {
    pub partnership_id: Uuid,
    pub campaign_id: Option<Uuid>,
    pub campaign: String,
    pub creator: String,
    /// Its place in the schedule, from 0.
    pub instalment: u32,
    /// "On signing", or "Payment 2" when the schedule gives no label.
    pub label: String,
    /// The agreed fee's share.
    pub amount: Money,
    pub due: DueDate,
    pub invoice: Option<Invoice>,
    pub paid: Vec<PaidPart>,
    #[ts(type = "number")]
    pub paid_minor: i64,
    #[ts(type = "number")]
    pub open_minor: i64,
    pub status: PaymentStatus,
    /// Days past its due date with something still open; `None` otherwise.
    pub overdue_days: Option<u32>,
}

/// Sums in one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct CurrencyTotals {
    pub currency: String,
    #[ts(type = "number")]
    pub agreed_minor: i64,
    #[ts(type = "number")]
    pub paid_minor: i64,
    #[ts(type = "number")]
    pub open_minor: i64,
    #[ts(type = "number")]
    pub overdue_minor: i64,
}

/// Which payments to list; every field empty lists all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct PaymentFilter {
    pub campaign_id: Option<Uuid>,
    pub status: Option<PaymentStatus>,
    /// Only those overdue.
    pub overdue: bool,
    pub currency: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PaymentsView {
    /// Overdue first (most days first), then by due date, undated last.
    pub lines: Vec<PaymentLine>,
    /// One per currency among the lines, by currency code.
    pub totals: Vec<CurrencyTotals>,
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    #[error("payment {number} is not in this partnership's schedule (it has {count})")]
    NoSuchPayment { number: u32, count: usize },
    #[error("this partnership is {status}: payments are recorded once it is agreed")]
    NotAgreed { status: &'static str },
    #[error("this partnership's agreement has no fee to pay (a commission or product only)")]
    NoFee,
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Collaboration(#[from] CollaborationError),
    #[error(transparent)]
    Agreement(#[from] AgreementError),
    #[error(transparent)]
    Campaign(#[from] campaign::CampaignError),
    #[error(transparent)]
    Roster(#[from] roster::RosterError),
}

/// The amount of each payment of the schedule: the fee's share, the last
/// one taking what rounding left, so the payments add up to the fee.
fn amounts(partnership: &Partnership) -> Option<Vec<Money>> {
    let fee = partnership.terms.agreed_fee()?;
    let schedule = &partnership.terms.compensation.schedule;
    let mut amounts: Vec<Money> = schedule.iter().map(|i| fee.portion(i.share)).collect();
    let shares: f64 = schedule.iter().map(|i| i.share).sum();
    if (shares - 1.0).abs() < 1e-6 {
        if let Some((last, rest)) = amounts.split_last_mut() {
            last.minor = fee.minor - rest.iter().map(|m| m.minor).sum::<i64>();
        }
    }
    Some(amounts)
}

/// Whether a partnership's payments are listed: once agreed, and always
/// when something was recorded on it (a cancelled partnership's invoice
/// stays in the books).
fn has_payments(partnership: &Partnership) -> bool {
    (partnership.status.needs_agreement() && partnership.terms.agreed_fee().is_some())
        || partnership
            .timeline
            .iter()
            .any(|e| matches!(e.event, Event::Invoiced { .. } | Event::Paid { .. }))
}

/// The payments of one partnership, as of `today`.
pub fn lines_of(partnership: &Partnership, campaign: &str, creator: &str, today: NaiveDate) -> Vec<PaymentLine> {
    if !has_payments(partnership) {
        return Vec::new();
    }
    let Some(amounts) = amounts(partnership) else {
        return Vec::new();
    };
    let schedule = &partnership.terms.compensation.schedule;
    schedule
        .iter()
        .zip(amounts)
        .enumerate()
        .map(|(index, (instalment, amount))| {
            let index = index as u32;
            let withdrawn: Vec<DateTime<Utc>> = partnership
                .timeline
                .iter()
                .filter_map(|e| match &e.event {
                    Event::PaymentWithdrawn {
                        instalment,
                        paid_logged_at,
                        ..
                    } if *instalment == index => Some(*paid_logged_at),
                    _ => None,
                })
                .collect();
            let mut invoice = None;
            let mut paid = Vec::new();
            for entry in &partnership.timeline {
                match &entry.event {
                    Event::Invoiced { instalment, number } if *instalment == index => {
                        invoice = Some(Invoice {
                            on: entry.on,
                            number: number.clone(),
                            by: entry.by.clone(),
                        });
                    }
                    Event::Paid {
                        instalment,
                        amount,
                        reference,
                    } if *instalment == index && !withdrawn.contains(&entry.logged_at) => paid.push(PaidPart {
                        logged_at: entry.logged_at,
                        on: entry.on,
                        amount: amount.clone(),
                        reference: reference.clone(),
                        by: entry.by.clone(),
                    }),
                    _ => {}
                }
            }
            let paid_minor: i64 = paid.iter().map(|p| p.amount.minor).sum();
            let open_minor = (amount.minor - paid_minor).max(0);
            let status = match (open_minor, paid_minor, &invoice) {
                (0, _, _) => PaymentStatus::Paid,
                (_, p, _) if p > 0 => PaymentStatus::PartPaid,
                (_, _, Some(_)) => PaymentStatus::Invoiced,
                _ => PaymentStatus::Open,
            };
            let due = due::due_date(partnership, instalment, invoice.as_ref().map(|i| i.on));
            let overdue_days = match due.date {
                Some(date) if open_minor > 0 && date < today => Some((today - date).num_days() as u32),
                _ => None,
            };
            let label = match instalment.label.trim() {
                "" => format!("Payment {}", index + 1),
                label => label.to_string(),
            };
            PaymentLine {
                partnership_id: partnership.id,
                campaign_id: partnership.campaign_id,
                campaign: campaign.to_string(),
                creator: creator.to_string(),
                instalment: index,
                label,
                amount,
                due,
                invoice,
                paid,
                paid_minor,
                open_minor,
                status,
                overdue_days,
            }
        })
        .collect()
}

fn keep(line: &PaymentLine, filter: &PaymentFilter) -> bool {
    filter.campaign_id.is_none_or(|id| line.campaign_id == Some(id))
        && filter.status.is_none_or(|s| line.status == s)
        && (!filter.overdue || line.overdue_days.is_some())
        && filter
            .currency
            .as_deref()
            .is_none_or(|c| line.amount.currency.eq_ignore_ascii_case(c.trim()))
}

/// Totals per currency of `lines`.
pub fn totals(lines: &[PaymentLine]) -> Vec<CurrencyTotals> {
    let mut by_currency: BTreeMap<&str, CurrencyTotals> = BTreeMap::new();
    for line in lines {
        let totals = by_currency
            .entry(line.amount.currency.as_str())
            .or_insert_with(|| CurrencyTotals {
                currency: line.amount.currency.clone(),
                ..CurrencyTotals::default()
            });
        totals.agreed_minor += line.amount.minor;
        totals.paid_minor += line.paid_minor;
        totals.open_minor += line.open_minor;
        if line.overdue_days.is_some() {
            totals.overdue_minor += line.open_minor;
        }
    }
    by_currency.into_values().collect()
}

/// Every payment across partnerships that `filter` keeps, as of `today`.
pub fn list(store: &Store, filter: &PaymentFilter, today: NaiveDate) -> Result<PaymentsView, PaymentError> {
    let campaigns: BTreeMap<Uuid, String> = campaign::list(store)?.into_iter().map(|c| (c.id, c.name)).collect();
    let mut lines = Vec::new();
    for partnership in agreement::list(store)? {
        if !has_payments(&partnership) {
            continue;
        }
        let campaign = partnership
            .campaign_id
            .and_then(|id| campaigns.get(&id).cloned())
            .unwrap_or_else(|| "(no campaign)".into());
        let creator = match partnership.influencer_id {
            Some(id) => match roster::get(store, &id.to_string()) {
                Ok(influencer) => influencer.name,
                Err(roster::RosterError::NotFound(_)) => "(creator removed)".into(),
                Err(e) => return Err(e.into()),
            },
            None => "(no creator)".into(),
        };
        lines.extend(
            lines_of(&partnership, &campaign, &creator, today)
                .into_iter()
                .filter(|line| keep(line, filter)),
        );
    }
    lines.sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then_with(|| a.due.date.is_none().cmp(&b.due.date.is_none()))
            .then_with(|| a.due.date.cmp(&b.due.date))
            .then_with(|| a.creator.cmp(&b.creator))
            .then_with(|| a.instalment.cmp(&b.instalment))
    });
    let totals = totals(&lines);
    Ok(PaymentsView { lines, totals })
}

/// The payment `instalment` (from 0) of an agreed partnership with a fee,
/// as it stands today.
pub fn payment_of(partnership: &Partnership, instalment: u32, today: NaiveDate) -> Result<PaymentLine, PaymentError> {
    if !partnership.status.needs_agreement() {
        return Err(PaymentError::NotAgreed {
            status: partnership.status.label(),
        });
    }
    if partnership.terms.agreed_fee().is_none() {
        return Err(PaymentError::NoFee);
    }
    let count = partnership.terms.compensation.schedule.len();
    lines_of(partnership, "", "", today)
        .into_iter()
        .nth(instalment as usize)
        .ok_or(PaymentError::NoSuchPayment {
            number: instalment + 1,
            count,
        })
}

/// Records the invoice for payment `instalment` (from 0), received `on`.
pub fn invoice(
    store: &Store,
    id: &str,
    instalment: u32,
    number: &str,
    on: NaiveDate,
) -> Result<Partnership, PaymentError> {
    let partnership = agreement::get(store, id)?;
    payment_of(&partnership, instalment, on)?;
    let number = number.trim();
    if number.is_empty() {
        return Err(PaymentError::Invalid("an invoice needs its number".into()));
    }
    let event = Event::Invoiced {
        instalment,
        number: number.to_string(),
    };
    Ok(collaboration::log(store, partnership, on, None, event)?)
}

/// Records `amount` paid `on` towards payment `instalment` (from 0). Less
/// than what is open leaves the rest open; more is refused, as is another
/// currency than the agreement's.
pub fn pay(
    store: &Store,
    id: &str,
    instalment: u32,
    amount: &Money,
    reference: &str,
    on: NaiveDate,
) -> Result<Partnership, PaymentError> {
    let partnership = agreement::get(store, id)?;
    let line = payment_of(&partnership, instalment, on)?;
    if amount.currency != line.amount.currency {
        return Err(PaymentError::Invalid(format!(
            "the agreement pays in {}, not {}",
            line.amount.currency, amount.currency
        )));
    }
    if amount.minor <= 0 {
        return Err(PaymentError::Invalid("a payment is more than zero".into()));
    }
    let open = Money {
        minor: line.open_minor,
        currency: line.amount.currency.clone(),
    };
    if amount.minor > line.open_minor {
        let which = format!("payment {} ({})", instalment + 1, line.label);
        return Err(PaymentError::Invalid(if line.open_minor == 0 {
            format!("{which} is paid in full already")
        } else {
            format!(
                "{} is more than the {} still open on {which}",
                amount.to_text(),
                open.to_text()
            )
        }));
    }
    let event = Event::Paid {
        instalment,
        amount: amount.clone(),
        reference: reference.trim().to_string(),
    };
    Ok(collaboration::log(store, partnership, on, None, event)?)
}

/// Withdraws the payment towards `instalment` recorded at `paid_logged_at`
/// (a wrong amount, the wrong payment): it stops counting, and the
/// timeline keeps both it and why it was withdrawn, since the books must
/// show what was corrected. The right payment is then recorded anew.
pub fn withdraw(
    store: &Store,
    id: &str,
    instalment: u32,
    paid_logged_at: DateTime<Utc>,
    reason: &str,
    on: NaiveDate,
) -> Result<Partnership, PaymentError> {
    let partnership = agreement::get(store, id)?;
    let line = payment_of(&partnership, instalment, on)?;
    let Some(part) = line.paid.iter().find(|p| p.logged_at == paid_logged_at) else {
        return Err(PaymentError::Invalid(format!(
            "payment {} ({}) has no payment recorded at that time, or it was withdrawn already",
            instalment + 1,
            line.label
        )));
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(PaymentError::Invalid(format!(
            "say why the payment of {} on {} is withdrawn (the books keep it)",
            part.amount.to_text(),
            part.on
        )));
    }
    let event = Event::PaymentWithdrawn {
        instalment,
        paid_logged_at,
        reason: reason.to_string(),
    };
    Ok(collaboration::log(store, partnership, on, None, event)?)
}

/// `pay` with the amount as a person typed it ("1.500,00"), read in the
/// agreement's currency: the window and the CLI both take text.
pub fn pay_typed(
    store: &Store,
    id: &str,
    instalment: u32,
    amount: &str,
    reference: &str,
    on: NaiveDate,
) -> Result<Partnership, PaymentError> {
    let currency = agreement::get(store, id)?.terms.compensation.currency;
    let amount = campaign::money::parse_amount(amount, &currency).map_err(PaymentError::Invalid)?;
    pay(store, id, instalment, &amount, reference, on)
}

#[cfg(test)]
mod tests;
