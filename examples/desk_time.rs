//! Times the list's views on an indexed corpus as the reading room asks
//! for them, in process (for the 1M figures by hand; the criterion bench
//! is `benches/desk.rs`):
//!
//! `cargo run --release --example desk_time -- CORPUS INDEX_DIR`
//!
//! For each view (every 100th article read, as `benches/desk.rs`): the
//! view applied (its count and first block of rows), `G` (the last
//! block), the block before it (`PgUp` from the end), the middle block
//! and the one after it (`j` on from there), and the row of an article near the end and in the middle (where
//! reopening puts the cursor). Each is the median of 5 runs on one handle,
//! with the first run (the count not yet kept) shown apart.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

use rroom::corpus::LoadOptions;
use rroom::entities::Corrections;
use rroom::library::sqlite::OpenOptions;
use rroom::library::{CatalogQuery, Ids, Library, Sort, SqliteLibrary};

/// Reads one block of the view at `offset`.
fn block(library: &SqliteLibrary, q: &CatalogQuery, offset: usize) {
    let page = CatalogQuery { offset, limit: Some(BLOCK), ..q.clone() };
    std::hint::black_box(library.select(&page).map(|v| v.len()).unwrap_or(0));
}

/// Rows the reading room reads at a time (`tui::catalog`'s block).
const BLOCK: usize = 32;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// (first run, median of 5) of `f`, in ms.
fn timed(mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            ms(t)
        })
        .collect();
    let first = times[0];
    times.sort_by(f64::total_cmp);
    (first, times[2])
}

/// The row of the article at list position `index` in the view.
fn row_of(library: &SqliteLibrary, q: &CatalogQuery, index: usize) -> Option<usize> {
    library.row_of(q, index).ok().flatten()
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, dir] = args.as_slice() else {
        anyhow::bail!("usage: desk_time CORPUS INDEX_DIR");
    };
    let corpus = PathBuf::from(corpus);
    let index = rroom::library::open::index_file(&PathBuf::from(dir), std::slice::from_ref(&corpus), false);
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Corrections::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    let (library, _) = SqliteLibrary::open(&index, vec![corpus], options, &mut |_| {})?;
    let n = library.len();
    let read: HashSet<String> =
        library.rows()?.iter().step_by(100).map(|r| r.id.to_string().to_ascii_lowercase()).collect();
    println!("{n} articles, {} read", read.len());
    let views = [
        ("date", CatalogQuery { sort: Sort::Date, ..CatalogQuery::default() }),
        (
            "unread by date",
            CatalogQuery { sort: Sort::Date, ids: Ids::Except(read.clone()), ..CatalogQuery::default() },
        ),
        ("title", CatalogQuery { sort: Sort::Title, ..CatalogQuery::default() }),
        (
            "unread by title",
            CatalogQuery { sort: Sort::Title, ids: Ids::Except(read), ..CatalogQuery::default() },
        ),
        ("source", CatalogQuery { sort: Sort::Source, ..CatalogQuery::default() }),
        ("words", CatalogQuery { sort: Sort::Words, ..CatalogQuery::default() }),
    ];
    println!(
        "view | applied | G | PgUp from the end | middle | the block after it | row near the end | row in the middle | \
         reopening there (its row, its block)"
    );
    for (name, q) in views {
        let page = |offset: usize| CatalogQuery { offset, limit: Some(BLOCK), ..q.clone() };
        let applied = timed(|| {
            let rows = library.count(&q).unwrap_or(0);
            std::hint::black_box(library.select(&page(0)).map(|v| v.len()).unwrap_or(0) + rows);
        });
        let total = library.count(&q)?;
        let last = total.saturating_sub(BLOCK);
        let g = timed(|| block(&library, &q, last));
        let up = timed(|| block(&library, &q, last.saturating_sub(BLOCK)));
        let middle = timed(|| block(&library, &q, total / 2));
        // j past the block, after the jump (the rows just read are known).
        let next = timed(|| block(&library, &q, total / 2 + BLOCK));
        let near_end = library.select(&page(total.saturating_sub(10)))?.first().map(|l| l.index).unwrap_or(0);
        let in_middle = library.select(&page(total / 2))?.first().map(|l| l.index).unwrap_or(0);
        let mut found = (None, None);
        let end_row = timed(|| found.0 = row_of(&library, &q, near_end));
        let mid_row = timed(|| found.1 = row_of(&library, &q, in_middle));
        // Reopening there: the article's row counted, then its block read.
        let reopen = timed(|| {
            let row = row_of(&library, &q, in_middle).unwrap_or(0);
            block(&library, &q, row - row % BLOCK);
        });
        let show = |(first, median): (f64, f64)| format!("{median:.1} ms (first {first:.1})");
        println!(
            "{name} ({total}) | {} | {} | {} | {} | {} | {} → row {:?} | {} → row {:?} | {}",
            show(applied),
            show(g),
            show(up),
            show(middle),
            show(next),
            show(end_row),
            found.0,
            show(mid_row),
            found.1,
            show(reopen)
        );
    }
    Ok(())
}
