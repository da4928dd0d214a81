//! Keeping the index up to date while the reading room is open: one
//! thread runs the library's update (only new or changed files are read;
//! the list stays usable from the last commit meanwhile, WAL letting the
//! UI's handle read on), reports its progress, and runs it again when the
//! corpus folders change (a file watcher, `notify`, wakes it). What it says
//! reaches the loop as [`AppEvent::Library`] events; [`LibraryState`] is
//! what the app keeps of them (the status line's progress, the "N new"
//! marker of the list).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::library::update::{Progress, Report};

/// What the updater tells the loop.
#[derive(Debug, Clone)]
pub enum LibraryNews {
    /// The watcher is set up (true), or the corpus cannot be watched.
    Watching(bool),
    /// How far the update in progress is.
    Progress(Progress),
    /// An update committed: the catalog may have changed. `watched` when
    /// it ran because files changed while the reading room was open.
    Updated { report: Report, watched: bool },
    /// The update failed; the list stays as the index had it.
    Failed(String),
}

/// Where the updater's news go (the loop makes each an event); false once
/// nobody listens (the thread ends).
pub type Tell = Box<dyn Fn(LibraryNews) -> bool + Send>;

/// One run of the update: told progress, says what it did.
pub type UpdateFn = Box<dyn FnMut(&mut dyn FnMut(&Progress)) -> Result<Report, String> + Send>;

/// How long the watcher waits for a burst of changes (a copy of many
/// files, an editor's save in steps) to settle before updating.
const SETTLE: Duration = Duration::from_millis(300);

/// The updater's handle: dropping it stops the watcher and the thread
/// (after the update in progress, which commits in batches).
pub struct Updater {
    wake: Sender<()>,
    stop: Arc<AtomicBool>,
}

impl Drop for Updater {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.wake.send(());
    }
}

/// Starts the updater: it updates at once (when `now`), then whenever
/// something changes under the watched paths. The watcher is set up on the
/// updater's thread (watching a folder tree walks it: not before the first
/// frame); a corpus on a file system that cannot be watched is only updated
/// on start.
pub fn start(update: super::Update, tell: Tell) -> std::io::Result<Updater> {
    let super::Update { run: mut update, watch, now } = update;
    let (wake, woken) = channel::<()>();
    let stop = Arc::new(AtomicBool::new(false));
    let (waker, stopped) = (wake.clone(), stop.clone());
    std::thread::Builder::new().name("update".into()).spawn(move || {
        let watcher = watcher(&watch, waker);
        if tell(LibraryNews::Watching(watcher.is_some())) {
            run(&mut update, now, &woken, &stopped, &tell);
        }
    })?;
    Ok(Updater { wake, stop })
}

fn run(update: &mut UpdateFn, now: bool, woken: &Receiver<()>, stop: &AtomicBool, tell: &Tell) {
    let mut watched = !now;
    if !now && !wait_for_change(woken, stop) {
        return;
    }
    loop {
        let mut last = std::time::Instant::now();
        let mut report = |p: &Progress| {
            // A few a second at most: each one redraws the screen.
            let done = p.files_done == p.files_total;
            if done || last.elapsed() >= Duration::from_millis(100) {
                last = std::time::Instant::now();
                tell(LibraryNews::Progress(p.clone()));
            }
        };
        let news = match update(&mut report) {
            Ok(report) => LibraryNews::Updated { report, watched },
            Err(e) => LibraryNews::Failed(e),
        };
        if !tell(news) {
            return;
        }
        if !wait_for_change(woken, stop) {
            return;
        }
        watched = true;
    }
}

/// Waits for a change, then for the burst to settle; false when the
/// reading room is gone.
fn wait_for_change(woken: &Receiver<()>, stop: &AtomicBool) -> bool {
    if woken.recv().is_err() || stop.load(Ordering::SeqCst) {
        return false;
    }
    loop {
        match woken.recv_timeout(SETTLE) {
            Ok(()) if stop.load(Ordering::SeqCst) => return false,
            Ok(()) => continue,
            Err(RecvTimeoutError::Timeout) => return true,
            Err(RecvTimeoutError::Disconnected) => return false,
        }
    }
}

/// Watches the corpus paths (folders recursively); every change wakes the
/// updater. `None` when the platform or file system cannot watch them.
fn watcher(paths: &[PathBuf], wake: Sender<()>) -> Option<notify::RecommendedWatcher> {
    use notify::{EventKind, RecursiveMode, Watcher};
    let mut w = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && matches!(ev.kind, EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_))
        {
            let _ = wake.send(());
        }
    })
    .ok()?;
    let mut any = false;
    for p in paths {
        any |= w.watch(p, RecursiveMode::Recursive).is_ok();
    }
    any.then_some(w)
}

/// What the app keeps of the updater's news.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryState {
    /// The update in progress, for the status line.
    pub progress: Option<(usize, usize, usize)>,
    /// Articles that arrived while the reading room was open, not yet seen.
    pub new: usize,
    /// The last update's failure, if it failed.
    pub failed: Option<String>,
    /// New files in the corpus folders are noticed while open.
    pub watching: bool,
}

impl LibraryState {
    /// The status line's words for it ("indexing 3/40 files"), if any.
    pub fn progress_text(&self) -> Option<String> {
        let (done, total, articles) = self.progress?;
        Some(format!("indexing {done}/{total} files, {} · ", crate::text::count(articles, "article")))
    }

    /// The list title's marker ("3 new"), if any.
    pub fn marker(&self) -> Option<String> {
        (self.new > 0).then(|| format!("{} new", self.new))
    }
}
