//! Configuration as data: where rroom keeps its files, the config file, theme
//! files and key bindings. Parsing and validation live here; turning them
//! into terminal styles and key events is the TUI's job.

pub mod keys;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

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

/// The config directory (`~/.config/rroom` on Linux), if there is a home.
pub fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "rroom").map(|d| d.config_dir().to_path_buf())
}

/// The config file: `--config FILE`, else `config.toml` in the config dir.
pub fn config_path(explicit: Option<&Path>) -> Option<PathBuf> {
    explicit.map(Path::to_path_buf).or_else(|| config_dir().map(|d| d.join("config.toml")))
}

/// The config file's contents. Every field is optional; what is missing
/// keeps its default.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Theme name: built-in or a file in the config dir's `themes/`.
    pub theme: Option<String>,
    /// Corpus paths used when neither --corpus nor RROOM_CORPUS is given.
    pub corpus: Option<Vec<PathBuf>>,
    /// Widest the reader's text column gets.
    pub reader_width: Option<u16>,
    /// Capture the mouse (wheel scrolling, click to focus). Off by default:
    /// capturing breaks text selection in terminals over SSH.
    pub mouse: Option<bool>,
    /// Key bindings by mode (`normal`, `help`, `finder`, `filter`, `search`):
    /// key = action name, or "none" to unbind.
    pub keys: Option<BTreeMap<String, BTreeMap<String, String>>>,
}

/// A problem in a file, with the place it is at.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct FileError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Line and column (1-based) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Turns a TOML error into one that names the file and line.
pub fn toml_error(path: &str, text: &str, e: &toml::de::Error) -> FileError {
    let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
    FileError { path: path.to_string(), line, column, message: e.message().trim().to_string() }
}

impl Config {
    /// Parses config text; `path` is for messages.
    pub fn parse(path: &str, text: &str) -> Result<Config, FileError> {
        toml::from_str(text).map_err(|e| toml_error(path, text, &e))
    }

    /// Reads the config file. A missing file is the default config; an
    /// unreadable or invalid one is an error naming the file (and line).
    pub fn load(path: Option<&Path>) -> Result<Config, FileError> {
        let Some(path) = path else { return Ok(Config::default()) };
        let shown = crate::corpus::display_path(path);
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&shown, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => {
                Err(FileError { path: shown, line: 0, column: 0, message: format!("cannot read: {e}") })
            }
        }
    }
}

/// A complete, commented default config, as `rroom config --default` prints it.
pub fn default_config_text() -> String {
    let mut out = String::from(
        "# rroom configuration. Put it at ~/.config/rroom/config.toml (or pass --config FILE).\n\
         # Every setting is optional; the values shown are the defaults.\n\n\
         # Theme: default, light, high-contrast, solarized-dark, mono, or the name of a\n\
         # file NAME.toml in ~/.config/rroom/themes/. NO_COLOR in the environment forces mono.\n\
         theme = \"default\"\n\n\
         # Articles to open when neither --corpus nor RROOM_CORPUS is given\n\
         # (files or folders). Empty: the built-in seed articles.\n\
         corpus = []\n\n\
         # Widest the reader's text column gets, in columns.\n\
         reader_width = 96\n\n\
         # Capture the mouse (wheel scrolling, click to focus a pane). Off by default:\n\
         # capturing breaks selecting text with the mouse, which matters over SSH.\n\
         mouse = false\n\n\
         # Key bindings, by mode. A key is a character (\"j\", \"G\", \"?\"), a name (enter,\n\
         # esc, tab, backspace, space, up, down, left, right, pageup, pagedown, home, end,\n\
         # f1-f12), or either with ctrl-, alt-, shift- in front (\"ctrl-p\", \"shift-tab\").\n\
         # A binding here replaces the default for that key; \"none\" unbinds a key.\n\
         # Actions: ",
    );
    out.push_str(&keys::ACTIONS.join(", "));
    out.push_str("\n# The defaults:\n");
    for mode in keys::MODES {
        out.push_str(&format!("\n[keys.{mode}]\n"));
        for (m, key, action) in keys::DEFAULT_BINDINGS {
            if m == mode {
                out.push_str(&format!("{:<14} = \"{action}\"\n", format!("\"{key}\"")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_text_parses_to_the_defaults() {
        let c = Config::parse("default", &default_config_text()).unwrap();
        assert_eq!(c.theme.as_deref(), Some("default"));
        assert_eq!(c.reader_width, Some(96));
        assert_eq!(c.mouse, Some(false));
        let keys = c.keys.unwrap();
        assert_eq!(keys["normal"]["q"], "quit");
        let total: usize = keys.values().map(|m| m.len()).sum();
        assert_eq!(total, keys::DEFAULT_BINDINGS.len());
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = Config::parse("cfg.toml", "theme = \"light\"\nreader_width = \"wide\"\n").unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("cfg.toml", 2));
        let e = Config::parse("cfg.toml", "\n\ncolour = 1\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("colour"), "{e}");
    }

    #[test]
    fn a_missing_file_is_the_default() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Config::load(Some(&dir.path().join("nope.toml"))), Ok(Config::default()));
        assert!(Config::load(Some(dir.path())).is_err(), "a directory is not a config file");
    }
}
