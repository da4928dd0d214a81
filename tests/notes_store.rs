//! The notes store under stress: damaged files, read-only stores, several
//! processes at once, and processes killed with SIGKILL mid-write.
//!
//! Child processes are this test binary run again with `RROOM_NOTES_CHILD`
//! set: the `child_process` test then plays the child's part (and does
//! nothing in a normal run).

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::child::{ack, acks, say};
use common::{env_or, is_root, note};
use rroom::notes::store::FILE_NAME;
use rroom::notes::{Filter, Store, StoreError};

fn all_notes(store: &Store) -> Vec<rroom::notes::Note> {
    store.list(&Filter { include_deleted: true, ..Filter::default() }).unwrap()
}

/// A store in `dir` with `n` notes.
fn filled(dir: &Path, n: usize) -> Vec<i64> {
    let store = Store::open(dir).unwrap();
    (0..n)
        .map(|i| store.add(note(&format!("note {i} #filled {}", "words ".repeat(i % 40)))).unwrap().id)
        .collect()
}

/// Deterministic bytes that are not a database.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    let rows: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.join("; ")
}

/// Asserts a `Corrupt` error that moved the file (holding `bytes`) aside,
/// then that opening again gives a fresh, working store.
fn assert_moved_aside(dir: &Path, err: StoreError, bytes: &[u8]) {
    let msg = err.to_string();
    let StoreError::Corrupt { path, moved_to, .. } = err else { panic!("expected Corrupt, got {msg}") };
    assert_eq!(path, dir.join(FILE_NAME));
    assert!(
        msg.contains(&path.display().to_string()) && msg.contains(&moved_to.display().to_string()),
        "{msg}"
    );
    assert!(msg.contains("moved aside") && msg.contains("nothing deleted"), "{msg}");
    let name = moved_to.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("notes.sqlite3.corrupt-"), "{name}");
    assert_eq!(fs::read(&moved_to).unwrap(), bytes, "the damaged file is kept byte for byte");
    assert!(!path.exists());
    let store = Store::open(dir).unwrap();
    assert!(all_notes(&store).is_empty());
    store.add(note("a fresh start")).unwrap();
}

/// Puts `bytes` in place of the store file in `dir`: opening the store must
/// move them aside (see [`assert_moved_aside`]).
fn assert_opening_moves_aside(dir: &Path, bytes: &[u8]) {
    fs::write(dir.join(FILE_NAME), bytes).unwrap();
    let err = Store::open(dir).unwrap_err();
    assert_moved_aside(dir, err, bytes);
}

#[test]
fn random_bytes_are_moved_aside_not_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    assert_opening_moves_aside(tmp.path(), &noise(20_000, 0x9e37_79b9_7f4a_7c15));
}

#[test]
fn a_text_file_in_place_of_the_store_is_moved_aside() {
    let tmp = tempfile::tempdir().unwrap();
    assert_opening_moves_aside(tmp.path(), &b"my notes, typed by hand\n".repeat(100));
}

#[test]
fn a_truncated_store_is_moved_aside() {
    for keep in [0.5, 0.9] {
        let tmp = tempfile::tempdir().unwrap();
        filled(tmp.path(), 300);
        let path = tmp.path().join(FILE_NAME);
        assert!(!tmp.path().join("notes.sqlite3-wal").exists(), "closed cleanly: all in the main file");
        let mut bytes = fs::read(&path).unwrap();
        assert!(bytes.len() > 40_000, "{}", bytes.len());
        bytes.truncate((bytes.len() as f64 * keep) as usize);
        assert_opening_moves_aside(tmp.path(), &bytes);
    }
}

#[test]
fn a_store_cut_inside_its_header_is_moved_aside() {
    let tmp = tempfile::tempdir().unwrap();
    filled(tmp.path(), 3);
    let mut bytes = fs::read(tmp.path().join(FILE_NAME)).unwrap();
    bytes.truncate(60);
    assert_opening_moves_aside(tmp.path(), &bytes);
}

#[test]
fn damaged_pages_are_moved_aside() {
    let tmp = tempfile::tempdir().unwrap();
    filled(tmp.path(), 300);
    let mut bytes = fs::read(tmp.path().join(FILE_NAME)).unwrap();
    // Scribble over the middle pages, keeping the header valid.
    let mid = bytes.len() / 2;
    bytes[mid..mid + 8192].copy_from_slice(&noise(8192, 42));
    assert_opening_moves_aside(tmp.path(), &bytes);
}

#[test]
fn a_zero_byte_file_holds_nothing_and_becomes_a_store() {
    // An empty file is what a crash between creating the file and writing
    // the schema leaves: SQLite reads it as an empty database, and there is
    // nothing in it to lose.
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join(FILE_NAME), b"").unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let n = store.add(note("first")).unwrap();
    drop(store);
    assert_eq!(Store::open(tmp.path()).unwrap().get(n.id).unwrap().unwrap().text, "first");
}

#[test]
fn a_zero_byte_file_next_to_a_log_is_moved_aside_with_the_log() {
    // SQLite would delete the log of an empty database file: keep both.
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join(FILE_NAME), b"").unwrap();
    let wal = noise(4096, 7);
    fs::write(tmp.path().join("notes.sqlite3-wal"), &wal).unwrap();
    let err = Store::open(tmp.path()).unwrap_err();
    let StoreError::Corrupt { moved_to, .. } = &err else { panic!("{err}") };
    let mut moved_wal = moved_to.clone().into_os_string();
    moved_wal.push("-wal");
    assert_eq!(fs::read(&moved_wal).unwrap(), wal);
    assert!(!tmp.path().join("notes.sqlite3-wal").exists());
    Store::open(tmp.path()).unwrap();
}

#[test]
fn a_directory_in_place_of_the_file_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(FILE_NAME);
    fs::create_dir(&path).unwrap();
    fs::write(path.join("keep.txt"), "mine").unwrap();
    let err = Store::open(tmp.path()).unwrap_err();
    assert!(matches!(err, StoreError::NotAFile { .. }), "{err}");
    assert!(err.to_string().contains("is a directory"), "{err}");
    assert_eq!(fs::read_to_string(path.join("keep.txt")).unwrap(), "mine");
}

#[test]
fn a_data_dir_that_cannot_be_created_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("file"), "x").unwrap();
    let err = Store::open(&tmp.path().join("file").join("data")).unwrap_err();
    assert!(err.to_string().contains("cannot use the notes directory"), "{err}");
}

#[test]
fn two_damaged_stores_in_a_row_get_distinct_names() {
    let tmp = tempfile::tempdir().unwrap();
    let mut moved = HashSet::new();
    for seed in 1..=3 {
        fs::write(tmp.path().join(FILE_NAME), noise(5000, seed)).unwrap();
        match Store::open(tmp.path()).unwrap_err() {
            StoreError::Corrupt { moved_to, .. } => assert!(moved.insert(moved_to)),
            other => panic!("{other}"),
        }
    }
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 3);
}

// ---------------------------------------------------------------------------
// Child processes.

/// Runs this test binary as a child playing `mode`.
fn child(mode: &str, dir: &Path, extra: &[(&str, String)]) -> Command {
    let mut cmd = common::child::command("child_process", extra);
    cmd.env("RROOM_NOTES_CHILD", mode).env("RROOM_NOTES_DIR", dir).stderr(Stdio::piped());
    cmd
}

/// The child's part; a no-op in a normal test run.
#[test]
fn child_process() {
    let Ok(mode) = std::env::var("RROOM_NOTES_CHILD") else { return };
    let dir = PathBuf::from(std::env::var("RROOM_NOTES_DIR").unwrap());
    match mode.as_str() {
        // Adds notes until killed (or `RROOM_NOTES_COUNT`), acknowledging each.
        "writer" => {
            let tag = std::env::var("RROOM_NOTES_TAG").unwrap_or_default();
            let count = env_or("RROOM_NOTES_COUNT", usize::MAX);
            let store = match Store::open(&dir) {
                Ok(s) => s,
                Err(e) => {
                    say(&format!("error {e}"));
                    std::process::exit(3);
                }
            };
            for seq in 0..count {
                let text = format!("{tag} {seq} #stress");
                match store.add(note(&text)) {
                    Ok(n) => ack(n.id, &text),
                    Err(e) => {
                        say(&format!("error {e}"));
                        std::process::exit(4);
                    }
                }
            }
            say("done");
        }
        // Makes `RROOM_NOTES_COUNT` successful edits of one note, retrying
        // on conflicts with the current version.
        "editor" => {
            let id: i64 = std::env::var("RROOM_NOTES_ID").unwrap().parse().unwrap();
            let tag = std::env::var("RROOM_NOTES_TAG").unwrap();
            let count = env_or("RROOM_NOTES_COUNT", 10usize);
            let store = Store::open(&dir).unwrap();
            let (mut saved, mut conflicts) = (0, 0);
            let mut version = store.get(id).unwrap().unwrap().version;
            while saved < count {
                match store.update(id, version, &format!("{tag} edit {saved}")) {
                    Ok(n) => {
                        saved += 1;
                        version = n.version;
                        say(&format!("edited {} {tag}", n.version));
                    }
                    Err(StoreError::Conflict { current }) => {
                        conflicts += 1;
                        version = current.version;
                    }
                    Err(e) => panic!("{e}"),
                }
            }
            say(&format!("done {conflicts} conflicts"));
        }
        // Tries to use a store it may only read.
        "read-only" => {
            let expected = env_or("RROOM_NOTES_COUNT", 0);
            match Store::open(&dir) {
                Ok(store) => {
                    say(&format!("opened read_only={}", store.is_read_only()));
                    say(&format!("listed {}", all_notes(&store).len()));
                    assert_eq!(all_notes(&store).len(), expected);
                    match store.add(note("should not be written")) {
                        Ok(n) => say(&format!("WROTE {}", n.id)),
                        Err(e) => say(&format!("add refused: {e}")),
                    }
                    match store.save_draft("k", "s1", "draft") {
                        Ok(_) => say("WROTE draft"),
                        Err(e) => say(&format!("draft refused: {e}")),
                    }
                }
                Err(e) => say(&format!("open refused: {e}")),
            }
        }
        other => panic!("unknown child mode {other}"),
    }
}

/// Collects a child's stdout lines on a thread, as they come.
fn collect(child: &mut Child) -> (Arc<Mutex<Vec<String>>>, std::thread::JoinHandle<()>) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let out = child.stdout.take().unwrap();
    let sink = Arc::clone(&lines);
    let handle = std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            sink.lock().unwrap().push(line);
        }
    });
    (lines, handle)
}

fn run_to_end(mut cmd: Command) -> Vec<String> {
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "child failed: {stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    stdout.lines().map(str::to_string).collect()
}

#[test]
fn processes_writing_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    // A fresh directory: the children also race to create the store.
    let dir = tmp.path().join("data");
    let per_child = 60;
    let children: Vec<Child> = (0..4)
        .map(|c| {
            child(
                "writer",
                &dir,
                &[("RROOM_NOTES_TAG", format!("child{c}")), ("RROOM_NOTES_COUNT", per_child.to_string())],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    let mut acked = BTreeMap::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        let lines: Vec<String> = stdout.lines().map(str::to_string).collect();
        assert!(lines.iter().any(|l| l == "done"), "{stdout}");
        let a = acks(&lines);
        assert_eq!(a.len(), per_child);
        acked.extend(a);
    }
    assert_eq!(acked.len(), 4 * per_child, "ids are unique across processes");
    let store = Store::open(&dir).unwrap();
    let stored: BTreeMap<i64, String> = all_notes(&store).into_iter().map(|n| (n.id, n.text)).collect();
    assert_eq!(stored, acked);
    assert!(store.integrity_check().unwrap().is_empty());
}

#[test]
fn processes_editing_one_note_never_overwrite_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let id = store.add(note("shared")).unwrap().id;
    let per_child = 25;
    let children: Vec<Child> = (0..3)
        .map(|c| {
            child(
                "editor",
                tmp.path(),
                &[
                    ("RROOM_NOTES_ID", id.to_string()),
                    ("RROOM_NOTES_TAG", format!("editor{c}")),
                    ("RROOM_NOTES_COUNT", per_child.to_string()),
                ],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    let mut versions = HashSet::new();
    for c in children {
        let out = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
        for line in stdout.lines().filter_map(|l| l.strip_prefix("edited ")) {
            let v: i64 = line.split(' ').next().unwrap().parse().unwrap();
            assert!(versions.insert(v), "version {v} was saved twice: an edit was overwritten");
        }
    }
    // Every successful save made its own version: 1 + all edits, no gaps.
    let n = store.get(id).unwrap().unwrap();
    assert_eq!(n.version, 1 + 3 * per_child as i64);
    assert_eq!(versions, (2..=n.version).collect());
}

/// A small xorshift generator, so the kill test needs no crate; the seed is
/// printed and can be replayed with `RROOM_KILL_SEED`.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[cfg(unix)]
#[test]
fn notes_acknowledged_before_sigkill_are_never_lost() {
    let iterations = env_or("RROOM_KILL_ITERATIONS", 50usize);
    let seed = std::env::var("RROOM_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
            | 1
    });
    eprintln!("kill test: {iterations} iterations, RROOM_KILL_SEED={seed}");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared");
    let mut expected: BTreeMap<PathBuf, BTreeMap<i64, String>> = BTreeMap::new();
    let mut total_acks = 0;
    let started = Instant::now();
    for iteration in 0..iterations {
        // Mostly one store that grows; now and then a fresh one, killed
        // while it is being created.
        let dir =
            if iteration % 10 == 3 { tmp.path().join(format!("fresh{iteration}")) } else { shared.clone() };
        let mut c =
            child("writer", &dir, &[("RROOM_NOTES_TAG", format!("iteration{iteration}"))]).spawn().unwrap();
        let (lines, reader) = collect(&mut c);
        // Kill at a random moment: during start-up, open, or mid-stream.
        let delay = match rng.below(4) {
            0 => rng.below(15),
            _ => 5 + rng.below(60),
        };
        std::thread::sleep(Duration::from_millis(delay));
        // SIGKILL: no destructor, no flush, no unwinding.
        unsafe {
            libc::kill(c.id() as libc::pid_t, libc::SIGKILL);
        }
        let status = c.wait().unwrap();
        reader.join().unwrap();
        let lines = lines.lock().unwrap().clone();
        if let Some(err) = lines.iter().find(|l| l.starts_with("error")) {
            panic!("iteration {iteration} (seed {seed}): the writer failed: {err}");
        }
        assert!(!status.success() || lines.iter().any(|l| l == "done"), "{status:?}");
        let acked = acks(&lines);
        total_acks += acked.len();
        expected.entry(dir.clone()).or_default().extend(acked);

        // Every acknowledged note is there, and the database is sound.
        if dir.join(FILE_NAME).exists() {
            assert_eq!(integrity(&dir.join(FILE_NAME)), "ok", "iteration {iteration} (seed {seed})");
        }
        let store = Store::open(&dir)
            .unwrap_or_else(|e| panic!("iteration {iteration} (seed {seed}): reopening failed: {e}"));
        let stored: BTreeMap<i64, String> = all_notes(&store).into_iter().map(|n| (n.id, n.text)).collect();
        for (id, text) in &expected[&dir] {
            assert_eq!(
                stored.get(id),
                Some(text),
                "iteration {iteration} (seed {seed}): acknowledged note {id} is missing or changed"
            );
        }
    }
    eprintln!(
        "kill test: {iterations} kills, {total_acks} acknowledged notes, all present ({:?})",
        started.elapsed()
    );
    assert!(total_acks > 0, "the writers never got to write: the test proved nothing");
}

// ---------------------------------------------------------------------------
// Read-only stores. As root, file permissions do not stop writes, so the
// child drops to an unprivileged user first.

#[cfg(unix)]
const NOBODY: u32 = 65534;

/// Hands the tree to the unprivileged user (when running as root).
#[cfg(unix)]
fn give_away(path: &Path) {
    if !is_root() {
        return;
    }
    use std::os::unix::ffi::OsStrExt;
    let mut stack = vec![path.to_path_buf()];
    while let Some(p) = stack.pop() {
        let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::chown(c.as_ptr(), NOBODY, NOBODY) }, 0, "chown {}", p.display());
        if p.is_dir() {
            stack.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        }
    }
}

/// Gives `path` (recursively) back to the user running the tests, undoing
/// [`give_away`]: the store refuses files that belong to another user.
#[cfg(unix)]
fn take_back(path: &Path) {
    if !is_root() {
        return;
    }
    use std::os::unix::ffi::OsStrExt;
    let mut stack = vec![path.to_path_buf()];
    while let Some(p) = stack.pop() {
        let c = std::ffi::CString::new(p.as_os_str().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::chown(c.as_ptr(), 0, 0) }, 0, "chown {}", p.display());
        if p.is_dir() {
            stack.extend(fs::read_dir(&p).unwrap().map(|e| e.unwrap().path()));
        }
    }
}

#[cfg(unix)]
fn read_only_child(dir: &Path, count: usize) -> Vec<String> {
    use std::os::unix::process::CommandExt;
    let mut cmd = child("read-only", dir, &[("RROOM_NOTES_COUNT", count.to_string())]);
    if is_root() {
        unsafe {
            cmd.pre_exec(|| {
                if libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(NOBODY) != 0
                    || libc::setuid(NOBODY) != 0
                {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    run_to_end(cmd)
}

#[cfg(unix)]
fn chmod(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// A directory the unprivileged child can reach.
#[cfg(unix)]
fn reachable_tempdir() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    chmod(tmp.path(), 0o755);
    tmp
}

/// Each file in `dir`: name → (size, hash of the bytes).
#[cfg(unix)]
fn snapshot(dir: &Path) -> BTreeMap<String, (usize, u64)> {
    use std::hash::{Hash, Hasher};
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = fs::read(&p).unwrap();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut h);
            (p.file_name().unwrap().to_string_lossy().into_owned(), (bytes.len(), h.finish()))
        })
        .collect()
}

#[cfg(unix)]
fn assert_read_only_outcome(lines: &[String], dir: &Path) {
    let text = lines.join("\n");
    assert!(!text.contains("WROTE"), "a read-only store was written:\n{text}");
    let refusal = lines
        .iter()
        .find(|l| l.starts_with("add refused") || l.starts_with("open refused"))
        .unwrap_or_else(|| panic!("no clear refusal:\n{text}"));
    assert!(refusal.contains("read-only"), "{refusal}");
    assert!(refusal.contains(&dir.join(FILE_NAME).display().to_string()), "{refusal}");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_can_be_read_and_refuses_writes() {
    let tmp = reachable_tempdir();
    let dir = tmp.path().join("data");
    let ids = filled(&dir, 5);
    give_away(&dir);
    chmod(&dir.join(FILE_NAME), 0o444);
    let before = snapshot(&dir);
    let lines = read_only_child(&dir, ids.len());
    eprintln!("{}", lines.join("\n"));
    assert!(lines.contains(&"opened read_only=true".to_string()), "{lines:?}");
    assert!(lines.contains(&format!("listed {}", ids.len())), "{lines:?}");
    assert_read_only_outcome(&lines, &dir);
    assert!(lines.iter().any(|l| l.starts_with("draft refused")), "{lines:?}");
    // SQLite may leave an empty log and its index next to the file; the data is untouched.
    let mut after = snapshot(&dir);
    assert_eq!(after.remove(FILE_NAME), before.get(FILE_NAME).copied(), "the database file is unchanged");
    after.remove("notes.sqlite3-shm");
    if let Some((len, _)) = after.remove("notes.sqlite3-wal") {
        assert_eq!(len, 0, "nothing was logged");
    }
    assert!(after.is_empty(), "{after:?}");
    chmod(&dir.join(FILE_NAME), 0o600);
    take_back(&dir);
    assert_eq!(all_notes(&Store::open(&dir).unwrap()).len(), ids.len());
}

#[cfg(unix)]
#[test]
fn a_read_only_directory_is_a_clear_error_and_loses_nothing() {
    let tmp = reachable_tempdir();
    let dir = tmp.path().join("data");
    let ids = filled(&dir, 5);
    give_away(&dir);
    chmod(&dir, 0o555);
    let before = snapshot(&dir);
    let lines = read_only_child(&dir, ids.len());
    eprintln!("{}", lines.join("\n"));
    assert_read_only_outcome(&lines, &dir);
    assert_eq!(snapshot(&dir), before, "nothing changed on disk");
    chmod(&dir, 0o700);
    take_back(&dir);
    assert_eq!(all_notes(&Store::open(&dir).unwrap()).len(), ids.len());
}

#[cfg(unix)]
#[test]
fn a_store_that_cannot_be_created_is_a_clear_error() {
    let tmp = reachable_tempdir();
    let dir = tmp.path().join("data");
    fs::create_dir(&dir).unwrap();
    give_away(&dir);
    chmod(&dir, 0o555);
    let lines = read_only_child(&dir, 0);
    let text = lines.join("\n");
    eprintln!("{text}");
    assert!(text.contains("open refused") && text.contains("read-only"), "{text}");
    assert!(text.contains("cannot create"), "{text}");
    chmod(&dir, 0o700);
}
