//! What the table was made from, to tell whether an update changed it.
//!
//! The table is a function of the listed articles' stored entities and
//! sentence starts, in list order, and of the corrections: the same rows
//! make the same table. An update that changed files without changing
//! those rows (a file touched or saved unchanged, a new file of copies or
//! of nothing readable) clears the table's freshness all the same
//! ([`super::FRESH_KEY`]); a hash of the rows, kept when the table is made,
//! shows it is still the table of this list, for the price of reading the
//! rows instead of remaking it.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use xxhash_rust::xxh3::Xxh3;

/// The meta keys: the corrections' fingerprint and the hash of the rows
/// the table was made from.
const MADE_FOR_KEY: &str = "entity_table_for";
const LIST_KEY: &str = "entity_table_list";

/// The rows of the list, in order, as the table is made from them.
pub const ROWS: &str = "SELECT a.entities, s.triggers FROM articles a LEFT JOIN sentences s ON s.id = a.id
     WHERE a.pos IS NOT NULL ORDER BY a.pos";

/// A hash of the list's rows, fed one row at a time.
#[derive(Default)]
pub struct ListHash(Xxh3);

impl ListHash {
    pub fn add(&mut self, entities: &[u8], triggers: Option<&[u8]>) {
        self.0.update(&(entities.len() as u64).to_le_bytes());
        self.0.update(entities);
        match triggers {
            Some(t) => {
                self.0.update(&(t.len() as u64 + 1).to_le_bytes());
                self.0.update(t);
            }
            None => self.0.update(&0u64.to_le_bytes()),
        }
    }

    pub fn finish(&self) -> i64 {
        self.0.digest() as i64
    }
}

/// Notes, in the transaction making the table, what it is made from.
pub fn note_made(tx: &Connection, fingerprint: i64, list: i64) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)")?;
    stmt.execute(params![MADE_FOR_KEY, fingerprint])?;
    stmt.execute(params![LIST_KEY, list])?;
    Ok(())
}

/// Is the table, made for the corrections of `fingerprint`, still that of
/// the list's rows? Then it is marked fresh again ([`super::FRESH_KEY`])
/// and `true` is returned. The rows are read only when the table was made
/// for these corrections.
pub fn still_made(conn: &Connection, fingerprint: i64) -> rusqlite::Result<bool> {
    let value = |key: &str| -> rusqlite::Result<Option<i64>> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()
    };
    if value(MADE_FOR_KEY)? != Some(fingerprint) {
        return Ok(false);
    }
    let Some(made) = value(LIST_KEY)? else { return Ok(false) };
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let mut hash = ListHash::default();
    {
        let mut stmt = tx.prepare(ROWS)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            hash.add(r.get_ref(0)?.as_blob()?, r.get_ref(1)?.as_blob_or_null()?);
        }
    }
    if hash.finish() != made {
        return Ok(false);
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
        params![super::FRESH_KEY, fingerprint],
    )?;
    tx.commit()?;
    Ok(true)
}
