//! Where the index lives and opening it: a private directory and file
//! (links and other users' files refused, as for the notes store), one
//! writer at a time (an advisory lock beside the file; a second rroom waits
//! with a message), and a file of another version or a damaged one rebuilt
//! with a one-line notice: the index is a cache, deleting it loses nothing.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::LibraryError;
use super::schema::{SCHEMA, SCHEMA_VERSION};

/// How long a reader waits for a writer's commit.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The files SQLite keeps next to the database.
const SIDE_FILES: [&str; 3] = ["-wal", "-shm", "-journal"];

/// The directory of indexes: `--index-dir`/`RROOM_INDEX_DIR`, else
/// `index/` in the data directory when one is given (`--data-dir`,
/// `RROOM_DATA_DIR`: tests stay isolated), else the user's cache directory
/// (`~/.cache/rroom/index` on Linux).
pub fn index_dir(explicit: Option<&Path>, data_dir: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = data_dir {
        return Some(dir.join("index"));
    }
    directories::ProjectDirs::from("", "", "rroom").map(|d| d.cache_dir().join("index"))
}

/// The index file for a corpus: one per list of corpus paths (made
/// absolute and resolved, so the same folder named two ways shares one).
pub fn index_file(dir: &Path, roots: &[PathBuf], follow_links: bool) -> PathBuf {
    let mut key = String::new();
    for r in roots {
        let abs = fs::canonicalize(r).unwrap_or_else(|_| std::path::absolute(r).unwrap_or(r.clone()));
        key.push_str(&abs.to_string_lossy());
        key.push('\0');
    }
    key.push_str(if follow_links { "follow" } else { "nofollow" });
    dir.join(format!("corpus-{:016x}.sqlite3", xxhash_rust::xxh3::xxh3_64(key.as_bytes())))
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn unsafe_path(path: &Path, reason: &str) -> LibraryError {
    LibraryError::Unsafe { path: path.to_path_buf(), reason: reason.to_string() }
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

/// Refuses a directory that others may write to (they could plant an
/// index that points rroom at their files).
#[cfg(unix)]
fn check_dir(dir: &Path) -> Result<(), LibraryError> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(dir).map_err(|error| LibraryError::Dir { path: dir.to_path_buf(), error })?;
    if !m.is_dir() {
        return Err(unsafe_path(dir, "it is not a directory"));
    }
    if m.mode() & 0o022 != 0 {
        return Err(unsafe_path(
            dir,
            "the directory is writable by other users; make it private (chmod 700)",
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_dir(_dir: &Path) -> Result<(), LibraryError> {
    Ok(())
}

/// Refuses a link or a file of another user; keeps ours private. A
/// missing file is fine.
#[cfg(unix)]
fn check_file(path: &Path) -> Result<(), LibraryError> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let m = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(LibraryError::Dir { path: path.to_path_buf(), error }),
    };
    if m.file_type().is_symlink() {
        return Err(unsafe_path(path, "it is a symbolic link (delete it: the index is rebuilt)"));
    }
    if !m.is_file() {
        return Err(unsafe_path(path, "it is not a plain file"));
    }
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if m.uid() != me {
        return Err(unsafe_path(path, "it belongs to another user"));
    }
    if m.mode() & 0o077 != 0 {
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(m.mode() & 0o700));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_file(_path: &Path) -> Result<(), LibraryError> {
    Ok(())
}

/// Creates a file private to the user if it is not there.
fn create_private(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    options.open(path)
}

/// The one-writer lock of an index: an advisory lock on a file beside it,
/// released when dropped (or when the process dies, however it dies).
#[derive(Debug)]
pub struct WriteLock {
    _file: fs::File,
}

impl WriteLock {
    /// Takes the lock; when another process holds it, calls `waiting` once
    /// and waits for it.
    pub fn take(index: &Path, waiting: &dyn Fn()) -> Result<WriteLock, LibraryError> {
        ensure_dir(index)?;
        let path = sidecar(index, ".lock");
        check_file(&path)?;
        let file = create_private(&path).map_err(|error| LibraryError::io(&path, error))?;
        #[cfg(unix)]
        {
            use std::os::unix::io::AsRawFd;
            let fd = file.as_raw_fd();
            // SAFETY: flock on a file descriptor we own.
            if unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } != 0 {
                waiting();
                loop {
                    // SAFETY: as above; a signal interrupting the wait retries.
                    if unsafe { libc::flock(fd, libc::LOCK_EX) } == 0 {
                        break;
                    }
                    let e = io::Error::last_os_error();
                    if e.kind() != io::ErrorKind::Interrupted {
                        return Err(LibraryError::Dir { path, error: e });
                    }
                }
            }
        }
        #[cfg(not(unix))]
        let _ = waiting;
        Ok(WriteLock { _file: file })
    }
}

/// Removes an index and its side files (never while another process may
/// write it: callers hold the [`WriteLock`]).
pub fn remove(path: &Path) -> io::Result<()> {
    for p in std::iter::once(path.to_path_buf()).chain(SIDE_FILES.iter().map(|s| sidecar(path, s))) {
        match fs::remove_file(&p) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// The index's directory, created private to the user if missing, and
/// refused if others may write to it.
fn ensure_dir(index: &Path) -> Result<(), LibraryError> {
    let dir = index.parent().unwrap_or(Path::new("."));
    if let Err(e) = fs::metadata(dir) {
        if e.kind() != io::ErrorKind::NotFound {
            return Err(LibraryError::Dir { path: dir.to_path_buf(), error: e });
        }
        create_dir(dir).map_err(|error| LibraryError::io(dir, error))?;
    }
    check_dir(dir)
}

/// Opens (creating) the index at `path`; a file of another version or a
/// damaged one is rebuilt, and the notice says so.
pub fn open(path: &Path) -> Result<(Connection, Option<String>), LibraryError> {
    ensure_dir(path)?;
    check_file(path)?;
    for s in SIDE_FILES {
        check_file(&sidecar(path, s))?;
    }
    match try_open(path) {
        Ok(Some(conn)) => Ok((conn, None)),
        Ok(None) => {
            let notice = "the index was made by another version of rroom: rebuilding it";
            Ok((rebuild(path)?, Some(notice.to_string())))
        }
        Err(e) if e.is_damage() => {
            let notice = "the index was damaged: rebuilding it (nothing is lost: it is a cache)";
            Ok((rebuild(path)?, Some(notice.to_string())))
        }
        Err(e) => Err(e),
    }
}

/// Opens an existing index to read while another handle may write it:
/// nothing is created or rebuilt. `None` when there is no file, or it is
/// of another schema version or unreadable (whoever updates rebuilds it).
pub fn open_reader(path: &Path) -> Result<Option<Connection>, LibraryError> {
    check_file(path)?;
    for s in SIDE_FILES {
        check_file(&sidecar(path, s))?;
    }
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() > 0 => {}
        _ => return Ok(None),
    }
    let err = |e| LibraryError::sqlite(path, e);
    let flags =
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags).map_err(err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    let version: i64 = match conn.pragma_query_value(None, "user_version", |r| r.get(0)) {
        Ok(v) => v,
        Err(_) => return Ok(None),
    };
    if version != SCHEMA_VERSION {
        return Ok(None);
    }
    if conn.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0)).is_err() {
        return Ok(None);
    }
    Ok(Some(conn))
}

/// Deletes the index and makes a new one.
pub fn rebuild(path: &Path) -> Result<Connection, LibraryError> {
    remove(path).map_err(|error| LibraryError::Dir { path: path.to_path_buf(), error })?;
    try_open(path)?.ok_or_else(|| unsafe_path(path, "a new index has the wrong version"))
}

/// The open index, or `None` when it is of another schema version.
fn try_open(path: &Path) -> Result<Option<Connection>, LibraryError> {
    let err = |e| LibraryError::sqlite(path, e);
    create_private(path).map_err(|error| LibraryError::io(path, error))?;
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags).map_err(err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
    // A committed transaction survives a crashed process at any level of
    // `synchronous`; NORMAL in WAL mode may lose the last commits on power
    // loss, which a cache can afford (they are redone).
    conn.pragma_update(None, "journal_mode", "WAL").map_err(err)?;
    conn.pragma_update(None, "synchronous", "NORMAL").map_err(err)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(err)?;
    if version == SCHEMA_VERSION {
        // The catalog must be readable (a damaged page shows here).
        conn.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0)).map_err(err)?;
        return Ok(Some(conn));
    }
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).map_err(err)?;
    if tables > 0 {
        return Ok(None);
    }
    conn.execute_batch(&format!("BEGIN IMMEDIATE; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"))
        .map_err(err)?;
    Ok(Some(conn))
}

/// Has no file been indexed yet (a first build ahead)?
pub fn is_new(conn: &Connection) -> bool {
    conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM files)", [], |r| r.get(0)).unwrap_or(false)
}

/// Rewrites a freshly built index densely (`VACUUM`): a first build
/// fills the sort and id indexes in list order, not theirs, and leaves
/// their pages part empty (about 3 % of the file at a million articles).
/// The index is complete either way, so a failure (no room for the copy
/// VACUUM makes) is not one: the index stays as it was.
pub fn compact(conn: &Connection) {
    if conn.execute_batch("VACUUM").is_ok() {
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}
