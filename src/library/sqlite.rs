//! The library over the SQLite index: opened (and brought up to date) by
//! [`SqliteLibrary::open`], then every question answered from the catalog,
//! the stored entities and the FTS5 index, with article text read back from
//! the source files for the articles shown.

mod entities;
mod matches;
mod sidebar;
mod text;

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, params};

use super::cooccur::{self, BothIn, Cooccurrence};
use super::open::{self, WriteLock};
use super::read_back::{self, Place};
use super::update::{self, Progress, Report, full_path};
use super::{
    CatalogQuery, EntityArticles, Library, LibraryError, Listed, Row, TitleMatches, catalog_query, codec,
    entity_table, find_reference, top_articles,
};
use crate::corpus::formats::Format;
use crate::corpus::{Article, ArticleId, LoadNote, LoadOptions, LookupError, Origin, display_path};
use crate::entities::index::{RESOLVE_HITS, resolve_hits};
use crate::entities::{CorpusIndex, Corrections, Entity, QueryMatch};
use crate::search::fulltext::fts5_expression;
use crate::search::{Finder, Query, TextHit};

/// What `rroom index --stats` shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Stats {
    pub path: String,
    pub files: usize,
    pub articles: usize,
    pub entities: usize,
    pub bytes_on_disk: u64,
    /// Seconds since 1970 of the last update that changed something.
    pub last_update: Option<i64>,
}

/// How to open a library.
pub struct OpenOptions<'a> {
    pub load: LoadOptions,
    pub corrections: Corrections,
    /// Delete the index first.
    pub rebuild: bool,
    /// Told once when another process holds the index and this one waits.
    pub waiting: &'a dyn Fn(),
    /// Told a one-line notice (a rebuilt index).
    pub notice: &'a dyn Fn(&str),
}

pub struct SqliteLibrary {
    conn: Connection,
    path: PathBuf,
    roots: Vec<PathBuf>,
    corrections: Corrections,
    len: usize,
    walk_notes: Vec<LoadNote>,
    /// The entity table is made for these corrections (checked once).
    entities_ready: OnceCell<()>,
}

fn format_of(code: i64) -> Format {
    match code {
        1 => Format::Markdown,
        2 => Format::Html,
        3 => Format::Jsonl,
        _ => Format::Text,
    }
}

impl SqliteLibrary {
    /// Opens the index at `path` for the corpus `roots` and brings it up to
    /// date (only what changed is read), holding the write lock meanwhile.
    pub fn open(
        path: &Path,
        roots: Vec<PathBuf>,
        options: OpenOptions,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(SqliteLibrary, Report), LibraryError> {
        let lock = WriteLock::take(path, options.waiting)?;
        if options.rebuild {
            open::remove(path).map_err(|error| LibraryError::Dir { path: path.to_path_buf(), error })?;
        }
        let (mut conn, notice) = open::open(path)?;
        if let Some(n) = notice {
            (options.notice)(&n);
        }
        let mut first = open::is_new(&conn);
        let report = match update::update(&mut conn, path, &roots, &options.load, progress) {
            Err(e) if e.is_damage() => {
                (options.notice)("the index was damaged: rebuilding it (nothing is lost: it is a cache)");
                drop(conn);
                conn = open::rebuild(path)?;
                first = true;
                update::update(&mut conn, path, &roots, &options.load, progress)?
            }
            other => other?,
        };
        if first && report.articles_indexed > 0 {
            progress(&Progress {
                files_done: report.files,
                files_total: report.files,
                articles: report.articles_indexed,
                compacting: true,
                ..Progress::default()
            });
            open::compact(&conn);
        }
        drop(lock);
        let walk_notes = report.walk_notes.clone();
        Ok((SqliteLibrary::over(conn, path, roots, options.corrections, walk_notes)?, report))
    }

    fn over(
        conn: Connection,
        path: &Path,
        roots: Vec<PathBuf>,
        corrections: Corrections,
        walk_notes: Vec<LoadNote>,
    ) -> Result<SqliteLibrary, LibraryError> {
        let err = |e| LibraryError::sqlite(path, e);
        let listed: Option<i64> = conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [update::LISTED_KEY], |r| r.get(0))
            .optional()
            .map_err(err)?;
        let len = match listed {
            Some(n) => n,
            None => conn
                .query_row("SELECT count(*) FROM articles WHERE pos IS NOT NULL", [], |r| r.get(0))
                .map_err(err)?,
        };
        Ok(SqliteLibrary {
            conn,
            path: path.to_path_buf(),
            roots,
            corrections,
            len: usize::try_from(len).unwrap_or(0),
            walk_notes,
            entities_ready: OnceCell::new(),
        })
    }

    /// The index as its last complete update left it, not brought up to
    /// date: for when an update could not finish (a full disk). An update
    /// stopped half-way leaves the list of the last complete one (articles
    /// replaced meanwhile say so when read). `None` if no update of this
    /// index ever completed.
    pub fn open_last_complete(
        path: &Path,
        roots: Vec<PathBuf>,
        corrections: Corrections,
    ) -> Result<Option<SqliteLibrary>, LibraryError> {
        let (conn, _) = open::open(path)?;
        let updated: Option<i64> = conn
            .query_row("SELECT value FROM meta WHERE key = 'updated'", [], |r| r.get(0))
            .optional()
            .map_err(|e| LibraryError::sqlite(path, e))?;
        if updated.is_none() {
            return Ok(None);
        }
        Ok(Some(SqliteLibrary::over(conn, path, roots, corrections, Vec::new())?))
    }

    /// Brings the index at `path` up to date and closes it, telling only
    /// `progress` (for a caller that reports on its own: the reading room's
    /// updater, which then reads it through [`SqliteLibrary::reader`]).
    pub fn bring_up_to_date(
        path: &Path,
        roots: Vec<PathBuf>,
        load: LoadOptions,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Report, LibraryError> {
        let options = OpenOptions {
            load,
            corrections: Corrections::default(),
            rebuild: false,
            waiting: &|| {},
            notice: &|_| {},
        };
        SqliteLibrary::open(path, roots, options, progress).map(|(_, report)| report)
    }

    /// Opens the index at `path` as it is, without bringing it up to date
    /// and without the write lock: another handle reads it while an update
    /// runs (WAL: readers see the last commit). `None` when there is no
    /// usable index yet (none, another version's, or damaged: the update
    /// rebuilds it).
    pub fn reader(
        path: &Path,
        roots: Vec<PathBuf>,
        corrections: Corrections,
    ) -> Result<Option<SqliteLibrary>, LibraryError> {
        let Some(conn) = open::open_reader(path)? else { return Ok(None) };
        // The list positions are 0..len: the largest is found in the index
        // at once, where counting a million rows is not.
        let len: i64 =
            match conn.query_row("SELECT max(pos) + 1 FROM articles", [], |r| r.get::<_, Option<i64>>(0)) {
                Ok(n) => n.unwrap_or(0),
                Err(_) => return Ok(None),
            };
        Ok(Some(SqliteLibrary {
            conn,
            path: path.to_path_buf(),
            roots,
            corrections,
            len: len as usize,
            walk_notes: Vec::new(),
            entities_ready: OnceCell::new(),
        }))
    }

    fn err(&self, e: rusqlite::Error) -> LibraryError {
        LibraryError::sqlite(&self.path, e)
    }

    /// The file paths of the index, shown as this run names them.
    fn shown_paths(&self) -> Result<HashMap<i64, (String, Option<String>)>, LibraryError> {
        let mut stmt =
            self.conn.prepare("SELECT id, root, rel, section FROM files").map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Vec<u8>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, root, rel, section) = row.map_err(|e| self.err(e))?;
            let shown = full_path(&self.roots, root, &rel).map(|p| display_path(&p)).unwrap_or_default();
            // The folder name as the loader shows it (see `Article::build`).
            let section = section
                .map(|s: String| crate::corpus::sanitize::sanitize_label(&s))
                .filter(|s| !s.is_empty());
            out.insert(id, (shown, section));
        }
        Ok(out)
    }

    /// The catalog's figures.
    pub fn stats(&self) -> Result<Stats, LibraryError> {
        let files: i64 =
            self.conn.query_row("SELECT count(*) FROM files", [], |r| r.get(0)).map_err(|e| self.err(e))?;
        let last_update: Option<i64> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'updated'", [], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        let mut bytes = 0;
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.as_os_str().to_os_string();
            p.push(suffix);
            bytes += std::fs::metadata(PathBuf::from(p)).map(|m| m.len()).unwrap_or(0);
        }
        Ok(Stats {
            path: display_path(&self.path),
            files: files as usize,
            articles: self.len,
            entities: {
                self.prepare_entities()?;
                entity_table::count(&self.conn).map_err(|e| self.err(e))?
            },
            bytes_on_disk: bytes,
            last_update,
        })
    }

    /// Where the index file is.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// The columns a catalog [`Row`] is made of, as [`row_from`] reads them
/// (as [`Library::rows`] does).
const ROW_COLUMNS: &str = "aid, title, source, dateline, file, line, words, url, published, published_at";

fn row_from(r: &rusqlite::Row, files: &HashMap<i64, (String, Option<String>)>) -> rusqlite::Result<Row> {
    let file: i64 = r.get(4)?;
    let (path, section) = files.get(&file).cloned().unwrap_or_default();
    row_at(r, path, section)
}

/// A [`Row`] from the [`ROW_COLUMNS`] of `r`, its file's path and section given.
fn row_at(r: &rusqlite::Row, path: String, section: Option<String>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: ArticleId(r.get(0)?),
        title: r.get(1)?,
        source: r.get(2)?,
        dateline: r.get(3)?,
        section,
        origin: Origin { path, line: r.get::<_, Option<i64>>(5)?.map(|l| l as usize) },
        words: r.get::<_, i64>(6)? as usize,
        url: r.get(7)?,
        published: r.get(8)?,
        published_at: r.get(9)?,
    })
}

impl Library for SqliteLibrary {
    fn len(&self) -> usize {
        self.len
    }

    fn rows(&self) -> Result<Vec<Row>, LibraryError> {
        let files = self.shown_paths()?;
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {ROW_COLUMNS} FROM articles WHERE pos IS NOT NULL ORDER BY pos"))
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], |r| row_from(r, &files)).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    fn visit(&self, query: &CatalogQuery, f: &mut dyn FnMut(Listed) -> bool) -> Result<(), LibraryError> {
        let files = self.shown_paths()?;
        catalog_query::visit(&self.conn, &files, query, f).map_err(|e| self.err(e))
    }

    fn count(&self, query: &CatalogQuery) -> Result<usize, LibraryError> {
        catalog_query::count(&self.conn, query).map_err(|e| self.err(e))
    }

    fn row_of(&self, query: &CatalogQuery, index: usize) -> Result<Option<usize>, LibraryError> {
        catalog_query::row_of(&self.conn, query, index).map_err(|e| self.err(e))
    }

    fn titles_in(&self, range: std::ops::Range<usize>) -> Result<Vec<super::Titled>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT title, source, dateline FROM articles WHERE pos >= ?1 AND pos < ?2 ORDER BY pos",
            )
            .map_err(|e| self.err(e))?;
        let start = i64::try_from(range.start).unwrap_or(i64::MAX);
        let end = i64::try_from(range.end).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![start, end], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    fn rows_in(&self, range: std::ops::Range<usize>) -> Result<Vec<Row>, LibraryError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.aid, a.title, a.source, a.dateline, a.file, a.line, a.words, a.url, a.published,
                        a.published_at, f.root, f.rel, f.section
                 FROM articles a JOIN files f ON a.file = f.id
                 WHERE a.pos >= ?1 AND a.pos < ?2 ORDER BY a.pos",
            )
            .map_err(|e| self.err(e))?;
        let start = i64::try_from(range.start).unwrap_or(i64::MAX);
        let end = i64::try_from(range.end).unwrap_or(i64::MAX);
        let rows = stmt
            .query_map(params![start, end], |r| {
                let rel: Vec<u8> = r.get(11)?;
                let path =
                    full_path(&self.roots, r.get(10)?, &rel).map(|p| display_path(&p)).unwrap_or_default();
                let section = r
                    .get::<_, Option<String>>(12)?
                    .map(|s| crate::corpus::sanitize::sanitize_label(&s))
                    .filter(|s| !s.is_empty());
                row_at(r, path, section)
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    fn rows_of(&self, indices: &[usize]) -> Result<Vec<Row>, LibraryError> {
        let files = self.shown_paths()?;
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {ROW_COLUMNS} FROM articles WHERE pos = ?1"))
            .map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(indices.len());
        for &i in indices {
            let row =
                stmt.query_row([i as i64], |r| row_from(r, &files)).optional().map_err(|e| self.err(e))?;
            out.extend(row);
        }
        Ok(out)
    }

    fn find(&self, reference: &str) -> Result<usize, LookupError> {
        find_reference(reference, self.len, |prefix| {
            let upper = format!("{prefix}\u{10FFFF}");
            let Ok(mut stmt) = self.conn.prepare(
                "SELECT pos FROM articles WHERE aid >= ?1 AND aid < ?2 AND pos IS NOT NULL ORDER BY pos",
            ) else {
                return Vec::new();
            };
            stmt.query_map(params![prefix, upper], |r| r.get::<_, i64>(0))
                .map(|rows| rows.filter_map(Result::ok).map(|p| p as usize).collect())
                .unwrap_or_default()
        })
    }

    fn article(&self, index: usize) -> Result<Article, LibraryError> {
        let row = self
            .conn
            .query_row(
                "SELECT a.aid, a.line, a.offset, a.len, f.root, f.rel, f.format, f.section
                 FROM articles a JOIN files f ON a.file = f.id WHERE a.pos = ?1",
                [index as i64],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<i64>>(1)?,
                        r.get::<_, Option<i64>>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, i64>(4)?,
                        r.get::<_, Vec<u8>>(5)?,
                        r.get::<_, i64>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| LookupError::NotFound(format!("article number {}", index + 1)))?;
        let (aid, line, offset, len, root, rel, format, section) = row;
        let path = full_path(&self.roots, root, &rel).ok_or_else(|| LibraryError::Source {
            path: String::from_utf8_lossy(&rel).into_owned(),
            reason: "not a file of this corpus".into(),
        })?;
        let range = match (offset, len) {
            (Some(o), Some(l)) if o >= 0 && l >= 0 => Some(o as usize..(o + l) as usize),
            _ => None,
        };
        let place = Place { format: format_of(format), section, line: line.map(|l| l as usize), range };
        let article = read_back::read(&path, &place)?;
        if article.id.as_str() != aid {
            return Err(LibraryError::Source {
                path: display_path(&path),
                reason: "it changed since it was indexed".into(),
            });
        }
        Ok(article)
    }

    fn entities_of(&self, index: usize) -> Result<Vec<Entity>, LibraryError> {
        let blob: Vec<u8> = self
            .conn
            .query_row("SELECT entities FROM articles WHERE pos = ?1", [index as i64], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?
            .ok_or_else(|| LookupError::NotFound(format!("article number {}", index + 1)))?;
        Ok(self.corrections.apply(codec::decode(&blob).unwrap_or_default()))
    }

    fn in_corpus(&self, article: usize) -> Result<Vec<super::InCorpus>, LibraryError> {
        self.in_corpus_of(article)
    }

    fn entity_index(&self) -> Result<CorpusIndex, LibraryError> {
        Ok(CorpusIndex::from_entities(self.all_entities()?))
    }

    fn resolve_entity(&self, query: &str) -> Result<QueryMatch, LibraryError> {
        let mut found = self.resolve_entities(&[query])?;
        Ok(found.pop().unwrap_or(QueryMatch::NotFound { suggestions: Vec::new() }))
    }

    fn resolve_entities(&self, queries: &[&str]) -> Result<Vec<QueryMatch>, LibraryError> {
        self.prepare_entities()?;
        let names = entity_table::names(&self.conn).map_err(|e| self.err(e))?;
        queries.iter().map(|q| Ok(resolve_hits(self.stored_hits(&names, q, RESOLVE_HITS)?))).collect()
    }

    fn entity_articles(&self, id: usize, limit: usize) -> Result<EntityArticles, LibraryError> {
        self.prepare_entities()?;
        let all = entity_table::postings(&self.conn, id).map_err(|e| self.err(e))?;
        Ok(top_articles(all, limit))
    }

    fn entity_mentions(&self, id: usize, article: usize) -> Result<Vec<Range<usize>>, LibraryError> {
        self.mentions_in_index(id, article)
    }

    fn cooccurring(&self, id: usize, limit: usize) -> Result<Vec<Cooccurrence>, LibraryError> {
        self.prepare_entities()?;
        entity_table::cooccurring(&self.conn, id, limit.min(cooccur::TOP)).map_err(|e| self.err(e))
    }

    fn articles_with_both(&self, a: usize, b: usize) -> Result<Vec<BothIn>, LibraryError> {
        self.prepare_entities()?;
        let mut both = entity_table::articles_with_both(&self.conn, a, b).map_err(|e| self.err(e))?;
        cooccur::order_both(&mut both);
        Ok(both)
    }

    fn find_titles(&self, query: &str) -> Result<TitleMatches, LibraryError> {
        let mut finder = Finder::new(Arc::new(self.title_index()?));
        let (hits, total) = finder.search(query, usize::MAX);
        Ok(TitleMatches { hits, total, cut: finder.cut() })
    }

    fn full_text(&self, query: &Query, limit: usize) -> Result<(Vec<TextHit>, usize), LibraryError> {
        self.ranked_full_text(query, limit)
    }

    fn text_has(&self, index: usize, query: &Query) -> Result<bool, LibraryError> {
        let Some(expr) = fts5_expression(query) else { return Ok(false) };
        let found = self
            .conn
            .query_row(
                "SELECT 1 FROM fts WHERE fts MATCH ?1 AND rowid = (SELECT id FROM articles WHERE pos = ?2)",
                params![expr, index as i64],
                |_| Ok(()),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(found.is_some())
    }

    fn text_matches(&self, query: &Query) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        self.text_matches_in_index(query)
    }

    fn entity_matches(
        &self,
        name: &str,
        kind: crate::entities::EntityKind,
        aliases: &[String],
    ) -> Result<Vec<(usize, ArticleId)>, LibraryError> {
        self.entity_matches_in_index(name, kind, aliases)
    }

    fn groups(&self) -> Result<crate::dedup::Groups, LibraryError> {
        super::groups::read(&self.conn, self.len).map_err(|e| self.err(e))
    }

    fn another(&self) -> Option<Box<dyn Library + Send>> {
        let reader = SqliteLibrary::reader(&self.path, self.roots.clone(), self.corrections.clone());
        reader.ok().flatten().map(|l| Box::new(l) as Box<dyn Library + Send>)
    }

    fn summary_lines(&self) -> Vec<String> {
        let mut notes = self.walk_notes.clone();
        let files = self.shown_paths().unwrap_or_default();
        if let Ok(mut stmt) =
            self.conn.prepare("SELECT id, notes FROM files WHERE notes IS NOT NULL ORDER BY ord")
        {
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)));
            for (id, json) in rows.into_iter().flatten().flatten() {
                let list: Vec<(u8, String)> = serde_json::from_str(&json).unwrap_or_default();
                let path = files.get(&id).map(|f| f.0.clone()).unwrap_or_default();
                notes.extend(list.into_iter().map(|(s, message)| LoadNote {
                    path: path.clone(),
                    severity: update::severity_of(s),
                    message,
                }));
            }
        }
        let dups: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [update::DUPLICATES_KEY], |r| r.get(0))
            .optional()
            .ok()
            .flatten();
        let dups: Vec<(String, String)> =
            dups.and_then(|d| serde_json::from_str(&d).ok()).unwrap_or_default();
        notes.extend(dups.into_iter().map(|(path, message)| LoadNote {
            path,
            severity: crate::corpus::Severity::Duplicate,
            message,
        }));
        crate::corpus::summary_lines(&notes, self.len)
    }
}
