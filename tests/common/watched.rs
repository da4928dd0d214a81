//! The index updater of a watched corpus, feeding the loop's events as the
//! reading room wires it, for tests that drop files into a folder while
//! the real loop runs.

use std::sync::mpsc::{Receiver, SyncSender, channel};

use rroom::tui::event::AppEvent;
use rroom::tui::updater::{self, LibraryNews, Updater};

/// Starts `update`'s thread with its news sent to `events`. The receiver
/// says when the folder watcher is set up (true) or could not be (false):
/// drop files only after it says true.
pub fn start_updater(update: rroom::tui::Update, events: SyncSender<AppEvent>) -> (Updater, Receiver<bool>) {
    let (watching_tx, watching) = channel();
    let tell = move |news: LibraryNews| {
        if let LibraryNews::Watching(on) = &news {
            let _ = watching_tx.send(*on);
        }
        events.send(AppEvent::Library(news)).is_ok()
    };
    let updater = updater::start(update, Box::new(tell)).expect("the updater thread starts");
    (updater, watching)
}
