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
use super::gazetteer::{
    self as gz, DEMONYMS, FastMap, ORG_WORDS, ORGANIZATIONS, PLACES, ROLES, STOPWORDS, TIME_WORDS,
};
use super::tokenize::{LOWER, Token};
use super::typing::Typed;
use super::{Entity, EntityKind};

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

struct Mention {
    range: Range<usize>,
    surface: usize,
}

/// Merges aliases, resolves what typing left open and builds the entities.
pub fn resolve(body: &str, toks: &[Token], cands: &[Candidate], mut typed: Typed) -> Vec<Entity> {
    let mut uf = UnionFind((0..typed.surfaces.len()).collect());
    for &(a, f) in &typed.acronyms {
        uf.union(a, f);
    }
    merge_people(&typed, &mut uf);
    merge_plurals(&typed, &mut uf);
    let known = known_names(&typed, &mut uf);
    let mut mentions = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        match typed.of_candidate.get(i) {
            Some(&Some(s)) if typed.surfaces[s].kind.is_some() => {
                mentions.push(Mention { range: c.start..c.end, surface: s })
            }
            _ => search(body, toks, c, &known, &mut typed, &mut uf, &mut mentions),
        }
    }
    assemble(body, &typed, &mut uf, mentions)
}

fn words(key: &str) -> Vec<&str> {
    key.split(' ').collect()
}

/// A shorter person name joins the one longer person name containing it.
fn merge_people(typed: &Typed, uf: &mut UnionFind) {
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
        let mut root = None;
        let mut ambiguous = false;
        for &h in holders {
            let (l, lws) = &people[h];
            if lws.len() > ws.len() && lws.windows(ws.len()).any(|win| win == ws.as_slice()) {
                let r = uf.find(*l);
                ambiguous |= root.is_some_and(|x| x != r);
                root = Some(r);
            }
        }
        if let (Some(r), false) = (root, ambiguous) {
            uf.union(*s, r);
        }
    }
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
fn known_names(typed: &Typed, uf: &mut UnionFind) -> FastMap<String, Target> {
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
            EntityKind::Organization if ws.len() >= 2 => {
                let keep = ws.iter().rposition(|w| !ORG_WORDS.contains(*w)).map_or(0, |p| p + 1);
                if keep > 0 && keep < ws.len() && ws[..keep].iter().all(|w| is_name_part(w)) {
                    add(ws[..keep].join(" "), s, uf);
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
fn search(
    body: &str,
    toks: &[Token],
    c: &Candidate,
    known: &FastMap<String, Target>,
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
    let mut s = 0;
    while s < ws.len() {
        let mut found = None;
        if !is_connector(ws[s], &mut key) {
            for e in (s..ws.len().min(s + MAX_NAME_WORDS)).rev() {
                if is_connector(ws[e], &mut key) {
                    continue;
                }
                gz::normalize_into(body.get(ws[s].start..ws[e].end).unwrap_or(""), &mut key);
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
        let surface = typed.surface(&key, ws[s].start);
        uf.grow(typed.surfaces.len());
        typed.surfaces[surface].kind = Some(kind);
        if let Some(t) = target {
            uf.union(surface, t);
        }
        mentions.push(Mention { range: ws[s].start..ws[e].end, surface });
        s = e + 1;
    }
}

/// The text of a mention, whitespace collapsed.
fn form(body: &str, r: &Range<usize>) -> String {
    let text = body.get(r.clone()).unwrap_or("");
    if text.chars().all(|c| c == ' ' || !c.is_whitespace()) {
        text.to_string()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Groups mentions into entities, picks each one's name and sorts them.
fn assemble(body: &str, typed: &Typed, uf: &mut UnionFind, mentions: Vec<Mention>) -> Vec<Entity> {
    let mut groups: FastMap<usize, Vec<Mention>> = FastMap::default();
    for m in mentions {
        groups.entry(uf.find(m.surface)).or_default().push(m);
    }
    let mut entities: Vec<Entity> = groups.into_values().filter_map(|ms| entity(body, typed, ms)).collect();
    entities
        .sort_by(|a, b| (a.kind, Reverse(a.count()), &a.name).cmp(&(b.kind, Reverse(b.count()), &b.name)));
    entities
}

fn entity(body: &str, typed: &Typed, mut ms: Vec<Mention>) -> Option<Entity> {
    ms.sort_by_key(|m| (m.range.start, Reverse(m.range.end)));
    ms.dedup_by(|later, kept| later.range.start < kept.range.end);
    // The canonical surface: the fullest name, then the most used, then the first.
    let mut uses: FastMap<usize, usize> = FastMap::default();
    for m in &ms {
        *uses.entry(m.surface).or_default() += 1;
    }
    let canonical = *uses.keys().max_by_key(|&&s| {
        let sf = &typed.surfaces[s];
        (sf.parts(), uses[&s], Reverse(sf.first), Reverse(s))
    })?;
    let kind = typed.surfaces[canonical].kind?;
    // Its display form: mixed case over all capitals, then the most used.
    let mut forms: Vec<(String, usize, usize)> = Vec::new(); // (form, uses as canonical, first)
    let mut index: FastMap<String, usize> = FastMap::default();
    for m in &ms {
        let f = form(body, &m.range);
        let i = *index.entry(f).or_insert_with_key(|f| {
            forms.push((f.clone(), 0, m.range.start));
            forms.len() - 1
        });
        forms[i].1 += usize::from(m.surface == canonical);
    }
    let name = forms
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .max_by_key(|(f, n, first)| (f.chars().any(char::is_lowercase), *n, Reverse(*first)))?
        .0
        .clone();
    let mut aliases = vec![name.clone()];
    aliases.extend(forms.into_iter().map(|(f, _, _)| f).filter(|f| *f != name));
    Some(Entity { name, kind, aliases, mentions: ms.into_iter().map(|m| m.range).collect() })
}
