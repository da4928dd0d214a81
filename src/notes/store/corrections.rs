//! The analyst's corrections to the entity extractor, kept as durably as
//! the notes and applied in the order they were made.

use super::{Store, StoreError, conversion};
use crate::entities::Correction;
use crate::notes::clock::now_ms;

impl Store {
    /// The corrections to the entity extractor, in the order they were made
    /// (the order they apply in), with their ids.
    pub fn corrections(&self) -> Result<Vec<(i64, Correction)>, StoreError> {
        let run = || -> rusqlite::Result<Vec<(i64, Correction)>> {
            let conn = self.conn.borrow();
            let mut stmt = conn.prepare("SELECT id, kind, subject, target FROM corrections ORDER BY id")?;
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
}
