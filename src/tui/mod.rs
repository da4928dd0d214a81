//! The terminal front: state + actions + pure rendering.

pub mod action;
pub mod app;
pub mod corrections;
pub mod effects;
pub mod event;
pub mod finder;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod notes;
pub mod notes_view;
pub mod reader;
pub mod search;
pub mod setup;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod visual;

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

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
pub fn run(
    corpus: Corpus,
    options: setup::Options,
    mut warnings: Vec<String>,
    data_dir: Option<std::path::PathBuf>,
) -> anyhow::Result<Exit> {
    if let Some(reason) = terminal::unsupported_reason() {
        anyhow::bail!(
            "{reason}.\nUse the command line instead: `rroom list`, `rroom show ARTICLE` (add --json for scripts)."
        );
    }
    // The notes store opens before the screen is taken, so nothing is drawn
    // over a message about it; a broken store is reported, not fatal.
    let mut notes = match &data_dir {
        Some(dir) => {
            let (rt, problem) = effects::NotesRuntime::open(dir);
            warnings.extend(problem);
            rt
        }
        None => {
            warnings.push("notes unavailable: no data directory (use --data-dir)".into());
            effects::NotesRuntime::none()
        }
    };
    let mut guard = terminal::enter(options.mouse)?;
    let (sender, events) = event::start()?;
    let corpus = std::sync::Arc::new(corpus);
    let sender_for_index = sender.clone();
    let worker = jobs::Worker::start(corpus.clone(), sender)?;
    let size = guard.terminal.size()?;
    let mut app = App::new(corpus.clone(), options.keymap, options.theme, size.width, size.height);
    app.themes = options.themes;
    app.reader_width = options.reader_width;
    app.resize(size.width, size.height);
    app.set_notes(notes.all(), notes.drafts());
    app.set_corrections(notes.corrections());
    let index_sender = sender_for_index.clone();
    let build_index = move |corpus: std::sync::Arc<Corpus>, corrections, generation| {
        let tx = index_sender.clone();
        // A new thread per build: rare (start, and after a correction).
        let _ = std::thread::Builder::new().name("index".into()).spawn(move || {
            let index = crate::entities::index::CorpusIndex::build(&corpus.articles, &corrections);
            let _ = tx.send(AppEvent::Index(std::sync::Arc::new(index), generation));
        });
    };
    if !warnings.is_empty() {
        let more =
            if warnings.len() > 1 { format!(" (+{} more)", warnings.len() - 1) } else { String::new() };
        app.status = Some(format!("{}{more}", warnings[0]));
    }
    let mut clipboard = std::io::stdout();
    let index_corpus = corpus.clone();
    let mouse = options.mouse;
    let exit = run_loop(
        &mut guard.terminal,
        app,
        &events,
        Runtime {
            search: &|req| worker.send(req),
            index: &|corrections, generation| build_index(index_corpus.clone(), corrections, generation),
            notes: &mut notes,
            clipboard: &mut clipboard,
            suspend: &mut || terminal::suspend(mouse),
            retake: &mut || terminal::retake(mouse),
        },
    );
    drop(guard);
    // The terminal is the user's again: say where unsaved text went.
    for message in notes.take_farewell() {
        use std::io::Write;
        let clean: Vec<String> = crate::corpus::sanitize::split_lines(&message)
            .into_iter()
            .map(|l| crate::corpus::sanitize::sanitize_inline(l).into_owned())
            .collect();
        let _ = writeln!(std::io::stderr(), "rroom: {}", clean.join("\n"));
    }
    exit
}

/// How often an open editor's text is saved as a draft: the loop sends
/// itself an [`AppEvent::Tick`] this often while the editor is open, and the
/// app answers a tick with a draft save when the text changed.
pub const TICK: Duration = Duration::from_secs(2);

/// What the loop needs from the world around it: workers, the notes store,
/// the clipboard and the terminal's job control. Tests pass stand-ins.
pub struct Runtime<'a> {
    /// Sends a search to the search worker (answers come back as events).
    pub search: &'a dyn Fn(jobs::SearchRequest),
    /// Starts building the entity index for a generation of corrections.
    pub index: &'a dyn Fn(crate::entities::corrections::Corrections, u64),
    pub notes: &'a mut effects::NotesRuntime,
    /// Receives clipboard escapes (OSC 52).
    pub clipboard: &'a mut dyn std::io::Write,
    /// Ctrl-Z or SIGTSTP: give the terminal back and stop; returns once continued.
    pub suspend: &'a mut dyn FnMut() -> std::io::Result<()>,
    /// SIGCONT: take the terminal again (raw mode, alternate screen).
    pub retake: &'a mut dyn FnMut() -> std::io::Result<()>,
}

/// Carries out the effects the app queued, until no new ones come of their
/// outcomes (a saved note asks for its draft to be cleared, and so on).
fn run_effects(app: &mut App, notes: &mut effects::NotesRuntime, clipboard: &mut dyn std::io::Write) -> bool {
    let mut ran = false;
    // Each outcome can queue more effects; the bound only guards against a
    // cycle that should never exist.
    for _ in 0..64 {
        let queued = app.take_effects();
        if queued.is_empty() {
            break;
        }
        ran = true;
        for effect in queued {
            let outcome = notes.run(&effect, clipboard);
            app.on_outcome(outcome);
        }
    }
    ran
}

/// The event loop, generic over the backend so tests can drive it. It draws
/// once, then only after events that changed something; events that arrive
/// together (a resize storm, fast typing) are handled before one redraw.
/// Whatever ends the loop (quit, a signal, closed input, a failed draw), the
/// queued effects are carried out and the note being written is kept.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    mut app: App,
    events: &Receiver<AppEvent>,
    mut rt: Runtime<'_>,
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let exit = event_loop(terminal, &mut app, events, &mut rt);
    keep_unsaved(&mut app, &mut rt, true);
    exit
}

/// Runs what is queued, then keeps the editor's unsaved text (as a draft,
/// else in a recovery file).
fn keep_unsaved(app: &mut App, rt: &mut Runtime<'_>, leaving: bool) {
    run_effects(app, rt.notes, rt.clipboard);
    for effect in app.exit_effects(leaving) {
        let outcome = rt.notes.run(&effect, rt.clipboard);
        app.on_outcome(outcome);
    }
    run_effects(app, rt.notes, rt.clipboard);
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<AppEvent>,
    rt: &mut Runtime<'_>,
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let search = rt.search;
    let index = rt.index;
    run_effects(app, rt.notes, rt.clipboard);
    terminal.draw(|f| ui::render(app, f))?;
    for req in app.take_requests() {
        search(req);
    }
    let mut next_tick = std::time::Instant::now() + TICK;
    loop {
        if app.index_wanted {
            app.index_wanted = false;
            index(app.corrections.clone(), app.index_generation);
        }
        // Ticks come while typing goes on too, not only in pauses.
        let first = if app.wants_ticks() || rt.notes.has_store() {
            let now = std::time::Instant::now();
            if now >= next_tick {
                next_tick = now + TICK;
                Some(AppEvent::Tick)
            } else {
                match events.recv_timeout(next_tick - now) {
                    Ok(ev) => Some(ev),
                    Err(RecvTimeoutError::Timeout) => None,
                    Err(RecvTimeoutError::Disconnected) => return Ok(Exit::TerminalGone),
                }
            }
        } else {
            next_tick = std::time::Instant::now() + TICK;
            match events.recv() {
                Ok(ev) => Some(ev),
                Err(_) => return Ok(Exit::TerminalGone),
            }
        };
        let Some(first) = first else { continue };
        let mut dirty = false;
        let mut next = Some(first);
        while let Some(ev) = next {
            match ev {
                AppEvent::Input(input) if event::is_suspend_key(&input) => {
                    suspend(terminal, app, rt)?;
                    dirty = true;
                }
                AppEvent::Suspend => {
                    suspend(terminal, app, rt)?;
                    dirty = true;
                }
                AppEvent::Continued => {
                    // A stop from outside (SIGSTOP) gave us no chance to
                    // restore; take the terminal again and redraw it all.
                    (rt.retake)()?;
                    forget_screen(terminal)?;
                    dirty = true;
                }
                AppEvent::Input(input) => dirty |= app.handle_event(&input),
                AppEvent::Signal(sig) => return Ok(Exit::Signal(sig)),
                AppEvent::InputClosed => return Ok(Exit::TerminalGone),
                AppEvent::Tick => {
                    app.on_tick();
                    // Notes written by another process (rroom notes add,
                    // another reading room) appear here too.
                    if let Some(notes) = rt.notes.changed_elsewhere() {
                        app.on_notes_changed(notes);
                        dirty = true;
                    }
                }
                AppEvent::Search(response) => {
                    app.on_search(response);
                    dirty = true;
                }
                AppEvent::Index(ix, generation) => {
                    app.on_index(ix, generation);
                    dirty = true;
                }
            }
            for req in app.take_requests() {
                search(req);
            }
            dirty |= run_effects(app, rt.notes, rt.clipboard);
            for notice in rt.notes.take_notices() {
                // It quotes a path: untrusted like any file name.
                app.status = Some(crate::corpus::sanitize::sanitize_label(&notice));
                dirty = true;
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
            terminal.draw(|f| ui::render(app, f))?;
        }
    }
}

/// Ctrl-Z: keep what is being written (a stopped process may never be
/// continued), give the terminal back, stop, and on return redraw it all.
fn suspend<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, rt: &mut Runtime<'_>) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    keep_unsaved(app, rt, false);
    (rt.suspend)()?;
    forget_screen(terminal)?;
    Ok(())
}

/// Makes the next draw repaint every cell: after a stop the screen holds
/// whatever the shell left. (`Terminal::clear` would ask the terminal for
/// its cursor position, which a terminal that does not answer turns into a
/// two-second wait and an error.)
fn forget_screen<B: Backend>(terminal: &mut Terminal<B>) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal.backend_mut().clear_region(ratatui::backend::ClearType::All)?;
    // The frame before the next one is now blank, as the screen is.
    terminal.draw(|_| {})?;
    Ok(())
}
