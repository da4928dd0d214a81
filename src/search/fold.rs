//! Text folded for case- and accent-insensitive search, with the way back
//! to the original.
//!
//! Each character is decomposed (NFKD: "ﬁ" → "fi", a no-break space → a
//! space), case-folded by Unicode's full folding (`caseless`: "ß" → "ss",
//! "Σ"/"ς" → "σ", "İ" → "i̇") and stripped of combining marks ("Kābul" →
//! "kabul", "Über" → "uber"). ASCII takes a fast path and keeps its offsets;
//! every other character is recorded, so that a range of the folded text
//! maps back to the original even where folding changed the length.

use std::ops::Range;

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A non-ASCII character: where it lies in the folded and in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    folded: (usize, usize),
    original: (usize, usize),
}

/// A folded copy of a text and the map back to the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    text: String,
    /// The non-ASCII characters, in order (empty for ASCII text).
    spans: Vec<Span>,
}

/// Appends the folded form of `c` (not ASCII) to `out`.
fn fold_char(c: char, out: &mut String) {
    for d in std::iter::once(c).nfkd() {
        for f in std::iter::once(d).default_case_fold() {
            if !is_combining_mark(f) {
                out.push(f);
            }
        }
    }
}

/// The folded form of `text` (for queries: no map back is needed).
pub fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

impl Folded {
    pub fn new(original: &str) -> Folded {
        let mut text = String::with_capacity(original.len());
        let mut spans = Vec::new();
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // An ASCII run: lowercased in place, offsets unchanged.
            let run = bytes[i..].iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len() - i);
            if run > 0 {
                let start = text.len();
                text.push_str(&original[i..i + run]);
                text[start..].make_ascii_lowercase();
                i += run;
                continue;
            }
            let Some(c) = original[i..].chars().next() else { break };
            let start = text.len();
            fold_char(c, &mut text);
            spans.push(Span { folded: (start, text.len()), original: (i, i + c.len_utf8()) });
            i += c.len_utf8();
        }
        Folded { text, spans }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn as_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The original offset of folded offset `at`: a position inside the
    /// folding of one character goes to that character's start, or its end
    /// when `end` is set (so a range covers whole original characters).
    pub fn original_offset(&self, at: usize, end: bool) -> usize {
        // The last character starting at or before `at`.
        let k = self.spans.partition_point(|s| s.folded.0 <= at);
        let Some(s) = k.checked_sub(1).map(|k| self.spans[k]) else { return at };
        if at >= s.folded.1 {
            // In the ASCII run after it (or after marks that fold to nothing).
            s.original.1 + (at - s.folded.1)
        } else if at == s.folded.0 || !end {
            s.original.0
        } else {
            s.original.1
        }
    }

    /// The folded offset of original offset `at` (a character boundary):
    /// the inverse of [`Folded::original_offset`].
    pub fn folded_offset(&self, at: usize) -> usize {
        // The last non-ASCII character starting before `at`.
        let k = self.spans.partition_point(|s| s.original.0 < at);
        match k.checked_sub(1).map(|k| self.spans[k]) {
            None => at,
            Some(s) if at >= s.original.1 => s.folded.1 + (at - s.original.1),
            Some(s) => s.folded.0,
        }
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.spans.capacity() * std::mem::size_of::<Span>()
    }

    /// The range of the original text that folded range `r` comes from.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.original_offset(r.start, false);
        let end = self.original_offset(r.end, r.end > r.start).max(start);
        start..end
    }

    /// The original character indices of folded character indices (sorted,
    /// each once): for highlighting what a matcher found in the folded text.
    pub fn original_chars(&self, original: &str, folded_chars: &[usize]) -> Vec<usize> {
        let folded_at: Vec<usize> = self.text.char_indices().map(|(p, _)| p).collect();
        let original_at: Vec<usize> = original.char_indices().map(|(p, _)| p).collect();
        let mut out: Vec<usize> = folded_chars
            .iter()
            .filter_map(|&c| folded_at.get(c))
            .map(|&p| self.original_offset(p, false))
            .filter_map(|o| original_at.binary_search(&o).ok())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_diacritics_beyond_ascii() {
        assert_eq!(fold_str("Über Kābul"), "uber kabul");
        assert_eq!(fold_str("STRASSE Straße"), "strasse strasse");
        assert_eq!(fold_str("İstanbul ΣΊΣΥΦΟΣ"), "istanbul σισυφοσ");
        assert_eq!(fold_str("ﬁne\u{a0}café"), "fine cafe");
        assert_eq!(Folded::new("Déjà Vu").text(), "deja vu");
    }

    #[test]
    fn ranges_map_back_to_whole_original_characters() {
        let original = "Die Straße in İstanbul, Kābul";
        let f = Folded::new(original);
        for (needle, want) in
            [("strasse", "Straße"), ("istanbul", "İstanbul"), ("kabul", "Kābul"), ("ss", "ß")]
        {
            let at = f.text().find(needle).unwrap();
            let r = f.original_range(at..at + needle.len());
            assert_eq!(&original[r], want, "{needle}");
        }
        // Half of "ss" is still the whole "ß".
        let at = f.text().find("ss").unwrap();
        assert_eq!(&original[f.original_range(at..at + 1)], "ß");
        assert_eq!(&original[f.original_range(at + 1..at + 2)], "ß");
        assert_eq!(f.original_offset(f.text().len(), true), original.len());
        for (o, _) in original.char_indices() {
            assert_eq!(f.original_offset(f.folded_offset(o), false), o, "{o}");
        }
        assert_eq!(f.folded_offset(original.len()), f.text().len());
        // A combining mark written apart folds to nothing and stays with its letter.
        let original = "Cafe\u{301} noir";
        let f = Folded::new(original);
        assert_eq!(f.text(), "cafe noir");
        assert_eq!(&original[f.original_range(0..4)], "Cafe\u{301}");
        assert_eq!(&original[f.original_range(5..9)], "noir");
    }

    #[test]
    fn ascii_keeps_its_offsets_and_needs_no_map() {
        let f = Folded::new("Kabul Talks");
        assert_eq!(f.text(), "kabul talks");
        assert!(f.spans.is_empty());
        assert_eq!(f.original_range(6..11), 6..11);
    }

    #[test]
    fn highlight_positions_map_to_original_characters() {
        let original = "Straße Über";
        let f = Folded::new(original);
        // folded "strasse uber": s t r a s s e ␠ u b e r
        assert_eq!(f.original_chars(original, &[4, 5, 8]), vec![4, 7]);
    }
}
