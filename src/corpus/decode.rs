//! Turning the bytes of a file into text, whatever they are: UTF-8, UTF-16
//! with a byte order mark, or a legacy encoding, declared by an HTML file
//! (`<meta charset>`) or detected (chardetng), decoded by encoding_rs as
//! browsers do (so "latin1" means windows-1252).

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How far into an HTML file a `<meta charset>` is looked for (as browsers do).
const PRESCAN_BYTES: usize = 1024;

/// What decoding had to do to the bytes, for the load report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeNote {
    /// Not UTF-8: read in a legacy encoding, declared by the file or
    /// detected from its bytes.
    Legacy { encoding: &'static str, declared: bool },
    /// Mostly UTF-8 with invalid sequences, which became U+FFFD.
    Lossy { invalid: usize },
    /// A UTF-16 file (it had a byte order mark).
    Utf16,
}

impl DecodeNote {
    /// Whether the text may have lost something (shown as U+FFFD), as
    /// opposed to a file read in its encoding.
    pub fn is_damage(&self) -> bool {
        matches!(self, DecodeNote::Lossy { .. })
    }
}

impl std::fmt::Display for DecodeNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeNote::Legacy { encoding, declared: true } => {
                write!(f, "not UTF-8; read as {encoding}, as the file declares")
            }
            DecodeNote::Legacy { encoding, declared: false } => {
                write!(f, "not valid UTF-8; read as {encoding} (detected)")
            }
            DecodeNote::Lossy { invalid } => {
                write!(
                    f,
                    "not valid UTF-8; {} shown as \u{FFFD}",
                    crate::text::count(*invalid, "invalid byte sequence")
                )
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
/// BOM, lossy UTF-8 when the bytes are mostly UTF-8, otherwise a legacy
/// encoding detected from the bytes. A file with NUL bytes that is not
/// UTF-16 is binary and refused.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<DecodeNote>), DecodeError> {
    decode_as(bytes, false)
}

/// [`decode`], honouring the charset an HTML file declares when `html`.
pub fn decode_as(bytes: &[u8], html: bool) -> Result<(String, Option<DecodeNote>), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return Ok((decode_utf16(rest, u16::from_le_bytes), Some(DecodeNote::Utf16)));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return Ok((decode_utf16(rest, u16::from_be_bytes), Some(DecodeNote::Utf16)));
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_owned(), None));
    }
    if let Some(encoding) = html.then(|| declared_charset(bytes)).flatten()
        && encoding != UTF_8
    {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let note = DecodeNote::Legacy { encoding: encoding.name(), declared: true };
        return Ok((text.into_owned(), Some(note)));
    }
    let lossy = String::from_utf8_lossy(bytes);
    if lossy.chars().any(|c| c != '\u{FFFD}' && !c.is_ascii()) {
        // Valid multi-byte sequences among the invalid ones: UTF-8 with
        // damage, not a legacy encoding.
        let invalid = lossy.matches('\u{FFFD}').count();
        return Ok((lossy.into_owned(), Some(DecodeNote::Lossy { invalid })));
    }
    let encoding = detect(bytes);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), Some(DecodeNote::Legacy { encoding: encoding.name(), declared: false })))
}

/// Below this many bytes outside ASCII, a guess between legacy encodings
/// has too little to go on ("£" alone looks as Polish as it looks English).
const FEW_NON_ASCII: usize = 16;

/// The legacy encoding of undeclared bytes: chardetng's guess, except that
/// with little evidence windows-1252 (the web's default for Latin text) is
/// kept whenever every byte means a character there (0x81, 0x8D, 0x8F,
/// 0x90 and 0x9D mean none).
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let non_ascii = bytes.iter().filter(|b| !b.is_ascii()).count();
    let fits_1252 = !bytes.iter().any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    if guess != WINDOWS_1252 && non_ascii < FEW_NON_ASCII && fits_1252 {
        return WINDOWS_1252;
    }
    guess
}

/// The encoding an HTML file declares in a `<meta charset=…>` or
/// `<meta http-equiv content="…; charset=…">` near its start, as browsers
/// read it (a declared UTF-16 means UTF-8; unknown labels are ignored).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let label_end = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'\t' | b'\n' | b'\r' | b'/'))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..label_end]) {
                    return Some(match encoding {
                        e if e == UTF_16LE || e == UTF_16BE => UTF_8,
                        e if e.name() == "x-user-defined" => WINDOWS_1252,
                        e => e,
                    });
                }
            }
        }
        from = end.max(start);
    }
    None
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
    fn windows_1252_is_detected_and_its_quotes_are_quotes() {
        let (s, note) = decode(b"The minister said \x93we will talk\x94 \x96 caf\xe9 and na\xefve.").unwrap();
        assert_eq!(s, "The minister said \u{201c}we will talk\u{201d} \u{2013} café and naïve.");
        assert_eq!(note, Some(DecodeNote::Legacy { encoding: "windows-1252", declared: false }));
        assert!(note.unwrap().to_string().contains("windows-1252"));
    }

    #[test]
    fn one_pound_sign_in_english_is_windows_1252() {
        let (s, note) = decode(b"a possible transfer fee for Mutu, a \xa315.8m signing").unwrap();
        assert!(s.contains("£15.8m"), "{s}");
        assert_eq!(note, Some(DecodeNote::Legacy { encoding: "windows-1252", declared: false }));
    }

    #[test]
    fn a_long_undeclared_russian_text_is_detected() {
        // "Москва — столица России. " in KOI8-R, many times.
        let koi: &[u8] = b"\xed\xcf\xd3\xcb\xd7\xc1 \xd3\xd4\xcf\xcc\xc9\xc3\xc1 \xf2\xcf\xd3\xd3\xc9\xc9. ";
        let (s, _) = decode(&koi.repeat(8)).unwrap();
        assert!(s.starts_with("Москва столица России."), "{s}");
    }

    #[test]
    fn a_meta_charset_is_honoured_and_latin1_means_windows_1252() {
        let html = b"<html><head><meta charset='ISO-8859-1'></head><body><p>\x93q\x94</p></body></html>";
        let (s, note) = decode_as(html, true).unwrap();
        assert!(s.contains("\u{201c}q\u{201d}"), "{s}");
        assert_eq!(note, Some(DecodeNote::Legacy { encoding: "windows-1252", declared: true }));
        let koi = b"<meta http-equiv=Content-Type content=\"text/html; charset=KOI8-R\"><p>\xed\xcf\xd3\xcb\xd7\xc1";
        assert!(decode_as(koi, true).unwrap().0.ends_with("Москва"));
        assert_eq!(declared_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(declared_charset(b"<meta charset=nonsense>"), None);
        assert_eq!(declared_charset(b"<p>charset=koi8-r</p>"), None);
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
