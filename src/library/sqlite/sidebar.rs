//! What the reading room's sidebar asks of the stored entity table: the
//! corpus entity of each entity of one article (its `members` row) and how
//! many articles name each (their `entity` rows). A handful of indexed
//! reads, whatever the size of the corpus.

use rusqlite::OptionalExtension;

use super::SqliteLibrary;
use crate::library::{InCorpus, LibraryError, entity_table};

impl SqliteLibrary {
    /// [`crate::library::Library::in_corpus`] over the entity table.
    pub(super) fn in_corpus_of(&self, article: usize) -> Result<Vec<InCorpus>, LibraryError> {
        self.prepare_entities()?;
        let members = entity_table::members(&self.conn, article).map_err(|e| self.err(e))?;
        let mut stmt =
            self.conn.prepare_cached("SELECT articles FROM entity WHERE id = ?1").map_err(|e| self.err(e))?;
        members
            .0
            .iter()
            .map(|&(id, _)| {
                let articles: Option<i64> =
                    stmt.query_row([i64::from(id)], |r| r.get(0)).optional().map_err(|e| self.err(e))?;
                Ok(InCorpus { id: id as usize, articles: articles.unwrap_or(0).max(0) as usize })
            })
            .collect()
    }
}
