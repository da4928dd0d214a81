//! Stage 4: alias resolution and the entity list.
//!
//! Surfaces that name the same thing are merged: an acronym with the name
//! it abbreviates, a person's shorter name with the one longer name that
//! contains it ("Sadiq Khan" → "Mohammad Sadiq Khan"; "Khan" stays apart
//! when two people share it). Candidates nothing could type (a bare
//! surname, a heading, "Moscow Format") are then searched for known names:
//! typed surfaces, unambiguous short forms of people and organizations
//! ("Mujahid", "Altria"), and gazetteer entries; the longest match wins.

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

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a] = b;
        }
    }

    fn grow(&mut self, n: usize) {
        while self.0.len() < n {
            self.0.push(self.0.len());
        }
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
    let mut uf = UnionFind((0..typed.surfaces.len()).collect());
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
    let known = known_names(&typed, common, &mut uf);
    let mut mentions = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        match typed.of_candidate.get(i) {
            Some(&Some(s)) if typed.surfaces[s].kind.is_some() => {
                mentions.push(Mention { range: c.start..c.end, surface: s })
            }
            _ => search(body, toks, c, &known, common, &mut typed, &mut uf, &mut mentions),
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

/// Everything a candidate can be resolved to: typed names, then short forms.
fn known_names(typed: &Typed, common: &FastSet<&str>, uf: &mut UnionFind) -> FastMap<String, Target> {
    let mut known: FastMap<String, Target> = FastMap::default();
    let mut short: FastMap<String, Target> = FastMap::default();
    let mut add = |key: String, s: usize, uf: &mut UnionFind| {
        let t = short.entry(key).or_insert(Target::Name(s));
        if let Target::Name(o) = *t
            && uf.find(o) != uf.find(s)
        {
            *t = Target::Ambiguous;
        }
    };
    for (s, surface) in typed.surfaces.iter().enumerate() {
        let Some(kind) = surface.kind else { continue };
        known.insert(surface.key.clone(), Target::Name(s));
        let ws = words(&surface.key);
        match kind {
            EntityKind::Person if ws.len() >= 2 && ws.len() <= 4 => {
                for len in 1..ws.len() {
                    for sub in ws.windows(len) {
                        let edges_ok = is_name_part(sub[0]) && is_name_part(sub[len - 1]);
                        if edges_ok {
                            add(sub.join(" "), s, uf);
                        }
                    }
                }
            }
            EntityKind::Organization if ws.len() >= 2 && !surface.acronym => {
                for short in org_short_forms(&surface.key, common) {
                    add(short.to_string(), s, uf);
                }
            }
            _ => {}
        }
    }
    for (k, t) in short {
        known.entry(k).or_insert(t);
    }
    known
}

/// Finds known names inside a candidate typing could not resolve, longest
/// first from each word on.
#[allow(clippy::too_many_arguments)]
fn search(
    body: &str,
    toks: &[Token],
    c: &Candidate,
    known: &FastMap<String, Target>,
    common: &FastSet<&str>,
    typed: &mut Typed,
    uf: &mut UnionFind,
    mentions: &mut Vec<Mention>,
) {
    let Some(span) = toks.get(c.first..c.last) else { return };
    let ws: Vec<&Token> = span.iter().filter(|t| t.is_word()).collect();
    let mut key = String::new();
    let is_connector = |t: &Token, buf: &mut String| {
        t.is(LOWER) && {
            gz::normalize_into(t.text(body), buf);
            gz::is_connector(buf)
        }
    };
    // (first word, last word, kind, typed surface it names, key)
    let mut hits: Vec<(usize, usize, EntityKind, Option<usize>, String)> = Vec::new();
    let mut s = 0;
    while s < ws.len() {
        let mut found = None;
        if !is_connector(ws[s], &mut key) {
            for e in (s..ws.len().min(s + MAX_NAME_WORDS)).rev() {
                if is_connector(ws[e], &mut key) {
                    continue;
                }
                gz::normalize_into(body.get(ws[s].start..ws[e].end).unwrap_or(""), &mut key);
                // "La" of "La Scala" is not "LA".
                if s == e && gz::is_connector(&key) && !ws[s].is(UPPER) {
                    continue;
                }
                let hit = match known.get(key.as_str()) {
                    Some(&Target::Name(t)) => typed.surfaces[t].kind.map(|k| (k, Some(t))),
                    Some(Target::Ambiguous) => None,
                    None if PLACES.contains(key.as_str()) => Some((EntityKind::Place, None)),
                    None if ORGANIZATIONS.contains(key.as_str()) => Some((EntityKind::Organization, None)),
                    None => None,
                };
                if let Some(hit) = hit {
                    found = Some((e, hit));
                    break;
                }
            }
        }
        let Some((e, (kind, target))) = found else {
            s += 1;
            continue;
        };
        hits.push((s, e, kind, target, key.clone()));
        s = e + 1;
    }
    if hits.is_empty() {
        return;
    }
    let n = ws.len();
    if !c.heading && n >= 2 {
        // "Moscow Format", "Paris Hilton": a name ending in a word nothing
        // explains is the name of something else, not a mention of Moscow.
        let last_covered = hits.last().is_some_and(|h| h.1 == n - 1);
        gz::normalize_into(ws[n - 1].text(body), &mut key);
        let ordinary =
            common.contains(key.as_str()) || STOPWORDS.contains(key.as_str()) || gz::is_connector(&key);
        // …but "Chevrolet Avalanche", "Sony PlayStation": a company's
        // name before its product's is a mention of the company.
        // ("FA Cup" and "MGM Grand" are an event and a hotel.)
        let thing = typing::EVENT_HEADS.contains(&key.as_str())
            || gz::NOT_NAMES.contains(key.as_str())
            || gz::PLACE_WORDS.contains(key.as_str());
        let brand = matches!(hits[..], [(0, _, EntityKind::Organization, _, _)]) && n == 2 && !thing;
        if !last_covered && !ordinary && !brand {
            return;
        }
        // "Nottingham Forest": a place, then the organization named after it.
        if let [(0, pe, EntityKind::Place, _, _), (os, oe, EntityKind::Organization, Some(org), _)] = hits[..]
            && os == pe + 1
            && oe == n - 1
            && !typed.surfaces[org].acronym
            && !ORGANIZATIONS.contains(typed.surfaces[org].key.as_str())
        {
            gz::normalize_into(body.get(ws[0].start..ws[n - 1].end).unwrap_or(""), &mut key);
            hits = vec![(0, n - 1, EntityKind::Organization, Some(org), key.clone())];
        }
    }
    for (s, e, kind, target, key) in hits {
        let surface = typed.surface(&key, ws[s].start);
        uf.grow(typed.surfaces.len());
        typed.surfaces[surface].kind = Some(kind);
        if let Some(t) = target {
            uf.union(surface, t);
        }
        mentions.push(Mention { range: ws[s].start..ws[e].end, surface });
    }
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
