//! The update's last pass: the list in corpus order (files in load order,
//! JSONL articles in line order), each text listed once (a copy of an
//! earlier article is set aside, with a note, as the loader does), the
//! near-duplicate groups of the list, and the time of this complete update.

use std::collections::HashMap;
use std::path::PathBuf;

use rusqlite::{Connection, TransactionBehavior, params};

use crate::corpus::{LoadNote, Origin, Severity, display_path};

/// The note for each copy of an earlier article, stored for the summary.
pub const DUPLICATES_KEY: &str = "duplicates";
/// How many articles the list has, as of the last complete update.
pub const LISTED_KEY: &str = "listed";

pub fn finish(conn: &mut Connection, roots: &[PathBuf]) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    super::write::drop_stale(&tx)?;
    let mut shown: HashMap<i64, String> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT id, root, rel FROM files")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let rel: Vec<u8> = r.get(2)?;
            let path = super::full_path(roots, r.get(1)?, &rel).unwrap_or_default();
            shown.insert(r.get(0)?, display_path(&path));
        }
    }
    let mut changes: Vec<(i64, Option<i64>)> = Vec::new();
    let mut duplicates: Vec<LoadNote> = Vec::new();
    let next_listed;
    {
        let mut stmt = tx.prepare(
            "SELECT a.id, a.aid, a.pos, a.file, a.line FROM articles a JOIN files f ON a.file = f.id
             ORDER BY f.ord, a.line",
        )?;
        let mut rows = stmt.query([])?;
        let mut first: HashMap<String, Origin> = HashMap::new();
        let mut next = 0i64;
        while let Some(r) = rows.next()? {
            let (id, aid, pos): (i64, String, Option<i64>) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let line: Option<i64> = r.get(4)?;
            let origin = Origin {
                path: shown.get(&r.get::<_, i64>(3)?).cloned().unwrap_or_default(),
                line: line.and_then(|l| usize::try_from(l).ok()),
            };
            let new = match first.get(&aid) {
                Some(earlier) => {
                    duplicates.push(LoadNote {
                        path: origin.to_string(),
                        severity: Severity::Duplicate,
                        message: format!("same text as {earlier}, skipped"),
                    });
                    None
                }
                None => {
                    first.insert(aid, origin);
                    next += 1;
                    Some(next - 1)
                }
            };
            if new != pos {
                changes.push((id, new));
            }
        }
        next_listed = next;
    }
    {
        let mut stmt = tx.prepare("UPDATE articles SET pos = ?2 WHERE id = ?1")?;
        for (id, pos) in changes {
            stmt.execute(params![id, pos])?;
        }
    }
    let notes: Vec<(String, String)> = duplicates.into_iter().map(|n| (n.path, n.message)).collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    tx.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
        params![DUPLICATES_KEY, serde_json::to_string(&notes).unwrap_or_default()],
    )?;
    super::super::groups::regroup(&tx)?;
    tx.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('updated', ?1)", [now])?;
    // How many are listed: opening the index need not count a million rows.
    tx.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", params![LISTED_KEY, next_listed])?;
    tx.execute("DELETE FROM meta WHERE key = 'dirty'", [])?;
    // The corpus entities are derived from the list: made again when asked.
    tx.execute("DELETE FROM meta WHERE key = ?1", [crate::library::entity_table::FRESH_KEY])?;
    tx.commit()
}
