//! The terminal front: state + actions + pure rendering. `README.md` in
//! this folder maps each feature to its files and says where effects run.

pub mod action;
pub mod app;
pub mod browser;
pub mod catalog;
pub mod cite;
pub mod corpus_worker;
pub mod desk_worker;
pub mod drafts_prompt;
pub mod editor;
pub mod effects;
pub mod entity_pane;
pub mod event;
pub mod extract_worker;
pub mod finder;
pub mod help;
pub mod jobs;
pub mod keymap;
pub mod layout;
pub mod library_worker;
pub mod list;
pub mod list_view;
pub mod notes_view;
pub mod overlay;
pub mod reader;
pub mod reader_search;
pub mod reader_view;
pub mod reading;
pub mod rows;
pub mod selection;
pub mod setup;
pub mod source;
pub mod store_worker;
pub mod styles;
pub mod terminal;
pub mod together;
pub mod ui;
pub mod updater;
pub mod watch_pane;
pub mod watched;
pub mod work;

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use self::app::App;
use self::catalog::Catalog;
use self::event::AppEvent;

/// How the reading room ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    TerminalGone,
}

/// What the reading room reads: the catalog (over the index, or a corpus
/// in memory) and, over an index, how to bring it up to date and what to
/// watch for new files.
pub struct Source {
    pub catalog: Catalog,
    pub update: Option<Update>,
}

/// Keeping an index up to date while the reading room is open.
pub struct Update {
    pub run: updater::UpdateFn,
    /// The corpus paths to watch for new and changed files.
    pub watch: Vec<std::path::PathBuf>,
    /// Update at once (an existing index), or only when files change.
    pub now: bool,
}

/// Opens the reading room on the real terminal and runs it until the user quits.
pub fn run(
    source: Source,
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
    let Source { catalog, update } = source;
    let opener = catalog.opener();
    let wake = sender.clone();
    // It reads the catalog's titles at the first search, not now.
    let worker = jobs::Worker::start(opener.clone(), {
        let sender = sender.clone();
        move |r| sender.send(AppEvent::Search(r)).is_ok()
    })?;
    let _updater = match update {
        Some(update) => {
            let news = sender.clone();
            Some(updater::start(update, Box::new(move |n| news.send(AppEvent::Library(n)).is_ok()))?)
        }
        None => None,
    };
    // Near-duplicates need two articles at least.
    if catalog.len() > 1 {
        let groups_to = sender.clone();
        list_view::NearGroups::read_on_a_thread(opener.clone(), move |g| {
            let _ = groups_to.send(AppEvent::Groups(std::sync::Arc::new(g)));
        });
    }
    let size = guard.terminal.size()?;
    let mut app = App::new(catalog, options.keymap, options.theme, size.width, size.height);
    app.themes = options.themes;
    app.reader.max_width = options.reader_width;
    app.group_read = options.read_groups;
    app.browser = browser::from_env();
    app.resize(size.width, size.height);
    app.set_notes(notes.all(), notes.drafts());
    app.set_corrections(notes.corrections());
    app.set_watches(notes.watches());
    start_desk(&mut app, &notes, options.corpus_key.clone());
    if !warnings.is_empty() {
        let more =
            if warnings.len() > 1 { format!(" (+{} more)", warnings.len() - 1) } else { String::new() };
        app.status = Some(format!("{}{more}", warnings[0]));
    }
    let mut clipboard = std::io::stdout();
    let mouse = options.mouse;
    let exit = run_loop(
        &mut guard.terminal,
        app,
        &events,
        Runtime {
            search: &|req| worker.send(req),
            catalog_changed: &|| worker.reload(),
            notes: &mut notes,
            clipboard: &mut clipboard,
            suspend: &mut || terminal::suspend(mouse),
            retake: &mut || terminal::retake(mouse),
            wake,
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

/// The desk as the store left it: what was read and flagged, and (for a
/// corpus with a key) the place the analyst left off, reopened.
pub fn start_desk(app: &mut App, notes: &effects::NotesRuntime, corpus_key: Option<String>) {
    let (read, flagged) = notes.reading();
    app.reading.load(read, flagged);
    if let Some(at) = corpus_key.as_deref().and_then(|k| notes.left_off(k)) {
        app.reopen(&at);
    }
    app.left_off_key = corpus_key;
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
    /// The catalog changed: the search worker reads the titles again.
    pub catalog_changed: &'a dyn Fn(),
    pub notes: &'a mut effects::NotesRuntime,
    /// Receives clipboard escapes (OSC 52).
    pub clipboard: &'a mut dyn std::io::Write,
    /// Ctrl-Z or SIGTSTP: give the terminal back and stop; returns once continued.
    pub suspend: &'a mut dyn FnMut() -> std::io::Result<()>,
    /// SIGCONT: take the terminal again (raw mode, alternate screen).
    pub retake: &'a mut dyn FnMut() -> std::io::Result<()>,
    /// The loop's own event channel: the store worker wakes it with
    /// [`AppEvent::StoreAnswered`]. While it is held the channel stays open,
    /// so input that ends says so ([`AppEvent::InputClosed`]).
    pub wake: std::sync::mpsc::SyncSender<AppEvent>,
}

impl<'a> Runtime<'a> {
    /// A runtime with no workers, for a loop driven by a script (tests,
    /// benches): searches and catalog reloads go nowhere, and suspending
    /// does nothing (the workers the loop starts itself, for extraction,
    /// the desk and the corpus's entities, run as ever). The notes store and
    /// the clipboard are the caller's.
    pub fn scripted(
        notes: &'a mut effects::NotesRuntime,
        clipboard: &'a mut dyn std::io::Write,
        wake: std::sync::mpsc::SyncSender<AppEvent>,
    ) -> Runtime<'a> {
        fn no_search(_: jobs::SearchRequest) {}
        fn no_reload() {}
        fn no_stop() -> std::io::Result<()> {
            Ok(())
        }
        Runtime {
            search: &no_search,
            catalog_changed: &no_reload,
            notes,
            clipboard,
            // A function item is zero-sized: leaking its box allocates nothing.
            suspend: Box::leak(Box::new(no_stop)),
            retake: Box::leak(Box::new(no_stop)),
            wake,
        }
    }
}

/// The loop's side of the runtime: the store is on its worker.
struct Loop<'rt> {
    search: &'rt dyn Fn(jobs::SearchRequest),
    catalog_changed: &'rt dyn Fn(),
    store: store_worker::StoreWorker,
    extractor: extract_worker::ExtractWorker,
    corpus: corpus_worker::CorpusWorker,
    desk: desk_worker::DeskWorker,
    clipboard: &'rt mut dyn std::io::Write,
    suspend: &'rt mut dyn FnMut() -> std::io::Result<()>,
    retake: &'rt mut dyn FnMut() -> std::io::Result<()>,
    /// The loop's own channel, for what a short-lived thread reports.
    wake: std::sync::mpsc::SyncSender<AppEvent>,
}

/// Carries out everything the app has asked for ([`work::Work`]), until
/// nothing new is asked (a copy's outcome can queue more): store writes go
/// to the store worker, searches to the search worker, what the corpus
/// knows of entities to the corpus worker, long articles to the extraction
/// worker, the clipboard here.
/// True when anything was done.
fn carry_out(app: &mut App, lp: &mut Loop<'_>) -> bool {
    let mut did = false;
    // The bound only guards against a cycle that should never exist.
    for _ in 0..64 {
        let queued = app.take_work();
        if queued.is_empty() {
            break;
        }
        did = true;
        for work in queued {
            match work {
                work::Work::Store(effects::Effect::Copy(text)) => {
                    app.on_outcome(effects::copy(&text, lp.clipboard))
                }
                work::Work::Store(effects::Effect::OpenUrl(url)) => {
                    // The opener waits to see a launcher start (up to a
                    // quarter of a second each): never on the loop's thread.
                    let wake = lp.wake.clone();
                    let started = std::thread::Builder::new().name("browser".into()).spawn(move || {
                        let _ = wake.send(AppEvent::UrlOpened(browser::open(&url)));
                    });
                    if started.is_err() {
                        app.on_url_opened(Err("could not start a browser".into()));
                    }
                }
                work::Work::Store(other) => lp.store.send(store_worker::Job::Run(other)),
                work::Work::Search(req) => (lp.search)(req),
                work::Work::CatalogChanged => (lp.catalog_changed)(),
                work::Work::Corpus(job) => {
                    if let Some(answer) = lp.corpus.send(job) {
                        app.on_corpus(answer);
                    }
                }
                work::Work::Desk(job) => {
                    if let Some(answer) = lp.desk.send(job) {
                        app.on_desk(answer);
                    }
                }
                work::Work::Extract(job) => {
                    if let Some(answer) = lp.extractor.send(job) {
                        app.on_extracted(answer);
                    }
                }
            }
        }
    }
    did
}

/// Takes what the store said into the app; keys typed while it was busy
/// with the editor's text are handled now, in order. True when the answer
/// changed something (a poll that found nothing new changes nothing).
fn apply_answer(app: &mut App, answer: store_worker::Answer) -> bool {
    let mut changed = false;
    if let Some(outcome) = answer.outcome {
        app.on_outcome(outcome);
        for key in app.take_typeahead() {
            app.handle_event(&key);
        }
        changed = true;
    }
    // Notes written by another process (rroom notes add, another reading
    // room) appear here too.
    if let Some(notes) = answer.changed {
        app.on_notes_changed(notes);
        changed = true;
    }
    if let Some(notice) = answer.notices.into_iter().last() {
        // It quotes a path: untrusted like any file name.
        app.status = Some(crate::corpus::sanitize::sanitize_label(&notice));
        changed = true;
    }
    changed
}

/// Applies the answers that have arrived, without waiting; true if any
/// changed something.
fn take_answers(app: &mut App, lp: &mut Loop<'_>) -> bool {
    let mut any = false;
    while let Some(answer) = lp.store.try_answer() {
        any |= apply_answer(app, answer);
        carry_out(app, lp);
    }
    any
}

/// Sends what is queued and waits for every answer, and for what the
/// answers queue in turn (a saved note asks for its draft to be cleared),
/// until the store has nothing left to do.
fn drain(app: &mut App, lp: &mut Loop<'_>) {
    carry_out(app, lp);
    while let Some(answer) = lp.store.wait() {
        apply_answer(app, answer);
        carry_out(app, lp);
    }
}

/// The event loop, generic over the backend so tests can drive it. It draws
/// once, then only after events that changed something; events that arrive
/// together (a resize storm, fast typing) are handled before one redraw.
/// The notes store runs on a worker for as long as the loop does: keys never
/// wait for it. Whatever ends the loop (quit, a signal, closed input, a
/// failed draw), the queued effects are carried out, every answer is
/// waited for, and the note being written is kept.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    mut app: App,
    events: &Receiver<AppEvent>,
    rt: Runtime<'_>,
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    let Runtime { search, catalog_changed, notes, clipboard, suspend, retake, wake } = rt;
    let answers = wake.clone();
    let extractor = extract_worker::ExtractWorker::new(app.catalog.opener(), move |answer| {
        answers.send(AppEvent::Extracted(answer)).is_ok()
    });
    let answers = wake.clone();
    let desk = desk_worker::DeskWorker::new(app.catalog.opener(), move |answer| {
        answers.send(AppEvent::Desk(answer)).is_ok()
    });
    let answers = wake.clone();
    let corpus = corpus_worker::CorpusWorker::new(app.catalog.opener(), move |answer| {
        answers.send(AppEvent::Corpus(answer)).is_ok()
    });
    std::thread::scope(|scope| {
        let store = store_worker::StoreWorker::start(scope, notes, wake.clone());
        let mut lp = Loop {
            search,
            catalog_changed,
            store,
            extractor,
            desk,
            corpus,
            clipboard,
            suspend,
            retake,
            wake,
        };
        let exit = event_loop(terminal, &mut app, events, &mut lp);
        keep_unsaved(&mut app, &mut lp, true);
        lp.store.close();
        exit
    })
}

/// Runs what is queued, waits for the store, then keeps the editor's
/// unsaved text (as a draft, else in a recovery file).
fn keep_unsaved(app: &mut App, lp: &mut Loop<'_>, leaving: bool) {
    app.save_left_off();
    drain(app, lp);
    for effect in app.exit_effects(leaving) {
        lp.store.send(store_worker::Job::Run(effect));
    }
    drain(app, lp);
}

/// The next event: waits for one (input, a worker's answer), but not past
/// the next tick. `Err` when input is closed.
fn next_event(
    app: &App,
    lp: &Loop<'_>,
    events: &Receiver<AppEvent>,
    next_tick: &mut std::time::Instant,
) -> Result<Option<AppEvent>, ()> {
    let now = std::time::Instant::now();
    // Ticks come while typing goes on too, not only in pauses.
    let ticking = app.wants_ticks() || lp.store.has_store();
    if !ticking {
        *next_tick = now + TICK;
    }
    if ticking && now >= *next_tick {
        *next_tick = now + TICK;
        return Ok(Some(AppEvent::Tick));
    }
    let wait = ticking.then(|| next_tick.saturating_duration_since(now));
    match wait {
        Some(wait) => match events.recv_timeout(wait) {
            Ok(ev) => Ok(Some(ev)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(()),
        },
        None => events.recv().map(Some).map_err(|_| ()),
    }
}

fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &Receiver<AppEvent>,
    lp: &mut Loop<'_>,
) -> anyhow::Result<Exit>
where
    B::Error: Send + Sync + 'static,
{
    carry_out(app, lp);
    terminal.draw(|f| ui::render(app, f))?;
    let mut next_tick = std::time::Instant::now() + TICK;
    loop {
        let first = match next_event(app, lp, events, &mut next_tick) {
            Ok(ev) => ev,
            Err(()) => return Ok(input_closed(terminal, app, lp)),
        };
        let mut dirty = take_answers(app, lp);
        let mut next = first;
        while let Some(ev) = next {
            match ev {
                AppEvent::Input(input) if event::is_suspend_key(&input) => {
                    suspend(terminal, app, lp)?;
                    dirty = true;
                }
                AppEvent::Suspend => {
                    suspend(terminal, app, lp)?;
                    dirty = true;
                }
                AppEvent::Continued => {
                    // A stop from outside (SIGSTOP) gave us no chance to
                    // restore; take the terminal again and redraw it all.
                    (lp.retake)()?;
                    forget_screen(terminal)?;
                    dirty = true;
                }
                AppEvent::Input(input) => dirty |= app.handle_event(&input),
                AppEvent::Signal(sig) => return Ok(Exit::Signal(sig)),
                AppEvent::InputClosed => return Ok(input_closed(terminal, app, lp)),
                AppEvent::Tick => {
                    app.on_tick();
                    if lp.store.has_store() {
                        lp.store.send(store_worker::Job::Poll);
                    }
                }
                AppEvent::Search(response) => {
                    app.on_search(response);
                    dirty = true;
                }
                // Its answers are taken below, as after every event.
                AppEvent::StoreAnswered => {}
                AppEvent::Corpus(answer) => {
                    app.on_corpus(answer);
                    dirty = true;
                }
                AppEvent::Extracted(answer) => {
                    app.on_extracted(answer);
                    dirty = true;
                }
                AppEvent::Desk(answer) => {
                    app.on_desk(answer);
                    dirty = true;
                }
                AppEvent::UrlOpened(opened) => {
                    app.on_url_opened(opened);
                    dirty = true;
                }
                AppEvent::Library(news) => {
                    app.on_library(news);
                    dirty = true;
                }
                AppEvent::Groups(groups) => {
                    app.on_groups(groups);
                    dirty = true;
                }
            }
            dirty |= carry_out(app, lp);
            dirty |= take_answers(app, lp);
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

/// Input is closed: what the store still has to answer may decide how the
/// session ends (a quit waiting for the text to be kept), and the last frame
/// shows it, if the terminal is still there to show it.
fn input_closed<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, lp: &mut Loop<'_>) -> Exit
where
    B::Error: Send + Sync + 'static,
{
    // Finish what the store is doing and draw where things stand, always:
    // answers may have been applied in the batch that ended here without
    // being drawn, and whether the store is still busy at this moment is a
    // matter of timing. (On a terminal that is gone the draw just fails.)
    drain(app, lp);
    let _ = terminal.draw(|f| ui::render(app, f));
    if app.quit { Exit::Quit } else { Exit::TerminalGone }
}

/// Ctrl-Z: keep what is being written (a stopped process may never be
/// continued), give the terminal back, stop, and on return redraw it all.
fn suspend<B: Backend>(terminal: &mut Terminal<B>, app: &mut App, lp: &mut Loop<'_>) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    keep_unsaved(app, lp, false);
    (lp.suspend)()?;
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
