//! The running best of a finder's ranking: the best `limit` matches
//! scored so far (partial selection), how many matched of each kind, and
//! the ranking they make.

use std::cmp::Reverse;

use super::score::MatchKind;
use super::titles::TitleIndex;

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

fn band(kind: MatchKind) -> (f64, f64) {
    match kind {
        MatchKind::Word => (0.7, 1.0),
        MatchKind::Inside => (0.3, 0.5),
        MatchKind::Scattered => (0.0, 0.2),
    }
}

/// A match: kind, score, index. Ranked by [`rank_key`].
pub(super) type Scored = (MatchKind, u32, u32);

/// Best kind first, then best score; ties go to the shorter title, then to
/// corpus order.
fn rank_key(index: &TitleIndex, &(k, s, i): &Scored) -> (Reverse<MatchKind>, Reverse<u32>, usize, u32) {
    (Reverse(k), Reverse(s), index.title_chars(i as usize), i)
}

/// The running best of a ranking: the best `limit` scored so far, and how
/// many matched of each kind (scattered, inside, word).
pub(super) struct Best {
    limit: usize,
    top: Vec<Scored>,
    counts: [usize; 3],
}

impl Best {
    pub(super) fn new(limit: usize) -> Best {
        Best { limit, top: Vec::new(), counts: [0; 3] }
    }

    /// One more match of kind `k` (scored or not).
    pub(super) fn count(&mut self, k: MatchKind) {
        self.counts[k as usize] += 1;
    }

    pub(super) fn add(&mut self, index: &TitleIndex, scored: impl IntoIterator<Item = Scored>) {
        if self.limit == 0 {
            return;
        }
        self.top.extend(scored);
        if self.top.len() > self.limit.saturating_mul(2) {
            self.top.select_nth_unstable_by_key(self.limit - 1, |s| rank_key(index, s));
            self.top.truncate(self.limit);
        }
    }

    /// The worst kind that can rank among the best `limit`: word matches
    /// alone when there are `limit` of them; scattered letters only when
    /// nothing better matched (otherwise they are left out).
    pub(super) fn floor(&self) -> MatchKind {
        let [_, inside, word] = self.counts;
        if word >= self.limit {
            MatchKind::Word
        } else if word + inside > 0 {
            MatchKind::Inside
        } else {
            MatchKind::Scattered
        }
    }

    pub(super) fn matched(&self) -> usize {
        self.counts.iter().sum()
    }

    /// Scattered matches left out (all of them, when better ones exist).
    pub(super) fn cut(&self) -> usize {
        if self.counts[1] + self.counts[2] > 0 { self.counts[0] } else { 0 }
    }

    /// The ranking so far, best first, and how many matched.
    pub(super) fn ranking(&self, index: &TitleIndex) -> (Vec<FuzzyHit>, usize) {
        let cut = self.cut();
        let mut top: Vec<Scored> =
            self.top.iter().copied().filter(|&(k, _, _)| cut == 0 || k > MatchKind::Scattered).collect();
        let take = self.limit.min(top.len());
        if take == 0 {
            return (Vec::new(), self.matched() - cut);
        }
        if take < top.len() {
            top.select_nth_unstable_by_key(take - 1, |s| rank_key(index, s));
            top.truncate(take);
        }
        top.sort_unstable_by_key(|s| rank_key(index, s));
        let best = top.iter().map(|&(_, s, _)| s).max().unwrap_or(1).max(1) as f64;
        let hits = top
            .into_iter()
            .map(|(kind, score, i)| {
                let (low, high) = band(kind);
                let relevance = low + (high - low) * (f64::from(score) / best).min(1.0);
                FuzzyHit { index: i as usize, score: i64::from(score), kind, relevance }
            })
            .collect();
        (hits, self.matched() - cut)
    }
}
