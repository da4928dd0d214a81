//! `rroom entities [ARTICLE]`: the people, organizations and places of one
//! article or of every article, corrections applied.

use std::path::Path;

use serde::Serialize;

use crate::entities::{Corrections, Entity, EntityKind};
use crate::library::Library;
use crate::notes::Store;

#[derive(Serialize)]
struct Mention {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct EntityRow<'a> {
    name: &'a str,
    kind: EntityKind,
    aliases: &'a [String],
    count: usize,
    mentions: Vec<Mention>,
}

/// An article as `entities` prints it.
struct Head {
    id: String,
    title: String,
    path: String,
}

#[derive(Serialize)]
struct ArticleRow<'a> {
    id: &'a str,
    title: &'a str,
    path: String,
    entities: Vec<EntityRow<'a>>,
}

/// The corrections saved in the data directory's store, if there is one.
/// A store that cannot be read is reported on stderr, not fatal: the
/// extractor's own entities are still worth printing.
pub fn load_corrections(data_dir: Option<&Path>) -> Corrections {
    let Some(dir) = data_dir else { return Corrections::default() };
    // Reading corrections never creates a store.
    if !dir.join(crate::notes::store::FILE_NAME).is_file() {
        return Corrections::default();
    }
    match Store::open(dir).and_then(|s| s.corrections()) {
        Ok(list) => Corrections::new(list.into_iter().map(|(_, c)| c).collect()),
        Err(e) => {
            crate::cli::diag::warn(&format!("corrections not applied: {e}"));
            Corrections::default()
        }
    }
}

pub fn run(library: &dyn Library, reference: Option<&str>, json: bool) -> anyhow::Result<()> {
    // What is printed of each article: its id, title and path (from the
    // catalog; the text is not read), and its entities.
    let heads: Vec<(usize, Head)> = match reference {
        Some(r) => {
            let i = library.find(r)?;
            let a = library.article(i)?;
            vec![(i, Head { id: a.id.0, title: a.title, path: a.origin.to_string() })]
        }
        None => library
            .rows()?
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i, Head { id: r.id.0, title: r.title, path: r.origin.to_string() }))
            .collect(),
    };
    let mut extracted: Vec<(Head, Vec<Entity>)> = Vec::with_capacity(heads.len());
    for (i, head) in heads {
        let entities = library.entities_of(i)?;
        extracted.push((head, entities));
    }
    if json {
        let articles: Vec<ArticleRow> = extracted
            .iter()
            .map(|(a, ents)| ArticleRow {
                id: &a.id,
                title: &a.title,
                path: a.path.clone(),
                entities: ents
                    .iter()
                    .map(|e| EntityRow {
                        name: &e.name,
                        kind: e.kind,
                        aliases: &e.aliases,
                        count: e.count(),
                        mentions: e.mentions.iter().map(|r| Mention { start: r.start, end: r.end }).collect(),
                    })
                    .collect(),
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&serde_json::json!({ "articles": articles }))?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = String::new();
    for (n, (a, ents)) in extracted.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        text.push_str(&format!("{}  {}\n", a.id, a.title));
        if ents.is_empty() {
            text.push_str("  (no entities)\n");
        }
        for kind in EntityKind::ALL {
            let group: Vec<&Entity> = ents.iter().filter(|e| e.kind == kind).collect();
            if group.is_empty() {
                continue;
            }
            text.push_str(&format!("  {} {}\n", kind.label(), group.len()));
            let width = group.iter().map(|e| e.name.chars().count()).max().unwrap_or(0).min(40);
            for e in group {
                let others: Vec<&str> = e.aliases.iter().skip(1).map(String::as_str).collect();
                let aka =
                    if others.is_empty() { String::new() } else { format!("  ({})", others.join(", ")) };
                text.push_str(&format!("    {:<width$}  {:>3}{aka}\n", e.name, e.count()));
            }
        }
    }
    super::emit(&text)
}
