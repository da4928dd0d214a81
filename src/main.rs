//! rroom: parse the command line, then open the reading room or run a subcommand.

use std::process::ExitCode;

use clap::Parser;
use rroom::cli::{self, Cli};
use rroom::tui;

/// Exit codes: 0 success, 1 an error while running, 2 a usage error.
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    cli::diag::set_quiet(cli.quiet);
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => open_reading_room(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cli::diag::warn(&format!("{e:#}"));
            ExitCode::FAILURE
        }
    }
}

/// `--help` and `--version` go to stdout; usage errors to stderr, made
/// inert (they quote the arguments), with exit code 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = cli::emit(&e.render().to_string());
        return ExitCode::SUCCESS;
    }
    cli::diag::raw(&e.render().to_string());
    ExitCode::from(USAGE)
}

/// What the reading room reads, chosen as for the other commands: the
/// seeds; a corpus over its index (an existing one shown at once and
/// updated in the background; a first one built here, with progress on
/// stderr); the corpus read whole with `--no-index` or when no index can
/// be kept.
fn reading_room_source(cli: &Cli, config: &rroom::config::Config) -> anyhow::Result<tui::Source> {
    use rroom::corpus::{Corpus, LoadOptions};
    let Some(roots) = cli::corpus_paths(cli, config)? else {
        return Ok(tui::source::memory(Corpus::seeds()));
    };
    let load = LoadOptions { follow_links: cli.follow_links };
    if !cli.no_index
        && let Some(index) = cli::library::index_path(cli, &roots)
    {
        if tui::source::index_exists(&index, &roots) {
            return Ok(tui::source::indexed(roots, index, load, true));
        }
        let mut reporter = cli::library::Reporter::new(false);
        match cli::library::open_index(cli, roots.clone(), Default::default(), false, &mut reporter) {
            Ok(_) => {
                tui::terminal::discard_typeahead();
                return Ok(tui::source::indexed(roots, index, load, false));
            }
            Err(e) => cli::diag::warn(&format!("{e:#}; reading the corpus without the index")),
        }
    }
    Ok(tui::source::memory(Corpus::load_with(&roots, &load)))
}

fn open_reading_room(cli: &Cli) -> anyhow::Result<()> {
    let (config, config_warnings) = cli::load_config(cli)?;
    let source = reading_room_source(cli, &config)?;
    let (mut options, mut warnings) = tui::setup::options(&config, cli.theme.as_deref());
    // Where the analyst left off is kept per corpus: its paths, as given.
    options.corpus_key = Some(match cli::corpus_paths(cli, &config)? {
        Some(roots) => {
            let paths: Vec<String> = roots
                .iter()
                .map(|p| {
                    std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()).to_string_lossy().into_owned()
                })
                .collect();
            paths.join("\n")
        }
        None => "seeds".to_string(),
    });
    warnings.extend(config_warnings);
    let data_dir = rroom::config::data_dir(cli.data_dir.clone()).ok();
    match tui::run(source, options, warnings, data_dir)? {
        tui::Exit::Quit | tui::Exit::TerminalGone => Ok(()),
        tui::Exit::Signal(sig) => {
            // Terminated by a signal: the terminal is restored; exit as the
            // shell expects for that signal.
            std::process::exit(128 + sig);
        }
    }
}
