//! A watch against a library: resolving what the analyst typed, and the
//! matches, total and new articles of a watch.

use super::{Seen, Watch, WatchQuery, id_key, parse_query};
use crate::corpus::ArticleId;
use crate::corpus::sanitize::sanitize_label;
use crate::entities::QueryMatch;
use crate::library::{Library, LibraryError};
use crate::search::Query;
use crate::text::truncate;

/// What can go wrong resolving or evaluating a watch, in words for the analyst.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("{0}")]
    Query(String),
    #[error("{0}")]
    UnknownEntity(String),
    #[error(transparent)]
    Library(#[from] LibraryError),
}

/// A query typed for a new watch, resolved against the library: `@NAME`
/// names the entity `rroom lookup NAME` would show (an error, with
/// suggestions, when it names none), anything else is a text query.
pub fn resolve(library: &dyn Library, typed: &str) -> Result<WatchQuery, WatchError> {
    let (entity, text) = parse_query(typed).map_err(WatchError::Query)?;
    if !entity {
        return Ok(WatchQuery::Text { query: text });
    }
    match library.resolve_entity(&text)? {
        QueryMatch::Found { hit, .. } => {
            Ok(WatchQuery::Entity { query: text, name: hit.name, kind: hit.kind, aliases: hit.aliases })
        }
        QueryMatch::NotFound { suggestions } => {
            let mut message = format!(
                "no person, organization or place matches '{}'",
                truncate(&sanitize_label(&text), 60)
            );
            if !suggestions.is_empty() {
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|h| format!("@{} ({})", sanitize_label(&h.name), h.kind.as_str()))
                    .collect();
                message.push_str(&format!("; did you mean {}?", names.join(", ")));
            }
            Err(WatchError::UnknownEntity(message))
        }
    }
}

/// One article a watch matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Its list position.
    pub index: usize,
    pub id: ArticleId,
    /// Not among the articles matched when the analyst last looked.
    pub new: bool,
}

/// A watch's matches now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// Newest first (the latest in the list first).
    pub matches: Vec<Match>,
    /// How many of them are new.
    pub new: usize,
}

impl Evaluation {
    pub fn total(&self) -> usize {
        self.matches.len()
    }

    /// The list positions of the matches, newest first: what the list
    /// filtered to the watch shows.
    pub fn positions(&self) -> Vec<usize> {
        self.matches.iter().map(|m| m.index).collect()
    }

    /// The matches as seen: saved when the analyst looks, so that only
    /// later arrivals count as new.
    pub fn seen(&self) -> Seen {
        Seen::new(self.matches.iter().map(|m| id_key(&m.id)).collect())
    }
}

/// The articles `query` matches in `library`, newest first, against the
/// articles `seen` when last looked.
pub fn evaluate_query(
    library: &dyn Library,
    query: &WatchQuery,
    seen: &Seen,
) -> Result<Evaluation, LibraryError> {
    let mut found = match query {
        WatchQuery::Entity { name, kind, aliases, .. } => library.entity_matches(name, *kind, aliases)?,
        WatchQuery::Text { query } => library.text_matches(&Query::parse(query))?,
    };
    found.sort_unstable_by_key(|m| std::cmp::Reverse(m.0));
    found.dedup_by_key(|m| m.0);
    let matches: Vec<Match> =
        found.into_iter().map(|(index, id)| Match { new: !seen.contains(&id), index, id }).collect();
    let new = matches.iter().filter(|m| m.new).count();
    Ok(Evaluation { matches, new })
}

/// A watch's matches in `library` now, newest first, with those new since
/// the analyst last looked.
pub fn evaluate(library: &dyn Library, watch: &Watch) -> Result<Evaluation, LibraryError> {
    evaluate_query(library, &watch.query, &watch.seen)
}
