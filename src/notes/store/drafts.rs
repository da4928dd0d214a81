//! Drafts (the editor's autosave) and the analyst's corrections to the
//! entity extractor: small tables kept as durably as the notes.

use super::{Store, StoreError, conversion};
use crate::entities::Correction;
use crate::notes::clock::now_ms;
use crate::notes::model::Draft;

impl Store {
    /// Saves (or replaces) the draft under `key`, as durably as a note.
    pub fn save_draft(&self, key: &str, text: &str) -> Result<Draft, StoreError> {
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drafts (key, text, saved) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (key) DO UPDATE SET text = excluded.text, saved = excluded.saved",
                rusqlite::params![key, text, now],
            )
            .map_err(|e| self.sql(e))?;
            Ok(Draft { key: key.to_string(), text: text.to_string(), saved: now })
        })
    }

    /// Every draft, most recently saved first.
    pub fn load_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let run = || -> rusqlite::Result<Vec<Draft>> {
            let mut stmt =
                self.conn.prepare("SELECT key, text, saved FROM drafts ORDER BY saved DESC, key")?;
            let rows =
                stmt.query_map([], |r| Ok(Draft { key: r.get(0)?, text: r.get(1)?, saved: r.get(2)? }))?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// The corrections to the entity extractor, in the order they were made
    /// (the order they apply in), with their ids.
    pub fn corrections(&self) -> Result<Vec<(i64, Correction)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(i64, Correction)>> {
            let mut stmt =
                self.conn.prepare("SELECT id, kind, subject, target FROM corrections ORDER BY id")?;
            let rows = stmt.query_map([], |r| {
                let id: i64 = r.get(0)?;
                let kind: String = r.get(1)?;
                let subject: String = r.get(2)?;
                let target: Option<String> = r.get(3)?;
                let c = match (kind.as_str(), target) {
                    ("merge", Some(into)) => Correction::Merge { from: subject, into },
                    ("split", Some(from)) => Correction::Split { alias: subject, from },
                    ("hide", None) => Correction::Hide { name: subject },
                    (other, _) => return Err(conversion(1, format!("bad correction {other:?}"))),
                };
                Ok((id, c))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// Saves a correction (applied after those made before it); returns its
    /// id. On `Ok` it is on disk.
    pub fn add_correction(&self, c: &Correction) -> Result<i64, StoreError> {
        let (kind, subject, target) = match c {
            Correction::Merge { from, into } => ("merge", from.trim(), Some(into.trim())),
            Correction::Split { alias, from } => ("split", alias.trim(), Some(from.trim())),
            Correction::Hide { name } => ("hide", name.trim(), None),
        };
        if subject.is_empty() || target.is_some_and(str::is_empty) {
            return Err(StoreError::Invalid(format!("a {kind} correction needs the entities' names")));
        }
        if target.is_some_and(|t| t.to_lowercase() == subject.to_lowercase()) {
            return Err(StoreError::Invalid(format!("a {kind} correction needs two different names")));
        }
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO corrections (kind, subject, target, created) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![kind, subject, target, now],
            )
            .map_err(|e| self.sql(e))?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Withdraws a correction.
    pub fn remove_correction(&self, id: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            let n = tx.execute("DELETE FROM corrections WHERE id = ?1", [id]).map_err(|e| self.sql(e))?;
            if n == 0 {
                return Err(StoreError::NoCorrection(id));
            }
            Ok(())
        })
    }

    /// Drops the draft under `key` (after its note was saved or abandoned).
    pub fn clear_draft(&self, key: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE key = ?1", [key]).map_err(|e| self.sql(e))?;
            Ok(())
        })
    }
}
