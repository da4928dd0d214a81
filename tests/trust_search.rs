//! Search, lookup and entity names a user can trust (issue 11, items 14,
//! 23, 25, 26, 28): the real binary run as a user would, and the library
//! functions behind it. Nothing here asserts on time: speed is measured in
//! `benches/`.

mod common;

use std::path::Path;

use common::bin::{json, rroom, stderr, stdout};

/// A corpus folder in `home` holding one file per (name, text).
fn corpus(home: &Path, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = home.join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

// Item 14: one enormous sentence.

#[test]
fn lookup_in_one_enormous_sentence_completes_with_every_mention_and_one_short_snippet() {
    let home = tempfile::tempdir().unwrap();
    let text = format!("A very long sentence\n\n{}end.\n", "Mr Ahmed Khan and ".repeat(58_000));
    let dir = corpus(home.path(), &[("long.txt", &text)]);
    let out = rroom(&["--corpus", dir.to_str().unwrap(), "lookup", "ahmed khan", "--json"], home.path());
    let v = json(&out);
    assert_eq!(v["entity"]["name"], "Ahmed Khan");
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["count"], 58_000);
    // One sentence: one snippet, cut around the mention.
    let snippets = articles[0]["snippets"].as_array().unwrap();
    assert_eq!(snippets.len(), 1, "{snippets:?}");
    let s = snippets[0].as_str().unwrap();
    assert!(s.contains("Ahmed Khan") && s.chars().count() <= 250, "{s}");
}

// Item 28: plurals.

#[test]
fn lookup_says_one_mention_in_one_article_in_the_singular() {
    let home = tempfile::tempdir().unwrap();
    let dir =
        corpus(home.path(), &[("one.txt", "Talks\n\nZabihullah Mujahid spoke to reporters on Monday.\n")]);
    let out = rroom(&["--corpus", dir.to_str().unwrap(), "lookup", "mujahid"], home.path());
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("1 mention in 1 article\n"), "{text}");
}
