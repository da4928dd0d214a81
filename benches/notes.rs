//! The notes store and anchoring, measured: the latency of one durable save
//! (each a BEGIN IMMEDIATE transaction, fsynced: median and p99 over many
//! single saves are printed besides criterion's figure), opening a store of
//! 10,000 notes (with its quick_check), listing them, and re-anchoring
//! passages in a 20 KB body.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use rroom::notes::{Anchor, Filter, NewNote, Store, Target, resolve};

fn new_note(i: usize) -> NewNote {
    let target = match i % 3 {
        0 => Target::Article,
        1 => Target::Entity("Amir Khan Muttaqi".into()),
        _ => Target::Passage(Anchor {
            quote: "held a 90-minute meeting with Amir Khan Muttaqi".into(),
            prefix: "Special Representative for Afghanistan, ".into(),
            suffix: " on the sidelines of the talks".into(),
            start: 200,
            end: 247,
        }),
    };
    NewNote {
        article: format!("{:012x}", i % 500),
        target,
        text: format!(
            "Note {i}: the talks stalled over border security again. #pakistan #ttp #note{}",
            i % 50
        ),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn save(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open(tmp.path()).expect("open store");

    // Our own figures: N single saves, each timed.
    let n = 1000;
    let mut times: Vec<Duration> = (0..n)
        .map(|i| {
            let note = new_note(i);
            let t = Instant::now();
            store.add(note).expect("save");
            t.elapsed()
        })
        .collect();
    times.sort_unstable();
    let mean = times.iter().sum::<Duration>() / n as u32;
    println!(
        "notes/save: {n} single saves: median {:?}, p99 {:?}, mean {mean:?}, max {:?}",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[n - 1]
    );

    let mut g = c.benchmark_group("notes");
    g.sample_size(50).measurement_time(Duration::from_secs(5));
    let mut i = n;
    g.bench_function("save", |b| {
        b.iter(|| {
            i += 1;
            black_box(store.add(new_note(i)).expect("save"))
        })
    });
    let note = store.add(new_note(0)).expect("save");
    let mut version = note.version;
    g.bench_function("update", |b| {
        b.iter(|| {
            let n = store.update(note.id, version, "edited text #pakistan").expect("update");
            version = n.version;
        })
    });
    // The text changes every time: an upsert of identical bytes writes no
    // page and would measure no fsync at all.
    let mut n = 0u64;
    g.bench_function("save_draft", |b| {
        b.iter(|| {
            n += 1;
            store.save_draft("article:abc", "bench", &format!("half a thought {n}")).expect("draft")
        })
    });
    g.finish();
}

fn store_of_10k(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let t = Instant::now();
    {
        let store = Store::open(tmp.path()).expect("open store");
        for i in 0..10_000 {
            store.add(new_note(i)).expect("save");
        }
    }
    println!("notes/open_10k: filling the store with 10,000 single saves took {:?}", t.elapsed());
    let size = std::fs::metadata(tmp.path().join("notes.sqlite3")).map(|m| m.len()).unwrap_or(0);
    println!("notes/open_10k: the store is {} KB", size / 1024);

    let mut opens: Vec<Duration> = (0..50)
        .map(|_| {
            let t = Instant::now();
            black_box(Store::open(tmp.path()).expect("open"));
            t.elapsed()
        })
        .collect();
    opens.sort_unstable();
    println!("notes/open_10k: 50 opens: median {:?}, max {:?}", percentile(&opens, 0.5), opens[49]);

    let mut g = c.benchmark_group("notes");
    g.sample_size(30);
    g.bench_function("open_10k", |b| b.iter(|| black_box(Store::open(tmp.path()).expect("open"))));
    let store = Store::open(tmp.path()).expect("open");
    g.bench_function("list_10k", |b| {
        b.iter(|| black_box(store.list(&Filter::default()).expect("list").len()))
    });
    let by_tag = Filter { tag: Some("note7".into()), ..Filter::default() };
    g.bench_function("list_10k_by_tag", |b| b.iter(|| black_box(store.list(&by_tag).expect("list").len())));
    g.finish();
}

fn anchoring(c: &mut Criterion) {
    let mut body = String::new();
    for i in 0..330 {
        body.push_str(&format!("Paragraph {i} says something about the talks, trade and the border. "));
        if i % 5 == 4 {
            body.push_str("\n\n");
        }
    }
    assert!(body.len() > 20_000);
    let mid = body.len() / 2;
    let short = Anchor::capture(&body, mid..mid + 200);
    let long = Anchor::capture(&body, mid..mid + 2000);
    let edit = |a: &Anchor| {
        let at = a.start + a.quote.len() / 2;
        format!("{}[an edit]{}", &body[..at], &body[at + 5..])
    };
    let (short_edited, long_edited) = (edit(&short), edit(&long));
    let gone = body.replace(&short.quote, "");

    let mut g = c.benchmark_group("anchor_20kb");
    g.bench_function("exact", |b| b.iter(|| black_box(resolve(&short, &body))));
    let moved = format!("An inserted first paragraph.\n\n{body}");
    g.bench_function("moved", |b| b.iter(|| black_box(resolve(&short, &moved))));
    g.bench_function("fuzzy_200_chars", |b| b.iter(|| black_box(resolve(&short, &short_edited))));
    g.bench_function("fuzzy_2000_chars", |b| b.iter(|| black_box(resolve(&long, &long_edited))));
    g.bench_function("orphan_200_chars", |b| b.iter(|| black_box(resolve(&short, &gone))));
    g.finish();
}

/// A 100 KB paragraph quoted whole, re-anchored after its spaces were
/// doubled (whitespace-only: found as moved) and after that plus a word
/// changed (the chunk walk: fuzzy), against a same-run baseline: a short
/// quote lightly edited in the same body. Aligning the quote whole took
/// 31 s and 4.7 GB for 64,000 characters before the walk.
fn anchoring_100kb(c: &mut Criterion) {
    let mut para = String::new();
    let mut i = 0;
    while para.len() < 100_000 {
        para.push_str(&format!("Sentence {i} of the report on the border talks and the trade. "));
        i += 1;
    }
    let para = para.trim_end().to_string();
    let body = format!("Intro line.\n\n{para}\n\nOutro line.");
    let start = body.find(&para).expect("the paragraph");
    let whole = Anchor::capture(&body, start..start + para.len());
    let doubled = body.replace(' ', "  ");
    let doubled_and_edited = doubled.replacen("report", "account", 1);
    let short = Anchor::capture(&body, start + 500..start + 700);
    let short_edited = format!("{}[an edit]{}", &body[..start + 600], &body[start + 605..]);
    for (name, a, b) in [("doubled", &whole, &doubled), ("doubled_edited", &whole, &doubled_and_edited)] {
        let r = resolve(a, b);
        println!("anchor_100kb/{name}: {:?}, similarity {:?}", r.state(), r.similarity());
    }

    let mut g = c.benchmark_group("anchor_100kb");
    g.sample_size(10);
    g.bench_function("baseline_fuzzy_200_chars", |b| b.iter(|| black_box(resolve(&short, &short_edited))));
    g.bench_function("paragraph_spaces_doubled", |b| b.iter(|| black_box(resolve(&whole, &doubled))));
    g.bench_function("paragraph_spaces_doubled_and_edited", |b| {
        b.iter(|| black_box(resolve(&whole, &doubled_and_edited)))
    });
    g.finish();
}

criterion_group!(benches, save, store_of_10k, anchoring, anchoring_100kb);
criterion_main!(benches);
