//! The reading room's finder worker over an index, as it runs: a query
//! typed cold (titles not read yet: the first shard's answer, then the
//! final one) and then keystrokes once every title is read. Prints
//! milliseconds, wall and CPU (all threads: what a loaded machine's wall
//! times hide); the index must exist (`rroom index`).
//!
//!     cargo run --release --example finder_scale -- INDEX_FILE CORPUS_PATH [QUERY]
//!
//! `FINDER_SCALE_ROUNDS=N` types the query's keys N times (the worst of
//! each key kept), for steadier numbers and for profiling.

use std::path::PathBuf;
use std::time::Instant;

use rroom::tui::jobs::{FindMode, SearchRequest, SearchTarget, Searcher, Worker};
use rroom::tui::source::index_opener;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(index), Some(corpus)) = (args.first(), args.get(1)) else {
        eprintln!("usage: finder_scale INDEX_FILE CORPUS_PATH [QUERY]");
        std::process::exit(2);
    };
    let query = args.get(2).cloned().unwrap_or_else(|| "kabul talks".into());
    let opener = index_opener(PathBuf::from(index), vec![PathBuf::from(corpus)]);
    let library = match opener(&Default::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot open the index: {e}");
            std::process::exit(1);
        }
    };
    let request = |q: &str| SearchRequest {
        generation: 1,
        target: SearchTarget::Finder,
        mode: FindMode::Titles,
        query: q.into(),
        limit: 200,
    };
    let start = Instant::now();
    let mut s = Searcher::over(library);
    // Cold: the first key of the query.
    let first_key = &query[..1];
    s.load_more();
    let first = s.run_loaded(&request(first_key));
    let first_ms = start.elapsed().as_secs_f64() * 1000.0;
    while s.load_more() {}
    let done = s.run_loaded(&request(first_key));
    let final_ms = start.elapsed().as_secs_f64() * 1000.0;
    println!(
        "cold '{first_key}': first results {first_ms:.1} ms ({} rows), final {final_ms:.1} ms ({} matches)",
        first.rows.len(),
        done.total
    );
    // Warm: each further key of the query (incremental narrowing per
    // shard), as the worker answers it: the first shard's best, then all.
    let rounds: usize = std::env::var("FINDER_SCALE_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(1);
    let (mut worst_first, mut worst_final, mut worst_cpu): (f64, f64, f64) = (0.0, 0.0, 0.0);
    for round in 0..rounds.max(1) {
        if round > 0 {
            // Typed again from its first key (what backspacing to it finds).
            s.run_loaded(&request(first_key));
        }
        for end in 2..=query.len() {
            if !query.is_char_boundary(end) {
                continue;
            }
            let (t, cpu) = (Instant::now(), cpu_ms());
            s.run_shards(&request(&query[..end]), 1);
            let first = t.elapsed().as_secs_f64() * 1000.0;
            let r = s.run_loaded(&request(&query[..end]));
            let last = t.elapsed().as_secs_f64() * 1000.0;
            let cpu = cpu_ms() - cpu;
            worst_first = worst_first.max(first);
            worst_final = worst_final.max(last);
            worst_cpu = worst_cpu.max(cpu);
            println!(
                "warm '{}': first {first:.1} ms, final {last:.1} ms, CPU {cpu:.0} ms ({} matches)",
                &query[..end],
                r.total
            );
        }
    }
    println!("warm worst: first {worst_first:.1} ms, final {worst_final:.1} ms, CPU {worst_cpu:.0} ms");
    // The worker as the reading room runs it: the finder opens (an empty
    // query), the analyst takes a second to type, then the first key.
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = match Worker::start(opener.clone(), move |r| tx.send((Instant::now(), r)).is_ok()) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("cannot start the worker: {e}");
            std::process::exit(1);
        }
    };
    worker.send(SearchRequest { generation: 1, ..request("") });
    let _ = rx.recv();
    std::thread::sleep(std::time::Duration::from_secs(1));
    let sent = Instant::now();
    worker.send(SearchRequest { generation: 2, ..request(first_key) });
    let mut answers = Vec::new();
    while let Ok((at, r)) = rx.recv_timeout(std::time::Duration::from_secs(10)) {
        answers.push((at.duration_since(sent).as_secs_f64() * 1000.0, r.total));
        if r.total == done.total {
            break;
        }
    }
    let shown: Vec<String> = answers.iter().map(|(ms, n)| format!("{ms:.1} ms ({n})")).collect();
    println!("worker, first key 1 s after opening: {}", shown.join(", then "));
}

/// CPU time of the whole process so far (every thread), in milliseconds.
fn cpu_ms() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return 0.0;
    }
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}
