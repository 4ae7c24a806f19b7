//! Numbers and rates as other tools and spreadsheets write them.
//!
//! Exports come from every locale: "12,400", "12.400" and "12 400" are the
//! same count, "1,2M" is a German 1.2 million, "3,4 %" is a French 3.4 %.
//! The rules here decide what a person meant and say so when they cannot.

/// What is wrong with one cell, as the end of a sentence that starts with the
/// column and the value ("followers '-500' cannot be negative").
pub type ValueError = String;

/// Cells that mean "no value" in the exports people have: placeholders
/// typed by hand, and the error values spreadsheets leave behind in English,
/// Spanish, Portuguese, German and French (`#VALOR!`, `#WERT!`, `#NV`). One
/// rule for every cell, text or number, so `nan` is nothing in any column.
pub fn is_blank(text: &str) -> bool {
    let text = text.trim();
    // Every ordinary cell is told apart by its first byte or its length,
    // without comparing it with the list: this runs for every cell of a file.
    let Some(&first) = text.as_bytes().first() else {
        return true;
    };
    if text.len() > 10 || !matches!(first, b'n' | b'N' | b'-' | b'?' | b'#' | b'u' | b'U' | 0xE2) {
        return false;
    }
    const BLANKS: &[&str] = &[
        "n/a",
        "n.a.",
        "-",
        "--",
        "—",
        "–",
        "none",
        "null",
        "undefined",
        "nan",
        "?",
        "#n/a",
        "#na",
        "#nv",
        "#n/d",
        "#name?",
        "#nom?",
        "#nombre?",
        "#value!",
        "#valor!",
        "#wert!",
        "#valeur!",
        "#div/0!",
        "#ref!",
        "#bezug!",
        "#num!",
        "#zahl!",
        "#null!",
        "#nulo!",
        "#error!",
        "#spill!",
    ];
    BLANKS.iter().any(|blank| text.eq_ignore_ascii_case(blank))
}

/// `is_blank`, and "NA" too where a number is expected ("NA" is Namibia in
/// a country column).
fn is_blank_number(text: &str) -> bool {
    is_blank(text) || text.trim().eq_ignore_ascii_case("na")
}

/// Text that was UTF-8, read once as Windows-1252 and saved again
/// (`CÃ´te d'Ivoire`), turned back into what was meant. Only when the
/// repair is unambiguous: every character maps back to one byte and those
/// bytes are valid UTF-8 with at least one character beyond ASCII; any other
/// text is returned as it is.
pub fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    // The lead bytes of two- and three-byte UTF-8 sequences, as Windows-1252 shows them.
    if !text
        .chars()
        .any(|c| matches!(c, 'Ã' | 'Â' | 'â' | 'Å' | 'Ä' | 'Ð' | 'Ñ'))
    {
        return Cow::Borrowed(text);
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    if unmappable {
        return Cow::Borrowed(text);
    }
    match std::str::from_utf8(&bytes) {
        Ok(repaired) if !repaired.is_ascii() && repaired.chars().count() < text.chars().count() => {
            Cow::Owned(repaired.to_string())
        }
        _ => Cow::Borrowed(text),
    }
}

/// Removes the spaces and quote marks people and spreadsheets use to group
/// digits: ordinary, no-break and narrow no-break spaces, and the Swiss `'`.
/// Borrowed when there is nothing to remove, as in almost every cell.
fn without_grouping_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    let grouping = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’');
    if !text.contains(grouping) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|c| !grouping(*c)).collect())
}

/// A count (followers, likes, views): `12400`, `12,400`, `12.400`, `12 400`,
/// `12.3K`, `1,2M`, `3B`. `Ok(None)` for an empty or "n/a" cell.
pub fn parse_count(raw: &str) -> Result<Option<u64>, ValueError> {
    let text = raw.trim();
    // Most cells of a large file are plain digits: read them without more ado.
    if (1..=15).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(text.parse().ok());
    }
    if is_blank_number(text) {
        return Ok(None);
    }
    let compact = without_grouping_spaces(text);
    if compact.starts_with('-') || compact.starts_with('−') {
        return Err("cannot be negative".into());
    }
    let compact = compact.strip_prefix('+').unwrap_or(&compact);
    if let Some(value) = parse_scientific(compact) {
        return finish_count(value);
    }
    let (number, multiplier) = split_suffix(compact);
    let value = if multiplier > 1.0 {
        // With a suffix, the separator is always a decimal point: "1,2M".
        parse_plain_decimal(&number.replace(',', "."))
    } else {
        parse_grouped_integer(number)
    }
    .ok_or_else(|| "is not a number".to_string())?;
    finish_count(value * multiplier)
}

fn finish_count(value: f64) -> Result<Option<u64>, ValueError> {
    let scaled = value.round();
    if !scaled.is_finite() || scaled > 1e15 {
        return Err("is too large to be a count".into());
    }
    Ok(Some(scaled as u64))
}

/// Scientific notation as spreadsheets write large numbers: `2.28E+11`,
/// `1,5E6`. `None` for anything else, so "3B" and "12.3K" go their own way.
fn parse_scientific(text: &str) -> Option<f64> {
    let (mantissa, exponent) = text.split_once(['e', 'E'])?;
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let exponent: i32 = exponent.parse().ok().filter(|e: &i32| (-20..=20).contains(e))?;
    let mantissa = parse_plain_decimal(&mantissa.replace(',', "."))?;
    Some(mantissa * 10f64.powi(exponent))
}

/// Splits "12.3K" into ("12.3", 1000.0). Unknown letters stay on the number,
/// which then fails to parse.
fn split_suffix(text: &str) -> (&str, f64) {
    for (suffix, multiplier) in [
        ("mio.", 1e6),
        ("mio", 1e6),
        ("mrd", 1e9),
        ("tsd", 1e3),
        ("k", 1e3),
        ("m", 1e6),
        ("b", 1e9),
    ] {
        let at = text.len().wrapping_sub(suffix.len());
        if text.len() >= suffix.len() && text.is_char_boundary(at) && text[at..].eq_ignore_ascii_case(suffix) {
            return (&text[..at], multiplier);
        }
    }
    (text, 1.0)
}

fn parse_plain_decimal(text: &str) -> Option<f64> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.') || text.matches('.').count() > 1 {
        return None;
    }
    text.parse().ok()
}

/// An integer with thousands separators in any locale. A lone separator
/// followed by exactly three digits groups thousands ("12,400", "12.400");
/// otherwise it is a decimal point ("12.5") and the count is rounded.
fn parse_grouped_integer(text: &str) -> Option<f64> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') {
        return None;
    }
    let commas = text.matches(',').count();
    let dots = text.matches('.').count();
    let (group, decimal) = match (commas, dots) {
        (0, 0) => return text.parse().ok(),
        // Both: the one that comes last is the decimal separator.
        (_, _) if commas > 0 && dots > 0 => {
            if text.rfind(',') > text.rfind('.') {
                ('.', Some(','))
            } else {
                (',', Some('.'))
            }
        }
        (n, 0) | (0, n) => {
            let sep = if commas > 0 { ',' } else { '.' };
            let after = text.len() - text.rfind(sep)? - 1;
            if n > 1 || after == 3 {
                (sep, None)
            } else {
                ('\0', Some(sep))
            }
        }
        _ => return None,
    };
    if let Some(decimal) = decimal {
        if text.matches(decimal).count() > 1 {
            return None;
        }
    }
    let (whole, fraction) = match decimal {
        Some(d) => match text.split_once(d) {
            Some((w, f)) => (w, f),
            None => (text, ""),
        },
        None => (text, ""),
    };
    // Groups after the first must be exactly three digits: "1,23,4" is not a number.
    let mut groups = whole.split(group);
    let first = groups.next()?;
    if first.is_empty() && group != '\0' {
        return None;
    }
    let mut digits = first.to_string();
    for g in groups {
        if g.len() != 3 {
            return None;
        }
        digits.push_str(g);
    }
    if !fraction.is_empty() {
        digits.push('.');
        digits.push_str(fraction);
    }
    digits.parse().ok()
}

/// A rate cell as written: the number, and whether it carried a `%` sign.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateCell {
    pub number: f64,
    pub percent_sign: bool,
}

/// A rate such as engagement: `3.4%`, `3,4 %`, `0.034`, `3.4`. Whether a
/// plain number is a fraction or a percent is decided per column
/// (`RateScale::of_column`), not per cell.
pub fn parse_rate(raw: &str) -> Result<Option<RateCell>, ValueError> {
    let text = raw.trim();
    if is_blank_number(text) {
        return Ok(None);
    }
    let compact = without_grouping_spaces(text);
    let (number, percent_sign) = match compact.strip_suffix('%') {
        Some(n) => (n, true),
        None => (&*compact, false),
    };
    if number.starts_with('-') {
        return Err("cannot be negative".into());
    }
    // Rates have no thousands: a lone comma is a decimal comma.
    let normalised = if !number.contains(',') {
        std::borrow::Cow::Borrowed(number)
    } else if !number.contains('.') {
        std::borrow::Cow::Owned(number.replacen(',', ".", 1))
    } else {
        std::borrow::Cow::Owned(number.replace(',', ""))
    };
    let value = parse_plain_decimal(&normalised).ok_or_else(|| "is not a rate".to_string())?;
    Ok(Some(RateCell {
        number: value,
        percent_sign,
    }))
}

/// How a column writes its rates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateScale {
    /// 0.034 means 3.4 %.
    Fraction,
    /// 3.4 means 3.4 %.
    Percent,
}

impl RateScale {
    /// A column is in percents if any cell has a `%` sign or any plain value
    /// is above 1 (no realistic rate is over 100 %); otherwise fractions.
    pub fn of_column<'a>(cells: impl IntoIterator<Item = &'a RateCell>) -> RateScale {
        let percent = cells.into_iter().any(|c| c.percent_sign || c.number > 1.0);
        if percent {
            RateScale::Percent
        } else {
            RateScale::Fraction
        }
    }

    /// The rate as a fraction, as Partnerly stores every percentage.
    pub fn to_fraction(self, cell: RateCell) -> f64 {
        if cell.percent_sign || self == RateScale::Percent {
            cell.number / 100.0
        } else {
            cell.number
        }
    }
}

#[cfg(test)]
mod tests;
