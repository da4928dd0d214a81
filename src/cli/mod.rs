//! The command line: options, subcommands, and their plain or JSON output.

pub mod diag;
pub mod entities;
mod find;
mod index;
pub mod library;
mod list;
mod lookup;
mod mark;
pub mod notes;
mod notes_entity;
mod shell;
mod show;
mod watch;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::{self, Config};
use crate::corpus::{self, Corpus};
use crate::entities::Corrections;

#[derive(Debug, Parser)]
#[command(
    name = "rroom",
    version,
    about = "A terminal reading room for news articles",
    long_about = "A terminal reading room for news articles: an article list, a reader and the people, \
                  organizations and places each article names.\n\nWithout a subcommand rroom opens the \
                  reading room; without --corpus it reads the built-in seed articles."
)]
pub struct Cli {
    /// Read articles from a file or folder (recursively); repeatable. Formats: .txt, .md, .html, .jsonl.
    #[arg(long = "corpus", value_name = "PATH", global = true)]
    pub corpus: Vec<PathBuf>,

    /// Keep rroom's data (notes) in DIR instead of the platform data directory.
    #[arg(long, value_name = "DIR", env = "RROOM_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,

    /// Theme: default, light, high-contrast, solarized-dark, mono, or one of yours.
    #[arg(long, value_name = "NAME", global = true)]
    pub theme: Option<String>,

    /// Read the configuration from FILE instead of ~/.config/rroom/config.toml.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Keep the corpus index in DIR (default: index/ in the data directory when one is given, else the cache directory).
    #[arg(long, value_name = "DIR", env = "RROOM_INDEX_DIR", global = true)]
    pub index_dir: Option<PathBuf>,

    /// Read the corpus directly, without the index.
    #[arg(long, global = true)]
    pub no_index: bool,

    /// In a corpus folder, follow symbolic links that lead out of it (skipped otherwise).
    #[arg(long, global = true)]
    pub follow_links: bool,

    /// Say nothing about loading the corpus (errors are still shown).
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: list number, id, state (r read, f flagged), date, words, source, title.
    List {
        #[command(flatten)]
        args: list::ListArgs,
    },
    /// Mark articles read or unread, flag or unflag them (kept with the notes, by article id).
    Mark {
        #[command(flatten)]
        args: mark::MarkArgs,
    },
    /// Print an article's text (sanitized, like the reader).
    Show {
        /// An article id, an id prefix, or a list number from `rroom list`.
        article: String,
        /// Print JSON with metadata and paragraphs.
        #[arg(long)]
        json: bool,
    },
    /// Check the config file: each problem with its line (exit 1 if any), then the configuration in effect, as TOML.
    Config {
        /// Print a complete default configuration, with comments.
        #[arg(long, conflicts_with = "path")]
        default: bool,
        /// Print where the configuration file is read from.
        #[arg(long)]
        path: bool,
    },
    /// Print a shell completion script (bash, zsh or fish).
    Completions {
        #[arg(value_enum)]
        shell: shell::Shell,
    },
    /// Print the manual page (roff), e.g. `rroom man | man -l -`.
    Man,
    /// Notes: list, add, export, delete, restore.
    Notes {
        #[command(subcommand)]
        command: notes::NotesCommand,
    },
    /// Find articles: fuzzy on title, source and dateline, then by the words of their text.
    Find {
        /// What to look for; words and "quoted phrases" for the text search.
        query: String,
        /// Print JSON: {"results":[{"id","title","score","match","snippet"}]}
        #[arg(long)]
        json: bool,
        /// At most N results.
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        /// Search the text of the articles only, with a snippet around each hit.
        #[arg(long)]
        full_text: bool,
    },
    /// The people, organizations and places of an article (or of every article), with counts.
    Entities {
        /// An article id, an id prefix, or a list number (default: every article).
        article: Option<String>,
        /// Print JSON: {"articles":[{"id","title","path","entities":[{"name","kind","aliases","count","mentions"}]}]}
        #[arg(long)]
        json: bool,
    },
    /// Build or update the corpus index (only new or changed files are read); commands update it too.
    Index {
        /// Delete the index and build it anew.
        #[arg(long)]
        rebuild: bool,
        /// Print JSON: {"index","articles","update":{...},"seconds","stats"}
        #[arg(long)]
        json: bool,
        /// Also print articles, entities, size on disk and the last update.
        #[arg(long)]
        stats: bool,
    },
    /// Which articles mention a person, organization or place (fuzzy on names and aliases).
    Lookup {
        /// A name or part of one: "mujahid", "ttp", "muttaqi".
        name: String,
        /// Print JSON: {"query","entity":{"name","kind","aliases","articles","mentions"},"articles":[{"id","title","path","count","snippets"}],"total","more","cooccurring":[{"name","kind","articles","sentences"}]}
        #[arg(long)]
        json: bool,
        /// Only the articles that also mention this entity, sentences naming both first.
        #[arg(long, value_name = "NAME")]
        with: Option<String>,
        /// Show at most N articles, most mentions first (0: all).
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// Watchlists: named queries (an entity or words), with what is new since you last looked.
    Watch {
        #[command(subcommand)]
        command: watch::WatchCommand,
    },
}

/// The corpus the options name: `--corpus`, else `RROOM_CORPUS`, else the
/// config file's `corpus`, else the seeds. A path named that is not there
/// (or cannot be looked at) is an error: a typo must not look like an
/// empty corpus.
pub fn load_corpus(cli: &Cli, config: &Config) -> anyhow::Result<Corpus> {
    let Some(paths) = corpus_paths(cli, config)? else {
        return Ok(Corpus::seeds());
    };
    let options = corpus::LoadOptions { follow_links: cli.follow_links };
    Ok(Corpus::load_with(&paths, &options))
}

/// The corpus paths the options name (see [`load_corpus`]); `None` for
/// the seeds.
pub fn corpus_paths(cli: &Cli, config: &Config) -> anyhow::Result<Option<Vec<PathBuf>>> {
    let (paths, from) = if !cli.corpus.is_empty() {
        (cli.corpus.clone(), "--corpus")
    } else {
        match std::env::var("RROOM_CORPUS") {
            Ok(v) if !v.trim().is_empty() => (corpus::paths_from_env(&v), "RROOM_CORPUS"),
            _ => (config.corpus.clone().unwrap_or_default(), "the config file's corpus"),
        }
    };
    if paths.is_empty() {
        return Ok(None);
    }
    for path in &paths {
        if let Err(e) = std::fs::metadata(path) {
            anyhow::bail!("cannot read {} (from {from}): {e}", corpus::display_path(path));
        }
    }
    Ok(Some(paths))
}

/// The configuration: the file's sound settings (the defaults for the
/// rest), with its problems as warnings. A file that cannot be read at all,
/// or one named with `--config` that is not there, is an error.
pub fn load_config(cli: &Cli) -> anyhow::Result<(Config, Vec<String>)> {
    let path = config::config_path(cli.config.as_deref());
    let checked =
        Config::load(path.as_deref(), cli.config.is_some()).map_err(|e| anyhow::anyhow!("config: {e}"))?;
    let warnings = checked.problems.iter().map(|p| format!("config: {p}")).collect();
    Ok((checked.config, warnings))
}

/// Prints what loading had to say to stderr (nothing with `--quiet`).
pub fn report_notes(corpus: &Corpus) {
    for line in corpus.summary_lines() {
        diag::notice(&line);
    }
}

/// Runs a subcommand; the error is printed by `main`.
pub fn run(cli: &Cli, command: &Command) -> anyhow::Result<()> {
    match command {
        Command::Config { default, path } => return shell::config(cli, *default, *path),
        Command::Completions { shell } => return shell::completions(*shell),
        Command::Man => return shell::man(),
        _ => {}
    }
    let (config, warnings) = load_config(cli)?;
    for w in &warnings {
        diag::warn(w);
    }
    let data_dir = || config::data_dir(cli.data_dir.clone()).ok();
    match command {
        Command::Config { .. } | Command::Completions { .. } | Command::Man => Ok(()),
        Command::Index { rebuild, json, stats } => index::run(cli, &config, *rebuild, *json, *stats),
        Command::List { args } => {
            let lib = library::open(cli, &config, Corrections::default())?;
            list::run(lib.as_ref(), data_dir().as_deref(), args)
        }
        Command::Mark { args } => {
            let lib = library::open(cli, &config, Corrections::default())?;
            mark::run(lib.as_ref(), &config::data_dir(cli.data_dir.clone())?, args)
        }
        Command::Show { article, json } => {
            show::run(library::open(cli, &config, Corrections::default())?.as_ref(), article, *json)
        }
        Command::Find { query, json, limit, full_text } => {
            let lib = library::open(cli, &config, Corrections::default())?;
            find::run(lib.as_ref(), query, *json, *limit, *full_text)
        }
        Command::Notes { command } => {
            let corpus = load_corpus(cli, &config)?;
            report_notes(&corpus);
            let dir = config::data_dir(cli.data_dir.clone())?;
            notes::run(&corpus, &dir, command)
        }
        Command::Entities { article, json } => {
            let corrections = entities::load_corrections(data_dir().as_deref());
            entities::run(library::open(cli, &config, corrections)?.as_ref(), article.as_deref(), *json)
        }
        Command::Lookup { name, json, with, limit } => {
            let corrections = entities::load_corrections(data_dir().as_deref());
            let library = library::open(cli, &config, corrections)?;
            let limit = if *limit == 0 { usize::MAX } else { *limit };
            match with {
                Some(other) => lookup::run_with(library.as_ref(), name, other, *json, limit),
                None => lookup::run(library.as_ref(), name, *json, limit),
            }
        }
        Command::Watch { command } => watch::run(cli, &config, command),
    }
}

/// Writes to stdout, treating a closed pipe (`rroom list | head`) as success.
pub fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
