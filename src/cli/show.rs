//! `rroom show ARTICLE`

use serde::Serialize;

use crate::corpus::ParaKind;
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
            "published": a.published,
            "path": a.origin.to_string(),
            "words": a.words,
            "paragraphs": paragraphs,
        });
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = format!("{}\n", a.title);
    text.push_str(&format!("{}\n", a.meta_line()));
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
