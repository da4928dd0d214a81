//! This test binary run again as a child process, to play the part of one of
//! its own tests (a test that does nothing in a normal run and acts when it
//! finds its environment variables), and the lines the child says to its
//! parent: `saved <id> <text>` for each note it has saved.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// This test binary, to run `test` alone with its output shown, stdin
/// closed and stdout piped; `env` tells the child what to do.
pub fn command(test: &str, env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([test, "--exact", "--nocapture", "--test-threads=1", "--quiet"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// The child says one line to its parent, at once.
pub fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    // A parent that went away ends the child.
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

/// The child acknowledges a saved note.
pub fn ack(id: i64, text: &str) {
    say(&format!("saved {id} {text}"));
}

/// The acknowledged notes among a child's lines: id → text.
pub fn acks(lines: &[String]) -> BTreeMap<i64, String> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("saved "))
        .map(|rest| {
            let (id, text) = rest.split_once(' ').unwrap();
            (id.parse().unwrap(), text.to_string())
        })
        .collect()
}
