//! The library over a corpus loaded whole: today's path, for the seeds and
//! as the fallback when no index can be kept.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::cooccur::{self, BothIn, Cooccurrence, Members};
use super::{
    EntityArticles, InCorpus, Library, LibraryError, Row, TitleMatches, find_reference, top_articles,
};
use crate::corpus::{Article, ArticleId, Corpus, LookupError};
use crate::dedup::{Groups, Signature, group};
use crate::entities::sentences::Sentences;
use crate::entities::{CorpusIndex, Corrections, Entity, EntityKind, QueryMatch, extract_with};
use crate::search::terms::find_all;
use crate::search::{BodyIndex, Finder, Query, TextHit, TitleIndex};

pub struct MemoryLibrary {
    corpus: Arc<Corpus>,
    corrections: Corrections,
    bodies: OnceLock<BodyIndex>,
    groups: OnceLock<Groups>,
    /// The corpus entities, made on first use.
    entities: OnceLock<CorpusIndex>,
    /// Each article's (corpus entity, sentence) pairs ([`Members::pairs`]).
    pairs: OnceLock<Vec<Vec<(u32, u32)>>>,
}

impl MemoryLibrary {
    pub fn new(corpus: Corpus, corrections: Corrections) -> MemoryLibrary {
        MemoryLibrary::shared(Arc::new(corpus), corrections)
    }

    /// Over a corpus other handles share (the reading room's workers each
    /// hold one, with the corrections of their moment).
    pub fn shared(corpus: Arc<Corpus>, corrections: Corrections) -> MemoryLibrary {
        MemoryLibrary {
            corpus,
            corrections,
            bodies: OnceLock::new(),
            groups: OnceLock::new(),
            entities: OnceLock::new(),
            pairs: OnceLock::new(),
        }
    }

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    fn index(&self) -> &CorpusIndex {
        self.entities.get_or_init(|| CorpusIndex::build(&self.corpus.articles, &self.corrections))
    }

    fn pairs(&self) -> &[Vec<(u32, u32)>] {
        let index = self.index();
        self.pairs.get_or_init(|| {
            self.corpus
                .articles
                .par_iter()
                .enumerate()
                .map(|(i, a)| {
                    let sentences = Sentences::new(&a.body);
                    Members::of(index.entities_of(i), index.groups_of(i), |at| sentences.number(at)).pairs()
                })
                .collect()
        })
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

    fn in_corpus(&self, article: usize) -> Result<Vec<InCorpus>, LibraryError> {
        self.get(article)?;
        let index = self.index();
        Ok(index
            .groups_of(article)
            .iter()
            .map(|&g| InCorpus { id: g as usize, articles: index.group_articles(g as usize).len() })
            .collect())
    }

    fn entity_index(&self) -> Result<CorpusIndex, LibraryError> {
        Ok(CorpusIndex::build(&self.corpus.articles, &self.corrections))
    }

    fn resolve_entity(&self, query: &str) -> Result<QueryMatch, LibraryError> {
        let mut m = self.index().resolve_query(query);
        let hits = match &mut m {
            QueryMatch::Found { hit, others } => {
                hit.articles.clear();
                others
            }
            QueryMatch::NotFound { suggestions } => suggestions,
        };
        hits.iter_mut().for_each(|h| h.articles.clear());
        Ok(m)
    }

    fn entity_articles(&self, id: usize, limit: usize) -> Result<EntityArticles, LibraryError> {
        Ok(top_articles(self.index().group_articles(id).to_vec(), limit))
    }

    fn entity_mentions(&self, id: usize, article: usize) -> Result<Vec<Range<usize>>, LibraryError> {
        self.get(article)?;
        Ok(self.index().mentions_in(id, article))
    }

    fn cooccurring(&self, id: usize, limit: usize) -> Result<Vec<Cooccurrence>, LibraryError> {
        let index = self.index();
        let pairs = self.pairs();
        let articles = index.group_articles(id).iter().filter_map(|&(a, _)| pairs.get(a).map(Vec::as_slice));
        let top = cooccur::top_for(id as u32, index.entity_count(), articles, limit.min(cooccur::TOP));
        let records: Vec<_> = index.records().map(|(r, _)| r).collect();
        Ok(top
            .into_iter()
            .filter_map(|(o, articles, sentences)| {
                let r = records.get(o as usize)?;
                Some(Cooccurrence { id: o as usize, name: r.name.clone(), kind: r.kind, articles, sentences })
            })
            .collect())
    }

    fn articles_with_both(&self, a: usize, b: usize) -> Result<Vec<BothIn>, LibraryError> {
        let index = self.index();
        let pairs = self.pairs();
        let mut both: Vec<BothIn> =
            cooccur::shared_articles(index.group_articles(a), index.group_articles(b))
                .into_iter()
                .map(|(article, ca, cb)| BothIn {
                    article,
                    counts: (ca, cb),
                    sentences: pairs.get(article).map_or(0, |p| cooccur::shared_in(p, a as u32, b as u32)),
                })
                .collect();
        cooccur::order_both(&mut both);
        Ok(both)
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
        let articles = &self.corpus.articles;
        Ok(super::entity_articles(self.index(), name, kind)
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
