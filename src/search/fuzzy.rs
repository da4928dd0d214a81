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
//!
//! Case-insensitive queries (no capital) match the folded text
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

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use super::fold::{Folded, fold_str};
use super::terms::occurrences;
use crate::corpus::Article;

/// What the finder matches against, per article.
pub struct TitleIndex {
    /// "title  source  dateline"
    texts: Vec<String>,
    /// `texts` folded (case and accents).
    folded: Vec<Folded>,
    /// Characters of the title at the start of each text.
    title_chars: Vec<usize>,
}

impl TitleIndex {
    pub fn new(articles: &[Article]) -> TitleIndex {
        TitleIndex::from_rows(
            articles.iter().map(|a| (a.title.as_str(), a.source.as_deref(), a.dateline.as_deref())).collect(),
        )
    }

    /// From each article's (title, source, dateline): what the library's
    /// catalog holds, without the bodies.
    pub fn from_rows(rows: Vec<(&str, Option<&str>, Option<&str>)>) -> TitleIndex {
        let texts: Vec<String> = rows
            .par_iter()
            .map(|(title, source, dateline)| {
                let mut t = title.to_string();
                for extra in [source, dateline].into_iter().flatten() {
                    t.push_str("  ");
                    t.push_str(extra);
                }
                t
            })
            .collect();
        let folded = texts.par_iter().map(|t| Folded::new(t)).collect();
        let title_chars = rows.par_iter().map(|(title, _, _)| title.chars().count()).collect();
        TitleIndex { texts, folded, title_chars }
    }

    /// From plain strings (benchmarks, tests).
    pub fn from_titles(titles: Vec<String>) -> TitleIndex {
        let folded = titles.par_iter().map(|t| Folded::new(t)).collect();
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

/// How a text matches a query, best last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Only as letters scattered across the text.
    Scattered,
    /// Every word of the query whole in the text, some inside a word.
    Inside,
    /// Every word of the query at the start of a word of the text.
    Word,
}

impl MatchKind {
    /// The band of [`FuzzyHit::relevance`] a kind's matches fall in.
    fn band(self) -> (f64, f64) {
        match self {
            MatchKind::Word => (0.7, 1.0),
            MatchKind::Inside => (0.3, 0.5),
            MatchKind::Scattered => (0.0, 0.2),
        }
    }

    /// How the words of a query (each as searched) match `hay`.
    pub fn of(words: &[Vec<u8>], hay: &[u8]) -> MatchKind {
        if words.iter().all(|w| !occurrences(hay, w).is_empty()) {
            MatchKind::Word
        } else if words.iter().all(|w| memchr::memmem::find(hay, w).is_some()) {
            MatchKind::Inside
        } else {
            MatchKind::Scattered
        }
    }
}

/// One ranked result.
#[derive(Debug, Clone, PartialEq)]
pub struct FuzzyHit {
    pub index: usize,
    /// The matcher's score (higher is better; comparable within one query).
    pub score: i64,
    pub kind: MatchKind,
    /// 0..=1, comparable across kinds: word matches 0.7–1, matches inside
    /// words 0.3–0.5, scattered letters 0–0.2; within a band, the score
    /// relative to the best of the query.
    pub relevance: f64,
}

/// The finder: an index plus what the last queries matched.
pub struct Finder {
    index: Arc<TitleIndex>,
    matcher: SkimMatcherV2,
    /// Matches of earlier queries, each a prefix of the next (for typing
    /// forward and for backspace): (query, case-sensitive, matching indices).
    history: Vec<(String, bool, Vec<u32>)>,
    /// Scattered matches the last search left out.
    cut: usize,
}

/// Queries whose matches are worth keeping for the next keystroke.
const HISTORY: usize = 32;

impl Finder {
    pub fn new(index: Arc<TitleIndex>) -> Finder {
        Finder { index, matcher: SkimMatcherV2::default().smart_case(), history: Vec::new(), cut: 0 }
    }

    pub fn index(&self) -> &Arc<TitleIndex> {
        &self.index
    }

    /// How many scattered matches the last search left out because better
    /// matches exist (they are not counted in its total).
    pub fn cut(&self) -> usize {
        self.cut
    }

    /// The candidates to scan for a query: the matches of the longest
    /// earlier query it extends, or everything.
    fn candidates(&mut self, query: &str, case_sensitive: bool) -> Option<Vec<u32>> {
        self.history.retain(|(q, cs, _)| *cs == case_sensitive && query.starts_with(q.as_str()));
        self.history.last().map(|(_, _, m)| m.clone())
    }

    /// The articles matching `query`, best first: at most `limit`, and the
    /// number that matched (scattered matches left out, see [`Finder::cut`]).
    /// An empty query matches everything in corpus order.
    pub fn search(&mut self, query: &str, limit: usize) -> (Vec<FuzzyHit>, usize) {
        let query = super::bounded(query).0.trim();
        let n = self.index.len();
        self.cut = 0;
        if query.is_empty() {
            let hits = (0..n.min(limit))
                .map(|index| FuzzyHit { index, score: 0, kind: MatchKind::Word, relevance: 1.0 })
                .collect();
            return (hits, n);
        }
        let case_sensitive = query.chars().any(char::is_uppercase);
        let fold = |s: &str| if case_sensitive { s.to_string() } else { fold_str(s) };
        let folded_query = fold(query);
        let needle: Vec<u8> = folded_query.bytes().filter(|b| *b != b' ').collect();
        let words: Vec<Vec<u8>> =
            query.split_whitespace().map(|w| fold(w).into_bytes()).filter(|w| !w.is_empty()).collect();
        let previous = self.candidates(query, case_sensitive);
        let index = Arc::clone(&self.index);
        let index = &*index;
        let text =
            |i: usize| -> &str { if case_sensitive { &index.texts[i] } else { index.folded[i].text() } };
        let hay = |i: usize| -> &[u8] { text(i).as_bytes() };
        let survivors: Vec<u32> = match previous {
            Some(prev) => {
                prev.into_par_iter().filter(|&i| is_subsequence(&needle, hay(i as usize))).collect()
            }
            None => {
                (0..n as u32).into_par_iter().filter(|&i| is_subsequence(&needle, hay(i as usize))).collect()
            }
        };
        // Scattered matches only when nothing better matched.
        let kinds: Vec<(MatchKind, u32)> =
            survivors.par_iter().map(|&i| (MatchKind::of(&words, hay(i as usize)), i)).collect();
        let better = kinds.iter().any(|(k, _)| *k > MatchKind::Scattered);
        let kept: Vec<(MatchKind, u32)> = if better {
            kinds.into_iter().filter(|(k, _)| *k > MatchKind::Scattered).collect()
        } else {
            kinds
        };
        self.cut = survivors.len() - kept.len();
        let total = kept.len();
        // Too many matches to score them all with skim on every keystroke
        // (short queries): a cheap score picks the most promising pool first.
        let pool: Vec<(MatchKind, u32)> = if kept.len() > POOL * 4 {
            let mut quick: Vec<(MatchKind, i64, u32)> =
                kept.par_iter().map(|&(k, i)| (k, quick_score(&needle, hay(i as usize)), i)).collect();
            quick.select_nth_unstable_by_key(POOL - 1, |&(k, s, i)| (std::cmp::Reverse((k, s)), i));
            quick.truncate(POOL);
            quick.into_iter().map(|(k, _, i)| (k, i)).collect()
        } else {
            kept
        };
        let matcher = &self.matcher;
        let q = folded_query.as_str();
        let mut scored: Vec<(MatchKind, i64, u32)> = pool
            .par_iter()
            .filter_map(|&(k, i)| matcher.fuzzy_match(text(i as usize), q).map(|s| (k, s, i)))
            .collect();
        if self.history.len() >= HISTORY {
            self.history.remove(0);
        }
        self.history.push((query.to_string(), case_sensitive, survivors));

        // Best kind first, then best score; ties go to the shorter title,
        // then to corpus order.
        let key = |&(k, s, i): &(MatchKind, i64, u32)| {
            (std::cmp::Reverse(k), std::cmp::Reverse(s), index.title_chars[i as usize], i)
        };
        let take = limit.min(scored.len());
        if take == 0 {
            return (Vec::new(), total);
        }
        if take < scored.len() {
            scored.select_nth_unstable_by_key(take - 1, key);
            scored.truncate(take);
        }
        scored.sort_unstable_by_key(key);
        let best = scored.iter().map(|&(_, s, _)| s).max().unwrap_or(1).max(1) as f64;
        let hits = scored
            .into_iter()
            .map(|(kind, score, i)| {
                let (low, high) = kind.band();
                let relevance = low + (high - low) * (score.max(0) as f64 / best).min(1.0);
                FuzzyHit { index: i as usize, score, kind, relevance }
            })
            .collect();
        (hits, total)
    }

    /// The character positions of the title that match, for highlighting
    /// (positions in the source or dateline part are left out).
    pub fn title_positions(&self, index: usize, query: &str) -> Vec<usize> {
        let Some(text) = self.index.texts.get(index) else { return Vec::new() };
        let limit = self.index.title_chars[index];
        let query = query.trim();
        let positions = if query.chars().any(char::is_uppercase) {
            self.matcher.fuzzy_indices(text, query).map(|(_, idx)| idx).unwrap_or_default()
        } else {
            // Found in the folded text: mapped back to the original's characters.
            let folded = &self.index.folded[index];
            self.matcher
                .fuzzy_indices(folded.text(), &fold_str(query))
                .map(|(_, idx)| folded.original_chars(text, &idx))
                .unwrap_or_default()
        };
        positions.into_iter().filter(|&i| i < limit).collect()
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
    fn unicode_case_and_accents_fold_and_highlights_land_on_the_original() {
        let mut f = finder(&["Über drivers strike", "Talks in Kābul", "Die Straße", "İzmir port"]);
        assert_eq!(f.search("über", 10).0.iter().map(|h| h.index).collect::<Vec<_>>(), [0]);
        assert_eq!(f.search("uber", 10).0[0].index, 0);
        assert_eq!(f.search("kabul", 10).0[0].index, 1);
        assert_eq!(f.search("strasse", 10).0[0].index, 2);
        assert_eq!(f.search("izmir", 10).0[0].index, 3);
        // Character positions of the original title ("Kābul" at 9..14).
        assert_eq!(f.title_positions(1, "kabul"), vec![9, 10, 11, 12, 13]);
        // "ss" is the one "ß" (character 7 of "Die Straße").
        assert_eq!(f.title_positions(2, "strasse"), vec![4, 5, 6, 7, 8, 9]);
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
    fn empty_query_lists_everything_in_order() {
        let mut f = finder(&["b", "a"]);
        let (hits, total) = f.search("", 10);
        assert_eq!(total, 2);
        assert_eq!(hits.iter().map(|h| h.index).collect::<Vec<_>>(), vec![0, 1]);
    }
}
