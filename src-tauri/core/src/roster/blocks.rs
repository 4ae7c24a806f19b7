//! Where influencers live in sled: blocks of up to `BLOCK_SIZE` encoded
//! records under `b` + block number (big endian) in the `roster` tree.
//!
//! Why blocks: one sled key per creator costs about 14 µs per insert and
//! several times the data's size on disk, which made a million-row import
//! take a minute and a gigabyte. A block is one key for hundreds of
//! creators; an import writes a few thousand of them in one atomic batch,
//! and editing one creator rewrites one ~25 KB block.
//!
//! A creator stays in the block it was first written to. Which block that is
//! is known to the in-memory index (`index`), built from these blocks.

use std::collections::BTreeMap;
use std::ops::Range;

use uuid::Uuid;

use super::bulk::EncodedCreators;
use super::codec::{self, put_varint, Reader, RecordView};
use super::model::Influencer;
use crate::store::{Store, StoreError};

pub(crate) const TREE: &str = "roster";
/// Creators per block: small enough that rewriting one block for one edit
/// is cheap, large enough that a million creators are a few thousand keys.
pub(crate) const BLOCK_SIZE: usize = 256;
/// The layout of a block; bump it (with a migration) when it changes.
const FORMAT: u8 = 1;

/// How many creators the blocks hold, kept up to date in the same atomic
/// batch as every write, so counting never needs the index (the window
/// asks for it before anything else).
const COUNT_KEY: &[u8] = b"count";

pub(crate) fn stored_count(tree: &sled::Tree) -> Result<Option<u64>, StoreError> {
    match tree.get(COUNT_KEY).map_err(StoreError::from_sled)? {
        Some(bytes) => {
            let raw: [u8; 8] = bytes
                .as_ref()
                .try_into()
                .map_err(|_| bad("the creator count is malformed".into()))?;
            Ok(Some(u64::from_le_bytes(raw)))
        }
        None => Ok(None),
    }
}

pub(crate) fn put_count(batch: &mut sled::Batch, count: u64) {
    batch.insert(COUNT_KEY, &count.to_le_bytes());
}

pub(crate) fn key(block: u32) -> [u8; 5] {
    let n = block.to_be_bytes();
    [b'b', n[0], n[1], n[2], n[3]]
}

fn block_number(key: &[u8]) -> Option<u32> {
    match key {
        [b'b', rest @ ..] => rest.try_into().ok().map(u32::from_be_bytes),
        _ => None,
    }
}

pub(crate) fn bad(detail: String) -> StoreError {
    StoreError::BadRecord {
        kind: "roster block",
        detail,
    }
}

/// A block's records, each still encoded, over the decompressed block.
#[derive(Debug)]
pub(crate) struct Records {
    data: Vec<u8>,
    spans: Vec<Range<usize>>,
}

impl Records {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[u8]> {
        self.spans.iter().map(|span| &self.data[span.clone()])
    }

    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }
}

/// More than any block can hold (256 creators at the largest size
/// validation allows is under 8 MiB): a larger claimed size is damage, and
/// is refused before anything is allocated for it.
const MAX_BLOCK_BYTES: usize = 64 << 20;

pub(crate) fn split(bytes: &[u8]) -> Result<Records, StoreError> {
    let mut reader = Reader::new(bytes);
    let format = reader.take(1).map_err(bad)?[0];
    if format != FORMAT {
        return Err(bad(format!(
            "it is stored in layout {format}, and this Partnerly reads layout {FORMAT}"
        )));
    }
    let size = reader.varint().map_err(bad)? as usize;
    if size > MAX_BLOCK_BYTES {
        return Err(bad(format!("it claims to hold {size} bytes")));
    }
    let compressed = reader.take(reader.remaining()).map_err(bad)?;
    let data =
        lz4_flex::block::decompress(compressed, size).map_err(|e| bad(format!("it cannot be decompressed ({e})")))?;
    let mut spans = Vec::new();
    {
        let mut reader = Reader::new(&data);
        let count = reader.varint().map_err(bad)?;
        spans.reserve((count as usize).min(BLOCK_SIZE * 4));
        for _ in 0..count {
            let len = reader.varint().map_err(bad)? as usize;
            let start = data.len() - reader.remaining();
            reader.take(len).map_err(bad)?;
            spans.push(start..start + len);
        }
        if reader.remaining() != 0 {
            return Err(bad("it has bytes after its last record".into()));
        }
    }
    Ok(Records { data, spans })
}

/// One block made of encoded records, compressed: creators' names, handles
/// and emails repeat a lot, and LZ4 shrinks a block to about 40% at a cost
/// of well under a millisecond.
pub(crate) fn join<'a>(records: impl ExactSizeIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut raw = Vec::with_capacity(records.len() * 128 + 8);
    put_varint(&mut raw, records.len() as u64);
    for record in records {
        put_varint(&mut raw, record.len() as u64);
        raw.extend_from_slice(record);
    }
    let mut out = Vec::with_capacity(raw.len() / 2 + 16);
    out.push(FORMAT);
    put_varint(&mut out, raw.len() as u64);
    out.extend_from_slice(&lz4_flex::block::compress(&raw));
    out
}

pub(crate) fn decode(record: &[u8]) -> Result<Influencer, StoreError> {
    codec::decode(&mut Reader::new(record)).map_err(bad)
}

pub(crate) fn encode(influencer: &Influencer) -> Vec<u8> {
    let mut out = Vec::with_capacity(160);
    codec::encode(influencer, &mut out);
    out
}

pub(crate) fn tree(store: &Store) -> Result<sled::Tree, StoreError> {
    store.sled_tree(TREE)
}

/// Calls `each` with every stored creator and the block it is in, block by block.
pub(crate) fn for_each(
    tree: &sled::Tree,
    mut each: impl FnMut(u32, Influencer) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    for entry in tree.scan_prefix(b"b") {
        let (key, bytes) = entry.map_err(StoreError::from_sled)?;
        let block = block_number(&key).ok_or_else(|| bad("a block key is malformed".into()))?;
        for record in split(&bytes)?.iter() {
            each(block, decode(record)?)?;
        }
    }
    Ok(())
}

/// Like `for_each`, with each creator read in place rather than decoded.
/// Blocks are read and decompressed on a second thread while `each` runs:
/// for a million creators that halves the time the index takes to build.
pub(crate) fn for_each_view(
    tree: &sled::Tree,
    mut each: impl FnMut(u32, &RecordView<'_>) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    std::thread::scope(|scope| {
        let (sender, blocks) = std::sync::mpsc::sync_channel(64);
        scope.spawn(move || {
            for entry in tree.scan_prefix(b"b") {
                let read = entry.map_err(StoreError::from_sled).and_then(|(key, bytes)| {
                    let block = block_number(&key).ok_or_else(|| bad("a block key is malformed".into()))?;
                    Ok((block, split(&bytes)?))
                });
                let failed = read.is_err();
                // A closed channel means the reader below stopped; so do we.
                if sender.send(read).is_err() || failed {
                    return;
                }
            }
        });
        for read in blocks {
            let (block, records) = read?;
            for record in records.iter() {
                each(block, &RecordView::read(&mut Reader::new(record)).map_err(bad)?)?;
            }
        }
        Ok(())
    })
}

/// The creators with these ids, read from their blocks; each block once.
pub(crate) fn fetch(tree: &sled::Tree, wanted: &[(u32, Uuid)]) -> Result<Vec<Influencer>, StoreError> {
    let mut by_block: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (position, (block, _)) in wanted.iter().enumerate() {
        by_block.entry(*block).or_default().push(position);
    }
    let mut found: Vec<Option<Influencer>> = vec![None; wanted.len()];
    for (block, positions) in by_block {
        let Some(bytes) = tree.get(key(block)).map_err(StoreError::from_sled)? else {
            continue;
        };
        for record in split(&bytes)?.iter() {
            let id = codec::id_of(record);
            for &position in &positions {
                if id == Some(wanted[position].1) {
                    found[position] = Some(decode(record)?);
                }
            }
        }
    }
    Ok(found.into_iter().flatten().collect())
}

/// Like `fetch`, for any number of creators: each block is read once, in
/// block order, and the records are kept encoded, in the order asked for.
pub(crate) fn fetch_encoded(tree: &sled::Tree, wanted: &[(u32, Uuid)]) -> Result<EncodedCreators, StoreError> {
    let mut by_block: BTreeMap<u32, Vec<(Uuid, usize)>> = BTreeMap::new();
    for (position, (block, id)) in wanted.iter().enumerate() {
        by_block.entry(*block).or_default().push((*id, position));
    }
    let mut found = EncodedCreators::with_slots(wanted.len());
    for (block, mut ids) in by_block {
        ids.sort_unstable();
        let Some(bytes) = tree.get(key(block)).map_err(StoreError::from_sled)? else {
            continue;
        };
        for record in split(&bytes)?.iter() {
            let Some(id) = codec::id_of(record) else { continue };
            if let Ok(at) = ids.binary_search_by(|(wanted, _)| wanted.cmp(&id)) {
                found.set(ids[at].1, record);
            }
        }
    }
    Ok(found)
}

/// The last block and how many creators it holds, to append new ones to.
pub(crate) fn last(tree: &sled::Tree) -> Result<Option<(u32, usize)>, StoreError> {
    let Some((key, bytes)) = tree
        .scan_prefix(b"b")
        .next_back()
        .transpose()
        .map_err(StoreError::from_sled)?
    else {
        return Ok(None);
    };
    let block = block_number(&key).ok_or_else(|| bad("a block key is malformed".into()))?;
    Ok(Some((block, split(&bytes)?.len())))
}

/// A change to one creator in a block: the new encoding, or `None` to remove.
pub(crate) type Change = (Uuid, Option<Vec<u8>>);

/// Adds to `batch` the rewrite of `block` with `changes` applied: each
/// `(id, Some(record))` replaces or adds that creator, `(id, None)` removes it.
pub(crate) fn rewrite(
    tree: &sled::Tree,
    batch: &mut sled::Batch,
    block: u32,
    changes: &[Change],
) -> Result<(), StoreError> {
    rewrite_at(tree, batch, &key(block), changes)
}

/// `rewrite` of the block under any key (the figures beside a roster block).
pub(crate) fn rewrite_at(
    tree: &sled::Tree,
    batch: &mut sled::Batch,
    key: &[u8],
    changes: &[Change],
) -> Result<(), StoreError> {
    let current = match tree.get(key).map_err(StoreError::from_sled)? {
        Some(bytes) => Some(split(&bytes)?),
        None => None,
    };
    let mut records: Vec<&[u8]> = current.iter().flat_map(Records::iter).collect();
    for (id, change) in changes {
        let position = records.iter().position(|r| codec::id_of(r) == Some(*id));
        match (position, change) {
            (Some(at), Some(record)) => records[at] = record,
            (None, Some(record)) => records.push(record),
            (Some(at), None) => {
                records.remove(at);
            }
            (None, None) => {}
        }
    }
    if records.is_empty() {
        if current.is_some() {
            batch.remove(key);
        }
    } else {
        batch.insert(key, join(records.into_iter()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_of_the_wrong_layout_is_refused() {
        let bytes = join([b"abc".as_slice(), b"".as_slice()].into_iter());
        let records = split(&bytes).unwrap();
        assert_eq!(records.iter().collect::<Vec<_>>(), [b"abc".as_slice(), b""]);
        let mut other = bytes.clone();
        other[0] = 9;
        let err = split(&other).unwrap_err().to_string();
        assert!(err.contains("layout 9"), "{err}");
        assert!(split(&bytes[..bytes.len() - 1]).is_err());
    }
}
