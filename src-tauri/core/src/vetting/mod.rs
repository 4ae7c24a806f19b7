//! Vetting creators against a brand: engagement compared with what is
//! normal for their platform and size, audience fit, alignment, red flags,
//! research, and a verdict — each number with where it came from.
//!
//! - `brand`: brand profiles and their validation.
//! - `dossier`: what is known about a creator beyond the roster.
//! - `benchmarks`: published engagement-rate figures (`data/engagement_benchmarks.tsv`).
//! - `engagement`, `audience_fit`, `alignment`, `flags`: the measures.
//! - `scorecard`: all of them for one creator and brand, and the verdict.

pub mod alignment;
pub mod audience_files;
pub mod audience_fit;
pub mod benchmarks;
pub mod brand;
pub mod dossier;
pub mod drafts;
pub mod engagement;
pub mod flags;
mod ops;
pub mod score;
pub mod scorecard;

pub use ops::*;
