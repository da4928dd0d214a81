//! Watches evaluated against a library, with the clock given: matches
//! newest first, new since the analyst last looked (an explicit mark), and
//! the same matches from the index as from the corpus read whole.

use std::path::{Path, PathBuf};

use rroom::corpus::{Corpus, LoadOptions};
use rroom::entities::Corrections;
use rroom::library::sqlite::OpenOptions;
use rroom::library::{MemoryLibrary, SqliteLibrary};
use rroom::notes::Store;
use rroom::watch::{self, Seen, WatchQuery};

/// A folder holding the seeds, and `extra` files (name, text).
fn corpus_dir(extra: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    for (name, bytes) in rroom::corpus::SEEDS {
        std::fs::write(dir.join(Path::new(name).file_name().unwrap()), bytes).unwrap();
    }
    for (name, text) in extra {
        std::fs::write(dir.join(name), text).unwrap();
    }
    (home, dir)
}

fn memory(dir: &Path) -> MemoryLibrary {
    MemoryLibrary::new(
        Corpus::load_with(&[dir.to_path_buf()], &LoadOptions::default()),
        Corrections::default(),
    )
}

fn indexed(home: &Path, dir: &Path) -> SqliteLibrary {
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Corrections::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    let index = home.join("index/corpus.sqlite3");
    SqliteLibrary::open(&index, vec![dir.to_path_buf()], options, &mut |_| {}).unwrap().0
}

const NEWS: &str = "Border talks resume\n\nIslamabad: Officials said on Monday that talks with the \
                    Tehrik-e-Taliban Pakistan (TTP) would resume next week. The TTP has not commented \
                    on the border crossing at Torkham, which stayed closed.\n";

#[test]
fn new_since_last_looked_counts_only_what_arrived_after_the_mark() {
    let (home, dir) = corpus_dir(&[]);
    let store = Store::open(&home.path().join("data")).unwrap();
    let lib = memory(&dir);
    let query = watch::resolve(&lib, "@ttp").unwrap();
    assert!(matches!(&query, WatchQuery::Entity { name, .. } if name.contains("Taliban")), "{query:?}");

    // Never looked at: everything is new.
    let id = store.add_watch("TTP", &query, &Seen::default(), 1_000).unwrap();
    let w = store.watch("ttp").unwrap().unwrap();
    let first = watch::evaluate(&lib, &w).unwrap();
    assert_eq!(first.total(), 5);
    assert_eq!(first.new, 5);
    // Newest (latest in the list) first.
    assert_eq!(first.positions(), vec![4, 3, 2, 1, 0]);

    // Looked at: nothing new.
    store.mark_watch_looked(id, &first.seen(), 2_000).unwrap();
    let w = store.watch("TTP").unwrap().unwrap();
    assert_eq!(w.looked, Some(2_000));
    assert_eq!(watch::evaluate(&lib, &w).unwrap().new, 0);

    // An article arrives: it is the one new match, and comes first.
    std::fs::write(dir.join("005_news.txt"), NEWS).unwrap();
    let lib = memory(&dir);
    let after = watch::evaluate(&lib, &w).unwrap();
    assert_eq!((after.total(), after.new), (6, 1));
    assert!(after.matches[0].new);
    assert_eq!(after.matches[0].index, 5);
    assert!(after.matches[1..].iter().all(|m| !m.new));

    // A text watch counts the same way.
    let text = watch::resolve(&lib, "\"border crossing\"").unwrap();
    assert_eq!(text, WatchQuery::Text { query: "\"border crossing\"".into() });
    let e = watch::evaluate_query(&lib, &text, &first.seen()).unwrap();
    assert!(e.total() >= 2, "{e:?}");
    assert_eq!(e.new, 1, "only the new article is new: {e:?}");
}

#[test]
fn the_index_finds_what_the_corpus_read_whole_finds() {
    let (home, dir) = corpus_dir(&[("005_news.txt", NEWS)]);
    let mem = memory(&dir);
    let idx = indexed(home.path(), &dir);
    for typed in ["@ttp", "@Mujahid", "@Kabul", "@Muttaqi", "taliban", "\"border crossing\"", "kabul talks"] {
        let q = watch::resolve(&mem, typed).unwrap();
        let a = watch::evaluate_query(&mem, &q, &Seen::default()).unwrap();
        let b = watch::evaluate_query(&idx, &q, &Seen::default()).unwrap();
        assert!(a.total() > 0, "{typed}");
        assert_eq!(a, b, "{typed}");
    }
}

/// Once the entity table is made, an entity watch reads its postings
/// (and the ids from the index on positions): the same matches as the
/// corpus read whole and as the full-text path before the table, for a
/// name the table has (read alone) and names only a lookup resolves.
/// Before the table, the full-text path finds the same for the entities
/// a watch resolved.
#[test]
fn an_entity_watch_from_the_entity_table_finds_what_the_corpus_read_whole_finds() {
    use rroom::entities::EntityKind;
    use rroom::library::Library;
    let (home, dir) = corpus_dir(&[("005_news.txt", NEWS)]);
    let mem = memory(&dir);
    let idx = indexed(home.path(), &dir);
    let mut queries: Vec<WatchQuery> = ["@ttp", "@Mujahid", "@Kabul", "@Muttaqi", "@Pakistan"]
        .iter()
        .map(|typed| watch::resolve(&mem, typed).unwrap())
        .collect();
    // As `watch_time` keeps them, and names that are not an entity's own.
    for (name, kind) in [
        ("mujahid", EntityKind::Person),
        ("TTP", EntityKind::Organization),
        ("kabul", EntityKind::Place),
        ("Kabul", EntityKind::Person),
        ("nobody at all", EntityKind::Person),
    ] {
        queries.push(WatchQuery::Entity {
            query: name.into(),
            name: name.into(),
            kind,
            aliases: vec![name.into()],
        });
    }
    let before: Vec<_> =
        queries.iter().map(|q| watch::evaluate_query(&idx, q, &Seen::default()).unwrap()).collect();
    idx.prepare_entities().unwrap();
    let seen = watch::evaluate_query(&mem, &queries[0], &Seen::default()).unwrap().seen();
    let resolved = 5;
    for (i, (q, before)) in queries.iter().zip(before).enumerate() {
        let a = watch::evaluate_query(&mem, q, &Seen::default()).unwrap();
        let b = watch::evaluate_query(&idx, q, &Seen::default()).unwrap();
        assert_eq!(a, b, "{q:?}");
        // (Before the table, a name that is only a short form, "mujahid",
        // finds nothing: the full-text path wants a name that identifies.)
        if i < resolved {
            assert_eq!(a, before, "the full-text path agrees: {q:?}");
        }
        let a = watch::evaluate_query(&mem, q, &seen).unwrap();
        assert_eq!(a, watch::evaluate_query(&idx, q, &seen).unwrap(), "new counts: {q:?}");
    }
    assert!(idx.len() > 5);
}

#[test]
fn an_unknown_entity_or_an_empty_query_is_an_error_not_a_watch() {
    let (_home, dir) = corpus_dir(&[]);
    let lib = memory(&dir);
    let err = watch::resolve(&lib, "@zzzzzzzz").unwrap_err().to_string();
    assert!(err.contains("no person, organization or place matches 'zzzzzzzz'"), "{err}");
    let err = watch::resolve(&lib, "@muttaki").unwrap();
    assert!(matches!(err, WatchQuery::Entity { .. }), "a close spelling names it, as in lookup");
    assert!(watch::resolve(&lib, "@").is_err());
    assert!(watch::resolve(&lib, "  ").is_err());
}
