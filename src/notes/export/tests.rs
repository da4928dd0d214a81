use super::*;
use crate::entities::EntityKind;
use crate::notes::model::{Anchor, EntityRef};

fn note(id: i64, article: &str, target: Target, text: &str) -> Note {
    Note {
        id,
        article: article.to_string(),
        target,
        text: text.to_string(),
        tags: crate::notes::parse_tags(text),
        created: 1_763_847_245_000 + id,
        updated: 1_763_847_305_000 + id,
        version: 1,
        deleted: None,
    }
}

#[test]
fn json_has_the_documented_shape() {
    let anchor =
        Anchor { quote: "a quote".into(), prefix: String::new(), suffix: String::new(), start: 0, end: 7 };
    let notes =
        [note(1, "abc", Target::Passage(anchor), "on #this"), note(2, "abc", Target::Article, "plain")];
    let v = json(&notes, &Corpus::seeds());
    let list = v["notes"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    let first = list[0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["anchor", "article", "created", "id", "in_corpus", "quote", "tags", "text", "updated"]);
    assert_eq!(first["in_corpus"], false);
    // Its article is not in the corpus: the passage cannot be found.
    assert_eq!(first["anchor"], "orphaned");
    assert_eq!(first["quote"], "a quote");
    assert_eq!(first["tags"], serde_json::json!(["this"]));
    assert_eq!(first["created"], "2025-11-22T21:34:05Z");
    assert_eq!(first["updated"], "2025-11-22T21:35:05Z");
    assert!(list[1]["quote"].is_null());
}

#[test]
fn markdown_groups_by_article_and_marks_orphans() {
    let corpus = Corpus::seeds();
    let a = &corpus.articles[0];
    let b = &corpus.articles[2];
    let start = a.body.find("Mohammad Sadiq Khan").unwrap();
    let found = Anchor::capture(&a.body, start..start + "Mohammad Sadiq Khan".len());
    let gone = Anchor {
        quote: "a passage that was removed from the article".into(),
        prefix: String::new(),
        suffix: String::new(),
        start: 5,
        end: 48,
    };
    let notes = [
        note(1, a.id.as_str(), Target::Passage(found), "The envoy. #pakistan"),
        note(2, b.id.as_str(), Target::Article, "Second article, first line\nsecond line"),
        note(3, a.id.as_str(), Target::Passage(gone), "Was here"),
        note(
            4,
            a.id.as_str(),
            Target::Entity(EntityRef::new("Amir Khan Muttaqi", EntityKind::Person)),
            "Taliban FM \u{1b}[31mred",
        ),
        note(5, "0123456789ab", Target::Article, "About an article we no longer have"),
        note(6, a.id.as_str(), Target::Article, "Overall: #talks"),
    ];
    let md = markdown(&notes, &corpus);
    let pos = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} not in:\n{md}"));
    assert!(md.starts_with("# Notes\n\n6 notes on 3 articles.\n"), "{md}");
    // Groups in corpus order, the missing article last.
    assert!(
        pos(&format!("## {}", super::markdown::escape_line(&a.title)))
            < pos(&format!("## {}", super::markdown::escape_line(&b.title)))
    );
    assert!(pos(&format!("## {}", super::markdown::escape_line(&b.title))) < pos("## Article 0123456789ab"));
    assert!(md.contains("*(article not in the current corpus)*"));
    assert!(md.contains(&format!("`{}`", a.id)));
    assert!(md.contains(&super::markdown::escape_line(&a.origin.path)));
    // Within an article: the article note, passages, orphans, entities.
    assert!(pos("(note 6)") < pos("(note 1)"));
    assert!(pos("(note 1)") < pos("(note 3, orphaned)"));
    assert!(pos("(note 3, orphaned)") < pos("note 4)"));
    assert!(md.contains("> Mohammad Sadiq Khan\n\nThe envoy. \\#pakistan\n\nTags: \\#pakistan\n"), "{md}");
    assert!(md.contains("> a passage that was removed from the article\n\n*(orphaned"), "{md}");
    assert!(md.contains("### On Amir Khan Muttaqi (person; note 4)"), "{md}");
    assert!(!md.contains('\u{1b}'), "control characters are neutralized");
    assert!(md.contains("Second article, first line\\\nsecond line\n"), "line breaks are kept: {md}");
}
