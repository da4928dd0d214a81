//! Text questions of the index: the finder's titles (with their cache
//! beside the index) and ranked full-text search.

use rusqlite::{OptionalExtension, params};

use super::SqliteLibrary;
use crate::library::{Library, LibraryError};
use crate::search::fulltext::{fts5_expression, hit_in};
use crate::search::{Query, TextHit, TitleIndex, titles};

impl SqliteLibrary {
    /// What the finder searches: from the side file beside the index
    /// (`.titles`, a cache written on first use: a million titles load from
    /// it several times faster than from the catalog) when it was written
    /// for the catalog as it is now, else from the catalog.
    pub(super) fn title_index(&self) -> Result<TitleIndex, LibraryError> {
        let key = self.titles_key()?;
        let side = self.path.with_extension("titles");
        if let Some(index) = titles::read_file(&side, key) {
            return Ok(index);
        }
        // Only what the finder reads, borrowed from SQLite's row buffers.
        let mut stmt = self
            .conn
            .prepare("SELECT title, source, dateline FROM articles WHERE pos IS NOT NULL ORDER BY pos")
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut index = TitleIndex::with_capacity(self.len);
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let title = r.get_ref(0).and_then(|v| Ok(v.as_str()?)).map_err(|e| self.err(e))?;
            let source = r.get_ref(1).and_then(|v| Ok(v.as_str_or_null()?)).map_err(|e| self.err(e))?;
            let dateline = r.get_ref(2).and_then(|v| Ok(v.as_str_or_null()?)).map_err(|e| self.err(e))?;
            index.push(title, source, dateline);
        }
        let index = index.finish();
        // A cache: when it cannot be written, the next search reads the catalog again.
        let _ = titles::write_file(&side, &index, key);
        Ok(index)
    }

    /// What the titles depend on: the files indexed (each seen with its
    /// size, time and hash, its place and how it was read), the articles
    /// listed, the last update, this rroom. Another key, another side file.
    fn titles_key(&self) -> Result<u64, LibraryError> {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(&(self.len as u64).to_le_bytes());
        let updated: Option<i64> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'updated'", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?
            .flatten();
        h.update(&updated.unwrap_or(-1).to_le_bytes());
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, root, ord, format, size, mtime, hash, line_mode, lines, rel, section
                 FROM files ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            for i in 0..9 {
                let v: i64 = r.get(i).map_err(|e| self.err(e))?;
                h.update(&v.to_le_bytes());
            }
            for i in 9..11 {
                let bytes = match r.get_ref(i).map_err(|e| self.err(e))? {
                    rusqlite::types::ValueRef::Text(b) | rusqlite::types::ValueRef::Blob(b) => b,
                    _ => &[],
                };
                h.update(&(bytes.len() as u64).to_le_bytes());
                h.update(bytes);
            }
        }
        Ok(h.digest())
    }

    /// Full-text matches, best first (at most `limit`), and how many
    /// listed articles matched.
    pub(super) fn ranked_full_text(
        &self,
        query: &Query,
        limit: usize,
    ) -> Result<(Vec<TextHit>, usize), LibraryError> {
        let Some(expr) = fts5_expression(query) else { return Ok((Vec::new(), 0)) };
        // Counted on the full-text index alone: the few indexed articles
        // not in the list (copies of earlier ones, replaced ones still
        // being updated) are left out by id, without joining every match.
        let total: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM fts WHERE fts MATCH ?1
                 AND rowid NOT IN (SELECT id FROM articles WHERE pos IS NULL)",
                [&expr],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        // The best few by BM25, kept by a bounded sort inside SQLite; more
        // only if the text check turned too many away.
        let mut want = limit.saturating_mul(2).saturating_add(16);
        loop {
            let mut stmt = self
                .conn
                .prepare_cached(
                    "SELECT a.pos, r.rank FROM
                       (SELECT rowid, bm25(fts, 4.0, 1.0) AS rank FROM fts WHERE fts MATCH ?1
                        ORDER BY rank, rowid LIMIT ?2) r
                     JOIN articles a ON a.id = r.rowid
                     WHERE a.pos IS NOT NULL ORDER BY r.rank, a.pos",
                )
                .map_err(|e| self.err(e))?;
            let candidates: Vec<(i64, f64)> = stmt
                .query_map(params![expr, want as i64], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(|e| self.err(e))?
                .collect::<Result<_, _>>()
                .map_err(|e| self.err(e))?;
            // Every match seen once the bound passes the matches in the
            // list and out of it.
            let unlisted: i64 = self
                .conn
                .query_row("SELECT count(*) FROM articles WHERE pos IS NULL", [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            let exhausted = want as i64 >= total.saturating_add(unlisted);
            let mut hits = Vec::new();
            for (pos, rank) in &candidates {
                if hits.len() >= limit {
                    break;
                }
                // Checked on the text: FTS5 words are looser than the finder's.
                let article = self.article(*pos as usize)?;
                if let Some(hit) = hit_in(*pos as usize, &article, query, -rank) {
                    hits.push(hit);
                }
            }
            if hits.len() >= limit || exhausted {
                return Ok((hits, total as usize));
            }
            want = want.saturating_mul(4);
        }
    }
}
