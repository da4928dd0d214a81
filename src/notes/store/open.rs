//! Opening the store: creating the directory and the file private to the
//! user, refusing what is not safely ours, checking and upgrading the
//! schema, and moving a damaged store aside.

use std::cell::{Cell, RefCell};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::safety::{self, FileId};
use super::schema::{MIGRATIONS, SCHEMA_VERSION, migrate};
use super::{BUSY_TIMEOUT, FILE_NAME, Store, StoreError};
use crate::notes::clock::{file_stamp, now_ms};

/// The files SQLite keeps next to the database.
pub(super) const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

pub(super) fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
}

pub(super) fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(unix)]
pub(super) fn create_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}

#[cfg(not(unix))]
pub(super) fn create_dir(dir: &Path) -> io::Result<()> {
    fs::DirBuilder::new().recursive(true).create(dir)
}

/// Creates the empty database file, private to the user (SQLite gives its
/// `-wal` and `-shm` files the same mode).
pub(super) fn create_file(path: &Path) -> io::Result<()> {
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
        Self::open_in(dir).map(|(conn, file, read_only)| Store {
            conn: RefCell::new(conn),
            path: dir.join(FILE_NAME),
            file: Cell::new(file),
            read_only: Cell::new(read_only),
            notice: RefCell::new(None),
        })
    }

    /// Opens (or creates) the database in `dir`: its connection, the file
    /// it is, and whether it is read-only.
    pub(super) fn open_in(dir: &Path) -> Result<(Connection, FileId, bool), StoreError> {
        let dir_error = |source| StoreError::Dir { path: dir.to_path_buf(), source };
        match fs::metadata(dir) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(dir_error(io::Error::new(io::ErrorKind::NotADirectory, "not a directory")));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => create_dir(dir).map_err(dir_error)?,
            Err(e) => return Err(dir_error(e)),
        }
        safety::check_dir(dir)?;
        let path = dir.join(FILE_NAME);
        // A link or a file of another user is refused before anything
        // follows it; a side file too (SQLite would use it as it is).
        safety::check_file(&path)?;
        for suffix in SIDE_FILES {
            safety::check_file(&sidecar(&path, suffix))?;
        }
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

        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_NOFOLLOW;
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
        // SQLite made its side files (`-wal`, `-shm`) now: private too.
        for suffix in SIDE_FILES {
            safety::check_file(&sidecar(&path, suffix))?;
        }
        let file = safety::file_id(&path).map_err(|source| StoreError::Dir { path: path.clone(), source })?;
        Ok((conn, file, read_only))
    }

    pub(super) fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
        Self::problems(conn, "quick_check")
    }

    pub(super) fn problems(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let lines = rows.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(lines.into_iter().filter(|l| l != "ok").collect())
    }

    pub(super) fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
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

    pub(super) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen) => Self::open_error(path, e),
            Some(ErrorCode::DiskFull) => StoreError::DiskFull { path: path.to_path_buf(), source: e },
            Some(ErrorCode::SystemIoFailure) => StoreError::Io { path: path.to_path_buf(), source: e },
            _ => StoreError::Sqlite { path: path.to_path_buf(), source: e },
        }
    }

    /// Renames a damaged database (and its `-wal`, `-shm` and `-journal`
    /// files) to `notes.sqlite3.corrupt-<UTC time>`.
    pub(super) fn move_aside(path: &Path, reason: &str) -> StoreError {
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
        for suffix in SIDE_FILES {
            let from = sidecar(path, suffix);
            if fs::symlink_metadata(&from).is_ok() {
                // Best effort: the damaged file itself is already out of the way.
                let _ = fs::rename(&from, sidecar(&target, suffix));
            }
        }
        StoreError::Corrupt { path: path.to_path_buf(), moved_to: target, reason: reason.to_string() }
    }
}
