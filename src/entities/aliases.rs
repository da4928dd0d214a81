//! Stage 4: alias resolution and the entity list.
//!
//! Surfaces that name the same thing are merged: an acronym with the name
//! it abbreviates, a person's shorter name with the one longer name that
//! contains it ("Sadiq Khan" → "Mohammad Sadiq Khan"; "Khan" stays apart
//! when two people share it). Candidates nothing could type (a bare
//! surname, a heading, "Moscow Format") are then searched for known names:
//! typed surfaces, unambiguous short forms of people and organizations
//! ("Mujahid", "Altria"), and gazetteer entries; the longest match wins.

mod search;

use std::cmp::Reverse;
use std::ops::Range;

use super::candidates::Candidate;
use super::fold;
use super::gazetteer::{
    self as gz, ALIASES, DEMONYMS, FastMap, FastSet, ORG_WORDS, ORGANIZATIONS, PLACES, ROLES, STOPWORDS,
    TIME_WORDS,
};
use super::tokenize::{LOWER, Token, UPPER};
use super::typing::{self, Typed};
use super::{Entity, EntityKind, entity};

/// The longest name searched for inside an unresolved candidate, in words.
const MAX_NAME_WORDS: usize = 8;
/// A name part shared by more people than this is never a short form.
const MAX_SHARED: usize = 64;

/// The shared union-find ([`crate::union_find`]) over surface indices.
struct UnionFind(crate::union_find::UnionFind);

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind(crate::union_find::UnionFind::new(n))
    }

    fn find(&mut self, x: usize) -> usize {
        self.0.find(x as u32) as usize
    }

    fn union(&mut self, a: usize, b: usize) {
        self.0.union(a as u32, b as u32)
    }

    fn grow(&mut self, n: usize) {
        self.0.grow(n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Name(usize),
    Ambiguous,
}

pub(super) struct Mention {
    pub(super) range: Range<usize>,
    pub(super) surface: usize,
}

/// Merges aliases, resolves what typing left open and builds the entities.
pub fn resolve(
    body: &str,
    toks: &[Token],
    cands: &[Candidate],
    mut typed: Typed,
    common: &FastSet<&str>,
) -> Vec<Entity> {
    let mut uf = UnionFind::new(typed.surfaces.len());
    for &(a, f) in &typed.acronyms {
        uf.union(a, f);
    }
    merge_known_aliases(&typed, &mut uf);
    merge_variants(&typed, &mut uf);
    merge_run_together(&typed, &mut uf);
    merge_initials(&mut typed, &mut uf);
    merge_initialed_people(&typed, &mut uf);
    for s in merge_people(&typed, &mut uf) {
        // "Khan" alone when two people are called Khan: nobody can tell who.
        typed.surfaces[s].kind = None;
    }
    merge_plurals(&typed, &mut uf);
    merge_org_short_forms(&typed, common, &mut uf);
    merge_place_short_forms(&typed, &mut uf);
    let known = search::known_names(&typed, common, &mut uf);
    let mut mentions = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        match typed.of_candidate.get(i) {
            Some(&Some(s)) if typed.surfaces[s].kind.is_some() => {
                mentions.push(Mention { range: c.start..c.end, surface: s })
            }
            _ => search::search(body, toks, c, &known, common, &mut typed, &mut uf, &mut mentions),
        }
    }
    assemble(body, &typed, &mut uf, mentions)
}

fn words(key: &str) -> Vec<&str> {
    key.split(' ').collect()
}

/// Names of one entity in `data/aliases.txt` ("Tories", "Conservatives").
fn merge_known_aliases(typed: &Typed, uf: &mut UnionFind) {
    let mut first: FastMap<u32, usize> = FastMap::default();
    for (s, surface) in typed.surfaces.iter().enumerate() {
        if surface.kind.is_none() {
            continue;
        }
        if let Some(&line) = ALIASES.get(surface.key.as_str()) {
            match first.get(&line) {
                Some(&f) => uf.union(s, f),
                None => {
                    first.insert(line, s);
                }
            }
        }
    }
}

/// Spelling variants of one name ("Tehrik-e-Taliban", "Tehreek-e-Taliban")
/// of the same kind.
fn merge_variants(typed: &Typed, uf: &mut UnionFind) {
    // Only names that share a kind, a first letter and a number of parts can
    // be variants of each other: fold only those.
    let signature = |s: &typing::Surface| (s.kind, s.key.chars().next(), s.parts());
    let mut buckets: FastMap<(Option<EntityKind>, Option<char>, usize), u32> = FastMap::default();
    for surface in typed.surfaces.iter().filter(|s| s.kind.is_some()) {
        *buckets.entry(signature(surface)).or_default() += 1;
    }
    let mut first: FastMap<(EntityKind, String), usize> = FastMap::default();
    for (s, surface) in typed.surfaces.iter().enumerate() {
        let Some(kind) = surface.kind else { continue };
        if buckets.get(&signature(surface)).is_none_or(|&n| n < 2) {
            continue;
        }
        match first.entry((kind, fold::variant_of_key(&surface.key))) {
            std::collections::hash_map::Entry::Occupied(f) => uf.union(s, *f.get()),
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(s);
            }
        }
    }
}

/// A name written as one word and as several ("TimeWarner", "Time Warner";
/// "PlayStation", "Play Station") of the same kind. Short single words are
/// left alone ("Lina" is not "Li Na").
fn merge_run_together(typed: &Typed, uf: &mut UnionFind) {
    let mut by_joined: FastMap<String, Vec<usize>> = FastMap::default();
    for (s, surface) in typed.surfaces.iter().enumerate() {
        if surface.kind.is_some() && surface.key.contains([' ', '-']) {
            let joined: String = surface.key.chars().filter(|&c| c != ' ' && c != '-').collect();
            by_joined.entry(joined).or_default().push(s);
        }
    }
    join_one_longer(typed, &by_joined, uf, |surface| {
        surface.kind.is_some()
            && !surface.acronym
            && surface.key.len() >= 6
            && !surface.key.contains([' ', '-'])
    });
}

/// Joins each surface that `eligible` accepts to the one longer name of its
/// kind that `by_short` lists under its key; left alone when there are
/// several (it cannot tell which one is meant).
fn join_one_longer<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(
    typed: &Typed,
    by_short: &FastMap<K, Vec<usize>>,
    uf: &mut UnionFind,
    eligible: impl Fn(&typing::Surface) -> bool,
) {
    if by_short.is_empty() {
        return;
    }
    for (s, surface) in typed.surfaces.iter().enumerate() {
        if !eligible(surface) {
            continue;
        }
        let Some(longer) = by_short.get(surface.key.as_str()) else { continue };
        let mut roots: Vec<usize> =
            longer.iter().filter(|&&l| typed.surfaces[l].kind == surface.kind).map(|&l| uf.find(l)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [r] = roots[..] {
            uf.union(s, r);
        }
    }
}

/// The initials of a name's words and hyphen parts, connectors left out
/// ("tehrik-e-taliban pakistan" → "ttp", "football association" → "fa").
fn initials(key: &str) -> String {
    key.split([' ', '-'])
        .filter(|w| !w.is_empty() && !gz::is_connector(w) && *w != "&")
        .filter_map(|w| w.chars().next())
        .collect()
}

/// An acronym the text does not define is the one name of the article it
/// is the initials of ("the FA" after "the Football Association", "US" and
/// "United States").
fn merge_initials(typed: &mut Typed, uf: &mut UnionFind) {
    let mut by_initials: FastMap<String, Vec<usize>> = FastMap::default();
    for (s, surface) in typed.surfaces.iter().enumerate() {
        let named = matches!(surface.kind, Some(EntityKind::Organization | EntityKind::Place));
        if named && !surface.acronym && surface.parts() >= 2 {
            by_initials.entry(initials(&surface.key)).or_default().push(s);
        }
    }
    if by_initials.is_empty() {
        return;
    }
    for s in 0..typed.surfaces.len() {
        let surface = &typed.surfaces[s];
        if !surface.acronym || surface.kind.is_none() || surface.key.chars().count() < 2 {
            continue;
        }
        let Some(names) = by_initials.get(surface.key.as_str()) else { continue };
        let mut roots: Vec<usize> = names.iter().map(|&n| uf.find(n)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [r] = roots[..] {
            let kind = typed.surfaces[names[0]].kind;
            typed.surfaces[s].kind = kind;
            uf.union(s, r);
        }
    }
}

/// "A Troncon" and "Alessandro Troncon", "CA Del Fava" and "Carlo Antonio
/// Del Fava": a person's initials and surname are the one person of the
/// article with that surname and given names starting so.
fn merge_initialed_people(typed: &Typed, uf: &mut UnionFind) {
    let people: Vec<(usize, Vec<&str>)> = (typed.surfaces.iter().enumerate())
        .filter(|(_, s)| s.kind == Some(EntityKind::Person))
        .map(|(i, s)| (i, words(&s.key)))
        .filter(|(_, w)| w.len() >= 2)
        .collect();
    for (s, ws) in &people {
        let initials = ws[0];
        if initials.chars().count() > 2 || !initials.chars().all(char::is_alphabetic) {
            continue;
        }
        let rest = &ws[1..];
        let fits = |l: &[&str]| {
            l.len() > rest.len()
                && l.ends_with(rest)
                && l[0].chars().count() > 2
                && l[..l.len() - rest.len()].iter().zip(initials.chars()).all(|(w, c)| w.starts_with(c))
        };
        let mut roots: Vec<usize> =
            people.iter().filter(|(_, l)| fits(l)).map(|(l, _)| uf.find(*l)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [r] = roots[..] {
            uf.union(*s, r);
        }
    }
}

/// The short forms of an organization's name: the words before its
/// organization words ("Giant" of "Giant Company Software"), or, for a
/// name without any, its first and last words ("Biogen" of "Biogen Idec",
/// "Forest" of "Nottingham Forest", but not "Yukos" of "Yukos USA"); never
/// a place, a common word or a word the article uses in lowercase.
fn org_short_forms<'k>(key: &'k str, common: &FastSet<&str>) -> Vec<&'k str> {
    let ws = words(key);
    if ws.len() < 2 {
        return Vec::new();
    }
    let ok = |w: &str| is_name_part(w) && !common.contains(w);
    let keep = ws.iter().rposition(|w| !ORG_WORDS.contains(*w)).map_or(0, |p| p + 1);
    if keep < ws.len() {
        let prefix_len: usize = ws[..keep].iter().map(|w| w.len() + 1).sum::<usize>();
        return if keep > 0 && ws[..keep].iter().all(|w| ok(w)) {
            vec![&key[..prefix_len.saturating_sub(1)]]
        } else {
            Vec::new()
        };
    }
    if ws.iter().any(|w| gz::is_connector(w) || *w == "&") {
        return Vec::new();
    }
    let mut v = Vec::new();
    // "Yukos USA", "BBC Scotland": a branch in a place, not the short form
    // "Yukos" of it; the name without the place is another organization.
    if ok(ws[0]) && !PLACES.contains(ws[ws.len() - 1]) {
        v.push(ws[0]);
    }
    if ok(ws[ws.len() - 1]) {
        v.push(ws[ws.len() - 1]);
    }
    v
}

/// "Guantanamo" and "Guantanamo Bay", "Gaza" and "Gaza Strip": one place.
fn merge_place_short_forms(typed: &Typed, uf: &mut UnionFind) {
    let mut by_short: FastMap<&str, Vec<usize>> = FastMap::default();
    for (s, surface) in typed.surfaces.iter().enumerate() {
        if surface.kind == Some(EntityKind::Place)
            && let Some((short, last)) = surface.key.rsplit_once(' ')
            && matches!(last, "bay" | "strip" | "heights" | "island" | "islands")
        {
            by_short.entry(short).or_default().push(s);
        }
    }
    join_one_longer(typed, &by_short, uf, |surface| surface.kind == Some(EntityKind::Place));
}

/// An organization's short form typed on its own joins the one longer name
/// it is short for ("Giant" → "Giant Company Software").
fn merge_org_short_forms(typed: &Typed, common: &FastSet<&str>, uf: &mut UnionFind) {
    let mut by_short: FastMap<&str, Vec<usize>> = FastMap::default();
    for (s, surface) in typed.surfaces.iter().enumerate() {
        if surface.kind == Some(EntityKind::Organization) && !surface.acronym {
            for short in org_short_forms(&surface.key, common) {
                by_short.entry(short).or_default().push(s);
            }
        }
    }
    join_one_longer(typed, &by_short, uf, |surface| surface.kind == Some(EntityKind::Organization));
}

/// A shorter person name joins the one longer person name it ends ("Sadiq
/// Khan", "Khan" → "Mohammad Sadiq Khan"), or failing that the one longer
/// name containing it; several such people ("Sadiq Khan", "Ayesha Khan")
/// leave it apart. Returns the single-word names that are so ambiguous.
fn merge_people(typed: &Typed, uf: &mut UnionFind) -> Vec<usize> {
    let mut ambiguous = Vec::new();
    let mut people: Vec<(usize, Vec<&str>)> = (typed.surfaces.iter().enumerate())
        .filter(|(_, s)| s.kind == Some(EntityKind::Person))
        .map(|(i, s)| (i, words(&s.key)))
        .collect();
    people.sort_by_key(|(i, w)| (Reverse(w.len()), *i));
    let mut by_word: FastMap<&str, Vec<usize>> = FastMap::default();
    for (p, (_, ws)) in people.iter().enumerate() {
        for w in ws {
            let list = by_word.entry(w).or_default();
            if list.last() != Some(&p) {
                list.push(p);
            }
        }
    }
    for (s, ws) in &people {
        let Some(holders) = by_word.get(ws[0]).filter(|h| h.len() <= MAX_SHARED) else { continue };
        let longer = || holders.iter().map(|&h| &people[h]).filter(|(_, l)| l.len() > ws.len());
        let mut ending: Vec<usize> = longer().filter(|(_, l)| l.ends_with(ws)).map(|(l, _)| *l).collect();
        if ending.is_empty() {
            ending = longer()
                .filter(|(_, l)| l.windows(ws.len()).any(|w| w == ws.as_slice()))
                .map(|(l, _)| *l)
                .collect();
        }
        let mut roots: Vec<usize> = ending.into_iter().map(|l| uf.find(l)).collect();
        roots.sort_unstable();
        roots.dedup();
        match roots[..] {
            [r] => uf.union(*s, r),
            [_, _, ..] if ws.len() == 1 => ambiguous.push(*s),
            _ => {}
        }
    }
    ambiguous
}

/// "Liberal Democrats" and "Liberal Democrat", "Tories" and "Tory" are one
/// organization.
fn merge_plurals(typed: &Typed, uf: &mut UnionFind) {
    let org = |key: &str| {
        typed.by_key.get(key).copied().filter(|&s| typed.surfaces[s].kind == Some(EntityKind::Organization))
    };
    for (s, surface) in typed.surfaces.iter().enumerate() {
        if surface.kind != Some(EntityKind::Organization) || surface.acronym {
            continue;
        }
        let key = surface.key.as_str();
        let singular = match key.strip_suffix("ies") {
            Some(stem) => org(&format!("{stem}y")),
            None => key.strip_suffix('s').and_then(org),
        };
        if let Some(t) = singular {
            uf.union(s, t);
        }
    }
}

/// Can this word stand alone as a short form of a name?
fn is_name_part(w: &str) -> bool {
    w.chars().count() >= 2
        && !gz::is_connector(w)
        && !STOPWORDS.contains(w)
        && !DEMONYMS.contains(w)
        && !TIME_WORDS.contains(w)
        && !ROLES.contains(w)
        && !ORG_WORDS.contains(w)
        && !PLACES.contains(w)
}

/// Groups mentions into entities, picks each one's name and sorts them.
fn assemble(body: &str, typed: &Typed, uf: &mut UnionFind, mentions: Vec<Mention>) -> Vec<Entity> {
    let mut groups: FastMap<usize, Vec<Mention>> = FastMap::default();
    for m in mentions {
        groups.entry(uf.find(m.surface)).or_default().push(m);
    }
    let mut entities: Vec<Entity> =
        groups.into_values().filter_map(|ms| entity::entity(body, typed, ms)).collect();
    super::sort_entities(&mut entities);
    entities
}
