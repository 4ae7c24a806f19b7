//! The IPC surface, one module per domain. Each command is a thin wrapper:
//! take the store, call core, map the error. Commands are `async` so that
//! Tauri runs them off the main thread and a disk flush never stalls the window.

pub mod calendar;
pub mod collaboration;
pub mod housekeeping;
pub mod import;
pub mod messages;
pub mod metrics;
pub mod orders;
pub mod partnerships;
pub mod payments;
pub mod rights;
pub mod roster;
pub mod settings;
pub mod team;
pub mod vetting;
pub mod workspace;
