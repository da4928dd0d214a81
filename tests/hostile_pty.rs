//! Hostile input and terminal faults against the real binary in a
//! pseudo-terminal, read back through a terminal emulator (vt100) and byte
//! by byte: hostile articles and file names, sizes from 0×0 to 500×200, a
//! resize storm, SIGTERM/SIGHUP while a note is being written, and a panic
//! inside rendering.

mod common;

use std::time::Duration;

use common::pty::{Pty, Session, contains};
use common::terminal::{self, Policy};
use common::{articles_named, fixtures};
use portable_pty::CommandBuilder;

const PTY: Pty = Pty { timeout: Duration::from_secs(120), fffd_as_real_terminals: true };

/// Articles whose file names hold escape sequences.
fn hostile_names() -> tempfile::TempDir {
    articles_named(&[
        b"name\x1b]0;PWNED-NAME\x07.txt",
        b"\x1b[2J\x1bc.txt",
        "c1\u{9b}6n.txt".as_bytes(),
        b"raw\x9b2J.txt",
        "bidi\u{202e}txt.exe.md".as_bytes(),
        b"clip\x1b]52;c;?\x1b\\.txt",
    ])
}

/// Reads every hostile article in the real binary: whatever the session
/// writes is rroom's own vocabulary of sequences, never an article's, the
/// markers are on the screen, and what the terminal shows is what rroom
/// drew (the same keys replayed on the app's state and drawn on a test
/// backend): nothing shifted, nothing left behind.
#[test]
fn the_real_binary_writes_no_foreign_escape_for_any_hostile_article() {
    let names = hostile_names();
    // Every Unicode fixture but the emoji one: see the ignored test below.
    let mut dirs = vec![fixtures("hostile")];
    for f in [
        "bidi.txt",
        "invisible.txt",
        "bom_utf8.txt",
        "line_separators.txt",
        "combining.txt",
        "cjk_rtl.txt",
        "spaces.txt",
    ] {
        dirs.push(fixtures("unicode").join(f));
    }
    dirs.push(names.path().to_path_buf());
    let corpus = rroom::corpus::Corpus::load(&dirs);
    let n = corpus.articles.len();
    let mut args: Vec<&str> = Vec::new();
    for d in &dirs {
        args.extend(["--corpus", d.to_str().unwrap()]);
    }
    let (cols, rows) = (120, 40);
    let mut s = PTY.start(&args, cols, rows);
    let mut mirror = Mirror::new(corpus.clone(), cols, rows);
    s.wait_tui();
    s.wait_text(&format!("1/{n}"));
    let mut differences = Vec::new();
    for i in 0..n {
        let a = &corpus.articles[i];
        // The reader shows the selected article; open it, page through it,
        // and come back to the list.
        s.send("\r");
        mirror.keys("\r");
        s.wait_text("READER");
        s.send(" G");
        mirror.keys(" G");
        s.wait_for("the end of the article", at_the_end);
        differences.extend(mirror.differences(&s, &format!("{} at its end", a.origin)));
        s.send("\x1b");
        mirror.keys("\x1b");
        s.wait_text("ARTICLES");
        // A word of the title (one of plain letters: vt100 keeps zero-width
        // characters out of its text) is on the screen.
        if let Some(word) =
            a.title.split_whitespace().find(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            assert!(s.screen().contains(word), "{}: title not shown:\n{}", a.origin, s.screen());
        }
        if i + 1 < n {
            s.send("j");
            mirror.keys("j");
            s.wait_text(&format!("{}/{n}", i + 2));
            differences
                .extend(mirror.differences(&s, &format!("{} in the list", corpus.articles[i + 1].origin)));
        }
    }
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored("quit");
    let raw = s.raw();
    terminal::check(&raw, Policy::Session).unwrap();
    // The one ?1049l is rroom's own restore, at the very end.
    let pos = raw.windows(8).position(|w| w == b"\x1b[?1049l").unwrap();
    assert!(!contains(&raw[..pos], b"\x1b[?1049l"));
    assert!(
        differences.is_empty(),
        "the terminal does not show what rroom drew:\n{}",
        differences.join("\n")
    );
}

/// rroom's state driven by the same keys as the binary, drawn on a test
/// backend: what the terminal should show.
struct Mirror {
    app: rroom::tui::app::App,
}

impl Mirror {
    fn new(corpus: rroom::corpus::Corpus, cols: u16, rows: u16) -> Mirror {
        use rroom::tui::{app::App, keymap::Keymap, styles::Theme};
        Mirror { app: App::new(corpus, Keymap::default(), Theme::dark(), cols, rows) }
    }

    fn keys(&mut self, keys: &str) {
        use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
        for c in keys.chars() {
            let (code, mods) = match c {
                '\r' => (KeyCode::Enter, KeyModifiers::NONE),
                '\x1b' => (KeyCode::Esc, KeyModifiers::NONE),
                c if c.is_ascii_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
                c => (KeyCode::Char(c), KeyModifiers::NONE),
            };
            self.app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
        }
    }

    /// Cells where rroom drew a plain ASCII character (or a blank) and the
    /// terminal shows something else; the status line (clock-free, but with
    /// transient messages) is left out.
    fn differences(&self, s: &Session, when: &str) -> Vec<String> {
        let size = self.app.size;
        let term = common::screen::draw(&self.app, size.width, size.height);
        let buf = term.backend().buffer();
        let parser = s.parser();
        let screen = parser.screen();
        let mut out = Vec::new();
        for y in 0..size.height.saturating_sub(1) {
            let mut hidden = 0;
            for x in 0..size.width {
                let want = buf[(x, y)].symbol();
                // Cells under the right half of a wide character hold a blank
                // in the buffer and that half on the screen.
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                hidden = unicode_width::UnicodeWidthStr::width(want).saturating_sub(1);
                if want.len() != 1 || !want.is_ascii() {
                    continue;
                }
                let got = screen.cell(y, x).map(|c| c.contents().to_string()).unwrap_or_default();
                let got = if got.is_empty() { " ".to_string() } else { got };
                if got != want {
                    out.push(format!("{when}: ({x},{y}) drawn {want:?}, shown {got:?}"));
                }
            }
        }
        if !out.is_empty() {
            out.push(format!("screen:\n{}\nexpected:\n{}", screen.contents(), term.backend()));
        }
        out
    }
}

/// The reader's position says the end of the article is in view.
fn at_the_end(s: &Session) -> bool {
    let screen = s.screen();
    screen.contains("100%") || screen.contains(" all ")
}

/// The reader pane's borders, as the terminal shows them, on every row.
fn border_damage(s: &Session, cols: u16, rows: u16) -> Vec<String> {
    use ratatui::layout::Rect;
    let panes = rroom::tui::layout::compute(Rect::new(0, 0, cols, rows), rroom::tui::layout::Pane::Reader);
    let parser = s.parser();
    let screen = parser.screen();
    let mut damage = Vec::new();
    for r in [panes.list, panes.reader, panes.sidebar].into_iter().flatten() {
        for y in r.y + 1..r.bottom() - 1 {
            for x in [r.x, r.right() - 1] {
                let sym = screen.cell(y, x).map(|c| c.contents().to_string()).unwrap_or_default();
                if !sym.chars().next().is_some_and(|c| ('\u{2500}'..='\u{259F}').contains(&c)) {
                    damage.push(format!("({x},{y}) {sym:?}"));
                }
            }
        }
    }
    damage
}

/// Opens one Unicode fixture in the real binary and returns what the
/// terminal shows where pane borders should be.
fn open_and_check_borders(file: &str) -> (Vec<String>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixtures("unicode").join(file), dir.path().join(file)).unwrap();
    let mut s = PTY.start(&["--corpus", dir.path().to_str().unwrap()], 120, 30);
    s.wait_tui();
    s.wait_text("1/1");
    s.send("\r");
    s.wait_text("READER");
    s.wait_for("the whole article", at_the_end);
    let damage = border_damage(&s, 120, 30);
    let screen = s.screen();
    s.send("q");
    assert!(s.wait_exit().success());
    (damage, screen)
}

/// Bidi controls, zero-width characters, combining marks, CJK and RTL
/// text stay inside their pane on a real terminal (as vt100 counts columns).
#[test]
fn unicode_text_stays_inside_its_pane_on_the_terminal() {
    for file in
        ["bidi.txt", "invisible.txt", "combining.txt", "cjk_rtl.txt", "line_separators.txt", "spaces.txt"]
    {
        let (damage, screen) = open_and_check_borders(file);
        assert!(damage.is_empty(), "{file}: drawn over pane borders at {damage:?}\n{screen}");
    }
}

/// An emoji ZWJ sequence (👩‍👩‍👧‍👦), a skin-tone modifier (👍🏽) or a flag
/// made with VS16+ZWJ (🏳️‍🌈) is one grapheme that ratatui counts as two
/// columns, while terminals without grapheme clustering (xterm, VTE, tmux
/// 3.3, the Linux console, vt100 here) draw each code point: 8, 4 and 4
/// columns, overwriting cells ratatui believes unchanged ("fam ly"). The
/// sanitizer splits such sequences into parts every terminal draws alike;
/// this checks the screen cell by cell against what rroom drew.
#[test]
fn emoji_sequences_leave_the_screen_as_rroom_drew_it() {
    let dir = tempfile::tempdir().unwrap();
    // Another article first, so that the emoji are drawn over text.
    std::fs::copy(fixtures("unicode").join("combining.txt"), dir.path().join("a.txt")).unwrap();
    std::fs::copy(fixtures("unicode").join("emoji.txt"), dir.path().join("b.txt")).unwrap();
    let paths = [dir.path().to_path_buf()];
    let corpus = rroom::corpus::Corpus::load(&paths);
    let mut s = PTY.start(&["--corpus", dir.path().to_str().unwrap()], 120, 30);
    let mut mirror = Mirror::new(corpus, 120, 30);
    s.wait_tui();
    s.wait_text("1/2");
    s.wait_text("end-of-combining");
    s.send("j");
    mirror.keys("j");
    s.wait_text("2/2");
    s.wait_text("end-of-");
    let differences = mirror.differences(&s, "the emoji article");
    s.send("q");
    assert!(s.wait_exit().success());
    assert!(
        differences.is_empty(),
        "the terminal does not show what rroom drew:\n{}",
        differences.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Terminal faults.

/// Sizes no one should have: rroom starts, takes keys, is told it is too
/// small where it is, and quits cleanly, restoring the terminal.
#[test]
fn extreme_terminal_sizes_start_take_keys_and_restore() {
    for (cols, rows) in [(0u16, 0u16), (1, 1), (1, 50), (50, 1), (500, 200)] {
        let what = format!("{cols}x{rows}");
        let mut s = PTY.start(&[], cols, rows);
        s.wait_for("the first frame", |s| contains(&s.raw(), b"\x1b[?1049h"));
        if (cols, rows) == (500, 200) {
            s.wait_text("Entities");
        }
        // Keys in every mode (an Esc is left out: written just before the
        // next key, the two would read as Alt+key), then Ctrl-C from the finder.
        s.send("jj\t??\x10x");
        assert!(s.alive(), "{what}: rroom died");
        s.send("\x03");
        let status = s.wait_exit();
        assert!(status.success(), "{what}: {status:?}");
        s.assert_restored(&what);
        terminal::check(&s.raw(), Policy::Session).unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}

/// Hundreds of resizes, some to impossible sizes, with keys in between:
/// rroom keeps up, and the last size gets a correct screen.
#[test]
fn a_resize_storm_ends_on_a_correct_screen() {
    let storms = common::env_or("RROOM_RESIZE_STORM", 300u16);
    let mut s = PTY.start(&[], 120, 40);
    s.wait_text("Entities");
    for i in 0..storms {
        let (cols, rows) = ((i * 37) % 260, (i * 11) % 90);
        s.resize(cols, rows);
        if i % 25 == 0 {
            s.send("j");
        }
    }
    assert!(s.alive(), "rroom died in the storm");
    s.resize(100, 30);
    s.wait_text("Entities");
    s.wait_for("a clean 100x30 frame", |s| {
        let screen = s.screen();
        screen.lines().count() <= 30 && screen.contains("Reader") && border_damage(s, 100, 30).is_empty()
    });
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored("storm");
}

/// SIGTERM or SIGHUP while a note is being written: the terminal is
/// restored, the exit code says which signal, and the next start offers the
/// draft, text and all.
#[test]
fn a_signal_while_writing_a_note_keeps_the_draft_and_restores_the_terminal() {
    for (sig, name) in [(libc::SIGTERM, "SIGTERM"), (libc::SIGHUP, "SIGHUP")] {
        let home = tempfile::tempdir().unwrap();
        let data = home.path().join("data");
        let data_s = data.to_str().unwrap();
        let text = format!("draft typed before {name}, ünïcödé and all");
        let mut s = PTY.start(&["--data-dir", data_s], 100, 30);
        s.wait_text("Entities");
        s.send("a");
        s.wait_text("New note on the article");
        s.send(&text);
        s.wait_text(&text);
        s.signal(sig);
        let status = s.wait_exit();
        assert_eq!(status.exit_code(), 128 + sig as u32, "{name}: {status:?}");
        if sig == libc::SIGTERM {
            // After SIGHUP the terminal is gone; there is nothing to restore.
            s.assert_restored(name);
        }

        PTY.the_draft_is_offered_and_saved(data_s, &text, name);
    }
}

/// A panic while a frame is being drawn. The app has no test-only way to
/// panic, so this runs rroom's own terminal set-up (`tui::terminal::enter`,
/// which installs the panic hook) and rendering in a child process on a
/// pseudo-terminal, and panics inside `Terminal::draw`: the terminal must
/// come back (main screen, cursor, cooked mode) before the message is
/// printed, where the user can read it.
#[test]
fn a_panic_while_drawing_restores_the_terminal_before_the_message() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args(["render_panic_child", "--exact", "--nocapture", "--test-threads=1"]);
    cmd.env("RROOM_RENDER_PANIC_CHILD", "1");
    let mut s = PTY.spawn(cmd, home, 100, 30);
    let status = s.wait_exit();
    assert!(!status.success(), "{status:?}");
    s.assert_restored("panic");
    s.wait_text("boom inside render");
    let raw = s.raw();
    let restore = raw.windows(8).position(|w| w == b"\x1b[?1049l").unwrap();
    let message = raw.windows(18).position(|w| w == b"boom inside render").unwrap();
    assert!(restore < message, "the panic message was printed before the terminal was restored");
    assert!(contains(&raw[..restore], b"Entities"), "no frame was drawn before the panic");
}

/// The child's part of the test above; a no-op in a normal test run.
#[test]
fn render_panic_child() {
    if std::env::var_os("RROOM_RENDER_PANIC_CHILD").is_none() {
        return;
    }
    use rroom::tui::{app::App, keymap::Keymap, styles::Theme, ui};
    let mut guard = rroom::tui::terminal::enter(false).unwrap();
    let size = guard.terminal.size().unwrap();
    let app =
        App::new(rroom::corpus::Corpus::seeds(), Keymap::default(), Theme::dark(), size.width, size.height);
    guard.terminal.draw(|f| ui::render(&app, f)).unwrap();
    guard
        .terminal
        .draw(|f| {
            ui::render(&app, f);
            panic!("boom inside render");
        })
        .unwrap();
}
