//! Shop orders and the sales they bring to partnerships: an order export
//! (Shopify, WooCommerce, a sheet) is read into orders, and each order is
//! attributed by its discount code to the partnership whose terms carry
//! that code. Attributed orders are the partnership's conversions and
//! revenue on the dashboard, with the rule stated beside them.
//!
//! Orders are the shop's, not a campaign's: they live in tree `orders`,
//! filed under each code they used (then shop and order number), so a
//! dashboard reads only the orders of its creators' codes, not a year of
//! a shop's sales. Importing an export again (or a later one that overlaps
//! it) replaces each order wherever it was filed, in one batch, instead of
//! counting it twice, and a refund in the newer export takes it out.

mod file;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::agreement::Partnership;
use crate::campaign::Money;
use crate::store::{Record, Store, StoreError};

pub use file::{read_orders, FileMatch, OrderColumn, OrdersFile, SalesError, UnknownCode};

/// How attribution works, as the dashboard, the CLI and the PDF say it.
pub const RULE: &str =
    "Attributed by discount code: an order counts for the partnership whose terms carry the code it used, \
     placed on or after the day the partnership was agreed; refunded, voided and cancelled orders do not count.";

/// Which shop system wrote the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Shop {
    Shopify,
    WooCommerce,
    /// A sheet or another tool's export with the same columns.
    Sheet,
}

impl Shop {
    pub fn key(self) -> &'static str {
        match self {
            Shop::Shopify => "shopify",
            Shop::WooCommerce => "woocommerce",
            Shop::Sheet => "sheet",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Shop::Shopify => "Shopify orders export",
            Shop::WooCommerce => "WooCommerce orders export",
            Shop::Sheet => "orders sheet",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Order {
    pub shop: Shop,
    /// As the shop numbers it ("#1042", "5531").
    pub number: String,
    pub placed_on: NaiveDate,
    pub total: Money,
    /// The discount codes used, as written in the export.
    pub codes: Vec<String>,
    /// The shop's word for it ("paid", "refunded", "completed"); empty when
    /// the export has no status.
    pub status: String,
    pub imported_at: DateTime<Utc>,
    /// The code (as `code_key`) this copy is filed under; empty for an
    /// order without one. An order with two codes is filed twice.
    #[serde(default)]
    pub filed_under: String,
}

impl Record for Order {
    const TREE: &'static str = "orders";
    const KIND: &'static str = "order";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        let mut key = filing_prefix(&self.filed_under);
        key.extend_from_slice(self.id().as_bytes());
        key
    }
}

/// Where the orders of one code are filed: the code, then a NUL, which no
/// code contains.
fn filing_prefix(code_key: &str) -> Vec<u8> {
    let mut prefix = code_key.as_bytes().to_vec();
    prefix.push(0);
    prefix
}

impl Order {
    /// The order as the shop names it: "shopify/#1042".
    pub fn id(&self) -> String {
        format!("{}/{}", self.shop.key(), self.number)
    }

    /// Refunded, voided, cancelled or failed orders brought nothing in.
    pub fn counts(&self) -> bool {
        let status = self.status.to_lowercase();
        let gone = [
            "refunded",
            "voided",
            "cancelled",
            "canceled",
            "failed",
            "trash",
            "storniert",
            "erstattet",
        ];
        !gone
            .iter()
            .any(|g| status == *g || status.starts_with(&format!("{g} ")))
    }
}

/// A code as compared: Shopify and WooCommerce treat codes case-insensitively.
pub fn code_key(code: &str) -> String {
    code.trim().to_uppercase()
}

/// The discount codes of a partnership's terms, each once, as written.
pub fn codes_of(partnership: &Partnership) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for code in partnership.terms.deliverables.iter().flat_map(|d| &d.promo_codes) {
        let code = code.trim();
        if !code.is_empty() && !codes.iter().any(|c| code_key(c) == code_key(code)) {
            codes.push(code.to_string());
        }
    }
    codes
}

/// Which partnerships carry each code (by `code_key`).
pub fn code_owners(partnerships: &[Partnership]) -> HashMap<String, Vec<Uuid>> {
    let mut owners: HashMap<String, Vec<Uuid>> = HashMap::new();
    for partnership in partnerships {
        for code in codes_of(partnership) {
            owners.entry(code_key(&code)).or_default().push(partnership.id);
        }
    }
    owners
}

/// The orders one code brought one partnership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CodeSales {
    pub partnership_id: Uuid,
    pub creator: String,
    pub code: String,
    pub orders: u32,
    /// Per currency: orders in another currency than the campaign's are not converted.
    pub revenue: Vec<Money>,
    pub first_order: Option<NaiveDate>,
    pub last_order: Option<NaiveDate>,
    /// Why orders with this code are not counted for it (another
    /// partnership carries the same code), if so.
    pub problem: Option<String>,
}

/// What attribution gave one partnership, in the campaign's currency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attributed {
    pub orders: u32,
    pub revenue_minor: i64,
    /// Orders in other currencies, left out of revenue (not converted).
    pub other_currency: u32,
}

/// Attributes `orders` (as `orders_with` reads them) to `partnership` by its codes. `owners` comes from
/// every partnership, so a code two of them carry counts for neither.
pub fn attribute(
    partnership: &Partnership,
    creator: &str,
    orders: &[Order],
    owners: &HashMap<String, Vec<Uuid>>,
    currency: &str,
    names: &dyn Fn(&Uuid) -> String,
) -> (Attributed, Vec<CodeSales>) {
    let mut attributed = Attributed::default();
    let mut per_code = Vec::new();
    let from = partnership.agreed_at.map(|t| t.date_naive());
    for code in codes_of(partnership) {
        let key = code_key(&code);
        let sharing: Vec<&Uuid> = owners
            .get(&key)
            .map(|o| o.iter().filter(|id| **id != partnership.id).collect())
            .unwrap_or_default();
        let mut sales = CodeSales {
            partnership_id: partnership.id,
            creator: creator.to_string(),
            code: code.clone(),
            orders: 0,
            revenue: Vec::new(),
            first_order: None,
            last_order: None,
            problem: None,
        };
        if !sharing.is_empty() {
            let others: Vec<String> = sharing.iter().map(|id| names(id)).collect();
            sales.problem = Some(format!(
                "{code} is also in the terms of {}; its orders count for no one until only one partnership carries it.",
                others.join(", ")
            ));
            per_code.push(sales);
            continue;
        }
        let mut by_currency: BTreeMap<String, i64> = BTreeMap::new();
        // Each stored copy is filed under one code: an order that used two
        // of this partnership's codes counts once for each, never twice for one.
        for order in orders.iter().filter(|o| o.counts() && o.filed_under == key) {
            let Some(from) = from else { continue };
            if order.placed_on < from {
                continue;
            }
            sales.orders += 1;
            *by_currency.entry(order.total.currency.clone()).or_default() += order.total.minor;
            sales.first_order = Some(sales.first_order.map_or(order.placed_on, |d| d.min(order.placed_on)));
            sales.last_order = Some(sales.last_order.map_or(order.placed_on, |d| d.max(order.placed_on)));
            attributed.orders += 1;
            if order.total.currency == currency {
                attributed.revenue_minor += order.total.minor;
            } else {
                attributed.other_currency += 1;
            }
        }
        sales.revenue = by_currency
            .into_iter()
            .map(|(currency, minor)| Money { minor, currency })
            .collect();
        per_code.push(sales);
    }
    (attributed, per_code)
}

/// Every stored order once, newest first.
pub fn list(store: &Store) -> Result<Vec<Order>, StoreError> {
    let mut seen = std::collections::HashSet::new();
    let mut all: Vec<Order> = store
        .all::<Order>()?
        .into_iter()
        .filter(|o| seen.insert(o.id()))
        .collect();
    all.sort_by(|a, b| b.placed_on.cmp(&a.placed_on).then_with(|| b.number.cmp(&a.number)));
    Ok(all)
}

/// The stored orders that used any of `codes` (each order once per code).
pub fn orders_with(store: &Store, codes: &[String]) -> Result<Vec<Order>, StoreError> {
    let mut keys: Vec<String> = codes.iter().map(|c| code_key(c)).collect();
    keys.sort();
    keys.dedup();
    let mut found = Vec::new();
    for key in keys {
        found.extend(store.with_prefix::<Order>(&filing_prefix(&key))?);
    }
    Ok(found)
}

/// The order ids (`Order::id`) stored now, each with the keys it is filed under.
pub(crate) fn stored_ids(store: &Store) -> Result<HashMap<String, Vec<Vec<u8>>>, StoreError> {
    let mut ids: HashMap<String, Vec<Vec<u8>>> = HashMap::new();
    for key in store.keys::<Order>()? {
        if let Some(at) = key.iter().position(|b| *b == 0) {
            let id = String::from_utf8_lossy(&key[at + 1..]).into_owned();
            ids.entry(id).or_default().push(key);
        }
    }
    Ok(ids)
}

/// What an import stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrdersImported {
    pub added: u32,
    /// Orders already stored from an earlier export, now as this one says.
    pub updated: u32,
    /// Of all of them, the orders with a code some partnership carries.
    pub attributed: u32,
}

/// Stores the orders of a file read by `read_orders`, in one atomic batch:
/// each replaces the copies of the same order filed before, under
/// whichever codes it used then.
pub fn apply(store: &Store, file: &OrdersFile) -> Result<OrdersImported, StoreError> {
    let stored = stored_ids(store)?;
    let mut gone = Vec::new();
    let mut filed = Vec::new();
    let mut updated = 0;
    for order in &file.orders {
        if let Some(keys) = stored.get(&order.id()) {
            updated += 1;
            gone.extend(keys.iter().cloned());
        }
        let mut codes: Vec<String> = order.codes.iter().map(|c| code_key(c)).collect();
        codes.sort();
        codes.dedup();
        if codes.is_empty() {
            codes.push(String::new());
        }
        for code in codes {
            filed.push(Order {
                filed_under: code,
                ..order.clone()
            });
        }
    }
    store.swap(&gone, &filed)?;
    Ok(OrdersImported {
        added: file.orders.len() as u32 - updated,
        updated,
        attributed: file.matches.iter().map(|m| m.orders).sum(),
    })
}
