//! `rroom find QUERY`: the finder from the shell.

use std::sync::Arc;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::search::terms::find_all;
use crate::search::{BodyIndex, Finder, Query, TitleIndex};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    score: f64,
    /// "title" (fuzzy match on title, source or dateline) or "text" (words in the body).
    #[serde(rename = "match")]
    matched: &'static str,
    snippet: Option<String>,
}

/// Ranks articles for a query. By default, in three tiers: fuzzy matches
/// whose title, source or dateline has every word of the query (at a word
/// start); then articles whose text has them; then the looser fuzzy matches
/// (letters scattered through the title). With `full_text`, only the text
/// search, each result with a snippet.
pub fn run(corpus: &Corpus, query: &str, json: bool, limit: usize, full_text: bool) -> anyhow::Result<()> {
    let articles = &corpus.articles;
    let q = Query::parse(query);
    let mut strong: Vec<Row> = Vec::new();
    let mut loose: Vec<Row> = Vec::new();
    let mut seen = vec![false; articles.len()];
    if !full_text {
        let index = Arc::new(TitleIndex::new(articles));
        let mut finder = Finder::new(index.clone());
        for hit in finder.search(query, limit).0 {
            seen[hit.index] = true;
            let a = &articles[hit.index];
            let row = Row {
                id: a.id.as_str(),
                title: &a.title,
                score: hit.score as f64,
                matched: "title",
                snippet: None,
            };
            let text = index.text(hit.index);
            let has_all =
                q.parts.iter().all(|p| !find_all(text, &Query::parse(&format!("\"{p}\""))).is_empty());
            if has_all { strong.push(row) } else { loose.push(row) }
        }
    }
    let mut rows = strong;
    if rows.len() < limit {
        let index = BodyIndex::new(articles);
        for hit in index.search(articles, &q, limit).0 {
            if rows.len() >= limit {
                break;
            }
            if seen[hit.index] {
                // Found by title already: move it up from the loose tier.
                if let Some(pos) = loose.iter().position(|r| r.id == articles[hit.index].id.as_str()) {
                    rows.push(loose.remove(pos));
                }
                continue;
            }
            let a = &articles[hit.index];
            let score = (hit.score * 1000.0).round() / 1000.0;
            rows.push(Row {
                id: a.id.as_str(),
                title: &a.title,
                score,
                matched: "text",
                snippet: Some(hit.snippet),
            });
        }
    }
    rows.extend(loose);
    rows.truncate(limit);
    if json {
        let mut text = serde_json::to_string_pretty(&serde_json::json!({ "results": rows }))?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = String::new();
    for (i, r) in rows.iter().enumerate() {
        text.push_str(&format!("{:>3}  {}  {:>8}  {}\n", i + 1, r.id, r.score, r.title));
        if let Some(s) = &r.snippet {
            text.push_str(&format!("{:>25}{s}\n", ""));
        }
    }
    if rows.is_empty() {
        eprintln!("rroom: nothing matches '{}'", crate::corpus::sanitize::sanitize_label(query));
    }
    super::emit(&text)
}
