//! Loading, extraction and rendering, measured. The BBC corpus is used when
//! `../shared/corpora/bbc` exists (set RROOM_BENCH_CORPUS to use another);
//! otherwise only the built-in seeds are measured.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{bbc, extract_each, text_bytes};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::tui::{action::Action, app::App, keymap::Keymap, styles::Theme, ui};

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("seeds", |b| b.iter(|| black_box(Corpus::seeds())));
    if let Some(path) = bbc() {
        let corpus = Corpus::load(std::slice::from_ref(&path));
        g.throughput(text_bytes(&corpus));
        g.sample_size(20).measurement_time(Duration::from_secs(8));
        g.bench_function("bbc_2225_files", |b| {
            b.iter(|| black_box(Corpus::load(std::slice::from_ref(&path))))
        });
    }
    // The synthetic corpus of the find issue: 100,000 articles in one JSONL
    // file (about 89 MB), which must load in under a second.
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("100k.jsonl");
    let mut text = String::new();
    for line in rroom::corpus::synth::jsonl(100_000, 3, 42) {
        text.push_str(&line);
        text.push('\n');
    }
    std::fs::write(&big, &text).expect("write the synthetic corpus");
    g.throughput(criterion::Throughput::Bytes(text.len() as u64));
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.bench_function("jsonl_100k_articles", |b| {
        b.iter_with_large_drop(|| Corpus::load(std::slice::from_ref(&big)))
    });
    g.finish();
}

fn extract(c: &mut Criterion) {
    let mut g = c.benchmark_group("extract");
    let seeds = Corpus::seeds();
    g.throughput(text_bytes(&seeds));
    g.bench_function("seeds", |b| b.iter(|| extract_each(&seeds)));
    if let Some(path) = bbc() {
        let corpus = Corpus::load(&[path]);
        g.throughput(text_bytes(&corpus));
        g.sample_size(10).measurement_time(Duration::from_secs(10));
        g.bench_function("bbc", |b| b.iter(|| extract_each(&corpus)));
    }
    g.finish();
}

fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    for (w, h) in [(80u16, 24u16), (120, 40), (200, 50)] {
        let app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), w, h);
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        g.bench_function(format!("main_screen_{w}x{h}"), |b| {
            b.iter(|| term.draw(|f| ui::render(black_box(&app), f)).map(|_| ()).unwrap())
        });
    }
    // One keystroke: update the state and draw the next frame.
    let mut app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 40);
    app.update(Action::Open);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut down = true;
    g.bench_function("scroll_keystroke_120x40", |b| {
        b.iter(|| {
            app.update(if down { Action::Down } else { Action::Up });
            down = !down;
            term.draw(|f| ui::render(&app, f)).map(|_| ()).unwrap()
        })
    });
    g.finish();
}

fn first_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("first_frame");
    g.bench_function("seeds_load_extract_draw_120x40", |b| {
        b.iter(|| {
            let app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 40);
            let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
            term.draw(|f| ui::render(&app, f)).map(|_| ()).unwrap()
        })
    });
    if let Some(path) = bbc() {
        g.sample_size(10).measurement_time(Duration::from_secs(8));
        g.bench_function("bbc_load_extract_draw_120x40", |b| {
            b.iter(|| {
                let app = App::new(
                    Corpus::load(std::slice::from_ref(&path)),
                    Keymap::default(),
                    Theme::dark(),
                    120,
                    40,
                );
                let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
                term.draw(|f| ui::render(&app, f)).map(|_| ()).unwrap()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, load, extract, render, first_frame);
criterion_main!(benches);
