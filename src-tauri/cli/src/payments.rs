//! `payments`: every payment of the agreed partnerships, invoiced and paid
//! from the command line, and the CSV for accounting. Payments are numbered
//! from 1 in each partnership's schedule, as `payments list` shows them.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use clap::{Args, Subcommand};
use partnerly_core::campaign;
use partnerly_core::payments::{self, table, PaymentFilter, PaymentLine, PaymentStatus};
use partnerly_core::store::Store;

use crate::print_json;

#[derive(Args)]
pub struct FilterArgs {
    /// Only this campaign's (its id)
    #[arg(long)]
    campaign: Option<String>,
    /// Only those open, invoiced, part-paid or paid
    #[arg(long, value_parser = parse_status)]
    status: Option<PaymentStatus>,
    /// Only those past their due date with something open
    #[arg(long)]
    overdue: bool,
    /// Only those in this currency (EUR, USD, ...)
    #[arg(long)]
    currency: Option<String>,
}

#[derive(Args)]
pub struct Recorded {
    /// The partnership's id
    id: String,
    /// The payment's number in its schedule (from 1)
    payment: u32,
    /// The day it happened (YYYY-MM-DD); today if left out
    #[arg(long)]
    on: Option<NaiveDate>,
}

#[derive(Subcommand)]
pub enum PaymentsCommand {
    /// Every payment, overdue first, with totals per currency
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Record the invoice for a payment
    Invoice {
        #[command(flatten)]
        recorded: Recorded,
        /// The invoice's number, as the creator wrote it
        #[arg(long)]
        number: String,
    },
    /// Record money paid towards a payment (less than what is open leaves the rest open)
    Pay {
        #[command(flatten)]
        recorded: Recorded,
        /// The amount, in the agreement's currency ("1,500.00")
        #[arg(long)]
        amount: String,
        /// The bank's or the accounts' reference
        #[arg(long, default_value = "")]
        reference: String,
    },
    /// Withdraw a payment recorded in error: it stops counting, and the
    /// timeline keeps it with the reason
    Withdraw {
        /// The partnership's id
        id: String,
        /// The payment's number in its schedule (from 1)
        payment: u32,
        /// Which amount paid towards it (from 1, as 'payments list' shows them)
        part: u32,
        /// Why it is withdrawn (the books keep it)
        #[arg(long)]
        reason: String,
    },
    /// Write the payments (all, or those the filters keep) to a CSV file for accounting
    Export {
        file: PathBuf,
        #[command(flatten)]
        filter: FilterArgs,
    },
}

fn parse_status(text: &str) -> Result<PaymentStatus, String> {
    let wanted = text.trim().to_lowercase().replace(['_', '-'], " ");
    PaymentStatus::ALL
        .into_iter()
        .find(|s| s.label().to_lowercase() == wanted)
        .ok_or_else(|| format!("'{text}' is not a payment status; use open, invoiced, part-paid or paid"))
}

fn filter_of(store: &Store, args: FilterArgs) -> Result<PaymentFilter, String> {
    let campaign_id = match args.campaign {
        Some(id) => Some(campaign::get(store, &id).map_err(|e| e.to_string())?.id),
        None => None,
    };
    Ok(PaymentFilter {
        campaign_id,
        status: args.status,
        overdue: args.overdue,
        currency: args.currency,
    })
}

fn money(minor: i64, currency: &str) -> String {
    partnerly_core::campaign::Money {
        minor,
        currency: currency.to_string(),
    }
    .to_text()
}

fn print_line(line: &PaymentLine) {
    let currency = &line.amount.currency;
    let due = match (line.due.date, line.overdue_days) {
        (Some(date), Some(days)) => format!("due {date}, {days} day(s) OVERDUE"),
        (Some(date), None) => format!("due {date}"),
        (None, _) => line.due.rule.clone(),
    };
    println!(
        "{} · {} · payment {} ({}): {} · {} · paid {}, open {} · {}",
        line.campaign,
        line.creator,
        line.instalment + 1,
        line.label,
        line.amount.to_text(),
        line.status.label(),
        money(line.paid_minor, currency),
        money(line.open_minor, currency),
        due
    );
    if let Some(invoice) = &line.invoice {
        println!("    invoice {} of {}", invoice.number, invoice.on);
    }
    for (n, part) in line.paid.iter().enumerate() {
        let reference = match part.reference.as_str() {
            "" => String::new(),
            r => format!(" ({r})"),
        };
        println!(
            "    paid [{}] {} on {}{reference}",
            n + 1,
            part.amount.to_text(),
            part.on
        );
    }
    println!("    partnership {}", line.partnership_id);
}

fn index(number: u32) -> Result<u32, String> {
    number
        .checked_sub(1)
        .ok_or_else(|| "payments count from 1, as 'payments list' shows them".to_string())
}

pub fn payments(store: &Store, command: PaymentsCommand) -> Result<(), String> {
    let today = Local::now().date_naive();
    let error = |e: payments::PaymentError| e.to_string();
    match command {
        PaymentsCommand::List { filter, json } => {
            let filter = filter_of(store, filter)?;
            let view = payments::list(store, &filter, today).map_err(error)?;
            if json {
                return print_json(&view);
            }
            if view.lines.is_empty() {
                if filter == PaymentFilter::default() {
                    println!("No payments: they are listed once a partnership with a fee is agreed.");
                } else {
                    println!("No payments match these filters.");
                }
                return Ok(());
            }
            for line in &view.lines {
                print_line(line);
            }
            for totals in &view.totals {
                let c = &totals.currency;
                println!(
                    "{c}: agreed {}, paid {}, open {}, overdue {}",
                    money(totals.agreed_minor, c),
                    money(totals.paid_minor, c),
                    money(totals.open_minor, c),
                    money(totals.overdue_minor, c)
                );
            }
            Ok(())
        }
        PaymentsCommand::Invoice { recorded, number } => {
            let on = recorded.on.unwrap_or(today);
            payments::invoice(store, &recorded.id, index(recorded.payment)?, &number, on).map_err(error)?;
            println!("Payment {} invoiced: {} of {on}", recorded.payment, number.trim());
            Ok(())
        }
        PaymentsCommand::Pay {
            recorded,
            amount,
            reference,
        } => {
            let on = recorded.on.unwrap_or(today);
            let instalment = index(recorded.payment)?;
            let saved = payments::pay_typed(store, &recorded.id, instalment, &amount, &reference, on).map_err(error)?;
            // The payment as it stands now, from the partnership just saved.
            let line = payments::payment_of(&saved, instalment, today).ok();
            let paid = match saved.timeline.last().map(|e| &e.event) {
                Some(partnerly_core::collaboration::Event::Paid { amount, .. }) => amount.to_text(),
                _ => amount,
            };
            match line {
                Some(line) if line.open_minor > 0 => println!(
                    "Recorded {paid} paid on {on}; {} is still open on payment {}",
                    money(line.open_minor, &line.amount.currency),
                    recorded.payment
                ),
                _ => println!(
                    "Recorded {paid} paid on {on}; payment {} is paid in full",
                    recorded.payment
                ),
            }
            Ok(())
        }
        PaymentsCommand::Withdraw {
            id,
            payment,
            part,
            reason,
        } => {
            let instalment = index(payment)?;
            let partnership = partnerly_core::agreement::get(store, &id).map_err(|e| e.to_string())?;
            let line = payments::payment_of(&partnership, instalment, today).map_err(error)?;
            let paid = part
                .checked_sub(1)
                .and_then(|n| line.paid.get(n as usize))
                .ok_or_else(|| {
                    format!(
                        "payment {payment} has {} amount(s) paid towards it; 'payments list' numbers them in brackets",
                        line.paid.len()
                    )
                })?;
            payments::withdraw(store, &id, instalment, paid.logged_at, &reason, today).map_err(error)?;
            println!(
                "Withdrew {} paid on {} towards payment {payment}; the timeline keeps it and why",
                paid.amount.to_text(),
                paid.on
            );
            Ok(())
        }
        PaymentsCommand::Export { file, filter } => {
            let view = payments::list(store, &filter_of(store, filter)?, today).map_err(error)?;
            table::write_csv(&view.lines, &file).map_err(|e| e.to_string())?;
            println!("Wrote {} payment(s) to {}", view.lines.len(), file.display());
            Ok(())
        }
    }
}
