//! The table made from the lean grouping ([`super::build`]) is, row for
//! row and byte for byte, the table the previous code made: every listed
//! article's `Entity` values read whole and grouped by the old grouping
//! (kept for tests in `crate::entities::index::reference`).

use rusqlite::types::Value;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::{Result, Sentences, article_entities, list, write};
use crate::entities::index::reference;
use crate::entities::{Correction, Corrections, Entity};
use crate::library::SqliteLibrary;
use crate::library::sqlite::OpenOptions;

/// [`super::build`] as it was: every article's entities held, then grouped.
fn build_before_lean(conn: &Connection, corrections: &Corrections) -> Result<usize> {
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut hash = list::ListHash::default();
    let (mut entities, mut sentences): (Vec<Vec<Entity>>, Vec<Sentences>) = (Vec::new(), Vec::new());
    {
        let mut stmt = tx.prepare(list::ROWS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (blob, triggers): (Vec<u8>, Option<Vec<u8>>) = (r.get(0)?, r.get(1)?);
            hash.add(&blob, triggers.as_deref());
            let (e, s) = article_entities(&blob, triggers.as_deref(), corrections);
            entities.push(e);
            sentences.push(s);
        }
    }
    let stored = reference::from_entities(entities).into_stored();
    write(tx, corrections, hash, stored, sentences)
}

/// Every row of the table and its meta keys, each value as stored.
fn dump(conn: &Connection) -> Vec<Vec<Value>> {
    let mut out = Vec::new();
    for query in [
        "SELECT * FROM entity ORDER BY id",
        "SELECT * FROM entity_names ORDER BY id",
        "SELECT * FROM postings ORDER BY entity",
        "SELECT * FROM cooccur ORDER BY entity",
        "SELECT * FROM members ORDER BY pos",
        "SELECT key, value FROM meta WHERE key LIKE 'entity_table%' ORDER BY key",
    ] {
        let mut stmt = conn.prepare(query).unwrap();
        let n = stmt.column_count();
        let rows = stmt.query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect::<Result<Vec<_>>>());
        out.push(vec![Value::Text(query.into())]);
        out.extend(rows.unwrap().map(|r| r.unwrap()));
    }
    out
}

#[test]
fn the_lean_remake_writes_the_very_rows_of_the_old_one() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let lines: Vec<String> = crate::corpus::synth::jsonl(3000, 3, 5).collect();
    std::fs::write(corpus.join("synth.jsonl"), lines.join("\n")).unwrap();
    // A seed article too, for aliases, acronyms and short names.
    for (i, a) in crate::corpus::Corpus::seeds().articles.iter().enumerate() {
        std::fs::write(corpus.join(format!("seed{i}.txt")), format!("{}\n\n{}", a.title, a.body)).unwrap();
    }
    let index = home.path().join("index.sqlite3");
    let options = |corrections: Corrections| OpenOptions {
        load: Default::default(),
        corrections,
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    let (library, _) =
        SqliteLibrary::open(&index, vec![corpus.clone()], options(Corrections::default()), &mut |_| {})
            .unwrap();
    library.prepare_entities().unwrap();
    drop(library);
    let conn = Connection::open(&index).unwrap();
    let merge = Correction::Merge { from: "Mujahid".into(), into: "Amir Khan Muttaqi".into() };
    for corrections in [Corrections::default(), Corrections::new(vec![merge])] {
        let lean = super::build(&conn, &corrections).unwrap();
        let rows = dump(&conn);
        assert!(rows.len() > 3000, "{} rows", rows.len());
        let before = build_before_lean(&conn, &corrections).unwrap();
        assert_eq!(lean, before);
        assert!(rows == dump(&conn), "the tables differ");
    }
}
