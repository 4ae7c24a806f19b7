//! `orders`: a shop's order export (Shopify, WooCommerce, a sheet) read and
//! stored for attribution by discount code; what each code brought shows in
//! `kpis`.

use std::path::PathBuf;

use clap::Subcommand;
use partnerly_core::sales::{self, OrdersFile};
use partnerly_core::store::Store;

use crate::print_json;

#[derive(Subcommand)]
pub enum OrdersCommand {
    /// Read an order export and store its orders (again: updates them)
    Import {
        file: PathBuf,
        /// The currency of the amounts when the file has no currency column;
        /// the workspace's default if not given
        #[arg(long)]
        currency: Option<String>,
        /// Only say what would be stored
        #[arg(long)]
        dry_run: bool,
    },
    /// Every stored order, newest first
    List {
        #[arg(long)]
        json: bool,
    },
}

fn print_preview(file: &OrdersFile) {
    let delimiter = if file.delimiter == "tab" {
        "tabs".to_string()
    } else {
        format!("'{}'", file.delimiter)
    };
    println!(
        "{}: {} ({}, columns separated by {delimiter}), {} order(s)",
        file.file,
        file.source,
        file.encoding,
        file.orders.len()
    );
    if let Some(currency) = &file.currency_assumed {
        println!("  No currency column: amounts are read as {currency}");
    }
    for found in &file.matches {
        let revenue: Vec<String> = found.revenue.iter().map(|m| m.to_text()).collect();
        println!(
            "  {} → {} ({}): {} order(s), {}",
            found.code,
            found.creator,
            found.campaign,
            found.orders,
            revenue.join(" + ")
        );
    }
    if !file.unknown_codes.is_empty() {
        let codes: Vec<String> = file
            .unknown_codes
            .iter()
            .take(10)
            .map(|c| format!("{} ({})", c.code, c.orders))
            .collect();
        println!("  Codes no partnership carries: {}", codes.join(", "));
    }
    println!(
        "  {} without a code, {} refunded, voided or cancelled (not counted), {} already stored",
        file.without_code, file.not_counted, file.already_stored
    );
    for warning in &file.warnings {
        println!("  line {}: {}: {}", warning.line, warning.column, warning.reason);
    }
    for rejected in &file.rejected {
        println!("  line {}: {}", rejected.line, rejected.reason);
    }
}

pub fn orders(store: &Store, command: OrdersCommand) -> Result<(), String> {
    match command {
        OrdersCommand::Import {
            file,
            currency,
            dry_run,
        } => {
            let currency = match currency {
                Some(c) => c,
                None => {
                    partnerly_core::preferences::get(store)
                        .map_err(|e| e.to_string())?
                        .default_currency
                }
            };
            let read = sales::read_orders(store, &file, &currency).map_err(|e| e.to_string())?;
            print_preview(&read);
            if dry_run {
                println!("Nothing stored (--dry-run)");
                return Ok(());
            }
            let stored = sales::apply(store, &read).map_err(|e| e.to_string())?;
            println!(
                "Stored {} new and {} updated order(s); {} attributed by discount code",
                stored.added, stored.updated, stored.attributed
            );
            Ok(())
        }
        OrdersCommand::List { json } => {
            let all = sales::list(store).map_err(|e| e.to_string())?;
            if json {
                return print_json(&all);
            }
            if all.is_empty() {
                println!("No orders yet: import a shop's order export with `orders import FILE`.");
            }
            for order in &all {
                let codes = if order.codes.is_empty() {
                    "no code".to_string()
                } else {
                    order.codes.join(", ")
                };
                let status = if order.counts() { "" } else { " · not counted" };
                println!(
                    "{} {} · {} · {} · {codes}{status}",
                    order.shop.key(),
                    order.number,
                    order.placed_on,
                    order.total.to_text()
                );
            }
            Ok(())
        }
    }
}
