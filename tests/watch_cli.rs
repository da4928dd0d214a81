//! `rroom watch add|list|rm|show` as a user runs them: JSON and text, bad
//! and duplicate names, unknown entities, and new since last looked.

mod common;

use std::path::Path;

use common::bin::{assert_one_line_error, json, rroom, seeded_home, stderr, stdout};

fn ok(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
}

fn watches(home: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["watch", "list", "--json"];
    args.extend_from_slice(extra);
    json(&rroom(&args, home))
}

#[test]
fn add_list_show_and_remove_on_the_seeds() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    assert!(ok(&rroom(&["watch", "list"], h)).contains("no watches yet"));
    assert_eq!(watches(h, &[])["watches"], serde_json::json!([]));

    let out = ok(&rroom(&["watch", "add", "TTP", "@ttp"], h));
    assert!(out.contains("watching 'TTP': @ttp (Tehreek-e-Taliban Pakistan, org), 5 articles"), "{out}");
    ok(&rroom(&["watch", "add", "crossing", "\"border crossing\""], h));

    let list = watches(h, &[]);
    let w = &list["watches"];
    assert_eq!(w.as_array().unwrap().len(), 2);
    assert_eq!(w[0]["name"], "TTP");
    assert_eq!(w[0]["query"], "@ttp");
    assert_eq!(w[0]["kind"], "entity");
    assert_eq!(w[0]["entity"]["kind"], "org");
    assert_eq!((w[0]["total"].as_u64(), w[0]["new"].as_u64()), (Some(5), Some(0)));
    assert_eq!(w[1]["kind"], "text");
    assert_eq!(w[1]["entity"], serde_json::Value::Null);
    assert_eq!(w[1]["total"], 2);

    let text = ok(&rroom(&["watch", "list"], h));
    assert!(text.lines().next().unwrap().starts_with("TTP "), "{text}");
    assert!(text.contains("0 new  \"border crossing\""), "{text}");

    let shown = json(&rroom(&["watch", "show", "ttp", "--json"], h));
    assert_eq!(shown["watch"]["name"], "TTP");
    let ids: Vec<&str> =
        shown["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5);
    assert_eq!(ids[4], "7ada25d68e4b", "newest first: the first seed last");
    let text = ok(&rroom(&["watch", "show", "TTP"], h));
    assert!(
        text.starts_with("TTP: @ttp (Tehreek-e-Taliban Pakistan, org): 5 articles, 0 new since "),
        "{text}"
    );
    assert_eq!(text.lines().count(), 6, "{text}");

    assert!(ok(&rroom(&["watch", "rm", "ttp"], h)).contains("removed the watch 'ttp'"));
    let list = watches(h, &[]);
    assert_eq!(list["watches"].as_array().unwrap().len(), 1);
    assert_one_line_error(&rroom(&["watch", "rm", "TTP"], h), "there is no watch named 'TTP'");
    assert_one_line_error(&rroom(&["watch", "show", "TTP"], h), "there is no watch named 'TTP'");
}

#[test]
fn bad_names_duplicates_and_unknown_entities_are_refused_and_nothing_is_stored() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    for (name, message) in [
        ("", "a watch needs a name"),
        ("red\u{1b}[31m", "cannot hold control characters"),
        ("rtl\u{202e}eman", "cannot hold control characters"),
        ("@ttp", "cannot start with '-' or '@'"),
        (&"x".repeat(41), "at most 40 characters"),
    ] {
        assert_one_line_error(&rroom(&["watch", "add", name, "kabul"], h), message);
    }
    assert_one_line_error(&rroom(&["watch", "add", "w", "@"], h), "needs a name after @");
    assert_one_line_error(&rroom(&["watch", "add", "w", "  "], h), "needs a query");
    assert_one_line_error(&rroom(&["watch", "add", "w", "k\u{1b}]8;;x\u{7}"], h), "control characters");
    let o = rroom(&["watch", "add", "ghost", "@zzzzzzzz"], h);
    assert_one_line_error(&o, "no person, organization or place matches 'zzzzzzzz'");
    // A name as an option is a usage error.
    assert_eq!(rroom(&["watch", "add", "--bogus", "kabul"], h).status.code(), Some(2));
    assert_eq!(watches(h, &[])["watches"], serde_json::json!([]));

    ok(&rroom(&["watch", "add", "Kabul", "kabul"], h));
    let o = rroom(&["watch", "add", "KABUL", "@kabul"], h);
    assert_one_line_error(&o, "there is already a watch named 'Kabul'");
    let list = watches(h, &[]);
    assert_eq!(list["watches"].as_array().unwrap().len(), 1);
    assert_eq!(list["watches"][0]["kind"], "text");
    // An unknown name's escape sequences never reach the terminal.
    let o = rroom(&["watch", "rm", "x\u{1b}[2Jy"], h);
    assert_one_line_error(&o, "there is no watch named");
    assert!(!stderr(&o).contains('\u{1b}'), "{:?}", stderr(&o));
}

#[test]
fn an_article_that_arrives_is_new_until_the_watch_is_shown() {
    for no_index in [false, true] {
        let (home, corpus) = seeded_home();
        let h = home.path();
        let mut base = vec!["--corpus", corpus.to_str().unwrap()];
        if no_index {
            base.push("--no-index");
        }
        let with = |args: &[&str]| {
            let mut all = base.clone();
            all.extend_from_slice(args);
            rroom(&all, h)
        };
        ok(&with(&["watch", "add", "TTP", "@TTP"]));
        let w = &watches(h, &base)["watches"][0];
        assert_eq!((w["total"].as_u64(), w["new"].as_u64()), (Some(5), Some(0)), "{no_index}");

        std::fs::write(
            corpus.join("005_news.txt"),
            "Talks resume\n\nIslamabad: Talks with the Tehrik-e-Taliban Pakistan (TTP) resume next week, \
             officials said; the TTP has not commented.\n",
        )
        .unwrap();
        let w = &watches(h, &base)["watches"][0];
        assert_eq!((w["total"].as_u64(), w["new"].as_u64()), (Some(6), Some(1)), "{no_index}");

        // Shown without marking: still new.
        let kept = json(&with(&["watch", "show", "TTP", "--json", "--keep-new"]));
        assert_eq!(kept["articles"][0]["new"], true);
        assert_eq!(kept["articles"][0]["title"], "Talks resume");
        assert_eq!(watches(h, &base)["watches"][0]["new"], 1);
        // Shown: looked at, nothing new any more.
        let text = ok(&with(&["watch", "show", "TTP"]));
        assert!(text.contains("6 articles, 1 new"), "{text}");
        assert!(text.lines().nth(1).unwrap().contains("  new  Talks resume"), "{text}");
        assert_eq!(watches(h, &base)["watches"][0]["new"], 0, "{no_index}");
    }
}
