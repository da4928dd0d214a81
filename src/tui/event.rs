//! Everything the event loop waits for, from one channel: terminal input
//! (read on its own thread) and signals.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread;

use crossterm::event::Event;

/// What wakes the event loop.
#[derive(Debug)]
pub enum AppEvent {
    Input(Event),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: leave cleanly.
    Signal(i32),
    /// SIGTSTP (or Ctrl-Z, which raw mode delivers as a key): hand the
    /// terminal back and stop until continued.
    Suspend,
    /// SIGCONT: continued after a stop (ours, or a SIGSTOP from outside);
    /// the terminal may have been changed meanwhile, so take it again.
    Continued,
    /// Reading the terminal failed (it is gone).
    InputClosed,
    /// Search results from the worker.
    Search(super::jobs::SearchResponse),
    /// What the corpus knows of entities, from the corpus worker.
    Corpus(super::corpus_worker::CorpusAnswer),
    /// A long article's entities, from the extraction worker.
    Extracted(super::extract_worker::Extracted),
    /// Co-occurrence counts or the articles naming both, from the desk worker.
    Desk(super::desk_worker::DeskAnswer),
    /// What became of opening a link in the browser (`L`).
    UrlOpened(Result<(), String>),
    /// The index updater: progress, an update committed, a failure.
    Library(super::updater::LibraryNews),
    /// The near-duplicate groups, read off the UI thread at start.
    Groups(std::sync::Arc<super::list_view::NearGroups>),
    /// The store worker has answered: the loop takes its answers (it takes
    /// them after every event; this only wakes it).
    StoreAnswered,
    /// Time passed: the loop sends itself one every [`super::TICK`] while
    /// something waits on time (autosave); tests send them to script time.
    Tick,
}

/// How many events may wait; the input thread blocks beyond that, so a burst
/// (a resize storm, a paste) cannot grow memory without bound.
const QUEUE: usize = 1024;

/// Starts the input and signal threads; the sender is for other workers.
pub fn start() -> std::io::Result<(SyncSender<AppEvent>, Receiver<AppEvent>)> {
    let (tx, rx) = sync_channel(QUEUE);
    spawn_signals(tx.clone())?;
    let input = tx.clone();
    thread::Builder::new().name("input".into()).spawn(move || input_loop(input))?;
    Ok((tx, rx))
}

fn input_loop(tx: SyncSender<AppEvent>) {
    loop {
        match crossterm::event::read() {
            Ok(ev) => {
                if tx.send(AppEvent::Input(ev)).is_err() {
                    return;
                }
            }
            Err(_) => {
                let _ = tx.send(AppEvent::InputClosed);
                return;
            }
        }
    }
}

fn spawn_signals(tx: SyncSender<AppEvent>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    thread::Builder::new().name("signals".into()).spawn(move || {
        for sig in signals.forever() {
            let event = match sig {
                SIGTSTP => AppEvent::Suspend,
                SIGCONT => AppEvent::Continued,
                other => AppEvent::Signal(other),
            };
            if tx.send(event).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// Is this the key that suspends (Ctrl-Z)? Raw mode turns off the
/// terminal's own job control, so the app does it: in every mode, whatever
/// the key configuration says.
pub fn is_suspend_key(event: &Event) -> bool {
    use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    matches!(event, Event::Key(k)
        if k.kind != KeyEventKind::Release
            && k.modifiers.contains(KeyModifiers::CONTROL)
            && matches!(k.code, KeyCode::Char('z' | 'Z')))
}
