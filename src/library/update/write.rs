//! The update's writes, each batch one `BEGIN IMMEDIATE` transaction (a
//! second writer waits for the lock instead of failing half-way).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::ingest::Ingested;
use super::{Outcome, Planned, Seen};
use crate::corpus::formats::Format;
use crate::corpus::{LoadNote, Severity};
use crate::search::fulltext::fts5_text;

type Result<T> = rusqlite::Result<T>;

fn format_code(f: Format) -> i64 {
    match f {
        Format::Text => 0,
        Format::Markdown => 1,
        Format::Html => 2,
        Format::Jsonl => 3,
    }
}

fn severity_code(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Skipped => 2,
        Severity::Duplicate => 3,
    }
}

pub fn severity_of(code: u8) -> Severity {
    match code {
        0 => Severity::Info,
        1 => Severity::Warning,
        3 => Severity::Duplicate,
        _ => Severity::Skipped,
    }
}

/// A file's notes as stored: severity and message (the path is the file's).
fn notes_json(notes: &[LoadNote]) -> Option<String> {
    if notes.is_empty() {
        return None;
    }
    let list: Vec<(u8, &str)> =
        notes.iter().map(|n| (severity_code(n.severity), n.message.as_str())).collect();
    serde_json::to_string(&list).ok()
}

/// Every file the index has seen, by (root, path below it).
pub fn seen_files(conn: &Connection) -> Result<HashMap<(i64, Vec<u8>), Seen>> {
    let mut stmt =
        conn.prepare("SELECT id, root, rel, ord, size, mtime, hash, line_mode, lines FROM files")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            (r.get::<_, i64>(1)?, r.get::<_, Vec<u8>>(2)?),
            Seen {
                id: r.get(0)?,
                ord: r.get(3)?,
                size: r.get(4)?,
                mtime: r.get(5)?,
                hash: r.get(6)?,
                line_mode: r.get(7)?,
                lines: r.get(8)?,
            },
        ))
    })?;
    rows.collect()
}

pub fn is_dirty(conn: &Connection) -> Result<bool> {
    let v: Option<i64> =
        conn.query_row("SELECT value FROM meta WHERE key = 'dirty'", [], |r| r.get(0)).optional()?;
    Ok(v == Some(1))
}

fn tx(conn: &mut Connection) -> Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

/// Drops a file's articles: those listed stay (marked stale) until the
/// update completes ([`super::finish`] deletes them), so that an update
/// stopped half-way leaves the last complete list; those never listed (from
/// an update that stopped) go now.
fn drop_articles(tx: &Transaction, file: i64) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO stale(id) SELECT id FROM articles WHERE file = ?1 AND pos IS NOT NULL",
        [file],
    )?;
    let unlisted = "SELECT id FROM articles WHERE file = ?1 AND pos IS NULL";
    tx.execute(&format!("DELETE FROM sentences WHERE id IN ({unlisted})"), [file])?;
    tx.execute(&format!("DELETE FROM fts WHERE rowid IN ({unlisted})"), [file])?;
    tx.execute("DELETE FROM articles WHERE file = ?1 AND pos IS NULL", [file])?;
    Ok(())
}

/// Deletes the stale articles and the removed files: the update is
/// complete (in the final pass's transaction).
pub fn drop_stale(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM sentences WHERE id IN (SELECT id FROM stale);
         DELETE FROM fts WHERE rowid IN (SELECT id FROM stale);
         DELETE FROM articles WHERE id IN (SELECT id FROM stale);
         DELETE FROM stale;
         DELETE FROM articles WHERE file IN (SELECT id FROM files WHERE ord < 0);
         DELETE FROM files WHERE ord < 0;",
    )
}

/// Marks the list as out of date, drops removed files and moves the others
/// to their new places in load order.
pub fn start(conn: &mut Connection, removed: &[i64], reordered: &[(i64, i64)]) -> Result<()> {
    let tx = tx(conn)?;
    tx.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('dirty', 1)", [])?;
    for &id in removed {
        drop_articles(&tx, id)?;
        // Gone when the update completes; read again should it come back.
        tx.execute("UPDATE files SET ord = -1, size = -2, mtime = -1 WHERE id = ?1", [id])?;
    }
    {
        let mut stmt = tx.prepare("UPDATE files SET ord = ?2 WHERE id = ?1")?;
        for &(id, ord) in reordered {
            stmt.execute([id, ord])?;
        }
    }
    tx.commit()
}

fn insert_articles(tx: &Transaction, file: i64, articles: Vec<Ingested>) -> Result<()> {
    let mut art = tx.prepare_cached(
        "INSERT INTO articles(file, line, offset, len, aid, title, source, dateline, url, published, words, entities,
                              published_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut fts = tx.prepare_cached("INSERT INTO fts(rowid, title, body) VALUES (?1, ?2, ?3)")?;
    let mut sentences = tx.prepare_cached("INSERT INTO sentences(id, triggers) VALUES (?1, ?2)")?;
    for i in articles {
        let a = &i.article;
        let (offset, len) = match &i.range {
            Some(r) => (Some(r.start as i64), Some((r.end - r.start) as i64)),
            None => (None, None),
        };
        art.execute(params![
            file,
            a.origin.line.map(|l| l as i64),
            offset,
            len,
            a.id.as_str(),
            a.title,
            a.source,
            a.dateline,
            a.url,
            a.published,
            a.words as i64,
            i.entities,
            a.published_at(),
        ])?;
        let id = tx.last_insert_rowid();
        fts.execute(params![id, fts5_text(&a.title), fts5_text(&a.body)])?;
        super::super::groups::insert(tx, id, i.near.as_deref())?;
        sentences.execute(params![id, i.sentences])?;
    }
    Ok(())
}

/// Inserts or updates a file's row; returns its id.
fn put_file(
    tx: &Transaction,
    f: &Planned,
    id: Option<i64>,
    state: (i64, i64, i64, bool, i64),
    notes: Option<String>,
) -> Result<i64> {
    let (size, mtime, hash, line_mode, lines) = state;
    match id {
        Some(id) => {
            tx.execute(
                "UPDATE files SET ord = ?2, format = ?3, section = ?4, size = ?5, mtime = ?6, hash = ?7,
                 line_mode = ?8, lines = ?9, notes = ?10 WHERE id = ?1",
                params![
                    id,
                    f.ord,
                    format_code(f.format),
                    f.section,
                    size,
                    mtime,
                    hash,
                    line_mode,
                    lines,
                    notes
                ],
            )?;
            Ok(id)
        }
        None => {
            tx.execute(
                "INSERT INTO files(root, rel, ord, format, section, size, mtime, hash, line_mode, lines, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![f.root, f.rel, f.ord, format_code(f.format), f.section, size, mtime, hash, line_mode, lines, notes],
            )?;
            Ok(tx.last_insert_rowid())
        }
    }
}

/// One batch of whole files, in one transaction.
pub fn batch(conn: &mut Connection, batch: Vec<(&Planned, Option<&Seen>, Outcome)>) -> Result<()> {
    let tx = tx(conn)?;
    for (f, old, outcome) in batch {
        match outcome {
            Outcome::Touch => {
                if let Some(s) = old {
                    tx.execute(
                        "UPDATE files SET size = ?2, mtime = ?3 WHERE id = ?1",
                        params![s.id, f.size, f.mtime],
                    )?;
                }
            }
            Outcome::Replace { articles, notes, hash } => {
                if let Some(s) = old {
                    drop_articles(&tx, s.id)?;
                }
                let id = put_file(
                    &tx,
                    f,
                    old.map(|s| s.id),
                    (f.size, f.mtime, hash, false, 0),
                    notes_json(&notes),
                )?;
                insert_articles(&tx, id, articles)?;
            }
        }
    }
    tx.commit()
}

/// How far a JSONL file read line by line is indexed.
pub struct LineState {
    pub size: i64,
    pub hash: i64,
    pub lines: i64,
    /// The whole file is indexed (its mtime is recorded; until then a
    /// mark that never matches makes the next run look again).
    pub complete: bool,
}

/// A JSONL file whose bytes did not change: only its mtime did.
pub fn touch_lines(conn: &mut Connection, f: &Planned, old: Option<&Seen>, hash: i64) -> Result<()> {
    if let Some(s) = old {
        conn.execute(
            "UPDATE files SET size = ?2, mtime = ?3, hash = ?4 WHERE id = ?1",
            params![s.id, f.size, f.mtime, hash],
        )?;
    }
    Ok(())
}

/// Some lines of a JSONL file, and how far the file is now indexed, in one
/// transaction; `fresh`: the file's old articles go first.
pub fn lines(
    conn: &mut Connection,
    f: &Planned,
    id: &mut Option<i64>,
    fresh: bool,
    articles: Vec<Ingested>,
    notes: Vec<LoadNote>,
    state: &LineState,
) -> Result<()> {
    let tx = tx(conn)?;
    let mut all_notes = Vec::new();
    if let Some(existing) = *id {
        if fresh {
            drop_articles(&tx, existing)?;
        } else {
            let old: Option<String> =
                tx.query_row("SELECT notes FROM files WHERE id = ?1", [existing], |r| r.get(0))?;
            if let Some(old) = old {
                let list: Vec<(u8, String)> = serde_json::from_str(&old).unwrap_or_default();
                all_notes.extend(list.into_iter().map(|(s, message)| LoadNote {
                    path: String::new(),
                    severity: severity_of(s),
                    message,
                }));
            }
        }
    }
    all_notes.extend(notes);
    let mtime = if state.complete { f.mtime } else { -1 };
    let new_id =
        put_file(&tx, f, *id, (state.size, mtime, state.hash, true, state.lines), notes_json(&all_notes))?;
    *id = Some(new_id);
    insert_articles(&tx, new_id, articles)?;
    tx.commit()
}
