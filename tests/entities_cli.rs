//! `rroom entities` and `rroom lookup`, run as a user would: the real
//! binary, with its own data directory and home.

mod common;

use std::path::Path;

use common::bin::{assert_one_line_error, json, rroom, stderr, stdout};
use rroom::entities::Correction;
use rroom::notes::Store;

/// The body of an article as `rroom show --json` gives it (paragraphs
/// joined by blank lines, as the mentions' offsets count).
fn body(n: usize, dir: &Path) -> String {
    let v = json(&rroom(&["show", &n.to_string(), "--json"], dir));
    let paras: Vec<&str> =
        v["paragraphs"].as_array().unwrap().iter().map(|p| p["text"].as_str().unwrap()).collect();
    paras.join("\n\n")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn entities_json_has_the_documented_shape_and_true_offsets() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&rroom(&["entities", "--json"], tmp.path()));
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for (n, a) in articles.iter().enumerate() {
        for key in ["id", "title", "path", "entities"] {
            assert!(a.get(key).is_some(), "missing {key} in article {n}");
        }
        assert!(a["path"].as_str().unwrap().starts_with("seeds/0"), "{}", a["path"]);
        let body = body(n + 1, tmp.path());
        let ents = a["entities"].as_array().unwrap();
        assert!(ents.len() >= 5, "article {n}");
        for e in ents {
            let kind = e["kind"].as_str().unwrap();
            assert!(["person", "org", "place"].contains(&kind), "{kind}");
            let aliases: Vec<&str> =
                e["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
            assert_eq!(aliases[0], e["name"].as_str().unwrap());
            let mentions = e["mentions"].as_array().unwrap();
            // A name only in the headline is counted once, with no mention
            // in the body.
            assert_eq!(e["count"].as_u64().unwrap() as usize, mentions.len().max(1));
            for m in mentions {
                let (s, t) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                let text = collapse(&body[s..t]);
                assert!(aliases.contains(&text.as_str()), "{text:?} not in {aliases:?}");
            }
        }
    }
    // The TTP of the second seed, with its acronym.
    let ttp =
        articles[1]["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Tehrik-i-Taliban Pakistan");
    let ttp = ttp.expect("TTP in seed 2");
    assert_eq!(ttp["kind"], "org");
    assert!(ttp["aliases"].as_array().unwrap().iter().any(|a| a == "TTP"));
    // One article by list number or id prefix.
    let one = json(&rroom(&["entities", "5", "--json"], tmp.path()));
    assert_eq!(one["articles"].as_array().unwrap().len(), 1);
    let id = one["articles"][0]["id"].as_str().unwrap().to_string();
    let again = json(&rroom(&["entities", &id[..6], "--json"], tmp.path()));
    assert_eq!(again, one);
}

#[test]
fn entities_plain_text_is_grouped_by_kind_with_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&["entities", "1"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let people = text.find("People 2").expect(&text);
    let orgs = text.find("Organizations").expect(&text);
    let places = text.find("Places").expect(&text);
    assert!(people < orgs && orgs < places, "{text}");
    assert!(text.contains("Mohammad Sadiq Khan") && text.contains("(Sadiq Khan)"), "{text}");
    let taliban = text.lines().find(|l| l.trim_start().starts_with("Taliban ")).expect(&text);
    assert!(taliban.trim_end().ends_with("13"), "{taliban}");
    // An article that is not there: one line on stderr, exit 1.
    assert_one_line_error(&rroom(&["entities", "zzzz"], tmp.path()), "no article matches");
}

#[test]
fn lookup_ttp_finds_all_five_seeds_with_snippets() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&rroom(&["lookup", "ttp", "--json"], tmp.path()));
    assert_eq!(v["query"], "ttp");
    assert_eq!(v["entity"]["kind"], "org");
    let aliases: Vec<&str> =
        v["entity"]["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    for a in ["TTP", "Tehrik-e-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan"] {
        assert!(aliases.contains(&a), "{a} not in {aliases:?}");
    }
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    let counts: Vec<u64> = articles.iter().map(|a| a["count"].as_u64().unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most mentions first: {counts:?}");
    for a in articles {
        for key in ["id", "title", "path", "count", "snippets"] {
            assert!(a.get(key).is_some(), "missing {key}");
        }
        let snippets = a["snippets"].as_array().unwrap();
        assert!(!snippets.is_empty());
        for s in snippets {
            let s = s.as_str().unwrap();
            assert!(!s.contains('\n') && s.chars().count() <= 245, "{s:?}");
            assert!(s.contains("TTP") || s.contains("Taliban"), "{s:?}");
        }
    }
}

#[test]
fn lookup_by_short_name_and_fuzzy() {
    let tmp = tempfile::tempdir().unwrap();
    let v = json(&rroom(&["lookup", "mujahid", "--json"], tmp.path()));
    assert_eq!(v["entity"]["name"], "Zabihullah Mujahid");
    assert_eq!(v["entity"]["kind"], "person");
    // Seed 3 names him in its headline only (issue 15): found too.
    assert_eq!(v["articles"].as_array().unwrap().len(), 3);
    assert_eq!(v["articles"][0]["count"], 2);
    let out = rroom(&["lookup", "muttaqi"], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("Amir Khan Muttaqi (person): 2 mentions in 2 articles"), "{text}");
    assert!(text.contains("acting foreign minister"), "{text}");
    let v = json(&rroom(&["lookup", "Sadiq Khan", "--json"], tmp.path()));
    assert_eq!(v["entity"]["name"], "Mohammad Sadiq Khan");
    assert_eq!(v["articles"].as_array().unwrap().len(), 2);
}

#[test]
fn an_unknown_name_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rroom(&["lookup", "Qwertyuiop Zxcvb"], tmp.path());
    assert_one_line_error(&out, "no person, organization or place matches 'Qwertyuiop Zxcvb'");
    assert!(stdout(&out).is_empty());
    assert!(!tmp.path().join("data").exists(), "reading never creates the store");
}

#[test]
fn corrections_in_the_store_apply_to_both_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(&tmp.path().join("data")).unwrap();
    store.add_correction(&Correction::Hide { name: "ttp".into() }).unwrap();
    store.add_correction(&Correction::Merge { from: "Moscow".into(), into: "Russia".into() }).unwrap();
    drop(store);
    let v = json(&rroom(&["entities", "--json"], tmp.path()));
    for a in v["articles"].as_array().unwrap() {
        for e in a["entities"].as_array().unwrap() {
            assert!(!e["aliases"].as_array().unwrap().iter().any(|x| x == "TTP"), "{e}");
        }
    }
    let russia =
        v["articles"][0]["entities"].as_array().unwrap().iter().find(|e| e["name"] == "Russia").cloned();
    let russia = russia.expect("Russia in seed 1");
    assert!(russia["aliases"].as_array().unwrap().iter().any(|x| x == "Moscow"), "{russia}");
    assert_eq!(russia["count"], 3);
    let out = rroom(&["lookup", "ttp", "--json"], tmp.path());
    if out.status.success() {
        let v = json(&out);
        assert!(!v["entity"]["aliases"].as_array().unwrap().iter().any(|x| x == "TTP"), "{v}");
    } else {
        assert!(stderr(&out).contains("no person, organization or place matches"), "{}", stderr(&out));
    }
    let v = json(&rroom(&["lookup", "moscow", "--json"], tmp.path()));
    assert_eq!(v["entity"]["name"], "Russia");
}

#[test]
fn both_commands_read_the_corpus_given() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "Talks in Geneva\n\nUN envoy Jane Doe met Foreign Minister Ishaq Dar in Geneva on Monday. \
         Ms Doe said the talks went well.\n",
    )
    .unwrap();
    std::fs::write(corpus.join("b.txt"), "Later\n\nJane Doe returned to Geneva.\n").unwrap();
    let dir = corpus.to_str().unwrap();
    let v = json(&rroom(&["--corpus", dir, "entities", "--json"], tmp.path()));
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 2);
    assert!(articles[0]["path"].as_str().unwrap().ends_with("a.txt"));
    let names: Vec<&str> =
        articles[0]["entities"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
    for n in ["Jane Doe", "Ishaq Dar", "Geneva", "UN"] {
        assert!(names.contains(&n), "{n} not in {names:?}");
    }
    let v = json(&rroom(&["lookup", "doe", "--json", "--corpus", dir], tmp.path()));
    assert_eq!(v["entity"]["name"], "Jane Doe");
    let counts: Vec<u64> =
        v["articles"].as_array().unwrap().iter().map(|a| a["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [2, 1]);
    assert_eq!(v["articles"][0]["snippets"][1], "Ms Doe said the talks went well.");
}
