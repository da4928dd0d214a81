//! Notes out of rroom: a Markdown "briefing pack" grouped by article, and
//! JSON for other tools.

use std::collections::BTreeMap;

use serde::Serialize;

use super::anchor::{Resolution, resolve};
use super::clock::rfc3339;
use super::model::{Note, Target};
use crate::corpus::sanitize::{sanitize_inline, sanitize_label, split_lines};
use crate::corpus::{Article, Corpus};

/// One note in the JSON export.
#[derive(Debug, Serialize)]
pub struct JsonNote<'a> {
    pub id: i64,
    pub article: &'a str,
    pub text: &'a str,
    /// The quoted passage, for a passage note.
    pub quote: Option<&'a str>,
    pub tags: &'a [String],
    /// RFC 3339, UTC.
    pub created: String,
    pub updated: String,
}

impl<'a> From<&'a Note> for JsonNote<'a> {
    fn from(n: &'a Note) -> JsonNote<'a> {
        JsonNote {
            id: n.id,
            article: &n.article,
            text: &n.text,
            quote: n.anchor().map(|a| a.quote.as_str()),
            tags: &n.tags,
            created: rfc3339(n.created),
            updated: rfc3339(n.updated),
        }
    }
}

/// `{"notes":[{"id","article","text","quote","tags","created","updated"}]}`,
/// in the order given.
pub fn json(notes: &[Note]) -> serde_json::Value {
    let notes: Vec<JsonNote> = notes.iter().map(JsonNote::from).collect();
    serde_json::json!({ "notes": notes })
}

/// Lines of user or article text, each neutralized for display (no control
/// characters reach a terminal or a Markdown viewer).
fn clean_lines(text: &str) -> Vec<String> {
    split_lines(text).into_iter().map(|l| sanitize_inline(l).trim_end().to_string()).collect()
}

fn push_blockquote(out: &mut String, text: &str) {
    for line in clean_lines(text) {
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(&line);
            out.push('\n');
        }
    }
}

fn push_text(out: &mut String, text: &str) {
    let lines = clean_lines(text);
    let lines: Vec<&str> = lines.iter().map(String::as_str).skip_while(|l| l.is_empty()).collect();
    let end = lines.iter().rposition(|l| !l.is_empty()).map_or(0, |i| i + 1);
    if end == 0 {
        out.push_str("*(no text)*\n");
    }
    for line in &lines[..end] {
        out.push_str(line);
        out.push('\n');
    }
}

/// How a note sorts within its article: article notes, then passages in
/// text order (orphans last), then entity notes by entity.
fn order_key(note: &Note, resolution: &Option<Resolution>) -> (u8, usize, String, i64, i64) {
    match (&note.target, resolution) {
        (Target::Article, _) => (0, 0, String::new(), note.created, note.id),
        (Target::Passage(a), Some(r)) => match r.range() {
            Some(range) => (1, range.start, String::new(), note.created, note.id),
            None => (2, a.start, String::new(), note.created, note.id),
        },
        (Target::Passage(a), None) => (1, a.start, String::new(), note.created, note.id),
        (Target::Entity(e), _) => (3, 0, e.to_lowercase(), note.created, note.id),
    }
}

/// The briefing pack: notes grouped by article (in corpus order; articles
/// that are not in the corpus last, by id), each passage note as a quote
/// followed by the note, orphaned passages marked.
pub fn markdown(notes: &[Note], corpus: &Corpus) -> String {
    let mut groups: BTreeMap<(usize, &str), Vec<&Note>> = BTreeMap::new();
    let position = |id: &str| corpus.articles.iter().position(|a| a.id.as_str() == id);
    for note in notes {
        let key = (position(&note.article).unwrap_or(usize::MAX), note.article.as_str());
        groups.entry(key).or_default().push(note);
    }

    let mut out = String::from("# Notes\n\n");
    let articles = groups.len();
    out.push_str(&format!(
        "{} {} on {} {}.\n",
        notes.len(),
        if notes.len() == 1 { "note" } else { "notes" },
        articles,
        if articles == 1 { "article" } else { "articles" }
    ));
    for ((index, id), group) in groups {
        let article: Option<&Article> = corpus.articles.get(index);
        out.push('\n');
        match article {
            Some(a) => {
                out.push_str(&format!("## {}\n\n", sanitize_label(&a.title)));
                let mut meta: Vec<String> = Vec::new();
                if let Some(s) = a.source_or_section() {
                    meta.push(sanitize_label(s));
                }
                meta.push(sanitize_label(&a.origin.to_string()));
                meta.push(format!("`{}`", a.id));
                out.push_str(&meta.join(" · "));
                out.push('\n');
            }
            None => {
                out.push_str(&format!("## Article {}\n\n", sanitize_label(id)));
                out.push_str("*(article not in the current corpus)*\n");
            }
        }
        let mut rows: Vec<(&Note, Option<Resolution>)> = group
            .into_iter()
            .map(|n| {
                let r = match (&n.target, article) {
                    (Target::Passage(anchor), Some(a)) => Some(resolve(anchor, &a.body)),
                    _ => None,
                };
                (n, r)
            })
            .collect();
        rows.sort_by_cached_key(|(n, r)| order_key(n, r));
        for (note, resolution) in rows {
            out.push('\n');
            match &note.target {
                Target::Article => out.push_str(&format!("### On the article (note {})\n\n", note.id)),
                Target::Entity(e) => {
                    out.push_str(&format!("### On {} (entity; note {})\n\n", sanitize_label(e), note.id))
                }
                Target::Passage(anchor) => {
                    out.push_str(&format!("### On a passage (note {})\n\n", note.id));
                    push_blockquote(&mut out, &anchor.quote);
                    out.push('\n');
                    match resolution {
                        Some(Resolution::Orphan) => out.push_str(
                            "*(orphaned: this passage is no longer in the article; the quote is as it was)*\n\n",
                        ),
                        Some(Resolution::Fuzzy(_)) => {
                            out.push_str("*(the passage has been edited since this note was written)*\n\n")
                        }
                        _ => {}
                    }
                }
            }
            push_text(&mut out, &note.text);
            if !note.tags.is_empty() {
                let tags: Vec<String> = note.tags.iter().map(|t| format!("#{}", sanitize_label(t))).collect();
                out.push_str(&format!("\nTags: {}\n", tags.join(" ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::model::Anchor;

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
        let anchor = Anchor {
            quote: "a quote".into(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: 7,
        };
        let notes =
            [note(1, "abc", Target::Passage(anchor), "on #this"), note(2, "abc", Target::Article, "plain")];
        let v = json(&notes);
        let list = v["notes"].as_array().unwrap();
        assert_eq!(list.len(), 2);
        let first = list[0].as_object().unwrap();
        let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["article", "created", "id", "quote", "tags", "text", "updated"]);
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
            note(4, a.id.as_str(), Target::Entity("Amir Khan Muttaqi".into()), "Taliban FM \u{1b}[31mred"),
            note(5, "0123456789ab", Target::Article, "About an article we no longer have"),
            note(6, a.id.as_str(), Target::Article, "Overall: #talks"),
        ];
        let md = markdown(&notes, &corpus);
        let pos = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s:?} not in:\n{md}"));
        assert!(md.starts_with("# Notes\n\n6 notes on 3 articles.\n"), "{md}");
        // Groups in corpus order, the missing article last.
        assert!(pos(&format!("## {}", a.title)) < pos(&format!("## {}", b.title)));
        assert!(pos(&format!("## {}", b.title)) < pos("## Article 0123456789ab"));
        assert!(md.contains("*(article not in the current corpus)*"));
        assert!(md.contains(&format!("`{}`", a.id)));
        assert!(md.contains(&a.origin.path));
        // Within an article: the article note, passages, orphans, entities.
        assert!(pos("(note 6)") < pos("(note 1)"));
        assert!(pos("(note 1)") < pos("(note 3)"));
        assert!(pos("(note 3)") < pos("note 4)"));
        assert!(md.contains("> Mohammad Sadiq Khan\n\nThe envoy. #pakistan\n\nTags: #pakistan\n"), "{md}");
        assert!(md.contains("> a passage that was removed from the article\n\n*(orphaned"), "{md}");
        assert!(md.contains("### On Amir Khan Muttaqi (entity; note 4)"));
        assert!(!md.contains('\u{1b}'), "control characters are neutralized");
        assert!(md.contains("Second article, first line\nsecond line\n"));
    }
}
