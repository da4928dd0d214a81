//! Where rroom keeps its files.

use std::path::PathBuf;

/// The data directory: `--data-dir`/`RROOM_DATA_DIR` if given, else the
/// platform's data dir (`~/.local/share/rroom` on Linux).
pub fn data_dir(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    directories::ProjectDirs::from("", "", "rroom").map(|d| d.data_dir().to_path_buf()).ok_or_else(|| {
        anyhow::anyhow!("no home directory to keep data in: pass --data-dir DIR or set RROOM_DATA_DIR")
    })
}
