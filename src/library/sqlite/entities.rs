//! The corpus-wide entity table as the library uses it: made (again) when
//! the list or the corrections changed, names ranked from its stored keys,
//! and an entity's mentions in one article.

use std::ops::Range;

use rayon::prelude::*;

use super::SqliteLibrary;
use crate::entities::index::{NameKeys, rank};
use crate::entities::{Entity, LookupHit};
use crate::library::open::WriteLock;
use crate::library::{Library, LibraryError, codec, entity_table};

impl SqliteLibrary {
    /// The stored entities of every listed article, in list order.
    pub(super) fn all_entities(&self) -> Result<Vec<Vec<Entity>>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare("SELECT entities FROM articles WHERE pos IS NOT NULL ORDER BY pos")
            .map_err(|e| self.err(e))?;
        let blobs: Vec<Vec<u8>> = stmt
            .query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        let corrections = &self.corrections;
        Ok(blobs.par_iter().map(|b| corrections.apply(codec::decode(b).unwrap_or_default())).collect())
    }

    /// The best `limit` entities for `query` in the stored names, ranked as
    /// [`CorpusIndex::lookup`] ranks them, with the names and aliases of
    /// those only read (their article lists are not).
    pub(crate) fn stored_hits(
        &self,
        names: &entity_table::names::StoredNames,
        query: &str,
        limit: usize,
    ) -> Result<Vec<LookupHit>, LibraryError> {
        rank(names, query, limit)
            .into_iter()
            .map(|(score, found, id)| {
                let (name, aliases) =
                    entity_table::shown(&self.conn, id).map_err(|e| self.err(e))?.unwrap_or_default();
                Ok(LookupHit { name, kind: names.kind(id), aliases, articles: Vec::new(), score, found, id })
            })
            .collect()
    }

    /// Makes the corpus-wide entity table if the list or the corrections
    /// changed since it was made ([`entity_table`]); a no-op otherwise.
    pub fn prepare_entities(&self) -> Result<(), LibraryError> {
        if self.entities_ready.get().is_some() {
            return Ok(());
        }
        if !entity_table::is_fresh(&self.conn, &self.corrections).map_err(|e| self.err(e))? {
            let _lock = WriteLock::take(&self.path, &|| {})?;
            if !entity_table::is_fresh(&self.conn, &self.corrections).map_err(|e| self.err(e))?
                && !entity_table::still_made(&self.conn, &self.corrections).map_err(|e| self.err(e))?
            {
                entity_table::build(&self.conn, &self.corrections).map_err(|e| self.err(e))?;
            }
        }
        let _ = self.entities_ready.set(());
        Ok(())
    }

    /// Makes the entity table again, whether or not it is up to date (what
    /// a changed list or new corrections cost); returns how many entities.
    pub fn remake_entities(&self) -> Result<usize, LibraryError> {
        let _lock = WriteLock::take(&self.path, &|| {})?;
        entity_table::build(&self.conn, &self.corrections).map_err(|e| self.err(e))
    }

    /// Where the corpus entity `id` is mentioned in the article at
    /// `article`: the mentions of its members there, in order.
    pub(super) fn mentions_in_index(
        &self,
        id: usize,
        article: usize,
    ) -> Result<Vec<Range<usize>>, LibraryError> {
        self.prepare_entities()?;
        let entities = self.entities_of(article)?;
        let members = entity_table::members(&self.conn, article).map_err(|e| self.err(e))?;
        let mut v: Vec<Range<usize>> = entities
            .iter()
            .zip(&members.0)
            .filter(|(_, (g, _))| *g as usize == id)
            .flat_map(|(e, _)| e.mentions.iter().cloned())
            .collect();
        v.sort_by_key(|r| r.start);
        Ok(v)
    }
}
