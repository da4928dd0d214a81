//! What can go wrong with the index, in words a user can act on. Paths in
//! messages are shown through [`crate::corpus::display_path`] by the caller
//! that prints them (`cli::diag` sanitizes every line).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{}: {error}", path.display())]
    Dir { path: PathBuf, error: std::io::Error },
    #[error("the index {} is not safe to use: {reason}", path.display())]
    Unsafe { path: PathBuf, reason: String },
    #[error(
        "the disk is full: the index {} was not updated; the last complete index is still there \
         (free some space and run `rroom index` again)",
        path.display()
    )]
    DiskFull { path: PathBuf },
    #[error("the index {} is read-only: {detail}", path.display())]
    ReadOnly { path: PathBuf, detail: String },
    #[error("the index {}: {error}", path.display())]
    Sqlite { path: PathBuf, error: rusqlite::Error },
    #[error("cannot read {path} again: {reason} (run `rroom index` to bring the index up to date)")]
    Source { path: String, reason: String },
    #[error("{0}")]
    Lookup(#[from] crate::corpus::LookupError),
}

impl LibraryError {
    /// Wraps an SQLite error, recognizing a full disk and a read-only file.
    pub(super) fn sqlite(path: &std::path::Path, error: rusqlite::Error) -> LibraryError {
        use rusqlite::ErrorCode;
        let extended = match &error {
            rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
            _ => None,
        };
        if extended.is_some_and(|code| means_full(code, || room_to_grow(path))) {
            return LibraryError::DiskFull { path: path.to_path_buf() };
        }
        let path = path.to_path_buf();
        match error.sqlite_error_code() {
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                LibraryError::ReadOnly { path, detail: error.to_string() }
            }
            _ => LibraryError::Sqlite { path, error },
        }
    }

    /// A file-system error: a full disk (`ENOSPC`) is named as such.
    pub(super) fn io(path: &std::path::Path, error: std::io::Error) -> LibraryError {
        if error.kind() == std::io::ErrorKind::StorageFull {
            return LibraryError::DiskFull { path: path.to_path_buf() };
        }
        LibraryError::Dir { path: path.to_path_buf(), error }
    }

    /// Is the file damaged (and so to be rebuilt)?
    pub fn is_damage(&self) -> bool {
        use rusqlite::ErrorCode;
        matches!(
            self,
            LibraryError::Sqlite { error, .. }
                if matches!(error.sqlite_error_code(), Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt))
        )
    }
}

/// Below this much free space, a failed write is taken for a full disk.
const NEARLY_FULL: u64 = 4 << 20;

/// Does an SQLite error with this extended code mean the disk is full?
/// `SQLITE_FULL` says so; a full disk met while growing the WAL index
/// (`SQLITE_IOERR_SHMSIZE`, "disk I/O error", 4874) or mapping it does too;
/// a failed write, sync or truncation does when the file system has (almost)
/// no room left (`free`, asked only then).
fn means_full(extended: i32, free: impl FnOnce() -> Option<u64>) -> bool {
    use rusqlite::ffi;
    match extended {
        code if code & 0xff == ffi::SQLITE_FULL => true,
        ffi::SQLITE_IOERR_SHMSIZE | ffi::SQLITE_IOERR_SHMMAP => true,
        ffi::SQLITE_IOERR_WRITE | ffi::SQLITE_IOERR_FSYNC | ffi::SQLITE_IOERR_TRUNCATE => {
            free().is_some_and(|f| f < NEARLY_FULL)
        }
        _ => false,
    }
}

/// How many more bytes the index at `path` can take: the room left on its
/// file system, or under the process's file size limit (`ulimit -f`,
/// `RLIMIT_FSIZE`) for its largest file, whichever is less.
fn room_to_grow(path: &std::path::Path) -> Option<u64> {
    let free = free_bytes(path);
    match (free, size_limit_room(path)) {
        (Some(f), Some(r)) => Some(f.min(r)),
        (f, r) => f.or(r),
    }
}

/// The room under the file size limit for the index's largest file (the
/// database, its write-ahead log or its journal); `None` without a limit.
#[cfg(unix)]
fn size_limit_room(path: &std::path::Path) -> Option<u64> {
    let mut limit = std::mem::MaybeUninit::<libc::rlimit>::uninit();
    // SAFETY: a buffer of the right type, read only when the call succeeded.
    let limit = unsafe {
        if libc::getrlimit(libc::RLIMIT_FSIZE, limit.as_mut_ptr()) != 0 {
            return None;
        }
        limit.assume_init()
    };
    if limit.rlim_cur == libc::RLIM_INFINITY {
        return None;
    }
    let largest = ["", "-wal", "-journal"]
        .iter()
        .filter_map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            std::fs::metadata(p).ok().map(|m| m.len())
        })
        .max()
        .unwrap_or(0);
    Some((limit.rlim_cur as u64).saturating_sub(largest))
}

#[cfg(not(unix))]
fn size_limit_room(_path: &std::path::Path) -> Option<u64> {
    None
}

/// The bytes free to this user on the file system holding `path` (or its
/// directory).
#[cfg(unix)]
fn free_bytes(path: &std::path::Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let c = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    let mut st = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: a NUL-terminated path and a buffer of the right type; the
    // result is read only when the call succeeded.
    let st = unsafe {
        if libc::statvfs(c.as_ptr(), st.as_mut_ptr()) != 0 {
            return None;
        }
        st.assume_init()
    };
    Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
}

#[cfg(not(unix))]
fn free_bytes(_path: &std::path::Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some("disk I/O error".into()))
    }

    #[test]
    fn a_full_disk_is_named_whatever_sqlite_calls_it() {
        let path = std::path::Path::new("/nonexistent/index.sqlite3");
        for code in [ffi::SQLITE_FULL, ffi::SQLITE_IOERR_SHMSIZE] {
            let e = LibraryError::sqlite(path, failure(code));
            assert!(matches!(e, LibraryError::DiskFull { .. }), "{code}: {e}");
            assert!(e.to_string().starts_with("the disk is full: the index"), "{e}");
            assert!(e.to_string().contains("last complete index is still there"), "{e}");
        }
        // A failed write is a full disk only when there is no room left.
        assert!(means_full(ffi::SQLITE_IOERR_WRITE, || Some(1024)));
        assert!(!means_full(ffi::SQLITE_IOERR_WRITE, || Some(10 << 30)));
        assert!(!means_full(ffi::SQLITE_IOERR_WRITE, || None));
        assert!(!means_full(ffi::SQLITE_IOERR_READ, || Some(0)), "a read error is not a full disk");
        let e =
            LibraryError::sqlite(std::env::temp_dir().join("x").as_path(), failure(ffi::SQLITE_IOERR_READ));
        assert!(matches!(e, LibraryError::Sqlite { .. }), "{e}");
        let e = LibraryError::io(path, std::io::Error::from_raw_os_error(libc::ENOSPC));
        assert!(matches!(e, LibraryError::DiskFull { .. }), "ENOSPC: {e}");
    }
}
