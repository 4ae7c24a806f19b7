//! The reading half of an import, as two threads: one splits the file into
//! records, the other reads each record into a creator or a reason. Merging
//! the rows (the caller's thread) is about as much work as reading them, and
//! splitting is a good part of reading: as three stages, both cores of a
//! small laptop stay busy instead of one waiting on the other.
//!
//! Records travel in batches and come back empty to be filled again, so the
//! splitter reuses their buffers instead of allocating for every row.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::Scope;

use super::columns::Field;
use super::rows::{read_row, RowOutcome};
use super::run::{ImportError, Rows};
use crate::roster::Platform;

/// Rows handed from one stage to the next at a time.
const BATCH_ROWS: usize = 1_024;
/// Batches that may wait between two stages.
const BATCHES_IN_FLIGHT: usize = 4;

/// Rows read, each with the line it starts on, in the file's order.
pub(super) type RowBatch = Result<Vec<(u64, RowOutcome)>, ImportError>;

/// Records as the splitter filled them: `rows[..filled]` hold this batch;
/// any past that are buffers kept for the next.
struct Records {
    rows: Vec<(u64, csv::StringRecord)>,
    filled: usize,
}

/// Starts reading `rows` on two threads of `scope`; the batches come out of
/// the receiver in the file's order, until the file ends, it breaks (the
/// last batch is the error), or `cancel` is set. Dropping the receiver
/// stops both threads.
pub(super) fn read_in_background<'scope>(
    scope: &'scope Scope<'scope, '_>,
    rows: Rows,
    path: &'scope Path,
    mapping: &'scope [Option<Field>],
    platform: Option<Platform>,
    cancel: &'scope AtomicBool,
) -> Receiver<RowBatch> {
    let (records_out, records_in) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
    let (spent_out, spent_in) = mpsc::channel();
    let (batches_out, batches_in) = mpsc::sync_channel(BATCHES_IN_FLIGHT);
    scope.spawn(move || split(rows, path, records_out, spent_in, cancel));
    scope.spawn(move || read(mapping, platform, records_in, spent_out, batches_out));
    batches_in
}

/// The first stage: the file's records, in batches.
fn split(
    mut rows: Rows,
    path: &Path,
    out: SyncSender<Result<Records, ImportError>>,
    spent: Receiver<Records>,
    cancel: &AtomicBool,
) {
    loop {
        let mut records = spent.try_recv().unwrap_or_else(|_| Records {
            rows: Vec::with_capacity(BATCH_ROWS),
            filled: 0,
        });
        records.filled = 0;
        let mut ended = false;
        while records.filled < BATCH_ROWS {
            if records.filled == records.rows.len() {
                records.rows.push((0, csv::StringRecord::new()));
            }
            let (line, record) = &mut records.rows[records.filled];
            match rows.advance_into(record, path) {
                Ok(Some(at)) => {
                    *line = at;
                    records.filled += 1;
                }
                Ok(None) => {
                    ended = true;
                    break;
                }
                Err(e) => {
                    let _ = out.send(Err(e));
                    return;
                }
            }
        }
        if out.send(Ok(records)).is_err() || ended || cancel.load(Ordering::Relaxed) {
            return;
        }
    }
}

/// The second stage: each record read to a creator or a reason.
fn read(
    mapping: &[Option<Field>],
    platform: Option<Platform>,
    records: Receiver<Result<Records, ImportError>>,
    spent: mpsc::Sender<Records>,
    out: SyncSender<RowBatch>,
) {
    for batch in records {
        let records = match batch {
            Ok(records) => records,
            Err(e) => {
                let _ = out.send(Err(e));
                return;
            }
        };
        let mut outcomes = Vec::with_capacity(records.filled);
        let mut cells: Vec<&str> = Vec::new();
        for (line, record) in &records.rows[..records.filled] {
            cells.clear();
            cells.extend(record.iter());
            outcomes.push((*line, read_row(&cells, mapping, platform)));
        }
        drop(cells);
        // The splitter may be done already; then the buffers are not needed.
        let _ = spent.send(records);
        if out.send(Ok(outcomes)).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::map_header;
    use crate::import::run::sniff;
    use std::io::Write;

    /// Reads `text` as a file through the two stages and hands the batches
    /// to `take`, with `cancel` as given.
    fn reading<T>(text: &str, cancel: bool, take: impl FnOnce(Receiver<RowBatch>) -> T) -> T {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let path = file.path();
        let sniffed = sniff(path).unwrap();
        let mapping = map_header(&sniffed.dialect.header);
        let rows = Rows::open(path, &sniffed).unwrap();
        let cancel = AtomicBool::new(cancel);
        // The scope ends only when both threads have.
        std::thread::scope(|scope| take(read_in_background(scope, rows, path, &mapping, None, &cancel)))
    }

    fn handles(rows: usize) -> String {
        let mut text = String::from("Platform,Handle\n");
        for i in 0..rows {
            text.push_str(&format!("instagram,@c{i}\n"));
        }
        text
    }

    #[test]
    fn every_row_comes_out_once_in_order_with_its_line_across_batches() {
        let rows = BATCH_ROWS * 2 + 7;
        let mut text = String::from("Platform,Handle,Followers\n");
        for i in 0..rows {
            // A quoted line break every hundredth row moves the lines after it.
            if i % 100 == 0 {
                text.push_str(&format!("instagram,@c{i},\"1\n{i}\"\n"));
            } else {
                text.push_str(&format!("instagram,@c{i},{i}\n"));
            }
        }
        let outcomes: Vec<(u64, RowOutcome)> = reading(&text, false, |batches| {
            batches.into_iter().flat_map(Result::unwrap).collect()
        });
        assert_eq!(outcomes.len(), rows);
        let mut line = 2;
        for (i, (at, outcome)) in outcomes.iter().enumerate() {
            assert_eq!(*at, line, "row {i}");
            line += if i % 100 == 0 { 2 } else { 1 };
            let RowOutcome::Creator(row) = outcome else {
                panic!("row {i}: {outcome:?}")
            };
            assert_eq!(row.accounts[0].1, format!("c{i}"));
        }
    }

    #[test]
    fn a_cancel_stops_the_reading_after_the_batch_in_hand() {
        let read: usize = reading(&handles(BATCH_ROWS * 3), true, |batches| {
            batches.into_iter().map(|batch| batch.unwrap().len()).sum()
        });
        assert_eq!(read, BATCH_ROWS);
    }

    #[test]
    fn dropping_the_receiver_stops_both_threads() {
        // Far more batches than can wait between the stages: the threads
        // only end (and the scope with them) if a dropped receiver stops them.
        let first = reading(&handles(BATCH_ROWS * BATCHES_IN_FLIGHT * 4), false, |batches| {
            batches.recv().unwrap().unwrap().len()
        });
        assert_eq!(first, BATCH_ROWS);
    }
}
