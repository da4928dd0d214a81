//! `rroom find` with the finder's query language, through the corpus index
//! and without it, and the title cache the index keeps beside it (`.titles`):
//! written on first use, refreshed when the corpus changes, never trusted
//! when damaged.

mod common;

use std::path::{Path, PathBuf};

use common::bin::{json, rroom, stderr, stdout};
use serde_json::Value;

/// A home with a JSONL corpus of a few articles.
fn home_with_corpus() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("news.jsonl");
    let lines = [
        ("Kabul talks resume", "Tolo News"),
        ("Talks in Doha stall", "Al Jazeera"),
        ("Kabulov meets envoys", "TASS"),
        ("Border crossing at Torkham reopens", "Dawn"),
        ("Die Straße in Kābul", "Ariana"),
    ];
    let text: String = lines
        .iter()
        .map(|(t, s)| {
            format!("{}\n", serde_json::json!({"title": t, "source": s, "body": format!("{t}. Text.")}))
        })
        .collect();
    std::fs::write(&corpus, text).unwrap();
    (home, corpus)
}

fn find(home: &Path, corpus: &Path, query: &str, no_index: bool) -> Value {
    let mut args = vec!["--corpus", corpus.to_str().unwrap(), "find", query, "--json"];
    if no_index {
        args.push("--no-index");
    }
    json(&rroom(&args, home))
}

fn titles(v: &Value) -> Vec<String> {
    v["results"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_string()).collect()
}

fn side_files(home: &Path) -> Vec<PathBuf> {
    let dir = home.join("data").join("index");
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "titles")).collect()
}

#[test]
fn operators_and_any_order_through_the_index_as_without_it() {
    let (home, corpus) = home_with_corpus();
    let cases: &[(&str, &[&str])] = &[
        ("talks kabul", &["Kabul talks resume"]),
        ("^kabul", &["Kabul talks resume", "Kabulov meets envoys"]),
        ("'kabul !kabulov", &["Kabul talks resume", "Die Straße in Kābul"]),
        ("stall$", &["Talks in Doha stall"]),
        ("doha | torkham", &["Talks in Doha stall", "Border crossing at Torkham reopens"]),
        ("strasse", &["Die Straße in Kābul"]),
    ];
    for (query, want) in cases {
        let indexed = find(home.path(), &corpus, query, false);
        let mut got = titles(&indexed);
        got.sort();
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(got, want, "{query}");
        // Without the index: the same articles (text matches ranked by BM25 through it).
        let direct = find(home.path(), &corpus, query, true);
        let mut direct_titles = titles(&direct);
        direct_titles.sort();
        assert_eq!(direct_titles, want, "{query} without the index");
        assert_eq!(indexed["total"], direct["total"], "{query}");
    }
    // Operators alone: no panic, a plain answer.
    for query in ["'", "^", "$", "!", "|", "!^", "'$"] {
        let out = rroom(&["--corpus", corpus.to_str().unwrap(), "find", query], home.path());
        assert!(out.status.success(), "{query}: {}", stderr(&out));
    }
}

#[test]
fn the_title_cache_follows_the_corpus_and_a_damaged_one_is_not_trusted() {
    let (home, corpus) = home_with_corpus();
    assert_eq!(titles(&find(home.path(), &corpus, "torkham", false)).len(), 1);
    let side = side_files(home.path());
    assert_eq!(side.len(), 1, "written on first use");

    // An article appended: found at once (the cache is for another catalog).
    let added = serde_json::json!({"title": "Torkham trade resumes", "body": "Trucks."});
    let mut text = std::fs::read_to_string(&corpus).unwrap();
    text.push_str(&format!("{added}\n"));
    std::fs::write(&corpus, text).unwrap();
    assert_eq!(titles(&find(home.path(), &corpus, "torkham", false)).len(), 2);

    // Damaged or replaced by garbage: the catalog answers, the same.
    let want = find(home.path(), &corpus, "kabul", false);
    for garbage in [Vec::new(), b"rroomTI1".to_vec(), vec![0xFF; 4096]] {
        std::fs::write(&side[0], &garbage).unwrap();
        assert_eq!(find(home.path(), &corpus, "kabul", false), want);
    }
    let out = rroom(&["--corpus", corpus.to_str().unwrap(), "find", "kabul"], home.path());
    assert!(stdout(&out).contains("Kabul talks resume"));
}
