//! Search, lookup and entity names a user can trust (issue 11, items 14,
//! 23, 25, 26, 28): the real binary run as a user would, and the library
//! functions behind it. Nothing here asserts on time: speed is measured in
//! `benches/`.

mod common;

use std::path::Path;

use common::bin::{json, rroom, stderr, stdout};

/// A corpus folder in `home` holding one file per (name, text).
fn corpus(home: &Path, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = home.join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

// Item 14: one enormous sentence.

#[test]
fn lookup_in_one_enormous_sentence_completes_with_every_mention_and_one_short_snippet() {
    let home = tempfile::tempdir().unwrap();
    let text = format!("A very long sentence\n\n{}end.\n", "Mr Ahmed Khan and ".repeat(58_000));
    let dir = corpus(home.path(), &[("long.txt", &text)]);
    let out = rroom(&["--corpus", dir.to_str().unwrap(), "lookup", "ahmed khan", "--json"], home.path());
    let v = json(&out);
    assert_eq!(v["entity"]["name"], "Ahmed Khan");
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0]["count"], 58_000);
    // One sentence: one snippet, cut around the mention.
    let snippets = articles[0]["snippets"].as_array().unwrap();
    assert_eq!(snippets.len(), 1, "{snippets:?}");
    let s = snippets[0].as_str().unwrap();
    assert!(s.contains("Ahmed Khan") && s.chars().count() <= 250, "{s}");
}

// Item 28: plurals.

#[test]
fn lookup_says_one_mention_in_one_article_in_the_singular() {
    let home = tempfile::tempdir().unwrap();
    let dir =
        corpus(home.path(), &[("one.txt", "Talks\n\nZabihullah Mujahid spoke to reporters on Monday.\n")]);
    let out = rroom(&["--corpus", dir.to_str().unwrap(), "lookup", "mujahid"], home.path());
    let text = stdout(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(text.contains("1 mention in 1 article\n"), "{text}");
}

// Item 25: names users saw.

/// The entities of one text article, as (name, kind) pairs.
fn names_in(text: &str) -> Vec<(String, &'static str)> {
    let corpus = rroom::corpus::Corpus::from_bytes("a.txt", format!("Title here\n\n{text}\n").as_bytes());
    let article = corpus.articles.first().expect("one article");
    rroom::entities::extract(article).into_iter().map(|e| (e.name, e.kind.as_str())).collect()
}

#[test]
fn role_words_and_adjectives_glued_before_a_name_are_not_part_of_it() {
    let names = names_in(
        "Chancellor of the Exchequer Gordon Brown said the budget was sound. \
         Former minister and Blairite Alan Milburn agreed. Later, Brown and Milburn met.",
    );
    assert!(names.contains(&("Gordon Brown".into(), "person")), "{names:?}");
    assert!(names.contains(&("Alan Milburn".into(), "person")), "{names:?}");
    assert!(
        !names.iter().any(|(n, _)| n.contains("Exchequer Gordon") || n.contains("Blairite")),
        "{names:?}"
    );
}

#[test]
fn first_person_contractions_are_not_people() {
    let names = names_in(
        "\"I'm not leaving,\" said Kevin Keegan. \"I've said it before and I'd say it again: I'll stay.\"",
    );
    assert!(!names.iter().any(|(n, _)| n.starts_with("I'") || n.contains(" I'")), "{names:?}");
    assert!(names.contains(&("Kevin Keegan".into(), "person")), "{names:?}");
}

#[test]
fn a_branch_named_once_does_not_rename_the_company_named_often() {
    let mut text = String::from("Yukos USA was set up in Houston by Bruce Misamore. ");
    for i in 0..12 {
        text.push_str(&format!("Yukos said on day {i} that it would appeal. "));
    }
    let names = names_in(&text);
    let yukos: Vec<&(String, &str)> = names.iter().filter(|(n, _)| n.starts_with("Yukos")).collect();
    assert!(yukos.iter().any(|(n, k)| n == "Yukos" && *k == "org"), "{names:?}");
}

#[test]
fn the_corpus_name_is_the_fullest_name_actually_used_not_a_one_off() {
    use rroom::entities::{CorpusIndex, Entity, EntityKind};
    let person = |name: &str| Entity {
        name: name.into(),
        kind: EntityKind::Person,
        aliases: vec![name.into()],
        mentions: std::iter::once(0..1).collect(),
        forms: vec![0],
    };
    let mut lists = vec![vec![person("Gordon Brown")]; 12];
    lists.push(vec![person("Exchequer Gordon Brown")]);
    lists.push(vec![person("Brown")]);
    let index = CorpusIndex::from_entities(lists);
    let hit = &index.lookup("gordon brown", 1)[0];
    assert_eq!(hit.name, "Gordon Brown");
    assert_eq!(hit.articles.len(), 14, "one entity across the corpus");
    // A fuller name used about as often still wins: it is actually used.
    let mut lists = vec![vec![person("Ebbers")]; 6];
    lists.extend(vec![vec![person("Bernie Ebbers")]; 3]);
    assert_eq!(CorpusIndex::from_entities(lists).lookup("ebbers", 1)[0].name, "Bernie Ebbers");
}

#[test]
fn a_query_with_no_good_match_names_nothing_and_suggests_only_close_names() {
    use rroom::entities::{CorpusIndex, Corrections, QueryMatch};
    let corpus = rroom::corpus::Corpus::seeds();
    let index = CorpusIndex::build(&corpus.articles, &Corrections::default());
    assert_eq!(index.resolve_query("zzzzzzzzzzzzzzzzz"), QueryMatch::NotFound { suggestions: vec![] });
    assert_eq!(index.resolve_query("qwertyuiop"), QueryMatch::NotFound { suggestions: vec![] });
    for (q, name) in [
        ("ttp", "Tehreek-e-Taliban Pakistan"),
        ("Tehrik-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan"),
        ("mujahid", "Zabihullah Mujahid"),
        ("muttaq", "Amir Khan Muttaqi"),
        ("zabiulah", "Zabihullah Mujahid"),
    ] {
        match index.resolve_query(q) {
            QueryMatch::Found { hit, .. } => assert_eq!(hit.name, name, "{q}"),
            other => panic!("{q}: {other:?}"),
        }
    }
    // Two letters wrong in seven: close enough to suggest, not to choose.
    match index.resolve_query("mujadad") {
        QueryMatch::NotFound { suggestions } => {
            assert!(suggestions.iter().any(|h| h.name == "Zabihullah Mujahid"), "{suggestions:?}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lookup_of_a_name_nothing_is_called_fails_without_naming_a_far_entity() {
    let home = tempfile::tempdir().unwrap();
    let out = rroom(&["lookup", "zzzzzzzzzzzzzzzzz"], home.path());
    common::bin::assert_one_line_error(&out, "no person, organization or place matches 'zzzzzzzzzzzzzzzzz'");
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let out = rroom(&["lookup", "mujadad"], home.path());
    common::bin::assert_one_line_error(&out, "did you mean Zabihullah Mujahid (person)?");
}

// Item 23: Unicode case folding and accents.

#[test]
fn find_folds_unicode_case_and_accents_in_titles_and_text() {
    let home = tempfile::tempdir().unwrap();
    let dir = corpus(
        home.path(),
        &[
            ("uber.txt", "Über drivers strike\n\nDrivers for ÜBER stopped work in the city on Monday.\n"),
            ("kabul.txt", "Border talks\n\nOfficials met in Kābul and then in Die Straße des Friedens.\n"),
            ("other.txt", "Unrelated news\n\nNothing about either place happened today.\n"),
        ],
    );
    let dir = dir.to_str().unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--corpus", dir, "find"];
        all.extend_from_slice(args);
        all.push("--json");
        let v = json(&rroom(&all, home.path()));
        v["results"].as_array().unwrap().iter().map(|r| r["title"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&["über"]), ["Über drivers strike"]);
    assert_eq!(ids(&["uber"]), ["Über drivers strike"]);
    assert_eq!(ids(&["kabul", "--full-text"]), ["Border talks"]);
    assert_eq!(ids(&["strasse", "--full-text"]), ["Border talks"]);
    // The snippet's text is the original, accents and all.
    let v = json(&rroom(&["--corpus", dir, "find", "kabul", "--full-text", "--json"], home.path()));
    assert!(v["results"][0]["snippet"].as_str().unwrap().contains("Kābul"), "{v}");
}

#[test]
fn in_article_search_highlights_whole_original_characters() {
    use rroom::search::Query;
    use rroom::search::terms::find_all;
    let body = "Die Straße nach İstanbul; STRASSE und Kābul.";
    let hits: Vec<&str> = find_all(body, &Query::parse("strasse")).into_iter().map(|r| &body[r]).collect();
    assert_eq!(hits, ["Straße", "STRASSE"]);
    let hits: Vec<&str> =
        find_all(body, &Query::parse("istanbul kabul")).into_iter().map(|r| &body[r]).collect();
    assert_eq!(hits, ["İstanbul", "Kābul"]);
}

// Item 26: one ranking for find.

#[test]
fn find_ranks_title_and_text_matches_on_one_sorted_scale_and_leaves_scattered_letters_out() {
    let home = tempfile::tempdir().unwrap();
    let mut files: Vec<(String, String)> = vec![
        ("a.txt".into(), "Apple's iPod sales soar\n\nThe music player sold well.\n".into()),
        ("b.txt".into(), "Music players boom\n\nSales of the iPod and its rivals doubled.\n".into()),
    ];
    // Titles with the letters i, p, o, d only scattered across their words.
    for i in 0..6 {
        files.push((
            format!("s{i}.txt"),
            format!("In politics old debates {i}\n\nNothing to do with music here.\n"),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let dir = corpus(home.path(), &refs);
    let dir = dir.to_str().unwrap();
    let v = json(&rroom(&["--corpus", dir, "find", "ipod", "--json"], home.path()));
    let results = v["results"].as_array().unwrap();
    let titles: Vec<&str> = results.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Apple's iPod sales soar", "Music players boom"], "{v}");
    let scores: Vec<f64> = results.iter().map(|r| r["score"].as_f64().unwrap()).collect();
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "sorted: {scores:?}");
    assert_eq!(v["scattered_left_out"], 6, "{v}");
    assert_eq!((v["total"].as_u64(), v["more"].as_u64()), (Some(2), Some(0)), "{v}");
    // Cut by --limit: the plain output says how many more.
    let out = rroom(&["--corpus", dir, "find", "ipod", "--limit", "1"], home.path());
    let text = stdout(&out);
    assert!(text.contains("1 more"), "{text}");
    assert!(text.contains("6 titles with the letters only scattered left out"), "{text}");
    let v = json(&rroom(&["--corpus", dir, "find", "ipod", "--json", "--limit", "1"], home.path()));
    assert_eq!(v["more"], 1, "{v}");
}

/// A pasted page as a query: searched by its first characters only, said
/// once, and never echoed whole to stderr.
#[test]
fn a_query_of_forty_thousand_words_is_cut_and_never_echoed_whole() {
    let home = tempfile::tempdir().unwrap();
    let query = "ab ".repeat(40_000); // an argument may hold 128 KiB
    for args in [
        vec!["find", query.as_str()],
        vec!["find", "--full-text", query.as_str()],
        vec!["lookup", query.as_str()],
    ] {
        let out = rroom(&args, home.path());
        let err = stderr(&out);
        assert!(err.lines().all(|l| l.chars().count() < 400), "{}: {}", args[0], &err[..err.len().min(500)]);
        assert!(out.status.code().is_some(), "{}: killed", args[0]);
    }
    let (cut, was_cut) = rroom::search::bounded(&query);
    assert!(was_cut && cut.chars().count() == rroom::search::MAX_QUERY_CHARS);
    let (same, was_cut) = rroom::search::bounded("kabul talks");
    assert!(!was_cut && same == "kabul talks");
}
