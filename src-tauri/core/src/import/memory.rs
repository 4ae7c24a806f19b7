//! Column mappings people chose, remembered per header: the next file with
//! the same columns (next month's export from the same tool) maps itself.

use serde::{Deserialize, Serialize};

use super::columns::{normalise_header, Field};
use crate::store::{Record, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedMapping {
    /// The header, normalised and joined: the identity of a file layout.
    pub key: String,
    pub mapping: Vec<Option<Field>>,
}

impl Record for SavedMapping {
    const TREE: &'static str = "import_mappings";
    const KIND: &'static str = "saved column mapping";
    const VERSION: u16 = 1;
    fn key(&self) -> Vec<u8> {
        self.key.as_bytes().to_vec()
    }
}

fn key_of(header: &[String]) -> String {
    header
        .iter()
        .map(|h| normalise_header(h))
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// The mapping last used for files with this header, if any.
pub fn recall(store: &Store, header: &[String]) -> Result<Option<Vec<Option<Field>>>, StoreError> {
    Ok(store
        .get::<SavedMapping>(key_of(header).as_bytes())?
        .map(|saved| saved.mapping)
        .filter(|mapping| mapping.len() == header.len()))
}

pub fn remember(store: &Store, header: &[String], mapping: &[Option<Field>]) -> Result<(), StoreError> {
    store.put(&SavedMapping {
        key: key_of(header),
        mapping: mapping.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_is_recalled_for_the_same_columns_however_they_are_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let header = vec!["Who".to_string(), "IG".to_string()];
        assert_eq!(recall(&store, &header).unwrap(), None);
        let mapping = vec![
            Some(Field::Name),
            Some(Field::PlatformHandle(crate::roster::Platform::Instagram)),
        ];
        remember(&store, &header, &mapping).unwrap();
        let respelled = vec!["WHO ".to_string(), "ig".to_string()];
        assert_eq!(recall(&store, &respelled).unwrap(), Some(mapping));
        assert_eq!(recall(&store, &["Who".to_string()]).unwrap(), None);
    }
}
