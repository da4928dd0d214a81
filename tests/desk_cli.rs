//! The analyst's desk on the command line (issue 14): dates in `list` and
//! `show`, `--sort`, `--since`/`--until`, `--unread`/`--flagged`, `rroom
//! mark`, the reading state surviving a re-index and a move, `notes list
//! --grep` and `notes export --format csv`.

mod common;

use std::path::{Path, PathBuf};

use common::bin::{assert_one_line_error, json, rroom, stderr, stdout};
use rroom::corpus::dates;
use serde_json::Value;

/// Now, in Unix seconds: articles dated relative to it make `--since 7d`
/// hold whatever day the test runs.
fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// A home with a corpus folder: five JSONL articles (dated in four ways,
/// one undated) and a Markdown file dated in its front matter.
fn home() -> (tempfile::TempDir, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let recent = dates::iso8601(now() - 2 * 86_400).unwrap();
    let lines = [
        serde_json::json!({"title": "Alpha talks", "source": "Zeta Times", "published": "2025-03-07T10:00:00Z",
            "url": "https://a.example/1", "body": "Alpha body text about talks in Kabul."}),
        serde_json::json!({"title": "beta report", "published": "not a date",
            "body": "Beta body, longer: one two three four five six seven eight nine ten eleven twelve."}),
        serde_json::json!({"title": "Gamma", "source": "Amber Post", "published": "Fri, 14 Mar 2025 09:00:00 +0000",
            "body": "Gamma body text."}),
        serde_json::json!({"title": "Delta", "source": "Mid", "body": "Delta body with no date at all."}),
        serde_json::json!({"title": "Echo recent", "source": "Mid", "published": recent, "body": "Echo body."}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(corpus.join("a.jsonl"), text).unwrap();
    std::fs::write(corpus.join("b.md"), "---\ntitle: Foxtrot\ndate: March 1, 2025\n---\n\nFoxtrot body.\n")
        .unwrap();
    (home, corpus)
}

fn run(home: &Path, corpus: &Path, args: &[&str]) -> std::process::Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--corpus", corpus.to_str().unwrap()]);
    rroom(&all, home)
}

fn list(home: &Path, corpus: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["list", "--json"];
    args.extend(extra);
    json(&run(home, corpus, &args))["articles"].as_array().unwrap().clone()
}

fn titles(articles: &[Value]) -> Vec<String> {
    articles.iter().map(|a| a["title"].as_str().unwrap().to_string()).collect()
}

#[test]
fn list_json_gives_dates_url_and_reading_state() {
    let (home, corpus) = home();
    let articles = list(home.path(), &corpus, &[]);
    assert_eq!(articles.len(), 6);
    let a = &articles[0];
    assert_eq!(a["published"], "2025-03-07T10:00:00Z");
    assert_eq!(a["published_as_given"], "2025-03-07T10:00:00Z");
    assert_eq!(a["url"], "https://a.example/1");
    assert_eq!(
        (a["read"].clone(), a["flagged"].clone(), a["notes"].clone()),
        (false.into(), false.into(), 0.into())
    );
    assert_eq!(a["number"], 1);
    // Unreadable: null, the text kept; no date: both null.
    assert!(articles[1]["published"].is_null());
    assert_eq!(articles[1]["published_as_given"], "not a date");
    assert_eq!(articles[2]["published"], "2025-03-14T09:00:00Z");
    assert!(articles[3]["published"].is_null() && articles[3]["published_as_given"].is_null());
    assert_eq!(articles[5]["published"], "2025-03-01T00:00:00Z", "front matter");
    // Listing made no notes store.
    assert!(!home.path().join("data/notes.sqlite3").exists());
}

#[test]
fn sort_by_date_title_source_and_words() {
    let (home, corpus) = home();
    let h = home.path();
    assert_eq!(
        titles(&list(h, &corpus, &["--sort", "date"])),
        ["Echo recent", "Gamma", "Alpha talks", "Foxtrot", "beta report", "Delta"]
    );
    assert_eq!(
        titles(&list(h, &corpus, &["--sort", "title"])),
        ["Alpha talks", "beta report", "Delta", "Echo recent", "Foxtrot", "Gamma"]
    );
    let by_source: Vec<String> =
        list(h, &corpus, &["--sort", "source"]).iter().map(|a| a["source"].to_string()).collect();
    assert_eq!(by_source, ["\"Amber Post\"", "\"Mid\"", "\"Mid\"", "\"Zeta Times\"", "null", "null"]);
    assert_eq!(titles(&list(h, &corpus, &["--sort", "words"]))[0], "beta report");
    // The plain list is sorted the same way, dates shown.
    let out = run(h, &corpus, &["list", "--sort", "date"]);
    let text = stdout(&out);
    let first = text.lines().next().unwrap();
    assert!(first.contains("Echo recent") && first.starts_with("   5  "), "{text}");
    assert!(text.lines().nth(1).unwrap().contains("2025-03-14"), "{text}");
    assert!(text.contains("not a date"), "an unreadable date is shown as given: {text}");
    let bad = run(h, &corpus, &["list", "--sort", "colour"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("date"), "{}", stderr(&bad));
}

#[test]
fn since_and_until_take_ages_and_dates() {
    let (home, corpus) = home();
    let h = home.path();
    assert_eq!(titles(&list(h, &corpus, &["--since", "7d"])), ["Echo recent"]);
    assert_eq!(
        titles(&list(h, &corpus, &["--since", "2025-03-07", "--until", "2025-03-14"])),
        ["Alpha talks", "Gamma"]
    );
    assert_eq!(
        titles(&list(h, &corpus, &["--until", "March 7, 2025", "--sort", "date"])),
        ["Alpha talks", "Foxtrot"]
    );
    let bad = run(h, &corpus, &["list", "--since", "last tuesday\u{1b}[2J"]);
    assert_one_line_error(&bad, "is not a date or an age");
    assert!(!stderr(&bad).contains('\u{1b}'));
}

#[test]
fn mark_by_prefix_and_number_then_filter() {
    let (home, corpus) = home();
    let h = home.path();
    let all = list(h, &corpus, &[]);
    let id = |i: usize| all[i]["id"].as_str().unwrap().to_string();
    let prefix = &id(2)[..6];
    let out = run(h, &corpus, &["mark", "1", prefix, "--read"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&id(0)) && stdout(&out).contains("read"), "{}", stdout(&out));
    assert!(run(h, &corpus, &["mark", "4", "--flag"]).status.success());
    assert!(run(h, &corpus, &["mark", "1", "--flag"]).status.success());

    let listed = list(h, &corpus, &[]);
    assert_eq!(listed[0]["read"], true);
    assert!(listed[0]["read_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(listed[2]["read"], true);
    assert_eq!(listed[3]["flagged"], true);
    assert_eq!(titles(&list(h, &corpus, &["--unread"])), ["beta report", "Delta", "Echo recent", "Foxtrot"]);
    assert_eq!(titles(&list(h, &corpus, &["--flagged"])), ["Alpha talks", "Delta"]);
    assert_eq!(titles(&list(h, &corpus, &["--flagged", "--unread"])), ["Delta"]);
    let plain = stdout(&run(h, &corpus, &["list"]));
    assert!(plain.lines().next().unwrap().contains("  rf  "), "{plain}");

    // Marking read again changes nothing; unread and unflag undo.
    assert!(stdout(&run(h, &corpus, &["mark", &id(0), "--read"])).contains("already read"));
    assert!(run(h, &corpus, &["mark", &id(0), "--unread"]).status.success());
    assert!(run(h, &corpus, &["mark", "4", "--unflag"]).status.success());
    assert_eq!(titles(&list(h, &corpus, &["--flagged"])), ["Alpha talks"]);
    assert_eq!(list(h, &corpus, &[])[0]["read"], false);
}

#[test]
fn mark_refuses_bad_references_and_changes_nothing() {
    let (home, corpus) = home();
    let h = home.path();
    let out = run(h, &corpus, &["mark", "1", "zzzzzz", "--read"]);
    assert_one_line_error(&out, "zzzzzz");
    assert_eq!(titles(&list(h, &corpus, &["--unread"])).len(), 6);
    // Exactly one change is asked for.
    assert!(!run(h, &corpus, &["mark", "1"]).status.success());
    assert!(!run(h, &corpus, &["mark", "1", "--read", "--flag"]).status.success());
}

#[test]
fn reading_state_survives_a_rebuilt_index_and_a_moved_corpus() {
    let (home, corpus) = home();
    let h = home.path();
    assert!(run(h, &corpus, &["mark", "3", "--flag"]).status.success());
    assert!(run(h, &corpus, &["mark", "3", "--read"]).status.success());
    assert!(run(h, &corpus, &["index", "--rebuild"]).status.success());
    let moved = h.join("elsewhere");
    std::fs::rename(&corpus, &moved).unwrap();
    for extra in [&[][..], &["--no-index"]] {
        let listed = list(h, &moved, extra);
        assert_eq!(
            (listed[2]["read"].clone(), listed[2]["flagged"].clone()),
            (true.into(), true.into()),
            "{extra:?}"
        );
    }
}

#[test]
fn show_gives_the_date_read_and_as_given() {
    let (home, corpus) = home();
    let h = home.path();
    let text = stdout(&run(h, &corpus, &["show", "1"]));
    assert!(text.lines().nth(1).unwrap().contains("2025-03-07 10:00 UTC"), "{text}");
    let text = stdout(&run(h, &corpus, &["show", "2"]));
    assert!(text.contains("not a date (date not understood)"), "{text}");
    let v = json(&run(h, &corpus, &["show", "3", "--json"]));
    assert_eq!(v["published"], "2025-03-14T09:00:00Z");
    assert_eq!(v["published_as_given"], "Fri, 14 Mar 2025 09:00:00 +0000");
}

#[test]
fn the_index_and_the_corpus_read_whole_agree() {
    let (home, corpus) = home();
    let h = home.path();
    assert!(run(h, &corpus, &["mark", "2", "--read"]).status.success());
    for args in [
        &["list", "--sort", "date"][..],
        &["list", "--sort", "source", "--json"],
        &["list", "--sort", "title", "--unread"],
        &["list", "--sort", "words", "--json"],
        &["list", "--since", "2025-03-01", "--until", "2025-03-10", "--json"],
    ] {
        let indexed = run(h, &corpus, args);
        let mut whole_args = args.to_vec();
        whole_args.push("--no-index");
        let whole = run(h, &corpus, &whole_args);
        assert!(indexed.status.success(), "{}", stderr(&indexed));
        assert_eq!(stdout(&indexed), stdout(&whole), "{args:?}");
    }
}

#[test]
fn notes_grep_csv_export_and_markdown_line_breaks() {
    let (home, corpus) = home();
    let h = home.path();
    let add = |text: &str| {
        let out = run(h, &corpus, &["notes", "add", "1", "--text", text]);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    add("=HYPERLINK(\"http://evil.example\",\"x\")");
    add("First line, with \"quotes\"\nsecond line #border");
    add("Nothing to see");
    let found = json(&run(h, &corpus, &["notes", "list", "--json", "--grep", "SECOND LINE"]));
    let notes = found["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 1);
    assert!(notes[0]["text"].as_str().unwrap().starts_with("First line"));
    assert_eq!(stdout(&run(h, &corpus, &["notes", "list", "--grep", "absent"])), "");

    let csv = stdout(&run(h, &corpus, &["notes", "export", "--format", "csv"]));
    assert!(csv.starts_with("\"id\",\"article\",\"title\""), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), "{csv}");
    assert!(csv.contains("\"First line, with \"\"quotes\"\"\nsecond line #border\""), "{csv}");
    assert!(csv.contains("\"Alpha talks\""), "{csv}");
    assert_eq!(csv.matches("\r\n").count(), 4, "a header and three rows: {csv}");

    let md = stdout(&run(h, &corpus, &["notes", "export"]));
    assert!(md.contains("First line, with \"quotes\"\\\nsecond line"), "{md}");

    // The list counts each article's notes.
    assert_eq!(list(h, &corpus, &[])[0]["notes"], 3);
}

#[test]
fn a_store_it_cannot_read_leaves_the_list_but_not_its_state_filters() {
    let (home, corpus) = home();
    let h = home.path();
    assert!(run(h, &corpus, &["mark", "1", "--read"]).status.success());
    let conn = rusqlite::Connection::open(h.join("data/notes.sqlite3")).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let out = run(h, &corpus, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 6);
    assert!(stderr(&out).contains("no reading state"), "{}", stderr(&out));
    assert_one_line_error(&run(h, &corpus, &["list", "--unread"]), "newer");
}
