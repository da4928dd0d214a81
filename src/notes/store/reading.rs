//! The analyst's reading state: which articles were read and which flagged
//! (and when), keyed by article id, so it survives re-indexing, a corpus
//! moved or renamed, and the index being deleted; and where the analyst
//! left off in each corpus (the article, its scroll position, the focused
//! pane, the list's filter and sort), for the reading room to reopen there.
//!
//! Times are unix milliseconds given by the caller (the clock is injected,
//! as tests need).

use std::collections::{HashMap, HashSet};

use rusqlite::OptionalExtension;

use super::{Store, StoreError};

/// A change of an article's reading state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Read,
    Unread,
    Flag,
    Unflag,
}

/// When an article was read and flagged (unix ms), if it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ReadingState {
    pub read: Option<i64>,
    pub flagged: Option<i64>,
}

/// Where the analyst left off in a corpus. The reading room decides what
/// the strings mean (a pane's name, the filter as typed, a sort's name);
/// the store keeps them as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOff {
    /// The article id.
    pub article: Option<String>,
    /// The reader's scroll position (lines from the top).
    pub scroll: u32,
    pub pane: Option<String>,
    pub filter: Option<String>,
    pub sort: Option<String>,
    /// When it was saved (unix ms).
    pub saved: i64,
}

impl Store {
    /// Marks articles read, unread, flagged or unflagged at `at` (unix ms).
    /// Marking read or flagged again keeps the first time. Returns how many
    /// articles changed.
    pub fn mark(&self, articles: &[&str], mark: Mark, at: i64) -> Result<usize, StoreError> {
        let ids: Vec<String> = articles.iter().map(|a| a.trim().to_ascii_lowercase()).collect();
        if let Some(bad) = ids.iter().find(|a| a.is_empty()) {
            return Err(StoreError::Invalid(format!("not an article id: {bad:?}")));
        }
        let (sql, timed) = match mark {
            Mark::Read => (
                "INSERT INTO reading (article, read) VALUES (?1, ?2)
                 ON CONFLICT (article) DO UPDATE SET read = ?2 WHERE read IS NULL",
                true,
            ),
            Mark::Flag => (
                "INSERT INTO reading (article, flagged) VALUES (?1, ?2)
                 ON CONFLICT (article) DO UPDATE SET flagged = ?2 WHERE flagged IS NULL",
                true,
            ),
            Mark::Unread => ("UPDATE reading SET read = NULL WHERE article = ?1 AND read IS NOT NULL", false),
            Mark::Unflag => {
                ("UPDATE reading SET flagged = NULL WHERE article = ?1 AND flagged IS NOT NULL", false)
            }
        };
        self.write(|tx| {
            let mut changed = 0;
            let mut stmt = tx.prepare_cached(sql).map_err(|e| self.sql(e))?;
            for id in &ids {
                let done = if timed {
                    stmt.execute(rusqlite::params![id, at])
                } else {
                    stmt.execute(rusqlite::params![id])
                };
                changed += done.map_err(|e| self.sql(e))?;
            }
            tx.execute("DELETE FROM reading WHERE read IS NULL AND flagged IS NULL", [])
                .map_err(|e| self.sql(e))?;
            Ok(changed)
        })
    }

    /// One article's reading state.
    pub fn reading_state(&self, article: &str) -> Result<ReadingState, StoreError> {
        let conn = self.conn.borrow();
        conn.query_row(
            "SELECT read, flagged FROM reading WHERE article = ?1",
            [article.trim().to_ascii_lowercase()],
            |r| Ok(ReadingState { read: r.get(0)?, flagged: r.get(1)? }),
        )
        .optional()
        .map(Option::unwrap_or_default)
        .map_err(|e| self.sql(e))
    }

    /// Every article with a reading state, by id.
    pub fn reading_states(&self) -> Result<HashMap<String, ReadingState>, StoreError> {
        let run = || -> rusqlite::Result<HashMap<String, ReadingState>> {
            let conn = self.conn.borrow();
            let mut stmt = conn.prepare("SELECT article, read, flagged FROM reading")?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, ReadingState { read: r.get(1)?, flagged: r.get(2)? })))?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// The ids of the articles read.
    pub fn read_ids(&self) -> Result<HashSet<String>, StoreError> {
        Ok(self.reading_states()?.into_iter().filter(|(_, s)| s.read.is_some()).map(|(id, _)| id).collect())
    }

    /// The ids of the articles flagged.
    pub fn flagged_ids(&self) -> Result<HashSet<String>, StoreError> {
        Ok(self
            .reading_states()?
            .into_iter()
            .filter(|(_, s)| s.flagged.is_some())
            .map(|(id, _)| id)
            .collect())
    }

    /// How many notes (not in the trash) each article has.
    pub fn note_counts(&self) -> Result<HashMap<String, usize>, StoreError> {
        let run = || -> rusqlite::Result<HashMap<String, usize>> {
            let conn = self.conn.borrow();
            let mut stmt =
                conn.prepare("SELECT article, count(*) FROM notes WHERE deleted IS NULL GROUP BY article")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get::<_, String>(0)?, usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0)))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// Where the analyst left off in `corpus` (a key the caller keeps
    /// stable for a corpus, such as its index file's name).
    pub fn left_off(&self, corpus: &str) -> Result<Option<LeftOff>, StoreError> {
        let conn = self.conn.borrow();
        conn.query_row(
            "SELECT article, scroll, pane, filter, sort, saved FROM left_off WHERE corpus = ?1",
            [corpus],
            |r| {
                Ok(LeftOff {
                    article: r.get(0)?,
                    scroll: u32::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                    pane: r.get(2)?,
                    filter: r.get(3)?,
                    sort: r.get(4)?,
                    saved: r.get(5)?,
                })
            },
        )
        .optional()
        .map_err(|e| self.sql(e))
    }

    /// Saves where the analyst left off in `corpus` (replacing what was).
    pub fn set_left_off(&self, corpus: &str, at: &LeftOff) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO left_off (corpus, article, scroll, pane, filter, sort, saved)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![corpus, at.article, at.scroll, at.pane, at.filter, at.sort, at.saved],
            )
            .map_err(|e| self.sql(e))?;
            Ok(())
        })
    }
}
