//! Finding articles and text: the fuzzy title finder, full-text search over
//! bodies and search inside one article. No terminal code here.

mod best;
pub mod fold;
pub mod fulltext;
pub mod fuzzy;
pub mod highlight;
pub mod pattern;
pub mod score;
pub mod terms;
pub mod titles;

pub use fulltext::{BodyIndex, TextHit};
pub use fuzzy::{Finder, FuzzyHit, MatchKind, Progress};
pub use pattern::Pattern;
pub use terms::Query;
pub use titles::TitleIndex;

/// The longest query searched, in characters: longer than any title and
/// any sensible phrase, and short enough that a pasted page (60,000 words)
/// cannot make a search take seconds. The rest of a longer query is ignored.
pub const MAX_QUERY_CHARS: usize = 256;

/// `query` cut to [`MAX_QUERY_CHARS`] (at a character boundary); true when
/// it was cut.
pub fn bounded(query: &str) -> (&str, bool) {
    match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => (&query[..at], true),
        None => (query, false),
    }
}
