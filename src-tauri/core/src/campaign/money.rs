//! Money as an integer of minor units with its ISO 4217 currency, read from
//! the amounts people type ("12,500", "12.500,50", "€ 9.99").

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Currencies Partnerly knows, with how many minor units a major one has.
/// Brands pay creators in these; others can be added as a line here.
const CURRENCIES: &[(&str, u32)] = &[
    ("AED", 2),
    ("AUD", 2),
    ("BRL", 2),
    ("CAD", 2),
    ("CHF", 2),
    ("CNY", 2),
    ("CZK", 2),
    ("DKK", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("INR", 2),
    ("JPY", 0),
    ("KRW", 0),
    ("MXN", 2),
    ("NOK", 2),
    ("NZD", 2),
    ("PLN", 2),
    ("RON", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("TRY", 2),
    ("USD", 2),
    ("ZAR", 2),
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Money {
    /// In minor units (cents): 1250000 EUR is €12,500.00.
    #[ts(type = "number")]
    pub minor: i64,
    /// ISO 4217 code.
    pub currency: String,
}

/// The number of minor units of `code`, if Partnerly knows the currency.
pub fn exponent(code: &str) -> Option<u32> {
    CURRENCIES.iter().find(|(c, _)| *c == code).map(|(_, e)| *e)
}

pub fn currencies() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|(code, _)| *code)
}

/// Reads an amount in `currency`: grouping by `,` `.` `'` or spaces, a
/// decimal `.` or `,` (the last one, when it has at most the currency's
/// decimals after it), and currency signs around it ignored.
pub fn parse_amount(text: &str, currency: &str) -> Result<Money, String> {
    let code = currency.trim().to_uppercase();
    let decimals = exponent(&code).ok_or_else(|| {
        format!(
            "'{}' is not a currency Partnerly knows; use an ISO code such as EUR, USD or GBP",
            currency.trim()
        )
    })?;
    let kept: String = text
        .trim()
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
        .collect();
    if kept.is_empty() {
        return Err(format!("'{}' is not an amount", text.trim()));
    }
    if kept.starts_with('-') {
        return Err("an amount cannot be negative".into());
    }
    // The last separator is decimal if at most `decimals` digits follow it.
    let (whole, fraction) = match kept.rfind([',', '.']) {
        Some(at) if decimals > 0 && kept.len() - at - 1 <= decimals as usize && kept.len() - at - 1 > 0 => {
            (&kept[..at], &kept[at + 1..])
        }
        _ => (kept.as_str(), ""),
    };
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() && fraction.is_empty() || whole.contains('-') {
        return Err(format!("'{}' is not an amount", text.trim()));
    }
    let major: i64 = if digits.is_empty() {
        0
    } else {
        digits
            .parse()
            .map_err(|_| format!("'{}' is too large an amount", text.trim()))?
    };
    let mut minor_part = fraction.to_string();
    while minor_part.len() < decimals as usize {
        minor_part.push('0');
    }
    let minor_part: i64 = if minor_part.is_empty() {
        0
    } else {
        minor_part.parse().unwrap_or(0)
    };
    let minor = major
        .checked_mul(10_i64.pow(decimals))
        .and_then(|m| m.checked_add(minor_part))
        .ok_or_else(|| format!("'{}' is too large an amount", text.trim()))?;
    Ok(Money { minor, currency: code })
}

impl Money {
    /// A share of this amount (an instalment of 50 %), rounded to the
    /// nearest minor unit.
    pub fn portion(&self, fraction: f64) -> Money {
        Money {
            minor: (self.minor as f64 * fraction).round() as i64,
            currency: self.currency.clone(),
        }
    }

    /// "EUR 12,500.00": unambiguous in any locale, for documents and the CLI.
    pub fn to_text(&self) -> String {
        let decimals = exponent(&self.currency).unwrap_or(2);
        let scale = 10_i64.pow(decimals);
        let whole = crate::numbers::grouped((self.minor / scale).unsigned_abs());
        if decimals == 0 {
            format!("{} {whole}", self.currency)
        } else {
            format!(
                "{} {whole}.{:0width$}",
                self.currency,
                (self.minor % scale).abs(),
                width = decimals as usize
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minor(text: &str, currency: &str) -> i64 {
        parse_amount(text, currency).unwrap().minor
    }

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(minor("12500", "EUR"), 1_250_000);
        assert_eq!(minor("12,500", "eur"), 1_250_000);
        assert_eq!(minor("12.500", "EUR"), 1_250_000);
        assert_eq!(minor("12.500,50", "EUR"), 1_250_050);
        assert_eq!(minor("12,500.5", "USD"), 1_250_050);
        assert_eq!(minor("€ 9.99", "EUR"), 999);
        assert_eq!(minor("1 200", "SEK"), 120_000);
        assert_eq!(minor("150,000", "JPY"), 150_000);
        assert_eq!(parse_amount("12500", "EUR").unwrap().to_text(), "EUR 12,500.00");
        assert_eq!(parse_amount("150000", "JPY").unwrap().to_text(), "JPY 150,000");
    }

    #[test]
    fn a_portion_rounds_to_the_minor_unit() {
        let fee = parse_amount("1,000", "EUR").unwrap();
        assert_eq!(fee.portion(0.5).to_text(), "EUR 500.00");
        assert_eq!(fee.portion(1.0 / 3.0).to_text(), "EUR 333.33");
        assert_eq!(parse_amount("0.05", "USD").unwrap().portion(0.5).minor, 3);
    }

    #[test]
    fn what_is_not_an_amount_says_so() {
        assert_eq!(parse_amount("lots", "EUR").unwrap_err(), "'lots' is not an amount");
        assert_eq!(parse_amount("-5", "EUR").unwrap_err(), "an amount cannot be negative");
        assert!(parse_amount("5", "XYZ")
            .unwrap_err()
            .starts_with("'XYZ' is not a currency Partnerly knows"));
        assert!(parse_amount("99999999999999999999", "EUR")
            .unwrap_err()
            .contains("too large"));
    }
}
