//! The grouping as it was before [`super::lean`]: every article's
//! `Entity` values held and keys computed per member. Kept for tests only,
//! to show the lean grouping gives the very same groups.

use std::cmp::Reverse;

use rayon::prelude::*;

use super::super::gazetteer::{FastMap, FastSet};
use super::{CorpusIndex, DOMINANCE, Entity, EntityKind, Group, USED_ENOUGH, fold};
use crate::union_find::UnionFind;

/// Is `alias` only part of `name` (a short form: "Mujahid" of "Zabihullah
/// Mujahid")? Such aliases identify an entity within one article only.
fn is_short_form(name_key: &str, alias_key: &str) -> bool {
    let name_words: Vec<&str> = name_key.split(' ').collect();
    alias_key != name_key && alias_key.split(' ').all(|w| name_words.contains(&w))
}

/// [`CorpusIndex::from_entities`] as it was.
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
    use super::super::super::corrections::extract_with;
    use super::*;
    use crate::corpus::{Article, Corpus};
    use crate::entities::{Correction, Corrections};

    /// The same groups, members' groups and keys, from both groupings.
    fn assert_same_grouping(entities: Vec<Vec<Entity>>) {
        let old = from_entities(entities.clone());
        let new = CorpusIndex::from_entities(entities);
        assert!(new.entity_count() > 0);
        assert_eq!(new.group_of, old.group_of);
        assert_eq!(new.by_key, old.by_key);
        assert_eq!(format!("{:?}", new.groups), format!("{:?}", old.groups));
    }

    fn extract(articles: &[Article], corrections: &Corrections) -> Vec<Vec<Entity>> {
        articles.iter().map(|a| extract_with(a, corrections)).collect()
    }

    #[test]
    fn the_lean_grouping_is_the_old_one_on_the_seeds() {
        let corpus = Corpus::seeds();
        assert_same_grouping(extract(&corpus.articles, &Corrections::default()));
        let corrections = Corrections::new(vec![
            Correction::Hide { name: "ttp".into() },
            Correction::Merge { from: "Mujahid".into(), into: "Amir Khan Muttaqi".into() },
        ]);
        assert_same_grouping(extract(&corpus.articles, &corrections));
    }

    #[test]
    fn the_lean_grouping_is_the_old_one_on_a_synthetic_corpus() {
        let lines: Vec<String> = crate::corpus::synth::jsonl(1500, 3, 11).collect();
        let (raw, problems) = crate::corpus::formats::read_jsonl(&lines.join("\n"));
        assert!(problems.is_empty());
        let articles: Vec<Article> = (raw.into_iter().enumerate())
            .filter_map(|(i, r)| {
                let origin = crate::corpus::Origin { path: "synth.jsonl".into(), line: Some(i + 1) };
                Article::build(r, origin, None)
            })
            .collect();
        assert_eq!(articles.len(), 1500);
        assert_same_grouping(extract(&articles, &Corrections::default()));
    }
}
