//! The finder's property tests (`finder_props`, `finder_narrowing`): the
//! words random titles are made of, the number of cases, and the reference
//! every ranking is held to: every title scored and all of them sorted.

use std::cmp::Reverse;

use proptest::test_runner::Config;
use rroom::search::score::score;
use rroom::search::{MatchKind, Pattern, TitleIndex};

/// 64 cases by default, `RROOM_PROPTEST_CASES=N` for more.
pub fn config() -> Config {
    let cases = std::env::var("RROOM_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Words of titles and queries: capitals, accents, folds and near misses.
pub const WORDS: &[&str] = &[
    "Kabul",
    "kabul",
    "talks",
    "Talks",
    "Doha",
    "border",
    "crossing",
    "Kābul",
    "KĀBUL",
    "Straße",
    "Über",
    "iPod",
    "ipod",
    "India",
    "podcast",
    "a",
    "ab",
    "ba",
    "abc",
    "Istanbul",
    "stall",
    "—",
    "İzmir",
    "x",
    "Kabul-talks",
    "(ipod)",
    "ab1",
    "TALKS",
    "\"Doha\"",
    "tAlks",
    "bank",
    "battle",
    "Pakistan",
    "economy",
    "kbl",
];

/// Every title scored, the rule for scattered matches applied (left out
/// where better matches exist), all sorted: the best `limit` as (index,
/// score, kind), how many match, and how many scattered ones were cut.
pub fn brute_force(
    index: &TitleIndex,
    query: &str,
    limit: usize,
) -> (Vec<(usize, i64, MatchKind)>, usize, usize) {
    let pattern = Pattern::parse(query);
    if pattern.is_empty() {
        let hits = (0..index.len().min(limit)).map(|i| (i, 0, MatchKind::Word)).collect();
        return (hits, index.len(), 0);
    }
    let mut all: Vec<(MatchKind, u32, usize)> =
        (0..index.len()).filter_map(|i| score(index, &pattern, i).map(|(k, s)| (k, s, i))).collect();
    let before = all.len();
    if all.iter().any(|&(k, _, _)| k > MatchKind::Scattered) {
        all.retain(|&(k, _, _)| k > MatchKind::Scattered);
    }
    let cut = before - all.len();
    all.sort_by_key(|&(k, s, i)| (Reverse(k), Reverse(s), index.title_chars(i), i));
    let total = all.len();
    let hits = all.into_iter().take(limit).map(|(k, s, i)| (i, i64::from(s), k)).collect();
    (hits, total, cut)
}
