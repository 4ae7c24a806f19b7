//! How a text table is laid out: its delimiter, and which row is the header.
//!
//! Generic sniffers guess delimiters from character frequencies and happily
//! pick a letter. Here the candidates are the four delimiters people use, and
//! the winner is the one that splits the rows into the most consistent number
//! of fields. A leading `sep=;` line (Excel's hint) decides outright.

use std::collections::HashMap;

use super::columns::field_of;

pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many rows of the sample are looked at.
const SAMPLE_ROWS: usize = 200;
/// The header may sit below a title or a blank line, but not further down.
const HEADER_SEARCH_ROWS: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    /// The file starts with Excel's `sep=X` line, which is not data.
    pub sep_line: bool,
    /// Index of the header among the records after the `sep=` line.
    pub header_record: usize,
    pub header: Vec<String>,
}

/// `sep=;` (possibly quoted, as Excel sometimes writes it) on the first line.
fn sep_line(text: &str) -> Option<u8> {
    let first = text.lines().next()?.trim().trim_matches('"');
    let rest = first.strip_prefix("sep=").or_else(|| first.strip_prefix("SEP="))?;
    match rest.as_bytes() {
        [d] => Some(*d),
        [] if first.len() == 4 => None,
        _ => None,
    }
}

/// The non-blank records of `text` split with `delimiter`, each with its
/// index among all records.
fn records(text: &str, delimiter: u8, limit: usize) -> Vec<(usize, Vec<String>)> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .take(limit)
        .enumerate()
        // A sample ends mid-file; its last record may be cut short or be
        // malformed, and a broken quote in a sample is no reason to give up.
        .filter_map(|(i, r)| r.ok().map(|r| (i, r)))
        .map(|(i, r)| (i, r.iter().map(str::to_string).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect()
}

/// The most common field count among `rows` and how many rows have it.
fn modal_width(rows: &[(usize, Vec<String>)]) -> (usize, usize) {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for (_, cells) in rows {
        *counts.entry(cells.len()).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(width, count)| (count, width))
        .unwrap_or((1, 0))
}

/// Decides the layout from a decoded sample of the file. `complete` says
/// whether the sample is the whole file (otherwise its last line may be cut).
pub fn detect(sample: &str, complete: bool) -> Dialect {
    detect_with(sample, complete, &|cell| field_of(cell).is_some())
}

/// `detect` for tables of another kind: `known` says whether a cell names
/// one of its columns, which is how the header row is found.
pub fn detect_with(sample: &str, complete: bool, known: &dyn Fn(&str) -> bool) -> Dialect {
    let forced = sep_line(sample);
    let body = if forced.is_some() {
        sample.split_once('\n').map(|(_, rest)| rest).unwrap_or("")
    } else {
        sample
    };
    let body = if complete {
        body
    } else {
        // Drop the last, possibly cut, line.
        body.rsplit_once('\n').map(|(whole, _)| whole).unwrap_or(body)
    };

    let delimiter = forced.unwrap_or_else(|| {
        DELIMITERS
            .iter()
            .copied()
            .map(|d| {
                let rows = records(body, d, SAMPLE_ROWS);
                let (width, count) = modal_width(&rows);
                // One field per row says nothing about this delimiter.
                let score = if width > 1 { count } else { 0 };
                (d, score, width)
            })
            // Most consistent rows first, then more columns; the order of
            // DELIMITERS breaks exact ties (a comma before a semicolon).
            .fold((b',', 0, 0), |best, next| {
                if (next.1, next.2) > (best.1, best.2) {
                    next
                } else {
                    best
                }
            })
            .0
    });

    let rows = records(body, delimiter, HEADER_SEARCH_ROWS.max(SAMPLE_ROWS));
    let (width, _) = modal_width(&rows);
    let candidates: Vec<&(usize, Vec<String>)> = rows.iter().take(HEADER_SEARCH_ROWS).collect();
    // The header is the early row whose cells name the most known fields;
    // failing that, the first row as wide as the table.
    let known = |cells: &Vec<String>| cells.iter().filter(|c| known(c)).count();
    let header = candidates
        .iter()
        .filter(|(_, cells)| known(cells) > 0)
        .max_by_key(|(i, cells)| (known(cells), std::cmp::Reverse(*i)))
        .or_else(|| candidates.iter().find(|(_, cells)| cells.len() == width))
        .or_else(|| candidates.first())
        .map(|(i, cells)| (*i, cells.clone()))
        .unwrap_or((0, Vec::new()));

    Dialect {
        delimiter,
        sep_line: forced.is_some(),
        header_record: header.0,
        header: header.1.into_iter().map(|c| c.trim().to_string()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_delimiter_that_splits_rows_consistently() {
        let semicolons = "Name;Instagram;Followers;Notes\n\
                          Emma;@emma.e;12.400;Loves EVENTS, EXPOS and ESPRESSO\n\
                          Jonas;@jonas;41.800;E-bikes; trails\n\
                          Chloé;@chloe.runs;4.300;\n";
        // A frequency sniffer picks 'E' here; the commas in the notes do not fool us either.
        assert_eq!(detect(semicolons, true).delimiter, b';');

        let tabs = "username\tfollowers\tcountry\nmara\t48200\tPT\njonas\t41800\tDE\n";
        assert_eq!(detect(tabs, true).delimiter, b'\t');

        let pipes = "handle|followers\n@a|1\n@b|2\n@c|3\n";
        assert_eq!(detect(pipes, true).delimiter, b'|');

        let commas = "name,handle,followers\n\"Costa, Mara\",@mara,\"48,200\"\nJonas,@jonas,41800\n";
        assert_eq!(detect(commas, true).delimiter, b',');
    }

    #[test]
    fn excel_sep_line_decides() {
        let text = "sep=;\nName;Followers,Notes\nMara;48200,x\n";
        let dialect = detect(text, true);
        assert_eq!(dialect.delimiter, b';');
        assert!(dialect.sep_line);
        assert_eq!(dialect.header, ["Name", "Followers,Notes"]);

        let quoted = "\"sep=,\"\nName,Followers\n";
        assert_eq!(detect(quoted, true).delimiter, b',');
    }

    #[test]
    fn finds_a_header_below_title_rows() {
        let text = "Creator report\nExported 2026-11-20\n\nName,Instagram handle,Instagram Followers\nMara,@mara,48200\nJonas,@jonas,41800\n";
        let dialect = detect(text, true);
        assert_eq!(dialect.header_record, 2, "blank lines are not records");
        assert_eq!(dialect.header, ["Name", "Instagram handle", "Instagram Followers"]);
    }

    #[test]
    fn quoted_fields_with_newlines_do_not_confuse_it() {
        let text =
            "name,notes,followers\nMara,\"Line one\nline two, with comma\",48200\nJonas,\"He said \"\"hi\"\"\",41800\n";
        let dialect = detect(text, true);
        assert_eq!(dialect.delimiter, b',');
        assert_eq!(dialect.header, ["name", "notes", "followers"]);
    }

    #[test]
    fn a_cut_last_line_is_ignored() {
        let text = "a;b;c\n1;2;3\n4;5;6\n7;8";
        assert_eq!(detect(text, false).delimiter, b';');
    }
}
