use std::fs;
use std::path::Path;

use rusqlite::Connection;

use super::schema::{MIGRATIONS, migrate};
use super::*;
use crate::entities::Correction;
use crate::notes::model::{Filter, NewNote};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    (dir, store)
}

fn on_article(text: &str) -> NewNote {
    NewNote { article: "7ada25d68e4b".into(), target: Target::Article, text: text.into() }
}

fn user_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

#[test]
fn a_fresh_store_is_created_private_and_at_the_current_schema() {
    let (dir, store) = store();
    assert_eq!(store.path(), dir.path().join("data").join(FILE_NAME));
    assert!(!store.is_read_only());
    let mode: String = store.conn.borrow().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = store.conn.borrow().pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
    assert_eq!(sync, 2, "FULL");
    let fk: i64 = store.conn.borrow().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    drop(store);
    assert_eq!(user_version(&dir.path().join("data").join(FILE_NAME)), SCHEMA_VERSION);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join("data")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        let mode = fs::metadata(dir.path().join("data").join(FILE_NAME)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn reopening_keeps_the_notes_and_does_not_migrate_again() {
    let (dir, store) = store();
    let note = store.add(on_article("kept #across reopen")).unwrap();
    store.save_draft("article:x", "s1", "half a thought").unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("data")).unwrap();
    assert_eq!(store.get(note.id).unwrap(), Some(note));
    assert_eq!(store.load_drafts().unwrap().len(), 1);
}

#[test]
fn migrations_apply_in_order_once() {
    let conn = Connection::open_in_memory().unwrap();
    let steps = ["CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "ALTER TABLE a ADD COLUMN y DEFAULT 2"];
    assert_eq!(migrate(&conn, &steps[..1]).unwrap(), 1);
    assert_eq!(migrate(&conn, &steps).unwrap(), 3);
    assert_eq!(migrate(&conn, &steps).unwrap(), 3, "nothing left to apply");
    let (n, y): (i64, i64) =
        conn.query_row("SELECT count(*), max(y) FROM a", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!((n, y), (1, 2), "the INSERT ran exactly once");
    // A failing migration leaves the database as it was.
    let bad = [
        "CREATE TABLE a (x)",
        "INSERT INTO a VALUES (1)",
        "ALTER TABLE a ADD COLUMN y DEFAULT 2",
        "CREATE TABLE b (x); SELECT nonsense(",
    ];
    assert!(migrate(&conn, &bad).is_err());
    let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 3);
    let b: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'b'", [], |r| r.get(0)).unwrap();
    assert_eq!(b, 0);
}

#[test]
fn a_store_from_a_newer_rroom_is_refused_untouched() {
    for wal in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        {
            let conn = Connection::open(&path).unwrap();
            if wal {
                conn.pragma_update(None, "journal_mode", "WAL").unwrap();
            }
            conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES ('data');").unwrap();
            conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        }
        let before = fs::read(&path).unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("newer rroom") && msg.contains("left untouched"), "{msg}");
        assert_eq!(fs::read(&path).unwrap(), before, "wal={wal}");
        assert_eq!(user_version(&path), SCHEMA_VERSION + 1);
    }
}

#[test]
fn add_get_and_tags() {
    let (_dir, store) = store();
    let anchor = Anchor {
        quote: "held a 90-minute meeting".into(),
        prefix: "Sadiq Khan, ".into(),
        suffix: " with".into(),
        start: 10,
        end: 34,
    };
    let passage = store
        .add(NewNote {
            article: "abc".into(),
            target: Target::Passage(anchor.clone()),
            text: "Long #Meeting".into(),
        })
        .unwrap();
    assert_eq!(passage.version, 1);
    assert_eq!(passage.tags, ["meeting"]);
    assert_eq!(passage.anchor(), Some(&anchor));
    assert_eq!(passage.created, passage.updated);
    let entity = store
        .add(NewNote {
            article: "abc".into(),
            target: Target::Entity("Amir Khan Muttaqi".into()),
            text: "FM".into(),
        })
        .unwrap();
    assert_eq!(entity.entity(), Some("Amir Khan Muttaqi"));
    assert!(passage.id < entity.id);
    assert_eq!(store.get(passage.id).unwrap().as_ref(), Some(&passage));
    assert_eq!(store.get(999).unwrap(), None);

    assert!(matches!(
        store.add(NewNote { article: " ".into(), ..on_article("x") }),
        Err(StoreError::Invalid(_))
    ));
    let bad = NewNote { article: "abc".into(), target: Target::Entity("  ".into()), text: String::new() };
    assert!(matches!(store.add(bad), Err(StoreError::Invalid(_))));
}

#[test]
fn updates_bump_the_version_and_conflicts_are_detected() {
    let (dir, store) = store();
    let note = store.add(on_article("first")).unwrap();
    // A second process with its own connection.
    let other = Store::open(&dir.path().join("data")).unwrap();
    let theirs = other.update(note.id, 1, "their edit #theirs").unwrap();
    assert_eq!((theirs.version, theirs.tags.as_slice()), (2, &["theirs".to_string()][..]));
    assert!(theirs.updated >= note.updated);
    // Our editor still holds version 1: the save is refused, nothing is overwritten.
    let err = store.update(note.id, 1, "my edit").unwrap_err();
    let current = err.conflict().unwrap();
    assert_eq!(current.text, "their edit #theirs");
    assert_eq!(current.version, 2);
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
    assert_eq!(store.get(note.id).unwrap().unwrap().text, "their edit #theirs");
    // Saving on top of the current version works.
    let mine = store.update(note.id, current.version, "my edit, merged").unwrap();
    assert_eq!(mine.version, 3);
    assert!(mine.tags.is_empty());
    assert!(matches!(store.update(12345, 1, "x"), Err(StoreError::NotFound(12345))));
}

#[test]
fn trash_restore_and_purge() {
    let (_dir, store) = store();
    let a = store.add(on_article("a #keep")).unwrap();
    let b = store.add(on_article("b")).unwrap();
    assert!(matches!(store.purge(a.id), Err(StoreError::NotInTrash(_))));
    let deleted = store.delete(a.id).unwrap();
    assert!(deleted.deleted.is_some());
    assert_eq!(store.delete(a.id).unwrap().deleted, deleted.deleted, "deleting twice changes nothing");
    let ids = |f: &Filter| store.list(f).unwrap().into_iter().map(|n| n.id).collect::<Vec<_>>();
    assert_eq!(ids(&Filter::default()), [b.id]);
    assert_eq!(ids(&Filter { only_deleted: true, ..Filter::default() }), [a.id]);
    assert_eq!(ids(&Filter { include_deleted: true, ..Filter::default() }), [b.id, a.id]);
    let restored = store.restore(a.id).unwrap();
    assert_eq!(restored.deleted, None);
    assert_eq!(restored.version, a.version, "trash moves are not text edits");
    assert_eq!(ids(&Filter::default()), [b.id, a.id]);
    store.delete(b.id).unwrap();
    store.purge(b.id).unwrap();
    assert_eq!(store.get(b.id).unwrap(), None);
    assert!(matches!(store.restore(b.id), Err(StoreError::NotFound(_))));
    assert!(matches!(store.delete(b.id), Err(StoreError::NotFound(_))));
    // Ids are never reused.
    let c = store.add(on_article("c")).unwrap();
    assert!(c.id > b.id);
}

#[test]
fn list_filters_and_order() {
    let (_dir, store) = store();
    let n1 = store
        .add(NewNote { article: "aaa".into(), target: Target::Article, text: "#Trade talk".into() })
        .unwrap();
    let n2 = store
        .add(NewNote {
            article: "bbb".into(),
            target: Target::Entity("Amir Khan Muttaqi".into()),
            text: "#trade #fm".into(),
        })
        .unwrap();
    let n3 = store
        .add(NewNote { article: "aaa".into(), target: Target::Article, text: "#trader not trade".into() })
        .unwrap();
    let ids = |f: Filter| store.list(&f).unwrap().into_iter().map(|n| n.id).collect::<Vec<_>>();
    assert_eq!(ids(Filter::default()), [n3.id, n2.id, n1.id]);
    assert_eq!(ids(Filter { article: Some("aaa".into()), ..Filter::default() }), [n3.id, n1.id]);
    assert_eq!(ids(Filter { tag: Some("#TRADE".into()), ..Filter::default() }), [n2.id, n1.id]);
    assert_eq!(ids(Filter { entity: Some("amir khan muttaqi".into()), ..Filter::default() }), [n2.id]);
    assert!(ids(Filter { tag: Some("nothing".into()), ..Filter::default() }).is_empty());
    // An edit brings a note to the top.
    std::thread::sleep(Duration::from_millis(3));
    store.update(n1.id, 1, "#trade edited").unwrap();
    assert_eq!(ids(Filter::default())[0], n1.id);
}

#[test]
fn drafts_are_saved_replaced_and_cleared() {
    let (dir, store) = store();
    assert!(store.load_drafts().unwrap().is_empty());
    store.save_draft("article:abc", "s1", "first words").unwrap();
    store.save_draft("note:7", "s1", "edit of note 7").unwrap();
    store.save_draft("article:abc", "s1", "first words, more").unwrap();
    let drafts = Store::open(&dir.path().join("data")).unwrap().load_drafts().unwrap();
    assert_eq!(drafts.len(), 2);
    let abc = drafts.iter().find(|d| d.key == "article:abc").unwrap();
    assert_eq!(abc.text, "first words, more");
    store.clear_draft("article:abc", "s1").unwrap();
    store.clear_draft("never-there", "s1").unwrap();
    let keys: Vec<String> = store.load_drafts().unwrap().into_iter().map(|d| d.key).collect();
    assert_eq!(keys, ["note:7"]);
}

#[test]
fn corrections_are_kept_in_order_and_can_be_withdrawn() {
    let (dir, store) = store();
    assert!(store.corrections().unwrap().is_empty());
    let merge = Correction::Merge { from: "Tehreek-e-Taleban".into(), into: "TTP".into() };
    let split = Correction::Split { alias: "Khan".into(), from: "Sadiq Khan".into() };
    let hide = Correction::Hide { name: " Moscow Format ".into() };
    let a = store.add_correction(&merge).unwrap();
    let b = store.add_correction(&split).unwrap();
    let c = store.add_correction(&hide).unwrap();
    assert!(a < b && b < c);
    // Another process sees them, in order, names trimmed.
    let other = Store::open(&dir.path().join("data")).unwrap();
    let listed = other.corrections().unwrap();
    assert_eq!(
        listed,
        [(a, merge.clone()), (b, split.clone()), (c, Correction::Hide { name: "Moscow Format".into() })]
    );
    other.remove_correction(b).unwrap();
    assert_eq!(store.corrections().unwrap().iter().map(|(id, _)| *id).collect::<Vec<_>>(), [a, c]);
    assert!(matches!(store.remove_correction(b), Err(StoreError::NoCorrection(_))));
    // Ids are never reused.
    assert!(store.add_correction(&split).unwrap() > c);
    for bad in [
        Correction::Hide { name: "  ".into() },
        Correction::Merge { from: "TTP".into(), into: "".into() },
        Correction::Merge { from: "TTP".into(), into: "ttp".into() },
        Correction::Split { alias: "".into(), from: "x".into() },
    ] {
        assert!(matches!(store.add_correction(&bad), Err(StoreError::Invalid(_))), "{bad:?}");
    }
}

#[test]
fn a_version_1_store_is_upgraded_with_its_notes_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let conn = Connection::open(&path).unwrap();
        assert_eq!(migrate(&conn, &MIGRATIONS[..1]).unwrap(), 1);
        conn.execute(
            "INSERT INTO notes (article, kind, text, created, updated) VALUES ('abc', 'article', 'old', 1, 1)",
            [],
        )
        .unwrap();
        conn.execute("INSERT INTO drafts (key, text, saved) VALUES ('article:abc', 'old draft', 5)", [])
            .unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.list(&Filter::default()).unwrap().len(), 1);
    assert!(store.corrections().unwrap().is_empty());
    store.add_correction(&Correction::Hide { name: "X".into() }).unwrap();
    // A draft from before sessions is kept, as the session ''.
    let drafts = store.load_drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!((drafts[0].key.as_str(), drafts[0].session.as_str()), ("article:abc", ""));
    assert_eq!(drafts[0].text, "old draft");
    drop(store);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
}

#[test]
fn a_read_only_store_refuses_corrections_clearly() {
    let (dir, store) = store();
    store.add_correction(&Correction::Hide { name: "Kabul".into() }).unwrap();
    drop(store);
    let ro =
        Store { read_only: std::cell::Cell::new(true), ..Store::open(&dir.path().join("data")).unwrap() };
    assert_eq!(ro.corrections().unwrap().len(), 1);
    let err = ro.add_correction(&Correction::Hide { name: "Doha".into() }).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
    assert!(matches!(ro.remove_correction(1), Err(StoreError::ReadOnly { .. })));
}

#[test]
fn a_file_where_the_directory_should_be_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data");
    fs::write(&file, "not a dir").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, StoreError::Dir { .. }), "{err}");
    assert_eq!(fs::read(&file).unwrap(), b"not a dir");
}

#[test]
fn a_full_disk_is_a_clear_error_and_keeps_what_was_stored() {
    let (_dir, store) = store();
    let kept = store.add(on_article("stored before the disk filled")).unwrap();
    // SQLite reports a full disk when the database may not grow.
    let pages: i64 = store.conn.borrow().pragma_query_value(None, "page_count", |r| r.get(0)).unwrap();
    store.conn.borrow().pragma_update(None, "max_page_count", pages).unwrap();
    let big = "x".repeat(64 * 1024);
    let err = (0..100).find_map(|_| store.add(on_article(&big)).err()).expect("the limit is hit");
    assert!(matches!(err, StoreError::DiskFull { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("not saved: the disk is full") && msg.contains("intact"), "{msg}");
    assert_eq!(store.get(kept.id).unwrap().map(|n| n.text), Some(kept.text));
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
}
