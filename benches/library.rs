//! The library index against the in-memory path, in the same run:
//!
//! - build/<corpus>: a full index build (rebuild) vs loading the corpus and
//!   extracting every entity (what every command did before the index);
//! - reopen/<corpus>: opening an unchanged index (the update finds nothing
//!   to do) vs loading the corpus whole;
//! - lookup/<corpus>/<name>: a lookup answered from the stored entity
//!   table (resolve the name, its top 20 articles, its co-occurring
//!   entities) vs regrouping every stored article's entities (what the
//!   index did before the table) vs loading, extracting and grouping;
//! - with/<corpus>/<a+b>: the articles naming two entities, shared
//!   sentences counted (`lookup A --with B` before reading any text);
//! - entity_table/<corpus>: making the entity table again (what an update
//!   that changed the list, or a new correction, costs the next lookup);
//! - fulltext/<corpus>/<q>: `find --full-text` from the index (FTS5, top
//!   hits read back) vs loading the corpus and scanning every body.
//!
//! Corpora: BBC (when present) and a synthetic JSONL corpus of
//! `RROOM_BENCH_SYNTH` articles (default 20,000; 100,000 for the issue's
//! figure, with patience).

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rroom::corpus::{Corpus, LoadOptions};
use rroom::entities::{CorpusIndex, Corrections, QueryMatch};
use rroom::library::sqlite::OpenOptions;
use rroom::library::{Library, MemoryLibrary, SqliteLibrary};
use rroom::search::Query;

fn options(rebuild: bool) -> OpenOptions<'static> {
    OpenOptions {
        load: LoadOptions::default(),
        corrections: Corrections::default(),
        rebuild,
        waiting: &|| {},
        notice: &|_| {},
    }
}

fn open(index: &Path, roots: &[PathBuf], rebuild: bool) -> SqliteLibrary {
    SqliteLibrary::open(index, roots.to_vec(), options(rebuild), &mut |_| {}).expect("index").0
}

fn synthetic(dir: &Path) -> PathBuf {
    let n: usize = std::env::var("RROOM_BENCH_SYNTH").ok().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let path = dir.join(format!("synthetic-{n}.jsonl"));
    let mut text = String::new();
    for line in rroom::corpus::synth::jsonl(n, 3, 42) {
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write the synthetic corpus");
    path
}

fn corpora(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let mut list = Vec::new();
    if let Some(bbc) = common::bbc() {
        list.push(("bbc", bbc));
    }
    list.push(("synthetic", synthetic(dir)));
    list
}

fn library(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, path) in corpora(dir.path()) {
        let roots = vec![path.clone()];
        let index = dir.path().join(format!("{name}.sqlite3"));
        let load = || Corpus::load_with(&roots, &LoadOptions::default());

        let mut g = c.benchmark_group("build");
        g.sample_size(10);
        g.bench_function(BenchmarkId::new("index", name), |b| b.iter(|| open(&index, &roots, true).len()));
        g.bench_function(BenchmarkId::new("memory_load_and_extract", name), |b| {
            b.iter(|| CorpusIndex::build(&load().articles, &Corrections::default()).len())
        });
        g.finish();

        let mut g = c.benchmark_group("reopen");
        g.sample_size(10);
        g.bench_function(BenchmarkId::new("index", name), |b| b.iter(|| open(&index, &roots, false).len()));
        g.bench_function(BenchmarkId::new("memory_load", name), |b| b.iter(|| load().articles.len()));
        g.finish();

        let indexed = open(&index, &roots, false);
        indexed.prepare_entities().expect("entity table");
        let (name_query, other) = if name == "bbc" { ("blair", "brown") } else { ("kabul", "mujahid") };
        let id_of = |q: &str| match indexed.resolve_entity(q).expect("resolve") {
            QueryMatch::Found { hit, .. } => hit.id,
            QueryMatch::NotFound { .. } => panic!("{q} not found"),
        };
        let (a, b) = (id_of(name_query), id_of(other));
        let mut g = c.benchmark_group("lookup");
        g.sample_size(10);
        g.bench_function(BenchmarkId::new(format!("index/{name}"), name_query), |bench| {
            bench.iter(|| {
                let m = indexed.resolve_entity(name_query).expect("resolve");
                let QueryMatch::Found { hit, .. } = m else { panic!("found") };
                let top = indexed.entity_articles(hit.id, 20).expect("articles");
                black_box((top, indexed.cooccurring(hit.id, 20).expect("cooccurring")))
            })
        });
        g.bench_function(BenchmarkId::new(format!("index-regroup/{name}"), name_query), |b| {
            b.iter(|| black_box(indexed.entity_index().expect("entities").resolve_query(name_query)))
        });
        g.bench_function(BenchmarkId::new(format!("memory/{name}"), name_query), |b| {
            b.iter(|| {
                let memory = MemoryLibrary::new(load(), Corrections::default());
                black_box(memory.entity_index().expect("entities").resolve_query(name_query))
            })
        });
        g.finish();

        let mut g = c.benchmark_group("with");
        g.sample_size(10);
        g.bench_function(
            BenchmarkId::new(format!("index/{name}"), format!("{name_query}+{other}")),
            |bench| bench.iter(|| black_box(indexed.articles_with_both(a, b).expect("both").len())),
        );
        g.finish();

        let mut g = c.benchmark_group("entity_table");
        g.sample_size(10);
        g.bench_function(BenchmarkId::new("build", name), |b| {
            b.iter(|| indexed.remake_entities().expect("entity table"))
        });
        g.finish();

        let mut g = c.benchmark_group("fulltext");
        g.sample_size(10);
        for q in ["economy", "talks kabul"] {
            let query = Query::parse(q);
            g.bench_function(BenchmarkId::new(format!("index/{name}"), q), |b| {
                b.iter(|| indexed.full_text(&query, 20).expect("search").1)
            });
            g.bench_function(BenchmarkId::new(format!("memory/{name}"), q), |b| {
                b.iter(|| {
                    MemoryLibrary::new(load(), Corrections::default())
                        .full_text(&query, 20)
                        .expect("search")
                        .1
                })
            });
        }
        g.finish();
        let bytes = std::fs::metadata(&index).map(|m| m.len()).unwrap_or(0);
        let text: usize = load().articles.iter().map(|a| a.title.len() + a.body.len()).sum();
        eprintln!(
            "{name}: index {:.1} MB for {:.1} MB of text ({:.2}x)",
            bytes as f64 / 1e6,
            text as f64 / 1e6,
            bytes as f64 / text.max(1) as f64
        );
    }
}

criterion_group!(benches, library);
criterion_main!(benches);
