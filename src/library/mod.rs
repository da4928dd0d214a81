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

pub mod catalog_query;
pub mod codec;
pub mod cooccur;
pub mod entity_table;
mod error;
mod groups;
mod memory;
pub mod open;
mod read_back;
mod schema;
pub mod sqlite;
pub mod update;

pub use catalog_query::{CatalogQuery, Ids, Listed, Sort};
pub use cooccur::{BothIn, Cooccurrence};
pub use error::LibraryError;
pub use memory::MemoryLibrary;
pub use sqlite::{SqliteLibrary, Stats};

use crate::corpus::{Article, ArticleId, LookupError, Origin};
use crate::dedup::Groups;
use crate::entities::{CorpusIndex, Entity, EntityKind, QueryMatch};
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
    pub url: Option<String>,
    /// The publication date as the article gives it.
    pub published: Option<String>,
    /// The instant it names (Unix seconds, UTC), when it can be read.
    pub published_at: Option<i64>,
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
            url: a.url.clone(),
            published: a.published.clone(),
            published_at: a.published_at(),
        }
    }
}

/// An article's title, source and dateline.
pub type Titled = (String, Option<String>, Option<String>);

/// Title matches: the hits (best first), how many matched, and how many
/// with the letters only scattered were left out (see [`crate::search::Finder`]).
pub struct TitleMatches {
    pub hits: Vec<FuzzyHit>,
    pub total: usize,
    pub cut: usize,
}

/// The articles of a corpus entity: the first ones by mentions, and how
/// many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityArticles {
    /// (article, mentions), most mentions first, then in list order.
    pub articles: Vec<(usize, usize)>,
    pub total_articles: usize,
    pub total_mentions: usize,
}

/// An article's entity as the corpus knows it: its corpus entity (the id
/// [`Library::entity_articles`] and the others take) and how many articles
/// name that entity. What the reading room's sidebar shows for the open
/// article, read without the corpus's whole entity index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InCorpus {
    pub id: usize,
    pub articles: usize,
}

/// (article, mentions) by most mentions first, then list order; the first
/// `limit`, and the totals.
pub fn top_articles(mut all: Vec<(usize, usize)>, limit: usize) -> EntityArticles {
    let total_articles = all.len();
    let total_mentions = all.iter().map(|a| a.1).sum();
    let order = |&(a, c): &(usize, usize)| (std::cmp::Reverse(c), a);
    if limit < all.len() {
        // Only the first `limit` need sorting (an entity may be in most articles).
        all.select_nth_unstable_by_key(limit, order);
        all.truncate(limit);
    }
    all.sort_unstable_by_key(order);
    EntityArticles { articles: all, total_articles, total_mentions }
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

    /// The view `query` selects (see [`catalog_query`]), streamed to `f`
    /// until it returns `false`.
    fn visit(&self, query: &CatalogQuery, f: &mut dyn FnMut(Listed) -> bool) -> Result<(), LibraryError> {
        for listed in catalog_query::select_rows(self.rows()?, query) {
            if !f(listed) {
                break;
            }
        }
        Ok(())
    }

    /// The view `query` selects, as a list.
    fn select(&self, query: &CatalogQuery) -> Result<Vec<Listed>, LibraryError> {
        let mut out = Vec::new();
        self.visit(query, &mut |l| {
            out.push(l);
            true
        })?;
        Ok(out)
    }

    /// How many articles the view holds (its offset and limit aside).
    fn count(&self, query: &CatalogQuery) -> Result<usize, LibraryError> {
        let all = CatalogQuery { offset: 0, limit: None, ..query.clone() };
        Ok(catalog_query::select_rows(self.rows()?, &all).len())
    }

    /// The row (0-based) of the view `query` selects (its offset and limit
    /// aside) that the article at list position `index` is on, if the view
    /// holds it: where a list reopens on an article.
    fn row_of(&self, query: &CatalogQuery, index: usize) -> Result<Option<usize>, LibraryError> {
        let all = CatalogQuery { offset: 0, limit: None, ..query.clone() };
        Ok(catalog_query::select_rows(self.rows()?, &all).iter().position(|l| l.index == index))
    }

    /// The rows at list positions `range` (fewer past the end): what a
    /// screen of the list shows, without reading the whole catalog.
    fn rows_in(&self, range: std::ops::Range<usize>) -> Result<Vec<Row>, LibraryError> {
        let rows = self.rows()?;
        let n = rows.len();
        Ok(rows[range.start.min(n)..range.end.min(n)].to_vec())
    }

    /// The title, source and dateline of the articles at list positions
    /// `range`: what the finder matches, without the rest of each row.
    fn titles_in(&self, range: std::ops::Range<usize>) -> Result<Vec<Titled>, LibraryError> {
        Ok(self.rows_in(range)?.into_iter().map(|r| (r.title, r.source, r.dateline)).collect())
    }

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

    /// The corpus entity of each entity of an article, in the order of
    /// [`Library::entities_of`] (corrections applied), with how many
    /// articles name it: one article's share of the corpus entities, not
    /// the whole of them (the reading room's sidebar and its reach).
    fn in_corpus(&self, article: usize) -> Result<Vec<InCorpus>, LibraryError>;

    /// The corpus-wide entity index (corrections applied), whole: every
    /// article's entities in memory. For benchmarks and comparisons; the
    /// reading room and `lookup` ask the narrower methods here instead.
    fn entity_index(&self) -> Result<CorpusIndex, LibraryError>;

    /// The corpus entity a query names, as [`CorpusIndex::resolve_query`]
    /// finds it (corrections applied). The hits list no articles: ask
    /// [`Library::entity_articles`] with a hit's `id`.
    fn resolve_entity(&self, query: &str) -> Result<QueryMatch, LibraryError>;

    /// [`Library::resolve_entity`] for several queries at once (the names
    /// are read once: `lookup A --with B`).
    fn resolve_entities(&self, queries: &[&str]) -> Result<Vec<QueryMatch>, LibraryError> {
        queries.iter().map(|q| self.resolve_entity(q)).collect()
    }

    /// The articles that mention the corpus entity `id`: the first `limit`
    /// by mentions, and the totals.
    fn entity_articles(&self, id: usize, limit: usize) -> Result<EntityArticles, LibraryError>;

    /// The mentions of the corpus entity `id` in an article, in order.
    fn entity_mentions(&self, id: usize, article: usize)
    -> Result<Vec<std::ops::Range<usize>>, LibraryError>;

    /// The entities that appear with the corpus entity `id`, in the same
    /// articles and sentences, best first (at most `limit`, and at most
    /// [`cooccur::TOP`]).
    fn cooccurring(&self, id: usize, limit: usize) -> Result<Vec<Cooccurrence>, LibraryError>;

    /// The articles that mention both corpus entities, in the order of
    /// [`cooccur::order_both`].
    fn articles_with_both(&self, a: usize, b: usize) -> Result<Vec<BothIn>, LibraryError>;

    /// Fuzzy matches on title, source and dateline.
    fn find_titles(&self, query: &str) -> Result<TitleMatches, LibraryError>;

    /// Full-text matches, best first (at most `limit`), and how many
    /// articles matched.
    fn full_text(&self, query: &Query, limit: usize) -> Result<(Vec<TextHit>, usize), LibraryError>;

    /// Does the article's text (or title) hold every part of the query?
    fn text_has(&self, index: usize, query: &Query) -> Result<bool, LibraryError>;

    /// Every listed article whose text has the query's words (as the
    /// full-text index matches them: no text is read back), with its id, in
    /// no particular order: what a watch counts ([`crate::watch`]).
    fn text_matches(&self, query: &Query) -> Result<Vec<(usize, ArticleId)>, LibraryError>;

    /// Every listed article that mentions the entity `name` of `kind`, known
    /// also as `aliases` (corrections applied), with its id, in no
    /// particular order.
    fn entity_matches(
        &self,
        name: &str,
        kind: EntityKind,
        aliases: &[String],
    ) -> Result<Vec<(usize, ArticleId)>, LibraryError>;

    /// The near-duplicate groups of the list ([`crate::dedup`]): each
    /// article's group and its members, by list position.
    fn groups(&self) -> Result<Groups, LibraryError>;

    /// What loading the corpus had to say, summed up (see
    /// [`crate::corpus::Corpus::summary_lines`]).
    fn summary_lines(&self) -> Vec<String>;

    /// Another handle on the same library for another thread (a search
    /// run beside this one's), if one is cheap to open: over the index a
    /// reader of its last commit; in memory none.
    fn another(&self) -> Option<Box<dyn Library + Send>> {
        None
    }
}

/// How many hits of a lookup a watch's entity is chosen among.
pub const WATCH_LOOKUP: usize = 20;

/// The articles (list positions) of the entity `name` of `kind` in a
/// corpus index: the entity a lookup of its name finds, of that kind.
pub fn entity_articles(index: &CorpusIndex, name: &str, kind: EntityKind) -> Vec<usize> {
    let hits = index.lookup(name, WATCH_LOOKUP);
    watched_hit(&hits, name, kind).map(|h| h.articles.iter().map(|&(i, _)| i).collect()).unwrap_or_default()
}

/// The entity a watch on `name` of `kind` follows among a lookup's hits
/// for `name` (best first): the first of that kind named so, else the
/// first of that kind the query names.
pub fn watched_hit<'a>(
    hits: &'a [crate::entities::LookupHit],
    name: &str,
    kind: EntityKind,
) -> Option<&'a crate::entities::LookupHit> {
    let key = crate::entities::fold::key(name);
    let same = |h: &&crate::entities::LookupHit| h.found && h.kind == kind;
    hits.iter()
        .filter(same)
        .find(|h| crate::entities::fold::key(&h.name) == key)
        .or_else(|| hits.iter().find(same))
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
