//! A hybrid logical clock: the time a change was made, as wall-clock
//! milliseconds plus a counter and the writing copy's node id. Two copies
//! whose system clocks disagree still order every change the same way, a
//! copy never stamps a change behind one it has already seen, and no two
//! changes anywhere get the same stamp.
//!
//! Stamps are kept in sled as 20 bytes and on the server as text; both
//! sort exactly as the stamps do, so "newer" is a plain comparison there too.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One working copy (one data folder), chosen at random when it first syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NodeId(pub [u8; 8]);

impl NodeId {
    pub fn random() -> NodeId {
        let bytes = uuid::Uuid::new_v4().into_bytes();
        let mut id = [0; 8];
        id.copy_from_slice(&bytes[..8]);
        NodeId(id)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// Milliseconds since 1970, never less than any stamp seen before.
    pub millis: u64,
    /// Orders changes within one millisecond.
    pub counter: u32,
    /// Breaks the last tie: two copies never share a node id.
    pub node: NodeId,
}

/// How far ahead of this machine's clock a stamp from another copy may be.
/// A copy whose clock is days fast would otherwise drag every stamp after
/// it into the future, and its edits would win every merge.
pub const MAX_AHEAD_MILLIS: u64 = 60 * 60 * 1000;

/// Bytes in a stamp's sortable key.
pub const KEY_LEN: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error("a change from another copy is stamped {ahead_minutes} minutes ahead of this computer's clock; check the date and time on both computers")]
    TooFarAhead { ahead_minutes: u64 },
    #[error("'{0}' is not a change stamp (expected 13 digits, 6 digits and 16 hex digits, joined by '-')")]
    BadStamp(String),
}

impl Stamp {
    /// Big-endian bytes: sorting keys sorts stamps.
    pub fn to_key(self) -> [u8; KEY_LEN] {
        let mut key = [0; KEY_LEN];
        key[..8].copy_from_slice(&self.millis.to_be_bytes());
        key[8..12].copy_from_slice(&self.counter.to_be_bytes());
        key[12..].copy_from_slice(&self.node.0);
        key
    }

    pub fn from_key(key: &[u8]) -> Option<Stamp> {
        let key: &[u8; KEY_LEN] = key.try_into().ok()?;
        let mut millis = [0; 8];
        millis.copy_from_slice(&key[..8]);
        let mut counter = [0; 4];
        counter.copy_from_slice(&key[8..12]);
        let mut node = [0; 8];
        node.copy_from_slice(&key[12..]);
        Some(Stamp {
            millis: u64::from_be_bytes(millis),
            counter: u32::from_be_bytes(counter),
            node: NodeId(node),
        })
    }

    /// Reads the text form `Display` writes.
    pub fn parse(text: &str) -> Result<Stamp, ClockError> {
        let bad = || ClockError::BadStamp(text.to_string());
        let mut parts = text.split('-');
        let (Some(millis), Some(counter), Some(node), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if millis.len() != 13 || counter.len() != 6 || node.len() != 16 {
            return Err(bad());
        }
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !digits(millis) || !digits(counter) {
            return Err(bad());
        }
        let mut id = [0; 8];
        for (i, byte) in id.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&node[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Stamp {
            millis: millis.parse().map_err(|_| bad())?,
            counter: counter.parse().map_err(|_| bad())?,
            node: NodeId(id),
        })
    }
}

/// Fixed-width text (`1733300000000-000002-0a1b2c3d4e5f6071`): the server
/// compares stamps as text, so the widths must never vary. 13 digits of
/// milliseconds last until the year 2286.
impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:013}-{:06}-", self.millis, self.counter)?;
        self.node.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// The clock of one working copy.
#[derive(Debug, Clone)]
pub struct Clock {
    node: NodeId,
    last: Option<Stamp>,
}

/// The highest counter a stamp text can carry (six digits).
const MAX_COUNTER: u32 = 999_999;

impl Clock {
    pub fn new(node: NodeId) -> Clock {
        Clock { node, last: None }
    }

    /// A clock that carries on from the last stamp it gave or saw (kept with the working copy).
    pub fn resume(node: NodeId, last: Stamp) -> Clock {
        Clock { node, last: Some(last) }
    }

    pub fn node(&self) -> NodeId {
        self.node
    }

    pub fn last(&self) -> Option<Stamp> {
        self.last
    }

    /// The stamp for a change made here now. `now_millis` is this
    /// computer's clock; when it has gone backwards the stamp still moves on.
    pub fn tick(&mut self, now_millis: u64) -> Stamp {
        let stamp = self.next_after(self.last.map(|s| (s.millis, s.counter)), now_millis);
        self.last = Some(stamp);
        stamp
    }

    /// Takes in a stamp from another copy, so that every change made here
    /// afterwards is stamped after it.
    pub fn observe(&mut self, remote: Stamp, now_millis: u64) -> Result<(), ClockError> {
        if remote.millis > now_millis.saturating_add(MAX_AHEAD_MILLIS) {
            return Err(ClockError::TooFarAhead {
                ahead_minutes: (remote.millis - now_millis) / 60_000,
            });
        }
        if self
            .last
            .is_none_or(|last| (remote.millis, remote.counter) > (last.millis, last.counter))
        {
            // Keep our own node: the next tick is ours, after the remote one.
            self.last = Some(Stamp {
                node: self.node,
                ..remote
            });
        }
        Ok(())
    }

    fn next_after(&self, last: Option<(u64, u32)>, now_millis: u64) -> Stamp {
        let (millis, counter) = match last {
            Some((millis, counter)) if millis >= now_millis => {
                if counter >= MAX_COUNTER {
                    (millis + 1, 0)
                } else {
                    (millis, counter + 1)
                }
            }
            _ => (now_millis, 0),
        };
        Stamp {
            millis,
            counter,
            node: self.node,
        }
    }
}

#[cfg(test)]
mod tests;
