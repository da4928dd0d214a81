//! What the finder searches, per article: "title  source  dateline", kept
//! compactly (one buffer for every text, offsets beside it) so that a
//! million titles fit in about 100 MB and build in a fraction of a second.
//!
//! Case-insensitive search of an ASCII text needs no copy: the matcher
//! ignores ASCII case itself. Only texts with other characters keep a folded
//! copy ([`super::fold`]: "Kābul" → "kabul", "Straße" → "strasse") with the
//! map back to the original characters.

use rayon::prelude::*;

use super::fold::Folded;
use crate::corpus::Article;

/// The folded copy of a text that is not ASCII.
#[derive(Debug, Clone)]
struct FoldedText {
    folded: Folded,
    /// Where the title ends in the folded text (bytes).
    title_end: u32,
}

/// One text as a matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct Hay<'a> {
    /// The text searched: the original, or its folded copy.
    pub text: &'a str,
    /// The title's part of `text` (bytes).
    pub title_end: usize,
    /// ASCII letters are compared without case (a case-insensitive word
    /// searched in an ASCII text, which has no folded copy).
    pub ascii_ci: bool,
}

/// What the finder matches against, per article.
#[derive(Debug, Clone, Default)]
pub struct TitleIndex {
    /// Every text, one after the other.
    buffer: String,
    /// The end of each text in `buffer` (its start is the previous end).
    ends: Vec<u32>,
    /// Bytes of the title at the start of each text.
    title_bytes: Vec<u32>,
    /// Characters of the title at the start of each text.
    title_chars: Vec<u32>,
    /// The folded copy of each text that is not ASCII.
    folded: Vec<Option<Box<FoldedText>>>,
}

/// A text longer than this is cut (at a character boundary) in the index.
const MAX_TEXT: usize = 4096;

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl TitleIndex {
    pub fn new(articles: &[Article]) -> TitleIndex {
        let mut index = TitleIndex::with_capacity(articles.len());
        for a in articles {
            index.push(&a.title, a.source.as_deref(), a.dateline.as_deref());
        }
        index.finish()
    }

    /// From each article's (title, source, dateline): what the library's
    /// catalog holds, without the bodies.
    pub fn from_rows(rows: Vec<(&str, Option<&str>, Option<&str>)>) -> TitleIndex {
        let mut index = TitleIndex::with_capacity(rows.len());
        for (title, source, dateline) in rows {
            index.push(title, source, dateline);
        }
        index.finish()
    }

    /// From plain strings (benchmarks, tests).
    pub fn from_titles(titles: Vec<String>) -> TitleIndex {
        let mut index = TitleIndex::with_capacity(titles.len());
        for t in &titles {
            index.push(t, None, None);
        }
        index.finish()
    }

    /// An empty index with room for `n` texts; [`TitleIndex::push`] them,
    /// then [`TitleIndex::finish`] (which folds the texts that need it).
    pub fn with_capacity(n: usize) -> TitleIndex {
        TitleIndex {
            buffer: String::with_capacity(n * 64),
            ends: Vec::with_capacity(n),
            title_bytes: Vec::with_capacity(n),
            title_chars: Vec::with_capacity(n),
            folded: Vec::with_capacity(n),
        }
    }

    /// Adds one article's text: "title  source  dateline".
    pub fn push(&mut self, title: &str, source: Option<&str>, dateline: Option<&str>) {
        let title = cut(title, MAX_TEXT);
        let start = self.buffer.len();
        // The buffer's offsets are 32-bit: past 4 GB of titles, texts are empty.
        let room = (u32::MAX as usize).saturating_sub(start);
        let title = cut(title, room);
        self.buffer.push_str(title);
        for extra in [source, dateline].into_iter().flatten() {
            let room = MAX_TEXT.min((u32::MAX as usize).saturating_sub(self.buffer.len()));
            if extra.is_empty() || self.buffer.len() - start + 2 + extra.len() > room {
                continue;
            }
            self.buffer.push_str("  ");
            self.buffer.push_str(extra);
        }
        self.ends.push(self.buffer.len() as u32);
        self.title_bytes.push(title.len() as u32);
        self.title_chars.push(if title.is_ascii() { title.len() } else { title.chars().count() } as u32);
        self.folded.push(None);
    }

    /// Folds the texts that are not ASCII (in parallel); returns the index.
    pub fn finish(mut self) -> TitleIndex {
        let (buffer, ends, title_bytes) = (&self.buffer, &self.ends, &self.title_bytes);
        self.folded.par_iter_mut().enumerate().for_each(|(i, slot)| {
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            let text = &buffer[start..ends[i] as usize];
            if slot.is_none() && !text.is_ascii() {
                let folded = Folded::new(text);
                let title_end = folded.folded_offset(title_bytes[i] as usize) as u32;
                *slot = Some(Box::new(FoldedText { folded, title_end }));
            }
        });
        self.buffer.shrink_to_fit();
        self
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of article `index` ("" past the end).
    pub fn text(&self, index: usize) -> &str {
        let Some(&end) = self.ends.get(index) else { return "" };
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.buffer[start as usize..end as usize]
    }

    /// Characters of the title of article `index`.
    pub fn title_chars(&self, index: usize) -> usize {
        self.title_chars.get(index).map_or(0, |&c| c as usize)
    }

    /// The text as searched: the original when `case_sensitive`, else the
    /// folded copy (or the ASCII original, compared without case).
    pub fn hay(&self, index: usize, case_sensitive: bool) -> Hay<'_> {
        let text = self.text(index);
        let title_end = self.title_bytes.get(index).map_or(0, |&b| b as usize);
        match self.folded.get(index).and_then(Option::as_deref) {
            Some(f) if !case_sensitive => {
                Hay { text: f.folded.text(), title_end: f.title_end as usize, ascii_ci: false }
            }
            _ => Hay { text, title_end, ascii_ci: !case_sensitive },
        }
    }

    /// The folded copy of a text that is not ASCII (None for ASCII texts).
    pub fn folded(&self, index: usize) -> Option<&Folded> {
        self.folded.get(index).and_then(Option::as_deref).map(|f| &f.folded)
    }

    /// Bytes this index holds on the heap (for measuring it).
    pub fn heap_bytes(&self) -> usize {
        let folded: usize = self
            .folded
            .iter()
            .flatten()
            .map(|f| std::mem::size_of::<FoldedText>() + f.folded.heap_bytes())
            .sum();
        self.buffer.capacity()
            + 4 * (self.ends.capacity() + self.title_bytes.capacity() + self.title_chars.capacity())
            + std::mem::size_of::<Option<Box<FoldedText>>>() * self.folded.capacity()
            + folded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_join_title_source_and_dateline() {
        let index = TitleIndex::from_rows(vec![
            ("Kabul talks", Some("Tolo News"), Some("KABUL")),
            ("Die Straße", None, Some("Berlin")),
            ("", Some(""), None),
        ]);
        assert_eq!(index.len(), 3);
        assert_eq!(index.text(0), "Kabul talks  Tolo News  KABUL");
        assert_eq!(index.text(1), "Die Straße  Berlin");
        assert_eq!(index.text(2), "");
        assert_eq!(index.text(3), "");
        assert_eq!(index.title_chars(1), 10);
        let h = index.hay(0, false);
        assert!(h.ascii_ci && h.text == index.text(0) && h.title_end == 11);
        let h = index.hay(1, false);
        assert_eq!((h.text, h.title_end, h.ascii_ci), ("die strasse  berlin", 11, false));
        let h = index.hay(1, true);
        assert_eq!((h.text, h.title_end, h.ascii_ci), ("Die Straße  Berlin", 11, false));
        assert!(index.folded(0).is_none() && index.folded(1).is_some());
    }

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let long = "é".repeat(5000);
        let index = TitleIndex::from_titles(vec![long, "b".into()]);
        assert!(index.text(0).len() <= MAX_TEXT);
        assert_eq!(index.text(1), "b");
        assert_eq!(index.title_chars(0), index.text(0).chars().count());
    }
}
