//! The roster (or a filtered part of it) as a CSV file for spreadsheets.
//!
//! One row per creator, one handle and one follower column per platform in
//! use, headers the importer understands, so an export can come back in.
//! UTF-8 with a BOM and CRLF line ends, which Excel opens correctly. Any
//! text cell starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with
//! `'`: values that came from someone else's file must never run as a
//! formula in the person's spreadsheet.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::roster::{Influencer, Platform};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct ExportError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// A text cell made safe to open in a spreadsheet.
pub fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The CSV text for `influencers`.
pub fn to_csv(influencers: &[Influencer]) -> Vec<u8> {
    let mut platforms: Vec<Platform> = Platform::ALL
        .into_iter()
        .filter(|p| influencers.iter().any(|i| i.accounts.iter().any(|a| a.platform == *p)))
        .collect();
    platforms.sort_by_key(|p| Platform::ALL.iter().position(|q| q == p));

    let mut header: Vec<String> = ["Name", "Email", "Country", "Niches", "Notes"]
        .map(String::from)
        .to_vec();
    for platform in &platforms {
        header.push(format!("{} handle", platform.label()));
        header.push(format!("{} followers", platform.label()));
    }

    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to memory cannot fail.
        let _ = writer.write_record(&header);
        for influencer in influencers {
            let mut row = vec![
                neutralise(&influencer.name),
                neutralise(influencer.email.as_deref().unwrap_or("")),
                influencer.country.clone().unwrap_or_default(),
                neutralise(&influencer.niches.join(", ")),
                neutralise(&influencer.notes),
            ];
            for platform in &platforms {
                match influencer.accounts.iter().find(|a| a.platform == *platform) {
                    Some(account) => {
                        row.push(neutralise(&account.handle));
                        row.push(account.followers.to_string());
                    }
                    None => row.extend([String::new(), String::new()]),
                }
            }
            let _ = writer.write_record(&row);
        }
        let _ = writer.flush();
    }
    out
}

/// Writes the CSV to `path` (to a temporary name first, then renamed).
pub fn write_csv(influencers: &[Influencer], path: &Path) -> Result<(), ExportError> {
    let failed = |source| ExportError {
        path: path.to_path_buf(),
        source,
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    fs::write(&partial, to_csv(influencers)).map_err(failed)?;
    fs::rename(&partial, path).map_err(|e| {
        let _ = fs::remove_file(&partial);
        failed(e)
    })
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

        let summary = import_file(&store, &file, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
        assert_eq!((summary.imported, summary.updated), (0, 0), "{:?}", summary.rejected);
        assert_eq!(summary.unchanged as usize, sample::drafts().len());

        let other = tempfile::tempdir().unwrap();
        let fresh = Store::open(other.path()).unwrap();
        let summary = import_file(&fresh, &file, None, &mut |_| {}, &AtomicBool::new(false)).unwrap();
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
