//! The corpus: loading articles from files, directories and the built-in
//! seeds. No terminal code lives here.

pub mod article;
pub mod dates;
pub mod decode;
pub mod formats;
pub mod front_matter;
pub mod nesting;
pub mod open;
pub mod sanitize;
pub mod structure;
pub mod synth;
pub mod title;
mod walk;

use std::collections::HashMap;
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
    /// Routine: a file read in its legacy encoding, a folder's read-me left
    /// out. Summed up in one line.
    Info,
    /// Loaded, with something worth knowing (truncated, damaged bytes).
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
            Severity::Info => "note",
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
    pub load_notes: Vec<LoadNote>,
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
            .load_notes
            .iter()
            .filter(|n| n.severity != Severity::Duplicate)
            .map(ToString::to_string)
            .collect();
        let dups: Vec<&LoadNote> =
            self.load_notes.iter().filter(|n| n.severity == Severity::Duplicate).collect();
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

    /// What loading has to say by default: one line per problem (a file
    /// skipped, cut or damaged), and the routine notes (copies, read-mes,
    /// legacy encodings) summed up in one short line.
    pub fn summary_lines(&self) -> Vec<String> {
        summary_lines(&self.load_notes, self.articles.len())
    }

    /// The built-in seed articles.
    pub fn seeds() -> Corpus {
        let results = SEEDS
            .iter()
            .map(|(name, bytes)| {
                let mut out = Loaded::default();
                load_bytes(&mut out, Path::new(name), bytes, Format::Text, None);
                out
            })
            .collect();
        merge(results)
    }

    /// Loads one file's bytes as if read from a file called `name` (its
    /// extension picks the format), with the same notes as [`Corpus::load`].
    /// For bytes that do not come from the file system: tests and fuzzing.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Corpus {
        let path = Path::new(name);
        let mut out = Loaded::default();
        match Format::from_path(path) {
            Some(format) => {
                let limit = if format == Format::Jsonl { MAX_JSONL_BYTES } else { MAX_FILE_BYTES };
                let bytes = if bytes.len() as u64 > limit {
                    out.note(path, Severity::Warning, truncation_message(limit));
                    &bytes[..cut_point(bytes, limit as usize)]
                } else {
                    bytes
                };
                load_bytes(&mut out, path, bytes, format, None);
            }
            None => out.note(path, Severity::Skipped, UNKNOWN_TYPE),
        }
        merge(vec![out])
    }

    /// Loads files and directories (recursively), in the order given; inside
    /// a directory, files load in name order. Problems become notes; a bad
    /// file never stops the others.
    pub fn load(paths: &[PathBuf]) -> Corpus {
        Corpus::load_with(paths, &LoadOptions::default())
    }

    /// [`Corpus::load`] with options.
    pub fn load_with(paths: &[PathBuf], options: &LoadOptions) -> Corpus {
        use rayon::prelude::*;
        let results: Vec<Loaded> = walk::plan(paths, options)
            .into_par_iter()
            .map(|job| match job {
                Job::File { path, format, section } => load_file(&path, format, section),
                Job::Note(n) => Loaded { notes: vec![n], articles: Vec::new() },
            })
            .collect();
        merge(results)
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

/// [`Corpus::summary_lines`] for `notes` about a corpus of `articles`
/// articles (the library keeps the notes without the articles).
pub fn summary_lines(notes: &[LoadNote], articles: usize) -> Vec<String> {
    let routine = |n: &&LoadNote| matches!(n.severity, Severity::Info | Severity::Duplicate);
    let mut lines: Vec<String> = notes.iter().filter(|n| !routine(n)).map(ToString::to_string).collect();
    let routine: Vec<&LoadNote> = notes.iter().filter(routine).collect();
    if routine.is_empty() {
        return lines;
    }
    let count = |f: &dyn Fn(&LoadNote) -> bool| routine.iter().filter(|n| f(n)).count();
    let dups = count(&|n| n.severity == Severity::Duplicate);
    let readmes = count(&|n| n.message == README);
    let recoded: Vec<&&LoadNote> =
        routine.iter().filter(|n| n.severity == Severity::Info && n.message != README).collect();
    let mut parts = Vec::new();
    if dups > 0 {
        parts.push(plural(dups, "copy of an earlier file", "copies of earlier files") + " skipped");
    }
    if readmes > 0 {
        parts.push(plural(readmes, "read-me", "read-mes") + " skipped");
    }
    match recoded.as_slice() {
        [] => {}
        [one] => parts.push(format!("{} {}", file_name(&one.path), one.message)),
        many => parts.push(plural(many.len(), "file", "files") + " not in UTF-8, converted"),
    }
    lines.push(format!("{} loaded; {}", plural(articles, "article", "articles"), parts.join("; ")));
    lines
}

/// How a corpus is read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Follow symbolic links in a folder that lead out of it (off: they
    /// are skipped, with one notice).
    pub follow_links: bool,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The last part of a shown path.
fn file_name(shown: &str) -> &str {
    shown.rsplit('/').next().unwrap_or(shown)
}

const README: &str = "a folder's read-me, not an article";

/// Names of files that describe a folder rather than being articles in it.
fn is_readme(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_ascii_lowercase();
    matches!(stem.as_str(), "readme" | "license" | "licence" | "copying" | "changelog")
}

/// Largest JSONL file read (a collection of articles, not one).
pub const MAX_JSONL_BYTES: u64 = 2 * 1024 * 1024 * 1024;

const UNKNOWN_TYPE: &str = "unknown file type (rroom reads .txt, .md, .html, .htm, .jsonl)";

fn truncation_message(limit: u64) -> String {
    let mb = limit >> 20;
    format!("larger than {mb} MB: only the first {mb} MB were read")
}

/// Where to cut `bytes` to keep at most `limit` of them without splitting a
/// character: a cut inside a UTF-8 sequence (or a UTF-16 code unit or
/// surrogate pair) would make a valid file look damaged and bring a
/// misleading "invalid byte sequence" warning on top of the truncation.
fn cut_point(bytes: &[u8], limit: usize) -> usize {
    if bytes.len() < limit {
        return bytes.len();
    }
    let utf16_le = bytes.starts_with(&[0xFF, 0xFE]);
    if utf16_le || bytes.starts_with(&[0xFE, 0xFF]) {
        let mut cut = limit & !1;
        // A high surrogate whose low half was cut off.
        if cut >= 4 {
            let last = if utf16_le {
                u16::from_le_bytes([bytes[cut - 2], bytes[cut - 1]])
            } else {
                u16::from_be_bytes([bytes[cut - 2], bytes[cut - 1]])
            };
            if (0xD800..0xDC00).contains(&last) {
                cut -= 2;
            }
        }
        return cut;
    }
    // UTF-8 (or Latin-1, where this only ever drops a byte or three of a
    // file already being cut): back off to the start of a sequence that the
    // cut left incomplete.
    for i in (limit.saturating_sub(3)..limit).rev() {
        let b = bytes[i];
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC2..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF4 => 4,
                _ => 1,
            };
            return if limit - i < need { i } else { limit };
        }
    }
    limit
}

/// One unit of loading work, in corpus order: a file to read, or a note
/// about something that is not read.
#[derive(Debug, Clone)]
pub enum Job {
    File { path: PathBuf, format: Format, section: Option<String> },
    Note(LoadNote),
}

/// The files `paths` name, in load order, with notes for what is not read
/// (the same walk as [`Corpus::load_with`]). The library uses it to see
/// which files are new, changed or gone.
pub fn plan(paths: &[PathBuf], options: &LoadOptions) -> Vec<Job> {
    walk::plan(paths, options)
}

/// Loads one file's bytes, already read (at most the format's cap; `cut`
/// says there was more), exactly as [`Corpus::load_with`] loads the file:
/// its articles in order and its notes. Runs on any thread.
pub fn load_read_file(
    path: &Path,
    bytes: Vec<u8>,
    cut: bool,
    format: Format,
    section: Option<String>,
) -> (Vec<Article>, Vec<LoadNote>) {
    let out = load_read(path, Ok((bytes, cut)), format, section);
    (out.articles, out.notes)
}

/// The most of a file of `format` that is read.
pub fn read_limit(format: Format) -> u64 {
    if format == Format::Jsonl { MAX_JSONL_BYTES } else { MAX_FILE_BYTES }
}

/// What loading one file produced.
#[derive(Default)]
struct Loaded {
    notes: Vec<LoadNote>,
    articles: Vec<Article>,
}

impl Loaded {
    fn note(&mut self, path: &Path, severity: Severity, message: impl Into<String>) {
        self.notes.push(LoadNote { path: display_path(path), severity, message: message.into() });
    }
}

fn note(path: &Path, severity: Severity, message: impl Into<String>) -> Job {
    Job::Note(LoadNote { path: display_path(path), severity, message: message.into() })
}

/// Reads one file into articles. Runs on any thread.
fn load_file(path: &Path, format: Format, section: Option<String>) -> Loaded {
    // Only regular files, opened without blocking, and never more than the
    // cap read (a FIFO, /dev/zero or /proc/kmsg cannot hold the load up).
    load_read(path, open::read_capped(path, read_limit(format)), format, section)
}

fn load_read(
    path: &Path,
    read: Result<(Vec<u8>, bool), open::OpenError>,
    format: Format,
    section: Option<String>,
) -> Loaded {
    let mut out = Loaded::default();
    let limit = read_limit(format);
    let bytes = match read {
        Ok((bytes, false)) => bytes,
        Ok((mut bytes, true)) => {
            let cut = cut_point(&bytes, bytes.len());
            bytes.truncate(cut);
            out.note(path, Severity::Warning, truncation_message(limit));
            bytes
        }
        Err(e) => {
            out.note(path, Severity::Skipped, e.to_string());
            return out;
        }
    };
    load_bytes(&mut out, path, &bytes, format, section);
    out
}

fn load_bytes(out: &mut Loaded, path: &Path, bytes: &[u8], format: Format, section: Option<String>) {
    use rayon::prelude::*;
    let (text, decode_note) = match decode::decode_as(bytes, format == Format::Html) {
        Ok(d) => d,
        Err(e) => return out.note(path, Severity::Skipped, e.to_string()),
    };
    if let Some(n) = decode_note {
        let severity = match n {
            decode::DecodeNote::Legacy { .. } => Severity::Info,
            _ => Severity::Warning,
        };
        out.note(path, severity, n.to_string());
    }
    let display = display_path(path);
    let build = |raw: RawArticle| {
        let origin = Origin { path: display.clone(), line: raw.line };
        Article::build(raw, origin, section.clone())
    };
    let raw = match format {
        Format::Text => formats::read_text(&text),
        Format::Markdown => formats::read_markdown(&text),
        Format::Html => formats::read_html(&text),
        Format::Jsonl => {
            let lines: Vec<(usize, &str)> = text.lines().enumerate().collect();
            let results: Vec<Result<Option<Article>, String>> = lines
                .par_iter()
                .map(|&(i, line)| formats::read_jsonl_line(i + 1, line).map(|raw| raw.and_then(build)))
                .collect();
            for r in results {
                match r {
                    Ok(Some(a)) => out.articles.push(a),
                    Ok(None) => {}
                    Err(problem) => out.note(path, Severity::Skipped, problem),
                }
            }
            return;
        }
    };
    match build(raw) {
        Some(a) => out.articles.push(a),
        None => out.note(path, Severity::Skipped, "no text"),
    }
}

/// Puts loaded files together in order, dropping articles whose text was
/// already loaded.
fn merge(results: Vec<Loaded>) -> Corpus {
    let mut corpus = Corpus::default();
    let mut ids: HashMap<ArticleId, usize> = HashMap::new();
    for loaded in results {
        corpus.load_notes.extend(loaded.notes);
        for article in loaded.articles {
            if let Some(&first) = ids.get(&article.id) {
                let message = format!("same text as {}, skipped", corpus.articles[first].origin);
                let path = article.origin.to_string();
                corpus.load_notes.push(LoadNote { path, severity: Severity::Duplicate, message });
                continue;
            }
            ids.insert(article.id.clone(), corpus.articles.len());
            corpus.articles.push(article);
        }
    }
    corpus
}

/// A path as it may be shown: lossily decoded and sanitized.
pub fn display_path(path: &Path) -> String {
    sanitize_label(&path.to_string_lossy())
}

/// The corpus paths from `RROOM_CORPUS` (separated by `:`).
pub fn paths_from_env(value: &str) -> Vec<PathBuf> {
    value.split(':').filter(|s| !s.is_empty()).map(PathBuf::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_never_splits_a_character() {
        let text = "aé€😀".repeat(10);
        for limit in 0..text.len() {
            let cut = cut_point(text.as_bytes(), limit);
            assert!(cut <= limit && limit - cut <= 3, "limit {limit}, cut {cut}");
            assert!(text.is_char_boundary(cut), "limit {limit}, cut {cut}");
        }
        for le in [true, false] {
            let mut bytes = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for u in "a😀b".repeat(5).encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            for limit in 2..bytes.len() {
                let cut = cut_point(&bytes, limit);
                let (text, _) = decode::decode(&bytes[..cut]).unwrap();
                assert!(!text.contains('\u{FFFD}'), "le={le} limit {limit}: {text:?}");
            }
        }
    }

    #[test]
    fn bytes_load_like_a_file() {
        let c = Corpus::from_bytes("a.txt", b"Headline here\n\nSome text \x1b[2J here.");
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.articles[0].title, "Headline here");
        assert!(c.articles[0].body.contains("␛[2J"));
        let c = Corpus::from_bytes("a.exe", b"x");
        assert!(c.articles.is_empty());
        assert_eq!(c.load_notes[0].severity, Severity::Skipped);
    }
}
