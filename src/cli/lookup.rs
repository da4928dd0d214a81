//! `rroom lookup NAME`: which articles mention an entity, with the sentence
//! around each mention.

use serde::Serialize;

use crate::corpus::sanitize::sanitize_label;
use crate::entities::{EntityKind, QueryMatch};
use crate::library::Library;
use crate::text::{count, truncate};

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;
/// Snippets per article in the plain output (JSON has them all).
const PLAIN_SNIPPETS: usize = 3;

#[derive(Serialize)]
struct EntityInfo<'a> {
    name: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
}

#[derive(Serialize)]
struct ArticleHit<'a> {
    id: &'a str,
    title: &'a str,
    path: String,
    count: usize,
    snippets: Vec<String>,
}

pub fn run(library: &dyn Library, name: &str, json: bool) -> anyhow::Result<()> {
    let query = crate::search::bounded(name).0.trim();
    if query.is_empty() {
        anyhow::bail!("lookup needs a name, e.g. `rroom lookup mujahid`");
    }
    let index = library.entity_index()?;
    let (best, others) = match index.resolve_query(query) {
        QueryMatch::Found { hit, others } => (hit, others),
        QueryMatch::NotFound { suggestions } => {
            let mut message = format!(
                "no person, organization or place matches '{}' in {}",
                crate::text::truncate(&sanitize_label(query), 60),
                count(library.len(), "article")
            );
            if !suggestions.is_empty() {
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|h| format!("{} ({})", sanitize_label(&h.name), h.kind.as_str()))
                    .collect();
                message.push_str(&format!("; did you mean {}?", names.join(", ")));
            }
            anyhow::bail!(message);
        }
    };
    let best = &best;
    let mut read = Vec::with_capacity(best.articles.len());
    for &(i, count) in &best.articles {
        read.push((library.article(i)?, i, count));
    }
    let articles: Vec<ArticleHit> = read
        .iter()
        .map(|(a, i, count)| {
            // One snippet per sentence, around its first mention.
            let snippets = index.snippets_in(best.id, *i, &a.body, SNIPPET_CHARS);
            ArticleHit {
                id: a.id.as_str(),
                title: &a.title,
                path: a.origin.to_string(),
                count: *count,
                snippets,
            }
        })
        .collect();
    if json {
        let value = serde_json::json!({
            "query": query,
            "entity": EntityInfo { name: &best.name, kind: best.kind, aliases: &best.aliases },
            "articles": articles,
        });
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        return super::emit(&text);
    }
    let total: usize = articles.iter().map(|a| a.count).sum();
    let mut text = format!(
        "{} ({}): {} in {}\n",
        best.name,
        best.kind.as_str(),
        count(total, "mention"),
        count(articles.len(), "article")
    );
    let also: Vec<&str> = best.aliases.iter().filter(|a| **a != best.name).map(String::as_str).collect();
    if !also.is_empty() {
        text.push_str(&format!("also: {}\n", also.join(", ")));
    }
    for a in &articles {
        text.push_str(&format!("\n{}  {:>3}  {}\n", a.id, a.count, truncate(a.title, 70)));
        for s in a.snippets.iter().take(PLAIN_SNIPPETS) {
            text.push_str(&format!("    {s}\n"));
        }
        if a.snippets.len() > PLAIN_SNIPPETS {
            text.push_str(&format!("    (and {} more)\n", a.snippets.len() - PLAIN_SNIPPETS));
        }
    }
    if !others.is_empty() {
        let more: Vec<String> = others.iter().map(|h| format!("{} ({})", h.name, h.kind.as_str())).collect();
        text.push_str(&format!("\nother matches: {}\n", more.join(", ")));
    }
    super::emit(&text)
}
