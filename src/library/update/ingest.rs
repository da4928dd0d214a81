//! Reading one corpus file into indexable articles, exactly as
//! [`crate::corpus::Corpus::load_with`] reads it, with each article's
//! entities extracted. A JSONL file in plain UTF-8 is read line by line
//! from any offset, so an appended file (or one whose indexing was
//! interrupted) is read only from where the index stopped.

use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;

use crate::corpus::formats::{Format, read_jsonl_line};
use crate::corpus::{self, Article, LoadNote, Origin, Severity, display_path};
use crate::entities::extract;

/// An article ready to be written: where it is in its file, and its
/// entities (as the extractor found them, before corrections).
pub struct Ingested {
    pub article: Article,
    /// For a JSONL file read line by line: the byte range of its line.
    pub range: Option<Range<usize>>,
    pub entities: Vec<u8>,
    /// Its near-duplicate signature ([`crate::dedup::Signature`]), if long enough.
    pub near: Option<Vec<u8>>,
    /// Where its sentences start ([`crate::entities::sentences::Sentences::triggers`]).
    pub sentences: Vec<u8>,
}

fn ingest(article: Article, range: Option<Range<usize>>) -> Ingested {
    use super::super::codec;
    let entities = codec::encode(&extract(&article));
    let near = crate::dedup::Signature::of_article(&article).map(|s| s.to_bytes());
    let sentences =
        codec::encode_positions(crate::entities::sentences::Sentences::new(&article.body).triggers());
    Ingested { article, range, entities, near, sentences }
}

/// Can this JSONL file be read line by line (byte offsets in the file are
/// offsets in its text)? Plain UTF-8: no byte-order mark, no NUL, valid.
pub fn line_mode(bytes: &[u8], cut: bool) -> bool {
    !cut && !bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && memchr::memchr(0, bytes).is_none()
        && std::str::from_utf8(bytes).is_ok()
}

/// A whole file (any format), read as the corpus loader reads it.
pub fn whole_file(
    path: &Path,
    bytes: Vec<u8>,
    cut: bool,
    format: Format,
    section: Option<String>,
) -> (Vec<Ingested>, Vec<LoadNote>) {
    let (articles, notes) = corpus::load_read_file(path, bytes, cut, format, section);
    let ingested = articles.into_par_iter().map(|a| ingest(a, None)).collect();
    (ingested, notes)
}

/// The lines of `bytes` from `start` (a line start): (1-based number,
/// byte range without the line break), numbered from `first_line`.
pub fn lines_from(bytes: &[u8], start: usize, first_line: usize) -> Vec<(usize, Range<usize>)> {
    let mut lines = Vec::new();
    let mut at = start.min(bytes.len());
    let mut n = first_line;
    while at < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let text_end = if end > at && bytes[end - 1] == b'\r' && end < bytes.len() { end - 1 } else { end };
        lines.push((n, at..text_end));
        n += 1;
        at = end + 1;
    }
    lines
}

/// The end of the line range `r` in the file, past its line break.
pub fn line_end(bytes: &[u8], r: &Range<usize>) -> usize {
    match memchr::memchr(b'\n', &bytes[r.end.min(bytes.len())..]) {
        Some(i) => r.end + i + 1,
        None => bytes.len(),
    }
}

/// Some lines of a JSONL file read line by line (see [`line_mode`]).
pub fn jsonl_lines(
    path: &Path,
    text: &str,
    lines: &[(usize, Range<usize>)],
    section: &Option<String>,
) -> (Vec<Ingested>, Vec<LoadNote>) {
    let shown = display_path(path);
    let results: Vec<Result<Option<Ingested>, String>> = lines
        .par_iter()
        .map(|(n, r)| {
            let line = text.get(r.clone()).unwrap_or("");
            read_jsonl_line(*n, line).map(|raw| {
                raw.and_then(|raw| {
                    let origin = Origin { path: shown.clone(), line: raw.line };
                    Article::build(raw, origin, section.clone())
                })
                .map(|a| ingest(a, Some(r.clone())))
            })
        })
        .collect();
    let mut ingested = Vec::with_capacity(results.len());
    let mut notes = Vec::new();
    for r in results {
        match r {
            Ok(Some(a)) => ingested.push(a),
            Ok(None) => {}
            Err(message) => {
                notes.push(LoadNote { path: shown.clone(), severity: Severity::Skipped, message })
            }
        }
    }
    (ingested, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_like_str_lines() {
        for text in ["a\nb\n", "a\r\nb", "\n\nx\n", "", "one", "a\rb\r"] {
            let got: Vec<&str> =
                lines_from(text.as_bytes(), 0, 1).iter().map(|(_, r)| &text[r.clone()]).collect();
            assert_eq!(got, text.lines().collect::<Vec<_>>(), "{text:?}");
        }
        let text = "a\nbb\ncc";
        let lines = lines_from(text.as_bytes(), 2, 2);
        assert_eq!(lines, vec![(2, 2..4), (3, 5..7)]);
        assert_eq!(line_end(text.as_bytes(), &lines[0].1), 5);
    }
}
