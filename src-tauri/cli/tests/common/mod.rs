//! Running the real CLI binary against a data folder.

// Each test binary uses some of these helpers, not all.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub fn cli(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_partnerly-cli"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("PARTNERLY_DATA_DIR")
        .output()
        .expect("the CLI runs")
}

pub fn ok(data_dir: &Path, args: &[&str]) -> String {
    let out = cli(data_dir, args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

pub fn failure(data_dir: &Path, args: &[&str]) -> String {
    let out = cli(data_dir, args);
    assert!(!out.status.success(), "{args:?} should have failed");
    assert!(out.stdout.is_empty(), "errors go to stderr, not stdout");
    String::from_utf8(out.stderr).unwrap()
}

/// Runs a PDF or system tool and returns what it printed; fails the test
/// with its error output when it fails.
pub fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} runs (install poppler-utils and qpdf): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
