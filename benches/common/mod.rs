//! Shared by the benchmarks, each a crate of its own (`mod common;`): where
//! the BBC corpus is, and the measures several of them take.

// Each benchmark uses only some of these helpers; the others would be dead
// code there (and `clippy --all-targets -D warnings` would fail on them).
#![allow(dead_code)]

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Throughput;
use rroom::corpus::Corpus;
use rroom::entities;

/// Where the BBC corpus should be: `RROOM_BENCH_CORPUS`, or
/// `../shared/corpora/bbc` next to the project.
pub fn bbc_path() -> PathBuf {
    std::env::var_os("RROOM_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc"))
}

/// The BBC corpus, when it is there (otherwise a note says its benchmarks
/// are skipped).
pub fn bbc() -> Option<PathBuf> {
    let path = bbc_path();
    if path.exists() {
        Some(path)
    } else {
        eprintln!("note: {} not found; BBC benchmarks skipped", path.display());
        None
    }
}

/// The bytes of article text in `corpus`, as a throughput.
pub fn text_bytes(corpus: &Corpus) -> Throughput {
    let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
    Throughput::Bytes(bytes as u64)
}

/// Extracts the entities of each article in turn, on this thread; returns
/// how many were found.
pub fn extract_each(corpus: &Corpus) -> usize {
    corpus.articles.iter().map(|a| entities::extract(black_box(a)).len()).sum()
}
