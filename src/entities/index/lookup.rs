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
    /// The words of the key.
    words: Vec<&'q str>,
    /// The spelling-variant key, or `None` when folding collapsed the query
    /// into something else ("zzzzzzzz" → "z").
    variant: Option<String>,
    /// The words of the variant key.
    variant_words: Vec<String>,
    /// Characters in `key` and in `variant`, and their [`char_mask`]s.
    key_len: usize,
    key_mask: u64,
    variant_len: usize,
    variant_mask: u64,
}

impl<'q> Folded<'q> {
    fn new(key: &'q str) -> Folded<'q> {
        let variant = fold::variant_of_key(key);
        let collapsed = letters(key) > 2 * letters(&variant) + 2;
        let variant = (!collapsed).then_some(variant);
        Folded {
            key,
            words: key.split(' ').collect(),
            variant_words: variant
                .as_deref()
                .map_or_else(Vec::new, |v| v.split(' ').map(String::from).collect()),
            key_len: key.chars().count(),
            key_mask: char_mask(key),
            variant_len: variant.as_deref().map_or(0, |v| v.chars().count()),
            variant_mask: variant.as_deref().map_or(0, char_mask),
            variant,
        }
    }
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The set of characters in `s`, each hashed to one of 64 bits.
fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| m | 1 << (u32::from(c) % 64))
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

/// [`similarity`] of a string of `la` characters and mask `ma` with `b`,
/// or 0 when it cannot reach [`SUGGEST`]: without the distance when the
/// lengths or the characters alone show it is too far. An edit (insertion,
/// deletion, substitution) adds to the characters of one string missing
/// from the other at most two, a transposition none, so the distance is at
/// least half the characters either has and the other lacks.
fn similarity_at_least_suggest(a: &str, la: usize, ma: u64, b: &str) -> f64 {
    let lb = b.chars().count();
    let longest = la.max(lb);
    if longest == 0 {
        return 1.0;
    }
    let most = (1.0 - SUGGEST) * longest as f64;
    if la.abs_diff(lb) as f64 > most {
        return 0.0;
    }
    let missing = (ma ^ char_mask(b)).count_ones() as usize;
    // With a margin far above rounding, far below one edit.
    if missing.div_ceil(2) as f64 > most + 1e-6 {
        return 0.0;
    }
    let sim = similarity(a, b);
    if sim >= SUGGEST { sim } else { 0.0 }
}

/// How `q` matches the name or alias with key `k` and variant key `v`,
/// short of a close spelling ([`fuzzy`]).
fn tier_exact(q: &Folded, k: &str, v: &str, kind: EntityKind) -> Option<Tier> {
    if k == q.key || q.variant.as_deref() == Some(v) {
        return Some(Tier::Exact);
    }
    // A person's surname counts as the name: "blair" is Tony Blair as much
    // as "Blair".
    let last = |s: &str, x: &str| s.contains(' ') && s.rsplit(' ').next() == Some(x);
    if kind == EntityKind::Person
        && q.words.len() == 1
        && (last(k, q.key) || q.variant.as_deref().is_some_and(|qv| last(v, qv)))
    {
        return Some(Tier::Exact);
    }
    let equal = |x: &str, w: &str| x == w;
    if all_words(k, q.words.iter().copied(), equal)
        || (q.variant.is_some() && all_words(v, q.variant_words.iter().map(String::as_str), equal))
    {
        return Some(Tier::Words);
    }
    let prefix = |x: &str, w: &str| w.chars().nth(2).is_some() && x.starts_with(w);
    if all_words(k, q.words.iter().copied(), prefix) {
        return Some(Tier::Prefix);
    }
    None
}

/// Does every one of `words` match (`eq`) a word of `key`?
fn all_words<'w>(
    key: &str,
    mut words: impl Iterator<Item = &'w str>,
    eq: impl Fn(&str, &str) -> bool,
) -> bool {
    words.all(|w| key.split(' ').any(|x| eq(x, w)))
}

/// How close a spelling of the name (or of one of its words) with key `k`
/// and variant key `v` the query is, when at least [`SUGGEST`].
fn fuzzy(q: &Folded, k: &str, v: &str) -> Option<Tier> {
    let mut sim = similarity_at_least_suggest(q.key, q.key_len, q.key_mask, k);
    if q.words.len() == 1 && k.contains(' ') {
        for w in k.split(' ') {
            sim = sim.max(similarity_at_least_suggest(q.key, q.key_len, q.key_mask, w));
        }
    }
    if let Some(qv) = &q.variant {
        sim = sim.max(similarity_at_least_suggest(qv, q.variant_len, q.variant_mask, v));
    }
    (sim >= SUGGEST).then_some(Tier::Fuzzy(sim))
}

/// How `q` matches the name or alias with key `k` and variant key `v`.
#[cfg(test)]
fn tier(q: &Folded, k: &str, v: &str, kind: EntityKind) -> Option<Tier> {
    tier_exact(q, k, v, kind).or_else(|| fuzzy(q, k, v))
}

/// What a lookup ranks: the corpus entities, each with its kind, mentions
/// and the (folded key, variant key) of its name and aliases, the name
/// first. A [`CorpusIndex`] is one; a library's stored table another.
pub trait NameKeys: Sync {
    /// How many entities (ids are 0..len).
    fn entities(&self) -> usize;
    fn kind(&self, id: usize) -> EntityKind;
    fn mentions(&self, id: usize) -> usize;
    /// The (key, variant key) of each name, the name first.
    fn keys(&self, id: usize) -> impl Iterator<Item = (&str, &str)>;
}

/// The best (score, names it) of entity `id` by `rate` over its keys.
fn best_of<N: NameKeys + ?Sized>(
    names: &N,
    id: usize,
    rate: impl Fn(&str, &str) -> Option<Tier>,
) -> Option<(i64, bool)> {
    let mut best: Option<(i64, bool)> = None;
    for (i, (k, v)) in names.keys(id).enumerate() {
        let Some(t) = rate(k, v) else { continue };
        // The name counts a little more than an alias.
        let s = t.rank() + if i == 0 { 100_000 } else { 0 };
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, t.names_it()));
        }
    }
    best.map(|(s, found)| (s + names.mentions(id).min(99_999) as i64, found))
}

/// The `limit` best matches of `query` among `names` (see the module
/// documentation): (score, names it, id), best first.
///
/// Every exact, word and prefix match outranks every close spelling, and
/// an entity with such a match has it as its best: close spellings are
/// computed only when fewer than `limit` entities match otherwise, and
/// then only for the others. The answer is the same as rating every name
/// in every way.
pub fn rank<N: NameKeys + ?Sized>(names: &N, query: &str, limit: usize) -> Vec<(i64, bool, usize)> {
    let key = fold::key(query);
    if key.is_empty() || limit == 0 {
        return Vec::new();
    }
    let q = Folded::new(&key);
    let ids = 0..names.entities();
    let exact: Vec<Option<(i64, bool)>> = ids
        .clone()
        .into_par_iter()
        .map(|g| best_of(names, g, |k, v| tier_exact(&q, k, v, names.kind(g))))
        .collect();
    let mut scored: Vec<(i64, bool, usize)> =
        exact.iter().enumerate().filter_map(|(g, b)| b.map(|(s, f)| (s, f, g))).collect();
    if scored.len() < limit {
        let close: Vec<(i64, bool, usize)> = ids
            .into_par_iter()
            .filter(|&g| exact[g].is_none())
            .filter_map(|g| best_of(names, g, |k, v| fuzzy(&q, k, v)).map(|(s, f)| (s, f, g)))
            .collect();
        scored.extend(close);
    }
    scored.sort_by_key(|&(s, _, g)| (Reverse(s), g));
    scored.truncate(limit);
    scored
}

/// What the best hits (from [`CorpusIndex::lookup`], at most five) say
/// about the query: the entity it names, or suggestions.
pub fn resolve_hits(mut hits: Vec<LookupHit>) -> QueryMatch {
    match hits.first() {
        Some(h) if h.found => {
            let hit = hits.remove(0);
            QueryMatch::Found { hit, others: hits }
        }
        _ => QueryMatch::NotFound { suggestions: hits },
    }
}

/// How many hits [`CorpusIndex::resolve_query`] ranks.
pub const RESOLVE_HITS: usize = 5;

impl NameKeys for CorpusIndex {
    fn entities(&self) -> usize {
        self.groups.len()
    }

    fn kind(&self, id: usize) -> EntityKind {
        self.groups[id].kind
    }

    fn mentions(&self, id: usize) -> usize {
        self.groups[id].mentions
    }

    fn keys(&self, id: usize) -> impl Iterator<Item = (&str, &str)> {
        self.groups[id].keys.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl CorpusIndex {
    /// Entities across the corpus whose name or an alias matches `query`
    /// (see the module documentation), best first; each hit says whether it
    /// names the entity ([`LookupHit::found`]) or is only close.
    pub fn lookup(&self, query: &str, limit: usize) -> Vec<LookupHit> {
        rank(self, query, limit)
            .into_iter()
            .map(|(score, found, g)| {
                let group = &self.groups[g];
                LookupHit {
                    name: group.name.clone(),
                    kind: group.kind,
                    aliases: group.aliases.clone(),
                    articles: group.articles.clone(),
                    score,
                    found,
                    id: g,
                }
            })
            .collect()
    }

    /// The entity a user's query names ("ttp", "Tehreek-e-Taliban", "blair",
    /// "zabiulah"), with the others it also matches; or, when none is named
    /// closely enough, the names plausibly close to it as suggestions (often
    /// none: "zzzzzzzz" names nothing and suggests nothing).
    pub fn resolve_query(&self, query: &str) -> QueryMatch {
        resolve_hits(self.lookup(query, RESOLVE_HITS))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranking as it was before [`rank`] split the tiers and bounded
    /// the spellings: every name rated in every way.
    fn brute_force<N: NameKeys>(names: &N, query: &str, limit: usize) -> Vec<(i64, bool, usize)> {
        let key = fold::key(query);
        if key.is_empty() || limit == 0 {
            return Vec::new();
        }
        let q = Folded::new(&key);
        let mut scored: Vec<(i64, bool, usize)> = (0..names.entities())
            .filter_map(|g| best_of(names, g, |k, v| tier(&q, k, v, names.kind(g))).map(|(s, f)| (s, f, g)))
            .collect();
        scored.sort_by_key(|&(s, _, g)| (Reverse(s), g));
        scored.truncate(limit);
        scored
    }

    fn bbc_like() -> CorpusIndex {
        let corpus = crate::corpus::Corpus::seeds();
        let mut lists: Vec<Vec<crate::entities::Entity>> =
            corpus.articles.iter().map(crate::entities::extract).collect();
        let person = |name: &str, kind: EntityKind| crate::entities::Entity {
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            mentions: std::iter::once(0..1).collect(),
            forms: vec![0],
        };
        let names = [
            ("Tony Blair", EntityKind::Person),
            ("Cherie Blair", EntityKind::Person),
            ("Gordon Brown", EntityKind::Person),
            ("Kabul", EntityKind::Place),
            ("Kabul University", EntityKind::Organization),
            ("Zürich", EntityKind::Place),
            ("Microsoft", EntityKind::Organization),
            ("Mikrosoft Lab", EntityKind::Organization),
            ("Doha", EntityKind::Place),
            ("São Paulo", EntityKind::Place),
        ];
        lists.push(names.iter().map(|(n, k)| person(n, *k)).collect());
        CorpusIndex::from_entities(lists)
    }

    /// Queries near the index's names: each a name or alias, or one of its
    /// words, with a few edits.
    fn near_queries(index: &CorpusIndex) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for g in &index.groups {
            for a in &g.aliases {
                words.push(a.clone());
                words.extend(a.split(' ').map(String::from));
            }
        }
        words
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        #[test]
        fn rank_equals_rating_every_name(
            pick in 0usize..10_000,
            edits in proptest::collection::vec((0u8..4, 0usize..40, proptest::char::range('a', 'z')), 0..4),
            random in "[a-zA-Zü ]{0,12}",
            use_random in proptest::bool::weighted(0.2),
            limit in 1usize..8,
        ) {
            static INDEX: std::sync::LazyLock<(CorpusIndex, Vec<String>)> = std::sync::LazyLock::new(|| {
                let index = bbc_like();
                let words = near_queries(&index);
                (index, words)
            });
            let (index, words) = &*INDEX;
            let mut q: Vec<char> = if use_random {
                random.chars().collect()
            } else {
                words[pick % words.len()].chars().collect()
            };
            for (op, at, c) in edits {
                let at = if q.is_empty() { 0 } else { at % q.len() };
                match op {
                    0 => q.insert(at, c),
                    1 if !q.is_empty() => { q.remove(at); }
                    2 if !q.is_empty() => q[at] = c,
                    _ if at + 1 < q.len() => q.swap(at, at + 1),
                    _ => {}
                }
            }
            let q: String = q.into_iter().collect();
            proptest::prop_assert_eq!(rank(index, &q, limit), brute_force(index, &q, limit), "{}", q);
        }
    }

    #[test]
    fn the_character_bound_never_drops_a_close_spelling() {
        // Transpositions and repeated letters: the set of characters alone
        // says nothing about them.
        for (a, b) in [("abcd", "badc"), ("aaaa", "aaab"), ("kabul", "kbaul"), ("doha", "dhoa"), ("ab", "ba")]
        {
            let full = similarity(a, b);
            let bounded = similarity_at_least_suggest(a, a.chars().count(), char_mask(a), b);
            assert_eq!(bounded, if full >= SUGGEST { full } else { 0.0 }, "{a} {b}");
        }
    }

    #[test]
    fn similarity_counts_typos_and_transpositions() {
        assert!(similarity("zabiulah", "zabihullah") >= FOUND);
        assert!(similarity("micrsoft", "microsoft") >= FOUND);
        assert!(similarity("mircosoft", "microsoft") >= FOUND, "a transposition is one edit");
        assert!(similarity("zzzzzzzzzzzzzzzzz", "zealand") < SUGGEST);
        assert_eq!(similarity("", ""), 1.0);
    }
}
