//! The grouping itself: which (article, entity) members are one corpus
//! entity, its name, aliases and articles, over [`LeanEntities`] (the one
//! grouping of both the in-memory index and the stored table).

use std::cmp::Reverse;

use super::super::gazetteer::{FastMap, FastSet};
use super::lean::LeanEntities;
use super::{DOMINANCE, Group, USED_ENOUGH};
use crate::entities::EntityKind;
use crate::union_find::UnionFind;

/// The groups of a corpus: the group of each member of each article, the
/// groups, and the variant key of every name and alias → (group, is it a
/// name that identifies the group rather than a short form).
pub(super) struct Grouped {
    pub(super) group_of: Vec<Vec<u32>>,
    pub(super) groups: Vec<Group>,
    pub(super) by_key: FastMap<String, Vec<(u32, bool)>>,
}

/// Groups the members of `lean` (see [`super::CorpusIndex::from_entities`]).
pub(super) fn group(mut lean: LeanEntities) -> Grouped {
    lean.done_filling();
    let lean = &lean;
    let n = lean.members.len();
    let mut uf = UnionFind::new(n);
    let mut first: FastMap<(EntityKind, u32), u32> = FastMap::default();
    for (m, member) in lean.members.iter().enumerate() {
        let s = &lean.surfaces[member.surface as usize];
        for &(k, linking) in s.keys.iter() {
            if !linking || lean.variants[k as usize].is_empty() {
                continue;
            }
            match first.get(&(s.kind, k)) {
                Some(&f) => uf.union(f, m as u32),
                None => {
                    first.insert((s.kind, k), m as u32);
                }
            }
        }
    }
    drop(first);
    join_short_person_names(lean, &mut uf);

    // Groups, numbered by their first member.
    let mut group_ids: FastMap<u32, u32> = FastMap::default();
    let mut group_of: Vec<Vec<u32>> = Vec::with_capacity(lean.articles());
    let mut groups: Vec<Group> = Vec::new();
    let mut names: Vec<FastMap<u32, (usize, usize)>> = Vec::new(); // name → (articles, mentions)
    for a in 0..lean.articles() {
        let range = lean.range(a);
        let mut of = Vec::with_capacity(range.len());
        for m in range {
            let member = lean.members[m];
            let s = &lean.surfaces[member.surface as usize];
            let root = uf.find(m as u32);
            let g = *group_ids.entry(root).or_insert_with(|| {
                groups.push(Group {
                    name: String::new(),
                    kind: s.kind,
                    aliases: Vec::new(),
                    keys: Vec::new(),
                    articles: Vec::new(),
                    mentions: 0,
                });
                names.push(FastMap::default());
                groups.len() as u32 - 1
            });
            of.push(g);
            let count = member.count as usize;
            let group = &mut groups[g as usize];
            group.mentions += count;
            match group.articles.last_mut() {
                Some((last, c)) if *last == a => *c += count,
                _ => group.articles.push((a, count)),
            }
            let stat = names[g as usize].entry(s.name).or_default();
            stat.0 += 1;
            stat.1 += count;
        }
        group_of.push(of);
    }
    drop((uf, group_ids));
    let text = |id: u32| -> &str { &lean.texts[id as usize].text };
    for (g, group) in groups.iter_mut().enumerate() {
        let stats = &names[g];
        // The fullest name among those actually used: in at least a
        // quarter as many articles as the most used one ("Gordon Brown",
        // not the "Exchequer Gordon Brown" of one article); then the
        // most used.
        let top = stats.values().map(|&(arts, _)| arts).max().unwrap_or(0);
        group.name = stats
            .iter()
            .map(|(&id, &stat)| (text(id), stat))
            .filter(|(_, (arts, _))| arts * USED_ENOUGH >= top)
            .max_by_key(|(name, (arts, ments))| {
                (name.split([' ', '-']).count(), *arts, *ments, name.len(), Reverse(*name))
            })
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        group.articles.sort_by_key(|&(a, c)| (Reverse(c), a));
    }
    drop(names);
    // Aliases: every form of every member, the group's name first, the
    // most used next; one per key.
    let mut by_variant: FastMap<u32, Vec<(u32, bool)>> = FastMap::default();
    let mut alias_uses: Vec<FastMap<u32, usize>> = vec![FastMap::default(); groups.len()];
    let mut at = 0;
    for (a, of) in group_of.iter().enumerate() {
        for (m, &g) in lean.range(a).zip(of) {
            let s = &lean.surfaces[lean.members[m].surface as usize];
            for (i, &alias) in s.aliases.iter().enumerate() {
                *alias_uses[g as usize].entry(alias).or_default() += lean.uses[at + i] as usize;
            }
            at += s.aliases.len();
            for &(k, linking) in s.keys.iter() {
                let list = by_variant.entry(k).or_default();
                match list.iter_mut().find(|(x, _)| *x == g) {
                    Some(entry) => entry.1 |= linking,
                    None => list.push((g, linking)),
                }
            }
        }
    }
    for (g, group) in groups.iter_mut().enumerate() {
        let mut forms: Vec<(u32, usize)> = alias_uses[g].iter().map(|(a, c)| (*a, *c)).collect();
        forms.sort_by(|a, b| {
            let first = |f: &str| f != group.name;
            let (fa, fb) = (text(a.0), text(b.0));
            (first(fa), Reverse(a.1), fa).cmp(&(first(fb), Reverse(b.1), fb))
        });
        let mut seen: FastSet<&str> = FastSet::default();
        for (form, _) in forms {
            let t = &lean.texts[form as usize];
            if seen.insert(&t.key) {
                group.keys.push((t.key.to_string(), lean.variants[t.variant as usize].to_string()));
                group.aliases.push(t.text.to_string());
            }
        }
    }
    let by_key =
        by_variant.into_iter().map(|(v, list)| (lean.variants[v as usize].to_string(), list)).collect();
    Grouped { group_of, groups, by_key }
}

/// A person's name that is the end of exactly one longer person's name in
/// the corpus is that person ("Ebbers" → "Bernie Ebbers", "Sadiq Khan" →
/// "Mohammad Sadiq Khan"), or of one named [`DOMINANCE`] times as often as
/// the others together; shorter names are resolved after longer ones.
fn join_short_person_names(lean: &LeanEntities, uf: &mut UnionFind) {
    // The words of each person's name's variant key, once per key.
    let mut words_of: FastMap<u32, Vec<&str>> = FastMap::default();
    let mut people: Vec<(u32, u32)> = Vec::new(); // (member, variant key)
    for (m, member) in lean.members.iter().enumerate() {
        let s = &lean.surfaces[member.surface as usize];
        if s.kind != EntityKind::Person {
            continue;
        }
        let v = s.keys[0].0;
        words_of.entry(v).or_insert_with(|| lean.variants[v as usize].split(' ').collect());
        people.push((m as u32, v));
    }
    let words = |v: u32| -> &[&str] { words_of.get(&v).map_or(&[], Vec::as_slice) };
    let longest = people.iter().map(|&(_, v)| words(v).len()).max().unwrap_or(0);
    for len in (1..longest).rev() {
        // The roots of the longer names each suffix of `len` words ends,
        // and how many articles each root's person is named in.
        let mut ends: FastMap<&[&str], FastSet<u32>> = FastMap::default();
        let mut size: FastMap<u32, usize> = FastMap::default();
        for &(m, v) in &people {
            let w = words(v);
            if w.len() > len {
                let root = uf.find(m);
                ends.entry(&w[w.len() - len..]).or_default().insert(root);
                *size.entry(root).or_default() += 1;
            }
        }
        for &(m, v) in &people {
            let w = words(v);
            if w.len() != len {
                continue;
            }
            let Some(roots) = ends.get(w) else { continue };
            // One person, or one so much more often named than the others
            // ("Blair": Tony Blair, not Cherie Blair) that the name is theirs.
            let mut by_size: Vec<(usize, u32)> =
                roots.iter().map(|r| (size.get(r).copied().unwrap_or(0), *r)).collect();
            by_size.sort_unstable_by_key(|&(n, r)| (Reverse(n), r));
            let others: usize = by_size.iter().skip(1).map(|(n, _)| n).sum();
            if let Some(&(n, r)) = by_size.first()
                && (others == 0 || n >= DOMINANCE * others)
            {
                uf.union(m, r);
            }
        }
    }
}
