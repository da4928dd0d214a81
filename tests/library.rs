//! The corpus index (`rroom index`, and every command over a corpus of
//! files): the same output as reading the corpus whole, incremental
//! updates, a killed update resumed, a damaged index rebuilt, two
//! processes at once, a full disk. Each run is isolated in a temporary home
//! (the index goes to `data/index` there).

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::bin::{command, json, rroom_on, seeded_home, stderr, stdout};
use rroom::corpus::synth;
use serde_json::Value;

fn without_index(home: &Path, corpus: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--no-index"];
    all.extend_from_slice(args);
    rroom_on(home, corpus, &all)
}

fn index_json(home: &Path, corpus: &Path) -> Value {
    json(&rroom_on(home, corpus, &["index", "--json"]))
}

/// The same standard output through the index as without it.
#[track_caller]
fn assert_same(home: &Path, corpus: &Path, args: &[&str]) {
    let indexed = rroom_on(home, corpus, args);
    let direct = without_index(home, corpus, args);
    assert!(indexed.status.success(), "{args:?}: {}", stderr(&indexed));
    assert_eq!(stdout(&indexed), stdout(&direct), "{args:?}");
}

fn result_ids(v: &Value) -> Vec<String> {
    let mut ids: Vec<String> =
        v["results"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
    ids.sort();
    ids
}

#[test]
fn the_index_answers_as_the_corpus_read_whole_on_the_seeds() {
    let (home, corpus) = seeded_home();
    let (home, corpus) = (home.path(), corpus.as_path());
    let first = index_json(home, corpus);
    assert_eq!(first["articles"], 5);
    assert_eq!(first["update"]["new_files"], 5);
    assert!(home.join("data/index").is_dir(), "the index is under the data directory");
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["show", "2"],
        &["show", "1", "--json"],
        &["entities"],
        &["entities", "--json"],
        &["entities", "4", "--json"],
        &["lookup", "ttp", "--json"],
        &["lookup", "mujahid"],
        &["lookup", "Sadiq Khan", "--json"],
        &["lookup", "muttaq", "--json"],
    ] {
        assert_same(home, corpus, args);
    }
    // A name nobody has fails the same way.
    let (a, b) = (
        rroom_on(home, corpus, &["lookup", "qwertyuiop"]),
        without_index(home, corpus, &["lookup", "qwertyuiop"]),
    );
    assert_eq!((a.status.code(), stderr(&a)), (b.status.code(), stderr(&b)));
    // Full text: the same articles (ranked by BM25 through the index).
    for q in ["taliban", "istanbul", "\"Durand Line\"", "kabul pakistan", "Taliban", "nothingatall"] {
        let a = json(&rroom_on(home, corpus, &["find", "--full-text", q, "--json"]));
        let b = json(&without_index(home, corpus, &["find", "--full-text", q, "--json"]));
        assert_eq!(result_ids(&a), result_ids(&b), "{q}");
        assert_eq!(a["total"], b["total"], "{q}");
        for r in a["results"].as_array().unwrap() {
            assert!(r["snippet"].as_str().is_some_and(|s| !s.is_empty()), "{q}: {r}");
        }
        let a = json(&rroom_on(home, corpus, &["find", q, "--json"]));
        let b = json(&without_index(home, corpus, &["find", q, "--json"]));
        assert_eq!(result_ids(&a), result_ids(&b), "{q}");
    }
    let stats = json(&rroom_on(home, corpus, &["index", "--stats", "--json"]));
    assert_eq!(stats["stats"]["articles"], 5);
    assert!(stats["stats"]["entities"].as_u64().unwrap() > 20, "{stats}");
    assert!(stats["stats"]["bytes_on_disk"].as_u64().unwrap() > 0);
    assert_eq!(stats["update"]["new_files"], 0, "nothing changed since");
}

#[test]
fn the_index_answers_as_the_corpus_read_whole_on_bbc() {
    let bbc = Path::new("/work/shared/corpora/bbc");
    if !bbc.is_dir() {
        eprintln!("skipped: no BBC corpus at {}", bbc.display());
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let first = index_json(home.path(), bbc);
    assert!(first["articles"].as_u64().unwrap() > 2000, "{first}");
    for args in [&["list", "--json"][..], &["show", "100", "--json"], &["lookup", "blair", "--json"]] {
        assert_same(home.path(), bbc, args);
    }
}

#[test]
fn updates_read_only_what_was_added_changed_removed_or_appended() {
    let (home, corpus) = seeded_home();
    let (home, corpus) = (home.path(), corpus.as_path());
    index_json(home, corpus);
    // Added.
    std::fs::write(corpus.join("new.txt"), "A new headline here\n\nKabul said something new today.\n")
        .unwrap();
    let v = index_json(home, corpus);
    assert_eq!((v["update"]["new_files"].as_u64(), v["articles"].as_u64()), (Some(1), Some(6)), "{v}");
    assert_eq!(v["update"]["articles_indexed"], 1);
    // Changed.
    std::fs::write(corpus.join("new.txt"), "Another headline\n\nIstanbul said something else.\n").unwrap();
    let v = index_json(home, corpus);
    assert_eq!(v["update"]["changed_files"], 1, "{v}");
    assert_same(home, corpus, &["show", "6", "--json"]);
    // Removed.
    std::fs::remove_file(corpus.join("new.txt")).unwrap();
    let v = index_json(home, corpus);
    assert_eq!((v["update"]["removed_files"].as_u64(), v["articles"].as_u64()), (Some(1), Some(5)), "{v}");
    // Appended: only the new lines are read.
    let lines: Vec<String> = synth::jsonl(30, 2, 3).collect();
    let feed = corpus.join("feed.jsonl");
    std::fs::write(&feed, lines[..20].join("\n") + "\n").unwrap();
    let v = index_json(home, corpus);
    assert_eq!(v["update"]["articles_indexed"], 20, "{v}");
    let mut file = std::fs::OpenOptions::new().append(true).open(&feed).unwrap();
    std::io::Write::write_all(&mut file, (lines[20..].join("\n") + "\n").as_bytes()).unwrap();
    drop(file);
    let v = index_json(home, corpus);
    assert_eq!(v["update"]["appended_files"], 1, "{v}");
    assert_eq!(v["update"]["articles_indexed"], 10, "{v}");
    assert_eq!(v["articles"], 35);
    // A line rewritten in place is a change: the file is read again.
    let rewritten = lines.join("\n").replacen("\"title\":\"", "\"title\":\"Changed ", 1) + "\n";
    std::fs::write(&feed, rewritten).unwrap();
    let v = index_json(home, corpus);
    assert_eq!(
        (v["update"]["changed_files"].as_u64(), v["update"]["articles_indexed"].as_u64()),
        (Some(1), Some(30))
    );
    for args in [&["list", "--json"][..], &["show", "30", "--json"], &["lookup", "ttp", "--json"]] {
        assert_same(home, corpus, args);
    }
    // Nothing changed: nothing read.
    let v = index_json(home, corpus);
    assert_eq!(v["update"]["articles_indexed"], 0, "{v}");
}

/// A corpus of `n` small synthetic text files.
fn synthetic_folder(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let mut rng = synth::Rng::new(11);
    for i in 0..n {
        let text = format!("{}\n\n{}\n", synth::title(&mut rng), synth::body(&mut rng, 2));
        std::fs::write(dir.join(format!("{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn a_killed_update_loses_nothing_and_the_next_one_resumes() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    synthetic_folder(&corpus, 2000);
    let mut child = command(home.path())
        .args(["--corpus", corpus.to_str().unwrap(), "index"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for a progress line that says some files are committed.
    let mut done_before_kill = None;
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("rroom: indexing: ") {
            let done: usize = rest.split('/').next().unwrap().parse().unwrap();
            if done > 0 {
                done_before_kill = Some(done);
                break;
            }
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let done = done_before_kill.expect("a progress line");
    let v = index_json(home.path(), &corpus);
    let read_again = v["update"]["new_files"].as_u64().unwrap() as usize;
    assert!(read_again < 2000, "the second run resumed: it read {read_again} files ({done} were done)");
    assert_eq!(v["articles"], 2000);
    assert_same(home.path(), &corpus, &["list", "--json"]);
}

#[test]
fn a_damaged_or_foreign_index_is_rebuilt_with_a_notice() {
    let (home, corpus) = seeded_home();
    let (home, corpus) = (home.path(), corpus.as_path());
    let v = index_json(home, corpus);
    let path = PathBuf::from(v["index"].as_str().unwrap());
    // Another version.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let o = rroom_on(home, corpus, &["list"]);
    assert!(stderr(&o).contains("another version of rroom: rebuilding"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert_same(home, corpus, &["list"]);
    // Garbage.
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::write(&path, vec![0x5a; len]).unwrap();
    let o = rroom_on(home, corpus, &["lookup", "ttp", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("damaged: rebuilding"), "{}", stderr(&o));
    assert_same(home, corpus, &["lookup", "ttp", "--json"]);
}

#[test]
fn two_processes_on_one_index_never_corrupt_it() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    synthetic_folder(&corpus, 600);
    let spawn = || {
        command(home.path())
            .args(["--corpus", corpus.to_str().unwrap(), "index", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let (a, b) = (json(&a), json(&b));
    assert_eq!((a["articles"].as_u64(), b["articles"].as_u64()), (Some(600), Some(600)));
    // One of them did the work; the other waited and found nothing to do.
    let read = a["update"]["new_files"].as_u64().unwrap() + b["update"]["new_files"].as_u64().unwrap();
    assert_eq!(read, 600, "{a} {b}");
    assert_same(home.path(), &corpus, &["list", "--json"]);
}

#[test]
fn a_full_disk_stops_the_update_and_leaves_the_last_good_index() {
    use rroom::library::{LibraryError, open, update};
    let (home, corpus) = seeded_home();
    index_json(home.path(), &corpus);
    let before = json(&rroom_on(home.path(), &corpus, &["list", "--json"]));
    let dir = home.path().join("data/index");
    let path = open::index_file(&dir, std::slice::from_ref(&corpus), false);
    synthetic_folder(&corpus.join("more"), 300);
    // One seed removed and one changed: until the update completes, the
    // list is the last complete one.
    let mut seeds: Vec<PathBuf> =
        std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    seeds.sort();
    std::fs::remove_file(&seeds[0]).unwrap();
    std::fs::write(&seeds[1], "Changed headline\n\nKabul said something new today.\n").unwrap();
    let (mut conn, notice) = open::open(&path).unwrap();
    assert_eq!(notice, None);
    // No room for more pages: SQLite reports a full disk.
    let pages: i64 = conn.pragma_query_value(None, "page_count", |r| r.get(0)).unwrap();
    conn.pragma_update(None, "max_page_count", pages + 2).unwrap();
    let roots = vec![corpus.clone()];
    let e = update::update(&mut conn, &path, &roots, &Default::default(), &mut |_| {}).unwrap_err();
    assert!(matches!(e, LibraryError::DiskFull { .. }), "{e}");
    assert!(e.to_string().contains("disk is full"), "{e}");
    let listed: i64 =
        conn.query_row("SELECT count(*) FROM articles WHERE pos IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(listed, 5, "the last complete update is still there");
    drop(conn);
    // ... and usable: the same list, the unchanged articles readable.
    use rroom::library::{Library, SqliteLibrary};
    let last =
        SqliteLibrary::open_last_complete(&path, roots, Default::default()).unwrap().expect("an index");
    let titles: Vec<String> = last.rows().unwrap().into_iter().map(|r| r.title).collect();
    let listed: Vec<&str> =
        before["articles"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, listed);
    assert_eq!(last.article(4).unwrap().title, listed[4]);
    assert!(last.article(1).is_err(), "the changed article says so when read");
    drop(last);
    // With room again, the update completes.
    let v = index_json(home.path(), &corpus);
    assert_eq!(v["articles"], 304);
    assert_same(home.path(), &corpus, &["list", "--json"]);
    assert_same(home.path(), &corpus, &["lookup", "kabul", "--json"]);
}

#[test]
fn the_index_answers_as_the_corpus_read_whole_on_hostile_and_unicode_files() {
    let home = tempfile::tempdir().unwrap();
    for dir in ["hostile", "unicode"] {
        let corpus = common::fixtures(dir);
        let n =
            json(&rroom_on(home.path(), &corpus, &["list", "--json"]))["articles"].as_array().unwrap().len();
        for args in [&["list"][..], &["list", "--json"], &["entities", "--json"]] {
            assert_same(home.path(), &corpus, args);
        }
        for i in 1..=n {
            assert_same(home.path(), &corpus, &["show", &i.to_string(), "--json"]);
        }
    }
}

/// `cmd` with every file it writes limited to `bytes` (RLIMIT_FSIZE, with
/// SIGXFSZ ignored: a write that would pass the limit writes what fits and
/// then fails, as on a file system that has just filled up).
fn with_file_size_limit(cmd: &mut std::process::Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: only async-signal-safe libc calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit { rlim_cur: bytes, rlim_max: libc::RLIM_INFINITY };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// The largest file in `dir` (the index and its write-ahead log).
fn largest_file(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .max()
        .unwrap_or(0)
}

/// The real binary on a disk that fills up while it indexes: it stops with
/// the one clear message and a failure status, never a panic; the last
/// complete index still answers; with room again the update completes.
#[test]
fn the_binary_on_a_full_disk_says_so_and_keeps_the_last_good_index() {
    let (home, corpus) = seeded_home();
    let (home, corpus) = (home.path(), corpus.as_path());
    index_json(home, corpus);
    let before = stdout(&rroom_on(home, corpus, &["list", "--json"]));
    synthetic_folder(&corpus.join("more"), 400);
    // Room for a little more than is there now; an odd size, so that the
    // write that fills it is cut short (the way a full disk cuts it).
    let room = largest_file(&home.join("data/index")) + 64 * 1024 + 1;
    let corpus_arg = corpus.to_str().unwrap();
    let mut cmd = command(home);
    cmd.args(["--corpus", corpus_arg, "index"]);
    with_file_size_limit(&mut cmd, room);
    let full = cmd.output().unwrap();
    let err = stderr(&full);
    assert!(!full.status.success(), "a full disk is a failure: {err}");
    assert!(err.contains("the disk is full"), "the message names the cause: {err}");
    assert!(err.contains("rroom index"), "and says what to do: {err}");
    assert!(!err.contains("panicked"), "{err}");
    // Still full: reading commands answer from the last complete index.
    let mut cmd = command(home);
    cmd.args(["--corpus", corpus_arg, "list", "--json"]);
    with_file_size_limit(&mut cmd, room);
    let listed = cmd.output().unwrap();
    assert_eq!(stdout(&listed), before, "the last good index: {}", stderr(&listed));
    // With room again, the update completes and the new articles are there.
    let v = index_json(home, corpus);
    assert_eq!(v["articles"], 405, "{v}");
    assert_same(home, corpus, &["list", "--json"]);
}

/// A first build leaves the index dense: compacting it again would not
/// make it smaller (the sort and id indexes, filled out of their order,
/// left their pages part empty: 3 % of the file at a million articles).
#[test]
fn a_first_build_leaves_the_index_compact() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    synthetic_folder(&corpus, 1500);
    let built = rroom_on(home.path(), &corpus, &["index", "--json"]);
    assert!(stderr(&built).contains("compacting the new index of 1500 articles"), "{}", stderr(&built));
    let dir = home.path().join("data/index");
    let path = rroom::library::open::index_file(&dir, std::slice::from_ref(&corpus), false);
    let pages = |p: &Path| -> i64 {
        let conn = rusqlite::Connection::open(p).unwrap();
        conn.pragma_query_value(None, "page_count", |r| r.get(0)).unwrap()
    };
    let built = pages(&path);
    let copy = home.path().join("copy.sqlite3");
    rusqlite::Connection::open(&path).unwrap().execute("VACUUM INTO ?1", [copy.to_str().unwrap()]).unwrap();
    let compacted = pages(&copy);
    assert!(built <= compacted + 1, "the first build left {built} pages where {compacted} hold it");
}
