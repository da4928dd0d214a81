//! Sorted, filtered views of the catalog: by date (newest first, undated
//! last), title, source or length; between two instants; only or except
//! some articles (the flagged ones, the ones not read). The reading state
//! lives in the notes store, so the caller says which ids; the library
//! only selects.
//!
//! The index answers from SQL indexes and streams the rows, so the first
//! page of a million-article corpus costs what a page costs; the in-memory
//! library sorts and filters its rows (the same order, ties in list order).

use std::cmp::Ordering;
use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value};

use super::Row;
use crate::corpus::dates::newest_first;
use crate::corpus::{ArticleId, Origin};

/// How a view is ordered. Ties keep list order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// The list order (corpus order).
    #[default]
    List,
    /// Newest first; articles whose date is unknown or unreadable last.
    Date,
    /// By title, ignoring ASCII case.
    Title,
    /// By source, ignoring ASCII case; articles without one last.
    Source,
    /// Longest first.
    Words,
}

impl Sort {
    /// The names `--sort` takes.
    pub const NAMES: [&str; 5] = ["list", "date", "title", "source", "words"];

    pub fn name(self) -> &'static str {
        match self {
            Sort::List => "list",
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Source => "source",
            Sort::Words => "words",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "list" => Ok(Sort::List),
            "date" => Ok(Sort::Date),
            "title" => Ok(Sort::Title),
            "source" => Ok(Sort::Source),
            "words" | "length" => Ok(Sort::Words),
            _ => Err(format!(
                "unknown sort '{}': use {}",
                crate::corpus::sanitize::sanitize_label(s),
                Sort::NAMES.join(", ")
            )),
        }
    }
}

/// Which articles by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Ids {
    #[default]
    All,
    /// Only these (e.g. the flagged).
    Only(HashSet<String>),
    /// All but these (e.g. the unread: all but the read).
    Except(HashSet<String>),
}

impl Ids {
    fn keeps(&self, id: &ArticleId) -> bool {
        match self {
            Ids::All => true,
            Ids::Only(set) => set.contains(id.as_str()),
            Ids::Except(set) => !set.contains(id.as_str()),
        }
    }
}

/// A view of the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogQuery {
    pub sort: Sort,
    /// Published at or after (Unix seconds); undated articles are left out.
    pub since: Option<i64>,
    /// Published at or before (Unix seconds); undated articles are left out.
    pub until: Option<i64>,
    pub ids: Ids,
    /// Rows to skip, and at most how many to give.
    pub offset: usize,
    pub limit: Option<usize>,
}

/// One row of a view, with its place in the list order (0-based: the
/// number `rroom show` takes is `index + 1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub index: usize,
    pub row: Row,
}

fn nocase(a: &str, b: &str) -> Ordering {
    // SQLite's NOCASE: ASCII letters folded, everything else by bytes.
    a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
}

fn order(sort: Sort, a: &Listed, b: &Listed) -> Ordering {
    let (x, y) = (&a.row, &b.row);
    let by = match sort {
        Sort::List => Ordering::Equal,
        Sort::Date => newest_first(x.published_at, y.published_at),
        Sort::Title => nocase(&x.title, &y.title),
        Sort::Source => match (&x.source, &y.source) {
            (Some(p), Some(q)) => nocase(p, q),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        Sort::Words => y.words.cmp(&x.words),
    };
    by.then(a.index.cmp(&b.index))
}

fn in_range(q: &CatalogQuery, at: Option<i64>) -> bool {
    if q.since.is_none() && q.until.is_none() {
        return true;
    }
    at.is_some_and(|t| q.since.is_none_or(|s| t >= s) && q.until.is_none_or(|u| t <= u))
}

/// The view of rows in list order, in memory.
pub fn select_rows(rows: Vec<Row>, q: &CatalogQuery) -> Vec<Listed> {
    let mut listed: Vec<Listed> = rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| Listed { index, row })
        .filter(|l| in_range(q, l.row.published_at) && q.ids.keeps(&l.row.id))
        .collect();
    if q.sort != Sort::List {
        listed.sort_by(|a, b| order(q.sort, a, b));
    }
    let end = q.limit.map_or(listed.len(), |l| q.offset.saturating_add(l).min(listed.len()));
    let start = q.offset.min(end);
    listed.truncate(end);
    listed.drain(..start);
    listed
}

/// The SQL of a view: the WHERE clause (without the ids) and its values.
fn filter_sql(q: &CatalogQuery) -> (String, Vec<Value>) {
    let mut sql = String::from("a.pos IS NOT NULL");
    let mut values = Vec::new();
    if let Some(s) = q.since {
        values.push(Value::Integer(s));
        sql.push_str(&format!(" AND a.published_at >= ?{}", values.len()));
    }
    if let Some(u) = q.until {
        values.push(Value::Integer(u));
        sql.push_str(&format!(" AND a.published_at <= ?{}", values.len()));
    }
    (sql, values)
}

const ORDER_BY: [(Sort, &str); 5] = [
    (Sort::List, "a.pos"),
    (Sort::Date, "a.published_at DESC, a.pos"),
    (Sort::Title, "a.title COLLATE NOCASE, a.pos"),
    (Sort::Source, "a.source IS NULL, a.source COLLATE NOCASE, a.pos"),
    (Sort::Words, "a.words DESC, a.pos"),
];

/// A fingerprint of a set of ids, whatever their order.
fn fingerprint(set: &HashSet<String>) -> i64 {
    let mixed = set.iter().fold(0u64, |acc, id| acc ^ xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
    (mixed ^ (set.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) as i64
}

/// The ids a view names, in a temporary table of this connection; kept
/// while the next view names the same set (a page after a page, a count
/// after a page), so only a changed set is loaded again.
fn load_ids(conn: &Connection, ids: &Ids) -> rusqlite::Result<()> {
    let set = match ids {
        Ids::All => return Ok(()),
        Ids::Only(s) | Ids::Except(s) => s,
    };
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS catalog_ids(aid TEXT PRIMARY KEY) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS catalog_ids_key(k INTEGER NOT NULL);",
    )?;
    let key = fingerprint(set);
    let loaded: Option<i64> =
        conn.query_row("SELECT k FROM temp.catalog_ids_key", [], |r| r.get(0)).optional()?;
    if loaded == Some(key) {
        return Ok(());
    }
    conn.execute_batch(
        "SAVEPOINT catalog_ids; DELETE FROM temp.catalog_ids; DELETE FROM temp.catalog_ids_key;",
    )?;
    let filled = (|| {
        let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO temp.catalog_ids(aid) VALUES (?1)")?;
        for id in set {
            stmt.execute([id])?;
        }
        conn.execute("INSERT INTO temp.catalog_ids_key(k) VALUES (?1)", [key])
    })();
    match filled {
        Ok(_) => conn.execute_batch("RELEASE catalog_ids"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK TO catalog_ids; RELEASE catalog_ids");
            Err(e)
        }
    }
}

/// The FROM clause and the condition on ids. A few ids to keep drive the
/// query (CROSS JOIN: the ids first, each looked up by its index), rather
/// than a scan of the whole catalog probing each row against them.
fn from_sql(ids: &Ids) -> (&'static str, &'static str) {
    match ids {
        Ids::All => ("articles a", ""),
        Ids::Only(_) => ("temp.catalog_ids t CROSS JOIN articles a ON a.aid = t.aid", ""),
        Ids::Except(_) => ("articles a", " AND a.aid NOT IN (SELECT aid FROM temp.catalog_ids)"),
    }
}

/// How the index shows a file: its path for this run and its section.
pub(super) type ShownPaths = std::collections::HashMap<i64, (String, Option<String>)>;

/// The SQL of a view and its values (the ids must be in the temporary
/// table first: [`load_ids`]).
fn view_sql(q: &CatalogQuery) -> (String, Vec<Value>) {
    let (mut sql, mut values) = filter_sql(q);
    let (from, ids) = from_sql(&q.ids);
    sql.push_str(ids);
    let order = ORDER_BY.iter().find(|(s, _)| *s == q.sort).map_or("a.pos", |(_, o)| o);
    let mut full = format!(
        "SELECT a.pos, a.aid, a.title, a.source, a.dateline, a.file, a.line, a.words, a.url, a.published,
                a.published_at
         FROM {from} WHERE {sql} ORDER BY {order}"
    );
    if q.limit.is_some() || q.offset > 0 {
        values.push(Value::Integer(q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX))));
        values.push(Value::Integer(i64::try_from(q.offset).unwrap_or(i64::MAX)));
        full.push_str(&format!(" LIMIT ?{} OFFSET ?{}", values.len() - 1, values.len()));
    }
    (full, values)
}

/// Streams the view from the index to `f` (which returns `false` to stop).
pub(super) fn visit(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    f: &mut dyn FnMut(Listed) -> bool,
) -> rusqlite::Result<()> {
    load_ids(conn, &q.ids)?;
    let (full, values) = view_sql(q);
    let mut stmt = conn.prepare(&full)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        let file: i64 = r.get(5)?;
        let (path, section) = files.get(&file).cloned().unwrap_or_default();
        let listed = Listed {
            index: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(usize::MAX),
            row: Row {
                id: ArticleId(r.get(1)?),
                title: r.get(2)?,
                source: r.get(3)?,
                dateline: r.get(4)?,
                section,
                origin: Origin {
                    path,
                    line: r.get::<_, Option<i64>>(6)?.and_then(|l| usize::try_from(l).ok()),
                },
                words: usize::try_from(r.get::<_, i64>(7)?).unwrap_or(0),
                url: r.get(8)?,
                published: r.get(9)?,
                published_at: r.get(10)?,
            },
        };
        if !f(listed) {
            break;
        }
    }
    Ok(())
}

/// How many articles the view holds (offset and limit aside). With ids to
/// leave out, the count is the range's less those of the ids in it, so a
/// few read articles never make it a scan of the whole catalog.
pub(super) fn count(conn: &Connection, q: &CatalogQuery) -> rusqlite::Result<usize> {
    load_ids(conn, &q.ids)?;
    let (sql, values) = filter_sql(q);
    let count = |ids: &Ids| -> rusqlite::Result<i64> {
        let (from, extra) = from_sql(ids);
        conn.query_row(
            &format!("SELECT count(*) FROM {from} WHERE {sql}{extra}"),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )
    };
    let n = match &q.ids {
        Ids::All => count(&Ids::All)?,
        Ids::Only(_) => count(&q.ids)?,
        Ids::Except(_) => count(&Ids::All)? - count(&Ids::Only(HashSet::new()))?,
    };
    Ok(usize::try_from(n).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, title: &str, source: Option<&str>, words: usize, published: Option<&str>) -> Row {
        Row {
            id: ArticleId(id.into()),
            title: title.into(),
            source: source.map(str::to_string),
            dateline: None,
            section: None,
            origin: Origin { path: format!("{id}.txt"), line: None },
            words,
            url: None,
            published: published.map(str::to_string),
            published_at: published.and_then(crate::corpus::dates::parse),
        }
    }

    fn rows() -> Vec<Row> {
        vec![
            row("a", "beta", Some("Zed"), 10, Some("2025-03-01")),
            row("b", "Alpha", None, 30, Some("not a date")),
            row("c", "gamma", Some("amber"), 20, Some("March 9, 2025")),
            row("d", "alpha", Some("Mid"), 30, None),
        ]
    }

    fn ids(q: &CatalogQuery) -> Vec<String> {
        select_rows(rows(), q).into_iter().map(|l| l.row.id.0).collect()
    }

    #[test]
    fn sorts_keep_list_order_for_ties_and_put_unknowns_last() {
        let q = |sort| CatalogQuery { sort, ..CatalogQuery::default() };
        assert_eq!(ids(&q(Sort::List)), ["a", "b", "c", "d"]);
        assert_eq!(ids(&q(Sort::Date)), ["c", "a", "b", "d"]);
        assert_eq!(ids(&q(Sort::Title)), ["b", "d", "a", "c"]);
        assert_eq!(ids(&q(Sort::Source)), ["c", "d", "a", "b"]);
        assert_eq!(ids(&q(Sort::Words)), ["b", "d", "c", "a"]);
    }

    /// How SQLite would run a view on the index's schema.
    fn plan(q: &CatalogQuery) -> String {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(super::super::schema::SCHEMA).unwrap();
        load_ids(&conn, &q.ids).unwrap();
        let (sql, values) = view_sql(q);
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(params_from_iter(values), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn every_view_reads_an_index_in_order_and_never_sorts_the_catalog() {
        let few: HashSet<String> = ["a".to_string()].into();
        for sort in [Sort::List, Sort::Date, Sort::Title, Sort::Source, Sort::Words] {
            for ids in [Ids::All, Ids::Except(few.clone())] {
                let q = CatalogQuery { sort, ids, limit: Some(50), ..CatalogQuery::default() };
                let p = plan(&q);
                assert!(!p.contains("TEMP B-TREE"), "{sort:?}: {p}");
                assert!(p.contains("USING INDEX") || p.contains("USING COVERING INDEX"), "{sort:?}: {p}");
            }
        }
        let q = CatalogQuery { sort: Sort::Date, since: Some(0), until: Some(1), ..CatalogQuery::default() };
        assert!(plan(&q).contains("articles_by_date (published_at>? AND published_at<?)"), "{}", plan(&q));
        // A few flagged ids: looked up one by one, then sorted (they are few).
        let p = plan(&CatalogQuery { ids: Ids::Only(few), ..CatalogQuery::default() });
        assert!(p.starts_with("SCAN t"), "{p}");
    }

    #[test]
    fn date_ranges_ids_and_pages() {
        let march5 = crate::corpus::dates::parse("2025-03-05");
        let q = CatalogQuery { since: march5, ..CatalogQuery::default() };
        assert_eq!(ids(&q), ["c"]);
        let q = CatalogQuery { until: march5, ..CatalogQuery::default() };
        assert_eq!(ids(&q), ["a"]);
        let read: HashSet<String> = ["a".to_string(), "c".to_string()].into();
        let q = CatalogQuery { ids: Ids::Except(read.clone()), ..CatalogQuery::default() };
        assert_eq!(ids(&q), ["b", "d"]);
        let q = CatalogQuery { ids: Ids::Only(read), sort: Sort::Date, ..CatalogQuery::default() };
        assert_eq!(ids(&q), ["c", "a"]);
        let q = CatalogQuery { sort: Sort::Title, offset: 1, limit: Some(2), ..CatalogQuery::default() };
        assert_eq!(ids(&q), ["d", "a"]);
        let q = CatalogQuery { offset: 9, limit: Some(2), ..CatalogQuery::default() };
        assert!(ids(&q).is_empty());
        assert_eq!(select_rows(rows(), &CatalogQuery::default())[3].index, 3);
    }

    #[test]
    fn a_changed_id_set_is_loaded_again() {
        let conn = Connection::open_in_memory().unwrap();
        let ids_in = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn.prepare("SELECT aid FROM temp.catalog_ids ORDER BY aid").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<HashSet<String>>();
        load_ids(&conn, &Ids::Except(set(&["a", "b"]))).unwrap();
        load_ids(&conn, &Ids::Only(set(&["b", "a"]))).unwrap();
        assert_eq!(ids_in(&conn), ["a", "b"]);
        load_ids(&conn, &Ids::Only(set(&["a"]))).unwrap();
        assert_eq!(ids_in(&conn), ["a"]);
        load_ids(&conn, &Ids::Only(HashSet::new())).unwrap();
        assert!(ids_in(&conn).is_empty());
        assert_ne!(fingerprint(&set(&["a", "b"])), fingerprint(&set(&["a"])));
        assert_ne!(fingerprint(&HashSet::new()), fingerprint(&set(&[""])));
    }
}
