//! Views of the catalog from the index's SQL indexes, at any depth.
//!
//! Every sort has an index on (sort key, `pos`), so a view is read in
//! order without sorting, and every condition a view has is on columns
//! that index holds: the dates, and the ids it names turned into list
//! positions once ([`load_ids`]). Rows skipped to reach a page are then
//! index entries only, never table rows. A page past the middle of a view
//! is read from the end backwards (the index in reverse), so `G` costs
//! what the first page costs; the row an article is on is counted, in
//! two index ranges, from its sort key ([`row_of`]). A view's count is
//! kept for the connection until the ids or the index change.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value};

use super::{CatalogQuery, Ids, Listed, Sort};
use crate::corpus::{ArticleId, Origin};
use crate::library::Row;

/// How the index shows a file: its path for this run and its section.
pub(in crate::library) type ShownPaths = std::collections::HashMap<i64, (String, Option<String>)>;

/// Pages this deep or less are read forwards whatever the view's length
/// (no count needed).
const SHALLOW: usize = 4096;

/// A fingerprint of a set of ids, whatever their order.
pub(super) fn fingerprint(set: &HashSet<String>) -> i64 {
    let mixed = set.iter().fold(0u64, |acc, id| acc ^ xxhash_rust::xxh3::xxh3_64(id.as_bytes()));
    (mixed ^ (set.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) as i64
}

/// Changes whenever another connection committed (an update).
fn data_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "data_version", |r| r.get(0))
}

/// The positions of the loaded ids: each id looked up by its index (the
/// ids drive: CROSS JOIN), never the catalog scanned to probe them.
const FILL_POSITIONS: &str = "INSERT OR IGNORE INTO temp.catalog_pos(pos)
     SELECT a.pos FROM temp.catalog_ids t CROSS JOIN articles a ON a.aid = t.aid WHERE +a.pos IS NOT NULL";
/// The position of one id added (`+pos`: by the id's index, not a range
/// of positions).
const ADD_POSITION: &str = "INSERT OR IGNORE INTO temp.catalog_pos(pos) SELECT a.pos FROM articles a WHERE a.aid = ?1 AND +a.pos IS NOT NULL";

/// The ids a view names, in temporary tables of this connection: the ids
/// (`catalog_ids`) and the list positions of the listed ones
/// (`catalog_pos`), which every sort index holds. They are kept while the
/// next view names the same set (a page after a page, a count after a
/// page); a set that changed by a few ids (one more article read) changes
/// by those; an update reloads them (positions move).
pub(super) fn load_ids(conn: &Connection, ids: &Ids) -> rusqlite::Result<()> {
    let set = match ids {
        Ids::All => return Ok(()),
        Ids::Only(s) | Ids::Except(s) => s,
    };
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS catalog_ids(aid TEXT PRIMARY KEY) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS catalog_pos(pos INTEGER PRIMARY KEY);
         CREATE TEMP TABLE IF NOT EXISTS catalog_ids_key(k INTEGER NOT NULL, v INTEGER NOT NULL);",
    )?;
    let key = fingerprint(set);
    let version = data_version(conn)?;
    let loaded: Option<(i64, i64)> = conn
        .query_row("SELECT k, v FROM temp.catalog_ids_key", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if loaded == Some((key, version)) {
        return Ok(());
    }
    conn.execute_batch("SAVEPOINT catalog_ids")?;
    let filled = (|| {
        let kept: HashSet<String> = match loaded {
            Some((_, v)) if v == version => {
                let mut stmt = conn.prepare("SELECT aid FROM temp.catalog_ids")?;
                stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?
            }
            _ => HashSet::new(),
        };
        let gone: Vec<&String> = kept.difference(set).collect();
        let new: Vec<&String> = set.difference(&kept).collect();
        if kept.is_empty() || gone.len() + new.len() > set.len() {
            conn.execute_batch("DELETE FROM temp.catalog_ids; DELETE FROM temp.catalog_pos;")?;
            let mut stmt = conn.prepare_cached("INSERT OR IGNORE INTO temp.catalog_ids(aid) VALUES (?1)")?;
            for id in set {
                stmt.execute([id])?;
            }
            conn.execute(FILL_POSITIONS, [])?;
        } else {
            let mut forget = conn.prepare_cached("DELETE FROM temp.catalog_ids WHERE aid = ?1")?;
            let mut forget_pos = conn.prepare_cached(
                "DELETE FROM temp.catalog_pos WHERE pos IN (SELECT pos FROM articles WHERE aid = ?1)",
            )?;
            for id in gone {
                forget.execute([id])?;
                forget_pos.execute([id])?;
            }
            let mut add = conn.prepare_cached("INSERT OR IGNORE INTO temp.catalog_ids(aid) VALUES (?1)")?;
            let mut add_pos = conn.prepare_cached(ADD_POSITION)?;
            for id in new {
                add.execute([id])?;
                add_pos.execute([id])?;
            }
        }
        conn.execute("DELETE FROM temp.catalog_ids_key", [])?;
        conn.execute("INSERT INTO temp.catalog_ids_key(k, v) VALUES (?1, ?2)", [key, version])
    })();
    match filled {
        Ok(_) => conn.execute_batch("RELEASE catalog_ids"),
        Err(e) => {
            let _ = conn.execute_batch(
                "ROLLBACK TO catalog_ids; RELEASE catalog_ids; DELETE FROM temp.catalog_ids_key;",
            );
            Err(e)
        }
    }
}

/// Appends a value and names its parameter.
fn param(values: &mut Vec<Value>, v: Value) -> String {
    values.push(v);
    format!("?{}", values.len())
}

/// The WHERE clause of a view (dates and ids) and its values.
fn filter_sql(q: &CatalogQuery) -> (String, Vec<Value>) {
    let mut sql = String::from("a.pos IS NOT NULL");
    let mut values = Vec::new();
    if let Some(s) = q.since {
        sql.push_str(&format!(" AND a.published_at >= {}", param(&mut values, Value::Integer(s))));
    }
    if let Some(u) = q.until {
        sql.push_str(&format!(" AND a.published_at <= {}", param(&mut values, Value::Integer(u))));
    }
    if let Ids::Except(_) = q.ids {
        sql.push_str(" AND a.pos NOT IN (SELECT pos FROM temp.catalog_pos)");
    }
    (sql, values)
}

/// The FROM clause. A few ids to keep drive the query (CROSS JOIN: the
/// positions first, each looked up by its index), rather than a scan of
/// the whole catalog probing each row against them.
fn from_sql(ids: &Ids) -> &'static str {
    match ids {
        Ids::Only(_) => "temp.catalog_pos t CROSS JOIN articles a ON a.pos = t.pos",
        Ids::All | Ids::Except(_) => "articles a",
    }
}

/// Each sort's order, forwards and backwards (the same index either way).
fn order_sql(sort: Sort, backwards: bool) -> &'static str {
    match (sort, backwards) {
        (Sort::List, false) => "a.pos",
        (Sort::List, true) => "a.pos DESC",
        (Sort::Date, false) => "a.published_at DESC, a.pos",
        (Sort::Date, true) => "a.published_at ASC, a.pos DESC",
        (Sort::Title, false) => "a.title COLLATE NOCASE, a.pos",
        (Sort::Title, true) => "a.title COLLATE NOCASE DESC, a.pos DESC",
        (Sort::Source, false) => "a.source IS NULL, a.source COLLATE NOCASE, a.pos",
        (Sort::Source, true) => "a.source IS NULL DESC, a.source COLLATE NOCASE DESC, a.pos DESC",
        (Sort::Words, false) => "a.words DESC, a.pos",
        (Sort::Words, true) => "a.words ASC, a.pos DESC",
    }
}

/// The SQL of a view read in order (or backwards, from its end) and its
/// values (the ids must be loaded first: [`load_ids`]).
pub(super) fn view_sql(q: &CatalogQuery, backwards: bool) -> (String, Vec<Value>) {
    let (sql, mut values) = filter_sql(q);
    let from = from_sql(&q.ids);
    let order = order_sql(q.sort, backwards);
    let mut full = format!(
        "SELECT a.pos, a.aid, a.title, a.source, a.dateline, a.file, a.line, a.words, a.url, a.published,
                a.published_at
         FROM {from} WHERE {sql} ORDER BY {order}"
    );
    if q.limit.is_some() || q.offset > 0 {
        let limit =
            param(&mut values, Value::Integer(q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX))));
        let offset = param(&mut values, Value::Integer(i64::try_from(q.offset).unwrap_or(i64::MAX)));
        full.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
    }
    (full, values)
}

fn listed(r: &rusqlite::Row, files: &ShownPaths) -> rusqlite::Result<Listed> {
    let file: i64 = r.get(5)?;
    let (path, section) = files.get(&file).cloned().unwrap_or_default();
    Ok(Listed {
        index: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(usize::MAX),
        row: Row {
            id: ArticleId(r.get(1)?),
            title: r.get(2)?,
            source: r.get(3)?,
            dateline: r.get(4)?,
            section,
            origin: Origin { path, line: r.get::<_, Option<i64>>(6)?.and_then(|l| usize::try_from(l).ok()) },
            words: usize::try_from(r.get::<_, i64>(7)?).unwrap_or(0),
            url: r.get(8)?,
            published: r.get(9)?,
            published_at: r.get(10)?,
        },
    })
}

fn stream(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    backwards: bool,
    f: &mut dyn FnMut(Listed) -> bool,
) -> rusqlite::Result<()> {
    let (full, values) = view_sql(q, backwards);
    let mut stmt = conn.prepare_cached(&full)?;
    let mut rows = stmt.query(params_from_iter(values))?;
    while let Some(r) = rows.next()? {
        if !f(listed(r, files)?) {
            break;
        }
    }
    Ok(())
}

/// Streams the view from the index to `f` (which returns `false` to stop).
/// A page nearer the end than the start is read backwards from the end.
pub(in crate::library) fn visit(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    f: &mut dyn FnMut(Listed) -> bool,
) -> rusqlite::Result<()> {
    visit_from(conn, files, q, SHALLOW, f)
}

/// [`visit`], reading backwards pages deeper than `shallow`.
fn visit_from(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    shallow: usize,
    f: &mut dyn FnMut(Listed) -> bool,
) -> rusqlite::Result<()> {
    load_ids(conn, &q.ids)?;
    if let Some(limit) = q.limit
        && q.offset > shallow
    {
        let total = count(conn, q)?;
        let end = q.offset.saturating_add(limit).min(total);
        if q.offset >= end {
            return Ok(());
        }
        if total - end < q.offset {
            let back = CatalogQuery { offset: total - end, limit: Some(end - q.offset), ..q.clone() };
            let mut page = Vec::with_capacity(end - q.offset);
            stream(conn, files, &back, true, &mut |l| {
                page.push(l);
                true
            })?;
            for l in page.into_iter().rev() {
                if !f(l) {
                    break;
                }
            }
            return Ok(());
        }
    }
    stream(conn, files, q, false, f)
}

/// How many rows of the view meet `extra` too: a condition on `a`'s
/// columns whose parameters are `$1`, `$2`… for `extra_values`. With ids
/// to leave out, the count is the range's less those of the ids in it.
fn count_where(
    conn: &Connection,
    q: &CatalogQuery,
    extra: &str,
    extra_values: Vec<Value>,
) -> rusqlite::Result<i64> {
    let (mut sql, mut values) = filter_sql(&CatalogQuery { ids: Ids::All, ..q.clone() });
    if !extra.is_empty() {
        let mut extra = extra.to_string();
        for (k, v) in extra_values.into_iter().enumerate() {
            let name = param(&mut values, v);
            extra = extra.replace(&format!("${}", k + 1), &name);
        }
        sql.push_str(" AND ");
        sql.push_str(&extra);
    }
    let one = |from: &str| -> rusqlite::Result<i64> {
        conn.prepare_cached(&format!("SELECT count(*) FROM {from} WHERE {sql}"))?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))
    };
    Ok(match &q.ids {
        Ids::All => one("articles a")?,
        Ids::Only(_) => one(from_sql(&q.ids))?,
        Ids::Except(_) => one("articles a")? - one(from_sql(&Ids::Only(HashSet::new())))?,
    })
}

/// A key for a view's count: its dates and ids (not its order).
fn count_key(q: &CatalogQuery) -> i64 {
    let ids = match &q.ids {
        Ids::All => 0,
        Ids::Only(s) => fingerprint(s) ^ 1,
        Ids::Except(s) => fingerprint(s) ^ 2,
    };
    let text = format!("{:?}:{:?}:{ids}", q.since, q.until);
    xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as i64
}

/// How many articles the view holds (offset and limit aside), kept for
/// the connection until the index changes.
pub(in crate::library) fn count(conn: &Connection, q: &CatalogQuery) -> rusqlite::Result<usize> {
    load_ids(conn, &q.ids)?;
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS catalog_counts(k INTEGER PRIMARY KEY, v INTEGER NOT NULL, n INTEGER NOT NULL);",
    )?;
    let (key, version) = (count_key(q), data_version(conn)?);
    let kept: Option<i64> = conn
        .prepare_cached("SELECT n FROM temp.catalog_counts WHERE k = ?1 AND v = ?2")?
        .query_row([key, version], |r| r.get(0))
        .optional()?;
    let n = match kept {
        Some(n) => n,
        None => {
            let n = count_where(conn, q, "", Vec::new())?;
            conn.prepare_cached("INSERT OR REPLACE INTO temp.catalog_counts(k, v, n) VALUES (?1, ?2, ?3)")?
                .execute([key, version, n])?;
            n
        }
    };
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The rows strictly before the sort key (`value`, `pos`) in `sort`'s
/// order, as conditions that each read one range of the sort's index: a
/// sort value before `value`, and `value` itself with a smaller position.
fn before(sort: Sort, value: Value, pos: i64) -> Vec<(String, Vec<Value>)> {
    let p = Value::Integer(pos);
    let null = matches!(value, Value::Null);
    match sort {
        Sort::List => vec![("a.pos < $1".into(), vec![p])],
        Sort::Date if null => vec![
            ("a.published_at IS NOT NULL".into(), vec![]),
            ("a.published_at IS NULL AND a.pos < $1".into(), vec![p]),
        ],
        Sort::Date => vec![
            ("a.published_at > $1".into(), vec![value.clone()]),
            ("a.published_at = $1 AND a.pos < $2".into(), vec![value, p]),
        ],
        Sort::Title => vec![
            ("a.title COLLATE NOCASE < $1".into(), vec![value.clone()]),
            ("a.title COLLATE NOCASE = $1 AND a.pos < $2".into(), vec![value, p]),
        ],
        Sort::Source if null => vec![
            ("(a.source IS NULL) = 0".into(), vec![]),
            ("(a.source IS NULL) = 1 AND a.pos < $1".into(), vec![p]),
        ],
        Sort::Source => vec![
            ("(a.source IS NULL) = 0 AND a.source COLLATE NOCASE < $1".into(), vec![value.clone()]),
            ("(a.source IS NULL) = 0 AND a.source COLLATE NOCASE = $1 AND a.pos < $2".into(), vec![value, p]),
        ],
        Sort::Words => vec![
            ("a.words > $1".into(), vec![value.clone()]),
            ("a.words = $1 AND a.pos < $2".into(), vec![value, p]),
        ],
    }
}

/// The row of the view the article at list position `index` is on, if
/// the view holds it: the rows before its sort key, counted.
pub(in crate::library) fn row_of(
    conn: &Connection,
    q: &CatalogQuery,
    index: usize,
) -> rusqlite::Result<Option<usize>> {
    load_ids(conn, &q.ids)?;
    let Ok(pos) = i64::try_from(index) else { return Ok(None) };
    let column = match q.sort {
        Sort::List => "NULL",
        Sort::Date => "a.published_at",
        Sort::Title => "a.title",
        Sort::Source => "a.source",
        Sort::Words => "a.words",
    };
    // The article itself, if the view holds it.
    let (filter, mut values) = filter_sql(q);
    let at = param(&mut values, Value::Integer(pos));
    let value: Option<Value> = conn
        .prepare_cached(&format!(
            "SELECT {column} FROM {} WHERE {filter} AND a.pos = {at}",
            from_sql(&q.ids)
        ))?
        .query_row(params_from_iter(values), |r| r.get(0))
        .optional()?;
    let Some(value) = value else { return Ok(None) };
    let mut row = 0;
    for (extra, values) in before(q.sort, value, pos) {
        row += count_where(conn, q, &extra, values)?;
    }
    Ok(usize::try_from(row).ok())
}

#[cfg(test)]
mod tests {
    use super::super::select_rows;
    use super::*;

    /// The index's schema with `n` articles whose sort keys tie, repeat
    /// and are missing in every way a view meets.
    fn catalog(n: usize) -> (Connection, Vec<Row>) {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(crate::library::schema::SCHEMA).unwrap();
        let mut rows = Vec::new();
        for i in 0..n {
            let title = ["alpha", "Beta", "beta", "gamma", "Alpha", "delta"][i % 6].to_string()
                + &(i % 4).to_string();
            let source = (i % 5 != 0).then(|| ["Zed", "amber", "Mid"][i % 3].to_string());
            let published_at = (i % 7 != 0).then(|| 1_700_000_000 + ((i * 37) % 11) as i64 * 86_400);
            let row = Row {
                id: ArticleId(format!("{i:012x}")),
                title,
                source,
                dateline: None,
                section: None,
                origin: Origin { path: String::new(), line: None },
                words: (i * 13) % 9,
                url: None,
                published: published_at.map(|t| t.to_string()),
                published_at,
            };
            conn.execute(
                "INSERT INTO articles(file, aid, title, source, published, published_at, words, pos, entities)
                 VALUES (0, ?1, ?2, ?3, ?4, ?5, ?6, ?7, x'')",
                rusqlite::params![
                    row.id.0,
                    row.title,
                    row.source,
                    row.published,
                    row.published_at,
                    row.words as i64,
                    i as i64
                ],
            )
            .unwrap();
            rows.push(row);
        }
        (conn, rows)
    }

    fn indices(conn: &Connection, q: &CatalogQuery, shallow: usize) -> Vec<usize> {
        let mut out = Vec::new();
        visit_from(conn, &ShownPaths::new(), q, shallow, &mut |l| {
            out.push(l.index);
            true
        })
        .unwrap();
        out
    }

    #[test]
    fn pages_read_backwards_and_rows_counted_agree_with_the_memory_view() {
        let (conn, rows) = catalog(240);
        let set =
            |step: usize| -> HashSet<String> { rows.iter().step_by(step).map(|r| r.id.0.clone()).collect() };
        let mut views = Vec::new();
        for sort in [Sort::List, Sort::Date, Sort::Title, Sort::Source, Sort::Words] {
            for ids in [Ids::All, Ids::Except(set(3)), Ids::Only(set(4))] {
                for (since, until) in
                    [(None, None), (Some(1_700_000_000 + 3 * 86_400), Some(1_700_000_000 + 8 * 86_400))]
                {
                    views.push(CatalogQuery {
                        sort,
                        ids: ids.clone(),
                        since,
                        until,
                        ..CatalogQuery::default()
                    });
                }
            }
        }
        for q in views {
            let whole: Vec<usize> = select_rows(rows.clone(), &q).into_iter().map(|l| l.index).collect();
            assert_eq!(count(&conn, &q).unwrap(), whole.len(), "{q:?}");
            for offset in
                [0, 1, 7, whole.len() / 2, whole.len().saturating_sub(9), whole.len(), whole.len() + 3]
            {
                for limit in [1, 10, 1000] {
                    let page = CatalogQuery { offset, limit: Some(limit), ..q.clone() };
                    let want: Vec<usize> = whole.iter().copied().skip(offset).take(limit).collect();
                    assert_eq!(indices(&conn, &page, 0), want, "{page:?}");
                }
            }
            for index in 0..rows.len() {
                let want = whole.iter().position(|&i| i == index);
                assert_eq!(row_of(&conn, &q, index).unwrap(), want, "{q:?} article {index}");
            }
        }
    }

    /// How SQLite would run a query on the index's schema.
    fn plan_of(conn: &Connection, sql: &str, values: Vec<Value>) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(params_from_iter(values), |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    fn plan(q: &CatalogQuery, backwards: bool) -> String {
        let (conn, _) = catalog(0);
        load_ids(&conn, &q.ids).unwrap();
        let (sql, values) = view_sql(q, backwards);
        plan_of(&conn, &sql, values)
    }

    #[test]
    fn every_view_reads_an_index_in_order_and_never_sorts_the_catalog() {
        let few: HashSet<String> = ["a".to_string()].into();
        for sort in [Sort::List, Sort::Date, Sort::Title, Sort::Source, Sort::Words] {
            for ids in [Ids::All, Ids::Except(few.clone())] {
                for backwards in [false, true] {
                    let q =
                        CatalogQuery { sort, ids: ids.clone(), limit: Some(50), ..CatalogQuery::default() };
                    let p = plan(&q, backwards);
                    assert!(!p.contains("TEMP B-TREE"), "{sort:?} backwards {backwards}: {p}");
                    assert!(p.contains("USING INDEX") || p.contains("USING COVERING INDEX"), "{sort:?}: {p}");
                    // The ids left out are positions: no row of the catalog read to test one.
                    assert!(!p.contains("catalog_ids"), "{p}");
                }
            }
        }
        let q = CatalogQuery { sort: Sort::Date, since: Some(0), until: Some(1), ..CatalogQuery::default() };
        assert!(
            plan(&q, false).contains("articles_by_date (published_at>? AND published_at<?)"),
            "{}",
            plan(&q, false)
        );
        // The ids are turned into positions by their index, one by one.
        let (conn, _) = catalog(0);
        load_ids(&conn, &Ids::Only(few.clone())).unwrap();
        for sql in [FILL_POSITIONS, ADD_POSITION] {
            let p = plan_of(&conn, sql, vec![Value::Text("a".into())][..sql.matches("?1").count()].to_vec());
            assert!(p.contains("SEARCH a USING INDEX articles_aid (aid=?)"), "{sql}: {p}");
        }
        // A few flagged ids: looked up one by one, then sorted (they are few).
        let p = plan(&CatalogQuery { ids: Ids::Only(few), ..CatalogQuery::default() }, false);
        assert!(p.starts_with("SCAN t"), "{p}");
    }

    #[test]
    fn the_rows_before_an_article_are_counted_from_index_ranges() {
        let (conn, _) = catalog(0);
        for sort in [Sort::List, Sort::Date, Sort::Title, Sort::Source, Sort::Words] {
            for value in [Value::Null, Value::Integer(3), Value::Text("m".into())] {
                if matches!((sort, &value), (Sort::Title, Value::Null)) {
                    continue;
                }
                for (extra, extra_values) in before(sort, value.clone(), 5) {
                    let (mut sql, mut values) = filter_sql(&CatalogQuery::default());
                    let mut extra = extra.clone();
                    for (k, v) in extra_values.into_iter().enumerate() {
                        let name = param(&mut values, v);
                        extra = extra.replace(&format!("${}", k + 1), &name);
                    }
                    sql = format!("SELECT count(*) FROM articles a WHERE {sql} AND {extra}");
                    let p = plan_of(&conn, &sql, values);
                    assert!(p.contains("SEARCH a USING COVERING INDEX"), "{sort:?} {extra}: {p}");
                }
            }
        }
    }

    #[test]
    fn a_changed_id_set_is_loaded_again_and_by_its_changes() {
        let (conn, rows) = catalog(6);
        let ids_in = |conn: &Connection| -> (Vec<String>, Vec<i64>) {
            let mut stmt = conn.prepare("SELECT aid FROM temp.catalog_ids ORDER BY aid").unwrap();
            let ids = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
            let mut stmt = conn.prepare("SELECT pos FROM temp.catalog_pos ORDER BY pos").unwrap();
            (ids, stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect())
        };
        let id = |i: usize| rows[i].id.0.clone();
        let set = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<HashSet<String>>();
        let (a, b, c) = (id(1), id(2), id(4));
        load_ids(&conn, &Ids::Except(set(&[&a, &b, "not listed"]))).unwrap();
        load_ids(&conn, &Ids::Only(set(&[&b, &a, "not listed"]))).unwrap();
        assert_eq!(ids_in(&conn).1, [1, 2]);
        load_ids(&conn, &Ids::Only(set(&[&a, &c, &b, "not listed"]))).unwrap();
        assert_eq!(ids_in(&conn).1, [1, 2, 4], "one added");
        load_ids(&conn, &Ids::Only(set(&[&a, &c]))).unwrap();
        assert_eq!(ids_in(&conn), (vec![a.clone(), c.clone()], vec![1, 4]), "two gone");
        load_ids(&conn, &Ids::Only(HashSet::new())).unwrap();
        assert_eq!(ids_in(&conn), (vec![], vec![]));
        assert_ne!(fingerprint(&set(&["a", "b"])), fingerprint(&set(&["a"])));
        assert_ne!(fingerprint(&HashSet::new()), fingerprint(&set(&[""])));
    }
}
