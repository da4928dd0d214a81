//! The reader's layout: an article wrapped into display lines for a width.
//! Computed in `update` when the article, the width or folding changes, so
//! rendering only slices it.

use std::ops::Range;

use crate::corpus::{Article, ParaKind};

/// Widest the text column gets, for readability on wide terminals.
pub const MAX_TEXT_WIDTH: u16 = 96;

/// What a display line shows, so the theme can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Meta,
    Text,
    Heading,
    Boilerplate,
    /// "… N boilerplate paragraphs folded"
    Fold,
    Blank,
    /// A note's text shown under its passage (`para` indexes `Layout::notes`).
    Note,
    /// The article's URL (`Layout::url`), on one line under the meta line.
    Url,
}

/// One display line: a byte range of the title, the meta line or the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub role: Role,
    pub range: Range<usize>,
    /// The paragraph index for body lines; the folded count for `Fold`.
    pub para: usize,
}

impl Line {
    /// A line of the article's body (text, heading or boilerplate).
    pub fn is_body(&self) -> bool {
        matches!(self.role, Role::Text | Role::Heading | Role::Boilerplate)
    }
}

/// An article laid out for a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub article: usize,
    pub width: u16,
    pub folded: bool,
    pub meta: String,
    /// The article's URL as shown, control characters neutralized (empty: none).
    pub url: String,
    pub lines: Vec<Line>,
    /// Note texts shown inline, and what they were made from.
    pub notes: Vec<String>,
    pub notes_key: u64,
}

/// Wraps text to a display width; the byte range of each line.
pub fn wrap_ranges(text: &str, width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    if text.is_empty() {
        return std::iter::once(0..0).collect();
    }
    let options = textwrap::Options::new(width).break_words(true);
    let mut ranges = Vec::new();
    let mut pos = 0;
    for line in textwrap::wrap(text, &options) {
        let l: &str = &line;
        if let Some(found) = text.get(pos..).and_then(|rest| rest.find(l)) {
            let start = pos + found;
            ranges.push(start..start + l.len());
            pos = start + l.len();
        }
    }
    if ranges.is_empty() {
        ranges.extend(std::iter::once(0..text.len()));
    }
    ranges
}

impl Layout {
    /// `inline`: note texts to show after the paragraph holding each body offset.
    pub fn new(
        index: usize,
        article: &Article,
        width: u16,
        folded: bool,
        inline: &[(usize, String)],
    ) -> Layout {
        let width = width.max(1);
        let meta = article.meta_line();
        let mut lines = Vec::new();
        for r in wrap_ranges(&article.title, width) {
            lines.push(Line { role: Role::Title, range: r, para: 0 });
        }
        for r in wrap_ranges(&meta, width) {
            lines.push(Line { role: Role::Meta, range: r, para: 0 });
        }
        // Shown wrapped, as the meta line; copied whole from the article (`copy_url`).
        let url = article.url.as_deref().map(clean_url).filter(|u| !u.is_empty()).map(|u| format!("↗ {u}"));
        let url = url.unwrap_or_default();
        if !url.is_empty() {
            for r in wrap_ranges(&url, width) {
                lines.push(Line { role: Role::Url, range: r, para: 0 });
            }
        }
        let mut notes: Vec<String> = Vec::new();
        let mut i = 0;
        let paras = &article.paragraphs;
        while i < paras.len() {
            lines.push(Line { role: Role::Blank, range: 0..0, para: i });
            let p = &paras[i];
            if folded && p.kind == ParaKind::Boilerplate {
                let run = paras[i..].iter().take_while(|q| q.kind == ParaKind::Boilerplate).count();
                lines.push(Line { role: Role::Fold, range: 0..0, para: run });
                i += run;
                continue;
            }
            let role = match p.kind {
                ParaKind::Text => Role::Text,
                ParaKind::Heading => Role::Heading,
                ParaKind::Boilerplate => Role::Boilerplate,
            };
            let text = article.text(p);
            for r in wrap_ranges(text, width) {
                lines.push(Line { role, range: p.range.start + r.start..p.range.start + r.end, para: i });
            }
            for (at, note) in inline {
                if p.range.start <= *at && *at <= p.range.end {
                    let k = notes.len();
                    // A note keeps its own line breaks: each of its lines wraps on its own.
                    let shown = format!("✎ {note}");
                    let mut from = 0;
                    for line in shown.split('\n') {
                        for r in wrap_ranges(line, width.saturating_sub(2).max(1)) {
                            lines.push(Line {
                                role: Role::Note,
                                range: from + r.start..from + r.end,
                                para: k,
                            });
                        }
                        from += line.len() + 1;
                    }
                    notes.push(shown);
                }
            }
            i += 1;
        }
        Layout { article: index, width, folded, meta, url, lines, notes, notes_key: 0 }
    }

    /// The display line showing a body offset (the nearest line before it
    /// when the offset is folded away), if any.
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        let mut best = None;
        for (i, l) in self.lines.iter().enumerate() {
            if l.is_body() {
                if l.range.start <= offset {
                    best = Some(i);
                }
                if offset < l.range.end {
                    break;
                }
            }
        }
        best
    }

    /// The text of a display line.
    pub fn text<'a>(&'a self, article: &'a Article, line: &Line) -> &'a str {
        let src: &str = match line.role {
            Role::Title => &article.title,
            Role::Meta => &self.meta,
            Role::Url => &self.url,
            Role::Text | Role::Heading | Role::Boilerplate => &article.body,
            Role::Note => {
                return self.notes.get(line.para).and_then(|n| n.get(line.range.clone())).unwrap_or("");
            }
            Role::Fold | Role::Blank => "",
        };
        src.get(line.range.clone()).unwrap_or("")
    }
}

/// An article's URL as shown and copied: untrusted text, so one line with
/// no control characters (an escape in it would reach the terminal), and
/// no spaces around it.
pub fn clean_url(url: &str) -> String {
    crate::corpus::sanitize::sanitize_label(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_byte_ranges() {
        let text = "The quick brown fox jumps over the lazy dog";
        let ranges = wrap_ranges(text, 10);
        let lines: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(lines, vec!["The quick", "brown fox", "jumps over", "the lazy", "dog"]);
    }

    #[test]
    fn wrapping_narrow_and_wide_characters() {
        for text in ["日本語のテキスト", "a\u{301}\u{301}bc", "x".repeat(10_000).as_str(), "مرحبا بالعالم"]
        {
            for width in [0, 1, 2, 3, 80] {
                for r in wrap_ranges(text, width) {
                    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                }
            }
        }
    }

    #[test]
    fn boilerplate_folds() {
        let corpus = crate::corpus::Corpus::seeds();
        let a = &corpus.articles[4];
        let folded = Layout::new(4, a, 60, true, &[]);
        let open = Layout::new(4, a, 60, false, &[]);
        assert!(folded.lines.iter().any(|l| l.role == Role::Fold));
        assert!(!open.lines.iter().any(|l| l.role == Role::Fold));
        assert!(open.lines.len() > folded.lines.len());
    }
}
