//! The command line, run as a user would: the real binary, plain and JSON.

mod common;

use common::bin::{self, assert_one_line_error, json, rroom, stderr, stdout};

#[test]
fn list_shows_the_five_seeds_from_any_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&["list"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 5, "{text}");
    assert!(
        text.contains("Taliban spokesman Zabihullah Mujahid isn't in the mood to compromise with Pakistan")
    );
    assert!(text.contains("RASC News Agency"));
}

#[test]
fn list_json_has_the_documented_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&rroom(&["list", "--json"], tmp.path()));
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for a in articles {
        for key in ["id", "title", "source", "path", "words"] {
            assert!(a.get(key).is_some(), "missing {key} in {a}");
        }
        assert_eq!(a["id"].as_str().unwrap().len(), 12);
    }
    assert_eq!(articles[2]["source"], "Azad News HD");
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), "Headline one\n\nBody of the first article.\n").unwrap();
    std::fs::write(corpus.join("b.md"), "# Second headline\n\nBody *two*.\n").unwrap();
    let c = corpus.to_str().unwrap();
    for args in [vec!["list", "--json", "--corpus", c], vec!["--corpus", c, "list", "--json"]] {
        let v = json(&rroom(&args, tmp.path()));
        let titles: Vec<&str> =
            v["articles"].as_array().unwrap().iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert_eq!(titles, vec!["Headline one", "Second headline"]);
    }
}

#[test]
fn corpus_from_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a.txt");
    let b = tmp.path().join("b.txt");
    std::fs::write(&a, "Alpha headline\n\nAlpha body.\n").unwrap();
    std::fs::write(&b, "Beta headline\n\nBeta body.\n").unwrap();
    let out = bin::command(tmp.path())
        .arg("list")
        .env("RROOM_CORPUS", format!("{}:{}", a.display(), b.display()))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Alpha headline") && text.contains("Beta headline"), "{text}");
}

#[test]
fn show_by_position_id_and_prefix() {
    let tmp = tempfile::tempdir().unwrap();
    let list = json(&rroom(&["list", "--json"], tmp.path()));
    let id = list["articles"][3]["id"].as_str().unwrap().to_string();
    for reference in ["4", id.as_str(), &id[..6]] {
        let out = rroom(&["show", reference], tmp.path());
        assert!(out.status.success(), "{reference}: {}", stderr(&out));
        assert!(stdout(&out).starts_with("Taliban spokesman Zabihullah Mujahid"), "{reference}");
    }
    let v = json(&rroom(&["show", "5", "--json"], tmp.path()));
    assert_eq!(v["dateline"], "Istanbul");
    assert!(v["paragraphs"].as_array().unwrap().iter().any(|p| p["kind"] == "boilerplate"));
}

#[test]
fn unknown_article_is_one_clear_line_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    assert_one_line_error(&rroom(&["show", "zzzz"], tmp.path()), "no article matches 'zzzz'");
}

#[test]
fn unreadable_corpus_files_are_reported_and_others_still_load() {
    let tmp = tempfile::tempdir().unwrap();
    let good = tmp.path().join("good.txt");
    std::fs::write(&good, "Good headline\n\nGood body.\n").unwrap();
    std::fs::write(tmp.path().join("bin.txt"), b"\x7fELF\0\0\0binary").unwrap();
    std::fs::write(tmp.path().join("notes.pdf"), b"%PDF").unwrap();
    // (A corpus path that does not exist is an error: tests/trust_inputs.rs.)
    let out = rroom(&["list", "--corpus", tmp.path().to_str().unwrap()], tmp.path());
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("bin.txt: binary file"), "{err}");
    assert!(err.contains("notes.pdf: unknown file type"), "{err}");
    assert!(stdout(&out).contains("Good headline"));
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(rroom(&["--no-such-option"], tmp.path()).status.code(), Some(2));
    assert_eq!(rroom(&["show"], tmp.path()).status.code(), Some(2));
}

#[test]
fn show_never_writes_control_characters_from_an_article() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = tmp.path().join("evil\x1b[31m.txt");
    std::fs::write(
        &evil,
        "Title \x1b]0;pwned\x07 here\n\nBody \x1b[2J\x1bc \x1b]52;c;aGk=\x07 \u{9b}6n \u{202e}desrever\u{202c} end.\n",
    )
    .unwrap();
    for args in [vec!["show", "1"], vec!["show", "1", "--json"], vec!["list"], vec!["list", "--json"]] {
        let mut full = args.clone();
        full.extend(["--corpus", tmp.path().to_str().unwrap()]);
        let out = rroom(&full, tmp.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        for c in text.chars() {
            assert!(c == '\n' || !c.is_control(), "{args:?} wrote {c:?}: {text}");
            assert!(!('\u{202a}'..='\u{202e}').contains(&c), "{args:?} wrote a bidi override");
        }
        if args[0] == "show" {
            assert!(text.contains("␛[2J"), "{text}");
        }
    }
}

#[test]
fn the_reading_room_refuses_without_a_terminal_and_points_to_the_cli() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("interactive terminal") && err.contains("rroom list"), "{err}");
}

#[test]
fn find_istanbul_ranks_the_two_istanbul_seeds_first() {
    let tmp = tempfile::tempdir().unwrap();
    let list = json(&rroom(&["list", "--json"], tmp.path()));
    let id = |i: usize| list["articles"][i]["id"].as_str().unwrap().to_string();
    let v = json(&rroom(&["find", "istanbul", "--json"], tmp.path()));
    let results = v["results"].as_array().unwrap();
    let top: Vec<String> = results.iter().take(2).map(|r| r["id"].as_str().unwrap().to_string()).collect();
    assert!(top.contains(&id(3)) && top.contains(&id(4)), "{v}");
    for r in results {
        for key in ["id", "title", "score", "snippet"] {
            assert!(r.get(key).is_some(), "missing {key}");
        }
    }
}

#[test]
fn find_full_text_gives_snippets_and_limit_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&rroom(&["find", "--full-text", "\"Durand Line\"", "--json", "--limit", "1"], tmp.path()));
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert!(results[0]["snippet"].as_str().unwrap().contains("Durand Line"));
    let plain = rroom(&["find", "torkham", "--full-text"], tmp.path());
    assert!(stdout(&plain).contains("Torkham"));
}
