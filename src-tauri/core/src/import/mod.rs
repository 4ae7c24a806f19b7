//! Reading other tools' exports and hand-kept spreadsheets into the roster.
//!
//! The pieces, in the order a file meets them:
//! - `decode`: which text encoding the bytes are in (BOM, UTF-8, UTF-16,
//!   legacy code pages), and a streaming decoder;
//! - `dialect`: the delimiter and the header row;
//! - `columns`: which column holds what, from the alias table
//!   `data/column_aliases.tsv`;
//! - `values`: counts and rates as exports write them;
//! - `rows`, `merge`: one row into a creator, and rows folded into the roster;
//! - `pipeline`, `run`: a whole file, read on two threads while a third
//!   merges, and written in one commit.

pub mod columns;
pub mod decode;
pub mod dialect;
pub mod memory;
pub mod merge;
mod pipeline;
mod preview;
pub mod rows;
pub mod run;
pub mod values;
