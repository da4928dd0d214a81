//! Whether the store's directory and files are safely the user's own.
//!
//! In a directory another user can write to, that user could plant
//! `notes.sqlite3 -> a file of theirs` (or a `-wal` file) and read or feed
//! the victim's notes. So the data directory must not be writable by group
//! or others; the database and its side files must be plain files (not
//! links) owned by the user, and are kept private (mode 0600 or stricter).
//! The identity of the opened file (device and inode) lets every write check
//! that the path still is that file.

use std::fs;
use std::io;
use std::path::Path;

use super::StoreError;

/// Which file a path is: device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

/// The file at `path` itself (a link is not followed).
#[cfg(unix)]
pub(super) fn file_id(path: &Path) -> io::Result<FileId> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::symlink_metadata(path)?;
    Ok(FileId { dev: m.dev(), ino: m.ino() })
}

#[cfg(not(unix))]
pub(super) fn file_id(path: &Path) -> io::Result<FileId> {
    fs::symlink_metadata(path).map(|_| FileId { dev: 0, ino: 0 })
}

fn unsafe_path(path: &Path, reason: String) -> StoreError {
    StoreError::Unsafe { path: path.to_path_buf(), reason }
}

/// The user this process runs as.
#[cfg(unix)]
fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// Refuses a data directory that group or others may write to.
#[cfg(unix)]
pub(super) fn check_dir(dir: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(dir).map_err(|source| StoreError::Dir { path: dir.to_path_buf(), source })?;
    let mode = m.mode() & 0o7777;
    if mode & 0o022 != 0 {
        return Err(unsafe_path(
            dir,
            format!(
                "the notes directory is writable by other users (mode {mode:04o}), who could plant a \
                 store there; make it private with `chmod 700 {}`",
                dir.display()
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn check_dir(_dir: &Path) -> Result<(), StoreError> {
    Ok(())
}

/// Refuses a store file (or side file) that is a link or belongs to
/// another user, and takes group and others' permissions off one of ours.
/// A missing file is fine.
#[cfg(unix)]
pub(super) fn check_file(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let m = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => return Err(StoreError::Dir { path: path.to_path_buf(), source }),
    };
    if m.file_type().is_symlink() {
        return Err(unsafe_path(
            path,
            "it is a symbolic link; the notes store must be a plain file of your own \
             (move the link away, or put the file itself there)"
                .to_string(),
        ));
    }
    if m.is_dir() {
        // Reported by the caller (`NotAFile`).
        return Ok(());
    }
    let me = euid();
    if m.uid() != me {
        return Err(unsafe_path(
            path,
            format!(
                "it belongs to another user (uid {}; you are uid {me}), who may have planted it; \
                 move it away if it is not yours",
                m.uid()
            ),
        ));
    }
    let mode = m.mode() & 0o7777;
    if mode & 0o077 != 0 {
        // Best effort: on a read-only file system the store can still be read.
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode & 0o700));
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn check_file(_path: &Path) -> Result<(), StoreError> {
    Ok(())
}
