//! What can go wrong with the notes store.

use std::io;
use std::path::PathBuf;

use crate::notes::model::Note;

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
    #[error("refusing to use {}: {reason}; nothing was read or written", path.display())]
    Unsafe { path: PathBuf, reason: String },
    #[error(
        "not saved: the notes store {} disappeared and could not be recreated ({detail})",
        path.display()
    )]
    Gone { path: PathBuf, detail: String },
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
