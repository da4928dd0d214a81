//! The finder and full-text search, measured.
//!
//! - fuzzy/cold/<q>: one query over 100,000 synthetic titles with nothing
//!   cached (the first keystroke, or a pasted query);
//! - fuzzy/typed/<q>: the keystroke that completes <q> after its prefix was
//!   typed (the incremental path a user hits);
//! - fuzzy/skim_only/<q>: fuzzy-matcher's SkimMatcherV2 alone over the same
//!   titles, single-threaded, for reference;
//! - fulltext/bbc/<q>: full-text search over the BBC corpus (when present:
//!   `../shared/corpora/bbc`, or the one RROOM_BENCH_CORPUS names).

mod common;

use std::sync::Arc;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rroom::corpus::Corpus;
use rroom::corpus::synth::{Rng, title};
use rroom::search::{BodyIndex, Finder, Query, TitleIndex};

const LIMIT: usize = 200;

fn titles(n: usize) -> Vec<String> {
    let mut rng = Rng::new(7);
    (0..n).map(|_| title(&mut rng)).collect()
}

fn fuzzy(c: &mut Criterion) {
    let titles = titles(100_000);
    let index = Arc::new(TitleIndex::from_titles(titles.clone()));
    let mut g = c.benchmark_group("fuzzy");
    for q in ["p", "ta", "tal", "talk", "talks", "bor cross", "kabul talks"] {
        g.bench_with_input(BenchmarkId::new("cold", q), q, |b, q| {
            b.iter(|| Finder::new(index.clone()).search(q, LIMIT).1)
        });
        let prefix = &q[..q.len() - 1];
        g.bench_with_input(BenchmarkId::new("typed", q), q, |b, q| {
            b.iter_custom(|iters| {
                let mut spent = std::time::Duration::ZERO;
                for _ in 0..iters {
                    let mut f = Finder::new(index.clone());
                    f.search(prefix, LIMIT);
                    let started = std::time::Instant::now();
                    std::hint::black_box(f.search(q, LIMIT).1);
                    spent += started.elapsed();
                }
                spent
            })
        });
    }
    g.sample_size(10);
    let skim = SkimMatcherV2::default().smart_case();
    for q in ["p", "tal", "talks"] {
        g.bench_with_input(BenchmarkId::new("skim_only", q), q, |b, q| {
            b.iter(|| titles.iter().filter(|t| skim.fuzzy_match(t, q).is_some()).count())
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

criterion_group!(benches, fuzzy, fulltext);
criterion_main!(benches);
