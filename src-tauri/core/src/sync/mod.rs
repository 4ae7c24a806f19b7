//! The team workspace's sync (issue 18; see "Team workspace" in
//! ARCHITECTURE.md): each person's sled working copy exchanges changes with a
//! shared PostgreSQL server. Built in steps; so far:
//! - `clock`: the hybrid logical clock that orders every change;
//! - `merge`: how changes meet in a record, the same in any order;
//! - `change`: one change as it travels, made from a write's before and after;
//! - `log`: once a copy joins a team, each typed write logged with it;
//! - `apply`: changes from other copies merged into this one;
//! - `conflicts`: the rules a merge can break, checked again after it.

pub mod apply;
pub mod change;
pub mod clock;
pub mod conflicts;
pub mod log;
pub mod merge;
