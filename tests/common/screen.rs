//! The app drawn without a terminal: on ratatui's test backend (cells), or
//! through its real crossterm backend into memory (the bytes a terminal
//! would receive).

use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use rroom::tui::app::App;
use rroom::tui::ui;

/// One frame of `app` on a `w`×`h` test backend.
pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term
}

/// What ratatui's real crossterm backend writes for one full `w`×`h` frame.
pub fn frame_bytes(app: &App, w: u16, h: u16) -> Vec<u8> {
    let mut buf: Vec<u8> = Vec::new();
    {
        let backend = CrosstermBackend::new(&mut buf);
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, w, h)) };
        let mut term = Terminal::with_options(backend, options).unwrap();
        term.draw(|f| ui::render(app, f)).unwrap();
    }
    buf
}

/// A `w`×`h` test terminal for the real loop that sends every frame it
/// draws, as text, to the receiver returned with it.
pub fn watched_terminal(
    w: u16,
    h: u16,
) -> (
    Terminal<rroom::tui::watched::WatchedBackend<impl FnMut(&TestBackend)>>,
    std::sync::mpsc::Receiver<String>,
) {
    let (frame_tx, frames) = std::sync::mpsc::channel();
    let backend = rroom::tui::watched::WatchedBackend::new(w, h, move |b: &TestBackend| {
        let _ = frame_tx.send(b.to_string());
    });
    (Terminal::new(backend).unwrap(), frames)
}

/// The first frame showing `text`, or `None` when the loop ends first.
/// The bound only keeps a broken loop from hanging the test: it then fails.
pub fn frame_showing(frames: &std::sync::mpsc::Receiver<String>, text: &str) -> Option<String> {
    while let Ok(frame) = frames.recv_timeout(std::time::Duration::from_secs(300)) {
        if frame.contains(text) {
            return Some(frame);
        }
    }
    None
}
