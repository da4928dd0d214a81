//! rroom: parse the command line, then open the reading room or run a subcommand.

use std::process::ExitCode;

use clap::Parser;
use rroom::cli::{self, Cli};
use rroom::tui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(command) => cli::run(&cli, command),
        None => open_reading_room(&cli),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("rroom: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn open_reading_room(cli: &Cli) -> anyhow::Result<()> {
    let (config, warning) = cli::load_config(cli);
    let corpus = cli::load_corpus(cli, &config);
    let (options, mut warnings) = tui::setup::options(&config, cli.theme.as_deref());
    warnings.extend(warning);
    let data_dir = rroom::config::data_dir(cli.data_dir.clone()).ok();
    match tui::run(corpus, options, warnings, data_dir)? {
        tui::Exit::Quit | tui::Exit::TerminalGone => Ok(()),
        tui::Exit::Signal(sig) => {
            // Terminated by a signal: the terminal is restored; exit as the
            // shell expects for that signal.
            std::process::exit(128 + sig);
        }
    }
}
