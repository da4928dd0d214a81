//! The finder's fast path against brute force: whatever the titles and the
//! queries (operators, ORs, capitals, accents, queries typed letter by
//! letter and erased), the finder's top results are exactly those of scoring
//! every title and sorting them all. Narrowing to an earlier query's
//! matches, scanning in chunks and keeping only the best so far must never
//! drop a title that belongs in the top.
//!
//! Cases: 64 by default, `RROOM_PROPTEST_CASES=N` for more.

mod common;

use std::sync::Arc;

use common::finder::{WORDS, brute_force, config};
use proptest::prelude::*;
use rroom::search::fold::fold_str;
use rroom::search::{Finder, MatchKind, TitleIndex};

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![3 => prop::sample::select(WORDS).prop_map(String::from), 1 => "[a-eA-E]{1,5}"],
        0..7,
    )
    .prop_map(|w| w.join(" "))
}

fn row() -> impl Strategy<Value = (String, Option<String>)> {
    (title(), prop::option::weighted(0.3, prop::sample::select(&["Tolo News", "Kābul Times", "BBC"][..])))
        .prop_map(|(t, s)| (t, s.map(String::from)))
}

/// A query word: a word or letters, with fzf's operators around it.
fn word() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        3 => prop::sample::select(WORDS).prop_map(|w| w.chars().take(4).collect::<String>()),
        2 => "[a-eA-E]{0,3}",
        1 => prop::sample::select(&["ss", "kab", "tal", "uber", "σ"][..]).prop_map(String::from),
    ];
    let prefix = prop::sample::select(&["", "", "", "'", "^", "!", "!^", "!'"][..]);
    let suffix = prop::sample::select(&["", "", "", "$"][..]);
    (prefix, text, suffix).prop_map(|(p, t, s)| format!("{p}{t}{s}"))
}

fn query() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![8 => word(), 1 => Just("|".to_string())], 1..4)
        .prop_map(|w| w.join(" "))
}

fn fast(finder: &mut Finder, query: &str, limit: usize) -> (Vec<(usize, i64, MatchKind)>, usize, usize) {
    let (hits, total) = finder.search(query, limit);
    (hits.into_iter().map(|h| (h.index, h.score, h.kind)).collect(), total, finder.cut())
}

proptest! {
    #![proptest_config(config())]

    /// Typed letter by letter, then erased, over small chunks: every
    /// keystroke's top results equal brute force's.
    #[test]
    fn the_fast_path_ranks_exactly_as_brute_force(
        rows in prop::collection::vec(row(), 1..120),
        queries in prop::collection::vec(query(), 1..4),
        limit in 1usize..12,
        chunk in 1usize..40,
    ) {
        let index = Arc::new(TitleIndex::from_rows(
            rows.iter().map(|(t, s)| (t.as_str(), s.as_deref(), None)).collect(),
        ));
        let mut finder = Finder::new(index.clone()).with_chunk(chunk);
        for q in &queries {
            let cuts: Vec<usize> = q.char_indices().map(|(i, _)| i).skip(1).chain([q.len()]).collect();
            let typed = cuts.iter().chain(cuts.iter().rev().skip(1));
            for &end in typed {
                let q = &q[..end];
                prop_assert_eq!(fast(&mut finder, q, limit), brute_force(&index, q, limit), "query {:?}", q);
            }
        }
    }

    /// Highlights land on the original characters of the title: an exact
    /// word's highlighted characters, folded, are the word.
    #[test]
    fn exact_highlights_fold_back_to_the_word(t in title(), w in prop::sample::select(WORDS)) {
        let needle = fold_str(w);
        let mut finder = Finder::new(Arc::new(TitleIndex::from_titles(vec![t.clone()])));
        let query = format!("'{needle}");
        if finder.search(&query, 1).1 == 1 {
            let chars: Vec<char> = t.chars().collect();
            let at = finder.title_positions(0, &query);
            let lit: String = at.iter().map(|&i| chars[i]).collect();
            prop_assert_eq!(fold_str(&lit), needle, "{:?} in {:?} at {:?}", query, t, at);
        }
    }
}

#[test]
fn brute_force_agrees_over_more_titles_than_a_chunk() {
    let titles: Vec<String> = (0..40_000)
        .map(|i| format!("{} talks {} round {i}", WORDS[i % WORDS.len()], WORDS[(i / 7) % WORDS.len()]))
        .collect();
    let index = Arc::new(TitleIndex::from_titles(titles));
    let mut finder = Finder::new(index.clone());
    for q in ["t", "ta", "tal", "talks kab", "talks kabu", "'ab", "^kab !'ul", "x | ab 7$", "Kab", "kab"] {
        assert_eq!(fast(&mut finder, q, 50), brute_force(&index, q, 50), "{q}");
    }
}
