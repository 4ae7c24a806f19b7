//! Vetting creators against a brand: engagement compared with what is
//! normal for their platform and size, and where each figure comes from.
//!
//! - `benchmarks`: published engagement-rate figures by platform and
//!   follower range, from `data/engagement_benchmarks.tsv`.

pub mod benchmarks;
