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

use super::clock::{file_stamp, now_ms};
use super::model::{Anchor, Draft, Filter, NewNote, Note, Target, normalize_tag, parse_tags};
use crate::entities::Correction;

/// The database file name inside the data directory.
pub const FILE_NAME: &str = "notes.sqlite3";

/// How long a write waits for another process holding the store.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Schema migrations, in order: migration `i` takes the schema from version
/// `i` to `i + 1` (the version is SQLite's `PRAGMA user_version`).
/// Never edit a released migration; append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: notes and drafts.
    "CREATE TABLE notes (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        article   TEXT    NOT NULL,
        kind      TEXT    NOT NULL CHECK (kind IN ('article', 'passage', 'entity')),
        entity    TEXT,
        quote     TEXT,
        prefix    TEXT,
        suffix    TEXT,
        pos_start INTEGER,
        pos_end   INTEGER,
        text      TEXT    NOT NULL,
        tags      TEXT    NOT NULL DEFAULT '',
        created   INTEGER NOT NULL,
        updated   INTEGER NOT NULL,
        version   INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        deleted   INTEGER,
        CHECK ((kind = 'passage') = (quote IS NOT NULL AND pos_start IS NOT NULL AND pos_end IS NOT NULL)),
        CHECK ((kind = 'entity') = (entity IS NOT NULL))
    );
    CREATE INDEX notes_by_article ON notes (article, updated);
    CREATE INDEX notes_by_updated ON notes (updated);
    CREATE TABLE drafts (
        key   TEXT    PRIMARY KEY NOT NULL,
        text  TEXT    NOT NULL,
        saved INTEGER NOT NULL
    );",
    // 2: the analyst's corrections to the entity extractor, in the order made.
    "CREATE TABLE corrections (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        kind    TEXT    NOT NULL CHECK (kind IN ('merge', 'split', 'hide')),
        subject TEXT    NOT NULL CHECK (length(subject) > 0),
        target  TEXT,
        created INTEGER NOT NULL,
        CHECK ((kind = 'hide') = (target IS NULL))
    );",
];

/// The schema version this rroom writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

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

/// Applies the migrations the database lacks, in one immediate transaction.
/// Returns the version the database is at.
fn migrate(conn: &Connection, migrations: &[&str]) -> rusqlite::Result<i64> {
    let latest = migrations.len() as i64;
    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < 0 || version >= latest {
        return Ok(version);
    }
    for (i, sql) in migrations.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
    }
    tx.commit()?;
    Ok(latest)
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

    /// Saves (or replaces) the draft under `key`, as durably as a note.
    pub fn save_draft(&self, key: &str, text: &str) -> Result<Draft, StoreError> {
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drafts (key, text, saved) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET text = excluded.text, saved = excluded.saved",
                rusqlite::params![key, text, now],
            )
            .map_err(|e| self.sql(e))?;
            Ok(Draft { key: key.to_string(), text: text.to_string(), saved: now })
        })
    }

    /// Every draft, most recently saved first.
    pub fn load_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let run = || -> rusqlite::Result<Vec<Draft>> {
            let mut stmt =
                self.conn.prepare("SELECT key, text, saved FROM drafts ORDER BY saved DESC, key")?;
            let rows =
                stmt.query_map([], |r| Ok(Draft { key: r.get(0)?, text: r.get(1)?, saved: r.get(2)? }))?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// The corrections to the entity extractor, in the order they were made
    /// (the order they apply in), with their ids.
    pub fn corrections(&self) -> Result<Vec<(i64, Correction)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(i64, Correction)>> {
            let mut stmt =
                self.conn.prepare("SELECT id, kind, subject, target FROM corrections ORDER BY id")?;
            let rows = stmt.query_map([], |r| {
                let id: i64 = r.get(0)?;
                let kind: String = r.get(1)?;
                let subject: String = r.get(2)?;
                let target: Option<String> = r.get(3)?;
                let c = match (kind.as_str(), target) {
                    ("merge", Some(into)) => Correction::Merge { from: subject, into },
                    ("split", Some(from)) => Correction::Split { alias: subject, from },
                    ("hide", None) => Correction::Hide { name: subject },
                    (other, _) => return Err(conversion(1, format!("bad correction {other:?}"))),
                };
                Ok((id, c))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// Saves a correction (applied after those made before it); returns its
    /// id. On `Ok` it is on disk.
    pub fn add_correction(&self, c: &Correction) -> Result<i64, StoreError> {
        let (kind, subject, target) = match c {
            Correction::Merge { from, into } => ("merge", from.trim(), Some(into.trim())),
            Correction::Split { alias, from } => ("split", alias.trim(), Some(from.trim())),
            Correction::Hide { name } => ("hide", name.trim(), None),
        };
        if subject.is_empty() || target.is_some_and(str::is_empty) {
            return Err(StoreError::Invalid(format!("a {kind} correction needs the entities' names")));
        }
        if target.is_some_and(|t| t.to_lowercase() == subject.to_lowercase()) {
            return Err(StoreError::Invalid(format!("a {kind} correction needs two different names")));
        }
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO corrections (kind, subject, target, created) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![kind, subject, target, now],
            )
            .map_err(|e| self.sql(e))?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Withdraws a correction.
    pub fn remove_correction(&self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM corrections WHERE id = ?1", [id]).map_err(|e| self.sql(e))?;
            if n == 0 {
                return Err(StoreError::NoCorrection(id));
            }
            Ok(())
        })
    }

    /// Drops the draft under `key` (after its note was saved or abandoned).
    pub fn clear_draft(&self, key: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE key = ?1", [key]).map_err(|e| self.sql(e))?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = store.conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "FULL");
        let fk: i64 = store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
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
        store.save_draft("article:x", "half a thought").unwrap();
        drop(store);
        let store = Store::open(&dir.path().join("data")).unwrap();
        assert_eq!(store.get(note.id).unwrap(), Some(note));
        assert_eq!(store.load_drafts().unwrap().len(), 1);
    }

    #[test]
    fn migrations_apply_in_order_once() {
        let conn = Connection::open_in_memory().unwrap();
        let steps =
            ["CREATE TABLE a (x)", "INSERT INTO a VALUES (1)", "ALTER TABLE a ADD COLUMN y DEFAULT 2"];
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
            assert!(
                matches!(err, StoreError::NewerSchema { found, .. } if found == SCHEMA_VERSION + 1),
                "{err}"
            );
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
        store.save_draft("article:abc", "first words").unwrap();
        store.save_draft("note:7", "edit of note 7").unwrap();
        store.save_draft("article:abc", "first words, more").unwrap();
        let drafts = Store::open(&dir.path().join("data")).unwrap().load_drafts().unwrap();
        assert_eq!(drafts.len(), 2);
        let abc = drafts.iter().find(|d| d.key == "article:abc").unwrap();
        assert_eq!(abc.text, "first words, more");
        store.clear_draft("article:abc").unwrap();
        store.clear_draft("never-there").unwrap();
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
        }
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.list(&Filter::default()).unwrap().len(), 1);
        assert!(store.corrections().unwrap().is_empty());
        store.add_correction(&Correction::Hide { name: "X".into() }).unwrap();
        drop(store);
        assert_eq!(user_version(&path), 2);
    }

    #[test]
    fn a_read_only_store_refuses_corrections_clearly() {
        let (dir, store) = store();
        store.add_correction(&Correction::Hide { name: "Kabul".into() }).unwrap();
        drop(store);
        let ro = Store { read_only: true, ..Store::open(&dir.path().join("data")).unwrap() };
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
}
