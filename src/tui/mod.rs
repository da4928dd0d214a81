//! The terminal front: state + actions + pure rendering.

pub mod action;
pub mod app;
pub mod event;
pub mod finder;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod reader;
pub mod search;
pub mod setup;
pub mod terminal;
pub mod theme;
pub mod ui;

use std::sync::mpsc::Receiver;

use ratatui::Terminal;
use ratatui::backend::Backend;

use self::app::App;
use self::event::AppEvent;
use crate::corpus::Corpus;

/// How the reading room ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    TerminalGone,
}

/// Opens the reading room on the real terminal and runs it until the user quits.
pub fn run(corpus: Corpus, options: setup::Options, warnings: Vec<String>) -> anyhow::Result<Exit> {
    if let Some(reason) = terminal::unsupported_reason() {
        anyhow::bail!(
            "{reason}.\nUse the command line instead: `rroom list`, `rroom show ARTICLE` (add --json for scripts)."
        );
    }
    let mut guard = terminal::enter(options.mouse)?;
    let (sender, events) = event::start()?;
    let corpus = std::sync::Arc::new(corpus);
    let worker = jobs::Worker::start(corpus.clone(), sender)?;
    let size = guard.terminal.size()?;
    let mut app = App::new(corpus, options.keymap, options.theme, size.width, size.height);
    app.themes = options.themes;
    app.reader_width = options.reader_width;
    app.resize(size.width, size.height);
    if !warnings.is_empty() {
        let more =
            if warnings.len() > 1 { format!(" (+{} more)", warnings.len() - 1) } else { String::new() };
        app.status = Some(format!("{}{more}", warnings[0]));
    }
    let exit = run_loop(&mut guard.terminal, app, &events, &|req| worker.send(req));
    drop(guard);
    exit
}

/// The event loop, generic over the backend so tests can drive it. It draws
/// once, then only after events that changed something; events that arrive
/// together (a resize storm, fast typing) are handled before one redraw.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    mut app: App,
    events: &Receiver<AppEvent>,
    search: &dyn Fn(jobs::SearchRequest),
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    terminal.draw(|f| ui::render(&app, f))?;
    for req in app.take_requests() {
        search(req);
    }
    loop {
        let Ok(first) = events.recv() else { return Ok(Exit::TerminalGone) };
        let mut dirty = false;
        let mut next = Some(first);
        while let Some(ev) = next {
            match ev {
                AppEvent::Input(input) => dirty |= app.handle_event(&input),
                AppEvent::Signal(sig) => return Ok(Exit::Signal(sig)),
                AppEvent::InputClosed => return Ok(Exit::TerminalGone),
                AppEvent::Search(response) => {
                    app.on_search(response);
                    dirty = true;
                }
            }
            for req in app.take_requests() {
                search(req);
            }
            if app.quit {
                return Ok(Exit::Quit);
            }
            next = events.try_recv().ok();
        }
        if dirty {
            let size = terminal.size()?;
            if (size.width, size.height) != (app.size.width, app.size.height) {
                app.resize(size.width, size.height);
            }
            terminal.draw(|f| ui::render(&app, f))?;
        }
    }
}
