//! What a note is: its target (article, passage, entity), its text and the
//! tags written in it.

use serde::Serialize;

use crate::entities::EntityKind;

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Store-assigned, never reused (not even after a purge).
    pub id: i64,
    /// The [`ArticleId`](crate::corpus::ArticleId) of the article the note is on.
    pub article: String,
    pub target: Target,
    pub text: String,
    /// The `#tags` in [`Note::text`]: lowercase, without '#', first occurrence first.
    pub tags: Vec<String>,
    /// Unix time in milliseconds.
    pub created: i64,
    /// Unix time in milliseconds of the last text change.
    pub updated: i64,
    /// 1 when created, +1 per text update: the token of optimistic concurrency.
    pub version: i64,
    /// When the note was moved to the trash (unix ms); `None` when it is not in the trash.
    pub deleted: Option<i64>,
}

impl Note {
    /// The anchor, for a passage note.
    pub fn anchor(&self) -> Option<&Anchor> {
        match &self.target {
            Target::Passage(a) => Some(a),
            _ => None,
        }
    }

    /// The entity's name, for an entity note.
    pub fn entity(&self) -> Option<&str> {
        self.entity_ref().map(|e| e.name.as_str())
    }

    /// The entity, for an entity note.
    pub fn entity_ref(&self) -> Option<&EntityRef> {
        match &self.target {
            Target::Entity(e) => Some(e),
            _ => None,
        }
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }
}

/// What a note is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "on", rename_all = "snake_case")]
pub enum Target {
    /// The article as a whole.
    Article,
    /// A passage of the article's body.
    Passage(Anchor),
    /// An entity (person, organization, place) the article names.
    Entity(EntityRef),
}

/// The entity an entity note is on: its canonical name and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntityRef {
    pub name: String,
    /// `None` for notes written before rroom kept the kind.
    pub kind: Option<EntityKind>,
}

impl From<&str> for EntityRef {
    fn from(name: &str) -> EntityRef {
        EntityRef::named(name)
    }
}

impl EntityRef {
    pub fn new(name: impl Into<String>, kind: EntityKind) -> EntityRef {
        EntityRef { name: name.into(), kind: Some(kind) }
    }

    /// An entity known by its name only (the kind unknown).
    pub fn named(name: impl Into<String>) -> EntityRef {
        EntityRef { name: name.into(), kind: None }
    }
}

/// Where a passage is, in the spirit of the W3C Web Annotation selectors: a
/// TextQuoteSelector (`quote` with some `prefix` and `suffix` context) and a
/// TextPositionSelector (`start..end`, byte offsets into the article body).
/// The quote is the truth; the position is a hint. See [`super::anchor`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    /// The text of the passage when the note was written.
    pub quote: String,
    /// Up to [`Anchor::CONTEXT_CHARS`] characters just before the quote.
    pub prefix: String,
    /// Up to [`Anchor::CONTEXT_CHARS`] characters just after the quote.
    pub suffix: String,
    /// Byte offset of the quote in the body.
    pub start: usize,
    /// Byte offset just past the quote in the body.
    pub end: usize,
}

/// A note to add to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    pub article: String,
    pub target: Target,
    pub text: String,
}

/// An autosaved editor draft. `key` names what is being edited, e.g.
/// `"article:<id>"` for a new note on an article or `"note:<id>"` for an
/// edit of a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub key: String,
    /// The session that wrote it (see [`crate::notes::new_session_id`]).
    pub session: String,
    pub text: String,
    /// Unix time in milliseconds.
    pub saved: i64,
}

/// Which notes [`Store::list`](super::Store::list) returns. The default is
/// every note that is not in the trash.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only notes on this article id.
    pub article: Option<String>,
    /// Only notes with this tag (a leading '#' and case are ignored).
    pub tag: Option<String>,
    /// Only notes on this entity (case is ignored).
    pub entity: Option<String>,
    /// Notes in the trash too.
    pub include_deleted: bool,
    /// Only notes in the trash (implies `include_deleted`).
    pub only_deleted: bool,
}

/// Whether `c` may be part of a tag after the '#'.
fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '/')
}

/// The `#tags` written in a note: a '#' at the start of the text or after a
/// character that is not a letter, digit or '#' (so "C#", "page#part" and
/// "##" are no tags), followed by letters, digits, '-', '_' or '/'. A tag
/// needs at least one letter ("#1" is not one); trailing '-', '_' and '/'
/// are dropped. Tags are lowercased and deduplicated, first occurrence first.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts_tag = c == '#' && !prev.is_some_and(|p| p.is_alphanumeric() || p == '#' || p == '_');
        prev = Some(c);
        if !starts_tag {
            continue;
        }
        let from = i + c.len_utf8();
        let mut to = from;
        while let Some(&(j, d)) = chars.peek() {
            if !is_tag_char(d) {
                break;
            }
            to = j + d.len_utf8();
            prev = Some(d);
            chars.next();
        }
        let raw = text[from..to].trim_end_matches(['-', '_', '/']);
        if !raw.chars().any(char::is_alphabetic) {
            continue;
        }
        let tag = raw.to_lowercase();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// A tag as given by a user ("#Pakistan", " pakistan "), in stored form.
pub fn normalize_tag(tag: &str) -> String {
    tag.trim().trim_start_matches('#').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_found_lowercased_and_deduplicated() {
        assert_eq!(parse_tags("Talks stall #Pakistan #TTP, see #pakistan again"), ["pakistan", "ttp"]);
        assert_eq!(parse_tags("#first word"), ["first"]);
        assert_eq!(parse_tags("(#in-parens) #under_score #a/b."), ["in-parens", "under_score", "a/b"]);
        assert_eq!(parse_tags("#trailing- #slash/"), ["trailing", "slash"]);
    }

    #[test]
    fn things_that_are_not_tags() {
        assert!(parse_tags("C# and F# code, page#anchor, ## heading, # alone").is_empty());
        assert!(parse_tags("ranked #1 and #2024").is_empty());
        assert!(parse_tags("").is_empty());
        assert!(parse_tags("#").is_empty());
        assert_eq!(parse_tags("##double"), Vec::<String>::new());
    }

    #[test]
    fn tags_in_other_scripts() {
        assert_eq!(parse_tags("#Ünïcode #طالبان #日本"), ["ünïcode", "طالبان", "日本"]);
        assert_eq!(parse_tags("#2024elections"), ["2024elections"]);
    }

    #[test]
    fn tag_normalization() {
        assert_eq!(normalize_tag(" #Pakistan "), "pakistan");
    }
}
