//! The reading room's window over the library: how many articles there
//! are, the rows on screen, the open article and the few others asked for
//! (notes' passages), fetched when first needed and kept in small caches.
//! No whole corpus is held here: over the SQLite index a row is an indexed
//! read and an article one read of its source file; the corpus-wide work
//! (titles for the finder, the entity index, bringing the index up to date)
//! runs on workers, each with its own handle from [`Opener`].

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::ops::Range;
use std::sync::{Arc, Mutex};

use crate::corpus::{Article, ArticleId, Corpus, Origin, ParaKind, Paragraph};
use crate::entities::{Corrections, Entity};
use crate::library::catalog_query::{CatalogQuery, Ids, Sort};
use crate::library::{Library, LibraryError, MemoryLibrary, Row};

/// Opens a handle on the library for one thread, with the corrections it
/// should apply (the UI's own handle applies none: the app applies the
/// corrections of the moment).
pub type Opener = Arc<dyn Fn(&Corrections) -> Result<Box<dyn Library + Send>, LibraryError> + Send + Sync>;

/// Rows kept; past this the cache starts again (a screen needs ~100).
const ROWS_KEPT: usize = 4096;
/// Articles kept (the open one, and notes' articles).
const ARTICLES_KEPT: usize = 16;
/// Rows fetched around a miss, so scrolling reads in blocks (and a
/// scattered filter result reads little more than itself).
const ROW_BLOCK: usize = 32;

/// Which engine is behind the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The corpus loaded whole: entities are extracted on demand.
    Memory,
    /// The index: entities are stored, read per article.
    Index,
}

pub struct Catalog {
    opener: Opener,
    engine: Engine,
    library: Mutex<Option<Box<dyn Library + Send>>>,
    len: usize,
    load_notes: usize,
    rows: RefCell<HashMap<usize, Row>>,
    articles: RefCell<VecDeque<(usize, Arc<Article>)>>,
    positions: RefCell<HashMap<String, Option<usize>>>,
    /// The list's view (sort, dates, ids) and how many it holds; the
    /// plain view is the catalog in list order.
    view: CatalogQuery,
    view_len: usize,
    /// Rows of the view read so far: row → catalog position.
    view_rows: RefCell<HashMap<usize, usize>>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog").field("engine", &self.engine).field("len", &self.len).finish()
    }
}

impl From<Corpus> for Catalog {
    fn from(corpus: Corpus) -> Catalog {
        Catalog::memory(Arc::new(corpus))
    }
}

impl From<Arc<Corpus>> for Catalog {
    fn from(corpus: Arc<Corpus>) -> Catalog {
        Catalog::memory(corpus)
    }
}

/// An opener over a corpus in memory.
pub fn memory_opener(corpus: Arc<Corpus>) -> Opener {
    Arc::new(move |c: &Corrections| Ok(Box::new(MemoryLibrary::shared(corpus.clone(), c.clone())) as _))
}

impl super::rows::Listing for Catalog {
    fn rows(&self) -> usize {
        self.listed()
    }

    fn at(&self, row: usize) -> Option<usize> {
        if self.plain() {
            return (row < self.len).then_some(row);
        }
        if row >= self.view_len {
            return None;
        }
        if let Some(&i) = self.view_rows.borrow().get(&row) {
            return Some(i);
        }
        let start = row - row % ROW_BLOCK;
        self.prefetch_listed(start..start + ROW_BLOCK);
        self.view_rows.borrow().get(&row).copied()
    }

    fn row_of(&self, index: usize) -> Option<usize> {
        if self.plain() {
            return (index < self.len).then_some(index);
        }
        if let Some((&row, _)) = self.view_rows.borrow().iter().find(|&(_, &i)| i == index) {
            return Some(row);
        }
        // Counted from the article's sort key (the library's indexes).
        self.with(|l| l.row_of(&self.view, index).ok().flatten())
    }
}

impl Catalog {
    /// Over a corpus loaded whole (the seeds, `--no-index`, the fallback).
    pub fn memory(corpus: Arc<Corpus>) -> Catalog {
        let notes = corpus.load_notes.len();
        let mut c = Catalog::open(memory_opener(corpus), Engine::Memory);
        c.load_notes = notes;
        c
    }

    /// Over whatever `opener` opens; a library that cannot be opened (no
    /// index yet) is an empty catalog until [`Catalog::reload`].
    pub fn open(opener: Opener, engine: Engine) -> Catalog {
        let mut c = Catalog {
            opener,
            engine,
            library: Mutex::new(None),
            len: 0,
            load_notes: 0,
            rows: RefCell::default(),
            articles: RefCell::default(),
            positions: RefCell::default(),
            view: CatalogQuery::default(),
            view_len: 0,
            view_rows: RefCell::default(),
        };
        c.reload();
        c
    }

    /// Opens the library again (after an update committed): the new count,
    /// caches dropped. An error leaves the catalog empty.
    pub fn reload(&mut self) {
        let library = (self.opener)(&Corrections::default()).ok();
        self.len = library.as_ref().map_or(0, |l| l.len());
        *self.library.get_mut().unwrap_or_else(|p| p.into_inner()) = library;
        self.rows.get_mut().clear();
        self.articles.get_mut().clear();
        self.positions.get_mut().clear();
        self.view_rows.get_mut().clear();
        self.view_len = if self.plain() { self.len } else { self.count_view(&self.view) };
    }

    /// Is the view the catalog as it is (list order, nothing left out)?
    pub fn plain(&self) -> bool {
        let q = &self.view;
        q.sort == Sort::List && q.ids == Ids::All && q.since.is_none() && q.until.is_none()
    }

    fn count_view(&self, q: &CatalogQuery) -> usize {
        self.with(|l| l.count(q).ok()).unwrap_or(0)
    }

    /// How many articles the view holds.
    pub fn listed(&self) -> usize {
        if self.plain() { self.len } else { self.view_len }
    }

    /// The view the list shows now.
    pub fn view(&self) -> &CatalogQuery {
        &self.view
    }

    /// Shows another view (its offset and limit are the list's own).
    pub fn set_view(&mut self, view: CatalogQuery) {
        self.view = CatalogQuery { offset: 0, limit: None, ..view };
        self.view_rows.get_mut().clear();
        self.view_len = if self.plain() { self.len } else { self.count_view(&self.view) };
    }

    /// Reads the rows at list rows `range` (of the view) into the caches.
    pub fn prefetch_listed(&self, range: Range<usize>) {
        if self.plain() {
            return self.prefetch(range);
        }
        let range = range.start.min(self.view_len)..range.end.min(self.view_len);
        if range.clone().all(|r| self.view_rows.borrow().contains_key(&r)) {
            return;
        }
        let q = CatalogQuery { offset: range.start, limit: Some(range.len()), ..self.view.clone() };
        let Some(listed) = self.with(|l| l.select(&q).ok()) else { return };
        let (mut rows, mut view) = (self.rows.borrow_mut(), self.view_rows.borrow_mut());
        if rows.len() + listed.len() > ROWS_KEPT {
            rows.clear();
        }
        if view.len() + listed.len() > ROWS_KEPT {
            view.clear();
        }
        for (k, l) in listed.into_iter().enumerate() {
            view.insert(range.start + k, l.index);
            rows.insert(l.index, l.row);
        }
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// A handle for another thread.
    pub fn opener(&self) -> Opener {
        self.opener.clone()
    }

    /// How many articles the list has.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn with<T>(&self, f: impl FnOnce(&dyn Library) -> Option<T>) -> Option<T> {
        let guard = self.library.lock().unwrap_or_else(|p| p.into_inner());
        f(guard.as_deref()?)
    }

    /// Reads the rows at `range` into the cache, unless they are there.
    pub fn prefetch(&self, range: Range<usize>) {
        let range = range.start.min(self.len)..range.end.min(self.len);
        if range.clone().all(|i| self.rows.borrow().contains_key(&i)) {
            return;
        }
        let Some(rows) = self.with(|l| l.rows_in(range.clone()).ok()) else { return };
        let mut cache = self.rows.borrow_mut();
        if cache.len() + rows.len() > ROWS_KEPT {
            cache.clear();
        }
        for (i, row) in rows.into_iter().enumerate() {
            cache.insert(range.start + i, row);
        }
    }

    /// The row at list position `i`, read (with its neighbours) if needed.
    pub fn row(&self, i: usize) -> Option<Row> {
        if i >= self.len {
            return None;
        }
        if let Some(r) = self.rows.borrow().get(&i) {
            return Some(r.clone());
        }
        let start = i - i % ROW_BLOCK;
        self.prefetch(start..start + ROW_BLOCK);
        self.rows.borrow().get(&i).cloned()
    }

    /// The title at position `i` (empty if it cannot be read).
    pub fn title(&self, i: usize) -> String {
        self.row(i).map(|r| r.title).unwrap_or_default()
    }

    /// The id of the article at position `i`.
    pub fn id(&self, i: usize) -> Option<String> {
        self.row(i).map(|r| r.id.0)
    }

    /// The list position of the article with this id, if it is listed.
    pub fn position(&self, id: &str) -> Option<usize> {
        if id.is_empty() {
            return None;
        }
        if let Some(p) = self.positions.borrow().get(id) {
            return *p;
        }
        let found = self.with(|l| l.find(id).ok()).filter(|&p| self.id(p).as_deref() == Some(id));
        self.positions.borrow_mut().insert(id.to_string(), found);
        found
    }

    /// The article at position `i`, text and all (read back from its
    /// source over the index); `None` if it cannot be read.
    pub fn article(&self, i: usize) -> Option<Arc<Article>> {
        if let Some((_, a)) = self.articles.borrow().iter().find(|(k, _)| *k == i) {
            return Some(a.clone());
        }
        let article = Arc::new(self.with(|l| l.article(i).ok())?);
        let mut cache = self.articles.borrow_mut();
        if cache.len() >= ARTICLES_KEPT {
            cache.pop_back();
        }
        cache.push_front((i, article.clone()));
        Some(article)
    }

    /// The article at `i`, or when its source cannot be read back (moved,
    /// changed or deleted since it was indexed) a stand-in that says so.
    pub fn article_or_placeholder(&self, i: usize) -> Arc<Article> {
        if let Some(a) = self.article(i) {
            return a;
        }
        let row = self.row(i);
        let body = "This article's file cannot be read now (moved, changed or deleted since it was \
                    indexed). It is read again when the index is brought up to date."
            .to_string();
        Arc::new(Article {
            id: row.as_ref().map_or_else(|| ArticleId(String::new()), |r| r.id.clone()),
            origin: row
                .as_ref()
                .map_or_else(|| Origin { path: String::new(), line: None }, |r| r.origin.clone()),
            title: row.as_ref().map_or_else(String::new, |r| r.title.clone()),
            source: row.as_ref().and_then(|r| r.source.clone()),
            dateline: None,
            section: row.as_ref().and_then(|r| r.section.clone()),
            url: None,
            published: None,
            paragraphs: vec![Paragraph { range: 0..body.len(), kind: ParaKind::Text }],
            words: body.split_whitespace().count(),
            body,
        })
    }

    /// The entities stored for the article at `i`, without corrections
    /// (the index engine only: the memory engine extracts them).
    pub fn stored_entities(&self, i: usize) -> Option<Vec<Entity>> {
        match self.engine {
            Engine::Index => self.with(|l| l.entities_of(i).ok()),
            Engine::Memory => None,
        }
    }

    /// How many notes loading a corpus in memory had (files skipped or
    /// with warnings); the index's are shown by `rroom list`.
    pub fn load_notes(&self) -> usize {
        self.load_notes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_articles_come_from_the_library() {
        let corpus = Corpus::seeds();
        let cat = Catalog::from(corpus.clone());
        assert_eq!(cat.len(), corpus.articles.len());
        let last = corpus.articles.len() - 1;
        assert_eq!(cat.title(last), corpus.articles[last].title);
        assert_eq!(cat.article(2).map(|a| a.body.clone()), Some(corpus.articles[2].body.clone()));
        assert_eq!(cat.position(corpus.articles[3].id.as_str()), Some(3));
        assert_eq!(cat.position("no such id"), None);
        assert!(cat.row(last + 1).is_none());
    }
}
