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

/// Raw mode, the alternate screen, a hidden cursor and (if asked) the mouse.
fn take(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(io::stdout(), crossterm::event::EnableMouseCapture)?;
    }
    Ok(())
}

/// Takes the terminal again after a stop (the shell may have reset it).
pub fn retake(mouse: bool) -> io::Result<()> {
    take(mouse)
}

/// Ctrl-Z: gives the terminal back to the shell as it was, stops the
/// process, and, once continued (`fg`), takes the terminal again. The
/// caller redraws everything.
pub fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    // SIGSTOP, not SIGTSTP: our SIGTSTP handler would only send us here again.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    retake(mouse)
}

/// Drops what was typed at the terminal and not yet read. Keys typed while
/// a first index was built went through the line discipline (Enter became
/// a line feed, which raw mode reads as Ctrl-J, "down"), typed blind at a
/// progress bar: they are not taken as commands to the reading room.
pub fn discard_typeahead() {
    if io::stdin().is_terminal() {
        // SAFETY: tcflush on the process's own standard input descriptor.
        unsafe {
            libc::tcflush(libc::STDIN_FILENO, libc::TCIFLUSH);
        }
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
    if let Err(e) = take(mouse) {
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
