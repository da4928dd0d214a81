//! Search queries over text: words and "quoted phrases", matched at word
//! starts, case-insensitive unless the query has a capital (smart case).
//!
//! Case-insensitive search is also accent-insensitive: the text and the
//! query are compared folded ([`super::fold`]: "kabul" finds "Kābul",
//! "strasse" finds "Straße"), and hits found in the folded text are mapped
//! back to ranges of the original, as displayed.

use std::ops::Range;

use memchr::memmem;

use super::fold::{Folded, fold_str};

/// A parsed text query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Words and phrases, as typed (phrases without their quotes).
    pub parts: Vec<String>,
    /// True when the query has a capital letter.
    pub case_sensitive: bool,
}

impl Query {
    /// Parses `taliban "border crossing" kabul`. An unclosed quote runs to
    /// the end of the query.
    pub fn parse(input: &str) -> Query {
        let input = super::bounded(input).0;
        let mut parts = Vec::new();
        let mut rest = input.trim();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('"') {
                let (phrase, tail) = match after.find('"') {
                    Some(end) => (&after[..end], &after[end + 1..]),
                    None => (after, ""),
                };
                let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
                if !phrase.is_empty() {
                    parts.push(phrase);
                }
                rest = tail.trim_start();
            } else {
                let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
                parts.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
        }
        let case_sensitive = input.chars().any(char::is_uppercase);
        Query { parts, case_sensitive }
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The parts as they are searched (folded unless case-sensitive).
    pub fn needles(&self) -> Vec<Vec<u8>> {
        self.parts
            .iter()
            .map(|p| if self.case_sensitive { p.as_bytes().to_vec() } else { fold_str(p).into_bytes() })
            .filter(|n| !n.is_empty())
            .collect()
    }
}

/// The folded copy of a text that case-insensitive queries search.
pub fn fold(text: &str) -> Folded {
    Folded::new(text)
}

/// Is `at` the start of a word in `hay` (the byte before is not a letter or digit)?
pub(crate) fn at_word_start(hay: &[u8], at: usize) -> bool {
    if at == 0 {
        return true;
    }
    let before = hay[at - 1];
    if before < 0x80 {
        return !before.is_ascii_alphanumeric();
    }
    // A non-ASCII character: decode it (curly quotes and dashes are not letters).
    let start = (at.saturating_sub(4)..at).find(|&i| hay[i] & 0xC0 != 0x80).unwrap_or(at - 1);
    match std::str::from_utf8(&hay[start..at]).ok().and_then(|s| s.chars().next_back()) {
        Some(c) => !c.is_alphanumeric(),
        None => false,
    }
}

/// Every occurrence of `needle` at a word start in `hay`, as byte ranges.
pub fn occurrences(hay: &[u8], needle: &[u8]) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    memmem::find_iter(hay, needle)
        .filter(|&at| at_word_start(hay, at))
        .map(|at| at..at + needle.len())
        .collect()
}

/// How many times `needle` occurs at a word start in `hay` (stops counting at `cap`).
pub fn count(finder: &memmem::Finder, hay: &[u8], cap: usize) -> usize {
    finder.find_iter(hay).filter(|&at| at_word_start(hay, at)).take(cap).count()
}

/// The first occurrence of a needle at a word start.
pub fn first(finder: &memmem::Finder, hay: &[u8]) -> Option<usize> {
    finder.find_iter(hay).find(|&at| at_word_start(hay, at))
}

/// All hits of a query in one text (for search inside an article), sorted
/// and without overlaps, as byte ranges of `text` (whole characters, even
/// where folding changed the length: "ß" is one hit of "ss").
pub fn find_all(text: &str, query: &Query) -> Vec<Range<usize>> {
    let folded = (!query.case_sensitive).then(|| Folded::new(text));
    let hay = folded.as_ref().map_or(text.as_bytes(), Folded::as_bytes);
    let mut hits: Vec<Range<usize>> = query
        .needles()
        .iter()
        .flat_map(|n| occurrences(hay, n))
        .map(|r| match &folded {
            Some(f) => f.original_range(r),
            None => r,
        })
        .collect();
    hits.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(hits.len());
    for h in hits {
        if out.last().is_none_or(|last| h.start >= last.end) {
            out.push(h);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_words_and_phrases() {
        let q = Query::parse(r#"  taliban "border   crossing" kabul "open"#);
        assert_eq!(q.parts, vec!["taliban", "border crossing", "kabul", "open"]);
        assert!(!q.case_sensitive);
        assert!(Query::parse("Kabul").case_sensitive);
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn hits_at_word_starts_only_and_smart_case() {
        let text = "Talks in Istanbul; the “istanbul” talks. Pakistani and Pakistan's stall.";
        let q = Query::parse("istanbul");
        assert_eq!(find_all(text, &q).len(), 2);
        let q = Query::parse("Istanbul");
        assert_eq!(find_all(text, &q), vec![9..17]);
        // "stan" is inside words only: no hit.
        assert!(find_all(text, &Query::parse("stan")).is_empty());
        // prefixes match ("pakistan" in "Pakistani", "Pakistan's")
        assert_eq!(find_all(text, &Query::parse("pakistan")).len(), 2);
    }

    #[test]
    fn case_and_accents_fold_beyond_ascii_and_hits_are_original_ranges() {
        let text = "Über alles; über Kābul and KĀBUL, the Straße in İzmir.";
        let ranges = |q: &str| -> Vec<&str> {
            find_all(text, &Query::parse(q)).into_iter().map(|r| &text[r]).collect()
        };
        assert_eq!(ranges("über"), ["Über", "über"]);
        assert_eq!(ranges("uber"), ["Über", "über"]);
        assert_eq!(ranges("kabul"), ["Kābul", "KĀBUL"]);
        assert_eq!(ranges("strasse"), ["Straße"]);
        assert_eq!(ranges("izmir"), ["İzmir"]);
        assert_eq!(ranges("\"the straße\""), ["the Straße"]);
        // A capital keeps the search exact.
        assert_eq!(ranges("Kābul"), ["Kābul"]);
    }

    #[test]
    fn offsets_are_those_of_the_original_text() {
        let text = "Café ÉTÉ in Kābul, kābul";
        for r in find_all(text, &Query::parse("kābul")) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert_eq!(text[r].to_lowercase(), "kābul");
        }
    }
}
