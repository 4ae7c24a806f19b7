//! The compact binary layout of one influencer inside a roster block.
//!
//! Binary rather than JSON because a roster can hold a million creators:
//! JSON tripled the size on disk and its parsing dominated every full read.
//! Integers are LEB128 varints, strings are a varint length then UTF-8, and
//! an absent optional string is stored as an empty one (an empty email or
//! country is never valid, so nothing is lost).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{Account, Influencer, Platform};

pub(crate) fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    put_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn put_time(out: &mut Vec<u8>, time: &DateTime<Utc>) {
    // Zig-zag so that (unlikely) times before 1970 stay short too.
    let secs = time.timestamp();
    put_varint(out, ((secs << 1) ^ (secs >> 63)) as u64);
    put_varint(out, u64::from(time.timestamp_subsec_nanos()));
}

/// Appends `influencer` to `out`.
pub(crate) fn encode(influencer: &Influencer, out: &mut Vec<u8>) {
    out.extend_from_slice(influencer.id.as_bytes());
    put_time(out, &influencer.created_at);
    put_time(out, &influencer.updated_at);
    put_str(out, &influencer.name);
    put_varint(out, influencer.accounts.len() as u64);
    for account in &influencer.accounts {
        out.push(account.platform as u8);
        put_str(out, &account.handle);
        put_varint(out, account.followers);
    }
    put_str(out, influencer.email.as_deref().unwrap_or(""));
    put_str(out, influencer.country.as_deref().unwrap_or(""));
    put_varint(out, influencer.niches.len() as u64);
    for niche in &influencer.niches {
        put_str(out, niche);
    }
    put_str(out, &influencer.notes);
}

/// Reads values back in the order `encode` wrote them; every read checks
/// its bounds, so damaged bytes give an error, never a panic.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len()
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.bytes.len() < n {
            return Err(format!("it ends {} bytes too early", n - self.bytes.len()));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    pub(crate) fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *self.take(1)?.first().unwrap_or(&0);
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number in it is too long".into())
    }

    fn len(&mut self) -> Result<usize, String> {
        usize::try_from(self.varint()?).map_err(|_| "a length in it is too large".to_string())
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a text in it is not UTF-8".to_string())
    }

    fn time(&mut self) -> Result<DateTime<Utc>, String> {
        let zigzag = self.varint()?;
        let secs = ((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64);
        let nanos = u32::try_from(self.varint()?).map_err(|_| "a time in it is out of range".to_string())?;
        DateTime::from_timestamp(secs, nanos).ok_or_else(|| "a time in it is out of range".to_string())
    }
}

/// An encoded influencer read in place: what the index needs, without
/// allocating (building the index reads a million of these).
pub(crate) struct RecordView<'a> {
    pub(crate) id: Uuid,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) updated_at: DateTime<Utc>,
    pub(crate) name: &'a str,
    accounts: &'a [u8],
    account_count: usize,
    pub(crate) email: &'a str,
    pub(crate) country: &'a str,
    niches: &'a [u8],
    niche_count: usize,
    pub(crate) notes: &'a str,
}

impl<'a> RecordView<'a> {
    /// Reads and checks one record; the accessors below can then not fail.
    pub(crate) fn read(reader: &mut Reader<'a>) -> Result<RecordView<'a>, String> {
        let id = Uuid::from_slice(reader.take(16)?).map_err(|e| e.to_string())?;
        let created_at = reader.time()?;
        let updated_at = reader.time()?;
        let name = reader.str()?;
        let account_count = reader.len()?;
        let accounts = reader.bytes;
        for _ in 0..account_count {
            read_account(reader)?;
        }
        let email = reader.str()?;
        let country = reader.str()?;
        let niche_count = reader.len()?;
        let niches = reader.bytes;
        for _ in 0..niche_count {
            reader.str()?;
        }
        let notes = reader.str()?;
        Ok(RecordView {
            id,
            created_at,
            updated_at,
            name,
            accounts,
            account_count,
            email,
            country,
            niches,
            niche_count,
            notes,
        })
    }

    /// Platform, handle and followers of each account.
    pub(crate) fn accounts(&self) -> impl Iterator<Item = (Platform, &'a str, u64)> + 'a {
        let mut reader = Reader::new(self.accounts);
        (0..self.account_count).filter_map(move |_| read_account(&mut reader).ok())
    }

    pub(crate) fn niches(&self) -> impl Iterator<Item = &'a str> + 'a {
        let mut reader = Reader::new(self.niches);
        (0..self.niche_count).filter_map(move |_| reader.str().ok())
    }

    pub(crate) fn to_influencer(&self) -> Influencer {
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_string());
        Influencer {
            id: self.id,
            name: self.name.to_string(),
            accounts: self
                .accounts()
                .map(|(platform, handle, followers)| Account {
                    platform,
                    handle: handle.to_string(),
                    followers,
                })
                .collect(),
            email: optional(self.email),
            country: optional(self.country),
            niches: self.niches().map(str::to_string).collect(),
            notes: self.notes.to_string(),
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

fn read_account<'a>(reader: &mut Reader<'a>) -> Result<(Platform, &'a str, u64), String> {
    let code = reader.take(1)?[0];
    let platform = *Platform::ALL
        .get(usize::from(code))
        .ok_or_else(|| format!("platform number {code} is unknown"))?;
    let handle = reader.str()?;
    let followers = reader.varint()?;
    Ok((platform, handle, followers))
}

/// Reads one influencer written by `encode`.
pub(crate) fn decode(reader: &mut Reader<'_>) -> Result<Influencer, String> {
    Ok(RecordView::read(reader)?.to_influencer())
}

/// Just the id of an encoded influencer, without decoding the rest.
pub(crate) fn id_of(bytes: &[u8]) -> Option<Uuid> {
    bytes.get(..16).and_then(|b| Uuid::from_slice(b).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn influencer(name: &str, notes: &str, followers: u64, secs: i64, nanos: u32) -> Influencer {
        let time = DateTime::from_timestamp(secs, nanos).unwrap();
        Influencer {
            id: Uuid::new_v4(),
            name: name.into(),
            accounts: vec![
                Account {
                    platform: Platform::Threads,
                    handle: "mara.eats".into(),
                    followers,
                },
                Account {
                    platform: Platform::Instagram,
                    handle: "mara".into(),
                    followers: 0,
                },
            ],
            email: Some("mara@example.com".into()),
            country: None,
            niches: vec!["vegan food".into(), "travel".into()],
            notes: notes.into(),
            created_at: time,
            updated_at: time + chrono::Duration::nanoseconds(1),
        }
    }

    proptest! {
        #[test]
        fn round_trips(name in "\\PC{0,40}", notes in "\\PC{0,200}", followers in any::<u64>(),
                       secs in -62_000_000_000i64..250_000_000_000, nanos in 0u32..1_000_000_000) {
            let original = influencer(&name, &notes, followers, secs, nanos);
            let mut bytes = Vec::new();
            encode(&original, &mut bytes);
            let mut reader = Reader::new(&bytes);
            prop_assert_eq!(decode(&mut reader).unwrap(), original.clone());
            prop_assert!(reader.is_empty());
            prop_assert_eq!(id_of(&bytes), Some(original.id));
        }

        #[test]
        fn damaged_bytes_are_an_error_not_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let _ = decode(&mut Reader::new(&bytes));
        }
    }

    #[test]
    fn a_cut_record_says_so() {
        let mut bytes = Vec::new();
        encode(&influencer("Mara", "", 10, 0, 0), &mut bytes);
        bytes.truncate(bytes.len() - 3);
        let err = decode(&mut Reader::new(&bytes)).unwrap_err();
        assert!(err.contains("ends"), "{err}");
    }
}
