//! Reading a shop's order export into orders, before anything is stored.
//! Files go through the roster importer's decoding and layout detection
//! (`import::run::read_table`: encodings, delimiters, junk lines above the
//! header); columns are recognised from `data/order_columns.tsv`.
//!
//! Shopify writes one row per line item with the order's figures on its
//! first row only: later rows of the same order add nothing but their
//! codes. A row whose date cannot be read is left out with its line and
//! why; a bad total or currency keeps the order (it is still a conversion)
//! and is warned about.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use chrono::Utc;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::{code_key, code_owners, Order, Shop};
use crate::agreement;
use crate::campaign::{self, money, Money};
use crate::import::columns::{alias_table, leftmost, normalise_header};
use crate::import::run::{read_table, ImportError, Rejection, Warning};
use crate::metrics::files::parse_day;
use crate::roster;
use crate::store::{Store, StoreError};

const TABLE: &str = include_str!("../../data/order_columns.tsv");
/// A year of a busy shop's orders, with a row per line item.
const MAX_ROWS: usize = 1_000_000;

/// What a column of an order export says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OrderColumn {
    Number,
    Placed,
    Total,
    Codes,
    Currency,
    Status,
}

impl OrderColumn {
    fn parse(name: &str) -> Option<OrderColumn> {
        Some(match name {
            "number" => OrderColumn::Number,
            "placed" => OrderColumn::Placed,
            "total" => OrderColumn::Total,
            "codes" => OrderColumn::Codes,
            "currency" => OrderColumn::Currency,
            "status" => OrderColumn::Status,
            _ => return None,
        })
    }

    fn describe(self) -> &'static str {
        match self {
            OrderColumn::Number => "the order number (Name, Order #, Order Number)",
            OrderColumn::Placed => "the day it was placed (Created at, Date, Order Date)",
            OrderColumn::Total => "its total (Total, Net Sales, Order Total)",
            OrderColumn::Codes => "the discount code (Discount Code, Coupon(s), Coupon Code)",
            OrderColumn::Currency => "the currency",
            OrderColumn::Status => "the status",
        }
    }
}

fn column_of(header: &str) -> Option<OrderColumn> {
    static ALIASES: OnceLock<HashMap<String, OrderColumn>> = OnceLock::new();
    ALIASES
        .get_or_init(|| alias_table(TABLE, OrderColumn::parse))
        .get(&normalise_header(header))
        .copied()
}

/// Each column's meaning; each taken by its leftmost column only.
fn map_header(header: &[String]) -> Vec<Option<OrderColumn>> {
    leftmost(header, column_of)
}

fn shop_of(header: &[String]) -> Shop {
    let has = |name: &str| header.iter().any(|h| normalise_header(h) == name);
    if has("financial status") || has("lineitem name") || (has("name") && has("discount code")) {
        Shop::Shopify
    } else if has("coupon s") || has("order") || has("n revenue formatted") || has("coupon items") {
        Shop::WooCommerce
    } else {
        Shop::Sheet
    }
}

/// What the codes of one file give one partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileMatch {
    pub code: String,
    pub partnership_id: Uuid,
    pub creator: String,
    pub campaign: String,
    pub orders: u32,
    pub revenue: Vec<Money>,
}

/// A code the file uses that no partnership carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnknownCode {
    pub code: String,
    pub orders: u32,
}

/// An order export as read, before anything is stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OrdersFile {
    pub file: String,
    pub shop: Shop,
    /// "Shopify orders export", ...
    pub source: String,
    pub encoding: String,
    pub delimiter: String,
    pub header: Vec<String>,
    pub mapping: Vec<Option<OrderColumn>>,
    pub orders: Vec<Order>,
    pub rejected: Vec<Rejection>,
    /// Orders kept with a cell that could not be read.
    pub warnings: Vec<Warning>,
    /// The currency amounts are read in when the file has no currency column.
    pub currency_assumed: Option<String>,
    /// Orders whose code a partnership carries, by code.
    pub matches: Vec<FileMatch>,
    /// Codes no partnership carries, most used first.
    pub unknown_codes: Vec<UnknownCode>,
    pub without_code: u32,
    /// Refunded, voided or cancelled: read, stored, never counted.
    pub not_counted: u32,
    /// Orders already stored from an earlier export.
    pub already_stored: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum SalesError {
    #[error(transparent)]
    File(#[from] ImportError),
    #[error("{file} is not an order export Partnerly can read: it has no column for {}; the columns are: {}", .missing.join(", nor "), .header.join(", "))]
    Columns {
        file: String,
        missing: Vec<&'static str>,
        header: Vec<String>,
    },
    #[error("'{0}' is not a currency Partnerly knows; use an ISO code such as EUR, USD or GBP")]
    Currency(String),
    #[error(transparent)]
    Agreement(#[from] agreement::AgreementError),
    #[error(transparent)]
    Campaign(#[from] campaign::CampaignError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The codes of one cell: "SOFIA10", "summer10, free-ship", or the
/// export plugins' "code:summer10|amount:5.00;code:vip".
fn split_codes(cell: &str) -> Vec<String> {
    cell.split([',', ';', '|'])
        .map(str::trim)
        .filter_map(|piece| match piece.split_once(':') {
            Some((key, value)) if key.trim().eq_ignore_ascii_case("code") => Some(value.trim()),
            Some(_) => None,
            None => Some(piece),
        })
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// An order's total: digits with the currency's sign or code around them
/// ("€45.90", "45,90 EUR"); words ("about 25") are not an amount.
fn amount(text: &str, currency: &str) -> Result<Money, String> {
    let letters: String = text.chars().filter(|c| c.is_alphabetic()).collect();
    if !letters.is_empty() && money::exponent(&letters.to_uppercase()).is_none() {
        return Err(format!("'{}' is not an amount", text.trim()));
    }
    money::parse_amount(text, currency)
}

/// Reads `path` as orders. `currency` is the one amounts are in when the
/// file does not say (WooCommerce's Analytics download has no column for it).
pub fn read_orders(store: &Store, path: &Path, currency: &str) -> Result<OrdersFile, SalesError> {
    let currency = currency.trim().to_uppercase();
    if money::exponent(&currency).is_none() {
        return Err(SalesError::Currency(currency));
    }
    let table = read_table(path, &|cell| column_of(cell).is_some(), MAX_ROWS)?;
    let mapping = map_header(&table.header);
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let missing: Vec<&'static str> = [
        OrderColumn::Number,
        OrderColumn::Placed,
        OrderColumn::Total,
        OrderColumn::Codes,
    ]
    .into_iter()
    .filter(|c| !mapping.contains(&Some(*c)))
    .map(OrderColumn::describe)
    .collect();
    if !missing.is_empty() {
        return Err(SalesError::Columns {
            file,
            missing,
            header: table.header,
        });
    }
    let shop = shop_of(&table.header);
    let has_currency = mapping.contains(&Some(OrderColumn::Currency));
    let index = |column: OrderColumn| mapping.iter().position(|c| *c == Some(column));
    let now = Utc::now();
    let mut orders: Vec<Order> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut rejected = Vec::new();
    let mut warnings = Vec::new();
    for (line, cells) in &table.rows {
        let cell = |column: OrderColumn| {
            index(column)
                .and_then(|i| cells.get(i))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
        };
        let header_of = |column: OrderColumn| index(column).map_or("", |i| table.header[i].as_str()).to_string();
        let codes = cell(OrderColumn::Codes).map(split_codes).unwrap_or_default();
        let Some(number) = cell(OrderColumn::Number) else {
            if cell(OrderColumn::Total).is_some() {
                rejected.push(Rejection {
                    line: *line,
                    reason: format!("{} is empty: an order needs its number", header_of(OrderColumn::Number)),
                });
            }
            continue;
        };
        if let Some(&seen) = at.get(number) {
            // A further line item of an order already read.
            let order = &mut orders[seen];
            for code in codes {
                if !order.codes.iter().any(|c| code_key(c) == code_key(&code)) {
                    order.codes.push(code);
                }
            }
            continue;
        }
        let placed = cell(OrderColumn::Placed);
        let Some(placed_on) = placed.and_then(parse_day) else {
            rejected.push(Rejection {
                line: *line,
                reason: match placed {
                    Some(text) => format!(
                        "{} '{text}' is not a date Partnerly reads (2026-03-31, 03/31/2026 or Mar 31, 2026); order {number} is left out",
                        header_of(OrderColumn::Placed)
                    ),
                    None => format!(
                        "{} is empty; order {number} is left out, as it cannot be placed in time",
                        header_of(OrderColumn::Placed)
                    ),
                },
            });
            continue;
        };
        let order_currency = match cell(OrderColumn::Currency) {
            Some(code) if money::exponent(&code.to_uppercase()).is_some() => code.to_uppercase(),
            Some(code) => {
                warnings.push(Warning {
                    line: *line,
                    column: header_of(OrderColumn::Currency),
                    reason: format!("'{code}' is not a currency Partnerly knows; read as {currency}"),
                });
                currency.clone()
            }
            None => currency.clone(),
        };
        let total = match cell(OrderColumn::Total) {
            Some(text) => match amount(text, &order_currency) {
                Ok(total) => total,
                Err(why) => {
                    warnings.push(Warning {
                        line: *line,
                        column: header_of(OrderColumn::Total),
                        reason: format!("{why}; order {number} counts as a conversion without revenue"),
                    });
                    Money {
                        minor: 0,
                        currency: order_currency.clone(),
                    }
                }
            },
            None => {
                warnings.push(Warning {
                    line: *line,
                    column: header_of(OrderColumn::Total),
                    reason: format!("empty; order {number} counts as a conversion without revenue"),
                });
                Money {
                    minor: 0,
                    currency: order_currency.clone(),
                }
            }
        };
        at.insert(number.to_string(), orders.len());
        orders.push(Order {
            shop,
            number: number.to_string(),
            placed_on,
            total,
            codes,
            status: cell(OrderColumn::Status).unwrap_or("").to_lowercase(),
            imported_at: now,
            filed_under: String::new(),
        });
    }
    let summary = summarise(store, &orders)?;
    let stored = super::stored_ids(store)?;
    let already_stored = orders.iter().filter(|o| stored.contains_key(&o.id())).count() as u32;
    Ok(OrdersFile {
        file,
        shop,
        source: shop.label().to_string(),
        encoding: table.encoding,
        delimiter: table.delimiter,
        header: table.header,
        mapping,
        without_code: orders.iter().filter(|o| o.codes.is_empty()).count() as u32,
        not_counted: orders.iter().filter(|o| !o.counts()).count() as u32,
        matches: summary.0,
        unknown_codes: summary.1,
        orders,
        rejected,
        warnings,
        currency_assumed: (!has_currency).then_some(currency),
        already_stored,
    })
}

/// Which partnership each code of the file goes to (as `attribute` will
/// count it), and the codes no partnership carries.
fn summarise(store: &Store, orders: &[Order]) -> Result<(Vec<FileMatch>, Vec<UnknownCode>), SalesError> {
    let partnerships = agreement::list(store)?;
    let owners = code_owners(&partnerships);
    let campaigns: HashMap<Uuid, String> = campaign::list(store)?.into_iter().map(|c| (c.id, c.name)).collect();
    let mut matches: Vec<FileMatch> = Vec::new();
    let mut unknown: BTreeMap<String, (String, u32)> = BTreeMap::new();
    for order in orders.iter().filter(|o| o.counts()) {
        for code in &order.codes {
            let key = code_key(code);
            let owner = owners.get(&key).and_then(|ids| match ids.as_slice() {
                [one] => partnerships.iter().find(|p| p.id == *one),
                _ => None,
            });
            let Some(partnership) = owner else {
                if !owners.contains_key(&key) {
                    unknown.entry(key).or_insert_with(|| (code.clone(), 0)).1 += 1;
                }
                continue;
            };
            let agreed = partnership.agreed_at.map(|t| t.date_naive());
            if agreed.is_none_or(|day| order.placed_on < day) {
                continue;
            }
            let at = match matches.iter().position(|m| code_key(&m.code) == key) {
                Some(at) => at,
                None => {
                    let creator = match partnership.influencer_id {
                        Some(id) => roster::get(store, &id.to_string()).map(|i| i.name).unwrap_or_default(),
                        None => String::new(),
                    };
                    matches.push(FileMatch {
                        code: code.clone(),
                        partnership_id: partnership.id,
                        creator,
                        campaign: partnership
                            .campaign_id
                            .and_then(|id| campaigns.get(&id).cloned())
                            .unwrap_or_default(),
                        orders: 0,
                        revenue: Vec::new(),
                    });
                    matches.len() - 1
                }
            };
            let found = &mut matches[at];
            found.orders += 1;
            match found.revenue.iter_mut().find(|m| m.currency == order.total.currency) {
                Some(sum) => sum.minor += order.total.minor,
                None => found.revenue.push(order.total.clone()),
            }
        }
    }
    let mut unknown: Vec<UnknownCode> = unknown
        .into_values()
        .map(|(code, orders)| UnknownCode { code, orders })
        .collect();
    unknown.sort_by(|a, b| b.orders.cmp(&a.orders).then_with(|| a.code.cmp(&b.code)));
    Ok((matches, unknown))
}

#[cfg(test)]
pub(super) fn split_codes_for_tests(cell: &str) -> Vec<String> {
    split_codes(cell)
}

#[cfg(test)]
pub(super) fn amount_for_tests(text: &str, currency: &str) -> Result<Money, String> {
    amount(text, currency)
}
