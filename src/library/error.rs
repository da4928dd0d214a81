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
        "the disk is full: the index {} could not be updated; it still holds the last complete \
         update (free some space and run `rroom index` again)",
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
        let path = path.to_path_buf();
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => LibraryError::DiskFull { path },
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                LibraryError::ReadOnly { path, detail: error.to_string() }
            }
            _ => LibraryError::Sqlite { path, error },
        }
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
