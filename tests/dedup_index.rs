//! Near-duplicate groups through the command line: `"group"` in
//! `rroom list --json`, the same through the index and without it, and kept
//! right by incremental updates (an article added joins its group, one
//! removed leaves it).

mod common;

use std::path::Path;

use common::bin::{json, rroom, stderr, stdout};
use serde_json::Value;

const WORDS: &[&str] = &[
    "minister",
    "budget",
    "talks",
    "border",
    "market",
    "shares",
    "growth",
    "election",
    "council",
    "court",
    "police",
    "report",
    "league",
    "final",
    "season",
    "company",
    "profits",
    "workers",
    "strike",
    "union",
    "government",
    "opposition",
    "plans",
    "tax",
    "schools",
    "hospitals",
    "prices",
    "oil",
    "bank",
    "rates",
    "film",
    "award",
    "album",
    "chart",
    "phone",
    "network",
    "software",
    "users",
    "games",
    "console",
];

/// A long story of its own: `seed` picks the words, so two seeds share
/// (almost) no run of five words.
fn story(seed: u64, words: usize) -> Vec<String> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..words)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            WORDS[(x % WORDS.len() as u64) as usize].to_string()
        })
        .collect()
}

fn file(title: &str, words: &[String]) -> String {
    let paras: Vec<String> = words.chunks(60).map(|c| c.join(" ") + ".").collect();
    format!("{title}\n\n{}\n", paras.join("\n\n"))
}

/// `words` with a few changed and one added, as an updated story.
fn edited(words: &[String], how: &str) -> Vec<String> {
    let mut w = words.to_vec();
    w[40] = how.to_string();
    w[120] = format!("{how}ly");
    w.insert(200, "meanwhile".to_string());
    w
}

fn list(home: &Path, corpus: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["list", "--json", "--corpus", corpus.to_str().unwrap()];
    args.extend_from_slice(extra);
    json(&rroom(&args, home))
}

/// The group id of each article by its file name.
fn groups_by_file(v: &Value) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap();
            let name = Path::new(path).file_name().unwrap().to_string_lossy().into_owned();
            (name, a["id"].as_str().unwrap().to_string(), a["group"].as_str().unwrap().to_string())
        })
        .collect();
    out.sort();
    out
}

fn group_of<'a>(g: &'a [(String, String, String)], name: &str) -> &'a str {
    &g.iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("{name} not listed: {g:?}")).2
}

fn id_of<'a>(g: &'a [(String, String, String)], name: &str) -> &'a str {
    &g.iter().find(|(n, _, _)| n == name).unwrap().1
}

#[test]
fn copies_and_edits_share_a_group_unrelated_and_short_articles_do_not() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let a = story(1, 400);
    let write = |name: &str, text: String| std::fs::write(corpus.join(name), text).unwrap();
    write("01.txt", file("Brown names 16 March for Budget", &a));
    write("02.txt", file("Arsenal win the cup", &story(2, 400)));
    write("03.txt", file("Brown names 16 March for Budget", &edited(&a, "quickly")));
    write("04.txt", file("Strike called off", &story(3, 12)));
    write("05.txt", file("Strike called off", &edited(&story(3, 250), "x")[..14]));
    // Another headline on the same text: the headline does not count.
    write("06.txt", file("Chancellor sets Budget date", &a));

    let indexed = list(home.path(), &corpus, &[]);
    let g = groups_by_file(&indexed);
    let lead = id_of(&g, "01.txt");
    assert_eq!(group_of(&g, "01.txt"), lead);
    assert_eq!(group_of(&g, "03.txt"), lead);
    assert_eq!(group_of(&g, "06.txt"), lead);
    for alone in ["02.txt", "04.txt", "05.txt"] {
        assert_eq!(group_of(&g, alone), id_of(&g, alone), "{alone}: {g:?}");
    }
    // The in-memory path groups the same way.
    let direct = list(home.path(), &corpus, &["--no-index"]);
    assert_eq!(indexed, direct);
}

#[test]
fn an_added_article_joins_its_group_and_a_removed_one_leaves_it() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    let a = story(7, 400);
    let write = |name: &str, text: String| std::fs::write(corpus.join(name), text).unwrap();
    write("01.txt", file("Talks aim to avert strike", &a));
    write("02.txt", file("Unrelated", &story(8, 300)));
    let g = groups_by_file(&list(home.path(), &corpus, &[]));
    assert_eq!(group_of(&g, "01.txt"), id_of(&g, "01.txt"));

    // Two updated versions arrive: both join the first one's group.
    write("03.txt", file("Stalemate in strike talks", &edited(&a, "slowly")));
    write("04.txt", file("Strike talks resume", &edited(&a, "again")));
    let g = groups_by_file(&list(home.path(), &corpus, &[]));
    let lead = id_of(&g, "01.txt").to_string();
    for member in ["01.txt", "03.txt", "04.txt"] {
        assert_eq!(group_of(&g, member), lead, "{member}: {g:?}");
    }
    assert_eq!(group_of(&g, "02.txt"), id_of(&g, "02.txt"));

    // The first one goes: the others stay together, led by the next.
    std::fs::remove_file(corpus.join("01.txt")).unwrap();
    let after = list(home.path(), &corpus, &[]);
    let g = groups_by_file(&after);
    assert!(g.iter().all(|(_, _, grp)| *grp != lead), "{g:?}");
    assert_eq!(group_of(&g, "03.txt"), id_of(&g, "03.txt"));
    assert_eq!(group_of(&g, "04.txt"), id_of(&g, "03.txt"));
    assert_eq!(after, list(home.path(), &corpus, &["--no-index"]));

    // Down to one: alone again.
    std::fs::remove_file(corpus.join("03.txt")).unwrap();
    let g = groups_by_file(&list(home.path(), &corpus, &[]));
    assert_eq!(group_of(&g, "04.txt"), id_of(&g, "04.txt"));
}

#[test]
fn a_copy_in_a_jsonl_file_appended_joins_the_group() {
    let home = tempfile::tempdir().unwrap();
    let corpus = home.path().join("feed.jsonl");
    let a = story(21, 300);
    let line = |title: &str, words: &[String]| {
        serde_json::json!({ "title": title, "body": words.join(" ") }).to_string() + "\n"
    };
    std::fs::write(&corpus, line("Wire story", &a) + &line("Other", &story(22, 300))).unwrap();
    let first = list(home.path(), &corpus, &[]);
    let ids: Vec<&str> =
        first["articles"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(first["articles"][0]["group"], ids[0]);
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new().append(true).open(&corpus).unwrap();
    f.write_all(line("Wire story, updated", &edited(&a, "later")).as_bytes()).unwrap();
    drop(f);
    let o = rroom(&["index", "--json", "--corpus", corpus.to_str().unwrap()], home.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&o)["update"]["appended_files"], 1, "{}", stdout(&o));
    let after = list(home.path(), &corpus, &[]);
    assert_eq!(after["articles"][2]["group"], ids[0]);
    assert_eq!(after["articles"][1]["group"], ids[1]);
}
