//! Notes out of rroom: a Markdown "briefing pack" grouped by article,
//! JSON for other tools, and CSV for spreadsheets. Both say how each passage note's anchor holds in
//! the current corpus (see [`AnchorState`]).

use std::collections::HashMap;

use serde::Serialize;

use super::anchor::{AnchorState, Resolution, resolve};
use super::clock::rfc3339;
use super::model::{Note, Target};
use crate::corpus::{Article, Corpus};

mod csv;
mod markdown;
#[cfg(test)]
mod tests;

pub use csv::csv;
pub use markdown::markdown;

/// The articles of a corpus by id, to resolve many notes' anchors.
pub struct Articles<'a>(HashMap<&'a str, &'a Article>);

impl<'a> Articles<'a> {
    pub fn new(corpus: &'a Corpus) -> Articles<'a> {
        Articles(corpus.articles.iter().map(|a| (a.id.as_str(), a)).collect())
    }

    pub fn get(&self, id: &str) -> Option<&'a Article> {
        self.0.get(id).copied()
    }

    /// Whether the note's article is in the corpus: when it is not, its
    /// passage cannot be checked, which is not the same as orphaned.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// Where a passage note's passage is in the current text of its article
    /// (orphaned when the article is not in the corpus); `None` for notes
    /// on a whole article or an entity.
    pub fn resolve(&self, note: &Note) -> Option<Resolution> {
        let anchor = note.anchor()?;
        Some(match self.get(&note.article) {
            Some(a) => resolve(anchor, &a.body),
            None => Resolution::Orphan,
        })
    }
}

/// The entity of an entity note in JSON.
#[derive(Debug, Serialize)]
pub struct JsonEntity<'a> {
    pub name: &'a str,
    /// `person`, `org` or `place`; null for notes written before rroom kept it.
    pub kind: Option<&'static str>,
}

/// One note in the JSON export.
#[derive(Debug, Serialize)]
pub struct JsonNote<'a> {
    pub id: i64,
    pub article: &'a str,
    pub text: &'a str,
    /// The quoted passage, for a passage note.
    pub quote: Option<&'a str>,
    pub tags: &'a [String],
    /// RFC 3339, UTC.
    pub created: String,
    pub updated: String,
    /// For a passage note: `exact`, `moved`, `fuzzy` or `orphaned`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<AnchorState>,
    /// For a fuzzy anchor: how similar the passage found is to the quote (0..1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// For an entity note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<JsonEntity<'a>>,
    /// Whether the note's article is in the corpus read: when it is not,
    /// a passage note's anchor says `orphaned` because it could not be checked.
    pub in_corpus: bool,
}

impl<'a> JsonNote<'a> {
    pub fn new(n: &'a Note, articles: &Articles) -> JsonNote<'a> {
        let resolution = articles.resolve(n);
        JsonNote {
            id: n.id,
            article: &n.article,
            text: &n.text,
            quote: n.anchor().map(|a| a.quote.as_str()),
            tags: &n.tags,
            created: rfc3339(n.created),
            updated: rfc3339(n.updated),
            anchor: resolution.as_ref().map(Resolution::state),
            similarity: resolution.as_ref().and_then(Resolution::similarity).map(round2),
            entity: n.entity_ref().map(|e| JsonEntity { name: &e.name, kind: e.kind.map(|k| k.as_str()) }),
            in_corpus: articles.has(&n.article),
        }
    }
}

/// Two decimals are plenty for a similarity (0.87).
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `{"notes":[{"id","article","text","quote","tags","created","updated"}]}`,
/// in the order given; passage notes add `"anchor"` (and `"similarity"`
/// when fuzzy), entity notes `"entity": {"name","kind"}`.
pub fn json(notes: &[Note], corpus: &Corpus) -> serde_json::Value {
    let articles = Articles::new(corpus);
    let notes: Vec<JsonNote> = notes.iter().map(|n| JsonNote::new(n, &articles)).collect();
    serde_json::json!({ "notes": notes })
}

/// How a note sorts within its article: article notes, then passages in
/// text order (orphans last), then entity notes by entity.
fn order_key(note: &Note, resolution: &Option<Resolution>) -> (u8, usize, String, i64, i64) {
    match (&note.target, resolution) {
        (Target::Article, _) => (0, 0, String::new(), note.created, note.id),
        (Target::Passage(a), Some(r)) => match r.range() {
            Some(range) => (1, range.start, String::new(), note.created, note.id),
            None => (2, a.start, String::new(), note.created, note.id),
        },
        (Target::Passage(a), None) => (1, a.start, String::new(), note.created, note.id),
        (Target::Entity(e), _) => (3, 0, e.name.to_lowercase(), note.created, note.id),
    }
}
