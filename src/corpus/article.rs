//! An article: identity, metadata and classified paragraphs, all sanitized.

use std::ops::Range;

use super::formats::RawArticle;
use super::sanitize::{sanitize_inline, sanitize_label};
use super::structure::{ParaKind, classify};
use super::title;

/// A content-based article id: the first 12 hex digits of the XXH3 hash of
/// the whitespace-normalized text. Renaming or moving a file keeps its id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    pub fn of_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> ArticleId {
        // Whitespace runs (across parts too) count as one space.
        let mut buf = String::new();
        for part in parts {
            for_each_word(part, |word| {
                if !buf.is_empty() {
                    buf.push(' ');
                }
                buf.push_str(word);
            });
        }
        ArticleId(format!("{:016x}", xxhash_rust::xxh3::xxh3_64(buf.as_bytes()))[..12].to_string())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Calls `f` with every word of `s` (as `str::split_whitespace` splits),
/// without decoding characters when `s` is ASCII: the common case, and the
/// costliest part of loading a large corpus.
pub fn for_each_word<'a>(s: &'a str, f: impl FnMut(&'a str)) {
    // U+000B is Unicode whitespace but not ASCII whitespace to Rust.
    if s.is_ascii() && memchr::memchr(0x0B, s.as_bytes()).is_none() {
        s.split_ascii_whitespace().for_each(f);
    } else {
        s.split_whitespace().for_each(f);
    }
}

/// How many words `s` has (see [`for_each_word`]).
pub fn word_count(s: &str) -> usize {
    let mut n = 0;
    for_each_word(s, |_| n += 1);
    n
}

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One paragraph: a byte range of [`Article::body`] and what it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub kind: ParaKind,
}

/// Where an article came from, sanitized for display.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Origin {
    /// The file path (sanitized: file names are untrusted too).
    pub path: String,
    /// The line, for articles from a JSONL file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// An article ready to display: every string in it is sanitized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub origin: Origin,
    pub title: String,
    pub source: Option<String>,
    /// The place of the dateline ("Kabul, Afghanistan"), if the lede has one.
    pub dateline: Option<String>,
    /// The folder the file was found in, below the corpus root (e.g. a BBC category).
    pub section: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// The text: paragraphs separated by blank lines ("\n\n"); offsets of
    /// paragraphs, mentions and notes are byte offsets into it.
    pub body: String,
    pub paragraphs: Vec<Paragraph>,
    pub words: usize,
}

impl Article {
    /// The text of a paragraph.
    pub fn text(&self, p: &Paragraph) -> &str {
        self.body.get(p.range.clone()).unwrap_or("")
    }

    /// Paragraphs with their text.
    pub fn iter_paragraphs(&self) -> impl Iterator<Item = (&Paragraph, &str)> {
        self.paragraphs.iter().map(|p| (p, self.text(p)))
    }

    /// The instant [`Article::published`] names (Unix seconds, UTC), if it
    /// can be read (see [`super::dates`]).
    pub fn published_at(&self) -> Option<i64> {
        self.published.as_deref().and_then(super::dates::parse)
    }

    /// The source, or failing that the section, for list display.
    pub fn source_or_section(&self) -> Option<&str> {
        self.source.as_deref().or(self.section.as_deref())
    }

    /// One line about the article: source · dateline · published · words · origin.
    pub fn meta_line(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(s) = self.source_or_section() {
            parts.push(s.to_string());
        }
        if let Some(d) = &self.dateline {
            parts.push(d.clone());
        }
        if let Some(p) = &self.published {
            parts.push(p.clone());
        }
        parts.push(format!("{} words", self.words));
        parts.push(self.origin.to_string());
        parts.join(" · ")
    }

    /// Builds an article from what a format reader produced.
    pub fn build(raw: RawArticle, origin: Origin, section: Option<String>) -> Option<Article> {
        let id = ArticleId::of_text(
            raw.title.iter().map(String::as_str).chain(raw.blocks.iter().map(|b| b.text.as_str())),
        );
        let mut blocks = raw.blocks;
        for b in &mut blocks {
            if let std::borrow::Cow::Owned(clean) = sanitize_inline(&b.text) {
                b.text = clean;
            }
        }
        blocks.retain(|b| !b.text.trim().is_empty());
        let stated_title = raw.title.map(|t| sanitize_label(&t)).filter(|t| !t.is_empty());
        if blocks.is_empty() && stated_title.is_none() {
            return None;
        }

        let mut front = title::Front::default();
        if let Some(t) = stated_title {
            front.title = t;
        } else if raw.headline_allowed
            && blocks.len() > 1
            && title::is_headline(&blocks[0].text, blocks[0].alone)
        {
            front = title::clean_headline(&blocks[0].text);
            blocks.remove(0);
        }
        let mut dated = None;
        // The lede still gives a dateline (and a source label) when the title came from elsewhere.
        if let Some(lede) = blocks.iter().find(|b| !b.heading && !title::is_headline(&b.text, false)) {
            // The first sentence is all a title needs; a huge paragraph costs no more.
            let mut cut = lede.text.len().min(600);
            while !lede.text.is_char_boundary(cut) {
                cut -= 1;
            }
            let mut head = std::borrow::Cow::Borrowed(&lede.text[..cut]);
            // A date in the dateline ("KABUL, March 7, 2025 — ") is the
            // publication date when the format gives none.
            if raw.published.is_none()
                && let Some((date, rest)) = super::dates::split_dateline_date(&head)
            {
                dated = Some(date);
                head = std::borrow::Cow::Owned(rest);
            }
            let head = head.as_ref();
            if front.title.is_empty() {
                let from_lede = title::from_lede(head);
                front.title = from_lede.title;
                front.source = front.source.or(from_lede.source);
                front.dateline = from_lede.dateline;
            } else {
                let (label, rest) = title::split_source_label(head);
                let (dateline, outlet, _) = title::split_dateline(rest);
                front.source = front.source.or(label.or(outlet).map(str::to_string));
                front.dateline = dateline;
            }
        }
        if front.title.is_empty() {
            front.title = blocks.first().map(|b| title::shorten(&b.text)).unwrap_or_default();
        }
        if front.title.is_empty() {
            front.title = "(untitled)".to_string();
        }

        let kinds = classify(&blocks);
        let mut body = String::with_capacity(blocks.iter().map(|b| b.text.len() + 2).sum());
        let mut paragraphs = Vec::with_capacity(blocks.len());
        let mut words = 0;
        for (b, kind) in blocks.iter().zip(kinds) {
            if !body.is_empty() {
                body.push_str("\n\n");
            }
            let start = body.len();
            body.push_str(&b.text);
            words += word_count(&b.text);
            paragraphs.push(Paragraph { range: start..body.len(), kind });
        }
        let label = |s: Option<String>| s.map(|s| sanitize_label(&s)).filter(|s| !s.is_empty());
        Some(Article {
            id,
            origin,
            title: front.title,
            source: label(raw.source.or(front.source)),
            dateline: label(front.dateline),
            section: label(section),
            url: label(raw.url),
            published: label(raw.published.or(dated)),
            body,
            paragraphs,
            words,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_split_whitespace() {
        for s in [
            "",
            "  one  two\tthree\nfour\r\n",
            "vertical\u{0B}tab",
            "no\u{A0}break and\u{2003}em\u{3000}ideographic",
            "Kābul  Zürich\u{85}next",
        ] {
            let mut ours = Vec::new();
            for_each_word(s, |w| ours.push(w));
            assert_eq!(ours, s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
            assert_eq!(word_count(s), ours.len());
        }
    }

    #[test]
    fn a_dated_dateline_gives_the_date_and_keeps_the_place() {
        let raw = super::super::formats::read_text(
            "Talks resume\n\nKABUL, Afghanistan, March 7, 2025 — The talks resumed on Friday after a \
             pause, officials said.\n\nMore text.\n",
        );
        let origin = Origin { path: "a.txt".into(), line: None };
        let a = Article::build(raw, origin, None).unwrap();
        assert_eq!(a.published.as_deref(), Some("March 7, 2025"));
        assert_eq!(a.dateline.as_deref(), Some("Kabul, Afghanistan"));
        assert_eq!(a.published_at(), super::super::dates::parse("2025-03-07"));
        assert_eq!(a.title, "Talks resume");
    }

    #[test]
    fn ids_ignore_whitespace_runs_only() {
        let a = ArticleId::of_text(["Title", "one  two\tthree"]);
        assert_eq!(a, ArticleId::of_text(["Title ", " one two three"]));
        assert_eq!(a, ArticleId::of_text(["Title\u{0B}one two three"]));
        assert_ne!(a, ArticleId::of_text(["Title", "one two three four"]));
        assert_eq!(a.as_str().len(), 12);
    }
}
