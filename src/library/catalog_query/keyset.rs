//! Reading a view from a known row: the rows strictly after (or before)
//! one article's sort key, as the sort's index holds them in one to
//! three ranges (the article's own sort value from its position on, then
//! the values after it, then the articles without one), so a block next
//! to a row already read costs what a first page costs, however deep.
//!
//! The rows already read are remembered per connection as anchors (their
//! row in the view and their sort key), for the view they were read in,
//! until the view or the index changes.

use rusqlite::{Connection, OptionalExtension, params, types::Value};

use super::{Listed, Sort};
use crate::library::Row;

/// One range of a sort's index: a condition on `a`'s columns with its
/// values (`$1`, `$2`…), and the order that reads it in the view's order
/// (or backwards, for the ranges before a key).
pub(super) struct Segment {
    pub cond: &'static str,
    pub values: Vec<Value>,
    pub order: &'static str,
}

fn seg(cond: &'static str, values: Vec<Value>, order: &'static str) -> Segment {
    Segment { cond, values, order }
}

/// The rows strictly before the key (`value`, `pos`), nearest first:
/// the same sort value at a smaller position, then the values before it.
/// Counted, they are the key's row in the view.
pub(super) fn before(sort: Sort, value: Value, pos: i64) -> Vec<Segment> {
    let p = Value::Integer(pos);
    let null = matches!(value, Value::Null);
    match sort {
        Sort::List => vec![seg("a.pos < $1", vec![p], "a.pos DESC")],
        Sort::Date if null => vec![
            seg("a.published_at IS NULL AND a.pos < $1", vec![p], "a.pos DESC"),
            seg("a.published_at IS NOT NULL", vec![], "a.published_at ASC, a.pos DESC"),
        ],
        Sort::Date => vec![
            seg("a.published_at = $1 AND a.pos < $2", vec![value.clone(), p], "a.pos DESC"),
            seg("a.published_at > $1", vec![value], "a.published_at ASC, a.pos DESC"),
        ],
        Sort::Title => vec![
            seg("a.title COLLATE NOCASE = $1 AND a.pos < $2", vec![value.clone(), p], "a.pos DESC"),
            seg("a.title COLLATE NOCASE < $1", vec![value], "a.title COLLATE NOCASE DESC, a.pos DESC"),
        ],
        Sort::Source if null => vec![
            seg("(a.source IS NULL) = 1 AND a.pos < $1", vec![p], "a.source COLLATE NOCASE DESC, a.pos DESC"),
            seg("(a.source IS NULL) = 0", vec![], "a.source COLLATE NOCASE DESC, a.pos DESC"),
        ],
        Sort::Source => vec![
            seg(
                "(a.source IS NULL) = 0 AND a.source COLLATE NOCASE = $1 AND a.pos < $2",
                vec![value.clone(), p],
                "a.pos DESC",
            ),
            seg(
                "(a.source IS NULL) = 0 AND a.source COLLATE NOCASE < $1",
                vec![value],
                "a.source COLLATE NOCASE DESC, a.pos DESC",
            ),
        ],
        Sort::Words => vec![
            seg("a.words = $1 AND a.pos < $2", vec![value.clone(), p], "a.pos DESC"),
            seg("a.words > $1", vec![value], "a.words ASC, a.pos DESC"),
        ],
    }
}

/// The rows strictly after the key (`value`, `pos`), in the view's order.
pub(super) fn after(sort: Sort, value: Value, pos: i64) -> Vec<Segment> {
    let p = Value::Integer(pos);
    let null = matches!(value, Value::Null);
    match sort {
        Sort::List => vec![seg("a.pos > $1", vec![p], "a.pos")],
        Sort::Date if null => vec![seg("a.published_at IS NULL AND a.pos > $1", vec![p], "a.pos")],
        Sort::Date => vec![
            seg("a.published_at = $1 AND a.pos > $2", vec![value.clone(), p], "a.pos"),
            seg("a.published_at < $1", vec![value], "a.published_at DESC, a.pos"),
            seg("a.published_at IS NULL", vec![], "a.pos"),
        ],
        Sort::Title => vec![
            seg("a.title COLLATE NOCASE = $1 AND a.pos > $2", vec![value.clone(), p], "a.pos"),
            seg("a.title COLLATE NOCASE > $1", vec![value], "a.title COLLATE NOCASE, a.pos"),
        ],
        Sort::Source if null => {
            vec![seg("(a.source IS NULL) = 1 AND a.pos > $1", vec![p], "a.source COLLATE NOCASE, a.pos")]
        }
        Sort::Source => vec![
            seg(
                "(a.source IS NULL) = 0 AND a.source COLLATE NOCASE = $1 AND a.pos > $2",
                vec![value.clone(), p],
                "a.pos",
            ),
            seg(
                "(a.source IS NULL) = 0 AND a.source COLLATE NOCASE > $1",
                vec![value],
                "a.source COLLATE NOCASE, a.pos",
            ),
            seg("(a.source IS NULL) = 1", vec![], "a.source COLLATE NOCASE, a.pos"),
        ],
        Sort::Words => vec![
            seg("a.words = $1 AND a.pos > $2", vec![value.clone(), p], "a.pos"),
            seg("a.words < $1", vec![value], "a.words DESC, a.pos"),
        ],
    }
}

/// A row's sort value in `sort` (as the index compares it).
pub(super) fn value_of(sort: Sort, row: &Row) -> Value {
    match sort {
        Sort::List => Value::Null,
        Sort::Date => row.published_at.map_or(Value::Null, Value::Integer),
        Sort::Title => Value::Text(row.title.clone()),
        Sort::Source => row.source.clone().map_or(Value::Null, Value::Text),
        Sort::Words => Value::Integer(i64::try_from(row.words).unwrap_or(i64::MAX)),
    }
}

/// A row of a view already read: its row and its sort key.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Anchor {
    pub row: usize,
    pub pos: i64,
    pub value: Value,
}

/// Anchors kept for one view at most this many (then forgotten).
const KEPT: i64 = 4096;

fn table(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS catalog_anchors(
             k INTEGER NOT NULL, row INTEGER NOT NULL, pos INTEGER NOT NULL, value, PRIMARY KEY(k, row)
         ) WITHOUT ROWID;",
    )
}

/// The anchors of the view `key` nearest to a page: the last at or
/// before row `below`, and the first at or after row `above`.
pub(super) fn nearest(
    conn: &Connection,
    key: i64,
    below: Option<usize>,
    above: usize,
) -> rusqlite::Result<(Option<Anchor>, Option<Anchor>)> {
    table(conn)?;
    let one = |sql: &str, row: usize| -> rusqlite::Result<Option<Anchor>> {
        conn.prepare_cached(sql)?
            .query_row(params![key, i64::try_from(row).unwrap_or(i64::MAX)], |r| {
                Ok(Anchor {
                    row: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                    pos: r.get(1)?,
                    value: r.get(2)?,
                })
            })
            .optional()
    };
    let below = match below {
        Some(row) => one(
            "SELECT row, pos, value FROM temp.catalog_anchors WHERE k = ?1 AND row <= ?2 ORDER BY row DESC LIMIT 1",
            row,
        )?,
        None => None,
    };
    let above = one(
        "SELECT row, pos, value FROM temp.catalog_anchors WHERE k = ?1 AND row >= ?2 ORDER BY row LIMIT 1",
        above,
    )?;
    Ok((below, above))
}

/// An anchor of the view `key` on a row of the page `start..end`.
pub(super) fn inside(
    conn: &Connection,
    key: i64,
    start: usize,
    end: usize,
) -> rusqlite::Result<Option<Anchor>> {
    table(conn)?;
    let row = |r: usize| i64::try_from(r).unwrap_or(i64::MAX);
    conn.prepare_cached(
        "SELECT row, pos, value FROM temp.catalog_anchors WHERE k = ?1 AND row >= ?2 AND row < ?3 ORDER BY row LIMIT 1",
    )?
    .query_row(params![key, row(start), row(end)], |r| {
        Ok(Anchor { row: usize::try_from(r.get::<_, i64>(0)?).unwrap_or(0), pos: r.get(1)?, value: r.get(2)? })
    })
    .optional()
}

/// Remembers rows of the view `key` (the anchors of other views, or too
/// many, are forgotten).
pub(super) fn remember(conn: &Connection, key: i64, anchors: &[Anchor]) -> rusqlite::Result<()> {
    if anchors.is_empty() {
        return Ok(());
    }
    table(conn)?;
    let (mine, all): (i64, i64) = conn
        .prepare_cached("SELECT count(*) FILTER (WHERE k = ?1), count(*) FROM temp.catalog_anchors")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if mine != all || all >= KEPT {
        conn.execute("DELETE FROM temp.catalog_anchors", [])?;
    }
    let mut put = conn.prepare_cached(
        "INSERT OR REPLACE INTO temp.catalog_anchors(k, row, pos, value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for a in anchors {
        put.execute(params![key, i64::try_from(a.row).unwrap_or(i64::MAX), a.pos, a.value])?;
    }
    Ok(())
}

/// The first and last rows of a page read at `row`, as anchors.
pub(super) fn ends(sort: Sort, row: usize, page: &[Listed]) -> Vec<Anchor> {
    let anchor = |at: usize, l: &Listed| Anchor {
        row: at,
        pos: i64::try_from(l.index).unwrap_or(i64::MAX),
        value: value_of(sort, &l.row),
    };
    match (page.first(), page.last()) {
        (Some(first), Some(last)) => vec![anchor(row, first), anchor(row + page.len() - 1, last)],
        _ => Vec::new(),
    }
}
