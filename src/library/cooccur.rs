//! Entities that appear together: in the same articles, and in the same
//! sentences. Both libraries count the same way from the same inputs: for
//! each article, the corpus entity of each of its entities and the
//! sentences (numbers, [`crate::entities::sentences::Sentences::number`])
//! each is mentioned in ([`Members`]).
//!
//! For an entity A and another B: `articles` is how many articles mention
//! both, `sentences` how many sentences (over all articles) mention both.
//! The co-occurring entities of A are ranked by articles, then sentences,
//! then id (the order the corpus first names them).

use std::cmp::Reverse;
use std::ops::Range;

use rayon::prelude::*;

use super::codec::{Reader, put};
use crate::entities::sentences::Sentences;
use crate::entities::{Entity, EntityKind};

/// How many co-occurring entities are kept per entity.
pub const TOP: usize = 20;

/// One article's entities: for each (in the article's order, corrections
/// applied) its corpus entity and the sentences it is mentioned in
/// (sorted, once each).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Members(pub Vec<(u32, Vec<u32>)>);

/// The sentence number given to the headline, where an entity named only
/// there is mentioned.
pub const HEADLINE: u32 = u32::MAX;

impl Members {
    /// The members of an article whose entities are `entities`, of corpus
    /// entities `groups`, numbering sentences with `number` (byte offset →
    /// sentence number).
    pub fn of(entities: &[Entity], groups: &[u32], number: impl Fn(usize) -> usize) -> Members {
        Members(
            entities
                .iter()
                .zip(groups)
                .map(|(e, &g)| {
                    let mut s: Vec<u32> = e.mentions.iter().map(|r| number(r.start) as u32).collect();
                    if s.is_empty() {
                        // Named only in the headline (or source label): the
                        // article still names it, in its one "sentence".
                        s.push(HEADLINE);
                    }
                    s.sort_unstable();
                    s.dedup();
                    (g, s)
                })
                .collect(),
        )
    }

    /// (corpus entity, sentence) pairs, sorted, once each.
    pub fn pairs(&self) -> Vec<(u32, u32)> {
        let mut v: Vec<(u32, u32)> =
            self.0.iter().flat_map(|(g, s)| s.iter().map(move |&s| (*g, s))).collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The sentences both `a` and `b` are mentioned in.
    pub fn shared_sentences(&self, a: u32, b: u32) -> usize {
        shared_in(&self.pairs(), a, b)
    }

    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.0.len() * 4);
        put(&mut out, self.0.len() as u64);
        for (g, sentences) in &self.0 {
            put(&mut out, u64::from(*g));
            put(&mut out, sentences.len() as u64);
            let mut last = 0;
            for &s in sentences {
                put(&mut out, u64::from(s - last));
                last = s;
            }
        }
        out
    }

    /// What [`Members::encode`] wrote; `None` for a damaged blob.
    pub fn decode(bytes: &[u8]) -> Option<Members> {
        let mut r = Reader::new(bytes);
        let n = r.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            let g = u32::try_from(r.num()?).ok()?;
            let count = r.len()?;
            let mut sentences = Vec::with_capacity(count);
            let mut last = 0u32;
            for _ in 0..count {
                last = last.checked_add(u32::try_from(r.num()?).ok()?)?;
                sentences.push(last);
            }
            v.push((g, sentences));
        }
        r.done().then_some(Members(v))
    }
}

/// The sentences both `a` and `b` are mentioned in, from an article's
/// [`Members::pairs`].
pub fn shared_in(pairs: &[(u32, u32)], a: u32, b: u32) -> usize {
    let of = |g: u32| {
        let lo = pairs.partition_point(|p| p.0 < g);
        let hi = pairs.partition_point(|p| p.0 <= g);
        &pairs[lo..hi]
    };
    let (sa, sb) = (of(a), of(b));
    sa.iter().filter(|p| sb.binary_search_by_key(&p.1, |q| q.1).is_ok()).count()
}

/// An entity that appears with another.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Cooccurrence {
    /// Its id in the library (as [`crate::entities::LookupHit::id`]).
    #[serde(skip)]
    pub id: usize,
    pub name: String,
    pub kind: EntityKind,
    /// Articles mentioning both.
    pub articles: usize,
    /// Sentences mentioning both.
    pub sentences: usize,
}

/// An article that mentions two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BothIn {
    /// The article (list index).
    pub article: usize,
    /// Mentions of each.
    pub counts: (usize, usize),
    /// Sentences mentioning both.
    pub sentences: usize,
}

/// Orders articles mentioning two entities: most shared sentences first,
/// then most mentions of both, then list order.
pub fn order_both(v: &mut [BothIn]) {
    v.sort_by_key(|b| (Reverse(b.sentences), Reverse(b.counts.0 + b.counts.1), b.article));
}

/// The articles two entities share: (article, count of `a`, count of
/// `b`), in list order, from their (article, count) lists in any order.
pub fn shared_articles(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort_unstable();
    b.sort_unstable();
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, a[i].1, b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// One snippet per sentence of `body` that mentions `a` or `b` (mentions
/// sorted by start): the sentences that mention both first, then the
/// others, each in text order. A sentence naming both is shown around both
/// mentions when they fit in `max_chars`, else around the first.
pub fn both_snippets(body: &str, a: &[Range<usize>], b: &[Range<usize>], max_chars: usize) -> Vec<String> {
    let sentences = Sentences::new(body);
    // Each sentence's bounds, and its first mention of `a` and of `b`.
    type Sentence = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);
    let mut seen: Vec<Sentence> = Vec::new();
    let mut all: Vec<(Range<usize>, bool)> =
        a.iter().map(|r| (r.clone(), true)).chain(b.iter().map(|r| (r.clone(), false))).collect();
    all.sort_by_key(|(r, _)| r.start);
    for (r, is_a) in all {
        let bounds = sentences.bounds(r.clone());
        // Mentions come in text order: a sentence's are together.
        if seen.last().is_none_or(|s| s.0 != bounds) {
            seen.push((bounds, None, None));
        }
        let at = seen.len() - 1;
        let slot = if is_a { &mut seen[at].1 } else { &mut seen[at].2 };
        slot.get_or_insert(r);
    }
    let snippet = |ra: &Option<Range<usize>>, rb: &Option<Range<usize>>| match (ra, rb) {
        (Some(x), Some(y)) => {
            let span = x.start.min(y.start)..x.end.max(y.end);
            let first = if x.start <= y.start { x } else { y };
            let fits = body.get(span.clone()).is_some_and(|t| t.chars().count() <= max_chars);
            sentences.around(if fits { span } else { first.clone() }, max_chars)
        }
        (Some(x), None) | (None, Some(x)) => sentences.around(x.clone(), max_chars),
        (None, None) => String::new(),
    };
    let both = seen.iter().filter(|s| s.1.is_some() && s.2.is_some()).map(|s| snippet(&s.1, &s.2));
    let one = seen.iter().filter(|s| s.1.is_none() || s.2.is_none()).map(|s| snippet(&s.1, &s.2));
    both.chain(one).collect()
}

/// A counter over every entity id, reset cheaply between uses.
struct Counter {
    counts: Vec<(u32, u32)>,
    touched: Vec<u32>,
}

impl Counter {
    fn new(n: usize) -> Counter {
        Counter { counts: vec![(0, 0); n], touched: Vec::new() }
    }

    fn add(&mut self, g: u32, articles: u32, sentences: u32) {
        let Some(c) = self.counts.get_mut(g as usize) else { return };
        if *c == (0, 0) {
            self.touched.push(g);
        }
        c.0 += articles;
        c.1 += sentences;
    }

    /// The counts, best first (at most `limit`), and the counter reset.
    fn take(&mut self, limit: usize) -> Vec<(u32, usize, usize)> {
        let mut v: Vec<(u32, usize, usize)> = self
            .touched
            .drain(..)
            .map(|g| {
                let c = std::mem::take(&mut self.counts[g as usize]);
                (g, c.0 as usize, c.1 as usize)
            })
            .collect();
        v.sort_unstable_by_key(|&(g, a, s)| (Reverse(a), Reverse(s), g));
        v.truncate(limit);
        v
    }
}

/// Adds one article's (entity, sentence) pairs to the counts for `g`.
fn count_article(g: u32, pairs: &[(u32, u32)], counter: &mut Counter) {
    let lo = pairs.partition_point(|p| p.0 < g);
    let hi = pairs.partition_point(|p| p.0 <= g);
    let mine = &pairs[lo..hi];
    if mine.is_empty() {
        return;
    }
    let mut at = 0;
    while at < pairs.len() {
        let o = pairs[at].0;
        let end = at + pairs[at..].partition_point(|p| p.0 == o);
        if o != g {
            let shared =
                pairs[at..end].iter().filter(|p| mine.binary_search_by_key(&p.1, |m| m.1).is_ok()).count();
            counter.add(o, 1, shared as u32);
        }
        at = end;
    }
}

/// The entities co-occurring with `g` (at most `limit`, best first): (id,
/// articles, sentences), over the pairs ([`Members::pairs`]) of the
/// articles that mention it.
pub fn top_for<'a>(
    g: u32,
    entities: usize,
    articles: impl Iterator<Item = &'a [(u32, u32)]>,
    limit: usize,
) -> Vec<(u32, usize, usize)> {
    let mut counter = Counter::new(entities);
    for pairs in articles {
        count_article(g, pairs, &mut counter);
    }
    counter.take(limit)
}

/// The top co-occurring entities of every entity, computed in parallel:
/// `articles_of[g]` lists the articles of entity `g`, `pairs[a]` the pairs
/// of article `a`.
pub fn top_all(
    articles_of: &[&[(usize, usize)]],
    pairs: &[Vec<(u32, u32)>],
    limit: usize,
) -> Vec<Vec<(u32, usize, usize)>> {
    let n = articles_of.len();
    (0..n)
        .into_par_iter()
        .map_init(
            || Counter::new(n),
            |counter, g| {
                for &(a, _) in articles_of[g] {
                    if let Some(p) = pairs.get(a) {
                        count_article(g as u32, p, counter);
                    }
                }
                counter.take(limit)
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_round_trip_and_damage_is_refused() {
        let m = Members(vec![(3, vec![0, 2, 7]), (1, vec![]), (3, vec![5])]);
        assert_eq!(Members::decode(&m.encode()), Some(m.clone()));
        let blob = m.encode();
        for cut in 0..blob.len() {
            assert_eq!(Members::decode(&blob[..cut]), None, "cut at {cut}");
        }
        assert_eq!(m.pairs(), vec![(3, 0), (3, 2), (3, 5), (3, 7)]);
        assert_eq!(m.shared_sentences(3, 1), 0);
    }

    #[test]
    fn counts_articles_and_sentences_together() {
        // Article 0: A(0) and B(1) share sentence 2; C(2) apart.
        // Article 1: A and B in different sentences.
        // Article 2: B and C only.
        let arts = vec![
            Members(vec![(0, vec![1, 2]), (1, vec![2]), (2, vec![4])]).pairs(),
            Members(vec![(0, vec![0]), (1, vec![3])]).pairs(),
            Members(vec![(1, vec![0]), (2, vec![0])]).pairs(),
        ];
        let of_a = top_for(0, 3, [arts[0].as_slice(), arts[1].as_slice()].into_iter(), 20);
        assert_eq!(of_a, vec![(1, 2, 1), (2, 1, 0)]);
        let of: [&[(usize, usize)]; 3] = [&[(0, 1), (1, 1)], &[(0, 1), (1, 1), (2, 1)], &[(0, 1), (2, 1)]];
        let all = top_all(&of, &arts, 1);
        assert_eq!(all[0], vec![(1, 2, 1)]);
        assert_eq!(all[1], vec![(0, 2, 1)]);
        assert_eq!(all[2], vec![(1, 2, 1)]);
    }

    #[test]
    fn sentences_naming_both_come_first() {
        let body = "Kabul spoke. Then Doha and Kabul met. Doha waited.";
        let find =
            |w: &str| -> Vec<Range<usize>> { body.match_indices(w).map(|(i, m)| i..i + m.len()).collect() };
        let got = both_snippets(body, &find("Kabul"), &find("Doha"), 240);
        assert_eq!(got, ["Then Doha and Kabul met.", "Kabul spoke.", "Doha waited."]);
    }

    #[test]
    fn shared_articles_intersect_in_list_order() {
        assert_eq!(
            shared_articles(&[(5, 2), (1, 1), (3, 4)], &[(3, 1), (9, 9), (1, 2)]),
            vec![(1, 1, 2), (3, 4, 1)]
        );
    }
}
