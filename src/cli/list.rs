//! `rroom list`

use serde::Serialize;

use crate::library::Library;
use crate::text::truncate;

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    path: String,
    words: usize,
}

pub fn run(library: &dyn Library, json: bool) -> anyhow::Result<()> {
    let rows = library.rows()?;
    if json {
        let articles: Vec<Row> = rows
            .iter()
            .map(|a| Row {
                id: a.id.as_str(),
                title: &a.title,
                source: a.source.as_deref(),
                path: a.origin.to_string(),
                words: a.words,
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&serde_json::json!({ "articles": articles }))?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = String::new();
    for (i, a) in rows.iter().enumerate() {
        let source = truncate(a.source_or_section().unwrap_or("-"), 20);
        text.push_str(&format!("{:>4}  {}  {:>6}  {:<20}  {}\n", i + 1, a.id, a.words, source, a.title));
    }
    super::emit(&text)
}
