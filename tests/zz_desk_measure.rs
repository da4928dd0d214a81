//! Throwaway: times the list's views over an index (not committed).
use rroom::library::catalog_query::{CatalogQuery, Ids, Sort};
use rroom::tui::catalog::{Catalog, Engine};
use rroom::tui::rows::Listing;
use std::time::Instant;

#[test]
#[ignore]
fn measure() {
    let index = std::path::PathBuf::from(std::env::var("IDX").unwrap());
    let corpus = std::path::PathBuf::from(std::env::var("CORPUS").unwrap());
    let t = Instant::now();
    let mut cat = Catalog::open(rroom::tui::source::index_opener(index, vec![corpus]), Engine::Index);
    println!("open: {:?} ({} articles)", t.elapsed(), cat.len());
    let read: std::collections::HashSet<String> = (0..1000).filter_map(|i| cat.id(i * 37)).collect();
    let flagged: std::collections::HashSet<String> = read.iter().take(50).cloned().collect();
    let now = 1_767_225_600; // 2026-01-01
    let views = [
        ("sort date", CatalogQuery { sort: Sort::Date, ..Default::default() }),
        ("sort title", CatalogQuery { sort: Sort::Title, ..Default::default() }),
        ("sort source", CatalogQuery { sort: Sort::Source, ..Default::default() }),
        ("sort words", CatalogQuery { sort: Sort::Words, ..Default::default() }),
        ("unread (1000 read)", CatalogQuery { ids: Ids::Except(read.clone()), ..Default::default() }),
        (
            "unread by date",
            CatalogQuery { sort: Sort::Date, ids: Ids::Except(read.clone()), ..Default::default() },
        ),
        ("flagged (50)", CatalogQuery { ids: Ids::Only(flagged.clone()), ..Default::default() }),
        ("since:30d", CatalogQuery { since: Some(now - 30 * 86_400), ..Default::default() }),
        (
            "since:365d by date",
            CatalogQuery { sort: Sort::Date, since: Some(now - 365 * 86_400), ..Default::default() },
        ),
    ];
    for (name, q) in views {
        for round in 0..2 {
            let t = Instant::now();
            cat.set_view(q.clone());
            let counted = t.elapsed();
            cat.prefetch_listed(0..40);
            let first = t.elapsed();
            let mid = cat.listed() / 2;
            let t2 = Instant::now();
            cat.prefetch_listed(mid..mid + 40);
            let middle = t2.elapsed();
            let t3 = Instant::now();
            let found = cat.at(mid).and_then(|i| {
                let t = Instant::now();
                let r = cat.row_of(i);
                println!("    row_of mid: {:?}", t.elapsed());
                r
            });
            let _ = (found, t3);
            println!(
                "{name} (round {round}): {} rows; count {counted:?}, first page {first:?}, page in the middle {middle:?}",
                cat.listed()
            );
        }
    }
}
