//! Partnerly's domain logic and storage.
//!
//! Nothing in this crate knows about Tauri or the UI: the desktop app and the
//! CLI are thin shells over it, so every rule here is testable with plain
//! `cargo test` and builds in seconds.

pub mod agreement;
pub mod calendar;
pub mod campaign;
pub mod chart;
pub mod collaboration;
pub mod country;
pub mod disclosure;
pub mod export;
pub mod housekeeping;
pub mod identity;
pub mod import;
pub mod metrics;
pub mod numbers;
pub mod outreach;
pub mod payments;
pub mod preferences;
pub mod rights;
pub mod roster;
pub mod sales;
pub mod sample;
pub mod store;
pub mod sync;
pub mod vetting;
pub mod workspace;

/// The application identifier. The desktop app's data folder is named after
/// it (Tauri's `app_data_dir`), and the CLI must find the same folder.
pub const APP_IDENTIFIER: &str = "app.partnerly.desktop";

/// The environment variable that overrides where the data folder is, for the
/// app and the CLI alike.
pub const DATA_DIR_ENV: &str = "PARTNERLY_DATA_DIR";
