//! The library over a corpus loaded whole: today's path, for the seeds and
//! as the fallback when no index can be kept.

use std::sync::{Arc, OnceLock};

use super::{Library, LibraryError, Row, TitleMatches, find_reference};
use crate::corpus::{Article, Corpus, LookupError};
use crate::entities::{CorpusIndex, Corrections, Entity, extract_with};
use crate::search::terms::find_all;
use crate::search::{BodyIndex, Finder, Query, TextHit, TitleIndex};

pub struct MemoryLibrary {
    corpus: Arc<Corpus>,
    corrections: Corrections,
    bodies: OnceLock<BodyIndex>,
}

impl MemoryLibrary {
    pub fn new(corpus: Corpus, corrections: Corrections) -> MemoryLibrary {
        MemoryLibrary::shared(Arc::new(corpus), corrections)
    }

    /// Over a corpus other handles share (the reading room's workers each
    /// hold one, with the corrections of their moment).
    pub fn shared(corpus: Arc<Corpus>, corrections: Corrections) -> MemoryLibrary {
        MemoryLibrary { corpus, corrections, bodies: OnceLock::new() }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    fn get(&self, index: usize) -> Result<&Article, LibraryError> {
        self.corpus.articles.get(index).ok_or_else(|| {
            LibraryError::Lookup(LookupError::NotFound(format!("article number {}", index + 1)))
        })
    }
}

impl Library for MemoryLibrary {
    fn len(&self) -> usize {
        self.corpus.articles.len()
    }

    fn rows(&self) -> Result<Vec<Row>, LibraryError> {
        Ok(self.corpus.articles.iter().map(Row::of).collect())
    }

    fn rows_in(&self, range: std::ops::Range<usize>) -> Result<Vec<Row>, LibraryError> {
        let n = self.corpus.articles.len();
        let range = range.start.min(n)..range.end.min(n);
        Ok(self.corpus.articles[range].iter().map(Row::of).collect())
    }

    fn find(&self, reference: &str) -> Result<usize, LookupError> {
        let articles = &self.corpus.articles;
        find_reference(reference, articles.len(), |prefix| {
            (0..articles.len()).filter(|&i| articles[i].id.as_str().starts_with(prefix)).collect()
        })
    }

    fn article(&self, index: usize) -> Result<Article, LibraryError> {
        self.get(index).cloned()
    }

    fn entities_of(&self, index: usize) -> Result<Vec<Entity>, LibraryError> {
        Ok(extract_with(self.get(index)?, &self.corrections))
    }

    fn entity_index(&self) -> Result<CorpusIndex, LibraryError> {
        Ok(CorpusIndex::build(&self.corpus.articles, &self.corrections))
    }

    fn find_titles(&self, query: &str) -> Result<TitleMatches, LibraryError> {
        let mut finder = Finder::new(Arc::new(TitleIndex::new(&self.corpus.articles)));
        let (hits, total) = finder.search(query, usize::MAX);
        Ok(TitleMatches { hits, total, cut: finder.cut() })
    }

    fn full_text(&self, query: &Query, limit: usize) -> Result<(Vec<TextHit>, usize), LibraryError> {
        let bodies = self.bodies.get_or_init(|| BodyIndex::new(&self.corpus.articles));
        Ok(bodies.search(&self.corpus.articles, query, limit))
    }

    fn text_has(&self, index: usize, q: &Query) -> Result<bool, LibraryError> {
        let a = self.get(index)?;
        Ok(q.parts.iter().all(|p| {
            let part = Query { parts: vec![p.clone()], case_sensitive: q.case_sensitive };
            !find_all(&a.body, &part).is_empty() || !find_all(&a.title, &part).is_empty()
        }))
    }

    fn summary_lines(&self) -> Vec<String> {
        self.corpus.summary_lines()
    }
}
