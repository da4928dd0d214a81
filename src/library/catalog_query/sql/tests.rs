//! The index's views against the in-memory views, and their plans.

use super::super::ids::{ADD_POSITION, FILL_POSITIONS};
use super::super::select_rows;
use super::*;

/// The index's schema with `n` articles whose sort keys tie, repeat
/// and are missing in every way a view meets.
fn catalog(n: usize) -> (Connection, Vec<Row>) {
    let conn = Connection::open_in_memory().unwrap();
    conn.execute_batch(crate::library::schema::SCHEMA).unwrap();
    let mut rows = Vec::new();
    for i in 0..n {
        let title =
            ["alpha", "Beta", "beta", "gamma", "Alpha", "delta"][i % 6].to_string() + &(i % 4).to_string();
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
                views.push(CatalogQuery { sort, ids: ids.clone(), since, until, ..CatalogQuery::default() });
            }
        }
    }
    for q in views {
        let whole: Vec<usize> = select_rows(rows.clone(), &q).into_iter().map(|l| l.index).collect();
        assert_eq!(count(&conn, &q).unwrap(), whole.len(), "{q:?}");
        for offset in [0, 1, 7, whole.len() / 2, whole.len().saturating_sub(9), whole.len(), whole.len() + 3]
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
        // Paging on from the rows read (anchors), down then up, from
        // an article's row (as reopening does) and from the middle.
        let pages = |from: usize, step: isize| {
            let mut at = from as isize;
            while at >= 0 && (at as usize) < whole.len() {
                let page = CatalogQuery { offset: at as usize, limit: Some(5), ..q.clone() };
                let want: Vec<usize> = whole.iter().copied().skip(at as usize).take(5).collect();
                assert_eq!(indices(&conn, &page, 0), want, "{page:?}");
                at += step;
            }
        };
        if let Some(&deep) = whole.get(whole.len() * 2 / 3) {
            let row = row_of(&conn, &q, deep).unwrap().unwrap();
            // The block around it first, as the list reads it.
            let _ = conn.execute("DELETE FROM temp.catalog_anchors WHERE row != ?1", [row as i64]);
            pages(row - row % 4, whole.len() as isize);
            pages(row, 5);
            pages(row, -3);
        }
        pages(whole.len() / 2, 7);
        pages(whole.len() / 2, -7);
        if whole.len() > 10 {
            // The pages were read next to the rows before them.
            let kept: i64 =
                conn.query_row("SELECT count(*) FROM temp.catalog_anchors", [], |r| r.get(0)).unwrap();
            assert!(kept > 2, "{q:?}");
            let (below, above) =
                keyset::nearest(&conn, anchor_key(&conn, &q).unwrap(), Some(whole.len() / 2), 0).unwrap();
            assert!(below.is_some() && above.is_some(), "{q:?}");
        }
        // Far from the rows read: the rows between skipped across ranges.
        for (near, far) in [(3, whole.len() * 2 / 5), (whole.len().saturating_sub(8), whole.len() * 3 / 5)] {
            let _ = conn.execute("DELETE FROM temp.catalog_anchors", []);
            pages(near, whole.len() as isize);
            pages(far, whole.len() as isize);
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
                let q = CatalogQuery { sort, ids: ids.clone(), limit: Some(50), ..CatalogQuery::default() };
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
        assert!(p.contains("SEARCH a USING COVERING INDEX articles_aid (aid=?)"), "{sql}: {p}");
    }
    // A few flagged ids: looked up one by one, then sorted (they are few).
    let p = plan(&CatalogQuery { ids: Ids::Only(few), ..CatalogQuery::default() }, false);
    assert!(p.starts_with("SCAN t"), "{p}");
}

#[test]
fn the_rows_before_or_after_an_article_are_index_ranges_counted_or_read_in_order() {
    let (conn, _) = catalog(0);
    for sort in [Sort::List, Sort::Date, Sort::Title, Sort::Source, Sort::Words] {
        for value in [Value::Null, Value::Integer(3), Value::Text("m".into())] {
            if matches!((sort, &value), (Sort::Title | Sort::Words, Value::Null)) {
                continue;
            }
            let before = keyset::before(sort, value.clone(), 5);
            for s in before {
                let (sql, mut values) = filter_sql(&CatalogQuery::default());
                let cond = bind(s.cond, s.values.clone(), &mut values);
                let count = format!("SELECT count(*) FROM articles a WHERE {sql} AND {cond}");
                let p = plan_of(&conn, &count, values.clone());
                assert!(p.contains("SEARCH a USING COVERING INDEX"), "{sort:?} {cond}: {p}");
                let read =
                    format!("SELECT {COLUMNS} FROM articles a WHERE {sql} AND {cond} ORDER BY {}", s.order);
                let p = plan_of(&conn, &read, values);
                assert!(
                    p.contains("SEARCH a USING INDEX") && !p.contains("TEMP B-TREE"),
                    "{sort:?} {read}: {p}"
                );
            }
            for s in keyset::after(sort, value.clone(), 5) {
                let (sql, mut values) = filter_sql(&CatalogQuery::default());
                let cond = bind(s.cond, s.values, &mut values);
                let read =
                    format!("SELECT {COLUMNS} FROM articles a WHERE {sql} AND {cond} ORDER BY {}", s.order);
                let p = plan_of(&conn, &read, values);
                assert!(
                    p.contains("SEARCH a USING INDEX") && !p.contains("TEMP B-TREE"),
                    "{sort:?} {read}: {p}"
                );
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
