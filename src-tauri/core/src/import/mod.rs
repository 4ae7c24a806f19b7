//! Reading other tools' exports and hand-kept spreadsheets into the roster.
//!
//! Built up in steps: `values` reads the numbers and rates such files hold.

pub mod values;
