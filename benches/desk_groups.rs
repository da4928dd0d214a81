//! The analyst's desk: near-duplicate groups and watches, each against a
//! baseline in the same run.
//!
//! - ingest/<corpus>: what indexing does per article, on one thread:
//!   entity extraction (the baseline) and the near-duplicate signature;
//! - regroup/<corpus>: grouping every signature of the corpus (the update's
//!   last pass) against that pass's other work, numbering the list;
//! - watch/<corpus>/<query>: opening a watch's matches from the index
//!   (every match, newest first, new ones marked) against what answering
//!   the same question did before: a lookup through the corpus-wide entity
//!   index, and `find --full-text`'s top 20.
//!
//! Corpora: BBC (when present, see `common`) and, for the watches, the
//! JSONL file `RROOM_BENCH_WATCH_CORPUS` (default `/tmp/corpora/100k.jsonl`
//! when it exists, else a synthetic 20,000 articles), indexed in
//! `RROOM_BENCH_INDEX_DIR` (default a temporary directory: built once).

mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rroom::corpus::{Corpus, LoadOptions};
use rroom::dedup::{Signature, group};
use rroom::entities::{Corrections, QueryMatch};
use rroom::library::sqlite::OpenOptions;
use rroom::library::{Library, SqliteLibrary};
use rroom::search::Query;
use rroom::watch::{self, Seen};

fn signatures(corpus: &Corpus) -> Vec<(usize, Signature)> {
    corpus.articles.iter().enumerate().filter_map(|(i, a)| Signature::of_article(a).map(|s| (i, s))).collect()
}

fn groups(c: &mut Criterion) {
    let Some(bbc) = common::bbc() else { return };
    let corpus = Corpus::load_with(&[bbc], &LoadOptions::default());
    let mut g = c.benchmark_group("ingest");
    g.sample_size(10);
    g.throughput(common::text_bytes(&corpus));
    g.bench_function(BenchmarkId::new("extract_entities", "bbc"), |b| {
        b.iter(|| common::extract_each(&corpus))
    });
    g.bench_function(BenchmarkId::new("signature", "bbc"), |b| {
        b.iter(|| signatures(black_box(&corpus)).len())
    });
    g.finish();

    let sigs = signatures(&corpus);
    let ids: Vec<String> = corpus.articles.iter().map(|a| a.id.as_str().to_string()).collect();
    let mut g = c.benchmark_group("regroup");
    g.bench_function(BenchmarkId::new("group", "bbc"), |b| {
        b.iter(|| group(ids.len(), black_box(&sigs)).count())
    });
    // The rest of the last pass: every article's first place by its id.
    g.bench_function(BenchmarkId::new("number_the_list", "bbc"), |b| {
        b.iter(|| {
            let mut first = std::collections::HashMap::new();
            for (i, id) in ids.iter().enumerate() {
                first.entry(id.as_str()).or_insert(i);
            }
            first.len()
        })
    });
    g.finish();
    eprintln!("bbc: {} near-duplicate groups", group(ids.len(), &sigs).count());
}

fn watch_corpus(dir: &Path) -> PathBuf {
    if let Some(p) = std::env::var_os("RROOM_BENCH_WATCH_CORPUS") {
        return PathBuf::from(p);
    }
    let big = Path::new("/tmp/corpora/100k.jsonl");
    if big.is_file() {
        return big.to_path_buf();
    }
    let path = dir.join("synthetic-20000.jsonl");
    let text: String = rroom::corpus::synth::jsonl(20_000, 3, 42).map(|l| l + "\n").collect();
    std::fs::write(&path, text).expect("write the synthetic corpus");
    path
}

fn watches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let corpus = watch_corpus(tmp.path());
    let dir = std::env::var_os("RROOM_BENCH_INDEX_DIR").map_or(tmp.path().to_path_buf(), PathBuf::from);
    let index = rroom::library::open::index_file(&dir, std::slice::from_ref(&corpus), false);
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Corrections::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    let (library, _) =
        SqliteLibrary::open(&index, vec![corpus.clone()], options, &mut |_| {}).expect("index the corpus");
    let name = format!("{}k", library.len() / 1000);
    let entity = watch::resolve(&library, "@kabul").expect("the corpus names Kabul");
    let text = watch::resolve(&library, "border talks").expect("a text query");
    let mut g = c.benchmark_group("watch");
    g.sample_size(10);
    g.bench_function(BenchmarkId::new(format!("{name}/open_entity_watch"), "@kabul"), |b| {
        b.iter(|| {
            watch::evaluate_query(&library, black_box(&entity), &Seen::default()).expect("watch").total()
        })
    });
    g.bench_function(BenchmarkId::new(format!("{name}/lookup_through_entity_index"), "kabul"), |b| {
        b.iter(|| match library.entity_index().expect("entities").resolve_query("kabul") {
            QueryMatch::Found { hit, .. } => hit.articles.len(),
            QueryMatch::NotFound { .. } => 0,
        })
    });
    g.bench_function(BenchmarkId::new(format!("{name}/open_text_watch"), "border talks"), |b| {
        b.iter(|| watch::evaluate_query(&library, black_box(&text), &Seen::default()).expect("watch").total())
    });
    let query = Query::parse("border talks");
    g.bench_function(BenchmarkId::new(format!("{name}/find_full_text_top20"), "border talks"), |b| {
        b.iter(|| library.full_text(&query, 20).expect("search").1)
    });
    g.finish();
    let e = watch::evaluate_query(&library, &entity, &Seen::default()).expect("watch");
    let t = watch::evaluate_query(&library, &text, &Seen::default()).expect("watch");
    eprintln!("{name}: @kabul matches {}, \"border talks\" matches {}", e.total(), t.total());
}

criterion_group!(benches, groups, watches);
criterion_main!(benches);
