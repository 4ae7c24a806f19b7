//! The roster (or a filtered part of it) as a CSV file for spreadsheets.
//!
//! One row per creator, one handle and one follower column per platform in
//! use, headers the importer understands, so an export can come back in.
//! UTF-8 with a BOM and CRLF line ends, which Excel opens correctly. Any
//! text cell starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with
//! `'`: values that came from someone else's file must never run as a
//! formula in the person's spreadsheet.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::roster::{self, EncodedCreators, Influencer, Platform, RosterError, RosterFilter, SortBy};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Roster(#[from] RosterError),
}

/// A text cell made safe to open in a spreadsheet.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The platforms any of these creators has an account on, in the usual order.
fn platforms_in(accounts: impl Iterator<Item = Platform>) -> Vec<Platform> {
    let mut used = [false; Platform::ALL.len()];
    for platform in accounts {
        used[platform as usize] = true;
    }
    Platform::ALL.into_iter().filter(|p| used[*p as usize]).collect()
}

/// Writes the BOM, the header and one row per creator to `out`.
fn write_table(
    out: impl Write,
    platforms: &[Platform],
    influencers: impl Iterator<Item = Result<Influencer, RosterError>>,
) -> Result<(), ExportError> {
    let mut header: Vec<String> = ["Name", "Email", "Country", "Niches", "Notes"]
        .map(String::from)
        .to_vec();
    for platform in platforms {
        header.push(format!("{} handle", platform.label()));
        header.push(format!("{} followers", platform.label()));
    }
    let mut out = out;
    let io_error = |e: io::Error| ExportError::Write {
        path: PathBuf::new(),
        source: e,
    };
    out.write_all(b"\xEF\xBB\xBF").map_err(io_error)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let csv_error = |e: csv::Error| io_error(e.into());
    writer.write_record(&header).map_err(csv_error)?;
    for influencer in influencers {
        let influencer = influencer?;
        let mut row = vec![
            neutralise(&influencer.name),
            neutralise(influencer.email.as_deref().unwrap_or("")),
            influencer.country.clone().unwrap_or_default(),
            neutralise(&influencer.niches.join(", ")),
            neutralise(&influencer.notes),
        ];
        for platform in platforms {
            match influencer.accounts.iter().find(|a| a.platform == *platform) {
                Some(account) => {
                    row.push(neutralise(&account.handle));
                    row.push(account.followers.to_string());
                }
                None => row.extend([String::new(), String::new()]),
            }
        }
        writer.write_record(&row).map_err(csv_error)?;
    }
    writer.flush().map_err(io_error)
}

/// The CSV text for `influencers`.
pub fn to_csv(influencers: &[Influencer]) -> Vec<u8> {
    let platforms = platforms_in(influencers.iter().flat_map(|i| i.accounts.iter().map(|a| a.platform)));
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every creator is already decoded.
    let _ = write_table(&mut out, &platforms, influencers.iter().cloned().map(Ok));
    out
}

/// Writes `fill` to `path` through a temporary file, renamed at the end, so
/// a failed export never leaves half a file under the chosen name. Other
/// documents (PDFs) are written the same way.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<fs::File>) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let failed = |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let written = fs::File::create(&partial).map_err(failed).and_then(|file| {
        let mut out = BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        out.into_inner()
            .map_err(|e| failed(e.into_error()))?
            .sync_all()
            .map_err(failed)
    });
    let result = written.and_then(|()| fs::rename(&partial, path).map_err(failed));
    if result.is_err() {
        let _ = fs::remove_file(&partial);
    }
    // Errors from inside the table writer do not know the path yet.
    result.map_err(|e| match e {
        ExportError::Write { source, .. } => failed(source),
        other => other,
    })
}

/// Writes the CSV of `influencers` to `path`.
pub fn write_csv(influencers: &[Influencer], path: &Path) -> Result<(), ExportError> {
    let platforms = platforms_in(influencers.iter().flat_map(|i| i.accounts.iter().map(|a| a.platform)));
    write_atomically(path, |out| {
        write_table(out, &platforms, influencers.iter().cloned().map(Ok))
    })
}

/// Writes the first `limit` creators matching `filter`, in order, to `path`;
/// returns how many. They are held encoded and decoded one row at a time, so
/// a million-creator roster exports in a few hundred megabytes.
pub fn write_roster_csv(
    store: &crate::store::Store,
    filter: &RosterFilter,
    sort: SortBy,
    descending: bool,
    limit: usize,
    path: &Path,
) -> Result<usize, ExportError> {
    let found: EncodedCreators = roster::query_encoded(store, filter, sort, descending, limit)?;
    let mut bits = 0u16;
    for record in found.iter() {
        bits |= roster::record_platforms(record).map_err(RosterError::from)?;
    }
    let platforms = platforms_in(Platform::ALL.into_iter().filter(|p| bits & (1 << *p as u16) != 0));
    write_atomically(path, |out| {
        let rows = found
            .iter()
            .map(|record| roster::decode_record(record).map_err(RosterError::from));
        write_table(out, &platforms, rows)
    })?;
    Ok(found.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::run::import_file;
    use crate::roster::{self, AccountDraft, InfluencerDraft};
    use crate::sample;
    use crate::store::Store;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn formulas_are_neutralised() {
        for risky in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(risky), format!("'{risky}"));
        }
        assert_eq!(neutralise("Mara"), "Mara");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn a_streamed_roster_export_matches_the_filtered_view() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        sample::load(&store).unwrap();
        let filter = RosterFilter {
            country: Some("DE".into()),
            ..Default::default()
        };
        let file = dir.path().join("de.csv");
        let written = write_roster_csv(&store, &filter, SortBy::Followers, true, usize::MAX, &file).unwrap();
        let shown = roster::query(&store, &filter, SortBy::Followers, true).unwrap();
        assert_eq!(written, shown.len());
        assert!(written >= 2);
        assert_eq!(fs::read(&file).unwrap(), to_csv(&shown));
        assert!(!dir.path().join("de.csv.partial").exists());

        let nowhere = dir.path().join("missing-folder/out.csv");
        let err = write_roster_csv(&store, &filter, SortBy::Name, false, usize::MAX, &nowhere).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("cannot write {}", nowhere.display())),
            "{err}"
        );
    }

    #[test]
    fn the_file_opens_in_excel_and_keeps_hostile_text_inert() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        roster::add(
            &store,
            &InfluencerDraft {
                name: "=cmd|' /C calc'!A0".into(),
                accounts: vec![AccountDraft {
                    platform: Platform::Twitch,
                    handle: "evil".into(),
                    followers: 5,
                }],
                notes: "-1+1".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let csv = String::from_utf8(to_csv(&roster::list(&store).unwrap())).unwrap();
        assert!(csv.starts_with("\u{feff}Name,Email,Country,Niches,Notes,Twitch handle,Twitch followers\r\n"));
        assert!(csv.contains("\r\n'=cmd|' /C calc'!A0,,,,'-1+1,evil,5\r\n"), "{csv}");
    }

    #[test]
    fn an_export_imports_back_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        sample::load(&store).unwrap();
        let file = dir.path().join("roster.csv");
        write_csv(&roster::list(&store).unwrap(), &file).unwrap();

        let summary = import_file(&store, &file, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
        assert_eq!((summary.imported, summary.updated), (0, 0), "{:?}", summary.rejected);
        assert_eq!(summary.unchanged as usize, sample::drafts().len());

        let other = tempfile::tempdir().unwrap();
        let fresh = Store::open(other.path()).unwrap();
        let summary = import_file(&fresh, &file, None, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
        assert_eq!(summary.imported as usize, sample::drafts().len());
        let strip = |list: Vec<Influencer>| -> Vec<_> {
            list.into_iter()
                .map(|mut i| {
                    // The file lists accounts by platform; their order carries no meaning.
                    i.accounts.sort_by_key(|a| a.platform);
                    (i.name, i.accounts, i.email, i.country, i.niches, i.notes)
                })
                .collect()
        };
        assert_eq!(
            strip(roster::list(&fresh).unwrap()),
            strip(roster::list(&store).unwrap())
        );
    }
}
