//! `rroom notes ...`: called as a library function over the seed articles
//! with a temporary data directory, and through the real binary.

mod common;

use rroom::cli::notes as cli_notes;
use rroom::{corpus, notes};

use std::path::Path;

use clap::Parser;
use cli_notes::{NotesCommand, run_with};
use corpus::Corpus;
use notes::{Filter, Store, Target};

fn run(corpus: &Corpus, data: &Path, cmd: NotesCommand) -> anyhow::Result<String> {
    let mut out = Vec::new();
    run_with(corpus, data, &cmd, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

fn ok(corpus: &Corpus, data: &Path, cmd: NotesCommand) -> String {
    run(corpus, data, cmd).unwrap()
}

fn add(article: &str, text: &str) -> NotesCommand {
    NotesCommand::Add { article: article.into(), text: text.into(), quote: None, entity: None }
}

fn list() -> NotesCommand {
    NotesCommand::List { json: false, tag: None, article: None, deleted: false, grep: None }
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, Corpus) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    (tmp, data, Corpus::seeds())
}

#[test]
fn add_then_list_plain_and_json() {
    let (_tmp, data, corpus) = setup();
    let id = corpus.articles[0].id.to_string();
    let out = ok(&corpus, &data, add("1", "Envoy meets FM. #Pakistan #talks"));
    assert!(out.starts_with(&format!("saved note 1 on {id} (")), "{out}");
    ok(&corpus, &data, add(&id[..6], "Second note"));

    let plain = ok(&corpus, &data, list());
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 2, "{plain}");
    assert!(lines[0].starts_with("    2  ") && lines[0].contains("Second note"), "{plain}");
    assert!(
        lines[1].contains(&id) && lines[1].contains("article") && lines[1].contains("#Pakistan"),
        "{plain}"
    );

    let json = ok(
        &corpus,
        &data,
        NotesCommand::List { json: true, tag: None, article: None, deleted: false, grep: None },
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let notes = v["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    let first = &notes[1];
    assert_eq!(first["id"], 1);
    assert_eq!(first["article"], id);
    assert_eq!(first["text"], "Envoy meets FM. #Pakistan #talks");
    assert!(first["quote"].is_null());
    assert_eq!(first["tags"], serde_json::json!(["pakistan", "talks"]));
    let created = first["created"].as_str().unwrap();
    assert!(created.len() == 20 && created.ends_with('Z') && created.as_bytes()[10] == b'T', "{created}");
}

#[test]
fn list_filters_by_tag_article_and_trash() {
    let (_tmp, data, corpus) = setup();
    ok(&corpus, &data, add("1", "one #border"));
    ok(&corpus, &data, add("2", "two #Border #trade"));
    ok(&corpus, &data, add("2", "three"));
    let count = |cmd| ok(&corpus, &data, cmd).lines().count();
    assert_eq!(
        count(NotesCommand::List {
            json: false,
            tag: Some("#BORDER".into()),
            article: None,
            deleted: false,
            grep: None
        }),
        2
    );
    assert_eq!(
        count(NotesCommand::List {
            json: false,
            tag: None,
            article: Some("2".into()),
            deleted: false,
            grep: None
        }),
        2
    );
    let prefix = corpus.articles[0].id.as_str()[..5].to_string();
    assert_eq!(
        count(NotesCommand::List {
            json: false,
            tag: None,
            article: Some(prefix),
            deleted: false,
            grep: None
        }),
        1
    );
    assert_eq!(
        count(NotesCommand::List {
            json: false,
            tag: None,
            article: Some("ffffffffffff".into()),
            deleted: false,
            grep: None
        }),
        0
    );

    let out = ok(&corpus, &data, NotesCommand::Delete { id: 2 });
    assert!(out.contains("moved to the trash") && out.contains("rroom notes restore 2"), "{out}");
    assert_eq!(count(list()), 2);
    let trash = ok(
        &corpus,
        &data,
        NotesCommand::List { json: false, tag: None, article: None, deleted: true, grep: None },
    );
    assert!(trash.lines().count() == 1 && trash.contains("two #Border"), "{trash}");
    assert_eq!(ok(&corpus, &data, NotesCommand::Restore { id: 2 }), "note 2 restored\n");
    assert_eq!(count(list()), 3);

    let err = run(&corpus, &data, NotesCommand::Delete { id: 99 }).unwrap_err();
    assert!(err.to_string().contains("no note 99"), "{err}");
}

#[test]
fn a_quote_anchors_a_passage_note() {
    let (_tmp, data, corpus) = setup();
    let article = &corpus.articles[0];
    let quote = "held a 90-minute meeting";
    let start = article.body.find(quote).expect("the seed text has the quote");
    let out = ok(
        &corpus,
        &data,
        NotesCommand::Add {
            article: "1".into(),
            text: "Long meeting".into(),
            quote: Some(quote.into()),
            entity: None,
        },
    );
    assert!(out.starts_with("saved note 1"), "{out}");
    let store = Store::open(&data).unwrap();
    let note = store.get(1).unwrap().unwrap();
    let Target::Passage(anchor) = &note.target else { panic!("{note:?}") };
    assert_eq!((anchor.quote.as_str(), anchor.start, anchor.end), (quote, start, start + quote.len()));
    assert!(!anchor.prefix.is_empty() && !anchor.suffix.is_empty());

    let plain = ok(&corpus, &data, list());
    assert!(plain.contains("passage “held a 90-minute meeting”"), "{plain}");
    assert!(!plain.contains("orphaned"), "{plain}");
    let json = ok(
        &corpus,
        &data,
        NotesCommand::List { json: true, tag: None, article: None, deleted: false, grep: None },
    );
    assert!(json.contains(r#""quote": "held a 90-minute meeting""#), "{json}");
}

#[test]
fn a_quote_across_a_paragraph_break_is_found() {
    let (_tmp, data, corpus) = setup();
    let article = &corpus.articles[0];
    let p0 = article.text(&article.paragraphs[0]);
    let p1 = article.text(&article.paragraphs[1]);
    let last_words: Vec<&str> = p0.split_whitespace().rev().take(2).collect();
    let first_words: Vec<&str> = p1.split_whitespace().take(2).collect();
    let quote = format!("{} {} {} {}", last_words[1], last_words[0], first_words[0], first_words[1]);
    ok(
        &corpus,
        &data,
        NotesCommand::Add { article: "1".into(), text: "x".into(), quote: Some(quote), entity: None },
    );
    let note = Store::open(&data).unwrap().get(1).unwrap().unwrap();
    assert!(note.anchor().unwrap().quote.contains("\n\n"), "{note:?}");
}

#[test]
fn a_quote_that_is_not_in_the_article_is_a_clear_error() {
    let (_tmp, data, corpus) = setup();
    let err = run(
        &corpus,
        &data,
        NotesCommand::Add {
            article: "1".into(),
            text: "x".into(),
            quote: Some("words nobody wrote".into()),
            entity: None,
        },
    )
    .unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains("the quote is not in article") && msg.contains("rroom show"), "{msg}");
    assert!(Store::open(&data).unwrap().list(&Filter::default()).unwrap().is_empty(), "nothing was saved");
}

#[test]
fn entity_notes_and_unknown_articles() {
    let (_tmp, data, corpus) = setup();
    ok(
        &corpus,
        &data,
        NotesCommand::Add {
            article: "1".into(),
            text: "FM".into(),
            quote: None,
            entity: Some("Amir Khan Muttaqi".into()),
        },
    );
    let plain = ok(&corpus, &data, list());
    assert!(plain.contains("entity Amir Khan Muttaqi"), "{plain}");
    let err = run(&corpus, &data, add("zzz", "x")).unwrap_err();
    assert!(err.to_string().contains("no article matches"), "{err}");
    let err = run(
        &corpus,
        &data,
        NotesCommand::Add { article: "1".into(), text: "x".into(), quote: None, entity: Some("  ".into()) },
    )
    .unwrap_err();
    assert!(err.to_string().contains("--entity needs a name"), "{err}");
}

#[test]
fn export_markdown_and_json() {
    let (tmp, data, corpus) = setup();
    ok(
        &corpus,
        &data,
        NotesCommand::Add {
            article: "1".into(),
            text: "The envoy #pakistan".into(),
            quote: Some("Mohammad Sadiq Khan".into()),
            entity: None,
        },
    );
    ok(&corpus, &data, add("3", "Another article"));
    ok(&corpus, &data, add("3", "In the trash"));
    ok(&corpus, &data, NotesCommand::Delete { id: 3 });

    let md = ok(&corpus, &data, NotesCommand::Export { format: "md".into(), out: None, force: false });
    assert!(md.starts_with("# Notes\n\n2 notes on 2 articles.\n"), "{md}");
    assert!(md.contains(&format!("## {}", corpus.articles[0].title)), "{md}");
    assert!(md.contains("> Mohammad Sadiq Khan\n\nThe envoy \\#pakistan\n"), "{md}");
    assert!(!md.contains("In the trash"));

    let out_path = tmp.path().join("exports").join("brief.json");
    std::fs::create_dir(out_path.parent().unwrap()).unwrap();
    std::fs::write(&out_path, "old contents").unwrap();
    let said = ok(
        &corpus,
        &data,
        NotesCommand::Export { format: "json".into(), out: Some(out_path.clone()), force: true },
    );
    assert_eq!(said, format!("exported 2 notes to {}\n", out_path.display()));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(v["notes"].as_array().unwrap().len(), 2);
    assert!(v["notes"].as_array().unwrap().iter().any(|n| n["quote"] == "Mohammad Sadiq Khan"));
    let names: Vec<String> = std::fs::read_dir(out_path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["brief.json"], "no temporary file left behind");

    let err = run(&corpus, &data, NotesCommand::Export { format: "xml".into(), out: None, force: false })
        .unwrap_err();
    assert!(err.to_string().contains("unknown export format 'xml'"), "{err}");
    let err = run(
        &corpus,
        &data,
        NotesCommand::Export { format: "md".into(), out: Some(tmp.path().to_path_buf()), force: false },
    )
    .unwrap_err();
    assert!(format!("{err:#}").contains("is a directory"), "{err:#}");
}

#[test]
fn run_prints_to_stdout() {
    let (_tmp, data, corpus) = setup();
    // An empty list prints nothing, so the test output stays clean.
    cli_notes::run(&corpus, &data, &list()).unwrap();
    assert!(data.join("notes.sqlite3").exists());
}

#[test]
fn the_hidden_stress_command_acknowledges_each_note() {
    let (_tmp, data, corpus) = setup();
    let out = ok(&corpus, &data, NotesCommand::Stress { count: Some(5) });
    assert_eq!(out, "saved 1\nsaved 2\nsaved 3\nsaved 4\nsaved 5\n");
}

#[test]
fn a_damaged_store_is_reported_with_where_it_went() {
    let (_tmp, data, corpus) = setup();
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("notes.sqlite3"), vec![0xA5u8; 8192]).unwrap();
    let msg = run(&corpus, &data, list()).unwrap_err().to_string();
    assert!(msg.contains("moved aside to") && msg.contains("notes.sqlite3.corrupt-"), "{msg}");
    // The next run starts a fresh store.
    ok(&corpus, &data, add("1", "fresh"));
}

#[derive(Parser, Debug)]
struct Wrapper {
    #[command(subcommand)]
    cmd: NotesCommand,
}

#[test]
fn command_line_parsing() {
    let parse = |args: &[&str]| Wrapper::try_parse_from(std::iter::once("notes").chain(args.iter().copied()));
    let w = parse(&["add", "1", "--text", "hi", "--quote", "the talks"]).unwrap();
    assert!(matches!(w.cmd, NotesCommand::Add { quote: Some(_), entity: None, .. }));
    let w = parse(&["export"]).unwrap();
    assert!(matches!(w.cmd, NotesCommand::Export { ref format, out: None, .. } if format == "md"));
    let err = parse(&["export", "--format", "xml"]).unwrap_err().to_string();
    assert!(err.contains("xml") && err.contains("md") && err.contains("json"), "{err}");
    assert!(parse(&["add", "1", "--text", "x", "--quote", "q", "--entity", "e"]).is_err());
    assert!(parse(&["add", "1"]).is_err(), "--text is required");
    assert!(parse(&["delete", "abc"]).is_err());
    let w = parse(&["list", "--json", "--tag", "x", "--article", "2", "--deleted"]).unwrap();
    assert!(matches!(w.cmd, NotesCommand::List { json: true, deleted: true, .. }));
    let help = Wrapper::try_parse_from(["notes", "--help"]).unwrap_err().to_string();
    assert!(!help.contains("stress"), "the stress command is hidden: {help}");
    assert!(parse(&["stress", "--count", "3"]).is_ok());
}

#[test]
fn the_binary_adds_lists_and_exports_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let rroom = |args: &[&str]| common::bin::rroom(args, tmp.path());
    let out = rroom(&[
        "notes",
        "add",
        "2",
        "--text",
        "Border reopened #torkham",
        "--quote",
        "Torkham border crossing",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = rroom(&["notes", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = &v["notes"][0];
    assert_eq!(n["quote"], "Torkham border crossing");
    assert_eq!(n["tags"][0], "torkham");
    let out = rroom(&["notes", "export", "--format", "md"]);
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("> Torkham border crossing") && md.contains("Border reopened"), "{md}");
    let out = rroom(&["notes", "export", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}
