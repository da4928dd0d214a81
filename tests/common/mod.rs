//! Helpers shared by the integration tests. Each file in `tests/` is a test
//! binary of its own and takes this module with `mod common;`.
//!
//! - [`bin`]: the real binary run as a user would, isolated in a home of its own;
//! - [`pty`]: the real binary in a pseudo-terminal, read back through vt100;
//! - [`terminal`]: the checker of the bytes a terminal receives;
//! - [`screen`]: the app drawn on ratatui's test backend or its real crossterm one;
//! - [`child`]: this test binary run again as a child process;
//! - [`finder`]: the finder's property tests' words and brute-force reference;
//! - [`watched`]: the index updater of a watched corpus feeding the real loop;
//! - below: fixtures, the notes every store test writes, and small helpers.

// Each test binary uses only some of these helpers; the others would be dead
// code there (and `clippy --all-targets -D warnings` would fail on them).
#![allow(dead_code)]

pub mod bin;
pub mod child;
pub mod finder;
pub mod pty;
pub mod screen;
pub mod terminal;
pub mod watched;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use rroom::notes::{NewNote, Target};

/// A folder of `tests/fixtures`.
pub fn fixtures(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(dir)
}

/// A temporary directory of articles whose file names are `names` (raw
/// bytes: escape sequences and all). Article `i` is titled "Named file {i}"
/// and ends in `end-of-name-{i}.`; next to them lies a file of an unknown
/// type whose name holds an OSC 8 link.
pub fn articles_named(names: &[&[u8]]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (i, name) in names.iter().enumerate() {
        std::fs::write(
            dir.path().join(OsStr::from_bytes(name)),
            format!(
                "Named file {i}\n\nAn article whose file name is hostile, number {i}. end-of-name-{i}.\n"
            ),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join(OsStr::from_bytes(b"unknown\x1b]8;;x\x07.bin")), "x").unwrap();
    dir
}

/// The article the notes of the store tests are on.
pub const ARTICLE: &str = "7ada25d68e4b";

/// A note on the whole of [`ARTICLE`].
pub fn note(text: &str) -> NewNote {
    NewNote { article: ARTICLE.into(), target: Target::Article, text: text.into() }
}

/// The environment variable `name` parsed, or `default` when it is unset
/// or does not parse (for sizes a developer may raise: rounds, cases).
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Are the tests running as root (for whom file permissions do not hold)?
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}
