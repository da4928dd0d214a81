//! Turning the bytes of a file into text, whatever they are.

/// What decoding had to do to the bytes, for the load report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeNote {
    /// Not UTF-8, and no UTF-8 sequence in it at all: read as Latin-1.
    Latin1,
    /// Mostly UTF-8 with invalid sequences, which became U+FFFD.
    Lossy { invalid: usize },
    /// A UTF-16 file (it had a byte order mark).
    Utf16,
}

impl std::fmt::Display for DecodeNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeNote::Latin1 => write!(f, "not valid UTF-8; read as Latin-1"),
            DecodeNote::Lossy { invalid } => {
                write!(f, "not valid UTF-8; {invalid} invalid byte sequence(s) shown as \u{FFFD}")
            }
            DecodeNote::Utf16 => write!(f, "UTF-16 text, converted"),
        }
    }
}

/// Why a file could not be read as text at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (it contains NUL bytes), skipped")]
    Binary,
}

/// Decodes file bytes into a `String`: UTF-8 (BOM stripped), UTF-16 with a
/// BOM, Latin-1 when the bytes hold no UTF-8 at all, otherwise lossy UTF-8.
/// A file with NUL bytes that is not UTF-16 is binary and refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<DecodeNote>), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((decode_utf16(rest, u16::from_le_bytes), Some(DecodeNote::Utf16)));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((decode_utf16(rest, u16::from_be_bytes), Some(DecodeNote::Utf16)));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if memchr_nul(bytes) {
        return Err(DecodeError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), None)),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let invalid = lossy.matches('\u{FFFD}').count();
            let multibyte = lossy.chars().any(|c| c != '\u{FFFD}' && !c.is_ascii());
            if multibyte {
                Ok((lossy.into_owned(), Some(DecodeNote::Lossy { invalid })))
            } else {
                // No valid multi-byte sequence anywhere: a legacy 8-bit file.
                // Latin-1 maps every byte to the code point of the same value,
                // so nothing is lost; C1 bytes become C1 controls, which the
                // sanitizer marks.
                Ok((bytes.iter().map(|&b| b as char).collect(), Some(DecodeNote::Latin1)))
            }
        }
    }
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

fn decode_utf16(bytes: &[u8], conv: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| conv([p[0], p[1]]));
    char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), ("hello".into(), None));
    }

    #[test]
    fn latin1_file() {
        let (s, note) = decode(b"caf\xe9 \x9b").unwrap();
        assert_eq!(s, "café \u{9b}");
        assert_eq!(note, Some(DecodeNote::Latin1));
    }

    #[test]
    fn mostly_utf8_is_lossy() {
        let (s, note) =
            decode("café \u{2013} ".as_bytes().iter().chain(b"\xff").copied().collect::<Vec<_>>().as_slice())
                .unwrap();
        assert!(s.ends_with('\u{FFFD}'));
        assert_eq!(note, Some(DecodeNote::Lossy { invalid: 1 }));
    }

    #[test]
    fn utf16_both_orders() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("hé".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("hé".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        assert_eq!(decode(&le).unwrap().0, "hé");
        assert_eq!(decode(&be).unwrap().0, "hé");
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(decode(b"ELF\0\0\x01"), Err(DecodeError::Binary));
    }
}
