//! The Markdown briefing pack.
//!
//! Everything in it that comes from articles, file names or notes is text,
//! never markup: a title such as `Breaking <img src=x onerror=alert(1)>
//! [Verify](https://evil.example)` must not become an image or a link when
//! the briefing is rendered, and a note's "## heading" or unclosed "```"
//! must not change the structure of what follows. So every such line is
//! escaped ([`escape_line`]): HTML's `<`, `>` and `&` become entities,
//! Markdown's punctuation is backslash-escaped, and what would open a block
//! at the start of a line (a list, a heading underline, an indented code
//! block) is neutralized. A note's own line breaks are kept (hard breaks).

use std::collections::BTreeMap;

use super::{Articles, order_key};
use crate::corpus::sanitize::{sanitize_inline, sanitize_label, split_lines};
use crate::corpus::{Article, Corpus};
use crate::notes::anchor::Resolution;
use crate::notes::model::{Note, Target};

/// One line of untrusted text as Markdown that renders as exactly that text.
pub(crate) fn escape_line(line: &str) -> String {
    let line = sanitize_inline(line);
    let line = line.trim_end();
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let mut out = String::with_capacity(line.len() + 8);
    // Leading whitespace would make an indented code block: keep its width
    // with non-breaking spaces.
    for _ in 0..indent {
        out.push_str("&nbsp;");
    }
    // A line opening a list item, a block quote or a heading underline.
    let digits = body.chars().take_while(char::is_ascii_digit).count();
    let opener = match body.chars().next() {
        Some('-' | '+' | '=') => Some(0),
        _ if digits > 0 && body[digits..].starts_with(['.', ')']) => Some(digits),
        _ => None,
    };
    for (i, c) in body.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // `[` opens every link and image: with it escaped, `]`, `(`,
            // `)` and `!` are plain text and stay readable as they are.
            '\\' | '`' | '*' | '_' | '[' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ if Some(i) == opener => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Untrusted text on one line (a title, a name, a path).
fn inline(text: &str) -> String {
    escape_line(&sanitize_label(text))
}

/// A quoted passage: a block quote, one escaped line per line.
fn push_blockquote(out: &mut String, text: &str) {
    for line in split_lines(text) {
        let line = escape_line(line);
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(&line);
            out.push('\n');
        }
    }
}

/// A note's text: escaped lines, its line breaks kept (a backslash at the
/// end of a line is a hard break), blank lines between paragraphs.
fn push_text(out: &mut String, text: &str) {
    let lines: Vec<String> = split_lines(text).into_iter().map(escape_line).collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    let (Some(first), Some(last)) = (first, last) else {
        out.push_str("*(no text)*\n");
        return;
    };
    for (i, line) in lines[first..=last].iter().enumerate() {
        out.push_str(line);
        let next_is_text = lines.get(first + i + 1).is_some_and(|l| !l.is_empty()) && first + i < last;
        if next_is_text {
            out.push('\\');
        }
        out.push('\n');
    }
}

/// The heading and marks of a passage note, by how its anchor holds.
fn passage_marks(resolution: Option<&Resolution>) -> (&'static str, Option<String>) {
    match resolution {
        Some(Resolution::Orphan) => (
            ", orphaned",
            Some("*(orphaned: this passage is no longer in the article; the quote is as it was)*".into()),
        ),
        Some(Resolution::Fuzzy { similarity, .. }) => (
            ", uncertain",
            Some(format!(
                "*(uncertain: the passage has been edited since this note was written; the closest \
                 passage now is {:.0}% similar)*",
                similarity * 100.0
            )),
        ),
        _ => ("", None),
    }
}

/// The briefing pack: notes grouped by article (in corpus order; articles
/// that are not in the corpus last, by id), each passage note as a quote
/// followed by the note, orphaned and fuzzy passages marked.
pub fn markdown(notes: &[Note], corpus: &Corpus) -> String {
    let mut groups: BTreeMap<(usize, &str), Vec<&Note>> = BTreeMap::new();
    let position = |id: &str| corpus.articles.iter().position(|a| a.id.as_str() == id);
    for note in notes {
        let key = (position(&note.article).unwrap_or(usize::MAX), note.article.as_str());
        groups.entry(key).or_default().push(note);
    }
    let articles = Articles::new(corpus);

    let mut out = String::from("# Notes\n\n");
    let count = groups.len();
    out.push_str(&format!(
        "{} {} on {} {}.\n",
        notes.len(),
        if notes.len() == 1 { "note" } else { "notes" },
        count,
        if count == 1 { "article" } else { "articles" }
    ));
    for ((index, id), group) in groups {
        let article: Option<&Article> = corpus.articles.get(index);
        out.push('\n');
        match article {
            Some(a) => {
                out.push_str(&format!("## {}\n\n", inline(&a.title)));
                let mut meta: Vec<String> = Vec::new();
                if let Some(s) = a.source_or_section() {
                    meta.push(inline(s));
                }
                meta.push(inline(&a.origin.to_string()));
                meta.push(format!("`{}`", a.id));
                out.push_str(&meta.join(" · "));
                out.push('\n');
            }
            None => {
                out.push_str(&format!("## Article {}\n\n", inline(id)));
                out.push_str("*(article not in the current corpus)*\n");
            }
        }
        let mut rows: Vec<(&Note, Option<Resolution>)> =
            group.into_iter().map(|n| (n, articles.resolve(n))).collect();
        rows.sort_by_cached_key(|(n, r)| order_key(n, r));
        for (note, resolution) in rows {
            out.push('\n');
            match &note.target {
                Target::Article => out.push_str(&format!("### On the article (note {})\n\n", note.id)),
                Target::Entity(e) => {
                    let kind = e.kind.map_or("entity", |k| k.as_str());
                    out.push_str(&format!("### On {} ({kind}; note {})\n\n", inline(&e.name), note.id))
                }
                Target::Passage(anchor) => {
                    let (state, mark) = if articles.has(&note.article) {
                        passage_marks(resolution.as_ref())
                    } else {
                        (", not checked", Some("*(its article is not in the corpus read, so the passage could not be checked)*".into()))
                    };
                    out.push_str(&format!("### On a passage (note {}{state})\n\n", note.id));
                    push_blockquote(&mut out, &anchor.quote);
                    out.push('\n');
                    if let Some(mark) = mark {
                        out.push_str(&mark);
                        out.push_str("\n\n");
                    }
                }
            }
            push_text(&mut out, &note.text);
            if !note.tags.is_empty() {
                let tags: Vec<String> = note.tags.iter().map(|t| inline(&format!("#{t}"))).collect();
                out.push_str(&format!("\nTags: {}\n", tags.join(" ")));
            }
        }
    }
    out
}
