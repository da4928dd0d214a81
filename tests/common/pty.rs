//! The real binary in a pseudo-terminal, its screen read back through a
//! terminal emulator (vt100) and its output kept byte for byte: what a user
//! on a real terminal would see, and what that terminal was sent.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

use super::bin;

/// How a test file runs its sessions.
#[derive(Debug, Clone, Copy)]
pub struct Pty {
    /// How long any wait may take before the test fails.
    pub timeout: Duration,
    /// Hand vt100 a `?` for each U+FFFD: vt100 drops it (it takes it for its
    /// own decoding error) where real terminals draw it one column wide,
    /// which shifts the rest of the row.
    pub fffd_as_real_terminals: bool,
}

impl Pty {
    /// Starts rroom with `args` on a `cols`×`rows` terminal, isolated in a
    /// temporary home (see [`bin::isolation`]).
    pub fn start(self, args: &[&str], cols: u16, rows: u16) -> Session {
        self.start_with(args, cols, rows, &[])
    }

    /// Starts rroom with extra environment variables (`TERM` among them).
    pub fn start_with(self, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(bin::RROOM);
        cmd.args(args);
        self.launch(cmd, home, cols, rows, env)
    }

    /// Runs any program on the terminal, isolated in `home` as rroom is.
    pub fn spawn(self, cmd: CommandBuilder, home: tempfile::TempDir, cols: u16, rows: u16) -> Session {
        self.launch(cmd, home, cols, rows, &[])
    }

    fn launch(
        self,
        mut cmd: CommandBuilder,
        home: tempfile::TempDir,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty.openpty(size(cols, rows)).unwrap();
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (key, value) in bin::isolation(home.path()) {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            }
        }
        cmd.cwd(home.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        let fffd_as_real_terminals = self.fffd_as_real_terminals;
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut pending: Vec<u8> = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                // The screen first: whatever a test finds in `raw` has reached it.
                if fffd_as_real_terminals {
                    pending.extend_from_slice(&buf[..n]);
                    let shown = like_a_real_terminal(&mut pending);
                    p.lock().unwrap().process(&shown);
                } else {
                    p.lock().unwrap().process(&buf[..n]);
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Session { master: pair.master, writer, child, parser, raw, timeout: self.timeout, _home: home }
    }

    /// Starts rroom on the data directory `data` of a session that was cut
    /// off while a note reading `text` was being written: the draft is
    /// offered with its text, restored, and saved; then rroom quits.
    pub fn the_draft_is_offered_and_saved(self, data: &str, text: &str, what: &str) {
        let mut s = self.start(&["--data-dir", data], 100, 30);
        s.wait_text("Unsaved note");
        s.wait_text(text);
        s.send("r");
        s.wait_text("New note on the article");
        s.send("\x13"); // Ctrl-S
        s.wait_text("note saved");
        s.send("q");
        assert!(s.wait_exit().success(), "{what}");
    }
}

/// A program running in a pseudo-terminal.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    timeout: Duration,
    _home: tempfile::TempDir,
}

impl Session {
    /// The text on the screen.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The terminal emulator, for what [`Session::screen`] leaves out
    /// (cells, modes, the cursor).
    pub fn parser(&self) -> MutexGuard<'_, vt100::Parser> {
        self.parser.lock().unwrap()
    }

    /// Every byte the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Polls until `cond` holds; fails with the screen on timeout.
    pub fn wait_for(&self, what: &str, cond: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while !cond(self) {
            assert!(
                start.elapsed() < self.timeout,
                "timed out waiting for {what}; screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the reading room to take the terminal (raw mode, then the
    /// alternate screen). Keys typed before that reach a terminal still in
    /// line mode: Enter arrives as a line feed, which raw mode reads as
    /// Ctrl-J. A first index build prints its progress ("1/1 files") on
    /// the normal screen before, so text alone does not say the room is up.
    pub fn wait_tui(&self) {
        self.wait_for("the reading room", |s| s.parser().screen().alternate_screen());
    }

    pub fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.screen().contains(text));
    }

    /// Types `keys`.
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < self.timeout, "rroom did not exit; screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn signal(&mut self, sig: libc::c_int) {
        let pid = self.child.process_id().unwrap();
        // SAFETY: kill(2) on our own child's pid; no memory is involved.
        assert_eq!(unsafe { libc::kill(pid as libc::pid_t, sig) }, 0);
    }

    /// The program's scheduler state from /proc (`'T'` when stopped).
    pub fn process_state(&mut self) -> Option<char> {
        let pid = self.child.process_id()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The state follows the command name, which is in parentheses.
        stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next())
    }

    /// Resizes the terminal, as a user dragging the window would.
    pub fn resize(&self, cols: u16, rows: u16) {
        self.parser.lock().unwrap().screen_mut().set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Waits until output stops arriving (a frame is written in one go);
    /// returns how many bytes have arrived in all.
    pub fn settle(&self) -> usize {
        let mut last = self.raw().len();
        let mut quiet = 0;
        let start = Instant::now();
        while quiet < 5 {
            std::thread::sleep(Duration::from_millis(10));
            let now = self.raw().len();
            if now == last {
                quiet += 1;
            } else {
                quiet = 0;
                last = now;
            }
            assert!(start.elapsed() < self.timeout, "output never settled");
        }
        last
    }

    /// Bytes written to the terminal in answer to `keys`.
    pub fn bytes_for(&mut self, keys: &str) -> usize {
        let before = self.settle();
        self.send(keys);
        let start = Instant::now();
        while self.raw().len() == before {
            assert!(start.elapsed() < self.timeout, "no redraw after {keys:?}");
            std::thread::sleep(Duration::from_millis(5));
        }
        self.settle() - before
    }

    /// Waits until the terminal restore (leaving the alternate screen),
    /// which is written last, arrived.
    pub fn wait_restored(&self) {
        self.wait_for("the terminal restore", |s| contains(&s.raw(), b"\x1b[?1049l"));
    }

    /// After the program ended: the terminal is back as it was: main screen,
    /// cursor shown, line discipline cooked (echo and line editing on).
    pub fn assert_restored(&self, what: &str) {
        self.wait_restored();
        let parser = self.parser();
        assert!(!parser.screen().alternate_screen(), "{what}: still on the alternate screen");
        assert!(!parser.screen().hide_cursor(), "{what}: cursor left hidden");
        drop(parser);
        let fd = self.master.as_raw_fd().expect("a unix pty");
        // SAFETY: a zeroed termios is a valid out-parameter; fd is our open pty master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        assert!(t.c_lflag & libc::ICANON != 0, "{what}: raw mode left on (no ICANON)");
        assert!(t.c_lflag & libc::ECHO != 0, "{what}: raw mode left on (no ECHO)");
    }
}

/// Does `hay` hold `needle`?
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Replaces each U+FFFD by a `?` (see [`Pty::fffd_as_real_terminals`]).
/// Returns the bytes ready for vt100 and keeps in `pending` a tail that may
/// be the start of one.
fn like_a_real_terminal(pending: &mut Vec<u8>) -> Vec<u8> {
    const FFFD: &[u8] = "\u{FFFD}".as_bytes();
    let keep = (1..FFFD.len()).rev().find(|&k| pending.ends_with(&FFFD[..k])).unwrap_or(0);
    let ready: Vec<u8> = pending.drain(..pending.len() - keep).collect();
    let mut out = Vec::with_capacity(ready.len());
    let mut i = 0;
    while i < ready.len() {
        if ready[i..].starts_with(FFFD) {
            out.push(b'?');
            i += FFFD.len();
        } else {
            out.push(ready[i]);
            i += 1;
        }
    }
    out
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).unwrap()
}
