//! The reading state in the notes store: read and flagged with their
//! times, by article id; where the analyst left off per corpus; a store of
//! the previous schema upgraded with its notes kept.

use rroom::notes::{LeftOff, Mark, NewNote, ReadingState, Store, Target};

#[test]
fn read_and_flagged_keep_their_first_time_until_undone() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.mark(&["aaaaaaaaaaaa", "BBBBBBBBBBBB"], Mark::Read, 1_000).unwrap(), 2);
    // Again, later: nothing changes, the first time stays.
    assert_eq!(store.mark(&["aaaaaaaaaaaa"], Mark::Read, 2_000).unwrap(), 0);
    assert_eq!(store.mark(&["aaaaaaaaaaaa"], Mark::Flag, 3_000).unwrap(), 1);
    assert_eq!(
        store.reading_state("aaaaaaaaaaaa").unwrap(),
        ReadingState { read: Some(1_000), flagged: Some(3_000) }
    );
    // Ids are kept in lowercase, as articles have them.
    assert_eq!(store.reading_state("bbbbbbbbbbbb").unwrap().read, Some(1_000));
    assert_eq!(store.read_ids().unwrap().len(), 2);
    assert_eq!(store.flagged_ids().unwrap().len(), 1);

    assert_eq!(store.mark(&["aaaaaaaaaaaa"], Mark::Unread, 4_000).unwrap(), 1);
    assert_eq!(store.mark(&["aaaaaaaaaaaa"], Mark::Unread, 4_000).unwrap(), 0);
    assert_eq!(
        store.reading_state("aaaaaaaaaaaa").unwrap(),
        ReadingState { read: None, flagged: Some(3_000) }
    );
    store.mark(&["aaaaaaaaaaaa"], Mark::Unflag, 5_000).unwrap();
    assert_eq!(store.reading_state("aaaaaaaaaaaa").unwrap(), ReadingState::default());
    assert!(!store.reading_states().unwrap().contains_key("aaaaaaaaaaaa"), "no empty rows are kept");

    assert!(store.mark(&["  "], Mark::Read, 1).is_err());
    // Another process sees it: it is on disk.
    let again = Store::open(dir.path()).unwrap();
    assert_eq!(again.read_ids().unwrap(), ["bbbbbbbbbbbb".to_string()].into());
}

#[test]
fn where_the_analyst_left_off_per_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.left_off("corpus-1").unwrap(), None);
    let at = LeftOff {
        article: Some("aaaaaaaaaaaa".into()),
        scroll: 42,
        pane: Some("reader".into()),
        filter: Some("since:7d taliban".into()),
        sort: Some("date".into()),
        saved: 9_000,
    };
    store.set_left_off("corpus-1", &at).unwrap();
    store.set_left_off("corpus-2", &LeftOff { saved: 1, ..LeftOff::default() }).unwrap();
    assert_eq!(store.left_off("corpus-1").unwrap(), Some(at.clone()));
    let moved = LeftOff { scroll: 0, pane: Some("list".into()), ..at };
    store.set_left_off("corpus-1", &moved).unwrap();
    assert_eq!(Store::open(dir.path()).unwrap().left_off("corpus-1").unwrap(), Some(moved));
    assert_eq!(store.left_off("corpus-2").unwrap().map(|l| l.saved), Some(1));
}

#[test]
fn note_counts_leave_the_trash_out() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let add = |article: &str| {
        store
            .add(NewNote { article: article.into(), target: Target::Article, text: "a note".into() })
            .unwrap()
    };
    add("aaaaaaaaaaaa");
    let gone = add("aaaaaaaaaaaa");
    add("bbbbbbbbbbbb");
    store.delete(gone.id).unwrap();
    let counts = store.note_counts().unwrap();
    assert_eq!(counts.get("aaaaaaaaaaaa"), Some(&1));
    assert_eq!(counts.get("bbbbbbbbbbbb"), Some(&1));
}

#[test]
fn a_store_of_the_schema_before_is_upgraded_with_its_notes() {
    let dir = tempfile::tempdir().unwrap();
    let note = {
        let store = Store::open(dir.path()).unwrap();
        store
            .add(NewNote { article: "aaaaaaaaaaaa".into(), target: Target::Article, text: "kept".into() })
            .unwrap()
    };
    // Take the store back to version 4: only its tables (notes, drafts,
    // corrections), whatever later migrations added.
    {
        let conn = rusqlite::Connection::open(dir.path().join("notes.sqlite3")).unwrap();
        let later: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT IN ('notes', 'drafts', 'corrections') AND name NOT LIKE 'sqlite_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(later.contains(&"reading".to_string()), "{later:?}");
        for table in later {
            conn.execute_batch(&format!("DROP TABLE {table}")).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.get(note.id).unwrap().map(|n| n.text), Some("kept".to_string()));
    assert_eq!(store.mark(&["aaaaaaaaaaaa"], Mark::Flag, 7).unwrap(), 1);
}
