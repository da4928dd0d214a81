//! Sorted, filtered views of the catalog: by date (newest first, undated
//! last), title, source or length; between two instants; only or except
//! some articles (the flagged ones, the ones not read). The reading state
//! lives in the notes store, so the caller says which ids; the library
//! only selects.
//!
//! The index answers from SQL indexes and streams the rows ([`sql`]), so
//! a page of a million-article corpus costs what a page costs, at its top
//! or its bottom; the in-memory library sorts and filters its rows (the
//! same order, ties in list order).

use std::cmp::Ordering;
use std::collections::HashSet;

use super::Row;
use crate::corpus::ArticleId;
use crate::corpus::dates::newest_first;

mod ids;
mod keyset;
mod sql;

pub(super) use sql::{count, row_of, visit};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Origin;

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
}
