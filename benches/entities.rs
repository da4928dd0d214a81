//! Entity extraction, single-threaded, in bytes of article text per second
//! (it must stay at 10 MB/s or more over the BBC corpus), and the
//! corpus-wide index and lookup.
//!
//! entities/baseline_words_single_thread: the same text split into words
//! and each word hashed, in the same run: the machine's speed at the moment
//! (on a shared machine it varies), to read extraction's MB/s against.
//!
//! entities/long_sentence/<n>: what `rroom lookup` does on one paragraph of
//! `"Mr Ahmed Khan and "` repeated n times (one sentence, n mentions):
//! extraction, the index and the snippets. Linear: ten times the
//! repetitions should take about ten times as long, not a hundred. The BBC corpus is used when `../shared/corpora/bbc` exists (or
//! RROOM_BENCH_CORPUS names another); otherwise only the seeds are measured.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{bbc, extract_each, text_bytes};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rroom::corpus::{Article, Corpus};
use rroom::entities::{CorpusIndex, Corrections};

fn extraction(c: &mut Criterion) {
    let mut g = c.benchmark_group("entities");
    let seeds = Corpus::seeds();
    g.throughput(text_bytes(&seeds));
    g.bench_function("extract_seeds", |b| b.iter(|| extract_each(&seeds)));
    let Some(path) = bbc() else {
        g.finish();
        return;
    };
    let corpus = Corpus::load(&[path]);
    g.throughput(text_bytes(&corpus));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    // One thread: the articles one after the other.
    g.bench_function("baseline_words_single_thread", |b| b.iter(|| hash_words(&corpus)));
    g.bench_function("extract_bbc_single_thread", |b| b.iter(|| extract_each(&corpus)));
    g.bench_function("index_bbc_parallel", |b| {
        b.iter(|| CorpusIndex::build(black_box(&corpus.articles), &Corrections::default()).len())
    });
    let index = CorpusIndex::build(&corpus.articles, &Corrections::default());
    g.throughput(Throughput::Elements(1));
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    for q in ["blair", "mujahid", "micrsoft"] {
        g.bench_function(format!("lookup_{q}"), |b| b.iter(|| index.lookup(black_box(q), 5).len()));
    }
    g.finish();
}

/// The baseline: every word of every article hashed, one thread.
fn hash_words(corpus: &Corpus) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    for a in &corpus.articles {
        for w in black_box(a.body.as_str()).split_whitespace() {
            w.hash(&mut h);
        }
    }
    h.finish()
}

/// Extraction, index and every snippet of the one entity, as `lookup` does.
fn lookup_snippets(articles: &[Article]) -> usize {
    let index = CorpusIndex::build(articles, &Corrections::default());
    let Some(hit) = index.lookup("ahmed khan", 1).into_iter().next() else { return 0 };
    hit.articles.iter().map(|&(a, _)| index.snippets_in(hit.id, a, &articles[a].body, 240).len()).sum()
}

fn long_sentence(c: &mut Criterion) {
    let mut g = c.benchmark_group("entities/long_sentence");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for n in [5_800usize, 58_000] {
        let text = format!("A long sentence\n\n{}end.\n", "Mr Ahmed Khan and ".repeat(n));
        let corpus = Corpus::from_bytes("long.txt", text.as_bytes());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &corpus, |b, corpus| {
            b.iter(|| lookup_snippets(black_box(&corpus.articles)))
        });
    }
    g.finish();
}

criterion_group!(benches, extraction, long_sentence);
criterion_main!(benches);
