//! Drafts: the editor's autosave, kept as durably as the notes. Each
//! session (one running reading room) has drafts of its own, so two
//! sessions writing a note on the same article never overwrite each other.

use super::{Store, StoreError};
use crate::notes::clock::now_ms;
use crate::notes::model::Draft;

impl Store {
    /// Saves (or replaces) `session`'s draft under `key`, as durably as a note.
    pub fn save_draft(&self, key: &str, session: &str, text: &str) -> Result<Draft, StoreError> {
        let now = now_ms();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO drafts (key, session, text, saved) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (key, session) DO UPDATE SET text = excluded.text, saved = excluded.saved",
                rusqlite::params![key, session, text, now],
            )
            .map_err(|e| self.sql(e))?;
            Ok(Draft {
                key: key.to_string(),
                session: session.to_string(),
                text: text.to_string(),
                saved: now,
            })
        })
    }

    /// Every session's drafts, most recently saved first.
    pub fn load_drafts(&self) -> Result<Vec<Draft>, StoreError> {
        let run = || -> rusqlite::Result<Vec<Draft>> {
            let conn = self.conn.borrow();
            let mut stmt = conn
                .prepare("SELECT key, session, text, saved FROM drafts ORDER BY saved DESC, key, session")?;
            let rows = stmt.query_map([], |r| {
                Ok(Draft { key: r.get(0)?, session: r.get(1)?, text: r.get(2)?, saved: r.get(3)? })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.sql(e))
    }

    /// Drops `session`'s draft under `key` (after its note was saved or
    /// abandoned); other sessions' drafts stay.
    pub fn clear_draft(&self, key: &str, session: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM drafts WHERE key = ?1 AND session = ?2", [key, session])
                .map_err(|e| self.sql(e))?;
            Ok(())
        })
    }
}
