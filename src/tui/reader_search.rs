//! Searching inside the open article (`/` in the reader): hits highlighted,
//! `n`/`N` jump between them, the view follows.

use std::ops::Range;

/// A search in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderSearch {
    pub query: String,
    /// Byte ranges of the article body, in order.
    pub hits: Vec<Range<usize>>,
    /// The hit the view is on.
    pub current: Option<usize>,
    /// The article searched.
    pub article: usize,
    /// Set when the hits are an entity's mentions (styled by its kind).
    pub entity: Option<crate::entities::EntityKind>,
    /// The entity's surface forms, to find it again in the next article.
    pub aliases: Vec<String>,
}
