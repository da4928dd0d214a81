//! The stored corpus-wide entity table (`lookup`, `lookup --with`,
//! co-occurring entities, `entities`): the same answers from the index as
//! from the corpus read whole, with and without the analyst's corrections,
//! kept up to date when the corpus or the corrections change.

mod common;

use std::path::{Path, PathBuf};

use common::bin::{json, rroom_on, seeded_home, stderr, stdout};
use rroom::corpus::{Corpus, LoadOptions};
use rroom::entities::{Correction, Corrections};
use rroom::library::sqlite::OpenOptions;
use rroom::library::{Library, MemoryLibrary, SqliteLibrary};
use rroom::notes::Store;

/// The same standard output (and exit code) through the index as without it.
#[track_caller]
fn assert_same(home: &Path, corpus: &Path, args: &[&str]) {
    let indexed = rroom_on(home, corpus, args);
    let mut direct_args = vec!["--no-index"];
    direct_args.extend_from_slice(args);
    let direct = rroom_on(home, corpus, &direct_args);
    assert_eq!(indexed.status.code(), direct.status.code(), "{args:?}: {}", stderr(&indexed));
    assert_eq!(stdout(&indexed), stdout(&direct), "{args:?}");
    if !indexed.status.success() {
        assert_eq!(stderr(&indexed), stderr(&direct), "{args:?}");
    }
}

fn open(index: &Path, roots: &[PathBuf], corrections: Corrections) -> SqliteLibrary {
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections,
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(index, roots.to_vec(), options, &mut |_| {}).unwrap().0
}

/// Every question about entities gets the same answer from both libraries
/// (every `step`-th entity, to keep big corpora quick).
fn assert_libraries_agree(a: &dyn Library, b: &dyn Library, queries: &[&str], step: usize) {
    let n = a.entity_index().unwrap().entity_count();
    assert!(n > 10, "{n} entities");
    for id in (0..n).step_by(step) {
        let (x, y) = (a.entity_articles(id, usize::MAX).unwrap(), b.entity_articles(id, usize::MAX).unwrap());
        assert_eq!(x, y, "articles of entity {id}");
        assert!(x.total_articles > 0 && x.total_mentions >= x.total_articles, "{x:?}");
        let first = a.entity_articles(id, 3).unwrap();
        assert_eq!(first.articles, x.articles[..x.articles.len().min(3)], "the first 3 of entity {id}");
        assert_eq!(first.total_articles, x.total_articles);
        assert_eq!(a.cooccurring(id, 20).unwrap(), b.cooccurring(id, 20).unwrap(), "co-occurring with {id}");
        let top = x.articles[0].0;
        assert_eq!(a.entity_mentions(id, top).unwrap(), b.entity_mentions(id, top).unwrap(), "{id} in {top}");
        if let Some(other) = a.cooccurring(id, 1).unwrap().first() {
            let both = a.articles_with_both(id, other.id).unwrap();
            assert_eq!(both, b.articles_with_both(id, other.id).unwrap(), "{id} with {}", other.id);
            assert_eq!(both.len(), other.articles, "{id} with {}", other.id);
            assert_eq!(both.iter().map(|h| h.sentences).sum::<usize>(), other.sentences);
        }
    }
    for q in queries {
        assert_eq!(a.resolve_entity(q).unwrap(), b.resolve_entity(q).unwrap(), "{q}");
    }
}

fn corrections() -> Corrections {
    Corrections::new(vec![
        Correction::Hide { name: "ttp".into() },
        Correction::Merge { from: "Moscow".into(), into: "Russia".into() },
        Correction::Split { alias: "Mujahid".into(), from: "Zabihullah Mujahid".into() },
    ])
}

#[test]
fn the_stored_table_answers_as_memory_on_the_seeds_with_and_without_corrections() {
    let (home, corpus) = seeded_home();
    let roots = vec![corpus];
    let queries = ["ttp", "mujahid", "Sadiq Khan", "muttaq", "moscow", "zabiulah", "qwertyuiop"];
    for (name, c) in [("plain", Corrections::default()), ("corrected", corrections())] {
        let index = home.path().join(format!("{name}.sqlite3"));
        let stored = open(&index, &roots, c.clone());
        let memory = MemoryLibrary::new(Corpus::load_with(&roots, &LoadOptions::default()), c);
        assert_libraries_agree(&stored, &memory, &queries, 1);
    }
    // The corrections change the answers (the comparison above is not empty).
    let plain = MemoryLibrary::new(Corpus::seeds(), Corrections::default());
    let corrected = MemoryLibrary::new(Corpus::seeds(), corrections());
    assert_ne!(plain.resolve_entity("moscow").unwrap(), corrected.resolve_entity("moscow").unwrap());
}

#[test]
fn the_stored_table_answers_as_memory_on_bbc() {
    let bbc = Path::new("/work/shared/corpora/bbc");
    if !bbc.is_dir() {
        eprintln!("skipped: no BBC corpus at {}", bbc.display());
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let roots = vec![bbc.to_path_buf()];
    let stored = open(&home.path().join("bbc.sqlite3"), &roots, Corrections::default());
    let memory =
        MemoryLibrary::new(Corpus::load_with(&roots, &LoadOptions::default()), Corrections::default());
    assert_libraries_agree(&stored, &memory, &["blair", "brown", "microsoft", "chelsea", "gordn brown"], 41);
    for args in [
        &["lookup", "blair", "--json"][..],
        &["lookup", "microsoft"],
        &["lookup", "blair", "--with", "brown", "--json"],
        &["lookup", "chelsea", "--limit", "0", "--json"],
        &["entities", "--json"],
    ] {
        assert_same(home.path(), bbc, args);
    }
}

#[test]
fn lookup_entities_and_with_print_the_same_through_the_index_and_follow_new_corrections() {
    let (home, corpus) = seeded_home();
    let (home, corpus) = (home.path(), corpus.as_path());
    let all: [&[&str]; 8] = [
        &["lookup", "ttp", "--json"],
        &["lookup", "taliban"],
        &["lookup", "moscow", "--json"],
        &["lookup", "Sadiq Khan", "--with", "taliban", "--json"],
        &["lookup", "pakistan", "--with", "afghanistan"],
        &["lookup", "pakistan", "--limit", "2"],
        &["entities", "--json"],
        &["entities"],
    ];
    for args in all {
        assert!(rroom_on(home, corpus, args).status.success(), "{args:?}");
        assert_same(home, corpus, args);
    }
    // A correction made after the index was built applies at once.
    let store = Store::open(&home.join("data")).unwrap();
    store.add_correction(&Correction::Merge { from: "Moscow".into(), into: "Russia".into() }).unwrap();
    store.add_correction(&Correction::Hide { name: "ttp".into() }).unwrap();
    drop(store);
    let v = json(&rroom_on(home, corpus, &["lookup", "moscow", "--json"]));
    assert_eq!(v["entity"]["name"], "Russia", "{v}");
    assert_eq!(rroom_on(home, corpus, &["lookup", "ttp"]).status.code(), Some(1), "hidden");
    for args in all {
        assert_same(home, corpus, args);
    }
}

#[test]
fn cooccurring_entities_count_shared_articles_and_sentences() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let files = [
        ("a.txt", "Talks\n\nJane Doe met Ishaq Dar in Geneva on Monday. Later Ishaq Dar flew home.\n"),
        ("b.txt", "Later\n\nJane Doe returned to Geneva. She was tired.\n"),
        ("c.txt", "Elsewhere\n\nIshaq Dar spoke in Geneva. Jane Doe was not there.\n"),
    ];
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let v = json(&rroom_on(home.path(), &corpus, &["lookup", "jane doe", "--json"]));
    assert_eq!(v["entity"]["name"], "Jane Doe", "{v}");
    let together: Vec<(String, u64, u64)> = v["cooccurring"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["articles"].as_u64().unwrap(),
                c["sentences"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        together,
        [("Geneva".to_string(), 3, 2), ("Ishaq Dar".to_string(), 2, 1)],
        "Geneva is in all three articles and in a sentence with Jane Doe in two"
    );
    // --with: the articles naming both, the one where they share a sentence first,
    // and in it the sentence naming both first.
    let v = json(&rroom_on(home.path(), &corpus, &["lookup", "doe", "--with", "dar", "--json"]));
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(v["total"], 2, "{v}");
    assert_eq!(articles[0]["sentences_with"], 1, "{v}");
    assert_eq!(articles[1]["sentences_with"], 0, "{v}");
    assert!(articles[0]["path"].as_str().unwrap().ends_with("a.txt"), "{v}");
    assert!(articles[1]["path"].as_str().unwrap().ends_with("c.txt"), "{v}");
    assert_eq!(articles[1]["snippets"][0], "Ishaq Dar spoke in Geneva.", "{v}");
    let first = articles[0]["snippets"][0].as_str().unwrap();
    assert!(first.contains("Jane Doe") && first.contains("Ishaq Dar"), "{v}");
    // The same entity twice is refused; a name nobody has too.
    let o = rroom_on(home.path(), &corpus, &["lookup", "jane doe", "--with", "doe"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("same entity"), "{}", stderr(&o));
    let o = rroom_on(home.path(), &corpus, &["lookup", "jane doe", "--with", "qwertyuiop"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no person, organization or place matches"), "{}", stderr(&o));
}

/// The name of entity 0 in the stored table, set to `to` when given.
fn entity_zero(index: &Path, to: Option<&str>) -> String {
    let conn = rusqlite::Connection::open(index).unwrap();
    if let Some(to) = to {
        conn.execute("UPDATE entity SET name = ?1 WHERE id = 0", [to]).unwrap();
    }
    conn.query_row("SELECT name FROM entity WHERE id = 0", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_update_that_leaves_the_list_as_it_was_keeps_the_table_and_any_other_remakes_it() {
    let (home, corpus) = seeded_home();
    let roots = vec![corpus.clone()];
    let index = home.path().join("kept.sqlite3");
    let lib = open(&index, &roots, Corrections::default());
    lib.prepare_entities().unwrap();
    drop(lib);
    // A mark only a remake would undo.
    let name = entity_zero(&index, None);
    entity_zero(&index, Some("Marked Unremade"));
    let marked = |lib: &SqliteLibrary| match lib.resolve_entity(&name).unwrap() {
        rroom::entities::QueryMatch::Found { hit, .. } => hit.id == 0 && hit.name == "Marked Unremade",
        other => panic!("{name}: {other:?}"),
    };
    // A copy of an article is not listed: the update changes files, not the list.
    let first = std::fs::read_dir(&corpus).unwrap().next().unwrap().unwrap().path();
    std::fs::copy(&first, corpus.join("zz-copy.txt")).unwrap();
    let lib = open(&index, &roots, Corrections::default());
    assert_eq!(lib.stats().unwrap().files, 6, "the copy is indexed");
    assert!(marked(&lib), "the table is kept");
    drop(lib);
    // New corrections remake it.
    let lib = open(&index, &roots, corrections());
    assert!(!marked(&lib), "remade for the corrections");
    drop(lib);
    // Back to none: remade again, and marked again.
    let lib = open(&index, &roots, Corrections::default());
    lib.prepare_entities().unwrap();
    drop(lib);
    entity_zero(&index, Some("Marked Unremade"));
    // A new article changes the list: remade, and as the corpus read whole.
    std::fs::write(
        corpus.join("zz-new.txt"),
        "Talks resume\n\nJane Doe met Ishaq Dar in Geneva on Monday. The Taliban said nothing.\n",
    )
    .unwrap();
    let lib = open(&index, &roots, Corrections::default());
    assert!(!marked(&lib), "remade for the new article");
    let memory =
        MemoryLibrary::new(Corpus::load_with(&roots, &LoadOptions::default()), Corrections::default());
    assert_libraries_agree(&lib, &memory, &["jane doe", "ttp", "geneva", "mujahid"], 1);
}
