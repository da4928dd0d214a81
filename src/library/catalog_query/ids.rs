//! The ids a view names (the read, the flagged, the near-duplicates
//! left out), turned into list positions in temporary tables of the
//! connection, since every sort index holds positions.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};

use super::Ids;

/// A fingerprint of a set of ids, whatever their order.
pub(in crate::library::catalog_query) fn fingerprint(set: &HashSet<String>) -> i64 {
    let mixed = set.iter().fold(0u64, |acc, id| acc ^ xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
    (mixed ^ (set.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) as i64
}

/// Changes whenever another connection committed (an update).
pub(in crate::library::catalog_query) fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}

/// The positions of the loaded ids: each id looked up by its index (the
/// ids drive: CROSS JOIN), never the catalog scanned to probe them.
pub(in crate::library::catalog_query) const FILL_POSITIONS: &str =
    "INSERT OR IGNORE INTO temp.catalog_pos(pos)
     SELECT a.pos FROM temp.catalog_ids t CROSS JOIN articles a ON a.aid = t.aid WHERE +a.pos IS NOT NULL";
/// The position of one id added (`+pos`: by the id's index, not a range
/// of positions).
pub(in crate::library::catalog_query) const ADD_POSITION: &str = "INSERT OR IGNORE INTO temp.catalog_pos(pos) SELECT a.pos FROM articles a WHERE a.aid = ?1 AND +a.pos IS NOT NULL";

/// The ids a view names, in temporary tables of this connection: the ids
/// (`catalog_ids`) and the list positions of the listed ones
/// (`catalog_pos`), which every sort index holds. They are kept while the
/// next view names the same set (a page after a page, a count after a
/// page); a set that changed by a few ids (one more article read) changes
/// by those; an update reloads them (positions move).
pub(in crate::library::catalog_query) fn load_ids(conn: &Connection, ids: &Ids) -> rusqlite::Result<()> {
    let set = match ids {
        Ids::All => return Ok(()),
        Ids::Only(s) | Ids::Except(s) => s,
    };
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS catalog_ids(aid TEXT PRIMARY KEY) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS catalog_pos(pos INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS catalog_ids_key(k INTEGER NOT NULL, v INTEGER NOT NULL);",
    )?;
    let key = fingerprint(set);
    let version = data_version(conn)?;
    let loaded: Option<(i64, i64)> = conn
        .query_row("SELECT k, v FROM temp.catalog_ids_key", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if loaded == Some((key, version)) {
        return Ok(());
    }
    conn.execute_batch("SAVEPOINT catalog_ids")?;
    let filled = (|| {
        let kept: HashSet<String> = match loaded {
            Some((_, v)) if v == version => {
                let mut stmt = conn.prepare("SELECT aid FROM temp.catalog_ids")?;
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            }
            _ => HashSet::new(),
        };
        let gone: Vec<&String> = kept.difference(set).collect();
        let new: Vec<&String> = set.difference(&kept).collect();
        if kept.is_empty() || gone.len() + new.len() > set.len() {
            conn.execute_batch("DELETE FROM temp.catalog_ids; DELETE FROM temp.catalog_pos;")?;
            let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO temp.catalog_ids(aid) VALUES (?1)")?;
            for id in set {
                stmt.execute([id])?;
            }
            conn.execute(FILL_POSITIONS, [])?;
        } else {
            let mut forget = conn.prepare_cached("DELETE FROM temp.catalog_ids WHERE aid = ?1")?;
            let mut forget_pos = conn.prepare_cached(
                "DELETE FROM temp.catalog_pos WHERE pos IN (SELECT pos FROM articles WHERE aid = ?1)",
            )?;
            for id in gone {
                forget.execute([id])?;
                forget_pos.execute([id])?;
            }
            let mut add = conn.prepare_cached("INSERT OR IGNORE INTO temp.catalog_ids(aid) VALUES (?1)")?;
            let mut add_pos = conn.prepare_cached(ADD_POSITION)?;
            for id in new {
                add.execute([id])?;
                add_pos.execute([id])?;
            }
        }
        conn.execute("DELETE FROM temp.catalog_ids_key", [])?;
        conn.execute("INSERT INTO temp.catalog_ids_key(k, v) VALUES (?1, ?2)", [key, version])
    })();
    match filled {
        Ok(_) => conn.execute_batch("RELEASE catalog_ids"),
        Err(e) => {
            let _ = conn.execute_batch(
                "ROLLBACK TO catalog_ids; RELEASE catalog_ids; DELETE FROM temp.catalog_ids_key;",
            );
            Err(e)
        }
    }
}
