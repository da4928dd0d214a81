//! Keypress to frame: how long the reading room takes from a key to the next
//! drawn frame, on the UI thread (`handle_event`, then a draw on ratatui's
//! test backend). Measured on the BBC corpus (skipped with a note when it is
//! absent) and on a synthetic corpus of 100,000 articles, for list moves,
//! sidebar moves and finder typing; and through the real event loop with a
//! notes store whose writes take 200 ms, to show whether keys wait for it.
//!
//! Besides criterion's means, each case prints its p50 and p99 over many
//! keypresses (`latency …` lines): the numbers the architecture issue asks for.
//!
//! Over the library's index (20,000 synthetic articles, indexed in a
//! temporary folder; or an index given with `RROOM_BENCH_TUI_INDEX` and
//! `RROOM_BENCH_TUI_CORPUS`): opening, list moves, and far moves over rows
//! never read (`sweep/…`: page after page down, `G`, page after page up,
//! `g`), each against the same corpus in memory. `RROOM_BENCH_TUI=over_index`
//! (or `bbc`, `synthetic`, `slow_store`, `over_big_index`, comma-separated)
//! runs only those groups.

mod common;

use std::sync::mpsc::{Receiver, SyncSender, channel, sync_channel};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::notes::Store;
use rroom::tui::app::App;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::event::AppEvent;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;
use rroom::tui::watched::WatchedBackend;
use rroom::tui::{Runtime, run_loop, ui};

const W: u16 = 160;
const H: u16 = 45;
/// Keypresses per percentile measurement.
const PRESSES: usize = 2000;

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// The p50 and p99 of some durations, in milliseconds.
fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let at = |q: f64| {
        let i = ((samples.len() as f64 - 1.0) * q).round() as usize;
        samples.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    (at(0.50), at(0.99))
}

fn report(name: &str, samples: Vec<Duration>) {
    let n = samples.len();
    let (p50, p99) = percentiles(samples);
    println!("latency {name}: p50 {p50:.3} ms, p99 {p99:.3} ms ({n} keys)");
}

/// One keypress and the frame after it, on the UI thread.
fn press(app: &mut App, term: &mut Terminal<TestBackend>, ev: &Event) -> Duration {
    let start = Instant::now();
    if app.handle_event(ev) {
        let _ = term.draw(|f| ui::render(app, f));
    }
    start.elapsed()
}

/// CPU time of the calling thread so far.
fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime only writes the struct it is given.
    let mut t: libc::timespec = unsafe { std::mem::zeroed() };
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// A case: an app set up by `prepare`, then the keys of `cycle` pressed in
/// turn, over and over. Prints p50/p99, then lets criterion measure the mean.
fn case(c: &mut Criterion, group: &str, name: &str, mut app: App, prepare: &[Event], cycle: &[Event]) {
    let mut term = match Terminal::new(TestBackend::new(W, H)) {
        Ok(t) => t,
        Err(e) => return eprintln!("no test terminal: {e}"),
    };
    for ev in prepare {
        press(&mut app, &mut term, ev);
    }
    // What the corpus worker answers (the sidebar's counts), as it would.
    app.answer_corpus_jobs_here();
    let mut keys = cycle.iter().cycle();
    let samples: Vec<Duration> =
        (0..PRESSES).filter_map(|_| keys.next()).map(|ev| press(&mut app, &mut term, ev)).collect();
    report(&format!("{group}/{name}"), samples);
    let mut g = c.benchmark_group(format!("keypress_to_frame/{group}"));
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    g.bench_function(name, |b| {
        b.iter_custom(|iters| {
            (0..iters).filter_map(|_| keys.next()).map(|ev| press(&mut app, &mut term, ev)).sum()
        })
    });
    g.finish();
}

/// Down a hundred rows and back up: the list (or sidebar) moves by one each key.
fn down_and_up() -> Vec<Event> {
    let mut keys = vec![ch('j'); 100];
    keys.extend(vec![ch('k'); 100]);
    keys
}

/// Typing a query into the finder, clearing it, typing again.
fn finder_typing() -> Vec<Event> {
    let mut keys: Vec<Event> = "election".chars().map(ch).collect();
    keys.push(ctrl('u'));
    keys
}

fn app_for(corpus: &std::sync::Arc<Corpus>) -> App {
    App::new(corpus.clone(), Keymap::default(), Theme::dark(), W, H)
}

/// Each newly shown article's entities are extracted (in memory there is
/// no stored copy); `all`: list moves back and forth too.
fn corpus_cases(c: &mut Criterion, group: &str, corpus: Corpus, all: bool) {
    let corpus = std::sync::Arc::new(corpus);
    case(c, group, "list_move_no_index", app_for(&corpus), &[], &[ch('j')]);
    let focus_sidebar = [ch('l'), ch('l')];
    if all {
        case(c, group, "list_move", app_for(&corpus), &[], &down_and_up());
    }
    case(c, group, "sidebar_move", app_for(&corpus), &focus_sidebar, &down_and_up());
    case(c, group, "finder_typing", app_for(&corpus), &[ctrl('p')], &finder_typing());
}

fn bbc(c: &mut Criterion) {
    if let Some(path) = common::bbc() {
        corpus_cases(c, "bbc", Corpus::load(&[path]), true);
    }
}

fn synthetic(c: &mut Criterion) {
    let mut text = String::new();
    for line in rroom::corpus::synth::jsonl(100_000, 3, 42) {
        text.push_str(&line);
        text.push('\n');
    }
    // No index: building one for 100k articles is the index bench's business.
    corpus_cases(c, "synthetic_100k", Corpus::from_bytes("100k.jsonl", text.as_bytes()), false);
}

/// Feeds the loop: opens the editor, then types, with an autosave tick
/// (a draft write) before every tenth key; each key's time to its frame.
fn type_into_editor(tx: SyncSender<AppEvent>, frames: Receiver<Instant>, keys: usize) -> Vec<Duration> {
    let wait_frame = |after: Instant| loop {
        match frames.recv_timeout(Duration::from_secs(30)) {
            Ok(t) if t >= after => return Some(t),
            Ok(_) => continue,
            Err(_) => return None,
        }
    };
    let send = |ev: Event| tx.send(AppEvent::Input(ev)).is_ok();
    wait_frame(Instant::now() - Duration::from_secs(3600));
    let opened = Instant::now();
    if !send(ch('a')) || wait_frame(opened).is_none() {
        return Vec::new();
    }
    let mut samples = Vec::new();
    for i in 0..keys {
        if i % 10 == 9 && tx.send(AppEvent::Tick).is_err() {
            break;
        }
        let sent = Instant::now();
        if !send(ch((b'a' + (i % 26) as u8) as char)) {
            break;
        }
        match wait_frame(sent) {
            Some(t) => samples.push(t - sent),
            None => break,
        }
    }
    let _ = tx.send(AppEvent::Input(ctrl('c')));
    // If Ctrl-C did not end it, the input does (never blocking on a loop
    // that has already left).
    let _ = tx.try_send(AppEvent::InputClosed);
    samples
}

fn slow_store(c: &mut Criterion) {
    let _ = c;
    let corpus = match common::bbc() {
        Some(path) => Corpus::load(&[path]),
        None => Corpus::seeds(),
    };
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return eprintln!("no temp dir: {e}"),
    };
    let mut notes = match Store::open(dir.path()) {
        Ok(store) => NotesRuntime::with_store(store),
        Err(e) => return eprintln!("no notes store: {e}"),
    };
    notes.slow_writes(Duration::from_millis(200));
    let app = App::new(corpus, Keymap::default(), Theme::dark(), W, H);
    let (frame_tx, frame_rx) = channel();
    let mut term = match Terminal::new(WatchedBackend::new(W, H, move |_: &TestBackend| {
        let _ = frame_tx.send(Instant::now());
    })) {
        Ok(t) => t,
        Err(e) => return eprintln!("no test terminal: {e}"),
    };
    let (tx, rx) = sync_channel(16);
    let wake = tx.clone();
    let feeder = std::thread::spawn(move || type_into_editor(tx, frame_rx, 200));
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, wake);
    let _ = run_loop(&mut term, app, &rx, rt);
    match feeder.join() {
        Ok(samples) => report("slow_store_200ms/editor_typing_with_autosave", samples),
        Err(_) => eprintln!("the feeder thread failed"),
    }
}

/// The reading room over the library's index against the same corpus in
/// memory (the same-run baseline): opening to the first frame, and list
/// moves, where each new row and article is read from the index and the
/// source file. 20,000 synthetic JSONL articles, indexed once in a
/// temporary folder.
fn over_index(c: &mut Criterion) {
    use rroom::corpus::LoadOptions;
    use rroom::library::SqliteLibrary;
    use rroom::library::sqlite::OpenOptions;
    use rroom::tui::source;
    let Ok(dir) = tempfile::tempdir() else { return eprintln!("no temp dir") };
    let corpus = dir.path().join("corpus.jsonl");
    let lines: Vec<String> = rroom::corpus::synth::jsonl(20_000, 3, 42).collect();
    if std::fs::write(&corpus, lines.join("\n") + "\n").is_err() {
        return eprintln!("cannot write the corpus");
    }
    let index = dir.path().join("index/corpus.sqlite3");
    let roots = vec![corpus.clone()];
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Default::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    if let Err(e) = SqliteLibrary::open(&index, roots.clone(), options, &mut |_| {}) {
        return eprintln!("no index: {e}");
    }
    let indexed = || {
        let src = source::indexed(roots.clone(), index.clone(), LoadOptions::default(), false);
        App::new(src.catalog, Keymap::default(), Theme::dark(), W, H)
    };
    let mut g = c.benchmark_group("open_to_first_frame/synthetic_20k");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    let mut term = match Terminal::new(TestBackend::new(W, H)) {
        Ok(t) => t,
        Err(e) => return eprintln!("no test terminal: {e}"),
    };
    g.bench_function("index", |b| {
        b.iter(|| {
            let app = indexed();
            let _ = term.draw(|f| ui::render(&app, f));
        })
    });
    g.bench_function("memory", |b| {
        b.iter(|| {
            let app = App::new(Corpus::load(&roots), Keymap::default(), Theme::dark(), W, H);
            let _ = term.draw(|f| ui::render(&app, f));
        })
    });
    g.finish();
    let whole = std::sync::Arc::new(Corpus::load(&roots));
    case(c, "synthetic_20k", "list_move_memory", app_for(&whole), &[], &down_and_up());
    case(c, "synthetic_20k", "list_move_index", indexed(), &[], &down_and_up());
    // Far jumps: G and g alone (after the first two, their rows and
    // articles are cached)...
    let jumps = [ch('G'), ch('g')];
    case(c, "synthetic_20k", "list_jump_memory", app_for(&whole), &[], &jumps);
    case(c, "synthetic_20k", "list_jump_index", indexed(), &[], &jumps);
    // ...and over rows never read: a page at a time down 400 pages, G, up
    // 400 pages, g (8,000 rows each way: more than the row cache keeps, so
    // every page and both jumps read rows and an article not cached).
    let mut sweep = vec![key(KeyCode::PageDown); 400];
    sweep.push(ch('G'));
    sweep.extend(vec![key(KeyCode::PageUp); 400]);
    sweep.push(ch('g'));
    sweep_case("list_sweep_memory", app_for(&whole), &sweep);
    sweep_case("list_sweep_index", indexed(), &sweep);
}

/// The keys of `cycle` pressed in turn, [`PRESSES`] of them: p50 and p99 of
/// every key, and of the far jumps (`G`, `g`) alone.
fn sweep_case(name: &str, mut app: App, cycle: &[Event]) {
    let mut term = match Terminal::new(TestBackend::new(W, H)) {
        Ok(t) => t,
        Err(e) => return eprintln!("no test terminal: {e}"),
    };
    let (mut all, mut jumps, mut cpu) = (Vec::new(), Vec::new(), Vec::new());
    for ev in cycle.iter().cycle().take(PRESSES) {
        let before = thread_cpu();
        let took = press(&mut app, &mut term, ev);
        cpu.push(thread_cpu().saturating_sub(before));
        all.push(took);
        if matches!(ev, Event::Key(k) if matches!(k.code, KeyCode::Char('G' | 'g'))) {
            jumps.push(took);
        }
    }
    report(&format!("sweep/{name}"), all);
    // The UI thread's own CPU time: the work, without the time the
    // scheduler gave other processes (the p99 above, on a loaded machine).
    report(&format!("sweep/{name}/cpu"), cpu);
    let n = jumps.len();
    let worst = jumps.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let (p50, _) = percentiles(jumps);
    println!("latency sweep/{name}/G_g: p50 {p50:.3} ms, worst {worst:.3} ms ({n} keys)");
}

/// The same sweep over an index built beforehand (`RROOM_BENCH_TUI_INDEX`:
/// the index file, `RROOM_BENCH_TUI_CORPUS`: what it was built from), such
/// as a million articles; no in-memory baseline (it would not fit).
fn over_big_index(_: &mut Criterion) {
    use rroom::corpus::LoadOptions;
    use rroom::tui::source;
    let (Some(index), Some(corpus)) =
        (std::env::var_os("RROOM_BENCH_TUI_INDEX"), std::env::var_os("RROOM_BENCH_TUI_CORPUS"))
    else {
        return;
    };
    let src = source::indexed(vec![corpus.into()], index.into(), LoadOptions::default(), false);
    let app = App::new(src.catalog, Keymap::default(), Theme::dark(), W, H);
    let mut sweep = vec![key(KeyCode::PageDown); 400];
    sweep.push(ch('G'));
    sweep.extend(vec![key(KeyCode::PageUp); 400]);
    sweep.push(ch('g'));
    sweep_case("big_index_sweep", app, &sweep);
}

/// `RROOM_BENCH_TUI=over_index` (a comma-separated list of these
/// functions' names) runs only those; all by default.
fn only(name: &str, run: fn(&mut Criterion)) -> impl Fn(&mut Criterion) {
    move |c| {
        let wanted = std::env::var("RROOM_BENCH_TUI").ok();
        if wanted.as_deref().is_none_or(|w| w.split(',').any(|n| n.trim() == name)) {
            run(c)
        }
    }
}

fn all(c: &mut Criterion) {
    only("bbc", bbc)(c);
    only("synthetic", synthetic)(c);
    only("slow_store", slow_store)(c);
    only("over_index", over_index)(c);
    only("over_big_index", over_big_index)(c);
}

criterion_group!(benches, all);
criterion_main!(benches);
