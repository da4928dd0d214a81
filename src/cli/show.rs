//! `rroom show ARTICLE`

use serde::Serialize;

use crate::corpus::dates;
use crate::corpus::{Article, ParaKind};
use crate::library::Library;

#[derive(Serialize)]
struct Para<'a> {
    kind: ParaKind,
    text: &'a str,
}

pub fn run(library: &dyn Library, reference: &str, json: bool) -> anyhow::Result<()> {
    let idx = library.find(reference)?;
    let a = &library.article(idx)?;
    if json {
        let paragraphs: Vec<Para> =
            a.iter_paragraphs().map(|(p, text)| Para { kind: p.kind, text }).collect();
        let value = serde_json::json!({
            "id": a.id,
            "title": a.title,
            "source": a.source,
            "dateline": a.dateline,
            "section": a.section,
            "url": a.url,
            "published": a.published_at().and_then(dates::iso8601),
            "published_as_given": a.published,
            "path": a.origin.to_string(),
            "words": a.words,
            "paragraphs": paragraphs,
        });
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = format!("{}\n", a.title);
    text.push_str(&format!("{}\n", meta_line(a)));
    for (p, body) in a.iter_paragraphs() {
        text.push('\n');
        match p.kind {
            ParaKind::Heading => text.push_str(&format!("## {body}\n")),
            ParaKind::Boilerplate => text.push_str(&format!("[boilerplate] {body}\n")),
            ParaKind::Text => text.push_str(&format!("{body}\n")),
        }
    }
    super::emit(&text)
}

/// The line under the title: source · dateline · date · words · origin;
/// the date as read (`2025-03-07`, `2025-03-07 10:30 UTC`), or as given
/// when it cannot be read.
fn meta_line(a: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.source_or_section().map(str::to_string));
    parts.extend(a.dateline.clone());
    match (a.published_at().and_then(dates::long), &a.published) {
        (Some(date), _) => parts.push(date),
        (None, Some(given)) => parts.push(format!("{given} (date not understood)")),
        (None, None) => {}
    }
    parts.push(format!("{} words", a.words));
    parts.push(a.origin.to_string());
    parts.join(" · ")
}
