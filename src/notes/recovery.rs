//! The last resort for text that could not be saved in the store (a full
//! disk, a store that vanished): a private file of its own, so that nothing
//! the user typed is lost on the way out.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::clock::{file_stamp, now_ms};

/// Writes `text` to a new file `<data_dir>/recovered/note-<UTC time>-<pid>.txt`
/// (created exclusively, mode 0600, synced), or, when that cannot be
/// written, to the same name in the system's temporary directory. Returns
/// where it went: tell the user.
pub fn save(data_dir: &Path, text: &str) -> Result<PathBuf, io::Error> {
    match save_in(&data_dir.join("recovered"), text) {
        Ok(path) => Ok(path),
        Err(first) => save_in(&std::env::temp_dir(), text).map_err(|second| {
            io::Error::new(
                second.kind(),
                format!(
                    "could not write a recovery file in {} ({first}) nor in {} ({second})",
                    data_dir.join("recovered").display(),
                    std::env::temp_dir().display()
                ),
            )
        }),
    }
}

/// Writes `text` to a new private file in `dir` (created if needed):
/// `note-<UTC time>-<pid>.txt`. Returns its path.
pub fn save_in(dir: &Path, text: &str) -> io::Result<PathBuf> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)?;
    let stem = format!(
        "note-{}-{}",
        file_stamp(now_ms()).replace('T', "-").trim_end_matches('Z'),
        std::process::id()
    );
    for n in 0..1000 {
        let name = if n == 0 { format!("{stem}.txt") } else { format!("{stem}-{n}.txt") };
        let path = dir.join(name);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&path) {
            Ok(mut file) => {
                let written = file.write_all(text.as_bytes()).and_then(|()| file.sync_all());
                if let Err(e) = written {
                    drop(file);
                    // Half a file is no recovery: do not leave it to be trusted.
                    let _ = fs::remove_file(&path);
                    return Err(e);
                }
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, "too many recovery files with the same name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovered_text_goes_to_a_private_new_file_in_the_data_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let a = save(tmp.path(), "unsaved words\nsecond line").unwrap();
        let b = save(tmp.path(), "more").unwrap();
        assert_ne!(a, b, "a second recovery never overwrites the first");
        assert_eq!(a.parent(), Some(tmp.path().join("recovered").as_path()));
        let name = a.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with("note-") && name.ends_with(".txt"), "{name}");
        assert!(name.contains(&format!("-{}", std::process::id())), "{name}");
        assert_eq!(fs::read_to_string(&a).unwrap(), "unsaved words\nsecond line");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }

    #[test]
    fn an_unwritable_data_dir_falls_back_to_the_temp_dir() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where the data directory should be: nothing can go under it.
        let blocked = tmp.path().join("not-a-dir");
        fs::write(&blocked, "").unwrap();
        let path = save(&blocked, "rescued").unwrap();
        assert!(path.starts_with(std::env::temp_dir()), "{}", path.display());
        assert_eq!(fs::read_to_string(&path).unwrap(), "rescued");
        fs::remove_file(path).unwrap();
    }
}
