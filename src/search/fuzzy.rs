//! The fuzzy finder over titles, sources and datelines.
//!
//! fuzzy-matcher's SkimMatcherV2 gives the score and the matched characters,
//! but costs about a microsecond per title: too slow to run over 100,000
//! titles on every keystroke. So:
//! - a byte-level subsequence test (memchr) rejects non-matches first;
//! - a longer query only rescans the previous query's matches;
//! - survivors are scored in parallel, and only the best `limit` are sorted
//!   (partial selection);
//! - matched positions (for highlighting) are computed only for the rows shown.

use std::sync::Arc;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::corpus::Article;

/// What the finder matches against, per article.
pub struct TitleIndex {
    /// "title  source  dateline"
    texts: Vec<String>,
    /// ASCII-lowercased bytes of `texts`.
    folded: Vec<Box<[u8]>>,
    /// Characters of the title at the start of each text.
    title_chars: Vec<usize>,
}

impl TitleIndex {
    pub fn new(articles: &[Article]) -> TitleIndex {
        let texts: Vec<String> = articles
            .par_iter()
            .map(|a| {
                let mut t = a.title.clone();
                for extra in [a.source.as_deref(), a.dateline.as_deref()].into_iter().flatten() {
                    t.push_str("  ");
                    t.push_str(extra);
                }
                t
            })
            .collect();
        let folded = texts.par_iter().map(|t| t.as_bytes().to_ascii_lowercase().into_boxed_slice()).collect();
        let title_chars = articles.par_iter().map(|a| a.title.chars().count()).collect();
        TitleIndex { texts, folded, title_chars }
    }

    /// From plain strings (benchmarks, tests).
    pub fn from_titles(titles: Vec<String>) -> TitleIndex {
        let folded = titles.iter().map(|t| t.as_bytes().to_ascii_lowercase().into_boxed_slice()).collect();
        let title_chars = titles.iter().map(|t| t.chars().count()).collect();
        TitleIndex { texts: titles, folded, title_chars }
    }

    pub fn len(&self) -> usize {
        self.texts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    pub fn text(&self, index: usize) -> &str {
        self.texts.get(index).map_or("", String::as_str)
    }
}

/// Every byte of `needle` appears in `hay` in order.
#[inline]
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut pos = 0;
    for &b in needle {
        match memchr::memchr(b, &hay[pos..]) {
            Some(i) => pos += i + 1,
            None => return false,
        }
    }
    true
}

/// How many candidates skim scores when a query matches very many titles.
const POOL: usize = 2_000;

/// A cheap stand-in for the skim score, to choose which candidates skim
/// ranks: a contiguous match beats a scattered one, a match at a word start
/// beats one inside a word, an early match beats a late one, a short text
/// beats a long one.
fn quick_score(needle: &[u8], hay: &[u8]) -> i64 {
    let at_word_start = |p: usize| p == 0 || !hay[p - 1].is_ascii_alphanumeric();
    let length_penalty = (hay.len() / 8) as i64;
    if let Some(pos) = memchr::memmem::find(hay, needle) {
        let bonus = if at_word_start(pos) { 600 } else { 0 };
        return 1_000 + bonus - pos.min(200) as i64 - length_penalty;
    }
    // Scattered: count characters that start words and runs of adjacent ones.
    let mut score = 0i64;
    let mut pos = 0;
    let mut last: Option<usize> = None;
    for &b in needle {
        let Some(i) = memchr::memchr(b, &hay[pos..]) else { return i64::MIN };
        let p = pos + i;
        if at_word_start(p) {
            score += 40;
        }
        if last.is_some_and(|l| l + 1 == p) {
            score += 30;
        }
        last = Some(p);
        pos = p + 1;
    }
    score - length_penalty
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyHit {
    pub index: usize,
    pub score: i64,
}

/// The finder: an index plus what the last queries matched.
pub struct Finder {
    index: Arc<TitleIndex>,
    matcher: SkimMatcherV2,
    /// Matches of earlier queries, each a prefix of the next (for typing
    /// forward and for backspace): (query, case-sensitive, matching indices).
    history: Vec<(String, bool, Vec<u32>)>,
}

/// Queries whose matches are worth keeping for the next keystroke.
const HISTORY: usize = 32;

impl Finder {
    pub fn new(index: Arc<TitleIndex>) -> Finder {
        Finder { index, matcher: SkimMatcherV2::default().smart_case(), history: Vec::new() }
    }

    pub fn index(&self) -> &Arc<TitleIndex> {
        &self.index
    }

    /// The candidates to scan for a query: the matches of the longest
    /// earlier query it extends, or everything.
    fn candidates(&mut self, query: &str, case_sensitive: bool) -> Option<Vec<u32>> {
        self.history.retain(|(q, cs, _)| *cs == case_sensitive && query.starts_with(q.as_str()));
        self.history.last().map(|(_, _, m)| m.clone())
    }

    /// The articles matching `query`, best first: at most `limit`, and the
    /// number that matched. An empty query matches everything in corpus order.
    pub fn search(&mut self, query: &str, limit: usize) -> (Vec<FuzzyHit>, usize) {
        let query = query.trim();
        let n = self.index.len();
        if query.is_empty() {
            let hits = (0..n.min(limit)).map(|index| FuzzyHit { index, score: 0 }).collect();
            return (hits, n);
        }
        let case_sensitive = query.chars().any(char::is_uppercase);
        let needle: Vec<u8> = query
            .bytes()
            .filter(|b| *b != b' ')
            .map(|b| if case_sensitive { b } else { b.to_ascii_lowercase() })
            .collect();
        let previous = self.candidates(query, case_sensitive);
        let index = Arc::clone(&self.index);
        let index = &*index;
        let hay =
            |i: usize| -> &[u8] { if case_sensitive { index.texts[i].as_bytes() } else { &index.folded[i] } };
        let survivors: Vec<u32> = match previous {
            Some(prev) => {
                prev.into_par_iter().filter(|&i| is_subsequence(&needle, hay(i as usize))).collect()
            }
            None => {
                (0..n as u32).into_par_iter().filter(|&i| is_subsequence(&needle, hay(i as usize))).collect()
            }
        };
        let total = survivors.len();
        // Too many survivors to score them all with skim on every keystroke
        // (short queries): a cheap score picks the most promising pool first.
        let pool: Vec<u32> = if survivors.len() > POOL * 4 {
            let mut quick: Vec<(i64, u32)> =
                survivors.par_iter().map(|&i| (quick_score(&needle, hay(i as usize)), i)).collect();
            quick.select_nth_unstable_by_key(POOL - 1, |&(s, i)| (std::cmp::Reverse(s), i));
            quick.truncate(POOL);
            quick.into_iter().map(|(_, i)| i).collect()
        } else {
            survivors.clone()
        };
        let matcher = &self.matcher;
        let mut scored: Vec<(i64, u32)> = pool
            .par_iter()
            .filter_map(|&i| matcher.fuzzy_match(&index.texts[i as usize], query).map(|s| (s, i)))
            .collect();
        if self.history.len() >= HISTORY {
            self.history.remove(0);
        }
        self.history.push((query.to_string(), case_sensitive, survivors));

        // Best first; ties go to the shorter title, then to corpus order.
        let key = |&(s, i): &(i64, u32)| (std::cmp::Reverse(s), index.title_chars[i as usize], i);
        let take = limit.min(scored.len());
        if take == 0 {
            return (Vec::new(), total);
        }
        if take < scored.len() {
            scored.select_nth_unstable_by_key(take - 1, key);
            scored.truncate(take);
        }
        scored.sort_unstable_by_key(key);
        (scored.into_iter().map(|(score, i)| FuzzyHit { index: i as usize, score }).collect(), total)
    }

    /// The character positions of the title that match, for highlighting
    /// (positions in the source or dateline part are left out).
    pub fn title_positions(&self, index: usize, query: &str) -> Vec<usize> {
        let Some(text) = self.index.texts.get(index) else { return Vec::new() };
        let limit = self.index.title_chars[index];
        self.matcher
            .fuzzy_indices(text, query.trim())
            .map(|(_, idx)| idx.into_iter().filter(|&i| i < limit).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn finder(titles: &[&str]) -> Finder {
        Finder::new(Arc::new(TitleIndex::from_titles(titles.iter().map(|s| s.to_string()).collect())))
    }

    #[test]
    fn ranks_and_counts() {
        let mut f = finder(&[
            "Istanbul talks stall",
            "Kabul border reopens",
            "Talks in Doha",
            "Instant noodles boom",
        ]);
        let (hits, total) = f.search("istan", 10);
        assert_eq!(total, 2);
        assert_eq!(hits[0].index, 0);
        let (hits, total) = f.search("talks", 1);
        assert_eq!(total, 2);
        assert_eq!(hits.len(), 1);
    }

    #[test]
    fn incremental_typing_and_backspace_agree_with_a_fresh_search() {
        let corpus = Corpus::seeds();
        let index = Arc::new(TitleIndex::new(&corpus.articles));
        let mut typed = Finder::new(index.clone());
        let mut out = Vec::new();
        for q in ["t", "ta", "tal", "tali", "tal", "ta", "taliban", "Tal"] {
            out.push(typed.search(q, 50));
        }
        for (q, got) in ["t", "ta", "tal", "tali", "tal", "ta", "taliban", "Tal"].iter().zip(out) {
            let mut fresh = Finder::new(index.clone());
            assert_eq!(fresh.search(q, 50), got, "{q}");
        }
    }

    #[test]
    fn smart_case_and_highlight_positions() {
        let mut f = finder(&["Kabul talks", "kabuli pulao"]);
        assert_eq!(f.search("kabul", 10).1, 2);
        assert_eq!(f.search("Kabul", 10).1, 1);
        assert_eq!(f.title_positions(0, "kbl"), vec![0, 2, 4]);
    }

    #[test]
    fn empty_query_lists_everything_in_order() {
        let mut f = finder(&["b", "a"]);
        let (hits, total) = f.search("", 10);
        assert_eq!(total, 2);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![0, 1]);
    }
}
