//! Faults of size, shape and the file system in a corpus, and the notes
//! store faults that `tests/notes_store.rs` does not cover (a deleted
//! `-wal`, a full disk).
//!
//! Every corpus case sits next to a good article, which must still load: a
//! clear note or a truncation notice, no hang, no panic. A hang is caught by
//! a guard so generous that no loaded machine comes near it (speed is
//! measured in benches/, never asserted here). Big inputs are generated in a temporary directory at test time.
//! Child processes are this test binary run again with `RROOM_FAULTS_CHILD`
//! set (the `faults_child` test plays the child; a no-op otherwise).

mod common;

use std::collections::BTreeMap;
use std::ffi::CString;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::child::{self, ack, acks, say};
use common::{bin, env_or, fixtures, is_root, note};
use rroom::corpus::{Corpus, LoadNote, Severity};
use rroom::notes::{Filter, Store};

const GOOD: &str =
    "Good article headline\n\nThis article is fine and must load whatever its neighbours do. end-of-good.\n";

/// Only a hang guard: far longer than any case here takes on a loaded
/// machine (the loads share rayon's pool with every other test in this
/// binary, so their time says nothing about the loader).
const HANG: Duration = Duration::from_secs(600);

/// Runs `f` on a thread and fails if it hangs.
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(HANG) {
        Ok(v) => {
            eprintln!("{what}: {:?}", start.elapsed());
            v
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: still running after {HANG:?} (a hang)"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// A directory with the good article in it.
fn dir_with_good() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), GOOD).unwrap();
    dir
}

/// Loads `paths` (with a hang guard) and checks the good article is there.
fn load_checked(paths: Vec<PathBuf>, what: &str) -> Corpus {
    let corpus = within(what, move || Corpus::load(&paths));
    assert!(
        corpus.articles.iter().any(|a| a.body.contains("end-of-good")),
        "{what}: the good article did not load: {:?}",
        corpus.note_lines()
    );
    corpus
}

fn note_for<'a>(corpus: &'a Corpus, file: &str) -> Vec<&'a LoadNote> {
    corpus.load_notes.iter().filter(|n| n.path.ends_with(file)).collect()
}

fn assert_note(corpus: &Corpus, file: &str, severity: Severity, message: &str) {
    let notes = note_for(corpus, file);
    assert!(
        notes.iter().any(|n| n.severity == severity && n.message.contains(message)),
        "{file}: expected a {severity:?} note with {message:?}, got {:?}",
        corpus.note_lines()
    );
}

/// The body of the article loaded from `file`, or nothing.
fn body_of(corpus: &Corpus, file: &str) -> String {
    corpus.articles.iter().find(|a| a.origin.path.ends_with(file)).map(|a| a.body.clone()).unwrap_or_default()
}

fn fixture(name: &str) -> PathBuf {
    fixtures("shape").join(name)
}

fn cstr(p: &Path) -> CString {
    CString::new(p.as_os_str().as_bytes()).unwrap()
}

// ---------------------------------------------------------------------------
// Size and shape.

#[test]
fn empty_and_whitespace_only_files_are_skipped_with_a_message() {
    let dir = dir_with_good();
    for f in ["empty.txt", "whitespace.txt"] {
        fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let corpus = load_checked(vec![dir.path().into()], "empty files");
    assert_eq!(corpus.articles.len(), 1);
    assert_note(&corpus, "empty.txt", Severity::Skipped, "no text");
    assert_note(&corpus, "whitespace.txt", Severity::Skipped, "no text");
}

#[test]
fn cr_only_and_crlf_line_ends_read_like_lf() {
    for (file, lf) in [
        (
            "cr_only.txt",
            "CR only headline\n\nFirst paragraph with old Mac line ends.\nSecond line of it. end-of-cr.\n",
        ),
        (
            "crlf.txt",
            "CRLF headline\n\nFirst paragraph with Windows line ends.\nSecond line of it. end-of-crlf.\n",
        ),
    ] {
        let got = Corpus::from_bytes(file, &fs::read(fixture(file)).unwrap());
        let want = Corpus::from_bytes(file, lf.as_bytes());
        assert!(got.load_notes.is_empty(), "{file}: {:?}", got.note_lines());
        let (g, w) = (&got.articles[0], &want.articles[0]);
        assert_eq!((&g.title, &g.body, &g.id), (&w.title, &w.body, &w.id), "{file}");
        assert!(!g.body.contains('␍') && !g.title.contains('␍'), "{file}: a CR shown as a control");
    }
}

#[test]
fn invalid_utf8_utf16_and_binary_files() {
    let dir = dir_with_good();
    for f in [
        "invalid_utf8.txt",
        "utf16le.txt",
        "utf16be.txt",
        "utf16_odd.txt",
        "utf16_lone_surrogate.txt",
        "utf16_no_bom.txt",
        "binary.txt",
    ] {
        fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let corpus = load_checked(vec![dir.path().into()], "encodings");
    let body = |file: &str| body_of(&corpus, file);
    assert_note(&corpus, "invalid_utf8.txt", Severity::Warning, "invalid byte sequence");
    assert!(body("invalid_utf8.txt").contains("Valid café then invalid \u{FFFD}"));
    assert!(body("invalid_utf8.txt").ends_with("end-of-invalid."));
    assert_note(&corpus, "utf16le.txt", Severity::Warning, "UTF-16");
    assert!(body("utf16le.txt").contains("little endian, café 中文. end-of-utf16le."));
    assert!(body("utf16be.txt").contains("big endian, café 😀. end-of-utf16be."));
    assert_eq!(body("utf16_odd.txt"), "odd");
    assert_eq!(body("utf16_lone_surrogate.txt"), "Lone surrogate\u{FFFD} end");
    // UTF-16 without a byte order mark is full of NULs: taken as binary.
    assert_note(&corpus, "utf16_no_bom.txt", Severity::Skipped, "binary file");
    assert_note(&corpus, "binary.txt", Severity::Skipped, "binary file");
}

/// A 50 MB file made of one line: cut at 20 MB with a notice, never inside
/// a character (which would add a false "invalid UTF-8" warning), quickly;
/// and the reading room can open it, page through it and jump to its end.
#[test]
fn a_50_mb_line_is_truncated_with_a_notice_and_can_be_read() {
    let dir = dir_with_good();
    let path = dir.path().join("one_line.txt");
    {
        let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        // 3-byte characters so that the 20 MB cut falls inside one.
        let chunk = "Lorem ipsum dolor sit amet, €uro ünïcödé Kabul – Islamabad ";
        let mut written = 0;
        while written < 50 * 1024 * 1024 {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
        f.flush().unwrap();
    }
    let corpus = load_checked(vec![dir.path().into()], "50 MB line");
    assert_note(
        &corpus,
        "one_line.txt",
        Severity::Warning,
        "larger than 20 MB: only the first 20 MB were read",
    );
    assert_eq!(note_for(&corpus, "one_line.txt").len(), 1, "{:?}", corpus.note_lines());
    let a = corpus.articles.iter().find(|a| a.origin.path.ends_with("one_line.txt")).unwrap();
    assert!(a.body.len() <= 20 * 1024 * 1024 && a.body.len() > 19 * 1024 * 1024);
    assert!(a.title.chars().count() <= 130, "{}", a.title);
    read_in_the_app(corpus, "one_line.txt");
}

/// Opens the article from `file` in the reading room (state and drawing,
/// as the binary does), pages, jumps to the end, and draws each step.
fn read_in_the_app(corpus: Corpus, file: &str) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use rroom::tui::{action::Action, app::App, keymap::Keymap, styles::Theme, ui};
    let index = corpus.articles.iter().position(|a| a.origin.path.ends_with(file)).unwrap();
    within(&format!("reading {file} in the app"), move || {
        let mut app = App::new(corpus, Keymap::default(), Theme::dark(), 120, 40);
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for _ in 0..index {
            app.update(Action::Down);
        }
        for action in [Action::Open, Action::PageDown, Action::Bottom, Action::Top, Action::ToggleMentions] {
            app.update(action);
            term.draw(|f| ui::render(&app, f)).unwrap();
        }
        let screen = term.backend().to_string();
        assert!(screen.contains("Reader"), "{screen}");
    });
}

/// A file of 1,000,000 lines (hard-wrapped text with a blank line every
/// ten lines: 100,000 paragraphs) loads whole and quickly, and reads.
#[test]
fn a_million_line_file_loads_and_reads() {
    let dir = dir_with_good();
    let path = dir.path().join("million.txt");
    {
        let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
        writeln!(f, "A million lines\n").unwrap();
        for i in 0..1_000_000u32 {
            if i % 10 == 9 {
                writeln!(f).unwrap();
            } else {
                writeln!(f, "Line {i}.").unwrap();
            }
        }
        writeln!(f, "end-of-million.").unwrap();
    }
    assert!(fs::metadata(&path).unwrap().len() < 20 * 1024 * 1024);
    let corpus = load_checked(vec![dir.path().into()], "1,000,000 lines");
    assert!(note_for(&corpus, "million.txt").is_empty(), "{:?}", corpus.note_lines());
    let a = corpus.articles.iter().find(|a| a.origin.path.ends_with("million.txt")).unwrap();
    assert_eq!(a.title, "A million lines");
    assert_eq!(a.paragraphs.len(), 100_001);
    assert!(a.body.ends_with("end-of-million."));
    read_in_the_app(corpus, "million.txt");
}

/// One 10,000-character word: a shortened title, and wrapping breaks it.
#[test]
fn a_10000_character_word() {
    let word: String = "Pneumonoultramicroscopicsilicovolcanoconiosis".chars().cycle().take(10_000).collect();
    let text = format!("{word}\n\nAfter the word. end-of-word.\n");
    let corpus = Corpus::from_bytes("word.txt", text.as_bytes());
    let a = &corpus.articles[0];
    assert!(a.title.chars().count() <= 130 && a.title.ends_with('…'), "{}", a.title);
    assert!(a.body.contains(&word), "the word was cut from the body");
    let layout = rroom::tui::reader::Layout::new(0, a, 80, false, &[]);
    let lines: Vec<&str> = layout.lines.iter().filter(|l| l.is_body()).map(|l| layout.text(a, l)).collect();
    assert!(lines.iter().all(|l| rroom::text::width(l) <= 80));
    assert!(lines.len() >= 10_000 / 80);
    read_in_the_app(corpus, "word.txt");
}

/// Markup bombs: deep nesting and huge numbers of elements in HTML and
/// Markdown, and deeply nested JSON: bounded time, no stack overflow, the
/// text inside still read. 1 MB of
/// nested `<div>`s used to take the HTML parser 17 s (release build; its
/// cost grows with the square of the depth): see `corpus::nesting`.
#[test]
fn deeply_nested_markup_loads_in_bounded_time() {
    let dir = dir_with_good();
    let depth = 100_000;
    let html = format!(
        "<html><body>{}<p>deep html text end-of-html</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    fs::write(dir.path().join("deep.html"), html).unwrap();
    fs::write(dir.path().join("many.html"), "<p>para</p>".repeat(30_000)).unwrap();
    for (name, bomb) in [
        ("selfclose.html", "<div/>"),
        ("quotes.html", "<blockquote>"),
        ("lidiv.html", "<ul><li><div>"),
        ("tables.html", "<table><tr><td>"),
        ("mixed.html", "<div><span><section><i><article>"),
        ("unclosed_p.html", "<div><p>x"),
    ] {
        fs::write(dir.path().join(name), format!("{} text of {name}", bomb.repeat(300_000 / bomb.len())))
            .unwrap();
    }
    let spans = format!(
        "<p>{}inner span text{}</p>",
        "<span><b><i>".repeat(30_000),
        "</i></b></span>".repeat(30_000)
    );
    fs::write(dir.path().join("spans.html"), spans).unwrap();
    fs::write(dir.path().join("quotes.md"), format!("{} deep markdown text\n", ">".repeat(50_000))).unwrap();
    fs::write(dir.path().join("lists.md"), format!("{}item end\n", "- ".repeat(20_000))).unwrap();
    fs::write(dir.path().join("links.md"), "[a](b) ".repeat(50_000)).unwrap();
    let json = format!(
        "{{\"title\":\"deep\",\"body\":\"x\",\"extra\":{}1{}}}\n",
        "[".repeat(1_000_000),
        "]".repeat(1_000_000)
    );
    fs::write(dir.path().join("deep.jsonl"), json).unwrap();
    let corpus = load_checked(vec![dir.path().into()], "markup bombs");
    let text_of = |file: &str| body_of(&corpus, file);
    assert!(text_of("deep.html").contains("deep html text"), "{:?}", corpus.note_lines());
    assert!(text_of("spans.html").contains("inner span text"), "{:?}", corpus.note_lines());
    assert!(text_of("quotes.md").contains("deep markdown text"), "{:?}", corpus.note_lines());
    assert!(text_of("lists.md").contains("item end"), "{:?}", corpus.note_lines());
    assert!(!text_of("many.html").is_empty());
    for name in
        ["selfclose.html", "quotes.html", "lidiv.html", "tables.html", "mixed.html", "unclosed_p.html"]
    {
        assert!(text_of(name).contains(&format!("text of {name}")), "{name}: {:?}", corpus.note_lines());
    }
    assert!(!text_of("links.md").is_empty());
    // A million nested arrays in an unknown field: skipped over, no stack overflow.
    assert_eq!(text_of("deep.jsonl"), "x", "{:?}", corpus.note_lines());
}

#[test]
fn a_fifo_is_skipped_without_waiting_for_a_writer() {
    let dir = dir_with_good();
    let fifo = dir.path().join("pipe.txt");
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(cstr(&fifo).as_ptr(), 0o644) }, 0);
    // In a directory, and named directly.
    let corpus = load_checked(vec![dir.path().into(), fifo.clone()], "a FIFO");
    let notes = note_for(&corpus, "pipe.txt");
    assert_eq!(notes.len(), 2, "{:?}", corpus.note_lines());
    assert!(
        notes.iter().all(|n| n.severity == Severity::Skipped && n.message.contains("not a regular file"))
    );
}

#[test]
fn dev_zero_as_a_corpus_is_refused_at_once() {
    let dir = dir_with_good();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let corpus =
        load_checked(vec![dir.path().into(), "/dev/zero".into(), dir.path().join("zero.txt")], "/dev/zero");
    assert_note(&corpus, "/dev/zero", Severity::Skipped, "unknown file type");
    // Named directly, the link is read as given, and refused; inside the
    // folder it leads out of the folder, so it is not followed at all.
    let linked = note_for(&corpus, "zero.txt");
    assert_eq!(linked.len(), 1, "{:?}", corpus.note_lines());
    assert!(linked[0].message.contains("not a regular file"), "{:?}", corpus.note_lines());
    assert!(
        corpus.note_lines().iter().any(|l| l.contains("1 symbolic link leads outside this folder")),
        "{:?}",
        corpus.note_lines()
    );
}

/// A directory and a file nobody may read. Root reads them anyway, so as
/// root the binary is run as the unprivileged user `nobody`, for whom the
/// permissions hold. Everything `nobody` needs (the corpus and a copy of
/// the binary) lies in a 0755 folder under /tmp, wherever the checkout is
/// (a clone inside a 0700 home is out of that user's reach).
#[test]
fn unreadable_directories_and_files_are_reported_and_the_rest_loads() {
    let tmp = tempfile::Builder::new().prefix("rroom-faults").tempdir_in("/tmp").unwrap();
    fs::set_permissions(tmp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tmp.path().join("corpus");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("good.txt"), GOOD).unwrap();
    let locked = dir.join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("secret.txt"), "Secret\n\nUnreachable text.\n").unwrap();
    fs::write(dir.join("noread.txt"), "No read\n\nUnreadable text.\n").unwrap();
    for d in [tmp.path(), dir.as_path()] {
        fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::set_permissions(dir.join("good.txt"), fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(dir.join("noread.txt"), fs::Permissions::from_mode(0o000)).unwrap();

    let mut cmd = bin::command(tmp.path());
    if is_root() {
        use std::os::unix::process::CommandExt;
        let copy = tmp.path().join("rroom");
        fs::copy(bin::RROOM, &copy).unwrap();
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o755)).unwrap();
        cmd = std::process::Command::new(&copy);
        for (key, value) in bin::isolation(tmp.path()) {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            };
        }
        cmd.current_dir(tmp.path()).uid(65534).gid(65534);
    }
    cmd.args(["list", "--corpus", dir.to_str().unwrap()]);
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Good article headline"), "{stdout}");
    assert!(stderr.contains("locked") && stderr.contains("Permission denied"), "{stderr}");
    assert!(stderr.contains("noread.txt") && stderr.contains("Permission denied"), "{stderr}");
    assert!(!stdout.contains("Secret") && !stdout.contains("No read"), "{stdout}");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn symlink_loops_and_dangling_links_are_reported() {
    let dir = dir_with_good();
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("inner.txt"), "Inner headline\n\nInside the loop. end-of-inner.\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), sub.join("back")).unwrap();
    std::os::unix::fs::symlink("self.txt", dir.path().join("self.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("dangling.txt")).unwrap();
    let corpus = load_checked(vec![dir.path().into(), dir.path().join("self.txt")], "symbolic link loops");
    assert_eq!(corpus.articles.len(), 2, "{:?}", corpus.note_lines());
    assert_note(&corpus, "back", Severity::Skipped, "symbolic link loop, not followed");
    assert_note(&corpus, "self.txt", Severity::Skipped, "cannot read");
    assert_note(&corpus, "dangling.txt", Severity::Skipped, "cannot read");
}

/// Files vanish while the corpus loads (best effort: deleting races the
/// loader; each round reports how many it caught). Whatever happens, no
/// panic, and every file is either loaded whole or reported.
#[test]
fn files_deleted_while_loading() {
    let rounds = env_or("RROOM_DELETE_ROUNDS", 5);
    for round in 0..rounds {
        let dir = dir_with_good();
        let n = 1500;
        let body = "Some text of the article to read. ".repeat(200);
        for i in 0..n {
            fs::write(
                dir.path().join(format!("f{i:05}.txt")),
                format!("Article {i}\n\n{body} end-of-{i}.\n"),
            )
            .unwrap();
        }
        let root = dir.path().to_path_buf();
        let deleter = std::thread::spawn(move || {
            for i in (0..n).rev().step_by(2) {
                let _ = fs::remove_file(root.join(format!("f{i:05}.txt")));
            }
        });
        let paths = vec![dir.path().to_path_buf()];
        let corpus = within("loading while deleting", move || Corpus::load(&paths));
        deleter.join().unwrap();
        let mut vanished = 0;
        for i in 0..n {
            let name = format!("f{i:05}.txt");
            let loaded = corpus.articles.iter().find(|a| a.origin.path.ends_with(&name));
            let noted = note_for(&corpus, &name);
            if let Some(a) = loaded {
                assert!(a.body.ends_with(&format!("end-of-{i}.")), "{name} loaded in part");
            } else if !noted.is_empty() {
                assert!(noted.iter().all(|n| n.message.contains("cannot read")), "{:?}", noted);
                vanished += 1;
            } else {
                assert!(i % 2 == 1, "{name}: neither loaded nor reported, and never deleted");
            }
        }
        eprintln!(
            "round {round}: {} loaded, {vanished} vanished between listing and reading",
            corpus.articles.len()
        );
    }
}

/// The binary, given every awkward kind of path at once, answers promptly,
/// lists what it can and says one clear line about each of the others.
#[test]
fn the_binary_lists_what_loads_and_reports_the_rest() {
    let dir = dir_with_good();
    for f in ["empty.txt", "binary.txt", "utf16le.txt", "invalid_utf8.txt"] {
        fs::copy(fixture(f), dir.path().join(f)).unwrap();
    }
    let fifo = dir.path().join("pipe.txt");
    // SAFETY: a valid C string and mode.
    assert_eq!(unsafe { libc::mkfifo(cstr(&fifo).as_ptr(), 0o644) }, 0);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let mut child = bin::command(dir.path())
        .args(["list", "--corpus", dir.path().to_str().unwrap(), "--corpus", "/dev/zero", "--corpus"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > HANG {
            let _ = child.kill();
            panic!("rroom list hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    for expected in [
        "empty.txt: no text",
        "binary.txt: binary file",
        "invalid_utf8.txt: not valid UTF-8",
        "/dev/zero: unknown file type",
        "pipe.txt: not a regular file",
        "symbolic link loop",
    ] {
        assert!(stderr.contains(expected), "missing {expected:?} in:\n{stderr}");
    }
    for line in stderr.lines() {
        assert!(line.starts_with("rroom: "), "{line}");
    }
}

// ---------------------------------------------------------------------------
// The notes store.

fn all_notes(store: &Store) -> BTreeMap<i64, String> {
    store
        .list(&Filter { include_deleted: true, ..Filter::default() })
        .unwrap()
        .into_iter()
        .map(|n| (n.id, n.text))
        .collect()
}

fn sidecar(dir: &Path, suffix: &str) -> PathBuf {
    dir.join(format!("{}{suffix}", rroom::notes::store::FILE_NAME))
}

fn integrity(dir: &Path) -> String {
    let conn = rusqlite::Connection::open(dir.join(rroom::notes::store::FILE_NAME)).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// The `-wal` deleted under a store that is open: the open store keeps
/// writing to the file it has, and on close everything is checkpointed into
/// the database, so every acknowledged note is there afterwards.
#[test]
fn a_wal_deleted_under_an_open_store_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let mut acked = BTreeMap::new();
    for i in 0..20 {
        let n = store.add(note(&format!("before {i}"))).unwrap();
        acked.insert(n.id, n.text);
    }
    assert!(sidecar(tmp.path(), "-wal").exists());
    fs::remove_file(sidecar(tmp.path(), "-wal")).unwrap();
    for i in 0..20 {
        let n = store.add(note(&format!("after {i}"))).unwrap();
        acked.insert(n.id, n.text);
    }
    store.save_draft("article:x", "s1", "a draft").unwrap();
    assert_eq!(all_notes(&store), acked);
    drop(store);
    assert_eq!(integrity(tmp.path()), "ok");
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(all_notes(&store), acked);
    assert_eq!(store.load_drafts().unwrap().len(), 1);
}

/// The `-wal` of a crashed session deleted before the next start: what was
/// only in it is gone (SQLite cannot know), but the store opens, passes
/// `integrity_check`, holds only notes that were acknowledged (nothing
/// half-written) and takes new notes.
#[test]
fn a_wal_deleted_after_a_crash_leaves_a_sound_store() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let mut child = spawn_child("writer", &dir, &[("RROOM_FAULTS_COUNT", "200".into())]);
    let acked = acks(&lines_until_done(&mut child));
    // The writer is SIGKILLed at "done": its last notes are in the -wal only.
    let wal = sidecar(&dir, "-wal");
    assert!(wal.exists() && fs::metadata(&wal).unwrap().len() > 0, "no -wal left by the crash");
    fs::remove_file(&wal).unwrap();
    let _ = fs::remove_file(sidecar(&dir, "-shm"));
    assert_eq!(integrity(&dir), "ok");
    let store = Store::open(&dir).unwrap();
    let stored = all_notes(&store);
    for (id, text) in &stored {
        assert_eq!(acked.get(id), Some(text), "note {id} was never acknowledged or changed");
    }
    eprintln!(
        "{} of {} acknowledged notes were in the database file, the rest in the deleted -wal",
        stored.len(),
        acked.len()
    );
    let n = store.add(note("after the crash")).unwrap();
    assert_eq!(store.get(n.id).unwrap().unwrap().text, "after the crash");
    drop(store);
    assert_eq!(integrity(&dir), "ok");
}

/// A full disk (simulated with RLIMIT_FSIZE in a child process: writes past
/// the limit fail with EFBIG, as on a full file system they fail with
/// ENOSPC): saving fails with an error, every note acknowledged before is
/// there afterwards, and the store is sound and usable again once there is
/// room.
#[test]
fn a_full_disk_fails_saves_cleanly_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    {
        let store = Store::open(&dir).unwrap();
        for i in 0..50 {
            store.add(note(&format!("existing {i}"))).unwrap();
        }
    }
    let before = all_notes(&Store::open(&dir).unwrap());
    let mut child = spawn_child("disk-full", &dir, &[]);
    let lines = lines_until_done(&mut child);
    let acked = acks(&lines);
    let errors: Vec<&String> = lines.iter().filter(|l| l.starts_with("error")).collect();
    assert!(!errors.is_empty(), "the size limit was never hit: {lines:?}");
    eprintln!("disk full: {} notes saved, then: {}", acked.len(), errors[0]);
    assert!(
        errors[0].contains("not saved") && errors[0].contains("intact"),
        "a full disk must be reported clearly: {}",
        errors[0]
    );
    assert!(
        lines.iter().any(|l| l.starts_with("draft error")),
        "a draft was saved on a full disk: {lines:?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("listed")), "reading failed on a full disk: {lines:?}");
    assert_eq!(integrity(&dir), "ok");
    let store = Store::open(&dir).unwrap();
    let stored = all_notes(&store);
    for (id, text) in before.iter().chain(&acked) {
        assert_eq!(stored.get(id), Some(text), "acknowledged note {id} lost");
    }
    let n = store.add(note("room again")).unwrap();
    assert!(store.get(n.id).unwrap().is_some());
}

/// This test binary, playing `faults_child` in `mode` on the store in `dir`.
fn spawn_child(mode: &str, dir: &Path, extra: &[(&str, String)]) -> std::process::Child {
    child::command("faults_child", extra)
        .env("RROOM_FAULTS_CHILD", mode)
        .env("RROOM_FAULTS_DIR", dir)
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

/// The child's lines up to "done", after which it is killed with SIGKILL
/// (no destructor, no checkpoint), or to its end.
fn lines_until_done(child: &mut std::process::Child) -> Vec<String> {
    let out = child.stdout.take().unwrap();
    let mut lines = Vec::new();
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { break };
        let done = line == "done";
        lines.push(line);
        if done {
            // SAFETY: kill(2) on our own child.
            unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
            break;
        }
    }
    let _ = child.wait();
    lines
}

/// The child's part; a no-op in a normal test run.
#[test]
fn faults_child() {
    let Ok(mode) = std::env::var("RROOM_FAULTS_CHILD") else { return };
    let dir = PathBuf::from(std::env::var("RROOM_FAULTS_DIR").unwrap());
    match mode.as_str() {
        // Adds notes, acknowledging each, then says "done" and waits to be killed.
        "writer" => {
            let count: usize = std::env::var("RROOM_FAULTS_COUNT").unwrap().parse().unwrap();
            let store = Store::open(&dir).unwrap();
            for i in 0..count {
                let text = format!("crash {i} #wal");
                let n = store.add(note(&text)).unwrap();
                ack(n.id, &text);
            }
            say("done");
            loop {
                std::thread::park();
            }
        }
        // Fills the "disk": a file size limit just above the store's size.
        "disk-full" => {
            let store = Store::open(&dir).unwrap();
            let used: u64 = ["", "-wal", "-shm"]
                .iter()
                .filter_map(|s| fs::metadata(sidecar(&dir, s)).ok())
                .map(|m| m.len())
                .max()
                .unwrap_or(0);
            // SAFETY: plain libc calls with valid arguments. SIGXFSZ would kill
            // the process; ignored, the write fails with EFBIG instead.
            unsafe {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                let limit = libc::rlimit { rlim_cur: used + 64 * 1024, rlim_max: libc::RLIM_INFINITY };
                assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
            }
            let big = "x".repeat(3000);
            for i in 0..10_000 {
                let text = format!("full {i} {big}");
                match store.add(note(&text)) {
                    Ok(n) => ack(n.id, &text),
                    Err(e) => {
                        say(&format!("error {e}"));
                        break;
                    }
                }
            }
            match store.save_draft("article:x", "s1", &big.repeat(30)) {
                Ok(_) => say("draft saved"),
                Err(e) => say(&format!("draft error {e}")),
            }
            match store.list(&Filter::default()) {
                Ok(notes) => say(&format!("listed {}", notes.len())),
                Err(e) => say(&format!("list error {e}")),
            }
            say("done");
        }
        other => panic!("unknown child mode {other}"),
    }
}
