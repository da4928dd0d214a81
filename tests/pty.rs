//! The real binary in a pseudo-terminal, its screen read back through a
//! terminal emulator (vt100): what a user on a real terminal would see.

mod common;

use std::time::Duration;

use common::pty::{Pty, contains};

const PTY: Pty = Pty { timeout: Duration::from_secs(120), fffd_as_real_terminals: false };

#[test]
fn read_the_seeds_navigate_and_quit() {
    let mut s = PTY.start(&[], 120, 36);
    s.wait_text("Articles");
    s.wait_text("Taliban spokesman Zabihullah");
    s.wait_text("1/5");
    s.send("j");
    s.wait_text("2/5");
    s.wait_text("│ A Pakistani delegation visiting Kabul on Friday");
    s.send("\r");
    s.wait_text("READER");
    s.send("G");
    s.wait_text("100%");
    s.send("?");
    s.wait_text("Keys");
    s.send("?");
    s.wait_for("help closed", |s| !s.screen().contains("Keys"));
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "{status:?}");
    s.wait_restored();
    let parser = s.parser();
    assert!(!parser.screen().alternate_screen(), "still on the alternate screen");
    assert!(!parser.screen().hide_cursor(), "cursor left hidden");
}

#[test]
fn find_an_article_in_a_few_keystrokes_and_land_on_the_hit() {
    let mut s = PTY.start(&[], 120, 36);
    s.wait_text("Entities");
    s.send("\x10"); // Ctrl-P
    s.wait_text("Find: titles");
    s.send("torkh");
    s.send("\t");
    s.wait_text("Find: full text");
    s.wait_text("Torkham");
    s.send("\r");
    s.wait_text("Reader · /torkh 1/");
    s.wait_for("the hit in view", |s| {
        s.screen().lines().skip(3).any(|l| l.contains("│┃") && l.contains("Torkham"))
    });
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn small_terminal_gets_one_pane_and_tiny_gets_a_message() {
    let mut s = PTY.start(&[], 60, 20);
    s.wait_text("ARTICLES");
    s.wait_for("one pane", |s| !s.screen().contains("Reader"));
    s.send("\t");
    s.wait_text("Reader");
    s.resize(15, 5);
    s.wait_text("20×6");
    s.resize(120, 30);
    s.wait_text("Entities");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn escape_sequences_in_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil\x1b]0;pwn\x07.txt");
    std::fs::write(
        &path,
        "Evil \x1b]0;PWNED-TITLE\x07 headline \x1b[?1049l\n\n\
         Body \x1bc \x1b]52;c;aGVsbG8=\x07 \x1b]52;c;?\x1b\\ \x1b]8;;http://x\x07link\x1b]8;;\x07 \
         \x1bP+q544e\x1b\\ \x1b[6n \x1b[>0q \u{9b}31m \u{9d}0;x\u{9c} \x1b_apc\x1b\\ marker-end\n",
    )
    .unwrap();
    let mut s = PTY.start(&["--corpus", dir.path().to_str().unwrap()], 120, 30);
    s.wait_text("marker-end");
    s.wait_text("␛[6n");
    s.send("q");
    assert!(s.wait_exit().success());
    s.wait_restored();
    let raw = s.raw();
    for bad in [
        &b"\x1b]"[..],
        b"\x1bc",
        b"\x1bP",
        b"\x1b_",
        b"\x07",
        b"\x1b[6n",
        b"\x1b[>0q",
        "\u{9b}".as_bytes(),
        "\u{9d}".as_bytes(),
        b"PWNED-TITLE\x07",
    ] {
        assert!(!contains(&raw, bad), "the terminal received {:?}", String::from_utf8_lossy(bad));
    }
    // The one ?1049l is rroom's own restore, at the very end.
    let pos = raw.windows(8).position(|w| w == b"\x1b[?1049l").unwrap();
    assert!(!contains(&raw[..pos], b"\x1b[?1049l"));
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for sig in [libc::SIGTERM, libc::SIGHUP] {
        let mut s = PTY.start(&[], 100, 30);
        s.wait_text("Entities");
        s.signal(sig);
        let status = s.wait_exit();
        assert!(!status.success(), "{sig}: {status:?}");
        assert_eq!(status.exit_code(), 128 + sig as u32, "exit code for signal {sig}");
        s.wait_restored();
        assert!(!s.parser().screen().alternate_screen());
    }
}

#[test]
fn works_under_common_terms_and_refuses_dumb() {
    for term in ["screen-256color", "tmux-256color", "xterm", "linux", "xterm-256color"] {
        let mut s = PTY.start_with(&[], 100, 30, &[("TERM", term)]);
        s.wait_text("Entities");
        s.send("j");
        s.wait_text("2/5");
        s.send("q");
        assert!(s.wait_exit().success(), "{term}");
    }
    let mut s = PTY.start_with(&[], 100, 30, &[("TERM", "dumb")]);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 1);
    s.wait_text("rroom list");
    assert!(s.screen().contains("TERM=dumb"), "{}", s.screen());
}

#[test]
fn a_config_file_remaps_keys() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("rroom.toml");
    std::fs::write(&cfg, "[keys.normal]\nx = \"quit\"\nq = \"none\"\n").unwrap();
    let mut s = PTY.start(&["--config", cfg.to_str().unwrap()], 100, 30);
    s.wait_text("Entities");
    s.send("q");
    s.send("j");
    s.wait_text("2/5");
    assert!(s.alive(), "q no longer quits");
    s.send("x");
    assert!(s.wait_exit().success());
}

#[test]
fn a_bad_config_is_reported_and_the_defaults_are_used() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("rroom.toml");
    std::fs::write(&cfg, "theme = \"light\"\nreader_width = \"wide\"\n").unwrap();
    let mut s = PTY.start(&["--config", cfg.to_str().unwrap()], 120, 30);
    s.wait_text("rroom.toml:2:");
    s.send("q");
    assert!(s.wait_exit().success());
}

/// Bytes written per keystroke: small enough for a slow SSH link. The
/// figures are printed (run with --nocapture to see them).
#[test]
fn bytes_per_keystroke_stay_small() {
    for (cols, rows) in [(80u16, 24u16), (200, 50)] {
        let mut s = PTY.start(&[], cols, rows);
        s.wait_text("1/5");
        let list = s.bytes_for("j");
        s.wait_text("2/5");
        // The longest seed, so that the reader can scroll at any size.
        s.send("j");
        s.wait_text("3/5");
        s.send("\r");
        s.wait_text("READER");
        let scroll = s.bytes_for("j");
        let page = s.bytes_for(" ");
        s.send("\x10");
        s.wait_text("Find:");
        let typing = s.bytes_for("k");
        eprintln!(
            "{cols}x{rows}: list move {list} B, reader scroll 1 line {scroll} B, page {page} B, finder keystroke {typing} B"
        );
        if (cols, rows) == (80, 24) {
            assert!(scroll < 4096, "scrolling one line wrote {scroll} bytes");
            assert!(list < 4096, "moving in the list wrote {list} bytes");
        }
        s.send("\x03");
        assert!(s.wait_exit().success());
    }
}

#[test]
fn a_note_written_with_the_keyboard_is_there_after_a_restart() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let data_s = data.to_str().unwrap();
    let mut s = PTY.start(&["--data-dir", data_s], 120, 36);
    s.wait_text("Entities");
    s.send("j");
    s.wait_text("2/5");
    s.send("\r");
    s.wait_text("READER");
    s.send("v");
    s.wait_text("SELECT");
    s.send(")");
    s.send("a");
    s.wait_text("New note on the passage");
    s.send("Talks on the TTP #pty");
    s.wait_text("Talks on the TTP #pty");
    s.send("\x13"); // Ctrl-S
    s.wait_text("passage note saved");
    s.send("q");
    assert!(s.wait_exit().success());

    let mut s = PTY.start(&["--data-dir", data_s], 120, 36);
    s.wait_text("Entities");
    s.send("j");
    s.wait_text("✎1");
    s.send("s");
    s.wait_text("Notes 1");
    s.wait_text("Talks on the TTP #pty");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn an_ssh_drop_while_writing_keeps_the_draft() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let data_s = data.to_str().unwrap();
    let mut s = PTY.start(&["--data-dir", data_s], 100, 30);
    s.wait_text("Entities");
    s.send("a");
    s.wait_text("New note on the article");
    s.send("typed before the line dropped");
    s.wait_text("typed before the line dropped");
    s.signal(libc::SIGHUP);
    s.wait_exit();

    PTY.the_draft_is_offered_and_saved(data_s, "typed before the line dropped", "after SIGHUP");
}

/// Keys typed at the progress bar of a first index build went through the
/// terminal's line mode (Enter became a line feed, which the reading room
/// would read as Ctrl-J, "down"): they are dropped, not replayed as moves.
/// The keys are typed before rroom starts (the shell waits for a file the
/// test creates once their echo shows they are in the terminal's queue).
#[test]
fn keys_typed_during_the_first_index_build_are_not_replayed() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, bytes) in rroom::corpus::SEEDS {
        std::fs::write(corpus.join(std::path::Path::new(name).file_name().unwrap()), bytes).unwrap();
    }
    let mut cmd = portable_pty::CommandBuilder::new("sh");
    cmd.args([
        "-c",
        "while [ ! -e go ]; do sleep 0.02; done; exec \"$0\" --corpus corpus",
        common::bin::RROOM,
    ]);
    let go = home.path().join("go");
    let mut s = PTY.spawn(cmd, home, 120, 36);
    s.send("jjj\r");
    s.wait_text("jjj");
    std::fs::write(&go, "").unwrap();
    s.wait_tui();
    s.wait_text("Articles");
    s.wait_text("1/5");
    // A key typed now is read: the loop is running and nothing else came.
    s.send("j");
    s.wait_text("2/5");
    s.send("q");
    assert!(s.wait_exit().success());
}
