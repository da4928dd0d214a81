//! The real binary, run as a user would, each run isolated in a home of its
//! own: no corpus from the environment, and the data, the configuration and
//! the working directory in that home.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The binary under test.
pub const RROOM: &str = env!("CARGO_BIN_EXE_rroom");

/// The environment that isolates a run in `home` (`None`: the variable is
/// removed). The pseudo-terminal sessions of [`super::pty`] use it too.
pub fn isolation(home: &Path) -> [(&'static str, Option<PathBuf>); 4] {
    [
        ("RROOM_CORPUS", None),
        ("RROOM_DATA_DIR", Some(home.join("data"))),
        ("HOME", Some(home.to_path_buf())),
        ("XDG_CONFIG_HOME", Some(home.join("config"))),
    ]
}

/// The binary, isolated in `home`, ready for its arguments.
pub fn command(home: &Path) -> Command {
    let mut cmd = Command::new(RROOM);
    for (key, value) in isolation(home) {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    cmd.current_dir(home);
    cmd
}

/// Runs the binary with `args`, isolated in `home`, to its end.
pub fn rroom(args: &[&str], home: &Path) -> Output {
    command(home).args(args).output().expect("run rroom")
}

/// A home with a corpus folder holding the seeds (as files, so that an
/// index is kept for it): the home and the folder.
pub fn seeded_home() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, bytes) in rroom::corpus::SEEDS {
        let file = Path::new(name).file_name().unwrap();
        std::fs::write(corpus.join(file), bytes).unwrap();
    }
    (home, corpus)
}

/// rroom over `corpus`, isolated in `home`.
pub fn rroom_on(home: &Path, corpus: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--corpus", corpus.to_str().unwrap()];
    all.extend_from_slice(args);
    rroom(&all, home)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON a successful run printed.
#[track_caller]
pub fn json(o: &Output) -> Value {
    assert!(o.status.success(), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

/// A run that failed as the command line fails: one line on stderr, holding
/// `message`, and exit code 1.
#[track_caller]
pub fn assert_one_line_error(o: &Output, message: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(message), "{err}");
}
