//! The one place messages reach stderr. Every line is sanitized (messages
//! quote file names, config keys and paths, which are untrusted), and a
//! stderr that is closed or full is ignored instead of panicking as
//! `eprintln!` does (`rroom list 2>&1 | head -1`).

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::corpus::sanitize::sanitize_inline;

static QUIET: AtomicBool = AtomicBool::new(false);

/// `--quiet`: load notices are not shown (errors and warnings still are).
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

pub fn is_quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// An error or a warning: always shown, as `rroom: MESSAGE`.
pub fn warn(message: &str) {
    write_lines(&prefixed(message));
}

/// A notice about loading: not shown with `--quiet`.
pub fn notice(message: &str) {
    if !is_quiet() {
        warn(message);
    }
}

/// Text that is already formatted (several lines, such as clap's usage
/// errors), written as it is but sanitized line by line.
pub fn raw(text: &str) {
    write_lines(text);
}

/// Is stderr a terminal (a progress bar can redraw itself there)?
pub fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// Redraws a one-line progress bar in place on a terminal's stderr (the
/// text sanitized; only the carriage return and erase-line are ours).
/// `done` ends the line.
pub fn progress_bar(text: &str, done: bool) {
    let mut line = format!("\rrroom: {}\u{1b}[K", clean_line(text));
    if done {
        line.push('\n');
    }
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(line.as_bytes()).and_then(|_| err.flush());
}

fn prefixed(message: &str) -> String {
    message.lines().map(|l| format!("rroom: {l}\n")).collect()
}

/// The lines of `text` made inert, to stderr; errors writing are ignored:
/// there is nowhere left to report them.
fn write_lines(text: &str) {
    let mut clean = String::with_capacity(text.len());
    for line in text.lines() {
        clean.push_str(&clean_line(line));
        clean.push('\n');
    }
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(clean.as_bytes()).and_then(|_| err.flush());
}

/// One line with every control character (ESC, BEL, C1, CR, …) shown as
/// a visible marker.
pub fn clean_line(line: &str) -> String {
    sanitize_inline(line).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_prefixed_and_made_inert() {
        assert_eq!(prefixed("a\nb"), "rroom: a\nrroom: b\n");
        let clean = clean_line("key \u{1b}]0;x\u{7} \u{9b}31m\r");
        assert!(!clean.chars().any(|c| c.is_control()), "{clean:?}");
    }
}
