//! The corpus: loading articles from files, directories and the built-in
//! seeds. No terminal code lives here.

pub mod article;
pub mod decode;
pub mod formats;
pub mod sanitize;
pub mod structure;
pub mod title;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use article::{Article, ArticleId, Origin, Paragraph};
pub use structure::ParaKind;

use formats::{Format, RawArticle};
use sanitize::sanitize_label;

/// Files larger than this are truncated, with a notice.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// The seed articles, compiled into the binary: the default corpus.
pub const SEEDS: &[(&str, &[u8])] = &[
    ("seeds/000_e37c91720aa5511f.txt", include_bytes!("../../seeds/000_e37c91720aa5511f.txt")),
    ("seeds/001_5e13bc5ee01bea81.txt", include_bytes!("../../seeds/001_5e13bc5ee01bea81.txt")),
    ("seeds/002_335d2be2bc4aada0.txt", include_bytes!("../../seeds/002_335d2be2bc4aada0.txt")),
    ("seeds/003_ff1cd7162ab4a31a.txt", include_bytes!("../../seeds/003_ff1cd7162ab4a31a.txt")),
    ("seeds/004_5e676c2a02e16e5b.txt", include_bytes!("../../seeds/004_5e676c2a02e16e5b.txt")),
];

/// How serious a load note is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Loaded, with something worth knowing (truncated, re-encoded).
    Warning,
    /// Not loaded (unknown format, binary, unreadable).
    Skipped,
    /// Not loaded: the same text as an article loaded before.
    Duplicate,
}

/// Something that happened while loading one file (or line).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoadNote {
    /// The path, sanitized for display.
    pub path: String,
    pub severity: Severity,
    pub message: String,
}

impl std::fmt::Display for LoadNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.severity {
            Severity::Warning => "warning",
            Severity::Skipped => "skipped",
            Severity::Duplicate => "duplicate",
        };
        write!(f, "{what}: {}: {}", self.path, self.message)
    }
}

/// A set of articles in list order, and what loading them had to say.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub notes: Vec<LoadNote>,
}

/// Why an article reference given by the user matches nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("no article matches '{0}' (use an id, an id prefix or a list number from `rroom list`)")]
    NotFound(String),
    #[error("'{0}' is ambiguous: it matches {1} articles; give more of the id")]
    Ambiguous(String, usize),
}

impl Corpus {
    /// One line per load note, except duplicates, which are summed up in one
    /// line (a corpus can hold many copies).
    pub fn note_lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .notes
            .iter()
            .filter(|n| n.severity != Severity::Duplicate)
            .map(ToString::to_string)
            .collect();
        let dups: Vec<&LoadNote> = self.notes.iter().filter(|n| n.severity == Severity::Duplicate).collect();
        match dups.as_slice() {
            [] => {}
            [one] => lines.push(one.to_string()),
            [first, ..] => lines.push(format!(
                "skipped {} files with the same text as an earlier one (e.g. {}: {})",
                dups.len(),
                first.path,
                first.message
            )),
        }
        lines
    }

    /// The built-in seed articles.
    pub fn seeds() -> Corpus {
        let mut loader = Loader::default();
        for (name, bytes) in SEEDS {
            loader.add_bytes(Path::new(name), bytes, Format::Text, None);
        }
        loader.finish()
    }

    /// Loads files and directories (recursively), in the order given; inside
    /// a directory, files load in name order. Problems become notes; a bad
    /// file never stops the others.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        let mut loader = Loader::default();
        for path in paths {
            loader.add_path(path);
        }
        loader.finish()
    }

    /// Finds an article by id, unique id prefix, or 1-based list position.
    pub fn find(&self, reference: &str) -> Result<usize, LookupError> {
        let r = reference.trim();
        if let Ok(n) = r.parse::<usize>()
            && n >= 1
            && n <= self.articles.len()
            && r.len() < 6
        {
            return Ok(n - 1);
        }
        let lower = r.to_ascii_lowercase();
        if lower.is_empty() {
            return Err(LookupError::NotFound(sanitize_label(r)));
        }
        let hits: Vec<usize> =
            (0..self.articles.len()).filter(|&i| self.articles[i].id.as_str().starts_with(&lower)).collect();
        match hits.len() {
            1 => Ok(hits[0]),
            0 => Err(LookupError::NotFound(sanitize_label(r))),
            n => Err(LookupError::Ambiguous(sanitize_label(r), n)),
        }
    }
}

/// Names of files that describe a folder rather than being articles in it.
fn is_readme(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(stem.as_str(), "readme" | "license" | "licence" | "copying" | "changelog")
}

#[derive(Default)]
struct Loader {
    articles: Vec<Article>,
    notes: Vec<LoadNote>,
    ids: HashMap<ArticleId, usize>,
}

impl Loader {
    fn note(&mut self, path: &Path, severity: Severity, message: impl Into<String>) {
        self.notes.push(LoadNote { path: display_path(path), severity, message: message.into() });
    }

    fn add_path(&mut self, path: &Path) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.note(path, Severity::Skipped, format!("cannot read: {e}")),
        };
        if meta.is_dir() {
            self.add_dir(path);
        } else {
            match Format::from_path(path) {
                Some(format) => self.add_file(path, format, None),
                None => self.note(
                    path,
                    Severity::Skipped,
                    "unknown file type (rroom reads .txt, .md, .html, .htm, .jsonl)",
                ),
            }
        }
    }

    fn add_dir(&mut self, root: &Path) {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                    let msg = if e.loop_ancestor().is_some() {
                        "symbolic link loop, not followed".to_string()
                    } else {
                        format!(
                            "cannot read: {}",
                            e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
                        )
                    };
                    self.note(&p, Severity::Skipped, msg);
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path();
            let Some(format) = Format::from_path(path) else {
                self.note(path, Severity::Skipped, "unknown file type");
                continue;
            };
            if is_readme(path) {
                self.note(path, Severity::Skipped, "a folder's read-me, not an article");
                continue;
            }
            let section = path
                .parent()
                .filter(|p| *p != root)
                .and_then(|p| p.strip_prefix(root).ok())
                .map(|p| p.to_string_lossy().into_owned());
            self.add_file(path, format, section);
        }
    }

    fn add_file(&mut self, path: &Path, format: Format, section: Option<String>) {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => return self.note(path, Severity::Skipped, format!("cannot read: {e}")),
        };
        if !meta.is_file() {
            return self.note(path, Severity::Skipped, "not a regular file (a device, FIFO or socket)");
        }
        let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
        let read = std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes));
        if let Err(e) = read {
            return self.note(path, Severity::Skipped, format!("cannot read: {e}"));
        }
        if bytes.len() as u64 > MAX_FILE_BYTES {
            bytes.truncate(MAX_FILE_BYTES as usize);
            self.note(
                path,
                Severity::Warning,
                format!(
                    "larger than {} MB: only the first {} MB were read",
                    MAX_FILE_BYTES >> 20,
                    MAX_FILE_BYTES >> 20
                ),
            );
        }
        self.add_bytes(path, &bytes, format, section);
    }

    fn add_bytes(&mut self, path: &Path, bytes: &[u8], format: Format, section: Option<String>) {
        let (text, decode_note) = match decode::decode(bytes) {
            Ok(d) => d,
            Err(e) => return self.note(path, Severity::Skipped, e.to_string()),
        };
        if let Some(n) = decode_note {
            self.note(path, Severity::Warning, n.to_string());
        }
        let raws: Vec<RawArticle> = match format {
            Format::Text => vec![formats::read_text(&text)],
            Format::Markdown => vec![formats::read_markdown(&text)],
            Format::Html => vec![formats::read_html(&text)],
            Format::Jsonl => {
                let (raws, problems) = formats::read_jsonl(&text);
                for p in problems {
                    self.note(path, Severity::Skipped, p);
                }
                raws
            }
        };
        let display = display_path(path);
        let single = raws.len() == 1 && format != Format::Jsonl;
        for raw in raws {
            let origin = Origin { path: display.clone(), line: raw.line };
            let Some(article) = Article::build(raw, origin.clone(), section.clone()) else {
                if single {
                    self.note(path, Severity::Skipped, "no text");
                }
                continue;
            };
            if let Some(&first) = self.ids.get(&article.id) {
                let msg = format!("{}: same text as {}, skipped", origin, self.articles[first].origin);
                self.notes.push(LoadNote {
                    path: display.clone(),
                    severity: Severity::Skipped,
                    message: msg,
                });
                continue;
            }
            self.ids.insert(article.id.clone(), self.articles.len());
            self.articles.push(article);
        }
    }

    fn finish(self) -> Corpus {
        Corpus { articles: self.articles, notes: self.notes }
    }
}

/// A path as it may be shown: lossily decoded and sanitized.
pub fn display_path(path: &Path) -> String {
    sanitize_label(&path.to_string_lossy())
}

/// The corpus paths from `RROOM_CORPUS` (separated by `:`).
pub fn paths_from_env(value: &str) -> Vec<PathBuf> {
    value.split(':').filter(|s| !s.is_empty()).map(PathBuf::from).collect()
}
