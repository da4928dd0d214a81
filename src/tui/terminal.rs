//! Owning the terminal: raw mode and the alternate screen on the way in, and
//! always restored on the way out (normal exit, error, panic, signals).

use std::io::{self, IsTerminal, Write};

use crossterm::{cursor, execute, terminal};
use ratatui::DefaultTerminal;

/// Why the TUI cannot start here.
pub fn unsupported_reason() -> Option<String> {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        return Some(
            "rroom's reading room needs an interactive terminal (stdin and stdout are not both a TTY)".into(),
        );
    }
    match std::env::var("TERM") {
        Ok(t) if t == "dumb" => Some("rroom's reading room cannot draw on TERM=dumb".into()),
        _ => None,
    }
}

/// Puts the terminal back as it was. Safe to call more than once, and when
/// the terminal is gone (after SIGHUP every write fails; that is fine).
pub fn restore() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ =
        execute!(out, crossterm::event::DisableMouseCapture, terminal::LeaveAlternateScreen, cursor::Show);
    let _ = out.flush();
}

/// Restores the terminal when dropped, whichever way the TUI ends.
pub struct Guard {
    pub terminal: DefaultTerminal,
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Enters raw mode and the alternate screen, and makes a panic restore the
/// terminal before its message is printed.
pub fn enter(mouse: bool) -> io::Result<Guard> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    terminal::enable_raw_mode()?;
    let mut entered = execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide);
    if mouse && entered.is_ok() {
        entered = execute!(io::stdout(), crossterm::event::EnableMouseCapture);
    }
    if let Err(e) = entered {
        restore();
        return Err(e);
    }
    let backend = ratatui::backend::CrosstermBackend::new(io::stdout());
    match ratatui::Terminal::new(backend) {
        Ok(terminal) => Ok(Guard { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}
