//! `rroom lookup NAME [--with OTHER]`: which articles mention an entity,
//! with the sentence around each mention, and the entities that appear
//! with it; with `--with`, the articles that mention both, the sentences
//! naming both first. Only the articles shown are read.

use serde::Serialize;

use crate::corpus::sanitize::sanitize_label;
use crate::entities::index::snippets;
use crate::entities::{EntityKind, LookupHit, QueryMatch};
use crate::library::Library;
use crate::library::cooccur::{self, Cooccurrence};
use crate::text::{count, truncate};

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 240;
/// Snippets per article in the plain output (JSON has them all).
const PLAIN_SNIPPETS: usize = 3;
/// Co-occurring entities in the plain output (JSON has [`cooccur::TOP`]).
const PLAIN_COOCCURRING: usize = 8;

#[derive(Serialize)]
struct EntityInfo<'a> {
    name: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    articles: usize,
    mentions: usize,
}

#[derive(Serialize)]
struct ArticleHit {
    id: String,
    title: String,
    path: String,
    count: usize,
    /// With `--with`: mentions of the other entity, and sentences naming both.
    #[serde(skip_serializing_if = "Option::is_none")]
    count_with: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences_with: Option<usize>,
    snippets: Vec<String>,
}

/// The query as looked up: bounded and trimmed; an error when empty.
fn query_of(name: &str) -> anyhow::Result<String> {
    let query = crate::search::bounded(name).0.trim().to_string();
    if query.is_empty() {
        anyhow::bail!("lookup needs a name, e.g. `rroom lookup mujahid`");
    }
    Ok(query)
}

/// The entity a query names, or the error that says none does.
fn resolve(library: &dyn Library, name: &str) -> anyhow::Result<(String, LookupHit, Vec<LookupHit>)> {
    let query = query_of(name)?;
    let found = library.resolve_entity(&query)?;
    found_or_error(library, query, found)
}

fn found_or_error(
    library: &dyn Library,
    query: String,
    found: QueryMatch,
) -> anyhow::Result<(String, LookupHit, Vec<LookupHit>)> {
    match found {
        QueryMatch::Found { hit, others } => Ok((query, hit, others)),
        QueryMatch::NotFound { suggestions } => {
            let mut message = format!(
                "no person, organization or place matches '{}' in {}",
                truncate(&sanitize_label(&query), 60),
                count(library.len(), "article")
            );
            if !suggestions.is_empty() {
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|h| format!("{} ({})", sanitize_label(&h.name), h.kind.as_str()))
                    .collect();
                message.push_str(&format!("; did you mean {}?", names.join(", ")));
            }
            anyhow::bail!(message)
        }
    }
}

fn json_out(value: serde_json::Value) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    super::emit(&text)
}

fn heading(text: &mut String, hit: &LookupHit, mentions: usize, articles: usize) {
    text.push_str(&format!(
        "{} ({}): {} in {}\n",
        hit.name,
        hit.kind.as_str(),
        count(mentions, "mention"),
        count(articles, "article")
    ));
    let also: Vec<&str> = hit.aliases.iter().filter(|a| **a != hit.name).map(String::as_str).collect();
    if !also.is_empty() {
        text.push_str(&format!("also: {}\n", also.join(", ")));
    }
}

fn articles_out(text: &mut String, articles: &[ArticleHit]) {
    for a in articles {
        let counts = match (a.count_with, a.sentences_with) {
            (Some(w), Some(s)) => format!("{:>3} {:>3} {:>3}", a.count, w, s),
            _ => format!("{:>3}", a.count),
        };
        text.push_str(&format!("\n{}  {counts}  {}\n", a.id, truncate(&a.title, 70)));
        for s in a.snippets.iter().take(PLAIN_SNIPPETS) {
            text.push_str(&format!("    {s}\n"));
        }
        if a.snippets.len() > PLAIN_SNIPPETS {
            text.push_str(&format!("    (and {} more)\n", a.snippets.len() - PLAIN_SNIPPETS));
        }
    }
}

fn more_out(text: &mut String, shown: usize, total: usize) {
    if total > shown {
        text.push_str(&format!(
            "\n{} more (--limit {total} shows them all)\n",
            count(total - shown, "article")
        ));
    }
}

pub fn run(library: &dyn Library, name: &str, json: bool, limit: usize) -> anyhow::Result<()> {
    let (query, best, others) = resolve(library, name)?;
    let list = library.entity_articles(best.id, limit)?;
    let mut articles = Vec::with_capacity(list.articles.len());
    for &(i, count) in &list.articles {
        let a = library.article(i)?;
        // One snippet per sentence, around its first mention.
        let snippets = snippets(&a.body, library.entity_mentions(best.id, i)?, SNIPPET_CHARS);
        articles.push(ArticleHit {
            id: a.id.0,
            title: a.title,
            path: a.origin.to_string(),
            count,
            count_with: None,
            sentences_with: None,
            snippets,
        });
    }
    let together: Vec<Cooccurrence> = library.cooccurring(best.id, cooccur::TOP)?;
    if json {
        return json_out(serde_json::json!({
            "query": query,
            "entity": EntityInfo {
                name: &best.name,
                kind: best.kind,
                aliases: &best.aliases,
                articles: list.total_articles,
                mentions: list.total_mentions,
            },
            "articles": articles,
            "total": list.total_articles,
            "more": list.total_articles > articles.len(),
            "cooccurring": together,
        }));
    }
    let mut text = String::new();
    heading(&mut text, &best, list.total_mentions, list.total_articles);
    articles_out(&mut text, &articles);
    more_out(&mut text, articles.len(), list.total_articles);
    if !together.is_empty() {
        let names: Vec<String> = together
            .iter()
            .take(PLAIN_COOCCURRING)
            .map(|c| {
                format!("{} ({}, {})", c.name, count(c.articles, "article"), count(c.sentences, "sentence"))
            })
            .collect();
        text.push_str(&format!("\nappears with: {}\n", names.join(", ")));
    }
    if !others.is_empty() {
        let more: Vec<String> = others.iter().map(|h| format!("{} ({})", h.name, h.kind.as_str())).collect();
        text.push_str(&format!("\nother matches: {}\n", more.join(", ")));
    }
    super::emit(&text)
}

/// `lookup A --with B`: the articles that mention both.
pub fn run_with(
    library: &dyn Library,
    name: &str,
    with: &str,
    json: bool,
    limit: usize,
) -> anyhow::Result<()> {
    let (first, second) = (query_of(name)?, query_of(with)?);
    let mut found = library.resolve_entities(&[&first, &second])?.into_iter();
    let (Some(found_a), Some(found_b)) = (found.next(), found.next()) else {
        anyhow::bail!("the library answered for fewer names than asked")
    };
    let (query, a, _) = found_or_error(library, first, found_a)?;
    let (query_with, b, _) = found_or_error(library, second, found_b)?;
    if a.id == b.id {
        anyhow::bail!(
            "'{}' and '{}' are the same entity ({}): --with needs another one",
            truncate(&sanitize_label(&query), 60),
            truncate(&sanitize_label(&query_with), 60),
            sanitize_label(&a.name)
        );
    }
    let both = library.articles_with_both(a.id, b.id)?;
    let mut articles = Vec::new();
    for hit in both.iter().take(limit) {
        let article = library.article(hit.article)?;
        let (ma, mb) =
            (library.entity_mentions(a.id, hit.article)?, library.entity_mentions(b.id, hit.article)?);
        let snippets = cooccur::both_snippets(&article.body, &ma, &mb, SNIPPET_CHARS);
        articles.push(ArticleHit {
            id: article.id.0,
            title: article.title,
            path: article.origin.to_string(),
            count: hit.counts.0,
            count_with: Some(hit.counts.1),
            sentences_with: Some(hit.sentences),
            snippets,
        });
    }
    let info = |h: &LookupHit| serde_json::json!({"name": h.name, "kind": h.kind, "aliases": h.aliases});
    if json {
        return json_out(serde_json::json!({
            "query": query,
            "with": query_with,
            "entity": info(&a),
            "other": info(&b),
            "articles": articles,
            "total": both.len(),
            "more": both.len() > articles.len(),
        }));
    }
    let sentences: usize = both.iter().map(|h| h.sentences).sum();
    let mut text = format!(
        "{} ({}) with {} ({}): {}, {} naming both\n",
        a.name,
        a.kind.as_str(),
        b.name,
        b.kind.as_str(),
        count(both.len(), "article"),
        count(sentences, "sentence")
    );
    if !articles.is_empty() {
        text.push_str("(columns: mentions of each, sentences naming both)\n");
    }
    articles_out(&mut text, &articles);
    more_out(&mut text, articles.len(), both.len());
    super::emit(&text)
}
