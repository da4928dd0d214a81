//! Configuration as data: where rroom keeps its files, the config file, theme
//! files and key bindings. Parsing and validation live here; turning them
//! into terminal styles and key events is the TUI's job.

pub mod actions;
pub mod check;
pub mod keys;
pub mod theme;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
#[derive(Debug, Clone, Default, PartialEq)]
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
    /// Reading one article of a group of near-duplicates marks the whole
    /// group read. On by default.
    pub read_groups: Option<bool>,
    /// Key bindings by mode (`normal`, `help`, `finder`, `filter`, `search`):
    /// key = action name, or "none" to unbind.
    pub keys: Option<BTreeMap<String, BTreeMap<String, String>>>,
}

pub use check::Checked;

/// The reader's widest text column unless the config says otherwise (the
/// TUI's `reader::MAX_TEXT_WIDTH`).
pub const DEFAULT_READER_WIDTH: u16 = 96;

/// A problem in a file, with the place it is at (line 0: the whole file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.shown())]
pub struct FileError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl FileError {
    /// A problem with the file as a whole.
    pub fn whole(path: &str, message: String) -> FileError {
        FileError { path: path.to_string(), line: 0, column: 0, message }
    }

    fn shown(&self) -> String {
        if self.line == 0 {
            format!("{}: {}", self.path, self.message)
        } else {
            format!("{}:{}:{}: {}", self.path, self.line, self.column, self.message)
        }
    }
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
    /// Checks config text; `path` is for messages. What is sound applies;
    /// each problem is reported with its line.
    pub fn check(path: &str, text: &str) -> Checked {
        check::check(path, text)
    }

    /// Parses config text, failing on the first problem.
    pub fn parse(path: &str, text: &str) -> Result<Config, FileError> {
        let checked = check::check(path, text);
        match checked.problems.into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(checked.config),
        }
    }

    /// Reads and checks the config file. A missing file is the default
    /// config unless it was named (`explicit`); a file that cannot be read
    /// (missing when named, not a regular file, too large, not text) is an
    /// error naming it. Problems inside the file come back with the rest.
    pub fn load(path: Option<&Path>, explicit: bool) -> Result<Checked, FileError> {
        let Some(path) = path else { return Ok(Checked::default()) };
        let shown = crate::corpus::display_path(path);
        match crate::corpus::open::read_small_text(path, crate::corpus::open::MAX_SMALL_FILE_BYTES) {
            Ok(text) => Ok(Config::check(&shown, &text)),
            Err(e) if e.is_not_found() && !explicit => Ok(Checked::default()),
            Err(e) => Err(FileError::whole(&shown, e.to_string())),
        }
    }

    /// The configuration in effect, as TOML: every setting with its value
    /// (the default where the file sets none) and the key bindings the file
    /// changes.
    pub fn effective_toml(&self) -> String {
        use toml::Value;
        let mut table = toml::Table::new();
        table.insert("theme".into(), Value::String(self.theme.clone().unwrap_or_else(|| "default".into())));
        let corpus = self.corpus.iter().flatten().map(|p| Value::String(p.to_string_lossy().into_owned()));
        table.insert("corpus".into(), Value::Array(corpus.collect()));
        let width = self.reader_width.unwrap_or(DEFAULT_READER_WIDTH);
        table.insert("reader_width".into(), Value::Integer(i64::from(width)));
        table.insert("mouse".into(), Value::Boolean(self.mouse.unwrap_or(false)));
        table.insert("read_groups".into(), Value::Boolean(self.read_groups.unwrap_or(true)));
        let mut text = toml::to_string(&table).unwrap_or_default();
        if let Some(keys) = self.keys.as_ref().filter(|k| k.values().any(|m| !m.is_empty())) {
            let mut modes = toml::Table::new();
            for (mode, bindings) in keys.iter().filter(|(_, b)| !b.is_empty()) {
                let b = bindings.iter().map(|(k, a)| (k.clone(), Value::String(a.clone()))).collect();
                modes.insert(mode.clone(), Value::Table(b));
            }
            let mut outer = toml::Table::new();
            outer.insert("keys".into(), Value::Table(modes));
            text.push_str(
                "\n# Key bindings changed from the defaults (rroom config --default lists them all).\n",
            );
            text.push_str(&toml::to_string(&outer).unwrap_or_default());
        }
        text
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
         # Reading one article of a group of near-duplicates marks the group read.\n\
         read_groups = true\n\n\
         # Key bindings, by mode. A key is a character (\"j\", \"G\", \"?\"), a name (enter,\n\
         # esc, tab, backspace, space, up, down, left, right, pageup, pagedown, home, end,\n\
         # f1-f12), or either with ctrl-, alt-, shift- in front (\"ctrl-p\", \"shift-tab\").\n\
         # A binding here replaces the default for that key; \"none\" unbinds a key.\n\
         # Actions: ",
    );
    out.push_str(&keys::action_names().join(", "));
    out.push_str("\n# The defaults:\n");
    for &mode in keys::Mode::ALL {
        out.push_str(&format!("\n[keys.{}]\n", mode.name()));
        for b in keys::default_bindings().iter().filter(|b| b.mode == mode) {
            out.push_str(&format!("{:<14} = \"{}\"\n", format!("\"{}\"", b.key), b.action.name()));
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
        assert_eq!(total, keys::default_bindings().len());
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
    fn a_missing_file_is_the_default_unless_named() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Config::load(Some(&dir.path().join("nope.toml")), false), Ok(Checked::default()));
        assert!(Config::load(Some(&dir.path().join("nope.toml")), true).is_err());
        assert!(Config::load(Some(dir.path()), false).is_err(), "a directory is not a config file");
    }

    #[test]
    fn the_effective_config_is_toml_that_reads_back_the_same() {
        let text =
            "theme = \"light\"\ncorpus = [\"a b\", \"c\"]\n[keys.normal]\n\"ctrl-o\" = \"open_finder\"\n";
        let c = Config::parse("c.toml", text).unwrap();
        let shown = c.effective_toml();
        let again = Config::parse("shown", &shown).unwrap_or_else(|e| panic!("{e}: {shown}"));
        assert_eq!(again.theme, c.theme);
        assert_eq!(again.corpus, c.corpus);
        assert_eq!(again.keys, c.keys);
        assert_eq!(again.reader_width, Some(DEFAULT_READER_WIDTH));
        let escaped = Config::parse("c.toml", "theme = \"x\\u001b[31m\"\n").unwrap().effective_toml();
        assert!(!escaped.contains('\u{1b}'), "{escaped}");
    }
}
