//! Inputs a user or an attacker controls, read the way rroom must read
//! them (issue 11): links out of a corpus folder, files that are not
//! regular files, configs with problems, bytes in legacy encodings, messages
//! that quote untrusted names, a closed stderr, and what is said on stderr
//! while loading.
//!
//! Nothing here depends on timing: a run that could hang is watched with a
//! generous limit that only turns a hang into a failure.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::bin::{self, rroom, stderr, stdout};
use rroom::corpus::{Corpus, LoadOptions, Severity};

const GOOD: &str = "Good article headline\n\nThis article is fine and loads. end-of-good.\n";

/// Only a hang guard: far longer than any of these runs takes on a loaded
/// machine.
const HANG: Duration = Duration::from_secs(300);

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

/// Runs `cmd` to its end; fails (and kills it) if it hangs.
fn run_guarded(mut cmd: Command) -> Output {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).stdin(Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("rroom hung (waited {HANG:?})");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Bytes a terminal could take as a command: C0 controls other than the
/// newline, DEL, and C1 controls (raw or UTF-8 encoded).
fn control_bytes(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    text.chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect()
}

fn corpus_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    dir
}

// ---------------------------------------------------------------------------
// Item 8: symbolic links out of a corpus folder.

#[test]
fn links_out_of_a_corpus_folder_are_skipped_with_one_notice() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "Secret headline\n\nSecret text end-of-secret.\n").unwrap();
    let dir = corpus_dir();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("root")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", dir.path().join("passwd.txt")).unwrap();
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 1, "{:?}", corpus.note_lines());
    assert!(corpus.articles[0].body.contains("end-of-good"));
    let lines = corpus.note_lines();
    assert_eq!(lines.len(), 1, "one notice for all the links: {lines:?}");
    assert!(lines[0].contains("3 symbolic links") && lines[0].contains("--follow-links"), "{lines:?}");
}

#[test]
fn follow_links_follows_links_out_of_the_folder() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("far.txt"), "Far headline\n\nFar away text end-of-far.\n").unwrap();
    let dir = corpus_dir();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("far")).unwrap();
    let corpus = Corpus::load_with(&[dir.path().to_path_buf()], &LoadOptions { follow_links: true });
    assert_eq!(corpus.articles.len(), 2, "{:?}", corpus.note_lines());
    // And from the command line.
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&["list", "--follow-links", "--corpus", dir.path().to_str().unwrap()], tmp.path());
    assert!(stdout(&out).contains("Far headline"), "{}", stderr(&out));
    let out = rroom(&["list", "--corpus", dir.path().to_str().unwrap()], tmp.path());
    assert!(!stdout(&out).contains("Far headline"), "{}", stdout(&out));
}

#[test]
fn a_link_named_on_the_command_line_is_read_as_given() {
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("far.txt"), "Far headline\n\nFar away text end-of-far.\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(outside.path().join("far.txt"), &link).unwrap();
    let linked_dir = dir.path().join("linked");
    std::os::unix::fs::symlink(outside.path(), &linked_dir).unwrap();
    assert_eq!(Corpus::load(std::slice::from_ref(&link)).articles.len(), 1);
    let corpus = Corpus::load(&[linked_dir]);
    assert_eq!(corpus.articles.len(), 1, "a linked folder named directly: {:?}", corpus.note_lines());
}

#[test]
fn links_inside_the_folder_load_each_file_once() {
    let dir = corpus_dir();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("inner.txt"), "Inner headline\n\nInner text end-of-inner.\n").unwrap();
    std::os::unix::fs::symlink("good.txt", dir.path().join("alias.txt")).unwrap();
    std::os::unix::fs::symlink("sub", dir.path().join("again")).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 2, "{:?}", corpus.note_lines());
    assert!(
        corpus.load_notes.iter().all(|n| n.severity != Severity::Duplicate),
        "a file reached twice through links is loaded once, not reported as a copy: {:?}",
        corpus.note_lines()
    );
}

// ---------------------------------------------------------------------------
// Item 12: no control bytes from names reach stderr.

#[test]
fn stderr_never_carries_control_bytes_from_names() {
    let tmp = tempfile::tempdir().unwrap();
    // A config key name with ESC in it.
    let config = tmp.path().join("config.toml");
    fs::write(&config, "\"\\u001b]0;pwned\\u0007col\\u009bour\" = 1\ntheme = \"light\"\n").unwrap();
    let out = rroom(&["list", "--config", config.to_str().unwrap()], tmp.path());
    assert!(stderr(&out).contains("col"), "the key is reported: {}", stderr(&out));
    assert_eq!(control_bytes(&out.stderr), Vec::<String>::new(), "{:?}", stderr(&out));
    let out = rroom(&["config", "--config", config.to_str().unwrap()], tmp.path());
    assert_eq!(control_bytes(&out.stderr), Vec::<String>::new(), "{:?}", stderr(&out));
    assert_eq!(control_bytes(&out.stdout), Vec::<String>::new(), "{:?}", stdout(&out));

    // A data dir whose path holds ESC and BEL, and that cannot be made (a
    // file is in the way).
    let blocker = tmp.path().join(OsStr::from_bytes(b"in\x1b[31mthe\x07way"));
    fs::write(&blocker, "x").unwrap();
    let data = blocker.join("data");
    let out =
        bin::command(tmp.path()).arg("notes").arg("list").arg("--data-dir").arg(&data).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("the"), "the path is reported: {}", stderr(&out));
    assert_eq!(control_bytes(&out.stderr), Vec::<String>::new(), "{:?}", stderr(&out));

    // Corpus file names with ESC, BEL and C1 controls.
    let dir = common::articles_named(&[b"a\x1b[2Jb.txt", b"bell\x07.txt", b"c1\xc2\x9b31m.txt"]);
    fs::write(dir.path().join(OsStr::from_bytes(b"bin\x1b]8;;x\x07.txt")), b"\0\0binary").unwrap();
    let out = rroom(&["list", "--corpus", dir.path().to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("binary"), "{}", stderr(&out));
    assert_eq!(control_bytes(&out.stderr), Vec::<String>::new(), "{:?}", stderr(&out));
}

// ---------------------------------------------------------------------------
// Item 15: only regular files are read, with a size cap, without blocking.

#[test]
fn a_fifo_as_the_config_is_refused_without_waiting() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("config.toml");
    mkfifo(&fifo);
    let mut cmd = bin::command(tmp.path());
    cmd.args(["list", "--config"]).arg(&fifo);
    let out = run_guarded(cmd);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

#[test]
fn a_device_as_the_config_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut cmd = bin::command(tmp.path());
    cmd.args(["config", "--config", "/dev/zero"]);
    let out = run_guarded(cmd);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
}

#[test]
fn a_huge_config_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.toml");
    // Sparse: 64 MiB of nothing, costing no disk.
    fs::File::create(&big).unwrap().set_len(64 << 20).unwrap();
    let out = rroom(&["config", "--config", big.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("larger than 1 MiB"), "{}", stderr(&out));
}

#[test]
fn a_fifo_in_the_themes_folder_is_skipped_with_a_warning() {
    use rroom::tui::styles::ColorDepth;
    let dir = tempfile::tempdir().unwrap();
    let themes = dir.path().join("themes");
    fs::create_dir(&themes).unwrap();
    mkfifo(&themes.join("pipe.toml"));
    fs::write(themes.join("night.toml"), "inherits = \"default\"\n").unwrap();
    let themes2 = themes.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let config = rroom::config::Config::default();
        let _ = tx.send(rroom::tui::setup::options_for(&config, None, ColorDepth::TrueColor, Some(themes2)));
    });
    let (opts, warnings) = rx.recv_timeout(HANG).expect("reading the themes folder hung");
    assert!(opts.themes.iter().any(|t| t.name == "night"));
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("pipe.toml") && warnings[0].contains("not a regular file"), "{warnings:?}");
}

// ---------------------------------------------------------------------------
// Item 16: a closed stderr.

#[test]
fn a_closed_stderr_is_not_a_panic() {
    let dir = corpus_dir();
    fs::write(dir.path().join("bin.txt"), b"\0\0binary").unwrap();
    fs::write(dir.path().join("notes.pdf"), b"%PDF").unwrap();
    let mut fds = [0; 2];
    // SAFETY: a two-element array for pipe() to fill.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    // SAFETY: both descriptors were just made by pipe() and are owned here.
    let (read, write) = unsafe {
        use std::os::fd::FromRawFd;
        (std::os::fd::OwnedFd::from_raw_fd(fds[0]), std::os::fd::OwnedFd::from_raw_fd(fds[1]))
    };
    drop(read);
    let tmp = tempfile::tempdir().unwrap();
    let out = bin::command(tmp.path())
        .args(["list", "--corpus", dir.path().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::from(write))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("Good article headline"));
}

// ---------------------------------------------------------------------------
// Item 21: paths that do not exist are errors.

#[test]
fn a_corpus_that_does_not_exist_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&["--corpus", "/nonexistent/rroom", "list"], tmp.path());
    common::bin::assert_one_line_error(&out, "/nonexistent/rroom");
    assert!(stderr(&out).contains("No such file"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn a_config_named_but_missing_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in ["config", "list"] {
        let out = rroom(&[cmd, "--config", "/nonexistent.toml"], tmp.path());
        common::bin::assert_one_line_error(&out, "/nonexistent.toml");
        assert!(!stdout(&out).contains("all defaults"), "{}", stdout(&out));
    }
}

// ---------------------------------------------------------------------------
// Item 22: one validation for `rroom config` and the app.

const BAD_CONFIG: &str = "theme = \"light\"\n\
    colour = \"red\"\n\
    reader_width = 60\n\
    [keys.normal]\n\
    x = \"quit\"\n\
    z = \"explode\"\n";

#[test]
fn rroom_config_reports_each_problem_with_its_line_and_prints_toml() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    fs::write(&config, BAD_CONFIG).unwrap();
    let out = rroom(&["config", "--config", config.to_str().unwrap()], tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("config.toml:2:") && err.contains("unknown setting 'colour'"), "{err}");
    assert!(err.contains("config.toml:6:") && err.contains("unknown action 'explode'"), "{err}");
    let text = stdout(&out);
    assert!(!text.contains("Config {") && !text.contains("Some("), "not a debug dump: {text}");
    let parsed: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(parsed["theme"].as_str(), Some("light"), "{text}");
    assert_eq!(parsed["reader_width"].as_integer(), Some(60), "{text}");
    assert_eq!(parsed["keys"]["normal"]["x"].as_str(), Some("quit"), "{text}");
    assert!(parsed["keys"]["normal"].get("z").is_none(), "{text}");
}

#[test]
fn one_bad_key_does_not_throw_away_the_rest_of_the_config() {
    let checked = rroom::config::Config::check("config.toml", BAD_CONFIG);
    assert_eq!(checked.config.theme.as_deref(), Some("light"));
    assert_eq!(checked.config.reader_width, Some(60));
    let lines: Vec<usize> = checked.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![2, 6], "{:?}", checked.problems);
    // The app reports the same problems and applies the rest.
    let (opts, warnings) = rroom::tui::setup::options_for(
        &checked.config,
        None,
        rroom::tui::styles::ColorDepth::TrueColor,
        None,
    );
    assert_eq!(opts.theme.name, "light");
    assert_eq!(opts.reader_width, 60);
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn a_good_config_is_ok_and_exit_0() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("config.toml");
    fs::write(&config, "theme = \"light\"\n[keys.normal]\nx = \"quit\"\n").unwrap();
    let out = rroom(&["config", "--config", config.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("theme = \"light\""), "{}", stdout(&out));
}

#[test]
fn a_key_config_that_locks_the_user_in_is_refused() {
    let text = "[keys.normal]\nq = \"none\"\nesc = \"none\"\n\"ctrl-c\" = \"top\"\n";
    let checked = rroom::config::Config::check("config.toml", text);
    let all: Vec<String> = checked.problems.iter().map(ToString::to_string).collect();
    assert!(all.iter().any(|p| p.contains("no key is left to quit or go back")), "{all:?}");
    assert!(all.iter().any(|p| p.contains("ctrl-c always quits")), "{all:?}");
    let (opts, _) = rroom::tui::setup::options_for(
        &checked.config,
        None,
        rroom::tui::styles::ColorDepth::TrueColor,
        None,
    );
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rroom::tui::{action::Action, keymap::Mode};
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(opts.keymap.action(Mode::Normal, &q), Some(Action::Quit));
    assert_eq!(opts.keymap.action(Mode::Normal, &ctrl_c), Some(Action::Quit));
}

// ---------------------------------------------------------------------------
// Item 24: legacy encodings.

#[test]
fn windows_1252_quotes_become_curly_quotes() {
    let c = Corpus::from_bytes("a.txt", b"Headline here\n\n\x93quoted\x94 and caf\xe9 \x96 a dash.\n");
    assert_eq!(c.articles.len(), 1);
    assert!(
        c.articles[0].body.contains("\u{201c}quoted\u{201d} and café \u{2013} a dash"),
        "{}",
        c.articles[0].body
    );
    let lines = c.note_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("windows-1252"), "{lines:?}");
}

#[test]
fn html_meta_charset_is_honoured() {
    // "東京" in Shift_JIS.
    let mut sjis = b"<html><head><meta charset=\"shift_jis\"><title>t</title></head><body><p>".to_vec();
    sjis.extend(b"\x93\x8c\x8b\x9e tokyo text</p></body></html>");
    let c = Corpus::from_bytes("a.html", &sjis);
    assert!(c.articles[0].body.contains("東京 tokyo text"), "{}", c.articles[0].body);
    assert!(c.note_lines().iter().any(|l| l.contains("Shift_JIS")), "{:?}", c.note_lines());
    // "Москва" in KOI8-R, declared the old way.
    let mut koi =
        b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">".to_vec();
    koi.extend(b"</head><body><p>\xed\xcf\xd3\xcb\xd7\xc1 moscow text</p></body></html>");
    let c = Corpus::from_bytes("b.html", &koi);
    assert!(c.articles[0].body.contains("Москва moscow text"), "{}", c.articles[0].body);
}

// ---------------------------------------------------------------------------
// Item 28: what loading says on stderr.

fn routine_corpus() -> tempfile::TempDir {
    let dir = corpus_dir();
    fs::write(dir.path().join("copy.txt"), GOOD).unwrap();
    fs::write(dir.path().join("copy2.txt"), GOOD).unwrap();
    fs::write(dir.path().join("README.txt"), "About this folder\n\nIt holds articles.\n").unwrap();
    fs::write(dir.path().join("cp1252.txt"), b"Quoted headline\n\n\x93A quote\x94 in a 1252 file.\n")
        .unwrap();
    dir
}

#[test]
fn loading_says_one_short_line_by_default_and_nothing_with_quiet() {
    let dir = routine_corpus();
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&["list", "--corpus", dir.path().to_str().unwrap()], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.len() < 200, "a short line: {err}");
    for flag in ["--quiet", "-q"] {
        let out = rroom(&["list", flag, "--corpus", dir.path().to_str().unwrap()], tmp.path());
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(stderr(&out), "", "{flag}");
        assert_eq!(stdout(&out).lines().count(), 2);
    }
    // Errors are still said.
    let out = rroom(&["-q", "--corpus", "/nonexistent/rroom", "list"], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/nonexistent/rroom"), "{}", stderr(&out));
}

#[test]
fn rroom_config_reports_a_theme_that_does_not_exist() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("c.toml");
    fs::write(&cfg, "theme = \"nope\"\n").unwrap();
    let out = rroom(&["--config", cfg.to_str().unwrap(), "config"], home.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no theme called 'nope'"), "{}", stderr(&out));
    fs::write(&cfg, "theme = \"light\"\n").unwrap();
    let out = rroom(&["--config", cfg.to_str().unwrap(), "config"], home.path());
    assert!(out.status.success(), "{}", stderr(&out));
}
