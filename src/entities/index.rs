//! The corpus-wide entity index: every article's entities (corrections
//! applied), and the entities of different articles that are one: same kind
//! and the same name up to spelling variants ([`fold::variant`]), an acronym
//! or other alias that is not just part of the name ("TTP"), or a person's
//! shorter name that only one longer name in the corpus ends with ("Sadiq
//! Khan" → "Mohammad Sadiq Khan", but "Khan" alone stays apart when several
//! people are called Khan).

use std::cmp::Reverse;
use std::ops::Range;

use rayon::prelude::*;

use super::corrections::{Corrections, extract_with};
use super::gazetteer::FastMap;
use super::sentences::Sentences;
use super::{Entity, EntityKind, fold};
use crate::corpus::Article;

mod group;
mod lean;
mod lookup;
#[cfg(test)]
pub(crate) mod reference;
mod stored;
pub use lean::{ArticleSurfaces, LeanEntities};
pub use lookup::{NameKeys, QueryMatch, RESOLVE_HITS, rank, resolve_hits};
pub use stored::{GroupRecord, StoredGroup};

/// One entity across the corpus, found by [`CorpusIndex::lookup`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LookupHit {
    /// The name most articles use for it.
    pub name: String,
    pub kind: EntityKind,
    /// Every name and alias used for it across the corpus, the name first.
    pub aliases: Vec<String>,
    /// (article index, mention count), most mentions first.
    pub articles: Vec<(usize, usize)>,
    /// Higher is better: exact name or alias, then every word of the query
    /// a word of a name, then word prefixes, then a close spelling.
    pub score: i64,
    /// Does the query name it (an exact name, its words or their starts, or
    /// a close spelling), or is it only close ([`CorpusIndex::resolve_query`])?
    pub found: bool,
    /// Its id in the index (see [`CorpusIndex::mentions_in`]).
    pub id: usize,
}

/// One entity across the corpus.
#[derive(Debug, Clone)]
struct Group {
    name: String,
    kind: EntityKind,
    aliases: Vec<String>,
    /// (folded key, variant key) of each alias, for lookups.
    keys: Vec<(String, String)>,
    articles: Vec<(usize, usize)>,
    mentions: usize,
}

/// Every article's entities and the entities they share. Built once (in
/// parallel); read-only afterwards.
#[derive(Debug, Default)]
pub struct CorpusIndex {
    entities: Vec<Vec<Entity>>,
    /// The group of each entity of each article.
    group_of: Vec<Vec<u32>>,
    groups: Vec<Group>,
    /// Variant key of every name and alias → (group, is it a name that
    /// identifies the group rather than a short form).
    by_key: FastMap<String, Vec<(u32, bool)>>,
}

impl CorpusIndex {
    /// Extracts the entities of every article (in parallel, with the
    /// corrections applied) and finds those shared across articles.
    pub fn build(articles: &[Article], corrections: &Corrections) -> CorpusIndex {
        let entities: Vec<Vec<Entity>> = articles.par_iter().map(|a| extract_with(a, corrections)).collect();
        Self::from_entities(entities)
    }

    /// The index over entities already extracted, one list per article:
    /// grouped as the library's stored table groups them ([`group`]).
    pub fn from_entities(entities: Vec<Vec<Entity>>) -> CorpusIndex {
        let mut lean = LeanEntities::default();
        for list in &entities {
            lean.push_article(list);
        }
        let group::Grouped { group_of, groups, by_key } = group::group(lean);
        CorpusIndex { entities, group_of, groups, by_key }
    }

    /// The number of articles indexed.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// How many entities the corpus has (each counted once across articles).
    pub fn entity_count(&self) -> usize {
        self.groups.len()
    }

    /// The entities of one article, corrections applied (empty for an index
    /// out of range).
    pub fn entities_of(&self, article: usize) -> &[Entity] {
        self.entities.get(article).map_or(&[], Vec::as_slice)
    }

    /// The entities of `article` that are the corpus entity `id` (from a
    /// [`LookupHit`]), and their mentions, in order.
    pub fn mentions_in(&self, id: usize, article: usize) -> Vec<Range<usize>> {
        let (Some(ents), Some(groups)) = (self.entities.get(article), self.group_of.get(article)) else {
            return Vec::new();
        };
        let mut v: Vec<Range<usize>> = (ents.iter().zip(groups))
            .filter(|(_, g)| **g as usize == id)
            .flat_map(|(e, _)| e.mentions.iter().cloned())
            .collect();
        v.sort_by_key(|r| r.start);
        v
    }

    /// One snippet per sentence of `body` (the text of `article`) that
    /// mentions the corpus entity `id`, around its first mention there, at
    /// most about `max_chars` characters each. Linear in the body and the
    /// mentions, however long the sentences.
    pub fn snippets_in(&self, id: usize, article: usize, body: &str, max_chars: usize) -> Vec<String> {
        snippets(body, self.mentions_in(id, article), max_chars)
    }

    /// The articles that mention the entity `entity` of `article` (itself
    /// included): (article index, mention count), most mentions first.
    pub fn articles_for_entity(&self, article: usize, entity: usize) -> Vec<(usize, usize)> {
        self.group_of
            .get(article)
            .and_then(|g| g.get(entity))
            .map_or_else(Vec::new, |&g| self.groups[g as usize].articles.clone())
    }

    /// The articles that mention an entity called `name` (its canonical name
    /// or an alias, any case, spelling variants included): (article index,
    /// mention count), most mentions first. A name that identifies entities
    /// (a canonical name, an acronym) gives theirs; a short form only
    /// ("Khan") gives those of every entity it is an alias of.
    pub fn articles_for(&self, name: &str) -> Vec<(usize, usize)> {
        let key = fold::variant(name);
        let Some(list) = self.by_key.get(&key) else { return Vec::new() };
        let identifying: Vec<u32> = list.iter().filter(|(_, l)| *l).map(|(g, _)| *g).collect();
        let chosen: Vec<u32> =
            if identifying.is_empty() { list.iter().map(|(g, _)| *g).collect() } else { identifying };
        self.union_articles(&chosen)
    }

    fn union_articles(&self, groups: &[u32]) -> Vec<(usize, usize)> {
        if let [g] = groups {
            return self.groups[*g as usize].articles.clone();
        }
        let mut counts: FastMap<usize, usize> = FastMap::default();
        for &g in groups {
            for &(a, c) in &self.groups[g as usize].articles {
                *counts.entry(a).or_default() += c;
            }
        }
        let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
        v.sort_by_key(|&(a, c)| (Reverse(c), a));
        v
    }
}

/// One snippet per sentence of `body` holding a mention in `mentions`
/// (sorted by start), around its first mention there, at most about
/// `max_chars` characters each (see [`CorpusIndex::snippets_in`]).
pub fn snippets(body: &str, mentions: Vec<Range<usize>>, max_chars: usize) -> Vec<String> {
    let sentences = Sentences::new(body);
    let mut snippets = Vec::new();
    let mut last_sentence = None;
    for r in mentions {
        let sentence = sentences.bounds(r.clone());
        if last_sentence.as_ref() != Some(&sentence) {
            snippets.push(sentences.around(r, max_chars));
            last_sentence = Some(sentence);
        }
    }
    snippets
}

/// A name is the canonical name of a corpus entity only if it is used in
/// at least 1/USED_ENOUGH as many articles as the entity's most used name.
const USED_ENOUGH: usize = 4;

/// How many times more articles must name one person than all the others
/// sharing a surname for the bare surname to be theirs.
const DOMINANCE: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn the_seeds_share_their_entities() {
        let corpus = Corpus::seeds();
        let index = CorpusIndex::build(&corpus.articles, &Corrections::default());
        assert_eq!(index.len(), 5);
        let ttp = index.articles_for("TTP");
        assert_eq!(ttp.len(), 5, "{ttp:?}");
        for name in ["Tehrik-e-Taliban Pakistan", "tehreek-e-taliban pakistan", "Tehrik-i-Taliban Pakistan"] {
            assert_eq!(index.articles_for(name), ttp, "{name}");
        }
        let khan = index.articles_for("Mohammad Sadiq Khan");
        assert_eq!(khan, [(1, 4), (0, 3)], "most mentions first");
        assert_eq!(index.articles_for("Sadiq Khan"), khan);
        assert!(index.articles_for("nobody at all").is_empty());
        let hit = &index.lookup("ttp", 5)[0];
        assert_eq!(hit.kind, EntityKind::Organization);
        assert_eq!(hit.articles.len(), 5);
        assert!(hit.aliases.iter().any(|a| a == "TTP"));
        let hit = &index.lookup("mujahid", 5)[0];
        assert_eq!(hit.name, "Zabihullah Mujahid");
        assert_eq!(hit.kind, EntityKind::Person);
        let hit = &index.lookup("muttaqi", 5)[0];
        assert_eq!(hit.name, "Amir Khan Muttaqi");
        assert_eq!(hit.articles.len(), 2);
        assert_eq!(index.lookup("muttaq", 5)[0].name, "Amir Khan Muttaqi", "a word prefix");
        assert_eq!(index.lookup("zabiulah", 5)[0].name, "Zabihullah Mujahid", "fuzzy");
        assert!(index.lookup("qwertyuiop", 5).is_empty());
        assert!(index.lookup("", 5).is_empty());
        // Entities of an article and where else they are.
        let e = index.entities_of(4).iter().position(|e| e.name == "Zabihullah Mujahid").unwrap();
        let others = index.articles_for_entity(4, e);
        // Seed 3 names him only in its headline.
        assert_eq!(others.iter().map(|a| a.0).collect::<Vec<_>>(), [4, 2, 3]);
        assert!(index.entities_of(99).is_empty());
    }

    #[test]
    fn corrections_apply_across_the_corpus() {
        let corpus = Corpus::seeds();
        let hide = Corrections::new(vec![crate::entities::Correction::Hide { name: "ttp".into() }]);
        let index = CorpusIndex::build(&corpus.articles, &hide);
        assert!(index.articles_for("TTP").is_empty());
        assert!(index.lookup("ttp", 5).iter().all(|h| !h.aliases.iter().any(|a| a == "TTP")));
    }

    #[test]
    fn short_person_names_join_only_when_unambiguous() {
        use crate::entities::Entity;
        let person = |name: &str| Entity {
            name: name.into(),
            kind: EntityKind::Person,
            aliases: vec![name.into()],
            mentions: std::iter::once(0..1).collect(),
            forms: vec![0],
        };
        let index = CorpusIndex::from_entities(vec![
            vec![person("Bernie Ebbers"), person("Tony Blair")],
            vec![person("Ebbers"), person("Blair")],
            vec![person("Cherie Blair")],
        ]);
        assert_eq!(index.articles_for("Ebbers"), [(0, 1), (1, 1)]);
        assert_eq!(index.articles_for("Tony Blair"), [(0, 1)]);
        assert_eq!(index.articles_for("Blair"), [(1, 1)]);
        // One Blair named in far more articles than the other takes the surname.
        let mut lists = vec![vec![person("Tony Blair")]; 10];
        lists.push(vec![person("Blair")]);
        lists.push(vec![person("Cherie Blair")]);
        let index = CorpusIndex::from_entities(lists);
        assert_eq!(index.articles_for("Blair").len(), 11);
        assert_eq!(index.lookup("blair", 5)[0].name, "Tony Blair");
    }
}
