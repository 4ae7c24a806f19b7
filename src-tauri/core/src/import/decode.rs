//! Which text encoding a file is in, decided from its first bytes, and a
//! reader that decodes the whole file as a stream.
//!
//! Excel writes "Unicode text" as UTF-16 with a byte-order mark, older tools
//! write Windows-1252, and most write UTF-8 with or without a BOM. A BOM
//! decides; without one, valid UTF-8 is UTF-8, and otherwise chardetng
//! guesses among the legacy encodings.

use std::io::Read;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use encoding_rs_io::{DecodeReaderBytes, DecodeReaderBytesBuilder};

/// How a file's bytes become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextEncoding {
    pub encoding: &'static Encoding,
    /// The file starts with a byte-order mark.
    pub bom: bool,
}

impl TextEncoding {
    /// "UTF-8", "UTF-16LE", "windows-1252", ... with "(with BOM)" when there is one.
    pub fn describe(&self) -> String {
        if self.bom {
            format!("{} (with BOM)", self.encoding.name())
        } else {
            self.encoding.name().to_string()
        }
    }
}

/// Why the bytes cannot be a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// Decides the encoding from `sample`, the first bytes of the file;
/// `complete` says whether the sample is the whole file.
pub fn detect(sample: &[u8], complete: bool) -> Result<TextEncoding, NotText> {
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        return Ok(TextEncoding { encoding, bom: true });
    }
    if sample.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return Ok(TextEncoding { encoding, bom: false });
    }
    // NUL bytes do not occur in text in any single-byte or UTF-8 encoding.
    if sample.contains(&0) {
        return Err(NotText::Binary);
    }
    if is_utf8(sample, complete) {
        return Ok(TextEncoding {
            encoding: UTF_8,
            bom: false,
        });
    }
    // ISO-2022-JP is 7-bit and would pass for ASCII; not in spreadsheets people have.
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, complete);
    Ok(TextEncoding {
        encoding: detector.guess(None, Utf8Detection::Allow),
        bom: false,
    })
}

/// Valid UTF-8, allowing the sample to end in the middle of a character.
fn is_utf8(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    }
}

/// UTF-16 text without a BOM is mostly ASCII with a zero byte beside each
/// character: on the odd bytes for little endian, the even ones for big.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Decodes the sample for sniffing (without its BOM).
pub fn decode_sample(sample: &[u8], encoding: TextEncoding) -> String {
    let body = if encoding.bom {
        let (_, bom_len) = Encoding::for_bom(sample).unwrap_or((encoding.encoding, 0));
        &sample[bom_len..]
    } else {
        sample
    };
    encoding.encoding.decode_without_bom_handling(body).0.into_owned()
}

/// The whole file as UTF-8 with `\n` line ends, decoded as it is read:
/// files of any size stream.
pub fn decoding_reader<R: Read>(inner: R, encoding: TextEncoding) -> UnixNewlines<DecodeReaderBytes<R, Vec<u8>>> {
    UnixNewlines {
        inner: DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding.encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(inner),
        pending_cr: false,
        ends_in_newline: true,
        finished: false,
    }
}

/// Turns `\r\n` and lone `\r` into `\n`, and ends the text with one. With
/// that, the line a record ends on is exact, and people get the right line
/// in "line 34: followers '-500' cannot be negative" (see `run::Rows`).
pub struct UnixNewlines<R> {
    inner: R,
    /// The previous chunk ended in `\r`: a `\n` starting this one belongs to it.
    pending_cr: bool,
    ends_in_newline: bool,
    finished: bool,
}

impl<R: Read> Read for UnixNewlines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                if self.finished || self.ends_in_newline || buf.is_empty() {
                    return Ok(0);
                }
                self.finished = true;
                buf[0] = b'\n';
                return Ok(1);
            }
            // Most files end lines with `\n` alone: nothing to rewrite.
            if !self.pending_cr && !buf[..n].contains(&b'\r') {
                self.ends_in_newline = buf[n - 1] == b'\n';
                return Ok(n);
            }
            let mut out = 0;
            for i in 0..n {
                let byte = buf[i];
                if std::mem::take(&mut self.pending_cr) && byte == b'\n' {
                    continue;
                }
                if byte == b'\r' {
                    self.pending_cr = true;
                    buf[out] = b'\n';
                } else {
                    buf[out] = byte;
                }
                out += 1;
            }
            // A chunk that was a lone `\n` after `\r` leaves nothing; read on.
            if out > 0 {
                self.ends_in_newline = buf[out - 1] == b'\n';
                return Ok(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1252;

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        out
    }

    #[test]
    fn boms_decide() {
        let utf8 = b"\xEF\xBB\xBFName,Followers\n";
        assert_eq!(
            detect(utf8, true),
            Ok(TextEncoding {
                encoding: UTF_8,
                bom: true
            })
        );
        let le = utf16le("Name\tFollowers\n", true);
        assert_eq!(
            detect(&le, true),
            Ok(TextEncoding {
                encoding: UTF_16LE,
                bom: true
            })
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("Name".encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(detect(&be, true).unwrap().encoding, UTF_16BE);
        assert_eq!(decode_sample(&le, detect(&le, true).unwrap()), "Name\tFollowers\n");
    }

    #[test]
    fn without_a_bom() {
        let plain = "Name;Land\nZoë Müller;Österreich\n";
        assert_eq!(detect(plain.as_bytes(), true).unwrap().encoding, UTF_8);

        let (legacy, _, _) = WINDOWS_1252.encode("Name;Pays\nChloé Martin;France\nRenée Côté;Québec, Canada\n");
        let found = detect(&legacy, true).unwrap();
        assert_eq!(found.encoding, WINDOWS_1252);
        assert!(decode_sample(&legacy, found).contains("Chloé"));

        let le = utf16le("Name,Followers\nMara,48200\n", false);
        assert_eq!(detect(&le, true).unwrap().encoding, UTF_16LE);
    }

    #[test]
    fn a_sample_cut_inside_a_character_is_still_utf8() {
        let text = "Name\nZoë".as_bytes();
        let cut = &text[..text.len() - 1];
        assert_eq!(detect(cut, false).unwrap().encoding, UTF_8);
    }

    #[test]
    fn empty_and_binary_files_are_not_text() {
        assert_eq!(detect(b"", true), Err(NotText::Empty));
        assert_eq!(detect(b" \r\n\n", true), Err(NotText::Empty));
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01", true),
            Err(NotText::Binary)
        );
    }

    #[test]
    fn line_ends_become_newlines_even_across_reads() {
        // A reader that hands out one byte at a time splits every \r\n.
        struct OneByte<'a>(&'a [u8]);
        impl Read for OneByte<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.split_first() {
                    Some((b, rest)) if !buf.is_empty() => {
                        buf[0] = *b;
                        self.0 = rest;
                        Ok(1)
                    }
                    _ => Ok(0),
                }
            }
        }
        let mut text = String::new();
        let mut reader = UnixNewlines {
            inner: OneByte(b"a\r\nb\rc\n\r\nd"),
            pending_cr: false,
            ends_in_newline: true,
            finished: false,
        };
        reader.read_to_string(&mut text).unwrap();
        assert_eq!(text, "a\nb\nc\n\nd\n", "and a final newline is added");
    }

    #[test]
    fn the_reader_streams_decoded_text() {
        let le = utf16le("Name,Followers\nZoë,12\n", true);
        let mut text = String::new();
        decoding_reader(&le[..], detect(&le, true).unwrap())
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "Name,Followers\nZoë,12\n", "no second final newline");
    }
}
