//! The corpus entities as plain records, for a library that stores them
//! (see `crate::library`): [`CorpusIndex::records`] gives them, and
//! [`CorpusIndex::from_records`] makes an index that answers
//! [`CorpusIndex::lookup`] and [`CorpusIndex::resolve_query`] from them
//! alone, without the articles' entities.

use super::group::{Grouped, group};
use super::{CorpusIndex, EntityKind, Group, LeanEntities};

/// One corpus entity: what a lookup ranks by, and what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRecord {
    pub name: String,
    pub kind: EntityKind,
    /// Every name and alias used for it, the name first.
    pub aliases: Vec<String>,
    /// (folded key, variant key) of each alias, in the same order.
    pub keys: Vec<(String, String)>,
    /// Mentions across the corpus.
    pub mentions: usize,
}

/// A corpus entity and its articles: (article index, mention count), most
/// mentions first.
pub type StoredGroup = (GroupRecord, Vec<(usize, usize)>);

impl CorpusIndex {
    /// Every corpus entity, in id order, and its articles: (article index,
    /// mention count), most mentions first.
    pub fn records(&self) -> impl Iterator<Item = (GroupRecord, &[(usize, usize)])> {
        self.groups.iter().map(|g| {
            let record = GroupRecord {
                name: g.name.clone(),
                kind: g.kind,
                aliases: g.aliases.clone(),
                keys: g.keys.clone(),
                mentions: g.mentions,
            };
            (record, g.articles.as_slice())
        })
    }

    /// The corpus entity of each entity of each article, and every corpus
    /// entity in id order with its articles ([`CorpusIndex::records`]):
    /// what a library stores, the articles' entities dropped at once.
    pub fn into_stored(self) -> (Vec<Vec<u32>>, Vec<StoredGroup>) {
        let CorpusIndex { entities, group_of, groups, by_key } = self;
        drop((entities, by_key));
        (group_of, records_of(groups))
    }

    /// What [`CorpusIndex::into_stored`] gives of the index over these
    /// entities ([`CorpusIndex::from_entities`]), grouped from the lean
    /// form alone, without the articles' entities.
    pub fn stored_from(lean: LeanEntities) -> (Vec<Vec<u32>>, Vec<StoredGroup>) {
        let Grouped { group_of, groups, by_key } = group(lean);
        drop(by_key);
        (group_of, records_of(groups))
    }

    /// The articles of the corpus entity `id`: (article index, mention
    /// count), most mentions first.
    pub fn group_articles(&self, id: usize) -> &[(usize, usize)] {
        self.groups.get(id).map_or(&[], |g| g.articles.as_slice())
    }

    /// The corpus entity of each entity of `article`, in order.
    pub fn groups_of(&self, article: usize) -> &[u32] {
        self.group_of.get(article).map_or(&[], Vec::as_slice)
    }

    /// An index over stored records (ids are positions in `records`): it
    /// answers lookups; its hits list no articles, and it knows no
    /// article's entities.
    pub fn from_records(records: Vec<GroupRecord>) -> CorpusIndex {
        let groups = records
            .into_iter()
            .map(|r| Group {
                name: r.name,
                kind: r.kind,
                aliases: r.aliases,
                keys: r.keys,
                articles: Vec::new(),
                mentions: r.mentions,
            })
            .collect();
        CorpusIndex { groups, ..CorpusIndex::default() }
    }
}

/// The stored records of groups, in id order, and their articles.
fn records_of(groups: Vec<Group>) -> Vec<StoredGroup> {
    groups
        .into_iter()
        .map(|g| {
            let record = GroupRecord {
                name: g.name,
                kind: g.kind,
                aliases: g.aliases,
                keys: g.keys,
                mentions: g.mentions,
            };
            (record, g.articles)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::entities::Corrections;

    #[test]
    fn stored_records_answer_lookups_as_the_full_index() {
        let corpus = Corpus::seeds();
        let full = CorpusIndex::build(&corpus.articles, &Corrections::default());
        let stored = CorpusIndex::from_records(full.records().map(|(r, _)| r).collect());
        for q in ["ttp", "mujahid", "Sadiq Khan", "muttaq", "zabiulah", "qwertyuiop", "kabul"] {
            let strip = |hits: Vec<crate::entities::LookupHit>| {
                hits.into_iter().map(|h| (h.id, h.name, h.score, h.found)).collect::<Vec<_>>()
            };
            assert_eq!(strip(stored.lookup(q, 5)), strip(full.lookup(q, 5)), "{q}");
        }
        assert_eq!(stored.entity_count(), full.entity_count());
        assert!(full.groups_of(0).len() == full.entities_of(0).len());
    }
}
