//! Typing forward, checked against brute force: random sequences of
//! queries where each extends the last by a few characters (letters,
//! spaces, fzf's operators, capitals, accents), as an analyst types, over
//! the finder alone (small chunks) and over the reading room's searcher
//! (titles in several shards, ranked on every core and merged). Every
//! keystroke's ranking and count must be exactly those of scoring every
//! title and sorting them all: narrowing to an earlier query's matches,
//! bounding by the best held, skipping what cannot rank must never drop a
//! title that belongs in the top.
//!
//! Cases: 64 by default, `RROOM_PROPTEST_CASES=N` for more.

mod common;

use std::sync::Arc;

use common::finder::{WORDS, brute_force, config};
use proptest::prelude::*;
use rroom::corpus::Corpus;
use rroom::entities::Corrections;
use rroom::library::{Library, MemoryLibrary};
use rroom::search::{Finder, TitleIndex};
use rroom::tui::jobs::{FindMode, SearchRequest, SearchTarget, Searcher};

fn title() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![4 => prop::sample::select(WORDS).prop_map(String::from), 1 => "[a-eklA-E]{1,5}"],
        1..7,
    )
    .prop_map(|w| w.join(" "))
}

/// What a keystroke or two adds to the query.
fn keys() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[abklnostu]{1,2}",
        2 => Just(" ".to_string()),
        1 => prop::sample::select(&["'", "^", "!", "$", " | ", "K", "ā", "ß", "-"][..]).prop_map(String::from),
    ]
}

/// Queries each extending the one before.
fn typed() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(keys(), 1..10).prop_map(|steps| {
        let mut q = String::new();
        steps
            .into_iter()
            .map(|s| {
                q.push_str(&s);
                q.clone()
            })
            .collect()
    })
}

fn library(titles: &[String]) -> MemoryLibrary {
    let mut jsonl = String::new();
    for (i, t) in titles.iter().enumerate() {
        let line =
            serde_json::json!({ "title": t, "body": format!("Body {i} of the article."), "source": "Tolo" });
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    MemoryLibrary::new(Corpus::from_bytes("titles.jsonl", jsonl.as_bytes()), Corrections::default())
}

/// The index the searcher reads: the library's own titles.
fn index_of(library: &MemoryLibrary) -> TitleIndex {
    let rows = library.titles_in(0..library.len()).unwrap_or_default();
    TitleIndex::from_rows(rows.iter().map(|(t, s, d)| (t.as_str(), s.as_deref(), d.as_deref())).collect())
}

proptest! {
    #![proptest_config(config())]

    /// The finder alone, in small chunks: each keystroke of each sequence.
    #[test]
    fn typing_forward_ranks_as_brute_force(
        titles in prop::collection::vec(title(), 1..150),
        sequences in prop::collection::vec(typed(), 1..3),
        limit in 1usize..15,
        chunk in 1usize..50,
    ) {
        let index = Arc::new(TitleIndex::from_titles(titles));
        let mut finder = Finder::new(index.clone()).with_chunk(chunk);
        for q in sequences.iter().flatten() {
            let (hits, total) = finder.search(q, limit);
            let got: Vec<_> = hits.into_iter().map(|h| (h.index, h.score, h.kind)).collect();
            prop_assert_eq!((got, total), { let (hits, total, _) = brute_force(&index, q, limit); (hits, total) }, "query {:?}", q);
        }
    }

    /// The reading room's searcher over shards: each keystroke's rows (in
    /// order) and count, the first shard's answer then the final one.
    #[test]
    fn the_sharded_searcher_ranks_as_brute_force(
        titles in prop::collection::vec(title(), 1..150),
        sequences in prop::collection::vec(typed(), 1..3),
        limit in 1usize..15,
        shard in 1usize..60,
    ) {
        let library = library(&titles);
        let index = index_of(&library);
        let mut searcher = Searcher::with_shards(Box::new(library), shard);
        while searcher.load_more() {}
        for (generation, q) in sequences.iter().flatten().enumerate() {
            let req = SearchRequest {
                generation: generation as u64,
                target: SearchTarget::Finder,
                mode: FindMode::Titles,
                query: q.clone(),
                limit,
            };
            let _first = searcher.run_shards(&req, 1);
            let done = searcher.run_loaded(&req);
            let (want, total, _) = brute_force(&index, q, limit);
            let got: Vec<usize> = done.rows.iter().map(|r| r.index).collect();
            let want: Vec<usize> = want.into_iter().map(|(i, _, _)| i).collect();
            prop_assert_eq!((got, done.total), (want, total), "query {:?}", q);
        }
    }
}
