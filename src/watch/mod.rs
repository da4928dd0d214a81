//! Watchlists: named queries kept in the notes store (the analyst's data),
//! each an entity (`@TTP`, resolved with its aliases as `rroom lookup`
//! resolves a name) or a full-text query (`"border crossing" kabul`).
//!
//! [`evaluate`] runs a watch against a library: its matching articles
//! (newest first: latest in the list first), how many, and how many are
//! **new since the analyst last looked**: not among the articles the watch
//! matched when they last opened it ([`Evaluation::seen`], saved with
//! `Store::mark_watch_looked`). A watch added starts as looked at: what is
//! new is what arrives after. Nothing here knows about terminals; names
//! and queries are untrusted text, shown through
//! [`crate::corpus::sanitize::sanitize_label`] wherever printed.

mod eval;
mod seen;

pub use eval::{Evaluation, Match, WatchError, evaluate, evaluate_query, resolve};
pub use seen::{Seen, id_key};

use crate::entities::EntityKind;

/// The longest watch name, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// What a watch looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchQuery {
    /// An entity: the query as typed (without `@`), and the entity it named
    /// when the watch was added (name, kind, every name and alias then).
    Entity { query: String, name: String, kind: EntityKind, aliases: Vec<String> },
    /// Words and "quoted phrases" in the text, as `rroom find --full-text`.
    Text { query: String },
}

impl WatchQuery {
    /// The query as the analyst typed it (`@ttp`, `border kabul`).
    pub fn typed(&self) -> String {
        match self {
            WatchQuery::Entity { query, .. } => format!("@{query}"),
            WatchQuery::Text { query } => query.clone(),
        }
    }

    /// `entity` or `text`.
    pub fn kind(&self) -> &'static str {
        match self {
            WatchQuery::Entity { .. } => "entity",
            WatchQuery::Text { .. } => "text",
        }
    }
}

/// A watch as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watch {
    pub id: i64,
    pub name: String,
    pub query: WatchQuery,
    /// Unix milliseconds.
    pub created: i64,
    /// When the analyst last looked at its matches (unix milliseconds).
    pub looked: Option<i64>,
    /// The articles it matched then.
    pub seen: Seen,
}

/// What a watch query typed by the analyst asks for, before it is
/// resolved against a library: `Ok((true, name))` for `@name`.
pub fn parse_query(typed: &str) -> Result<(bool, String), String> {
    let (text, cut) = crate::search::bounded(typed.trim());
    if cut {
        return Err(format!("a watch query is at most {} characters", crate::search::MAX_QUERY_CHARS));
    }
    if text.chars().any(is_invisible) {
        return Err("a watch query cannot hold control characters".to_string());
    }
    match text.strip_prefix('@') {
        Some(name) if name.trim().is_empty() => {
            Err("an entity watch needs a name after @, e.g. @TTP".to_string())
        }
        Some(name) => Ok((true, name.trim().to_string())),
        None if text.is_empty() => Err("a watch needs a query: @ENTITY or words to find".to_string()),
        None => {
            let q = crate::search::Query::parse(text);
            if crate::search::fulltext::fts5_expression(&q).is_none() {
                return Err("a text watch needs at least one word to look for".to_string());
            }
            Ok((false, text.to_string()))
        }
    }
}

/// Characters a name or query must not hold: controls, and the invisible
/// ones that reorder or hide text (bidi overrides, zero-width marks).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// A watch name checked: trimmed, 1 to [`MAX_NAME_CHARS`] characters, no
/// control or invisible characters, not starting with `-` or `@` (it would
/// read as an option or a query). The error says what is wrong.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("a watch needs a name".to_string());
    }
    if name.chars().any(is_invisible) {
        return Err("a watch name cannot hold control characters".to_string());
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!("a watch name is at most {MAX_NAME_CHARS} characters"));
    }
    if name.starts_with('-') || name.starts_with('@') {
        return Err("a watch name cannot start with '-' or '@'".to_string());
    }
    Ok(name.to_string())
}

/// The key two names that are one watch share ("TTP" and "ttp").
pub fn name_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bad_ones_refused_with_a_reason() {
        assert_eq!(check_name("  TTP talks "), Ok("TTP talks".to_string()));
        assert_eq!(check_name("Пакистан"), Ok("Пакистан".to_string()));
        for bad in ["", "   ", "a\u{1b}[31mred", "tab\there", "-rf", "@ttp", "rtl\u{202E}name"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_name(&"x".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(check_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert_eq!(name_key("TTP"), name_key(" ttp"));
    }

    #[test]
    fn queries_are_an_entity_or_words() {
        assert_eq!(parse_query("@TTP"), Ok((true, "TTP".to_string())));
        assert_eq!(parse_query(" @ Mujahid "), Ok((true, "Mujahid".to_string())));
        assert_eq!(
            parse_query("\"border crossing\" kabul"),
            Ok((false, "\"border crossing\" kabul".to_string()))
        );
        for bad in ["", "@", "@  ", "!!!", "a\u{7}b"] {
            assert!(parse_query(bad).is_err(), "{bad:?}");
        }
        assert!(parse_query(&"w ".repeat(300)).is_err());
    }
}
