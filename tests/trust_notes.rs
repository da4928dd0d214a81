//! Issue 11 ("Trust"), the notes part: failures found by trying rroom as a
//! user and as an attacker would, each kept fixed by a test here.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{is_root, note};
use rroom::notes::store::FILE_NAME;
use rroom::notes::{Filter, Store, StoreError};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn texts(store: &Store) -> Vec<String> {
    store.list(&Filter::default()).unwrap().into_iter().map(|n| n.text).collect()
}

// ----- 3: drafts per session -----

#[test]
fn two_sessions_drafting_on_the_same_article_keep_both_drafts() {
    let tmp = tempfile::tempdir().unwrap();
    let one = Store::open(tmp.path()).unwrap();
    let two = Store::open(tmp.path()).unwrap();
    let (s1, s2) = (rroom::notes::new_session_id(), rroom::notes::new_session_id());
    assert_ne!(s1, s2);
    one.save_draft("article:7ada25d68e4b", &s1, "first session's words").unwrap();
    two.save_draft("article:7ada25d68e4b", &s2, "second session's words").unwrap();
    one.save_draft("article:7ada25d68e4b", &s1, "first session's words, more").unwrap();

    let fresh = Store::open(tmp.path()).unwrap();
    let mut drafts: Vec<(String, String)> =
        fresh.load_drafts().unwrap().into_iter().map(|d| (d.session, d.text)).collect();
    drafts.sort();
    let mut expected = vec![
        (s1.clone(), "first session's words, more".to_string()),
        (s2.clone(), "second session's words".into()),
    ];
    expected.sort();
    assert_eq!(drafts, expected);

    // Clearing one session's draft leaves the other's.
    one.clear_draft("article:7ada25d68e4b", &s1).unwrap();
    let left: Vec<String> = fresh.load_drafts().unwrap().into_iter().map(|d| d.session).collect();
    assert_eq!(left, [s2]);
}

// ----- 5: the store deleted or replaced while open -----

#[test]
fn a_store_deleted_while_open_is_recreated_and_the_next_note_reaches_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.add(note("written before the deletion")).unwrap();
    let path = tmp.path().join(FILE_NAME);
    for suffix in ["", "-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    assert!(!path.exists());

    let saved = store.add(note("written after the deletion"));
    match saved {
        Ok(_) => {
            let notice = store.take_notice().expect("the user is told the store was recreated");
            assert!(notice.contains("deleted"), "{notice}");
            assert_eq!(store.take_notice(), None, "told once");
            let fresh = Store::open(tmp.path()).unwrap();
            let on_disk = texts(&fresh);
            assert!(on_disk.contains(&"written after the deletion".to_string()), "{on_disk:?}");
            // Recreated from this session's copy: the earlier note is back too.
            assert!(on_disk.contains(&"written before the deletion".to_string()), "{on_disk:?}");
            assert_eq!(mode(&path), 0o600);
        }
        Err(e) => assert!(matches!(e, StoreError::Gone { .. }), "{e}"),
    }
}

#[test]
fn a_store_replaced_while_open_takes_the_write_at_its_path() {
    let tmp = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store.add(note("in the first file")).unwrap();
    drop(Store::open(other.path()).unwrap());
    let path = tmp.path().join(FILE_NAME);
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(format!("{}{suffix}", path.display()));
    }
    fs::rename(other.path().join(FILE_NAME), &path).unwrap();

    store.add(note("after the replacement")).unwrap();
    assert!(store.take_notice().is_some_and(|n| n.contains("replaced")));
    assert_eq!(texts(&Store::open(tmp.path()).unwrap()), ["after the replacement"]);
}

// ----- 6: changes by other processes can be noticed -----

#[test]
fn data_version_changes_when_another_handle_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let reader = Store::open(tmp.path()).unwrap();
    let writer = Store::open(tmp.path()).unwrap();
    let before = reader.data_version().unwrap();
    assert_eq!(reader.data_version().unwrap(), before, "stable while nothing happens");
    writer.add(note("from the command line")).unwrap();
    assert_ne!(reader.data_version().unwrap(), before);
}

// ----- 10: symlinked or foreign stores, open data directories -----

#[test]
fn a_symlinked_store_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let elsewhere = tmp.path().join("their-file");
    fs::write(&elsewhere, "").unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::symlink(&elsewhere, data.join(FILE_NAME)).unwrap();
    let err = Store::open(&data).unwrap_err();
    assert!(matches!(err, StoreError::Unsafe { .. }), "{err}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(fs::read(&elsewhere).unwrap(), b"", "the link's target is untouched");
}

#[test]
fn a_symlinked_side_file_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(Store::open(&data).unwrap());
    let elsewhere = tmp.path().join("their-log");
    fs::write(&elsewhere, "").unwrap();
    let wal = data.join(format!("{FILE_NAME}-wal"));
    let _ = fs::remove_file(&wal);
    std::os::unix::fs::symlink(&elsewhere, &wal).unwrap();
    let err = Store::open(&data).unwrap_err();
    assert!(err.to_string().contains("symbolic link"), "{err}");
}

#[test]
fn a_store_of_another_user_is_refused() {
    if !is_root() {
        // Only root can give a file away; the check itself runs for everyone.
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    drop(Store::open(&data).unwrap());
    let path = data.join(FILE_NAME);
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    let err = Store::open(&data).unwrap_err();
    assert!(err.to_string().contains("another user"), "{err}");
}

#[test]
fn a_data_dir_writable_by_others_is_refused_with_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir(&data).unwrap();
    for open_mode in [0o777, 0o775, 0o1777] {
        fs::set_permissions(&data, fs::Permissions::from_mode(open_mode)).unwrap();
        let err = Store::open(&data).unwrap_err();
        assert!(matches!(err, StoreError::Unsafe { .. }), "{err}");
        assert!(err.to_string().contains("chmod 700"), "{err}");
        assert!(!data.join(FILE_NAME).exists(), "nothing is created there");
    }
}

#[test]
fn store_files_are_private_new_and_old() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = Store::open(&data).unwrap();
    store.add(note("private")).unwrap();
    assert_eq!(mode(&data), 0o700);
    for suffix in ["", "-wal", "-shm"] {
        let p = data.join(format!("{FILE_NAME}{suffix}"));
        assert_eq!(mode(&p), 0o600, "{}", p.display());
    }
    drop(store);
    // A store left readable by others (an older rroom, a copy) is made private.
    let path = data.join(FILE_NAME);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let store = Store::open(&data).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(texts(&store), ["private"]);
}

// ----- the command line: anchors, entities, exports, small things -----

use common::bin::{rroom, stderr, stdout};
use rroom::notes::{Anchor, AnchorState, NewNote, Target, resolve};

/// A corpus of one article in `home`, `body` its text (title "Convoy report").
fn one_article(home: &Path, body: &str) -> String {
    let file = home.join("report.txt");
    fs::write(&file, format!("Convoy report\n\n{body}\n")).unwrap();
    file.display().to_string()
}

fn article_body(corpus_file: &str) -> (String, String) {
    let corpus = rroom::corpus::Corpus::load(&[corpus_file.into()]);
    let a = &corpus.articles[0];
    (a.id.to_string(), a.body.clone())
}

const ALPHA: &str = "Team Alpha reported the convoy was stopped at the border crossing on Tuesday.";
const BETA: &str = "Team Beta reported the convoy was stopped at the border crossing on Tuesday.";

/// Runs `rroom notes ...` as a library call over `corpus`.
fn notes_cli(corpus: &rroom::corpus::Corpus, data: &Path, args: &[&str]) -> String {
    use clap::Parser;
    #[derive(Parser)]
    struct Cli {
        #[command(subcommand)]
        cmd: rroom::cli::notes::NotesCommand,
    }
    let cli = Cli::try_parse_from(std::iter::once("notes").chain(args.iter().copied())).unwrap();
    let mut out = Vec::new();
    rroom::cli::notes::run_with(corpus, data, &cli.cmd, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn notes_list_json_gives_each_passage_note_its_anchor_state() {
    let home = tempfile::tempdir().unwrap();
    let intro = "Officials met on Monday to review the week.";
    let outro = "Both teams are expected to file again next week.";
    let file = one_article(home.path(), &format!("{intro}\n\n{ALPHA}\n\n{BETA}\n\n{outro}"));
    let (id, body) = article_body(&file);
    let data = home.path().join("data");
    let store = Store::open(&data).unwrap();
    let quote = |q: &str| {
        let s = body.find(q).unwrap();
        Target::Passage(Anchor::capture(&body, s..s + q.len()))
    };
    let add = |target, text: &str| {
        store.add(NewNote { article: id.clone(), target, text: text.into() }).unwrap().id
    };
    let on_alpha = add(quote(ALPHA), "about Alpha");
    let on_intro = add(quote(intro), "about the meeting");
    let on_outro = add(quote(outro), "about the next filing");
    let on_phrase = add(quote("stopped at the border crossing on Tuesday"), "where");
    // The article's text as it is now: Alpha's paragraph deleted, the intro
    // reworded a little (the same article, as a corrected feed item would be).
    let mut corpus = rroom::corpus::Corpus::load(&[file.into()]);
    corpus.articles[0].body =
        format!("{}\n\n{BETA}\n\n{outro}", intro.replace("to review the week", "to review the past week"));

    let v: serde_json::Value = serde_json::from_str(&notes_cli(&corpus, &data, &["list", "--json"])).unwrap();
    let note = |id: i64| v["notes"].as_array().unwrap().iter().find(|n| n["id"] == id).unwrap().clone();
    assert_eq!(note(on_alpha)["anchor"], "orphaned", "a look-alike is not Alpha's passage");
    assert!(note(on_alpha).get("similarity").is_none());
    assert_eq!(note(on_intro)["anchor"], "fuzzy");
    let sim = note(on_intro)["similarity"].as_f64().unwrap();
    assert!(sim > 0.75 && sim < 1.0, "{sim}");
    assert_eq!(note(on_outro)["anchor"], "moved");
    assert_eq!(note(on_phrase)["anchor"], "moved");
    let exported: serde_json::Value =
        serde_json::from_str(&notes_cli(&corpus, &data, &["export", "--format", "json"])).unwrap();
    assert_eq!(exported, v, "the JSON export says the same");

    let plain = notes_cli(&corpus, &data, &["list"]);
    let line =
        |id: i64| plain.lines().find(|l| l.trim_start().starts_with(&format!("{id} "))).unwrap().to_string();
    assert!(line(on_alpha).contains("(orphaned)"), "{plain}");
    assert!(line(on_intro).contains("(fuzzy: "), "{plain}");
    assert!(!line(on_outro).contains('('), "{plain}");

    let md = notes_cli(&corpus, &data, &["export"]);
    assert!(md.contains(&format!("(note {on_alpha}, orphaned)")), "{md}");
    assert!(md.contains(&format!("(note {on_intro}, uncertain)")), "{md}");
}

#[test]
fn reattach_confirms_a_fuzzy_match_and_makes_it_certain() {
    let body = "Officials met on Monday to review the week.\n\nThe talks went on.";
    let edited = "Officials met on Monday to review the past week.\n\nThe talks went on.";
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let q = "Officials met on Monday to review the week.";
    let note = store
        .add(NewNote {
            article: "a".into(),
            target: Target::Passage(Anchor::capture(body, 0..q.len())),
            text: "t".into(),
        })
        .unwrap();
    let r = resolve(note.anchor().unwrap(), edited);
    assert_eq!(r.state(), AnchorState::Fuzzy);
    let fresh = Anchor::capture(edited, r.range().unwrap());
    let moved = store.reattach(note.id, note.version, fresh).unwrap();
    assert_eq!(moved.version, note.version + 1);
    assert_eq!(moved.text, "t");
    assert_eq!(resolve(moved.anchor().unwrap(), edited).state(), AnchorState::Exact);
    // A stale version is a conflict, not an overwrite.
    let again = Anchor::capture(edited, 0..9);
    assert!(matches!(store.reattach(note.id, note.version, again), Err(StoreError::Conflict { .. })));
    // Only passage notes can be re-attached.
    let plain = store.add(note_on_article("whole article")).unwrap();
    assert!(store.reattach(plain.id, 1, Anchor::capture(edited, 0..9)).is_err());
}

fn note_on_article(text: &str) -> NewNote {
    note(text)
}

#[test]
fn an_entity_note_names_the_entity_by_its_alias_and_keeps_its_kind() {
    let home = tempfile::tempdir().unwrap();
    let ttp = rroom(&["lookup", "ttp", "--json"], home.path());
    let expected = common::bin::json(&ttp)["entity"].clone();
    let article = common::bin::json(&ttp)["articles"][0]["id"].as_str().unwrap().to_string();
    let out = rroom(&["notes", "add", &article, "--text", "on the group", "--entity", "ttp"], home.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let v = common::bin::json(&rroom(&["notes", "list", "--json"], home.path()));
    let entity = &v["notes"][0]["entity"];
    assert_eq!(entity["name"], expected["name"], "the canonical name, not the alias typed");
    assert_eq!(entity["kind"], expected["kind"]);
    let md = stdout(&rroom(&["notes", "export"], home.path()));
    assert!(md.contains(&format!("({}; note 1)", expected["kind"].as_str().unwrap())), "{md}");
}

#[test]
fn an_unknown_entity_is_refused_with_suggestions() {
    let home = tempfile::tempdir().unwrap();
    let out = rroom(&["notes", "add", "1", "--text", "x", "--entity", "nobody"], home.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("'nobody'") && err.contains("closest: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    let v = common::bin::json(&rroom(&["notes", "list", "--json"], home.path()));
    assert!(v["notes"].as_array().unwrap().is_empty(), "nothing was stored");
}

/// Every HTML and link event in the rendered Markdown, and its headings by level.
fn rendered(md: &str) -> (Vec<String>, Vec<u32>) {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut bad = Vec::new();
    let mut headings = Vec::new();
    for event in Parser::new(md) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => bad.push(format!("html {h}")),
            Event::Start(Tag::Link { dest_url, .. }) => bad.push(format!("link {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => bad.push(format!("image {dest_url}")),
            Event::Start(Tag::Heading { level, .. }) => headings.push(level as u32),
            _ => {}
        }
    }
    (bad, headings)
}

#[test]
fn markdown_export_keeps_article_text_and_notes_inert() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("<img src=x onerror=alert(2)>");
    fs::create_dir(&folder).unwrap();
    let title = "Breaking <img src=x onerror=alert(1)> [Verify](https://evil.example)";
    let line = serde_json::json!({
        "title": title,
        "source": "<script>alert(3)</script>",
        "body": "The convoy was stopped at the crossing. *Nothing* else [was](https://evil.example) said.",
    });
    fs::write(folder.join("a.jsonl"), format!("{line}\n")).unwrap();
    let corpus = folder.display().to_string();
    let add = |args: &[&str]| {
        let mut all = vec!["--corpus", corpus.as_str(), "notes", "add", "1"];
        all.extend_from_slice(args);
        let out = rroom(&all, home.path());
        assert!(out.status.success(), "{}", stderr(&out));
    };
    add(&["--text", "## not a heading\nsecond line\n```\nunclosed fence"]);
    add(&[
        "--text",
        "<b>bold?</b> and a [link](https://evil.example)",
        "--quote",
        "[was](https://evil.example)",
    ]);
    add(&["--text", "last note\n===\n- item"]);
    let md = stdout(&rroom(&["--corpus", &corpus, "notes", "export"], home.path()));
    let (bad, headings) = rendered(&md);
    assert!(bad.is_empty(), "{bad:?}\n{md}");
    // One title, one article, three notes: nothing more, nothing swallowed.
    assert_eq!(headings, [1, 2, 3, 3, 3], "{md}");
    // The text is all there to read, line breaks included.
    use pulldown_cmark::{Event, Parser};
    let text: String = Parser::new(&md)
        .map(|e| match e {
            Event::Text(t) | Event::Code(t) => t.to_string(),
            Event::HardBreak | Event::SoftBreak => "\n".to_string(),
            _ => String::new(),
        })
        .collect();
    assert!(text.contains(title), "{text}");
    assert!(text.contains("<script>alert(3)</script>"), "{text}");
    assert!(text.contains("## not a heading\nsecond line\n```\nunclosed fence"), "{text}");
    assert!(text.contains("last note\n===\n- item"), "{text}");
}

#[test]
fn export_files_are_private_and_not_overwritten_without_force() {
    let home = tempfile::tempdir().unwrap();
    assert!(rroom(&["notes", "add", "1", "--text", "secret"], home.path()).status.success());
    let file = home.path().join("brief.md");
    let path = file.display().to_string();
    let out = rroom(&["notes", "export", "--out", &path], home.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o600, "a new export is private");

    // An existing file: refused without --force (no terminal to ask), unchanged.
    fs::write(&file, "keep me").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let out = rroom(&["notes", "export", "--out", &path], home.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&file).unwrap(), "keep me");

    // With --force it is replaced, keeping its mode.
    let out = rroom(&["notes", "export", "--out", &path, "--force"], home.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read_to_string(&file).unwrap().contains("secret"));
    assert_eq!(mode(&file), 0o640);
}

#[test]
fn deleting_twice_says_the_note_is_already_in_the_trash() {
    let home = tempfile::tempdir().unwrap();
    assert!(rroom(&["notes", "add", "1", "--text", "x"], home.path()).status.success());
    let first = stdout(&rroom(&["notes", "delete", "1"], home.path()));
    assert!(first.contains("moved to the trash"), "{first}");
    let second = rroom(&["notes", "delete", "1"], home.path());
    assert!(second.status.success());
    assert!(stdout(&second).contains("already in the trash"), "{}", stdout(&second));
}

#[test]
fn an_empty_note_is_refused() {
    let home = tempfile::tempdir().unwrap();
    for text in ["", "   ", "\n\t"] {
        let out = rroom(&["notes", "add", "1", "--text", text], home.path());
        assert_eq!(out.status.code(), Some(2), "a usage error: {}", stderr(&out));
        assert!(stderr(&out).contains("the note is empty"), "{}", stderr(&out));
    }
    // And the store itself refuses one, whoever asks.
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert!(matches!(store.add(note("  ")), Err(StoreError::Invalid(_))));
}

/// A note on an article of another corpus: read without that corpus, its
/// passage cannot be checked; that is said, not called orphaned.
#[test]
fn a_note_on_an_article_not_read_is_not_called_orphaned() {
    let home = tempfile::tempdir().unwrap();
    let file = one_article(home.path(), ALPHA);
    let out = rroom(
        &["--corpus", &file, "notes", "add", "1", "--text", "check", "--quote", "Team Alpha"],
        home.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let with = stdout(&rroom(&["--corpus", &file, "notes", "list"], home.path()));
    assert!(!with.contains("orphaned") && !with.contains("not in this corpus"), "{with}");
    let without = stdout(&rroom(&["notes", "list"], home.path()));
    assert!(without.contains("not in this corpus") && !without.contains("orphaned"), "{without}");
    let v = common::bin::json(&rroom(&["notes", "list", "--json"], home.path()));
    assert_eq!(v["notes"][0]["in_corpus"], false);
    let v = common::bin::json(&rroom(&["--corpus", &file, "notes", "list", "--json"], home.path()));
    assert_eq!(v["notes"][0]["in_corpus"], true);
    assert_eq!(v["notes"][0]["anchor"], "exact");
}
