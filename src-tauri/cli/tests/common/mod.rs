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
