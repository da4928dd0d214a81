//! The corpus-wide entity index: every article's entities (corrections
//! applied), and the entities of different articles that are one: same kind
//! and the same name up to spelling variants ([`fold::variant`]), an acronym
//! or other alias that is not just part of the name ("TTP"), or a person's
//! shorter name that only one longer name in the corpus ends with ("Sadiq
//! Khan" → "Mohammad Sadiq Khan", but "Khan" alone stays apart when several
//! people are called Khan).

use crate::union_find::UnionFind;
use std::cmp::Reverse;
use std::ops::Range;

use rayon::prelude::*;

use super::corrections::{Corrections, extract_with};
use super::gazetteer::{FastMap, FastSet};
use super::sentences::Sentences;
use super::{Entity, EntityKind, fold};
use crate::corpus::Article;

mod lookup;
mod stored;
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

/// Is `alias` only part of `name` (a short form: "Mujahid" of "Zabihullah
/// Mujahid")? Such aliases identify an entity within one article only.
fn is_short_form(name_key: &str, alias_key: &str) -> bool {
    let name_words: Vec<&str> = name_key.split(' ').collect();
    alias_key != name_key && alias_key.split(' ').all(|w| name_words.contains(&w))
}

impl CorpusIndex {
    /// Extracts the entities of every article (in parallel, with the
    /// corrections applied) and finds those shared across articles.
    pub fn build(articles: &[Article], corrections: &Corrections) -> CorpusIndex {
        let entities: Vec<Vec<Entity>> = articles.par_iter().map(|a| extract_with(a, corrections)).collect();
        Self::from_entities(entities)
    }

    /// The index over entities already extracted, one list per article.
    pub fn from_entities(entities: Vec<Vec<Entity>>) -> CorpusIndex {
        // Members: every (article, entity), numbered in order.
        let mut offsets = Vec::with_capacity(entities.len() + 1);
        let mut n = 0usize;
        for list in &entities {
            offsets.push(n);
            n += list.len();
        }
        offsets.push(n);
        let members: Vec<(usize, usize)> =
            entities.iter().enumerate().flat_map(|(a, list)| (0..list.len()).map(move |e| (a, e))).collect();
        // The keys of each member, computed in parallel.
        let keys: Vec<(String, Vec<(String, bool)>)> = members
            .par_iter()
            .map(|&(a, e)| {
                let ent = &entities[a][e];
                let name_key = fold::key(&ent.name);
                let mut ks: Vec<(String, bool)> = vec![(fold::variant_of_key(&name_key), true)];
                for alias in ent.aliases.iter().skip(1) {
                    let k = fold::key(alias);
                    let v = fold::variant_of_key(&k);
                    if !ks.iter().any(|(x, _)| *x == v) {
                        ks.push((v, !is_short_form(&name_key, &k)));
                    }
                }
                (name_key, ks)
            })
            .collect();
        let mut uf = UnionFind::new(n);
        let mut first: FastMap<(EntityKind, &str), u32> = FastMap::default();
        for (m, (_, ks)) in keys.iter().enumerate() {
            let (a, e) = members[m];
            let kind = entities[a][e].kind;
            for (k, linking) in ks {
                if !*linking || k.is_empty() {
                    continue;
                }
                match first.get(&(kind, k.as_str())) {
                    Some(&f) => uf.union(f, m as u32),
                    None => {
                        first.insert((kind, k.as_str()), m as u32);
                    }
                }
            }
        }
        join_short_person_names(&entities, &members, &keys, &mut uf);

        // Groups, numbered by their first member.
        let mut group_ids: FastMap<u32, u32> = FastMap::default();
        let mut group_of: Vec<Vec<u32>> = entities.iter().map(|l| Vec::with_capacity(l.len())).collect();
        let mut groups: Vec<Group> = Vec::new();
        let mut names: Vec<FastMap<&str, (usize, usize)>> = Vec::new(); // name → (articles, mentions)
        for (m, &(a, e)) in members.iter().enumerate() {
            let root = uf.find(m as u32);
            let g = *group_ids.entry(root).or_insert_with(|| {
                let ent = &entities[a][e];
                groups.push(Group {
                    name: String::new(),
                    kind: ent.kind,
                    aliases: Vec::new(),
                    keys: Vec::new(),
                    articles: Vec::new(),
                    mentions: 0,
                });
                names.push(FastMap::default());
                groups.len() as u32 - 1
            });
            group_of[a].push(g);
            let ent = &entities[a][e];
            let group = &mut groups[g as usize];
            group.mentions += ent.count();
            match group.articles.last_mut() {
                Some((last, count)) if *last == a => *count += ent.count(),
                _ => group.articles.push((a, ent.count())),
            }
            let stat = names[g as usize].entry(ent.name.as_str()).or_default();
            stat.0 += 1;
            stat.1 += ent.count();
        }
        let mut by_key: FastMap<String, Vec<(u32, bool)>> = FastMap::default();
        for (g, group) in groups.iter_mut().enumerate() {
            let stats = &names[g];
            // The fullest name among those actually used: in at least a
            // quarter as many articles as the most used one ("Gordon Brown",
            // not the "Exchequer Gordon Brown" of one article); then the
            // most used.
            let top = stats.values().map(|&(arts, _)| arts).max().unwrap_or(0);
            group.name = stats
                .iter()
                .filter(|(_, (arts, _))| arts * USED_ENOUGH >= top)
                .max_by_key(|(name, (arts, ments))| {
                    (name.split([' ', '-']).count(), *arts, *ments, name.len(), Reverse(**name))
                })
                .map(|(n, _)| n.to_string())
                .unwrap_or_default();
            group.articles.sort_by_key(|&(a, c)| (Reverse(c), a));
        }
        // Aliases: every form of every member, the group's name first, the
        // most used next; one per key.
        let mut alias_uses: Vec<FastMap<&str, usize>> = vec![FastMap::default(); groups.len()];
        for (m, &(a, e)) in members.iter().enumerate() {
            let g = group_of[a][e] as usize;
            let ent = &entities[a][e];
            let mut counts = vec![0usize; ent.aliases.len()];
            for &f in &ent.forms {
                if let Some(c) = counts.get_mut(f) {
                    *c += 1;
                }
            }
            for (i, alias) in ent.aliases.iter().enumerate() {
                *alias_uses[g].entry(alias.as_str()).or_default() += counts[i].max(1);
            }
            for (k, linking) in &keys[m].1 {
                let list = by_key.entry(k.clone()).or_default();
                match list.iter_mut().find(|(x, _)| *x == g as u32) {
                    Some(entry) => entry.1 |= *linking,
                    None => list.push((g as u32, *linking)),
                }
            }
        }
        for (g, group) in groups.iter_mut().enumerate() {
            let mut forms: Vec<(&str, usize)> = alias_uses[g].iter().map(|(a, c)| (*a, *c)).collect();
            forms.sort_by(|a, b| {
                let first = |f: &str| f != group.name;
                (first(a.0), Reverse(a.1), a.0).cmp(&(first(b.0), Reverse(b.1), b.0))
            });
            let mut seen: FastSet<String> = FastSet::default();
            for (form, _) in forms {
                let k = fold::key(form);
                if seen.insert(k.clone()) {
                    group.keys.push((k.clone(), fold::variant_of_key(&k)));
                    group.aliases.push(form.to_string());
                }
            }
        }
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

/// A person's name that is the end of exactly one longer person's name in
/// the corpus is that person ("Ebbers" → "Bernie Ebbers", "Sadiq Khan" →
/// "Mohammad Sadiq Khan"), or of one named [`DOMINANCE`] times as often as
/// the others together; shorter names are resolved after longer ones.
fn join_short_person_names(
    entities: &[Vec<Entity>],
    members: &[(usize, usize)],
    keys: &[(String, Vec<(String, bool)>)],
    uf: &mut UnionFind,
) {
    let people: Vec<(u32, Vec<&str>)> = members
        .iter()
        .enumerate()
        .filter(|(_, (a, e))| entities[*a][*e].kind == EntityKind::Person)
        .map(|(m, _)| (m as u32, keys[m].1[0].0.split(' ').collect()))
        .collect();
    let longest = people.iter().map(|(_, w)| w.len()).max().unwrap_or(0);
    for len in (1..longest).rev() {
        // The roots of the longer names each suffix of `len` words ends,
        // and how many articles each root's person is named in.
        let mut ends: FastMap<Vec<&str>, FastSet<u32>> = FastMap::default();
        let mut size: FastMap<u32, usize> = FastMap::default();
        for (m, words) in &people {
            if words.len() > len {
                let root = uf.find(*m);
                ends.entry(words[words.len() - len..].to_vec()).or_default().insert(root);
                *size.entry(root).or_default() += 1;
            }
        }
        for (m, words) in &people {
            if words.len() != len {
                continue;
            }
            let Some(roots) = ends.get(words) else { continue };
            // One person, or one so much more often named than the others
            // ("Blair": Tony Blair, not Cherie Blair) that the name is theirs.
            let mut by_size: Vec<(usize, u32)> =
                roots.iter().map(|r| (size.get(r).copied().unwrap_or(0), *r)).collect();
            by_size.sort_unstable_by_key(|&(n, r)| (Reverse(n), r));
            let others: usize = by_size.iter().skip(1).map(|(n, _)| n).sum();
            if let Some(&(n, r)) = by_size.first()
                && (others == 0 || n >= DOMINANCE * others)
            {
                uf.union(*m, r);
            }
        }
    }
}

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
