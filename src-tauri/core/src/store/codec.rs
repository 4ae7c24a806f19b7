//! How a record is laid out in sled: a two-byte schema version (little
//! endian) followed by the record as JSON.
//!
//! JSON rather than a compact binary format because migrations rewrite old
//! records as `serde_json::Value`s, without needing the old Rust types.

use serde::de::DeserializeOwned;
use serde::Serialize;

pub(crate) fn encode<T: Serialize>(version: u16, value: &T) -> Result<Vec<u8>, String> {
    let mut bytes = version.to_le_bytes().to_vec();
    serde_json::to_writer(&mut bytes, value).map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Splits a stored value into its schema version and its JSON body.
pub(crate) fn split(bytes: &[u8]) -> Result<(u16, &[u8]), String> {
    match bytes {
        [lo, hi, body @ ..] => Ok((u16::from_le_bytes([*lo, *hi]), body)),
        _ => Err(format!(
            "the record is {} bytes long, too short to hold a version",
            bytes.len()
        )),
    }
}

pub(crate) fn decode<T: DeserializeOwned>(expected_version: u16, bytes: &[u8]) -> Result<T, String> {
    let (version, body) = split(bytes)?;
    if version != expected_version {
        return Err(format!(
            "it is stored as version {version}, but this Partnerly reads version {expected_version}"
        ));
    }
    serde_json::from_slice(body).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks_the_version() {
        let bytes = encode(3, &vec!["a", "b"]).unwrap();
        assert_eq!(&bytes[..2], &[3, 0]);
        assert_eq!(decode::<Vec<String>>(3, &bytes).unwrap(), ["a", "b"]);
        let err = decode::<Vec<String>>(4, &bytes).unwrap_err();
        assert!(err.contains("version 3"), "{err}");
        assert!(split(&[1]).is_err());
    }
}
