//! Finding the corpus entity a user's query names: [`CorpusIndex::lookup`]
//! ranks every candidate, [`CorpusIndex::resolve_query`] says whether one
//! of them is the entity meant or only a suggestion.
//!
//! A query matches, best first: a name or alias exactly (spelling variants
//! included) or a person's surname; every word of it a word of a name;
//! every word (of three letters or more) the start of a word of a name; or
//! a close spelling (Levenshtein with transpositions, [`strsim::osa_distance`],
//! over the whole name or one of its words). The first three, and spellings
//! at least [`FOUND`] similar, name the entity; spellings at least
//! [`SUGGEST`] similar are only suggested; anything else is no match at all.

use std::cmp::Reverse;

use rayon::prelude::*;

use super::{CorpusIndex, EntityKind, LookupHit, fold};

/// A close spelling at least this similar (1 = the same) names the entity:
/// two typos in "zabihullah", one in "microsoft".
pub const FOUND: f64 = 0.8;
/// A spelling at least this similar is worth suggesting.
pub const SUGGEST: f64 = 0.6;

/// What a query names.
#[derive(Debug, Clone, PartialEq)]
pub enum QueryMatch {
    /// The entity the query names, and the other entities it also matches
    /// (best first).
    Found { hit: LookupHit, others: Vec<LookupHit> },
    /// No entity: the names plausibly close to it, best first (often none).
    NotFound { suggestions: Vec<LookupHit> },
}

/// How a query matched one name.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
enum Tier {
    Fuzzy(f64),
    Prefix,
    Words,
    Exact,
}

impl Tier {
    fn rank(self) -> i64 {
        match self {
            Tier::Exact => 4_000_000_000,
            Tier::Words => 3_000_000_000,
            Tier::Prefix => 2_000_000_000,
            // 0.6..=1.0 → 600..=1000, below every word match.
            Tier::Fuzzy(sim) => (sim * 1000.0).round() as i64 * 1_000_000,
        }
    }

    fn names_it(self) -> bool {
        match self {
            Tier::Fuzzy(sim) => sim >= FOUND,
            _ => true,
        }
    }
}

/// The query, folded once.
struct Folded<'q> {
    key: &'q str,
    /// The spelling-variant key, or `None` when folding collapsed the query
    /// into something else ("zzzzzzzz" → "z").
    variant: Option<String>,
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// 1 − the edit distance (with transpositions) over the longer length.
fn similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    // Too different in length to be SUGGEST-close: skip the distance.
    if (la.abs_diff(lb) as f64) > (1.0 - SUGGEST) * longest as f64 {
        return 0.0;
    }
    1.0 - strsim::osa_distance(a, b) as f64 / longest as f64
}

/// How `q` matches the name or alias with key `k` and variant key `v`.
fn tier(q: &Folded, k: &str, v: &str, kind: EntityKind) -> Option<Tier> {
    let q_words: Vec<&str> = q.key.split(' ').collect();
    if k == q.key || q.variant.as_deref() == Some(v) {
        return Some(Tier::Exact);
    }
    // A person's surname counts as the name: "blair" is Tony Blair as much
    // as "Blair".
    let last = |s: &str, x: &str| s.contains(' ') && s.rsplit(' ').next() == Some(x);
    if kind == EntityKind::Person
        && q_words.len() == 1
        && (last(k, q.key) || q.variant.as_deref().is_some_and(|qv| last(v, qv)))
    {
        return Some(Tier::Exact);
    }
    let all = |key: &str, words: &[&str], eq: &dyn Fn(&str, &str) -> bool| {
        words.iter().all(|w| key.split(' ').any(|x| eq(x, w)))
    };
    let equal = |x: &str, w: &str| x == w;
    if all(k, &q_words, &equal)
        || q.variant.as_deref().is_some_and(|qv| all(v, &qv.split(' ').collect::<Vec<_>>(), &equal))
    {
        return Some(Tier::Words);
    }
    let prefix = |x: &str, w: &str| w.chars().nth(2).is_some() && x.starts_with(w);
    if all(k, &q_words, &prefix) {
        return Some(Tier::Prefix);
    }
    // A close spelling of the whole name, or of one of its words.
    let mut sim = similarity(q.key, k);
    if q_words.len() == 1 && k.contains(' ') {
        for w in k.split(' ') {
            sim = sim.max(similarity(q.key, w));
        }
    }
    if let Some(qv) = &q.variant {
        sim = sim.max(similarity(qv, v));
    }
    (sim >= SUGGEST).then_some(Tier::Fuzzy(sim))
}

impl CorpusIndex {
    /// Entities across the corpus whose name or an alias matches `query`
    /// (see the module documentation), best first; each hit says whether it
    /// names the entity ([`LookupHit::found`]) or is only close.
    pub fn lookup(&self, query: &str, limit: usize) -> Vec<LookupHit> {
        let key = fold::key(query);
        if key.is_empty() || limit == 0 {
            return Vec::new();
        }
        let variant = fold::variant_of_key(&key);
        let collapsed = letters(&key) > 2 * letters(&variant) + 2;
        let q = Folded { key: &key, variant: (!collapsed).then_some(variant) };
        let mut scored: Vec<(i64, bool, u32)> = self
            .groups
            .par_iter()
            .enumerate()
            .filter_map(|(g, group)| {
                let mut best: Option<(i64, bool)> = None;
                for (i, (k, v)) in group.keys.iter().enumerate() {
                    let Some(t) = tier(&q, k, v, group.kind) else { continue };
                    // The name counts a little more than an alias.
                    let s = t.rank() + if i == 0 { 100_000 } else { 0 };
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, t.names_it()));
                    }
                }
                best.map(|(s, found)| (s + group.mentions.min(99_999) as i64, found, g as u32))
            })
            .collect();
        scored.sort_by_key(|&(s, _, g)| (Reverse(s), g));
        scored.truncate(limit);
        scored
            .into_iter()
            .map(|(score, found, g)| {
                let group = &self.groups[g as usize];
                LookupHit {
                    name: group.name.clone(),
                    kind: group.kind,
                    aliases: group.aliases.clone(),
                    articles: group.articles.clone(),
                    score,
                    found,
                    id: g as usize,
                }
            })
            .collect()
    }

    /// The entity a user's query names ("ttp", "Tehreek-e-Taliban", "blair",
    /// "zabiulah"), with the others it also matches; or, when none is named
    /// closely enough, the names plausibly close to it as suggestions (often
    /// none: "zzzzzzzz" names nothing and suggests nothing).
    pub fn resolve_query(&self, query: &str) -> QueryMatch {
        let mut hits = self.lookup(query, 5);
        match hits.first() {
            Some(h) if h.found => {
                let hit = hits.remove(0);
                QueryMatch::Found { hit, others: hits }
            }
            _ => QueryMatch::NotFound { suggestions: hits },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_typos_and_transpositions() {
        assert!(similarity("zabiulah", "zabihullah") >= FOUND);
        assert!(similarity("micrsoft", "microsoft") >= FOUND);
        assert!(similarity("mircosoft", "microsoft") >= FOUND, "a transposition is one edit");
        assert!(similarity("zzzzzzzzzzzzzzzzz", "zealand") < SUGGEST);
        assert_eq!(similarity("", ""), 1.0);
    }
}
