//! The library: what the command line (and, later, the reading room) asks
//! of a corpus, behind one trait, [`Library`], with two engines:
//!
//! - [`MemoryLibrary`]: the corpus loaded whole, entities extracted on
//!   demand (the seeds, and the fallback when no index can be written);
//! - [`SqliteLibrary`]: a persistent, incremental index in one SQLite file
//!   per corpus (catalog, entity mentions, FTS5 full text). Article text is
//!   read back from the source files on demand; only new or changed files
//!   are read when it is brought up to date ([`update`]).
//!
//! A server engine (a search cluster for text, a shared database) could
//! stand in behind the same trait. Nothing here knows about terminals.

pub mod codec;
mod error;
mod memory;
pub mod open;
mod read_back;
mod schema;
pub mod sqlite;
pub mod update;

pub use error::LibraryError;
pub use memory::MemoryLibrary;
pub use sqlite::{SqliteLibrary, Stats};

use crate::corpus::{Article, ArticleId, LookupError, Origin};
use crate::entities::{CorpusIndex, Entity};
use crate::search::{FuzzyHit, Query, TextHit};

/// One article of the catalog, without its text: what a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: ArticleId,
    pub title: String,
    pub source: Option<String>,
    pub dateline: Option<String>,
    pub section: Option<String>,
    pub origin: Origin,
    pub words: usize,
}

impl Row {
    /// The source, or failing that the section, for list display.
    pub fn source_or_section(&self) -> Option<&str> {
        self.source.as_deref().or(self.section.as_deref())
    }

    pub fn of(a: &Article) -> Row {
        Row {
            id: a.id.clone(),
            title: a.title.clone(),
            source: a.source.clone(),
            dateline: a.dateline.clone(),
            section: a.section.clone(),
            origin: a.origin.clone(),
            words: a.words,
        }
    }
}

/// Title matches: the hits (best first), how many matched, and how many
/// with the letters only scattered were left out (see [`crate::search::Finder`]).
pub struct TitleMatches {
    pub hits: Vec<FuzzyHit>,
    pub total: usize,
    pub cut: usize,
}

/// What the command line asks of a corpus. Articles are numbered by their
/// position in the list (0-based), the order `rroom list` shows.
pub trait Library {
    /// How many articles the list has.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The catalog, in list order.
    fn rows(&self) -> Result<Vec<Row>, LibraryError>;

    /// The catalog rows of some articles, in the order asked (numbers past
    /// the end are left out): for showing a few results without reading
    /// the whole catalog.
    fn rows_of(&self, indices: &[usize]) -> Result<Vec<Row>, LibraryError> {
        let all = self.rows()?;
        Ok(indices.iter().filter_map(|&i| all.get(i).cloned()).collect())
    }

    /// An article by id, unique id prefix or 1-based list number.
    fn find(&self, reference: &str) -> Result<usize, LookupError>;

    /// One article, text and all.
    fn article(&self, index: usize) -> Result<Article, LibraryError>;

    /// The entities of one article, the analyst's corrections applied.
    fn entities_of(&self, index: usize) -> Result<Vec<Entity>, LibraryError>;

    /// The corpus-wide entity index (corrections applied), for lookups.
    fn entity_index(&self) -> Result<CorpusIndex, LibraryError>;

    /// Fuzzy matches on title, source and dateline.
    fn find_titles(&self, query: &str) -> Result<TitleMatches, LibraryError>;

    /// Full-text matches, best first (at most `limit`), and how many
    /// articles matched.
    fn full_text(&self, query: &Query, limit: usize) -> Result<(Vec<TextHit>, usize), LibraryError>;

    /// Does the article's text (or title) hold every part of the query?
    fn text_has(&self, index: usize, query: &Query) -> Result<bool, LibraryError>;

    /// What loading the corpus had to say, summed up (see
    /// [`crate::corpus::Corpus::summary_lines`]).
    fn summary_lines(&self) -> Vec<String>;
}

/// Finds an article by id, unique id prefix or 1-based list number among
/// `len` articles whose ids `ids_with_prefix` lists (at most two needed).
pub fn find_reference(
    reference: &str,
    len: usize,
    ids_with_prefix: impl FnOnce(&str) -> Vec<usize>,
) -> Result<usize, LookupError> {
    use crate::corpus::sanitize::sanitize_label;
    let r = reference.trim();
    if let Ok(n) = r.parse::<usize>()
        && n >= 1
        && n <= len
        && r.len() < 6
    {
        return Ok(n - 1);
    }
    let lower = r.to_ascii_lowercase();
    if lower.is_empty() {
        return Err(LookupError::NotFound(sanitize_label(r)));
    }
    let hits = ids_with_prefix(&lower);
    match hits.len() {
        1 => Ok(hits[0]),
        0 => Err(LookupError::NotFound(sanitize_label(r))),
        n => Err(LookupError::Ambiguous(sanitize_label(r), n)),
    }
}
