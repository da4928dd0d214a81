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

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Row, Transaction, TransactionBehavior};

mod drafts;
mod schema;
#[cfg(test)]
mod tests;

pub use schema::SCHEMA_VERSION;
use schema::{MIGRATIONS, migrate};

use super::clock::{file_stamp, now_ms};
use super::model::{Anchor, Filter, NewNote, Note, Target, normalize_tag, parse_tags};

/// The database file name inside the data directory.
pub const FILE_NAME: &str = "notes.sqlite3";

/// How long a write waits for another process holding the store.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What can go wrong with the notes store. Every message says what happened
/// to the data (nothing is ever deleted by an error).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "note {} was changed elsewhere since you opened it (it is now at version {}); \
         your text was not saved over it",
        current.id, current.version
    )]
    Conflict { current: Box<Note> },
    #[error("there is no note {0}")]
    NotFound(i64),
    #[error("there is no correction {0}")]
    NoCorrection(i64),
    #[error("note {0} is not in the trash (only notes in the trash can be purged)")]
    NotInTrash(i64),
    #[error("{0}")]
    Invalid(String),
    #[error(
        "the notes store {} was written by a newer rroom (schema version {found}; this rroom knows \
         versions up to {supported}); it was left untouched: use a newer rroom",
        path.display()
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error(
        "{} is not an rroom notes store (schema version {found}); it was left untouched",
        path.display()
    )]
    UnknownSchema { path: PathBuf, found: i64 },
    #[error(
        "the notes store {} is damaged ({reason}); it was moved aside to {} with nothing deleted; \
         open the store again to start a fresh one",
        path.display(), moved_to.display()
    )]
    Corrupt { path: PathBuf, moved_to: PathBuf, reason: String },
    #[error(
        "the notes store {} is damaged ({reason}) and could not be moved aside ({source}); \
         it was left as it is",
        path.display()
    )]
    CorruptNotMoved { path: PathBuf, reason: String, source: io::Error },
    #[error("{} is a directory, not the notes database; move it out of the way", path.display())]
    NotAFile { path: PathBuf },
    #[error("the notes store {} is read-only ({detail}); nothing was changed", path.display())]
    ReadOnly { path: PathBuf, detail: String },
    #[error("cannot use the notes directory {}: {source}", path.display())]
    Dir { path: PathBuf, source: io::Error },
    #[error(
        "not saved: the disk is full ({source}); the notes already stored in {} are intact: free \
         some space and save again",
        path.display()
    )]
    DiskFull { path: PathBuf, source: rusqlite::Error },
    #[error(
        "not saved: could not write to {} ({source}: the disk may be full, over a size limit or \
         failing); the notes already stored are intact",
        path.display()
    )]
    Io { path: PathBuf, source: rusqlite::Error },
    #[error("notes store {}: {source}", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

impl StoreError {
    /// The current note, for a conflict.
    pub fn conflict(&self) -> Option<&Note> {
        match self {
            StoreError::Conflict { current } => Some(current),
            _ => None,
        }
    }
}

/// An open notes store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

const COLUMNS: &str = "id, article, kind, entity, quote, prefix, suffix, pos_start, pos_end, text, tags, \
                       created, updated, version, deleted";

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
        "entity" => Target::Entity(row.get(3)?),
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

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(unix)]
fn create_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
fn create_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new().recursive(true).create(dir)
}

/// Creates the empty database file, private to the user (SQLite gives its
/// `-wal` and `-shm` files the same mode).
fn create_file(path: &Path) -> io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

impl Store {
    /// Opens the store in `dir` (created, private to the user, if missing),
    /// creating or upgrading its schema. See the module documentation for
    /// what happens to newer, damaged and read-only stores.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        let dir_error = |source| StoreError::Dir { path: dir.to_path_buf(), source };
        match fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(dir_error(io::Error::new(io::ErrorKind::NotADirectory, "not a directory")));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => create_dir(dir).map_err(dir_error)?,
            Err(e) => return Err(dir_error(e)),
        }
        let path = dir.join(FILE_NAME);
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => return Err(StoreError::NotAFile { path }),
            Ok(m) if m.len() == 0 => {
                // SQLite deletes the write-ahead log of an empty database
                // file: if the log holds anything, keep it instead.
                let wal = fs::metadata(sidecar(&path, "-wal")).map(|m| m.len()).unwrap_or(0);
                if wal > 0 {
                    return Err(Self::move_aside(&path, "empty database file next to a non-empty log"));
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Err(e) = create_file(&path) {
                    let detail = format!("cannot create the database file: {e}");
                    return Err(if e.kind() == io::ErrorKind::PermissionDenied {
                        StoreError::ReadOnly { path, detail }
                    } else {
                        StoreError::Dir { path: dir.to_path_buf(), source: e }
                    });
                }
            }
            Err(e) => return Err(StoreError::Dir { path, source: e }),
        }

        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| Self::open_error(&path, e))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| Self::open_error(&path, e))?;

        // Read-only checks first: nothing is written before we know the
        // database is ours, of a version we know, and sound.
        let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
            Ok(v) => v,
            Err(e) if is_damage(&e) => {
                drop(conn);
                return Err(Self::move_aside(&path, &e.to_string()));
            }
            Err(e) => return Err(Self::open_error(&path, e)),
        };
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path, found: version, supported: SCHEMA_VERSION });
        }
        if version < 0 {
            return Err(StoreError::UnknownSchema { path, found: version });
        }
        match Self::quick_check(&conn) {
            Ok(problems) if problems.is_empty() => {}
            Ok(problems) => {
                drop(conn);
                let mut reason = problems.into_iter().take(3).collect::<Vec<_>>().join("; ");
                reason.insert_str(0, "integrity check: ");
                return Err(Self::move_aside(&path, &reason));
            }
            Err(e) if is_damage(&e) => {
                drop(conn);
                return Err(Self::move_aside(&path, &e.to_string()));
            }
            Err(e) => return Err(Self::open_error(&path, e)),
        }

        let mut read_only = conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true);
        if !read_only {
            let mode = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
            match mode {
                Ok(mode) if mode.eq_ignore_ascii_case("wal") => {}
                Ok(_) => read_only = true,
                Err(e)
                    if matches!(e.sqlite_error_code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)) =>
                {
                    read_only = true;
                }
                Err(e) => return Err(Self::open_error(&path, e)),
            }
        }
        let setup = conn
            .pragma_update(None, "synchronous", "FULL")
            .and_then(|()| conn.pragma_update(None, "foreign_keys", "ON"));
        setup.map_err(|e| Self::open_error(&path, e))?;

        if version < SCHEMA_VERSION {
            if read_only {
                return Err(StoreError::ReadOnly {
                    path,
                    detail: format!("its schema (version {version}) cannot be created or upgraded"),
                });
            }
            match migrate(&conn, MIGRATIONS) {
                Ok(v) if v > SCHEMA_VERSION => {
                    return Err(StoreError::NewerSchema { path, found: v, supported: SCHEMA_VERSION });
                }
                Ok(_) => {}
                Err(e) => return Err(Self::classify(&path, e)),
            }
        }
        Ok(Store { conn, path, read_only })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the store could only be opened for reading (writes fail with
    /// [`StoreError::ReadOnly`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// SQLite's `PRAGMA integrity_check`: an empty list when all is well.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        Self::problems(&self.conn, "integrity_check").map_err(|e| self.sql(e))
    }

    fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
        Self::problems(conn, "quick_check")
    }

    fn problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let lines = rows.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(lines.into_iter().filter(|l| l != "ok").collect())
    }

    fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => {
                StoreError::ReadOnly { path: path.to_path_buf(), detail: e.to_string() }
            }
            Some(ErrorCode::CannotOpen) => StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: format!(
                    "{e}: check that the file and its directory are readable and writable by you"
                ),
            },
            _ => StoreError::Sqlite { path: path.to_path_buf(), source: e },
        }
    }

    fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen) => Self::open_error(path, e),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path: path.to_path_buf(), source: e },
            Some(ErrorCode::SystemIoFailure) => StoreError::Io { path: path.to_path_buf(), source: e },
            _ => StoreError::Sqlite { path: path.to_path_buf(), source: e },
        }
    }

    fn sql(&self, e: rusqlite::Error) -> StoreError {
        Self::classify(&self.path, e)
    }

    /// Renames a damaged database (and its `-wal`, `-shm` and `-journal`
    /// files) to `notes.sqlite3.corrupt-<UTC time>`.
    fn move_aside(path: &Path, reason: &str) -> StoreError {
        let stamp = file_stamp(now_ms());
        let mut target = sidecar(path, &format!(".corrupt-{stamp}"));
        let mut n = 1;
        while fs::symlink_metadata(&target).is_ok() {
            n += 1;
            target = sidecar(path, &format!(".corrupt-{stamp}-{n}"));
        }
        if let Err(source) = fs::rename(path, &target) {
            return StoreError::CorruptNotMoved {
                path: path.to_path_buf(),
                reason: reason.to_string(),
                source,
            };
        }
        for suffix in ["-wal", "-shm", "-journal"] {
            let from = sidecar(path, suffix);
            if fs::symlink_metadata(&from).is_ok() {
                // Best effort: the damaged file itself is already out of the way.
                let _ = fs::rename(&from, sidecar(&target, suffix));
            }
        }
        StoreError::Corrupt { path: path.to_path_buf(), moved_to: target, reason: reason.to_string() }
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction and commits it.
    fn write<T>(&self, f: impl FnOnce(&Transaction) -> Result<T, StoreError>) -> Result<T, StoreError> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                detail: "it could only be opened for reading".to_string(),
            });
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(|e| self.sql(e))?;
        let value = f(&tx)?;
        tx.commit().map_err(|e| self.sql(e))?;
        Ok(value)
    }

    fn fetch(&self, conn: &Connection, id: i64) -> Result<Option<Note>, StoreError> {
        conn.query_row(&format!("SELECT {COLUMNS} FROM notes WHERE id = ?1"), [id], note_from_row)
            .optional()
            .map_err(|e| self.sql(e))
    }

    /// Adds a note; returns it as stored (version 1). On `Ok` it is on disk.
    pub fn add(&self, new: NewNote) -> Result<Note, StoreError> {
        let article = new.article.trim().to_string();
        if article.is_empty() {
            return Err(StoreError::Invalid("a note needs an article id".to_string()));
        }
        let (kind, entity, anchor) = match &new.target {
            Target::Article => ("article", None, None),
            Target::Entity(e) => {
                let e = e.trim();
                if e.is_empty() {
                    return Err(StoreError::Invalid("an entity note needs the entity's name".to_string()));
                }
                ("entity", Some(e.to_string()), None)
            }
            Target::Passage(a) => {
                if a.start > a.end {
                    return Err(StoreError::Invalid(format!("bad passage range {}..{}", a.start, a.end)));
                }
                ("passage", None, Some(a))
            }
        };
        let to_i64 =
            |v: usize| i64::try_from(v).map_err(|_| StoreError::Invalid(format!("offset {v} too large")));
        let start = anchor.map(|a| to_i64(a.start)).transpose()?;
        let end = anchor.map(|a| to_i64(a.end)).transpose()?;
        let tags = parse_tags(&new.text).join(" ");
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO notes (article, kind, entity, quote, prefix, suffix, pos_start, pos_end, text, \
                 tags, created, updated, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, 1)",
                rusqlite::params![
                    article,
                    kind,
                    entity,
                    anchor.map(|a| &a.quote),
                    anchor.map(|a| &a.prefix),
                    anchor.map(|a| &a.suffix),
                    start,
                    end,
                    new.text,
                    tags,
                    now
                ],
            )
            .map_err(|e| self.sql(e))?;
            let id = tx.last_insert_rowid();
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Replaces a note's text, if it is still at `expected_version` (the
    /// version the editor started from); otherwise nothing is written and
    /// [`StoreError::Conflict`] carries the note as it is now. A note in the
    /// trash can be edited too (it stays there): a save is never refused
    /// because another process deleted the note meanwhile.
    pub fn update(&self, id: i64, expected_version: i64, text: &str) -> Result<Note, StoreError> {
        let tags = parse_tags(text).join(" ");
        let now = now_ms();
        self.write(|tx| {
            let current = self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))?;
            if current.version != expected_version {
                return Err(StoreError::Conflict { current: Box::new(current) });
            }
            tx.execute(
                "UPDATE notes SET text = ?1, tags = ?2, updated = max(?3, updated), version = version + 1 \
                 WHERE id = ?4",
                rusqlite::params![text, tags, now, id],
            )
            .map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Moves a note to the trash (it can be restored). Deleting a note that
    /// is already in the trash changes nothing.
    pub fn delete(&self, id: i64) -> Result<Note, StoreError> {
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "UPDATE notes SET deleted = ?1 WHERE id = ?2 AND deleted IS NULL",
                rusqlite::params![now, id],
            )
            .map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Takes a note out of the trash.
    pub fn restore(&self, id: i64) -> Result<Note, StoreError> {
        self.write(|tx| {
            tx.execute("UPDATE notes SET deleted = NULL WHERE id = ?1", [id]).map_err(|e| self.sql(e))?;
            self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Deletes a note for good. Only notes in the trash can be purged.
    pub fn purge(&self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            let note = self.fetch(tx, id)?.ok_or(StoreError::NotFound(id))?;
            if note.deleted.is_none() {
                return Err(StoreError::NotInTrash(id));
            }
            tx.execute("DELETE FROM notes WHERE id = ?1", [id]).map_err(|e| self.sql(e))?;
            Ok(())
        })
    }

    /// One note, in the trash or not.
    pub fn get(&self, id: i64) -> Result<Option<Note>, StoreError> {
        self.fetch(&self.conn, id)
    }

    /// The notes the filter selects, most recently updated first.
    pub fn list(&self, filter: &Filter) -> Result<Vec<Note>, StoreError> {
        let mut sql = format!("SELECT {COLUMNS} FROM notes WHERE 1 = 1");
        let mut params: Vec<String> = Vec::new();
        if let Some(article) = &filter.article {
            params.push(article.trim().to_string());
            sql.push_str(&format!(" AND article = ?{}", params.len()));
        }
        if let Some(tag) = &filter.tag {
            params.push(normalize_tag(tag));
            sql.push_str(&format!(" AND instr(' ' || tags || ' ', ' ' || ?{} || ' ') > 0", params.len()));
        }
        if filter.entity.is_some() {
            sql.push_str(" AND kind = 'entity'");
        }
        if filter.only_deleted {
            sql.push_str(" AND deleted IS NOT NULL");
        } else if !filter.include_deleted {
            sql.push_str(" AND deleted IS NULL");
        }
        sql.push_str(" ORDER BY updated DESC, id DESC");
        let run = || -> rusqlite::Result<Vec<Note>> {
            let mut stmt = self.conn.prepare(&sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), note_from_row)?;
            rows.collect()
        };
        let mut notes = run().map_err(|e| self.sql(e))?;
        if let Some(entity) = &filter.entity {
            let wanted = entity.trim().to_lowercase();
            notes.retain(|n| n.entity().is_some_and(|e| e.to_lowercase() == wanted));
        }
        Ok(notes)
    }
}
