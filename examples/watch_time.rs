//! Times opening a watch's matches on an indexed corpus, in process (for
//! the 1M figure by hand; the criterion bench is `benches/desk_groups.rs`):
//!
//! `cargo run --release --example watch_time -- CORPUS INDEX_DIR QUERY...`
//! where each QUERY is `@Name:kind` (person, org, place: the entity as a
//! watch keeps it, not resolved again) or words for the full text.

use std::path::PathBuf;
use std::time::Instant;

use rroom::corpus::LoadOptions;
use rroom::entities::{Corrections, EntityKind};
use rroom::library::sqlite::OpenOptions;
use rroom::library::{Library, SqliteLibrary};
use rroom::watch::{self, Seen, WatchQuery};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, dir, queries @ ..] = args.as_slice() else {
        anyhow::bail!("usage: watch_time CORPUS INDEX_DIR QUERY...");
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
    let started = Instant::now();
    let (library, _) = SqliteLibrary::open(&index, vec![corpus], options, &mut |_| {})?;
    println!("{} articles; index opened in {:.0} ms", library.len(), started.elapsed().as_secs_f64() * 1e3);
    for q in queries {
        let query = match q.strip_prefix('@').and_then(|e| e.rsplit_once(':')) {
            Some((name, kind)) => {
                let kind = match kind {
                    "person" => EntityKind::Person,
                    "org" => EntityKind::Organization,
                    _ => EntityKind::Place,
                };
                WatchQuery::Entity { query: name.into(), name: name.into(), kind, aliases: vec![name.into()] }
            }
            None => WatchQuery::Text { query: q.clone() },
        };
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..5 {
            let t = Instant::now();
            total = watch::evaluate_query(&library, &query, &Seen::default())?.total();
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        let first = times[0];
        times.sort_by(f64::total_cmp);
        // Against the analyst's last look at the first half of them (the new counts).
        let all = watch::evaluate_query(&library, &query, &Seen::default())?;
        let half = all.matches.len() / 2;
        let seen = Seen::new(all.matches[half..].iter().map(|m| watch::id_key(&m.id)).collect());
        let t = Instant::now();
        let new = watch::evaluate_query(&library, &query, &seen)?.new;
        let with_seen = t.elapsed().as_secs_f64() * 1e3;
        println!(
            "{q}: {total} matches; open in {:.1} ms (median of 5, best {:.1}, first {first:.1}); \
             {new} new against a look at half of them: {with_seen:.1} ms",
            times[2], times[0]
        );
    }
    Ok(())
}
