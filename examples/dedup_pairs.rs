//! Prints every pair of articles whose near-duplicate signatures are at
//! least 0.2 similar, then the groups rroom makes: for checking the
//! threshold by hand.
//!
//!     cargo run --release --example dedup_pairs -- ../shared/corpora/bbc

use rroom::corpus::{Corpus, LoadOptions};
use rroom::dedup::{Signature, group};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: dedup_pairs CORPUS");
        std::process::exit(2);
    };
    let corpus = Corpus::load_with(&[path.into()], &LoadOptions::default());
    let sigs: Vec<(usize, Signature)> = corpus
        .articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| Signature::of_article(a).map(|s| (i, s)))
        .collect();
    let mut pairs = Vec::new();
    for x in 0..sigs.len() {
        for y in x + 1..sigs.len() {
            let s = sigs[x].1.similarity(&sigs[y].1);
            if s >= 0.2 {
                pairs.push((s, sigs[x].0, sigs[y].0));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (s, x, y) in pairs {
        let (a, b) = (&corpus.articles[x], &corpus.articles[y]);
        println!("{s:.3}\t{}\t{}\t{} | {}", a.origin, b.origin, a.title, b.title);
    }
    let groups = group(corpus.articles.len(), &sigs);
    println!("groups: {} (articles with a signature: {})", groups.count(), sigs.len());
    for g in groups.groups() {
        let titles: Vec<String> = g
            .iter()
            .map(|&i| {
                format!("{} [{}]", corpus.articles[i as usize].title, corpus.articles[i as usize].origin)
            })
            .collect();
        println!("GROUP {}: {}", g.len(), titles.join(" || "));
    }
}
