//! Reading files someone else may have put in place: the corpus, the
//! config, themes. Only regular files are read; they are opened without
//! blocking (a FIFO with no writer or a device cannot hold rroom up), the
//! file actually opened is the one checked (no race with a swapped path),
//! and no more than a cap is ever read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The largest config or theme file read.
pub const MAX_SMALL_FILE_BYTES: u64 = 1 << 20;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("not a regular file (a device, FIFO or socket)")]
    NotRegular,
    #[error("larger than {} MiB, not read", .0 >> 20)]
    TooLarge(u64),
    #[error("not UTF-8 text")]
    NotText,
    #[error("cannot read: {0}")]
    Io(std::io::Error),
}

impl OpenError {
    /// Whether the file is simply not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, OpenError::Io(e) if e.kind() == std::io::ErrorKind::NotFound)
    }
}

impl From<std::io::Error> for OpenError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::WouldBlock {
            // A "regular" file that has nothing to read yet, such as
            // /proc/kmsg: reading it would wait.
            return OpenError::NotRegular;
        }
        OpenError::Io(e)
    }
}

/// Opens `path` for reading if it is a regular file; returns it with its
/// size. The open never blocks, and what is checked is the opened file.
pub fn open_regular(path: &Path) -> Result<(File, u64), OpenError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Non-blocking stays on: it changes nothing for regular files, and
        // a file that would make a read wait (/proc/kmsg) fails instead.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(OpenError::NotRegular);
    }
    Ok((file, meta.len()))
}

/// Reads at most `limit` bytes of the regular file `path`; the flag says
/// whether there was more.
pub fn read_capped(path: &Path, limit: u64) -> Result<(Vec<u8>, bool), OpenError> {
    let (file, len) = open_regular(path)?;
    let cap = usize::try_from(len.min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(cap);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let more = bytes.len() as u64 > limit;
    if more {
        bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    }
    Ok((bytes, more))
}

/// Reads a small untrusted text file (a config, a theme): a regular file of
/// at most `limit` bytes of UTF-8; anything else is refused, unread.
pub fn read_small_text(path: &Path, limit: u64) -> Result<String, OpenError> {
    let (file, len) = open_regular(path)?;
    if len > limit {
        return Err(OpenError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        // It grew since it was looked at.
        return Err(OpenError::TooLarge(limit));
    }
    String::from_utf8(bytes).map_err(|_| OpenError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(matches!(open_regular(&fifo), Err(OpenError::NotRegular)));
        assert!(matches!(read_small_text(&fifo, 10), Err(OpenError::NotRegular)));
    }

    #[test]
    fn devices_and_directories_are_refused() {
        assert!(matches!(read_small_text(Path::new("/dev/zero"), 10), Err(OpenError::NotRegular)));
        assert!(matches!(read_capped(Path::new("/dev/zero"), 10), Err(OpenError::NotRegular)));
        let dir = tempfile::tempdir().unwrap();
        assert!(read_small_text(dir.path(), 10).is_err());
    }

    #[test]
    fn caps_hold() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read_capped(&path, 4).unwrap(), (b"0123".to_vec(), true));
        assert_eq!(read_capped(&path, 10).unwrap(), (b"0123456789".to_vec(), false));
        assert!(matches!(read_small_text(&path, 9), Err(OpenError::TooLarge(9))));
        assert_eq!(read_small_text(&path, 10).unwrap(), "0123456789");
        std::fs::write(&path, b"\xff").unwrap();
        assert!(matches!(read_small_text(&path, 10), Err(OpenError::NotText)));
        assert!(read_small_text(&dir.path().join("missing"), 10).unwrap_err().is_not_found());
    }
}
