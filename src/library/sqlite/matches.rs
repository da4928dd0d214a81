//! Every article a watch matches, from the index alone: no text is read
//! back and the corpus-wide entity index is not built, so a watch opens
//! in milliseconds on a large corpus.
//!
//! A text query is the full-text index's match. An entity is found in two
//! steps: the full-text index gives the articles whose text has one of the
//! entity's names or aliases as a phrase, and each one's stored entities
//! (corrections applied) say whether it mentions that entity: an entity of
//! the same kind whose name, or an alias that is not merely part of its
//! name, is one of the watched entity's (up to spelling variants).

use std::collections::HashSet;

use rusqlite::params;

use super::SqliteLibrary;
use crate::corpus::ArticleId;
use crate::entities::{Entity, EntityKind, fold};
use crate::library::{LibraryError, codec};
use crate::search::Query;
use crate::search::fulltext::fts5_expression;

/// Is `alias` (a key) only part of the name (a key): "mujahid" of
/// "zabihullah mujahid"? Such a form names an entity in one article only.
fn short_form(name: &str, alias: &str) -> bool {
    alias != name && alias.split(' ').all(|w| name.split(' ').any(|n| n == w))
}

/// The spelling-variant keys that identify an entity: its name's, and its
/// aliases' that are not short forms of it.
fn identifying_keys<'a>(name: &str, aliases: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    let name_key = fold::key(name);
    let mut keys = vec![fold::variant_of_key(&name_key)];
    for a in aliases {
        let k = fold::key(a);
        if !k.is_empty() && !short_form(&name_key, &k) {
            keys.push(fold::variant_of_key(&k));
        }
    }
    keys
}

/// A name as an FTS5 phrase over the folded text (`None` without a word).
fn phrase(name: &str) -> Option<String> {
    let folded = crate::search::fold::fold_str(name);
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    (!words.is_empty()).then(|| format!("\"{}\"", words.join(" ")))
}

impl SqliteLibrary {
    pub(super) fn text_matches_in_index(
        &self,
        query: &Query,
    ) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        let Some(expr) = fts5_expression(query) else { return Ok(Vec::new()) };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.pos, a.aid FROM fts JOIN articles a ON a.id = fts.rowid
                 WHERE fts MATCH ?1 AND a.pos IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![expr], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (pos, aid) = row.map_err(|e| self.err(e))?;
            if let Ok(pos) = usize::try_from(pos) {
                out.push((pos, ArticleId(aid)));
            }
        }
        Ok(out)
    }

    pub(super) fn entity_matches_in_index(
        &self,
        name: &str,
        kind: EntityKind,
        aliases: &[String],
    ) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        let names: Vec<&String> = aliases.iter().collect();
        let keys: HashSet<String> = identifying_keys(name, names.iter().copied()).into_iter().collect();
        let mut phrases: Vec<String> =
            std::iter::once(name).chain(aliases.iter().map(String::as_str)).filter_map(phrase).collect();
        phrases.sort();
        phrases.dedup();
        if phrases.is_empty() {
            return Ok(Vec::new());
        }
        let expr = phrases.join(" OR ");
        let mentions = |e: &Entity| {
            e.kind == kind && identifying_keys(&e.name, e.aliases.iter()).iter().any(|k| keys.contains(k))
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.pos, a.aid, a.entities FROM fts JOIN articles a ON a.id = fts.rowid
                 WHERE fts MATCH ?1 AND a.pos IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query(params![expr]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let pos: i64 = r.get(0).map_err(|e| self.err(e))?;
            let blob: Vec<u8> = r.get(2).map_err(|e| self.err(e))?;
            let entities = self.corrections.apply(codec::decode(&blob).unwrap_or_default());
            if let Ok(pos) = usize::try_from(pos)
                && entities.iter().any(mentions)
            {
                out.push((pos, ArticleId(r.get(1).map_err(|e| self.err(e))?)));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_do_not_identify_an_entity() {
        assert!(short_form("zabihullah mujahid", "mujahid"));
        assert!(!short_form("tehrik e taliban pakistan", "ttp"));
        let keys = identifying_keys(
            "Zabihullah Mujahid",
            [&"Mujahid".to_string(), &"Zabiullah Mujahid".to_string()],
        );
        assert_eq!(keys.len(), 2, "{keys:?}");
        assert_eq!(phrase("Tehrik-e-Taliban"), Some("\"tehrik e taliban\"".to_string()));
        assert_eq!(phrase("\"*()"), None);
    }
}
