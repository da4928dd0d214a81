//! Views of the catalog from the index's SQL indexes, at any depth.
//!
//! Every sort has an index on (sort key, `pos`), so a view is read in
//! order without sorting, and every condition a view has is on columns
//! that index holds: the dates, and the ids it names turned into list
//! positions once ([`load_ids`]). Rows skipped to reach a page are then
//! index entries only, never table rows. A deep page is read from the
//! nearest place known: the end backwards (the index in reverse), so `G`
//! costs what the first page costs, or a row already read ([`keyset`]:
//! from its sort key), so paging on from anywhere costs a page. The row an
//! article is on is counted, in two index ranges, from its sort key
//! ([`row_of`]), and remembered. A view's count is kept for the
//! connection until the ids or the index change.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params_from_iter, types::Value};

use super::ids::{data_version, fingerprint, load_ids};
use super::{CatalogQuery, Ids, Listed, Sort, keyset};
use crate::corpus::{ArticleId, Origin};
use crate::library::Row;

/// How the index shows a file: its path for this run and its section.
pub(in crate::library) type ShownPaths = std::collections::HashMap<i64, (String, Option<String>)>;

/// Pages this deep or less are read forwards whatever the view's length
/// (no count needed).
const SHALLOW: usize = 4096;

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
    let mut full = format!("SELECT {COLUMNS} FROM {from} WHERE {sql} ORDER BY {order}");
    if q.limit.is_some() || q.offset > 0 {
        let limit =
            param(&mut values, Value::Integer(q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX))));
        let offset = param(&mut values, Value::Integer(i64::try_from(q.offset).unwrap_or(i64::MAX)));
        full.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
    }
    (full, values)
}

/// The columns of a row of a view ([`listed`]).
const COLUMNS: &str = "a.pos, a.aid, a.title, a.source, a.dateline, a.file, a.line, a.words, a.url, a.published, a.published_at";

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

/// [`visit`], reading pages deeper than `shallow` from the nearest
/// place known: the start, the end (backwards), or a row already read (an
/// anchor: from its sort key, forwards or backwards).
fn visit_from(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    shallow: usize,
    f: &mut dyn FnMut(Listed) -> bool,
) -> rusqlite::Result<()> {
    load_ids(conn, &q.ids)?;
    let Some(limit) = q.limit.filter(|_| q.offset > shallow) else {
        return stream(conn, files, q, false, f);
    };
    let total = count(conn, q)?;
    let (start, end) = (q.offset, q.offset.saturating_add(limit).min(total));
    if start >= end {
        return Ok(());
    }
    let key = anchor_key(conn, q)?;
    // A row of the page already known (where reopening put the cursor):
    // the page is read around it.
    if let Some(a) = keyset::inside(conn, key, start, end)? {
        let mut page = read_near(conn, files, q, &a, false, 0, a.row - start)?;
        page.extend(row_at(conn, files, q, a.pos)?);
        page.extend(read_near(conn, files, q, &a, true, 0, end - a.row - 1)?);
        if page.len() == end - start {
            keyset::remember(conn, key, &keyset::ends(q.sort, start, &page))?;
            for l in page {
                if !f(l) {
                    break;
                }
            }
            return Ok(());
        }
    }
    let (below, above) = keyset::nearest(conn, key, start.checked_sub(1), end)?;
    // Rows skipped from each place to the page.
    let from_start = start;
    let from_end = total - end;
    // A row read far away is no better than the start (its ranges are
    // counted to be skipped): only one near the page is read from.
    let near = |skipped: usize| if skipped <= shallow.max(SHALLOW) { skipped } else { usize::MAX };
    let from_below = below.as_ref().map_or(usize::MAX, |a| near(start - 1 - a.row));
    let from_above = above.as_ref().map_or(usize::MAX, |a| near(a.row - end));
    let fewest = from_start.min(from_end).min(from_below).min(from_above);
    let mut page = Vec::with_capacity(end - start);
    let mut keep = |l: Listed| {
        page.push(l);
        true
    };
    if fewest == from_start {
        stream(conn, files, q, false, &mut keep)?;
    } else if fewest == from_end {
        let back = CatalogQuery { offset: from_end, limit: Some(end - start), ..q.clone() };
        stream(conn, files, &back, true, &mut keep)?;
        page.reverse();
    } else if let (true, Some(a)) = (fewest == from_below, &below) {
        page = read_near(conn, files, q, a, true, from_below, end - start)?;
    } else if let Some(a) = &above {
        page = read_near(conn, files, q, a, false, from_above, end - start)?;
    }
    keyset::remember(conn, key, &keyset::ends(q.sort, start, &page))?;
    for l in page {
        if !f(l) {
            break;
        }
    }
    Ok(())
}

/// `take` rows of the view next to an anchor: after its key (`forward`)
/// or before it, past the `skip` nearest; in the view's order.
fn read_near(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    anchor: &keyset::Anchor,
    forward: bool,
    skip: usize,
    take: usize,
) -> rusqlite::Result<Vec<Listed>> {
    let segments = if forward {
        keyset::after(q.sort, anchor.value.clone(), anchor.pos)
    } else {
        keyset::before(q.sort, anchor.value.clone(), anchor.pos)
    };
    // Rows skipped are skipped in SQL (index entries, never table rows):
    // a range with fewer rows than are left to skip is passed whole.
    let mut skip = skip;
    let mut page = Vec::with_capacity(take);
    for s in segments {
        if page.len() >= take {
            break;
        }
        let (mut sql, mut values) = filter_sql(q);
        sql.push_str(" AND ");
        sql.push_str(&bind(s.cond, s.values, &mut values));
        let from = from_sql(&q.ids);
        if skip > 0 {
            let mut bounded = values.clone();
            let most = param(&mut bounded, Value::Integer(i64::try_from(skip).unwrap_or(i64::MAX)));
            let held: i64 = conn
                .prepare_cached(&format!(
                    "SELECT count(*) FROM (SELECT 1 FROM {from} WHERE {sql} LIMIT {most})"
                ))?
                .query_row(params_from_iter(bounded), |r| r.get(0))?;
            let held = usize::try_from(held).unwrap_or(0);
            if held < skip {
                skip -= held;
                continue;
            }
        }
        let limit = param(&mut values, Value::Integer(i64::try_from(take - page.len()).unwrap_or(i64::MAX)));
        let offset = param(&mut values, Value::Integer(i64::try_from(skip).unwrap_or(i64::MAX)));
        skip = 0;
        let full = format!(
            "SELECT {COLUMNS} FROM {from} WHERE {sql} ORDER BY {} LIMIT {limit} OFFSET {offset}",
            s.order
        );
        let mut stmt = conn.prepare_cached(&full)?;
        let mut found = stmt.query(params_from_iter(values))?;
        while let Some(r) = found.next()? {
            page.push(listed(r, files)?);
        }
    }
    if !forward {
        page.reverse();
    }
    Ok(page)
}

/// The row of the view at list position `pos`, if the view holds it.
fn row_at(
    conn: &Connection,
    files: &ShownPaths,
    q: &CatalogQuery,
    pos: i64,
) -> rusqlite::Result<Option<Listed>> {
    let (filter, mut values) = filter_sql(q);
    let at = param(&mut values, Value::Integer(pos));
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM {} WHERE {filter} AND a.pos = {at}",
        from_sql(&q.ids)
    ))?
    .query_row(params_from_iter(values), |r| listed(r, files))
    .optional()
}

/// A condition's `$1`, `$2`… as parameters after `values`.
fn bind(cond: &str, cond_values: Vec<Value>, values: &mut Vec<Value>) -> String {
    let mut cond = cond.to_string();
    for (k, v) in cond_values.into_iter().enumerate() {
        let name = param(values, v);
        cond = cond.replace(&format!("${}", k + 1), &name);
    }
    cond
}

/// The key of a view's anchors: its order, dates and ids, and the index
/// as it is.
fn anchor_key(conn: &Connection, q: &CatalogQuery) -> rusqlite::Result<i64> {
    let text = format!("{}:{}:{}", q.sort.name(), count_key(q), data_version(conn)?);
    Ok(xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as i64)
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
        sql.push_str(" AND ");
        sql.push_str(&bind(extra, extra_values, &mut values));
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
            let n = match q.ids {
                // The range's count is kept too (another order, or the
                // unread view again after all): less the ids in it.
                Ids::Except(_) => {
                    let all = count(conn, &CatalogQuery { ids: Ids::All, ..q.clone() })?;
                    let only = CatalogQuery { ids: Ids::Only(HashSet::new()), ..q.clone() };
                    i64::try_from(all).unwrap_or(i64::MAX) - count_where(conn, &only, "", Vec::new())?
                }
                _ => count_where(conn, q, "", Vec::new())?,
            };
            conn.prepare_cached("INSERT OR REPLACE INTO temp.catalog_counts(k, v, n) VALUES (?1, ?2, ?3)")?
                .execute([key, version, n])?;
            n
        }
    };
    Ok(usize::try_from(n).unwrap_or(0))
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
    for s in keyset::before(q.sort, value.clone(), pos) {
        row += count_where(conn, q, s.cond, s.values)?;
    }
    let row = usize::try_from(row).ok();
    // Reopening there reads the rows around it next: from this key.
    if let Some(row) = row {
        keyset::remember(conn, anchor_key(conn, q)?, &[keyset::Anchor { row, pos, value }])?;
    }
    Ok(row)
}

#[cfg(test)]
mod tests;
