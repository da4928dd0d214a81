//! The analyst's desk on an indexed corpus (issue 14): a page of the list
//! sorted by date, filtered by date, unread only, flagged only, sorted by
//! title or length, each with the count a list shows; the last page of a
//! view (`G`) and the row of an article near its end; against the same
//! run's baseline: reading the whole catalog in list order (what `rroom
//! list` did before), which every view avoids.
//!
//! The corpus: `RROOM_BENCH_DESK_CORPUS` (a JSONL file with `published`,
//! e.g. /tmp/corpora/100k.jsonl), else a synthetic one of
//! `RROOM_BENCH_SYNTH` articles (default 20,000). The index goes in
//! `RROOM_BENCH_DESK_INDEX` (kept, so a second run reuses it) or a
//! temporary directory.

use std::collections::HashSet;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use rroom::corpus::LoadOptions;
use rroom::corpus::dates::{Edge, parse_bound};
use rroom::entities::Corrections;
use rroom::library::sqlite::OpenOptions;
use rroom::library::{CatalogQuery, Ids, Library, Sort, SqliteLibrary};

const PAGE: usize = 50;

fn corpus(dir: &Path) -> (String, PathBuf) {
    if let Some(path) = std::env::var_os("RROOM_BENCH_DESK_CORPUS").map(PathBuf::from) {
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        return (name, path);
    }
    let n: usize = std::env::var("RROOM_BENCH_SYNTH").ok().and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let path = dir.join(format!("synthetic-{n}.jsonl"));
    let mut text = String::new();
    for line in rroom::corpus::synth::jsonl(n, 3, 42) {
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(&path, text).expect("write the synthetic corpus");
    (format!("synthetic-{n}"), path)
}

fn open(index: &Path, roots: &[PathBuf]) -> SqliteLibrary {
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Corrections::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(index, roots.to_vec(), options, &mut |_| {}).expect("index").0
}

/// A page of the view and its count, as a list shows them.
fn page(library: &SqliteLibrary, q: &CatalogQuery) -> usize {
    let rows = library.select(&CatalogQuery { limit: Some(PAGE), ..q.clone() }).expect("view");
    black_box(rows.len()) + library.count(q).expect("count")
}

fn desk(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (name, path) = corpus(tmp.path());
    let dir =
        std::env::var_os("RROOM_BENCH_DESK_INDEX").map(PathBuf::from).unwrap_or(tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).expect("index dir");
    let roots = vec![path];
    let library = open(&dir.join(format!("{name}.sqlite3")), &roots);
    let n = library.len();

    // Every 100th article read (1% of the corpus), every 1000th flagged.
    let all = library.rows().expect("rows");
    let read: HashSet<String> = all.iter().step_by(100).map(|r| r.id.to_string()).collect();
    let flagged: HashSet<String> = all.iter().step_by(1000).map(|r| r.id.to_string()).collect();
    let newest = all.iter().filter_map(|r| r.published_at).max().unwrap_or(0);
    drop(all);
    let since_30d = parse_bound("30d", Edge::Since, newest).expect("30d");

    let views = [
        ("sort_date", CatalogQuery { sort: Sort::Date, ..CatalogQuery::default() }),
        (
            "since_30d_by_date",
            CatalogQuery { sort: Sort::Date, since: Some(since_30d), ..CatalogQuery::default() },
        ),
        ("unread", CatalogQuery { ids: Ids::Except(read.clone()), ..CatalogQuery::default() }),
        (
            "unread_by_date",
            CatalogQuery { sort: Sort::Date, ids: Ids::Except(read), ..CatalogQuery::default() },
        ),
        ("flagged", CatalogQuery { ids: Ids::Only(flagged), ..CatalogQuery::default() }),
        ("sort_title", CatalogQuery { sort: Sort::Title, ..CatalogQuery::default() }),
        ("sort_words", CatalogQuery { sort: Sort::Words, ..CatalogQuery::default() }),
    ];
    let mut g = c.benchmark_group(format!("desk/{name}"));
    g.sample_size(10);
    g.bench_function(BenchmarkId::new("baseline", "scan_catalog"), |b| {
        b.iter(|| black_box(library.rows().expect("rows").len()))
    });
    for (view, q) in &views {
        g.bench_function(BenchmarkId::new("page_and_count", view), |b| b.iter(|| page(&library, q)));
    }
    // The deep end of a view (`G`: read backwards) and where an article
    // near it is (reopening there: its row counted from its sort key).
    for (view, q) in &views[..4] {
        let total = library.count(q).expect("count");
        let last = CatalogQuery { offset: total.saturating_sub(PAGE), limit: Some(PAGE), ..q.clone() };
        g.bench_function(BenchmarkId::new("last_page", view), |b| {
            b.iter(|| black_box(library.select(&last).expect("view").len()))
        });
        let Some(deep) = library.select(&last).expect("view").first().map(|l| l.index) else { continue };
        g.bench_function(BenchmarkId::new("row_of_deep", view), |b| {
            b.iter(|| black_box(library.row_of(q, deep).expect("row")))
        });
    }
    g.finish();
    eprintln!("desk/{name}: {n} articles");
}

criterion_group!(benches, desk);
criterion_main!(benches);
