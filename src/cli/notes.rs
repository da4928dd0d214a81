//! `rroom notes`: add, list, export, delete and restore notes.

use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Subcommand;

use crate::corpus::Corpus;
use crate::corpus::sanitize::sanitize_label;
use crate::entities::Corrections;
use crate::notes::clock::rfc3339;
use crate::notes::export::Articles;
use crate::notes::{Anchor, Filter, NewNote, Note, Resolution, Store, Target, export};
use crate::text::truncate;

#[derive(Subcommand, Debug)]
pub enum NotesCommand {
    /// List notes, most recently changed first: id, article, date, what it is on, text.
    List {
        /// Print JSON: {"notes":[{"id","article","text","quote","tags","created","updated"}]};
        /// passage notes add "anchor" (exact|moved|fuzzy|orphaned) and "similarity" when fuzzy,
        /// entity notes "entity": {"name","kind"}
        #[arg(long)]
        json: bool,
        /// Only notes with this #tag.
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Only notes on this article (an id, id prefix or list number).
        #[arg(long, value_name = "ARTICLE")]
        article: Option<String>,
        /// List the trash instead.
        #[arg(long)]
        deleted: bool,
        /// Only notes whose text, quote or entity holds TEXT (ignoring case).
        #[arg(long, value_name = "TEXT")]
        grep: Option<String>,
    },
    /// Add a note on an article, on a passage of it (--quote) or on an entity it names (--entity).
    Add {
        /// An article id, an id prefix, or a list number from `rroom list`.
        article: String,
        /// The note; #words in it become tags.
        #[arg(long, value_parser = non_blank)]
        text: String,
        /// A passage of the article, quoted exactly (line breaks and runs of spaces may differ).
        #[arg(long, conflicts_with = "entity")]
        quote: Option<String>,
        /// A person, organization or place the article names: a name or alias, as `rroom lookup` takes.
        #[arg(long)]
        entity: Option<String>,
    },
    /// Export the notes (not the trash): a Markdown briefing pack, JSON or CSV.
    Export {
        /// md (a briefing pack grouped by article), json, or csv (one row per note, safe to open in a spreadsheet).
        #[arg(long, default_value = "md", value_parser = ["md", "json", "csv"])]
        format: String,
        /// Write to this file (new files are private, 0600; written atomically) instead of stdout.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Replace FILE if it exists (otherwise asked on a terminal, refused elsewhere).
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Move a note to the trash (`restore` brings it back).
    Delete {
        /// The note id, from `rroom notes list`.
        id: i64,
    },
    /// Take a note out of the trash.
    Restore {
        /// The note id, from `rroom notes list --deleted`.
        id: i64,
    },
    /// Adds notes in a loop, printing `saved <id>` after each commit (for crash tests).
    #[command(hide = true)]
    Stress {
        /// How many notes (default: until killed).
        #[arg(long)]
        count: Option<u64>,
    },
}

/// Runs a notes subcommand, printing to stdout (a closed pipe is not an error).
pub fn run(corpus: &Corpus, data_dir: &Path, cmd: &NotesCommand) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    match run_with(corpus, data_dir, cmd, &mut out) {
        Err(e) if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) => {
            Ok(())
        }
        other => other,
    }
}

/// Runs a notes subcommand, printing to `out`.
pub fn run_with(
    corpus: &Corpus,
    data_dir: &Path,
    cmd: &NotesCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let store = Store::open(data_dir)?;
    match cmd {
        NotesCommand::List { json, tag, article, deleted, grep } => {
            let filter = Filter {
                article: article.as_deref().map(|a| article_id(corpus, a)),
                tag: tag.clone(),
                entity: None,
                include_deleted: false,
                only_deleted: *deleted,
            };
            let mut notes = store.list(&filter)?;
            if let Some(needle) = grep {
                notes.retain(|n| holds(n, needle));
            }
            if *json {
                write_json(out, &export::json(&notes, corpus))?;
            } else {
                let articles = Articles::new(corpus);
                for note in &notes {
                    writeln!(out, "{}", list_line(&articles, note))?;
                }
            }
        }
        NotesCommand::Add { article, text, quote, entity } => {
            non_blank(text).map_err(anyhow::Error::msg)?;
            let index = corpus.find(article)?;
            let a = &corpus.articles[index];
            let (target, remark) = match (quote, entity) {
                (Some(q), _) => {
                    let (range, occurrences) = locate_quote(&a.body, q).with_context(|| {
                        format!(
                            "the quote is not in article {} ({}); quote it as `rroom show {}` prints it",
                            a.id,
                            truncate(&a.title, 50),
                            a.id
                        )
                    })?;
                    let remark = (occurrences > 1)
                        .then(|| format!(" (the quote occurs {occurrences} times; anchored to the first)"));
                    (Target::Passage(Anchor::capture(&a.body, range)), remark)
                }
                (None, Some(e)) => {
                    let corrections =
                        Corrections::new(store.corrections()?.into_iter().map(|(_, c)| c).collect());
                    (Target::Entity(super::notes_entity::resolve(corpus, &corrections, index, e)?), None)
                }
                (None, None) => (Target::Article, None),
            };
            let note = store.add(NewNote { article: a.id.to_string(), target, text: text.clone() })?;
            writeln!(
                out,
                "saved note {} on {} ({}){}",
                note.id,
                a.id,
                truncate(&a.title, 60),
                remark.unwrap_or_default()
            )?;
        }
        NotesCommand::Export { format, out: file, force } => {
            let notes = store.list(&Filter::default())?;
            let text = match format.as_str() {
                "md" | "markdown" => export::markdown(&notes, corpus),
                "json" => {
                    let mut s = serde_json::to_string_pretty(&export::json(&notes, corpus))?;
                    s.push('\n');
                    s
                }
                "csv" => export::csv(&notes, corpus),
                other => bail!("unknown export format '{}': use md, json or csv", sanitize_label(other)),
            };
            match file {
                Some(path) => {
                    if !*force && path.exists() && !path.is_dir() && !confirm_overwrite(path)? {
                        bail!(
                            "{} exists; it was left as it is: pass --force to replace it",
                            sanitize_label(&path.display().to_string())
                        );
                    }
                    write_atomically(path, text.as_bytes()).with_context(|| {
                        format!("cannot write {}", sanitize_label(&path.display().to_string()))
                    })?;
                    writeln!(out, "exported {} notes to {}", notes.len(), path.display())?;
                }
                None => out.write_all(text.as_bytes())?,
            }
        }
        NotesCommand::Delete { id } => {
            if store.get(*id)?.is_some_and(|n| n.is_deleted()) {
                writeln!(
                    out,
                    "note {id} is already in the trash (`rroom notes restore {id}` brings it back)"
                )?;
            } else {
                store.delete(*id)?;
                writeln!(out, "note {id} moved to the trash (`rroom notes restore {id}` brings it back)")?;
            }
        }
        NotesCommand::Restore { id } => {
            if store.get(*id)?.is_some_and(|n| !n.is_deleted()) {
                writeln!(out, "note {id} is not in the trash")?;
            } else {
                store.restore(*id)?;
                writeln!(out, "note {id} restored")?;
            }
        }
        NotesCommand::Stress { count } => {
            let article = corpus.articles.first().map_or_else(|| "stress".to_string(), |a| a.id.to_string());
            for i in 0..count.unwrap_or(u64::MAX) {
                let note = store.add(NewNote {
                    article: article.clone(),
                    target: Target::Article,
                    text: format!("stress note {i} #stress"),
                })?;
                writeln!(out, "saved {}", note.id)?;
                out.flush()?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The article id a filter names: resolved in the corpus if it can be (an
/// id prefix or list number), else taken as it is (notes may outlive their
/// article's presence in the corpus).
fn article_id(corpus: &Corpus, reference: &str) -> String {
    match corpus.find(reference) {
        Ok(i) => corpus.articles[i].id.to_string(),
        Err(_) => reference.trim().to_ascii_lowercase(),
    }
}

fn write_json(out: &mut dyn Write, value: &serde_json::Value) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Whether a note's text, quote or entity holds `needle`, ignoring case.
fn holds(note: &Note, needle: &str) -> bool {
    let needle = needle.to_lowercase();
    let has = |s: &str| s.to_lowercase().contains(&needle);
    has(&note.text) || note.anchor().is_some_and(|a| has(&a.quote)) || note.entity().is_some_and(has)
}

/// A note's text must say something.
fn non_blank(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("the note is empty: give it some text, e.g. --text \"Talks stalled #border\"".to_string())
    } else {
        Ok(text.to_string())
    }
}

/// Asks on the terminal whether to replace `path`; `false` without one.
fn confirm_overwrite(path: &Path) -> anyhow::Result<bool> {
    use std::io::{BufRead, IsTerminal};
    if !(io::stdin().is_terminal() && io::stderr().is_terminal()) {
        return Ok(false);
    }
    eprint!("rroom: {} exists; replace it? [y/N] ", sanitize_label(&path.display().to_string()));
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}

/// One line of `rroom notes list`.
fn list_line(articles: &Articles, note: &Note) -> String {
    let on = match &note.target {
        Target::Article => "article".to_string(),
        Target::Entity(e) => {
            let kind = e.kind.map(|k| format!(" ({})", k.as_str())).unwrap_or_default();
            format!("entity {}{kind}", truncate(&sanitize_label(&e.name), 24))
        }
        Target::Passage(anchor) => {
            let state = match articles.resolve(note) {
                _ if !articles.has(&note.article) => {
                    " (article not in this corpus: --corpus checks it)".to_string()
                }
                Some(Resolution::Orphan) => " (orphaned)".to_string(),
                Some(Resolution::Fuzzy { similarity, .. }) => {
                    format!(" (fuzzy: {:.0}% similar)", similarity * 100.0)
                }
                _ => String::new(),
            };
            format!("passage “{}”{state}", truncate(&sanitize_label(&anchor.quote), 28))
        }
    };
    let date = rfc3339(note.updated);
    let date = date.get(..10).unwrap_or(&date);
    let text = sanitize_label(&note.text);
    let text = if text.is_empty() { "(no text)".to_string() } else { truncate(&text, 70) };
    format!("{:>5}  {}  {date}  {on}  {text}", note.id, sanitize_label(&note.article))
}

/// Where `quote` is in `body`, and how many times it occurs: exactly, or
/// else with any run of whitespace in the quote matching any run in the
/// body (a quote copied across a line or paragraph break).
fn locate_quote(body: &str, quote: &str) -> Option<(Range<usize>, usize)> {
    let quote = quote.trim();
    if quote.is_empty() {
        return None;
    }
    let exact: Vec<usize> = body.match_indices(quote).map(|(i, _)| i).collect();
    if let Some(&first) = exact.first() {
        return Some((first..first + quote.len(), exact.len()));
    }
    let words: Vec<&str> = quote.split_whitespace().collect();
    let (head, rest) = words.split_first()?;
    let mut found: Vec<Range<usize>> = Vec::new();
    for (start, _) in body.match_indices(head) {
        let mut at = start + head.len();
        let mut ok = true;
        for word in rest {
            let gap = body[at..].len() - body[at..].trim_start().len();
            if gap == 0 || !body[at + gap..].starts_with(word) {
                ok = false;
                break;
            }
            at += gap + word.len();
        }
        if ok {
            found.push(start..at);
        }
    }
    let first = found.first()?.clone();
    Some((first, found.len()))
}

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// synced, then renamed over the target: readers see the old file or the
/// new one, never a part.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("it is a directory");
    }
    let name = path.file_name().context("no file name")?.to_string_lossy().into_owned();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // A new file is private; a file replaced keeps its mode.
    let mode = existing_mode(path).unwrap_or(0o600);
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = dir.join(format!(".{name}.tmp-{}-{attempt}", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e.into()),
        }
    };
    let written = set_mode(&file, mode).and_then(|()| file.write_all(bytes)).and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    // Make the rename itself durable (best effort: not every platform can sync a directory).
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The permission bits of an existing file.
#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_path: &Path) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(file: &std::fs::File, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_file: &std::fs::File, _mode: u32) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_found_exactly_or_across_line_breaks() {
        let body = "First paragraph ends here.\n\nSecond one starts here. Second one again.";
        assert_eq!(locate_quote(body, "paragraph ends"), Some((6..20, 1)));
        let (r, n) = locate_quote(body, "ends here. Second one").unwrap();
        assert_eq!((&body[r], n), ("ends here.\n\nSecond one", 1));
        assert_eq!(locate_quote(body, "Second one").map(|(_, n)| n), Some(2));
        assert_eq!(locate_quote(body, "  "), None);
        assert_eq!(locate_quote(body, "not there"), None);
        assert_eq!(locate_quote(body, "endshere"), None);
    }
}
