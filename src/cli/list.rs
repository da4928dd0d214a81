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
    /// The id of the first article of its near-duplicate group (its own when alone).
    group: &'a str,
}

pub fn run(library: &dyn Library, json: bool) -> anyhow::Result<()> {
    let rows = library.rows()?;
    if json {
        let groups = library.groups()?;
        let articles: Vec<Row> = rows
            .iter()
            .enumerate()
            .map(|(i, a)| Row {
                id: a.id.as_str(),
                title: &a.title,
                source: a.source.as_deref(),
                path: a.origin.to_string(),
                words: a.words,
                group: rows.get(groups.leader(i)).map_or(a.id.as_str(), |l| l.id.as_str()),
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
