//! The finder and full-text search, measured.
//!
//! Over 1,000,000 synthetic titles (`RROOM_BENCH_TITLES` for another count):
//! - finder/first/<q>: a fresh search for <q> until its first screenful
//!   (30 rows) is handed over (`Finder::search_progressive`): what the
//!   user sees a keystroke after typing;
//! - finder/full/<q>: the same search to its final ranking (200 rows);
//! - finder/typed/<q>: the keystroke that completes <q> after its prefix
//!   was searched (the finder narrows to the prefix's matches);
//! - finder/growing: "talks kabul" typed letter by letter, all 11
//!   keystrokes' final rankings;
//! - finder/build_index: the title index built from the titles;
//! - baseline/skim/<q>, baseline/nucleo/<q>: fuzzy-matcher's SkimMatcherV2
//!   and nucleo-matcher alone over every title (in parallel, as the finder
//!   runs), keeping the best 200: the same-run baselines;
//! - fulltext/bbc/<q>: full-text search over the BBC corpus (when present:
//!   `../shared/corpora/bbc`, or the one RROOM_BENCH_CORPUS names).
//!
//! The title index's size is printed once (heap bytes).

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;
use rroom::corpus::Corpus;
use rroom::corpus::synth::{Rng, title};
use rroom::search::{BodyIndex, Finder, Query, TitleIndex};

const LIMIT: usize = 200;
const SCREEN: usize = 30;
const QUERIES: &[&str] = &["p", "ta", "tal", "talk", "kbl", "bor cross", "talks kabul", "'talks !kabul"];

fn titles() -> Vec<String> {
    let n = std::env::var("RROOM_BENCH_TITLES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let mut rng = Rng::new(7);
    (0..n).map(|_| title(&mut rng)).collect()
}

/// The best `LIMIT` of scored titles (what a plain matcher must do too).
fn best(mut scored: Vec<(i64, usize)>) -> usize {
    let take = LIMIT.min(scored.len());
    if take > 0 && take < scored.len() {
        scored.select_nth_unstable_by_key(take - 1, |&(s, i)| (std::cmp::Reverse(s), i));
    }
    scored.len()
}

fn finder(c: &mut Criterion) {
    let titles = titles();
    let started = Instant::now();
    let index = Arc::new(TitleIndex::from_titles(titles.clone()));
    eprintln!(
        "title index: {} titles, {:.1} MB on the heap, built in {:.0} ms",
        index.len(),
        index.heap_bytes() as f64 / 1e6,
        started.elapsed().as_secs_f64() * 1e3
    );
    let mut g = c.benchmark_group("finder");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for &q in QUERIES {
        g.bench_with_input(BenchmarkId::new("first", q), q, |b, q| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let mut f = Finder::new(index.clone());
                    let started = Instant::now();
                    let mut first = None;
                    f.search_progressive(q, LIMIT, SCREEN, &|| false, &mut |_| {
                        first = Some(started.elapsed())
                    });
                    spent += first.unwrap_or_else(|| started.elapsed());
                }
                spent
            })
        });
        g.bench_with_input(BenchmarkId::new("full", q), q, |b, q| {
            b.iter(|| Finder::new(index.clone()).search(q, LIMIT).1)
        });
        let prefix = &q[..q.len() - 1];
        g.bench_with_input(BenchmarkId::new("typed", q), q, |b, q| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let mut f = Finder::new(index.clone());
                    f.search(prefix, LIMIT);
                    let started = Instant::now();
                    std::hint::black_box(f.search(q, LIMIT).1);
                    spent += started.elapsed();
                }
                spent
            })
        });
    }
    g.bench_function("growing", |b| {
        let q = "talks kabul";
        b.iter(|| {
            let mut f = Finder::new(index.clone());
            (1..=q.len()).map(|n| f.search(&q[..n], LIMIT).1).sum::<usize>()
        })
    });
    g.bench_function("build_index", |b| b.iter(|| TitleIndex::from_titles(titles.clone()).len()));
    g.finish();

    let mut g = c.benchmark_group("baseline");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    for q in ["p", "tal", "talks kabul"] {
        g.bench_with_input(BenchmarkId::new("skim", q), q, |b, q| {
            let skim = SkimMatcherV2::default().smart_case();
            b.iter(|| {
                best(
                    titles
                        .par_iter()
                        .enumerate()
                        .filter_map(|(i, t)| skim.fuzzy_match(t, q).map(|s| (s, i)))
                        .collect(),
                )
            })
        });
        g.bench_with_input(BenchmarkId::new("nucleo", q), q, |b, q| {
            b.iter(|| {
                let needle = q.replace(' ', "");
                let scored = titles
                    .par_iter()
                    .enumerate()
                    .map_init(
                        || (Matcher::new(Config::DEFAULT), Vec::new()),
                        |(m, buf), (i, t)| {
                            let hay = if t.is_ascii() {
                                Utf32Str::Ascii(t.as_bytes())
                            } else {
                                buf.clear();
                                buf.extend(t.chars());
                                Utf32Str::Unicode(buf)
                            };
                            m.fuzzy_match(hay, Utf32Str::Ascii(needle.as_bytes())).map(|s| (i64::from(s), i))
                        },
                    )
                    .flatten()
                    .collect();
                best(scored)
            })
        });
    }
    g.finish();
}

fn fulltext(c: &mut Criterion) {
    let path = common::bbc_path();
    let corpus = if path.exists() {
        Corpus::load(&[path])
    } else {
        eprintln!("note: {} not found; full-text benchmark over the seeds only", path.display());
        Corpus::seeds()
    };
    let index = BodyIndex::new(&corpus.articles);
    let mut g = c.benchmark_group("fulltext");
    for q in ["election", "blair brown", "\"interest rates\"", "the", "zzzz"] {
        let query = Query::parse(q);
        g.bench_with_input(BenchmarkId::new("bbc", q), &query, |b, query| {
            b.iter(|| index.search(&corpus.articles, query, 50).1)
        });
    }
    g.bench_function("build_index_bbc", |b| b.iter(|| BodyIndex::new(&corpus.articles).len()));
    g.finish();
}

criterion_group!(benches, finder, fulltext);
criterion_main!(benches);
