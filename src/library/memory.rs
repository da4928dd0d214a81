//! The library over a corpus loaded whole: today's path, for the seeds and
//! as the fallback when no index can be kept.

use std::sync::{Arc, OnceLock};

use super::{Library, LibraryError, Row, TitleMatches, find_reference};
use crate::corpus::{Article, ArticleId, Corpus, LookupError};
use crate::dedup::{Groups, Signature, group};
use crate::entities::{CorpusIndex, Corrections, Entity, EntityKind, extract_with};
use crate::search::terms::find_all;
use crate::search::{BodyIndex, Finder, Query, TextHit, TitleIndex};

pub struct MemoryLibrary {
    corpus: Corpus,
    corrections: Corrections,
    bodies: OnceLock<BodyIndex>,
    groups: OnceLock<Groups>,
}

impl MemoryLibrary {
    pub fn new(corpus: Corpus, corrections: Corrections) -> MemoryLibrary {
        MemoryLibrary { corpus, corrections, bodies: OnceLock::new(), groups: OnceLock::new() }
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

    fn text_matches(&self, query: &Query) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        use rayon::prelude::*;
        let articles = &self.corpus.articles;
        Ok((0..articles.len())
            .into_par_iter()
            .filter(|&i| self.text_has(i, query).unwrap_or(false))
            .map(|i| (i, articles[i].id.clone()))
            .collect())
    }

    fn entity_matches(
        &self,
        name: &str,
        kind: EntityKind,
        _aliases: &[String],
    ) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        let index = self.entity_index()?;
        let articles = &self.corpus.articles;
        Ok(super::entity_articles(&index, name, kind)
            .into_iter()
            .filter_map(|i| articles.get(i).map(|a| (i, a.id.clone())))
            .collect())
    }

    fn groups(&self) -> Result<Groups, LibraryError> {
        let groups = self.groups.get_or_init(|| {
            use rayon::prelude::*;
            let articles = &self.corpus.articles;
            let sigs: Vec<(usize, Signature)> = (0..articles.len())
                .into_par_iter()
                .filter_map(|i| Signature::of_article(&articles[i]).map(|s| (i, s)))
                .collect();
            group(articles.len(), &sigs)
        });
        Ok(groups.clone())
    }

    fn summary_lines(&self) -> Vec<String> {
        self.corpus.summary_lines()
    }
}
