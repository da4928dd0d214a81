//! Which library a command reads: with a corpus of files, the index for it
//! (brought up to date first: only new or changed files are read, so this
//! is cheap when nothing changed); with the built-in seeds, `--no-index`,
//! or when the index cannot be kept (a read-only or unsafe place, a full
//! disk), the corpus loaded whole, as before.

use std::path::PathBuf;

use super::{Cli, corpus_paths, diag};
use crate::config::Config;
use crate::corpus::{self, Corpus};
use crate::entities::Corrections;
use crate::library::{self, Library, MemoryLibrary, SqliteLibrary, update::Progress};

/// The index file for these corpus paths, if there is a place for indexes.
pub fn index_path(cli: &Cli, roots: &[PathBuf]) -> Option<PathBuf> {
    let dir = library::open::index_dir(cli.index_dir.as_deref(), cli.data_dir.as_deref())?;
    Some(library::open::index_file(&dir, roots, cli.follow_links))
}

fn waiting() {
    diag::warn("another rroom is updating the index of this corpus: waiting for it to finish");
}

fn notice(text: &str) {
    diag::notice(text);
}

/// A progress bar on a terminal, or plain lines (`lines`), or nothing.
pub struct Reporter {
    bar: bool,
    lines: bool,
    shown: bool,
    last_line: std::time::Instant,
}

impl Reporter {
    pub fn new(lines: bool) -> Reporter {
        let bar = diag::stderr_is_terminal() && !diag::is_quiet();
        Reporter { bar, lines: lines && !bar, shown: false, last_line: std::time::Instant::now() }
    }

    pub fn report(&mut self, p: &Progress) {
        if p.files_total == 0 {
            return;
        }
        let text = if p.compacting {
            format!("compacting the new index of {} articles", p.articles)
        } else {
            format!("indexing: {}/{} files, {} articles", p.files_done, p.files_total, p.articles)
        };
        if self.bar {
            let frac = if p.bytes_total > 0 { p.bytes_done as f64 / p.bytes_total as f64 } else { 1.0 };
            let filled = ((frac.clamp(0.0, 1.0)) * 24.0).round() as usize;
            let bar = format!("[{}{}] {text}", "#".repeat(filled), " ".repeat(24 - filled));
            diag::progress_bar(&bar, false);
            self.shown = true;
        } else if self.lines {
            // Every commit is a line, at most a few a second (the last one always).
            let finished = p.files_done == p.files_total;
            if finished || self.last_line.elapsed() >= std::time::Duration::from_millis(250) || !self.shown {
                diag::warn(&text);
                self.shown = true;
                self.last_line = std::time::Instant::now();
            }
        }
    }

    pub fn finish(&mut self) {
        if self.bar && self.shown {
            diag::progress_bar("index up to date", true);
        }
    }
}

/// Opens the index for `roots` and brings it up to date.
pub fn open_index(
    cli: &Cli,
    roots: Vec<PathBuf>,
    corrections: Corrections,
    rebuild: bool,
    reporter: &mut Reporter,
) -> anyhow::Result<(SqliteLibrary, library::update::Report)> {
    let Some(path) = index_path(cli, &roots) else {
        anyhow::bail!("no place for the index: pass --index-dir DIR or set RROOM_INDEX_DIR");
    };
    let options = library::sqlite::OpenOptions {
        load: corpus::LoadOptions { follow_links: cli.follow_links },
        corrections,
        rebuild,
        waiting: &waiting,
        notice: &notice,
    };
    let opened = SqliteLibrary::open(&path, roots, options, &mut |p| reporter.report(p));
    reporter.finish();
    Ok(opened?)
}

/// After a full disk stopped an update: the index as its last complete
/// update left it, if there is one.
fn last_complete(
    cli: &Cli,
    error: &anyhow::Error,
    roots: &[PathBuf],
    corrections: &Corrections,
) -> Option<SqliteLibrary> {
    if !matches!(error.downcast_ref::<library::LibraryError>(), Some(library::LibraryError::DiskFull { .. }))
    {
        return None;
    }
    let path = index_path(cli, roots)?;
    SqliteLibrary::open_last_complete(&path, roots.to_vec(), corrections.clone()).ok().flatten()
}

/// The library a command reads (see the module documentation).
pub fn open(cli: &Cli, config: &Config, corrections: Corrections) -> anyhow::Result<Box<dyn Library>> {
    let Some(roots) = corpus_paths(cli, config)? else {
        return Ok(Box::new(MemoryLibrary::new(Corpus::seeds(), corrections)));
    };
    if !cli.no_index {
        let mut reporter = Reporter::new(false);
        match open_index(cli, roots.clone(), corrections.clone(), false, &mut reporter) {
            Ok((library, _)) => {
                for line in library.summary_lines() {
                    diag::notice(&line);
                }
                return Ok(Box::new(library));
            }
            Err(e) => match last_complete(cli, &e, &roots, &corrections) {
                Some(library) => {
                    diag::warn(
                        "the disk is full: the index was not updated; the last complete index is still used \
                         (free some space and run `rroom index` again)",
                    );
                    return Ok(Box::new(library));
                }
                None => diag::warn(&format!("{e:#}; reading the corpus without the index")),
            },
        }
    }
    let corpus = Corpus::load_with(&roots, &corpus::LoadOptions { follow_links: cli.follow_links });
    super::report_notes(&corpus);
    Ok(Box::new(MemoryLibrary::new(corpus, corrections)))
}
