//! A whole file: preview it, then import it in one all-or-nothing write.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::columns::{map_header, Field};
use super::decode::{self, NotText, TextEncoding};
use super::dialect::{self, Dialect};
use super::merge::{Merger, NotMerged};
use super::pipeline;
use super::preview::cell_warnings;
pub use super::preview::{guess_platform, preview, stored_rows, CellWarning, FilePreview, StoredAccount, StoredRow};
use super::rows::{read_row, RowOutcome};
use crate::roster::{with_writer, Platform};
use crate::store::{Store, StoreError};

/// How much of a file is read to decide its encoding and layout.
const SAMPLE_BYTES: usize = 256 * 1024;
/// At most this much is reserved up front for new creators (the file's
/// size is the guess; beyond this, memory grows as it is used).
const RESERVE_LIMIT: usize = 256 << 20;
/// How often progress is reported and cancellation checked.
const PROGRESS_EVERY: u64 = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {}: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{} is not a table: {reason}", path.display())]
    NotATable { path: PathBuf, reason: String },
    #[error("{} has no column that names a creator's account (a handle, a profile link, or a column such as \"Instagram\" or \"TikTok handle\"); the columns are: {}", path.display(), header.join(", "))]
    NoAccountColumn { path: PathBuf, header: Vec<String> },
    #[error("{} could not be read past line {line}: {detail}; nothing was imported", path.display())]
    Broken { path: PathBuf, line: u64, detail: String },
    #[error("the import was cancelled; nothing was changed")]
    Cancelled,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A rejected row and why, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Rejection {
    #[ts(type = "number")]
    pub line: u64,
    pub reason: String,
}

/// A cell left empty in a row that was kept, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Warning {
    #[ts(type = "number")]
    pub line: u64,
    /// The column's header as the file writes it.
    pub column: String,
    pub reason: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub imported: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Warning>,
}

/// At most this many warnings are kept in a summary: past that a file's
/// warnings are one mistake repeated, and the first thousand show it.
const MAX_WARNINGS: usize = 1_000;

/// How far an import has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    #[ts(type = "number")]
    pub rows: u64,
    #[ts(type = "number")]
    pub bytes_read: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
}

/// The encoding and layout of a file, from its first bytes.
pub(super) struct Sniffed {
    pub(super) encoding: TextEncoding,
    pub(super) dialect: Dialect,
}

fn read_error(path: &Path) -> impl Fn(io::Error) -> ImportError + '_ {
    move |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    }
}

pub(super) fn sniff(path: &Path) -> Result<Sniffed, ImportError> {
    sniff_with(path, &|cell| super::columns::field_of(cell).is_some())
}

fn sniff_with(path: &Path, known: &dyn Fn(&str) -> bool) -> Result<Sniffed, ImportError> {
    let mut file = File::open(path).map_err(read_error(path))?;
    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    (&mut file)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut sample)
        .map_err(read_error(path))?;
    let complete = sample.len() < SAMPLE_BYTES;
    let encoding = decode::detect(&sample, complete).map_err(|why| ImportError::NotATable {
        path: path.to_path_buf(),
        reason: match why {
            NotText::Empty => "it is empty".into(),
            NotText::Binary => "it looks like a binary file, not text (export it from the other tool as CSV)".into(),
        },
    })?;
    let text = decode::decode_sample(&sample, encoding);
    let dialect = dialect::detect_with(&text, complete, known);
    if dialect.header.iter().all(|h| h.trim().is_empty()) {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: "it has no rows".into(),
        });
    }
    Ok(Sniffed { encoding, dialect })
}

/// Counts the raw bytes read, for progress through files of any encoding.
struct Counting<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The file's data rows after the header, each with its line number.
pub(super) struct Rows {
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: csv::StringRecord,
    bytes_read: Arc<AtomicU64>,
    bytes_total: u64,
}

impl Rows {
    pub(super) fn open(path: &Path, sniffed: &Sniffed) -> Result<Rows, ImportError> {
        let file = File::open(path).map_err(read_error(path))?;
        let bytes_total = file.metadata().map(|m| m.len()).unwrap_or(0);
        let bytes_read = Arc::new(AtomicU64::new(0));
        let counting = Counting {
            inner: io::BufReader::with_capacity(1 << 16, file),
            read: bytes_read.clone(),
        };
        let decoded: Box<dyn Read + Send> = Box::new(decode::decoding_reader(counting, sniffed.encoding));
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sniffed.dialect.delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(decoded);
        let mut record = csv::StringRecord::new();
        // Skip Excel's sep= line and anything above the header, then the header.
        let skip = usize::from(sniffed.dialect.sep_line) + sniffed.dialect.header_record + 1;
        for _ in 0..skip {
            reader.read_record(&mut record).map_err(|e| broken(path, &e))?;
        }
        Ok(Rows {
            reader,
            record,
            bytes_read,
            bytes_total,
        })
    }

    /// The line the last record read starts on. csv reports a record's start
    /// before any blank lines it skipped; the end is exact, because the text
    /// always ends each line with `\n` (`decode::UnixNewlines`), so count back
    /// from the end over the line breaks inside quoted cells.
    pub(super) fn line_of_record(&self) -> u64 {
        self.line_of(&self.record)
    }

    fn line_of(&self, record: &csv::StringRecord) -> u64 {
        let next_line = self.reader.position().line();
        // All of a record's cells in one string: one scan for the rare break.
        let text = record.as_slice();
        let inside = if text.contains('\n') {
            text.bytes().filter(|&b| b == b'\n').count() as u64
        } else {
            0
        };
        next_line.saturating_sub(1 + inside)
    }

    /// Reads the next row into `record`; its line number, or `None` at the end.
    pub(super) fn advance_into(
        &mut self,
        record: &mut csv::StringRecord,
        path: &Path,
    ) -> Result<Option<u64>, ImportError> {
        if !self.reader.read_record(record).map_err(|e| broken(path, &e))? {
            return Ok(None);
        }
        Ok(Some(self.line_of(record)))
    }

    /// The next row's line number and cells; `None` at the end.
    pub(super) fn next(&mut self, path: &Path) -> Result<Option<(u64, Vec<String>)>, ImportError> {
        let mut record = std::mem::take(&mut self.record);
        let line = self.advance_into(&mut record, path);
        self.record = record;
        Ok(line?.map(|line| (line, self.record.iter().map(str::to_string).collect())))
    }
}

fn broken(path: &Path, e: &csv::Error) -> ImportError {
    ImportError::Broken {
        path: path.to_path_buf(),
        line: e.position().map(|p| p.line()).unwrap_or(0),
        detail: match e.kind() {
            csv::ErrorKind::Io(io) => io.to_string(),
            _ => "the file is not a well-formed table there".into(),
        },
    }
}

pub(super) fn describe_delimiter(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        other => (other as char).to_string(),
    }
}

/// Everything the importer does to a file's bytes short of the store:
/// encoding, layout, columns, and each row read to a creator or a reason.
/// For the fuzz target and property tests: it must never panic, whatever
/// the bytes.
pub fn read_bytes(bytes: &[u8]) -> Result<Vec<RowOutcome>, NotText> {
    let sample = &bytes[..bytes.len().min(SAMPLE_BYTES)];
    let encoding = decode::detect(sample, sample.len() == bytes.len())?;
    let text = decode::decode_sample(sample, encoding);
    let dialect = dialect::detect(&text, sample.len() == bytes.len());
    let mapping = map_header(&dialect.header);
    let mut decoded = String::new();
    let _ = decode::decoding_reader(bytes, encoding).read_to_string(&mut decoded);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(dialect.delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.as_bytes());
    Ok(reader
        .records()
        .filter_map(Result::ok)
        .map(|record| read_row(&record.iter().collect::<Vec<_>>(), &mapping, None))
        .collect())
}

/// A whole small table read into memory: other importers (post metrics)
/// share the roster's decoding and layout detection through it.
#[derive(Debug, Clone)]
pub struct Table {
    pub encoding: String,
    pub delimiter: String,
    pub header_line: u32,
    pub header: Vec<String>,
    /// Each non-blank row with the line it starts on.
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Reads `path` as a table whose header row has cells `known` recognises.
/// At most `max_rows` rows are kept; more is an error, not a silent cut.
pub fn read_table(path: &Path, known: &dyn Fn(&str) -> bool, max_rows: usize) -> Result<Table, ImportError> {
    let sniffed = sniff_with(path, known)?;
    let mut rows = Rows::open(path, &sniffed)?;
    let header_line = rows.line_of_record() as u32;
    let mut kept = Vec::new();
    while let Some((line, cells)) = rows.next(path)? {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if kept.len() == max_rows {
            return Err(ImportError::NotATable {
                path: path.to_path_buf(),
                reason: format!(
                    "it has more than {} rows; split it into smaller files",
                    crate::numbers::grouped(max_rows as u64)
                ),
            });
        }
        kept.push((line, cells));
    }
    Ok(Table {
        encoding: sniffed.encoding.describe(),
        delimiter: describe_delimiter(sniffed.dialect.delimiter),
        header_line,
        header: sniffed.dialect.header,
        rows: kept,
    })
}

/// Imports a file into the roster. `mapping` overrides the recognised
/// columns (from the preview, as the person corrected it). Nothing is
/// written until every row has been read: a cancel, an error or a crash
/// before the end leaves the roster exactly as it was.
pub fn import_file(
    store: &Store,
    path: &Path,
    mapping: Option<Vec<Option<Field>>>,
    platform: Option<Platform>,
    progress: &mut dyn FnMut(Progress),
    cancel: &AtomicBool,
) -> Result<ImportSummary, ImportError> {
    let sniffed = sniff(path)?;
    let mapping = mapping.unwrap_or_else(|| map_header(&sniffed.dialect.header));
    let header = &sniffed.dialect.header;
    if !mapping.iter().flatten().any(|f| f.identifies_an_account()) {
        return Err(ImportError::NoAccountColumn {
            path: path.to_path_buf(),
            header: sniffed.dialect.header,
        });
    }
    let rows = Rows::open(path, &sniffed)?;
    let bytes_read = rows.bytes_read.clone();
    let bytes_total = rows.bytes_total;
    // One writer for the whole file: nothing else changes the roster between
    // checking a row's accounts and writing the result.
    with_writer(store, |writer| {
        std::thread::scope(|scope| {
            // Reading rows on two more threads while this one merges them
            // (`pipeline`).
            let batches = pipeline::read_in_background(scope, rows, path, &mapping, platform, cancel);
            let reserve = (bytes_total as usize).min(RESERVE_LIMIT);
            let file = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let source = format!("{file}, imported {}", chrono::Local::now().date_naive());
            let mut merger = Merger::new(writer, Utc::now(), reserve, &source);
            let mut rejected = Vec::new();
            let mut warnings = Vec::new();
            let mut count = 0u64;
            let mut next_report = PROGRESS_EVERY;
            // The loop ends when the reader is done, failed or saw the cancel;
            // leaving it early drops `batches`, which stops the reader.
            for batch in batches {
                for (line, outcome) in batch? {
                    count += 1;
                    let merged = match outcome {
                        RowOutcome::Creator(mut row) => {
                            let kept = std::mem::take(&mut row.warnings);
                            let merged = merger.add(*row);
                            if merged.is_ok() && warnings.len() < MAX_WARNINGS {
                                warnings.extend(cell_warnings(header, kept).map(|w| Warning {
                                    line,
                                    column: w.column,
                                    reason: w.reason,
                                }));
                            }
                            merged
                        }
                        RowOutcome::Skip => Ok(()),
                        RowOutcome::Reject(reason) => Err(NotMerged::Rejected(reason)),
                    };
                    match merged {
                        Ok(()) => {}
                        Err(NotMerged::Rejected(reason)) => rejected.push(Rejection { line, reason }),
                        Err(NotMerged::Store(e)) => return Err(e.into()),
                    }
                }
                if count >= next_report {
                    next_report = count + PROGRESS_EVERY;
                    progress(Progress {
                        rows: count,
                        bytes_read: bytes_read.load(Ordering::Relaxed),
                        bytes_total,
                    });
                }
            }
            if cancel.load(Ordering::Relaxed) {
                return Err(ImportError::Cancelled);
            }
            progress(Progress {
                rows: count,
                bytes_read: bytes_total,
                bytes_total,
            });
            let merged = merger.finish()?;
            // A column is in percents if any of its cells says so; the same
            // rule as `values::RateScale::of_column`, decided over the file.
            let percent = &merged.percent_columns;
            let scale = |column: u32, number: f64| {
                if percent.contains(&column) {
                    number / 100.0
                } else {
                    number
                }
            };
            writer.commit(&merged.new, &merged.updated, &merged.figures, &scale)?;
            Ok(ImportSummary {
                imported: merged.new.len() as u32,
                updated: merged.updated.len() as u32,
                unchanged: merged.unchanged as u32,
                rejected,
                warnings,
            })
        })
    })
}

#[cfg(test)]
mod tests;
