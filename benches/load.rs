//! Loading, extraction and rendering, measured. The BBC corpus is used when
//! `../shared/corpora/bbc` exists (set RROOM_BENCH_CORPUS to use another);
//! otherwise only the built-in seeds are measured.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::entities;
use rroom::tui::{action::Action, app::App, keymap::Keymap, theme::Theme, ui};

fn bbc() -> Option<PathBuf> {
    let path = std::env::var_os("RROOM_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc"));
    if path.exists() {
        Some(path)
    } else {
        eprintln!("note: {} not found; BBC benchmarks skipped", path.display());
        None
    }
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.bench_function("seeds", |b| b.iter(|| black_box(Corpus::seeds())));
    if let Some(path) = bbc() {
        let corpus = Corpus::load(std::slice::from_ref(&path));
        let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(20).measurement_time(Duration::from_secs(8));
        g.bench_function("bbc_2225_files", |b| {
            b.iter(|| black_box(Corpus::load(std::slice::from_ref(&path))))
        });
    }
    g.finish();
}

fn extract(c: &mut Criterion) {
    let mut g = c.benchmark_group("extract");
    let seeds = Corpus::seeds();
    let bytes: usize = seeds.articles.iter().map(|a| a.body.len()).sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seeds", |b| {
        b.iter(|| seeds.articles.iter().map(|a| entities::extract(black_box(a)).len()).sum::<usize>())
    });
    if let Some(path) = bbc() {
        let corpus = Corpus::load(&[path]);
        let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10).measurement_time(Duration::from_secs(10));
        g.bench_function("bbc", |b| {
            b.iter(|| corpus.articles.iter().map(|a| entities::extract(black_box(a)).len()).sum::<usize>())
        });
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
