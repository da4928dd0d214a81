//! Bringing the index up to date with the corpus files: only new or
//! changed files (size and mtime differ, then the hash) are read and
//! extracted, in parallel; removed files drop out; an appended JSONL file
//! is read from where the index stopped. Work is committed in batches, so a
//! killed update loses at most the batch in progress and the next run
//! resumes; a final pass puts the list in corpus order and sets copies of
//! earlier articles aside, as the in-memory loader does.

mod finish;
mod ingest;
mod write;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rusqlite::Connection;

use super::LibraryError;
use crate::corpus::formats::Format;
use crate::corpus::{self, Job, LoadNote, LoadOptions, Severity, open};
pub use finish::{DUPLICATES_KEY, LISTED_KEY};
use ingest::Ingested;
pub use write::severity_of;

/// Files read per batch (one transaction), and bytes at most.
const BATCH_FILES: usize = 256;
const BATCH_BYTES: u64 = 32 << 20;
/// JSONL lines per transaction.
const BATCH_LINES: usize = 4096;

/// How far an update is.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub articles: usize,
    /// Indexing is done; the new index is being compacted (a first build).
    pub compacting: bool,
}

/// What an update did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub files: usize,
    pub new_files: usize,
    pub changed_files: usize,
    pub appended_files: usize,
    pub removed_files: usize,
    pub articles_indexed: usize,
    /// Notes of the walk (files not read), in corpus order.
    #[serde(skip)]
    pub walk_notes: Vec<LoadNote>,
}

/// A file as the index saw it.
#[derive(Debug, Clone)]
pub(super) struct Seen {
    pub id: i64,
    pub ord: i64,
    pub size: i64,
    pub mtime: i64,
    pub hash: i64,
    pub line_mode: bool,
    pub lines: i64,
}

/// A file of the corpus now.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub ord: i64,
    pub root: i64,
    pub rel: Vec<u8>,
    pub path: PathBuf,
    pub format: Format,
    pub section: Option<String>,
    pub size: i64,
    pub mtime: i64,
}

/// What reading a changed file gave.
pub(super) enum Outcome {
    /// The same bytes: only the mtime is new.
    Touch,
    /// Its articles (replacing the file's old ones), notes and hash.
    Replace { articles: Vec<Ingested>, notes: Vec<LoadNote>, hash: i64 },
}

/// The path of a file below its root, as stored.
pub(super) fn rel_bytes(path: &Path) -> Vec<u8> {
    path.as_os_str().as_encoded_bytes().to_vec()
}

/// The path a file has for this run: its root as given, joined with the
/// stored path below it.
pub fn full_path(roots: &[PathBuf], root: i64, rel: &[u8]) -> Option<PathBuf> {
    let root = roots.get(usize::try_from(root).ok()?)?;
    if rel.is_empty() {
        return Some(root.clone());
    }
    // SAFETY-free: the bytes came from `as_encoded_bytes` of a path on this
    // platform; a foreign or damaged value is refused rather than trusted.
    let rel = std::str::from_utf8(rel).ok().map(PathBuf::from).or_else(|| {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            Some(PathBuf::from(std::ffi::OsStr::from_bytes(rel)))
        }
        #[cfg(not(unix))]
        None
    })?;
    if rel.is_absolute() || rel.components().any(|c| matches!(c, std::path::Component::ParentDir)) {
        return None;
    }
    Some(root.join(rel))
}

fn mtime_of(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(0)
}

/// The files of the corpus now, in load order, and the walk's notes.
fn plan(roots: &[PathBuf], options: &LoadOptions) -> (Vec<Planned>, Vec<LoadNote>) {
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for job in corpus::plan(roots, options) {
        match job {
            Job::Note(n) => notes.push(n),
            Job::File { path, format, section } => {
                let Some((root, r)) =
                    roots.iter().enumerate().find(|(_, r)| path == **r || path.starts_with(r))
                else {
                    continue;
                };
                let rel = path.strip_prefix(r).map(rel_bytes).unwrap_or_default();
                let ord = files.len() as i64;
                files.push(Planned {
                    ord,
                    root: root as i64,
                    rel,
                    path,
                    format,
                    section,
                    size: -1,
                    mtime: 0,
                });
            }
        }
    }
    files.par_iter_mut().for_each(|f| {
        if let Ok(meta) = std::fs::metadata(&f.path) {
            f.size = i64::try_from(meta.len()).unwrap_or(i64::MAX);
            f.mtime = mtime_of(&meta);
        }
    });
    (files, notes)
}

/// Brings the index at `path` (open as `conn`, its write lock held) up to
/// date with the corpus `roots`; `progress` hears after every commit.
pub fn update(
    conn: &mut Connection,
    path: &Path,
    roots: &[PathBuf],
    options: &LoadOptions,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Report, LibraryError> {
    let err = |e| LibraryError::sqlite(path, e);
    let (planned, walk_notes) = plan(roots, options);
    let seen = write::seen_files(conn).map_err(err)?;
    let mut report = Report { files: planned.len(), walk_notes, ..Report::default() };

    let keep: HashMap<(i64, &[u8]), i64> =
        planned.iter().map(|p| ((p.root, p.rel.as_slice()), p.ord)).collect();
    let removed: Vec<i64> =
        seen.iter().filter(|(k, _)| !keep.contains_key(&(k.0, k.1.as_slice()))).map(|(_, s)| s.id).collect();
    let reordered: Vec<(i64, i64)> = planned
        .iter()
        .filter_map(|p| seen.get(&(p.root, p.rel.clone())).filter(|s| s.ord != p.ord).map(|s| (s.id, p.ord)))
        .collect();
    let work: Vec<(Planned, Option<Seen>)> = planned
        .iter()
        .filter_map(|p| {
            let s = seen.get(&(p.root, p.rel.clone()));
            match s {
                Some(s) if s.size == p.size && s.mtime == p.mtime => None,
                _ => Some((p.clone(), s.cloned())),
            }
        })
        .collect();
    report.removed_files = removed.len();
    let dirty = write::is_dirty(conn).map_err(err)?;
    if work.is_empty() && removed.is_empty() && reordered.is_empty() && !dirty {
        return Ok(report);
    }
    // Until the final pass, the list order is not to be trusted.
    write::start(conn, &removed, &reordered).map_err(err)?;

    let mut p = Progress {
        files_total: work.len(),
        bytes_total: work.iter().map(|(f, _)| f.size.max(0) as u64).sum(),
        ..Progress::default()
    };
    progress(&p);
    let mut i = 0;
    while i < work.len() {
        if work[i].0.format == Format::Jsonl {
            let (file, old) = &work[i];
            jsonl_file(conn, path, file, old.as_ref(), &mut report, &mut p, progress)?;
            i += 1;
            continue;
        }
        // A batch of other files, read and extracted in parallel.
        let mut end = i;
        let mut bytes = 0u64;
        while end < work.len()
            && work[end].0.format != Format::Jsonl
            && end - i < BATCH_FILES
            && (end == i || bytes < BATCH_BYTES)
        {
            bytes += work[end].0.size.max(0) as u64;
            end += 1;
        }
        let outcomes: Vec<Outcome> =
            work[i..end].par_iter().map(|(f, old)| read_file(f, old.as_ref())).collect();
        let batch: Vec<(&Planned, Option<&Seen>, Outcome)> =
            work[i..end].iter().zip(outcomes).map(|((f, old), o)| (f, old.as_ref(), o)).collect();
        for (_, old, o) in &batch {
            if let Outcome::Replace { articles, .. } = o {
                report.articles_indexed += articles.len();
                if old.is_some() { report.changed_files += 1 } else { report.new_files += 1 }
            }
        }
        write::batch(conn, batch).map_err(err)?;
        p.files_done += end - i;
        p.bytes_done += bytes;
        p.articles = report.articles_indexed;
        progress(&p);
        i = end;
    }
    finish::finish(conn, roots).map_err(err)?;
    Ok(report)
}

/// Reads a changed (non-JSONL, or JSONL not in plain UTF-8) file whole.
fn read_file(f: &Planned, old: Option<&Seen>) -> Outcome {
    match open::read_capped(&f.path, corpus::read_limit(f.format)) {
        Ok((bytes, cut)) => {
            let hash = xxhash_rust::xxh3::xxh3_64(&bytes) as i64;
            if old.is_some_and(|s| s.hash == hash && !s.line_mode) {
                return Outcome::Touch;
            }
            let (articles, notes) = ingest::whole_file(&f.path, bytes, cut, f.format, f.section.clone());
            Outcome::Replace { articles, notes, hash }
        }
        Err(e) => {
            let note = LoadNote {
                path: corpus::display_path(&f.path),
                severity: Severity::Skipped,
                message: e.to_string(),
            };
            Outcome::Replace { articles: Vec::new(), notes: vec![note], hash: 0 }
        }
    }
}

/// A JSONL file: read line by line from where the index stopped when it
/// only grew (appended, or its indexing was interrupted), committed every
/// [`BATCH_LINES`] lines; read whole if it is not plain UTF-8.
fn jsonl_file(
    conn: &mut Connection,
    path: &Path,
    f: &Planned,
    old: Option<&Seen>,
    report: &mut Report,
    p: &mut Progress,
    progress: &mut dyn FnMut(&Progress),
) -> Result<(), LibraryError> {
    let err = |e| LibraryError::sqlite(path, e);
    let (bytes, cut) = match open::read_capped(&f.path, corpus::read_limit(f.format)) {
        Ok(read) => read,
        Err(_) => {
            let outcome = read_file(f, old);
            return write::batch(conn, vec![(f, old, outcome)]).map_err(err);
        }
    };
    if !ingest::line_mode(&bytes, cut) {
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes) as i64;
        let outcome = if old.is_some_and(|s| s.hash == hash && !s.line_mode) {
            Outcome::Touch
        } else {
            let (articles, notes) = ingest::whole_file(&f.path, bytes, cut, f.format, f.section.clone());
            report.articles_indexed += articles.len();
            Outcome::Replace { articles, notes, hash }
        };
        write::batch(conn, vec![(f, old, outcome)]).map_err(err)?;
        p.files_done += 1;
        p.bytes_done += f.size.max(0) as u64;
        progress(p);
        return Ok(());
    }
    let text = std::str::from_utf8(&bytes).unwrap_or("");
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    // Where to start: after what is indexed, if the file only grew.
    let (start, first_line, appending) = match old {
        Some(s) if s.line_mode && s.size > 0 && (s.size as usize) <= bytes.len() => {
            let n = s.size as usize;
            hasher.update(&bytes[..n]);
            if hasher.digest() as i64 == s.hash && bytes[n - 1] == b'\n' {
                (n, s.lines as usize + 1, true)
            } else {
                hasher = xxhash_rust::xxh3::Xxh3::new();
                (0, 1, false)
            }
        }
        _ => (0, 1, false),
    };
    if appending && start == bytes.len() {
        write::touch_lines(conn, f, old, hasher.digest() as i64).map_err(err)?;
        p.files_done += 1;
        progress(p);
        return Ok(());
    }
    if appending {
        report.appended_files += 1;
    } else if old.is_some() {
        report.changed_files += 1;
    } else {
        report.new_files += 1;
    }
    let lines = ingest::lines_from(&bytes, start, first_line);
    let mut fresh = !appending;
    let mut done = start;
    let mut file_id = old.map(|s| s.id);
    if lines.is_empty() {
        let state = write::LineState {
            size: bytes.len() as i64,
            hash: hasher.digest() as i64,
            lines: 0,
            complete: true,
        };
        write::lines(conn, f, &mut file_id, fresh, Vec::new(), Vec::new(), &state).map_err(err)?;
    }
    for chunk in lines.chunks(BATCH_LINES) {
        let (articles, notes) = ingest::jsonl_lines(&f.path, text, chunk, &f.section);
        let last = chunk.last().map_or(start, |(_, r)| ingest::line_end(&bytes, r));
        hasher.update(&bytes[done..last]);
        report.articles_indexed += articles.len();
        p.bytes_done += (last - done) as u64;
        p.articles = report.articles_indexed;
        done = last;
        let state = write::LineState {
            size: last as i64,
            hash: hasher.digest() as i64,
            lines: chunk.last().map_or(0, |(n, _)| *n as i64),
            complete: last == bytes.len(),
        };
        write::lines(conn, f, &mut file_id, fresh, articles, notes, &state).map_err(err)?;
        fresh = false;
        progress(p);
    }
    p.files_done += 1;
    progress(p);
    Ok(())
}
