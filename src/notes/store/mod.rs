//! The notes store: one SQLite database, `notes.sqlite3`, in the data
//! directory.
//!
//! Durability first: WAL journal with `synchronous=FULL`, every write in a
//! `BEGIN IMMEDIATE` transaction, so a call that returned `Ok` has committed
//! and survives the process being killed right after (and, with FULL sync,
//! a power cut). Several processes may use the store at once: they wait for
//! each other (busy timeout) and edits of the same note are checked with its
//! version (optimistic concurrency), so a save never silently overwrites
//! another.
//!
//! Opening never destroys anything: a store written by a newer rroom is
//! refused untouched; a damaged one is moved aside (with its `-wal` and
//! `-shm` files) and the error names where it went, so the caller can open
//! again to start afresh; a read-only store can be read, and writes to it
//! fail with a clear error.
//!
//! The store refuses a directory others can write to and a database (or
//! side file) that is a link or another user's (see `safety`). Every write
//! first checks that the path still is the file it opened: if the file was
//! deleted it is recreated (from this session's copy of the notes when
//! SQLite can still read it) and the write goes there, with a notice for the
//! user ([`Store::take_notice`]); a write is never reported saved unless it
//! reached the file at the path.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

mod corrections;
mod drafts;
mod error;
mod notes;
mod open;
mod reading;
mod safety;
mod schema;
#[cfg(test)]
mod tests;
mod watches;

pub use error::StoreError;
pub use reading::{LeftOff, Mark, ReadingState};
pub use schema::SCHEMA_VERSION;
pub use watches::no_watch;

use super::model::{Anchor, EntityRef, Note, Target};
use crate::entities::EntityKind;
use safety::FileId;

/// The database file name inside the data directory.
pub const FILE_NAME: &str = "notes.sqlite3";

/// How long a write waits for another process holding the store.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open notes store.
#[derive(Debug)]
pub struct Store {
    conn: RefCell<Connection>,
    path: PathBuf,
    /// The file opened at `path`.
    file: Cell<FileId>,
    read_only: Cell<bool>,
    /// Something the user should be told (the store was recreated).
    notice: RefCell<Option<String>>,
}

const COLUMNS: &str = "id, article, kind, entity, quote, prefix, suffix, pos_start, pos_end, text, tags, \
                       created, updated, version, deleted, entity_kind";

fn conversion(i: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Integer, msg.into())
}

fn offset(row: &Row, i: usize) -> rusqlite::Result<usize> {
    let v: i64 = row.get(i)?;
    usize::try_from(v).map_err(|_| conversion(i, format!("bad offset {v}")))
}

fn note_from_row(row: &Row) -> rusqlite::Result<Note> {
    let kind: String = row.get(2)?;
    let target = match kind.as_str() {
        "article" => Target::Article,
        "entity" => Target::Entity(EntityRef {
            name: row.get(3)?,
            kind: match row.get::<_, Option<String>>(15)?.as_deref() {
                Some("person") => Some(EntityKind::Person),
                Some("org") => Some(EntityKind::Organization),
                Some("place") => Some(EntityKind::Place),
                _ => None,
            },
        }),
        "passage" => Target::Passage(Anchor {
            quote: row.get(4)?,
            prefix: row.get::<_, Option<String>>(5)?.unwrap_or_default(),
            suffix: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
            start: offset(row, 7)?,
            end: offset(row, 8)?,
        }),
        other => return Err(conversion(2, format!("unknown note kind {other:?}"))),
    };
    let tags: String = row.get(10)?;
    Ok(Note {
        id: row.get(0)?,
        article: row.get(1)?,
        target,
        text: row.get(9)?,
        tags: tags.split_whitespace().map(str::to_string).collect(),
        created: row.get(11)?,
        updated: row.get(12)?,
        version: row.get(13)?,
        deleted: row.get(14)?,
    })
}

impl Store {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store could only be opened for reading (writes fail with
    /// [`StoreError::ReadOnly`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only.get()
    }

    /// SQLite's `PRAGMA integrity_check`: an empty list when all is well.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        Self::problems(&self.conn.borrow(), "integrity_check").map_err(|e| self.sql(e))
    }

    /// A number that changes whenever another connection (another rroom)
    /// commits a change to the store: cheap to poll, to notice notes
    /// written elsewhere. Compare it with an earlier value; it means
    /// nothing on its own (and changes when the store is reopened).
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn.borrow().pragma_query_value(None, "data_version", |r| r.get(0)).map_err(|e| self.sql(e))
    }

    /// What happened to the store that the user should know about (it was
    /// deleted or replaced and has been recreated), once.
    pub fn take_notice(&self) -> Option<String> {
        self.notice.borrow_mut().take()
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        Self::classify(&self.path, e)
    }

    /// Makes sure the path still is the file this store opened; if it was
    /// deleted or replaced, opens the store at the path again (recreating
    /// it, from this session's copy of the notes when the old file can still
    /// be read), and leaves a notice.
    fn ensure_same_file(&self) -> Result<(), StoreError> {
        let now = safety::file_id(&self.path);
        if now.as_ref().is_ok_and(|id| *id == self.file.get()) {
            return Ok(());
        }
        let gone = |detail: String| StoreError::Gone { path: self.path.clone(), detail };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let how = match now {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                open::create_dir(dir).map_err(|e| gone(e.to_string()))?;
                safety::check_dir(dir)?;
                open::create_file(&self.path).map_err(|e| gone(e.to_string()))?;
                let copied = self
                    .path
                    .to_str()
                    .is_some_and(|p| self.conn.borrow().execute("VACUUM INTO ?1", [p]).is_ok());
                if copied {
                    "was deleted; it was recreated with the notes this session had"
                } else {
                    "was deleted; a new, empty store was created in its place"
                }
            }
            _ => "was replaced by another file; rroom now uses that one",
        };
        let (conn, file, read_only) = Self::open_in(dir).map_err(|e| gone(e.to_string()))?;
        *self.conn.borrow_mut() = conn;
        self.file.set(file);
        self.read_only.set(read_only);
        *self.notice.borrow_mut() = Some(format!("the notes store {} {how}", self.path.display()));
        Ok(())
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction on the file at the
    /// store's path and commits it.
    fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T, StoreError>) -> Result<T, StoreError> {
        self.ensure_same_file()?;
        if self.read_only.get() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                detail: "it could only be opened for reading".to_string(),
            });
        }
        let conn = self.conn.borrow();
        let tx =
            Transaction::new_unchecked(&conn, TransactionBehavior::Immediate).map_err(|e| self.sql(e))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| self.sql(e))?;
        Ok(value)
    }

    fn fetch(&self, conn: &Connection, id: i64) -> Result<Option<Note>, StoreError> {
        conn.query_row(&format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"), [id], note_from_row)
            .optional()
            .map_err(|e| self.sql(e))
    }
}
