//! The fuzzy finder over titles, sources and datelines.
//!
//! A query is fzf's extended syntax ([`super::pattern`]): words in any order
//! ("talks kabul" finds "Kabul talks"), `'exact`, `^prefix`, `suffix$`,
//! `!not`, `a | b`. Every title that matches is scored
//! ([`super::score::score`], nucleo-matcher), and the best are ranked; the
//! speed comes from doing less, never from guessing which titles to score:
//! - a longer query scans only the matches of an earlier query it narrows
//!   (typing forward: [`super::pattern::Pattern::narrows_to`]), backspace
//!   finds the earlier query's matches again;
//! - titles are scanned in chunks, each in parallel, first only to find
//!   which match and of which kind (no scoring); then only the chunk's
//!   matches of the kinds that can still rank are scored (word matches
//!   alone once there are `limit` of them; scattered letters only while
//!   nothing better matched), keeping the best `limit` so far (partial
//!   selection);
//! - the same query again (a trailing space) answers from the last search;
//! - a word found whole after a space scores the best it can without asking
//!   the matcher ([`super::score::Prepared`]);
//! - matched positions (for highlighting) are computed only for the rows shown.
//!
//! [`Finder::search`] returns the final ranking. [`Finder::search_progressive`]
//! is the same search for a worker thread: it hands over a first screenful as
//! soon as the chunks scanned hold one, checks between chunks whether a newer
//! keystroke made the search pointless (and then stops, returning None), and
//! returns the same final ranking as `search`. [`Finder::with_chunk`] sets
//! how many titles a chunk holds ([`CHUNK`] by default).
//!
//! ```
//! use std::sync::Arc;
//! use std::sync::atomic::{AtomicU64, Ordering};
//! use rroom::search::{Finder, TitleIndex};
//!
//! let index = TitleIndex::from_titles(vec!["Kabul talks".into(), "Doha talks".into()]);
//! let mut finder = Finder::new(Arc::new(index));
//! let newest = AtomicU64::new(7); // bumped by the UI on every keystroke
//! let mine = 7;
//! let done = finder.search_progressive(
//!     "talks kabul",
//!     50,
//!     20,
//!     &|| newest.load(Ordering::Relaxed) != mine,
//!     &mut |first| println!("{} so far", first.hits.len()),
//! );
//! let (hits, total) = done.expect("not cancelled");
//! assert_eq!((hits[0].index, total), (0, 1));
//! ```
//!
//! Case-insensitive words (no capital) match the folded text
//! ([`super::fold`]: "uber" finds "Über", "kabul" finds "Kābul"); highlight
//! positions are mapped back to the characters of the original title.
//!
//! Each match is of a [`MatchKind`]: every word of the query at the start of
//! a word of the text, inside a word, or only as letters scattered across the
//! text. Kinds rank in that order, and scattered matches are left out when
//! any better match exists ("ipod" shows the titles with "iPod", not every
//! title with an i, a p, an o and a d in that order; [`Finder::cut`] says
//! how many were left out).

use std::sync::Arc;

use rayon::prelude::*;

pub use super::best::FuzzyHit;
use super::best::{Best, Scored};
use super::highlight::positions;
use super::pattern::Pattern;
pub use super::score::MatchKind;
use super::score::Prepared;
pub use super::titles::TitleIndex;

/// What a progressive search has found when it hands over its first screenful.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// The best matches among the titles scanned so far, best first.
    pub hits: &'a [FuzzyHit],
    /// How many of the titles scanned so far match.
    pub matched: usize,
    /// Titles scanned so far, of `candidates`.
    pub scanned: usize,
    pub candidates: usize,
}

/// Titles scanned between two checks for cancellation (and before a first
/// screenful can be handed over).
pub const CHUNK: usize = 1 << 14;

/// Queries whose matches are kept for the next keystrokes.
const HISTORY: usize = 32;

/// The finder: an index plus what the last queries matched.
pub struct Finder {
    index: Arc<TitleIndex>,
    /// Matches of earlier queries: (pattern, every matching index in order).
    history: Vec<(Pattern, Arc<Vec<u32>>)>,
    /// Scattered matches the last search left out.
    cut: usize,
    /// Titles scanned between two checks for cancellation.
    chunk: usize,
    /// The last answer: its pattern and limit, the answer, its cut.
    last: Option<Last>,
}

struct Last {
    pattern: Pattern,
    limit: usize,
    answer: (Vec<FuzzyHit>, usize),
    cut: usize,
}

impl Finder {
    pub fn new(index: Arc<TitleIndex>) -> Finder {
        Finder { index, history: Vec::new(), cut: 0, chunk: CHUNK, last: None }
    }

    /// Scans `chunk` titles (at least 1) between two checks for
    /// cancellation instead of [`CHUNK`]: smaller for a quicker first
    /// screenful and quicker abandon, at some cost in throughput.
    pub fn with_chunk(mut self, chunk: usize) -> Finder {
        self.chunk = chunk.max(1);
        self
    }

    pub fn index(&self) -> &Arc<TitleIndex> {
        &self.index
    }

    /// How many scattered matches the last search left out because better
    /// matches exist (they are not counted in its total).
    pub fn cut(&self) -> usize {
        self.cut
    }

    /// The articles matching `query`, best first: at most `limit`, and the
    /// number that matched (scattered matches left out, see [`Finder::cut`]).
    /// An empty query matches everything in corpus order.
    pub fn search(&mut self, query: &str, limit: usize) -> (Vec<FuzzyHit>, usize) {
        self.search_progressive(query, limit, usize::MAX, &|| false, &mut |_| {}).unwrap_or_default()
    }

    /// [`Finder::search`] for a worker: `partial` is called at most once,
    /// with the best `limit` of the titles scanned so far, as soon as at
    /// least `first` of them match and titles remain to scan; `cancelled`
    /// is asked before each chunk of titles scanned and of matches scored
    /// ([`CHUNK`], or as set by [`Finder::with_chunk`]), and when it says
    /// true the search stops and returns None (its work is not kept).
    /// Otherwise returns what [`Finder::search`] returns (the same query
    /// and limit again: the last answer, kept).
    pub fn search_progressive(
        &mut self,
        query: &str,
        limit: usize,
        first: usize,
        cancelled: &dyn Fn() -> bool,
        partial: &mut dyn FnMut(Progress),
    ) -> Option<(Vec<FuzzyHit>, usize)> {
        let pattern = Pattern::parse(query);
        let n = self.index.len();
        self.cut = 0;
        if pattern.is_empty() {
            let hits = (0..n.min(limit))
                .map(|index| FuzzyHit { index, score: 0, kind: MatchKind::Word, relevance: 1.0 })
                .collect();
            return Some((hits, n));
        }
        if let Some(last) = self.last.as_ref().filter(|l| l.pattern == pattern && l.limit == limit) {
            self.cut = last.cut;
            return Some(last.answer.clone());
        }
        let previous = self.candidates(&pattern);
        let prepared = Prepared::new(pattern);
        let candidates: &[u32] = previous.as_deref().map_or(&[], Vec::as_slice);
        let all = previous.is_none();
        let total = if all { n } else { candidates.len() };
        let index = Arc::clone(&self.index);
        let index = &*index;
        // First which titles match, and of which kind (cheap: no scoring);
        // then only those of the kinds that can rank are scored.
        let mut best = Best::new(limit);
        let mut survivors: Vec<u32> = Vec::new();
        let mut told = false;
        let mut start = 0;
        while start < total {
            if cancelled() {
                return None;
            }
            let end = (start + self.chunk).min(total);
            let pick = |j: usize| if all { j as u32 } else { candidates[j] };
            let found: Vec<(MatchKind, u32)> = (start..end)
                .into_par_iter()
                .filter_map(|j| {
                    let i = pick(j);
                    prepared.kind(index, i as usize).map(|k| (k, i))
                })
                .collect();
            for &(k, i) in &found {
                best.count(k);
                survivors.push(i);
            }
            // The kinds that can still rank, this chunk counted: the floor
            // only rises, so what is below it now is never needed.
            let floor = best.floor();
            if limit > 0 {
                let scored: Vec<Scored> = found
                    .par_iter()
                    .filter(|&&(k, _)| k >= floor)
                    .filter_map(|&(k, i)| {
                        prepared.score_matched(index, i as usize, k).map(|(k, s)| (k, s, i))
                    })
                    .collect();
                best.add(index, scored);
            }
            start = end;
            if !told && start < total && best.matched() >= first {
                told = true;
                let (hits, matched) = best.ranking(index);
                partial(Progress { hits: &hits, matched, scanned: start, candidates: total });
            }
        }
        let answer = best.ranking(index);
        self.cut = best.cut();
        self.last =
            Some(Last { pattern: prepared.pattern.clone(), limit, answer: answer.clone(), cut: self.cut });
        self.remember(prepared.pattern, survivors);
        Some(answer)
    }

    /// The candidates for `pattern`: the fewest matches of an earlier query
    /// whose every match `pattern`'s matches are among, or None for all.
    fn candidates(&self, pattern: &Pattern) -> Option<Arc<Vec<u32>>> {
        self.history
            .iter()
            .filter(|(p, _)| p.narrows_to(pattern))
            .min_by_key(|(_, m)| m.len())
            .map(|(_, m)| Arc::clone(m))
    }

    /// Keeps a query's matches for the next keystrokes, within a budget of
    /// two indices per title (8 MB for a million titles).
    fn remember(&mut self, pattern: Pattern, survivors: Vec<u32>) {
        self.history.retain(|(p, _)| *p != pattern);
        self.history.push((pattern, Arc::new(survivors)));
        let budget = 2 * self.index.len().max(1 << 16);
        let mut held: usize = self.history.iter().map(|(_, m)| m.len()).sum();
        while self.history.len() > 1 && (self.history.len() > HISTORY || held > budget) {
            held -= self.history.remove(0).1.len();
        }
    }

    /// The character positions of the title that match, for highlighting
    /// (positions in the source or dateline part are left out).
    pub fn title_positions(&self, index: usize, query: &str) -> Vec<usize> {
        if index >= self.index.len() {
            return Vec::new();
        }
        let limit = self.index.title_chars(index);
        let mut at = positions(&self.index, &Pattern::parse(query), index);
        at.retain(|&i| i < limit);
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn finder(titles: &[&str]) -> Finder {
        Finder::new(Arc::new(TitleIndex::from_titles(titles.iter().map(|s| s.to_string()).collect())))
    }

    fn found(f: &mut Finder, q: &str) -> Vec<usize> {
        f.search(q, 100).0.into_iter().map(|h| h.index).collect()
    }

    #[test]
    fn ranks_and_counts() {
        let mut f = finder(&[
            "Istanbul talks stall",
            "Kabul border reopens",
            "Talks in Doha",
            "Instant noodles boom",
        ]);
        // "Instant" has the letters of "istan" only scattered: left out,
        // since "Istanbul" starts with them.
        let (hits, total) = f.search("istan", 10);
        assert_eq!((total, f.cut()), (1, 1));
        assert_eq!(hits[0].index, 0);
        let (hits, total) = f.search("talks", 1);
        assert_eq!(total, 2);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn words_match_in_any_order() {
        let mut f = finder(&["Kabul talks", "Talks in Doha", "Kabul border"]);
        assert_eq!(found(&mut f, "talks kabul"), [0]);
        assert_eq!(found(&mut f, "kabul talks"), [0]);
        assert_eq!(found(&mut f, "  talks   kabul "), [0]);
    }

    #[test]
    fn fzf_operators() {
        let mut f = finder(&["Kabul talks", "Talks in Kabul", "Kabulov talks", "Doha"]);
        let mut sorted = |q: &str| {
            let mut v = found(&mut f, q);
            v.sort_unstable();
            v
        };
        assert_eq!(sorted("'kabul"), [0, 1, 2]);
        assert_eq!(sorted("'kbl"), Vec::<usize>::new(), "exact: no gaps");
        assert_eq!(sorted("^kabul"), [0, 2]);
        assert_eq!(sorted("kabul$"), [1]);
        assert_eq!(sorted("^kabul talks$"), [0, 2]);
        assert_eq!(sorted("^doha$"), [3]);
        assert_eq!(sorted("^doh$"), Vec::<usize>::new());
        assert_eq!(sorted("!kabul"), [3]);
        assert_eq!(sorted("talks !^kabul"), [1]);
        assert_eq!(sorted("talks !'kabulov"), [0, 1]);
        assert_eq!(sorted("talks !talks$"), [1]);
        assert_eq!(sorted("doha | kabulov"), [2, 3]);
        assert_eq!(sorted("^doha | ^talks kabul"), [1]);
        // Operators alone are ignored: everything, in order.
        assert_eq!(sorted("' ^ $ ! !^ |"), [0, 1, 2, 3]);
    }

    #[test]
    fn suffix_is_the_end_of_the_title_not_of_its_source() {
        let index = TitleIndex::from_rows(vec![("Kabul talks", Some("Tolo News"), Some("KABUL"))]);
        let mut f = Finder::new(Arc::new(index));
        assert_eq!(found(&mut f, "talks$"), [0]);
        assert_eq!(found(&mut f, "kabul$"), Vec::<usize>::new());
        assert_eq!(found(&mut f, "tolo"), [0], "the source is searched");
        assert_eq!(f.title_positions(0, "tolo"), Vec::<usize>::new(), "not highlighted in the title");
    }

    #[test]
    fn incremental_typing_and_backspace_agree_with_a_fresh_search() {
        let corpus = Corpus::seeds();
        let index = Arc::new(TitleIndex::new(&corpus.articles));
        let mut typed = Finder::new(index.clone());
        let queries =
            ["t", "ta", "tal", "tali", "tal", "ta", "taliban", "Tal", "tal !", "tal !p", "tal !pa", "'ta"];
        let out: Vec<_> = queries.iter().map(|q| typed.search(q, 50)).collect();
        for (q, got) in queries.iter().zip(out) {
            let mut fresh = Finder::new(index.clone());
            assert_eq!(fresh.search(q, 50), got, "{q}");
        }
    }

    #[test]
    fn smart_case_and_highlight_positions() {
        let mut f = finder(&["Kabul talks", "kabuli pulao"]);
        assert_eq!(f.search("kabul", 10).1, 2);
        assert_eq!(f.search("Kabul", 10).1, 1);
        // Each word on its own: "Kabul" exact in case, "PULAO" too.
        assert_eq!(f.search("Kabul talks", 10).1, 1);
        assert_eq!(f.search("PULAO", 10).1, 0);
        assert_eq!(f.title_positions(0, "kbl"), vec![0, 2, 4]);
        assert_eq!(f.title_positions(0, "talks kab"), vec![0, 1, 2, 6, 7, 8, 9, 10]);
        assert_eq!(f.title_positions(0, "!kabul tal"), vec![6, 7, 8]);
    }

    #[test]
    fn unicode_case_and_accents_fold_and_highlights_land_on_the_original() {
        let mut f = finder(&["Über drivers strike", "Talks in Kābul", "Die Straße", "İzmir port"]);
        assert_eq!(found(&mut f, "über"), [0]);
        assert_eq!(found(&mut f, "uber")[0], 0);
        assert_eq!(found(&mut f, "kabul")[0], 1);
        assert_eq!(found(&mut f, "strasse")[0], 2);
        assert_eq!(found(&mut f, "izmir")[0], 3);
        assert_eq!(found(&mut f, "kabul$"), [1]);
        assert_eq!(found(&mut f, "^die strasse$"), [2]);
        // Character positions of the original title ("Kābul" at 9..14).
        assert_eq!(f.title_positions(1, "kabul"), vec![9, 10, 11, 12, 13]);
        // "ss" is the one "ß" (character 7 of "Die Straße").
        assert_eq!(f.title_positions(2, "strasse"), vec![4, 5, 6, 7, 8, 9]);
        assert_eq!(f.title_positions(2, "'sse die"), vec![0, 1, 2, 8, 9]);
    }

    #[test]
    fn scattered_letters_are_cut_when_word_matches_exist_and_rank_last_otherwise() {
        let mut f = finder(&[
            "Industry prices boom overseas, dealers say",
            "Apple's iPod sales soar",
            "In politics: old debates",
            "New iPods on sale",
        ]);
        let (hits, total) = f.search("ipod", 10);
        let mut found: Vec<usize> = hits.iter().map(|h| h.index).collect();
        found.sort_unstable();
        assert_eq!(found, [1, 3], "{hits:?}");
        assert_eq!(total, 2);
        assert_eq!(f.cut(), 2, "two scattered matches left out");
        assert!(hits.iter().all(|h| h.kind == MatchKind::Word && h.relevance >= 0.7));
        // Nothing better: the scattered matches are all there is, ranked low.
        let (hits, total) = f.search("ipdb", 10);
        assert_eq!((total, f.cut()), (hits.len(), 0));
        assert!(hits.iter().all(|h| h.kind == MatchKind::Scattered && h.relevance <= 0.2), "{hits:?}");
        // Relevance is sorted with the ranking.
        let (hits, _) = f.search("s", 10);
        assert!(hits.windows(2).all(|w| w[0].relevance >= w[1].relevance), "{hits:?}");
    }

    #[test]
    fn a_limit_of_nothing_still_counts() {
        let mut f = finder(&["Kabul talks", "Doha talks"]);
        assert_eq!(f.search("talks", 0), (Vec::new(), 2));
        assert_eq!(f.search("", 0), (Vec::new(), 2));
    }

    #[test]
    fn empty_query_lists_everything_in_order() {
        let mut f = finder(&["b", "a"]);
        let (hits, total) = f.search("", 10);
        assert_eq!(total, 2);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![0, 1]);
    }

    #[test]
    fn a_progressive_search_tells_a_first_screenful_then_ranks_like_search() {
        let titles: Vec<String> = (0..CHUNK * 3).map(|i| format!("Talks round {i}")).collect();
        let index = Arc::new(TitleIndex::from_titles(titles));
        let mut f = Finder::new(index.clone());
        let mut told = Vec::new();
        let done = f.search_progressive("round 7", 20, 20, &|| false, &mut |p| {
            told.push((p.hits.len(), p.scanned, p.candidates));
        });
        // The first chunk holds more than 20 matches: told after it.
        assert_eq!(told, [(20, CHUNK, CHUNK * 3)]);
        assert_eq!(done, Some(Finder::new(index).search("round 7", 20)));
    }

    #[test]
    fn a_cancelled_search_stops_between_chunks_and_keeps_nothing() {
        let titles: Vec<String> = (0..CHUNK * 2).map(|i| format!("Talks round {i}")).collect();
        let mut f = Finder::new(Arc::new(TitleIndex::from_titles(titles)));
        let asked = std::cell::Cell::new(0);
        let cancel_second = || {
            asked.set(asked.get() + 1);
            asked.get() > 1
        };
        assert_eq!(f.search_progressive("talks", 10, 5, &cancel_second, &mut |_| {}), None);
        assert_eq!(asked.get(), 2);
        assert!(f.history.is_empty());
        assert_eq!(f.search("talks", 10).1, CHUNK * 2);
    }

    #[test]
    fn hostile_queries_do_not_panic() {
        let mut f = finder(&["Kabul talks", "Die Straße", "", "\u{301}"]);
        let long = "ab ".repeat(10_000);
        for q in ["'", "^", "$", "!", "|", "!^", "!'", "^$", "''", "$$", "!!", "\\", "\u{301}", "ß$", &long]
        {
            let _ = f.search(q, 10);
            for i in 0..5 {
                let _ = f.title_positions(i, q);
            }
        }
    }
}
