//! Every article a watch matches, from the index alone: no text is read
//! back and the corpus-wide entity index is not built, so a watch opens
//! in milliseconds on a large corpus.
//!
//! A text query is the full-text index's match. An entity's articles are
//! its postings in the corpus-wide entity table when that table is made
//! (for these corrections): the entity a lookup of its name finds, of its
//! kind, exactly as the in-memory library chooses it; their ids come from
//! the index on list positions alone, which holds them. Before the table
//! is made (it is not made for a watch: that takes a while at a million),
//! an entity is found in two steps: the full-text index gives the
//! articles whose text has one of the entity's names or aliases as a
//! phrase, and each one's stored entities (corrections applied) say
//! whether it mentions that entity: an entity of the same kind whose
//! name, or an alias that is not merely part of its name, is one of the
//! watched entity's (up to spelling variants).

use std::cmp::Reverse;
use std::collections::HashSet;

use rayon::prelude::*;
use rusqlite::{OptionalExtension, params};

use super::SqliteLibrary;
use crate::corpus::ArticleId;
use crate::entities::{Entity, EntityKind, fold};
use crate::library::{LibraryError, WATCH_LOOKUP, codec, entity_table, watched_hit};
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

/// A stored entity blob ([`codec`]'s layout) read in place, without
/// copying a string or decoding the mentions.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Scan<'a> {
    fn num(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn string(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.num()?).ok()?;
        let s = std::str::from_utf8(self.bytes.get(self.at..self.at.checked_add(n)?)?).ok()?;
        self.at += n;
        Some(s)
    }

    fn skip(&mut self, nums_each: u64) -> Option<()> {
        let n = self.num()?;
        for _ in 0..n.checked_mul(nums_each)? {
            self.num()?;
        }
        Some(())
    }

    /// Calls `f` with (kind code, name, aliases) of each entity until it
    /// says true; true if it did. A damaged blob ends the scan.
    fn any(mut self, mut f: impl FnMut(u64, &'a str, &[&'a str]) -> bool) -> bool {
        let mut aliases = Vec::new();
        let Some(count) = self.num() else { return false };
        for _ in 0..count {
            let (Some(kind), Some(name), Some(n)) = (self.num(), self.string(), self.num()) else {
                return false;
            };
            aliases.clear();
            for _ in 0..n {
                let Some(a) = self.string() else { return false };
                aliases.push(a);
            }
            if self.skip(2).is_none() || self.skip(1).is_none() {
                return false;
            }
            if f(kind, name, &aliases) {
                return true;
            }
        }
        false
    }
}

fn kind_code(k: EntityKind) -> u64 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
    }
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

    /// The corpus entity a watch on `name` of `kind` follows, as
    /// [`crate::library::entity_articles`] finds it in memory. Entities
    /// named so (their name's key first in their keys) rank first in a
    /// lookup, by mentions (counted up to 99,999 there) then id, so they are
    /// read alone; otherwise the lookup over every entity decides.
    fn watched_entity(&self, name: &str, kind: EntityKind) -> Result<Option<usize>, LibraryError> {
        let key = fold::key(name);
        if key.is_empty() {
            return Ok(None);
        }
        let prefix = format!("[[{},", serde_json::to_string(&key).unwrap_or_default());
        let named: Vec<(i64, i64)> = self
            .conn
            .prepare_cached("SELECT id, mentions FROM entity WHERE kind = ?1 AND instr(keys, ?2) = 1")
            .and_then(|mut stmt| {
                stmt.query_map(params![kind_code(kind) as i64, prefix], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(|e| self.err(e))?;
        if let Some((id, _)) = named.into_iter().min_by_key(|&(id, m)| (Reverse(m.clamp(0, 99_999)), id)) {
            return Ok(usize::try_from(id).ok());
        }
        let names = entity_table::names(&self.conn).map_err(|e| self.err(e))?;
        let hits = self.stored_hits(&names, name, WATCH_LOOKUP)?;
        Ok(watched_hit(&hits, name, kind).map(|h| h.id))
    }

    /// The ids of the listed articles at `positions` (ascending), from the
    /// index on positions alone: sought one by one when they are few, else
    /// read in one pass of that index.
    fn ids_at(&self, positions: &[usize]) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        let mut out = Vec::with_capacity(positions.len());
        let err = |e| self.err(e);
        if positions.len() < self.len / 32 {
            let mut stmt =
                self.conn.prepare_cached("SELECT aid FROM articles WHERE pos = ?1").map_err(err)?;
            for &p in positions {
                let aid: Option<String> = stmt.query_row([p as i64], |r| r.get(0)).optional().map_err(err)?;
                out.extend(aid.map(|a| (p, ArticleId(a))));
            }
            return Ok(out);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT pos, aid FROM articles WHERE pos IS NOT NULL ORDER BY pos")
            .map_err(err)?;
        let mut rows = stmt.query([]).map_err(err)?;
        let mut wanted = positions.iter().copied().peekable();
        while wanted.peek().is_some() {
            let Some(r) = rows.next().map_err(err)? else { break };
            let Ok(pos) = usize::try_from(r.get::<_, i64>(0).map_err(err)?) else { continue };
            while wanted.next_if(|&w| w < pos).is_some() {}
            if wanted.next_if_eq(&pos).is_some() {
                out.push((pos, ArticleId(r.get(1).map_err(err)?)));
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
        if entity_table::is_fresh(&self.conn, &self.corrections).map_err(|e| self.err(e))? {
            let Some(id) = self.watched_entity(name, kind)? else { return Ok(Vec::new()) };
            let mut positions: Vec<usize> = entity_table::postings(&self.conn, id)
                .map_err(|e| self.err(e))?
                .into_iter()
                .map(|(p, _)| p)
                .filter(|&p| p < self.len)
                .collect();
            positions.sort_unstable();
            positions.dedup();
            return self.ids_at(&positions);
        }
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
        // Without corrections, the blob is read in place: an entity of the
        // kind named as one of the watched names settles it; otherwise the
        // entities of the kind are folded to compare spelling variants and
        // aliases (a short form never identifies an entity).
        let code = kind_code(kind);
        let spelled: Vec<&str> = std::iter::once(name).chain(aliases.iter().map(String::as_str)).collect();
        let in_place = |blob: &[u8]| {
            let scan = || Scan { bytes: blob, at: 0 };
            let same = |s: &str| spelled.iter().any(|w| w.eq_ignore_ascii_case(s));
            scan().any(|k, n, _| k == code && same(n))
                || scan().any(|k, n, a| {
                    k == code
                        && identifying_keys(n, a.iter().map(|x| x.to_string()).collect::<Vec<_>>().iter())
                            .iter()
                            .any(|key| keys.contains(key))
                })
        };
        let corrections = &self.corrections;
        let plain = corrections.is_empty();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.pos, a.aid, a.entities FROM fts JOIN articles a ON a.id = fts.rowid
                 WHERE fts MATCH ?1 AND a.pos IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query(params![expr]).map_err(|e| self.err(e))?;
        let mut candidates: Vec<(i64, String, Vec<u8>)> = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = |e| self.err(e);
            candidates.push((r.get(0).map_err(get)?, r.get(1).map_err(get)?, r.get(2).map_err(get)?));
        }
        let out = candidates
            .into_par_iter()
            .filter(|(_, _, blob)| {
                if plain {
                    in_place(blob)
                } else {
                    corrections.apply(codec::decode(blob).unwrap_or_default()).iter().any(mentions)
                }
            })
            .filter_map(|(pos, aid, _)| usize::try_from(pos).ok().map(|p| (p, ArticleId(aid))))
            .collect();
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
