//! `rroom notes add --entity NAME`: which entity NAME is, found as
//! `rroom lookup` finds it (aliases, transliterations, a surname), among
//! those the article names.

use anyhow::bail;

use crate::corpus::Corpus;
use crate::corpus::sanitize::sanitize_label;
use crate::entities::{CorpusIndex, Corrections};
use crate::notes::EntityRef;
use crate::notes::entity::named_by;

/// The entity `name` stands for in article `article` (an index into the
/// corpus): its canonical name and kind. An unknown name is an error that
/// suggests the closest names.
pub fn resolve(
    corpus: &Corpus,
    corrections: &Corrections,
    article: usize,
    name: &str,
) -> anyhow::Result<EntityRef> {
    let query = sanitize_label(name);
    let query = query.trim();
    if query.is_empty() {
        bail!("--entity needs a name");
    }
    let index = CorpusIndex::build(&corpus.articles, corrections);
    let in_article = |articles: &[(usize, usize)]| articles.iter().any(|&(i, _)| i == article);
    let named = named_by(&index, query, 16);
    if let Some(hit) = named.iter().find(|h| in_article(&h.articles)) {
        return Ok(EntityRef::new(hit.name.clone(), hit.kind));
    }
    let id = corpus.articles.get(article).map_or_else(String::new, |a| a.id.to_string());
    // Suggestions: what the lookup found closest in this article, else the
    // entities this article names most.
    let mut closest: Vec<String> = index
        .lookup(query, 16)
        .into_iter()
        .filter(|h| in_article(&h.articles))
        .take(3)
        .map(|h| format!("{} ({})", sanitize_label(&h.name), h.kind.as_str()))
        .collect();
    if closest.is_empty() {
        let mut own: Vec<_> = index.entities_of(article).iter().collect();
        own.sort_by_key(|e| std::cmp::Reverse(e.count()));
        closest = own
            .iter()
            .take(3)
            .map(|e| format!("{} ({})", sanitize_label(&e.name), e.kind.as_str()))
            .collect();
    }
    let elsewhere = match named.first() {
        Some(h) => format!(" ({} is named in other articles, not this one)", sanitize_label(&h.name)),
        None => String::new(),
    };
    let hint = if closest.is_empty() {
        "it names no person, organization or place".to_string()
    } else {
        format!("closest: {}", closest.join(", "))
    };
    bail!("article {id} names no person, organization or place called '{query}'{elsewhere}; {hint}")
}
