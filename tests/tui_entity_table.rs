//! The sidebar's corpus counts, its reach (`f`: the articles that name an
//! entity) and the notes overlay's `@` filter over an indexed corpus,
//! answered from the library's stored entity table by the corpus worker,
//! the same as over the corpus in memory; corrections made in the sidebar
//! reach the counts. No whole corpus entity index is built: the reading
//! room's code never asks for one (the last test reads its source). Worker
//! answers are run here as the worker runs them, or come through the real
//! loop; nothing waits on a clock.

mod common;

use common::screen::frame_showing;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::{Corpus, LoadOptions};
use rroom::library::SqliteLibrary;
use rroom::library::sqlite::OpenOptions;
use rroom::notes::{EntityRef, NewNote, Store, Target};
use rroom::tui::app::App;
use rroom::tui::catalog::Engine;
use rroom::tui::corpus_worker::CorpusJob;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::event::AppEvent;
use rroom::tui::keymap::Keymap;
use rroom::tui::layout::Pane;
use rroom::tui::library_worker::LibraryJob;
use rroom::tui::styles::Theme;
use rroom::tui::work::Work;
use rroom::tui::{Exit, Runtime, run_loop, source, ui};

const W: u16 = 120;
const H: u16 = 40;

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(W, H)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term.backend().to_string()
}

/// The seeds in a folder, indexed (as `rroom index` leaves it, but for the
/// entity table: the first ask makes it).
fn indexed_seeds(dir: &Path) -> (PathBuf, PathBuf) {
    let corpus = dir.join("seeds");
    std::fs::create_dir_all(&corpus).unwrap();
    for (name, bytes) in rroom::corpus::SEEDS {
        std::fs::write(corpus.join(Path::new(name).file_name().unwrap()), bytes).unwrap();
    }
    let index = dir.join("index/seeds.sqlite3");
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Default::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(&index, vec![corpus.clone()], options, &mut |_| {}).unwrap();
    (corpus, index)
}

/// The reading room over the index, and over the same corpus in memory.
fn both(dir: &Path) -> (App, App) {
    let (corpus, index) = indexed_seeds(dir);
    let over_index = source::indexed(vec![corpus.clone()], index, LoadOptions::default(), false);
    assert_eq!(over_index.catalog.engine(), Engine::Index);
    let a = App::new(over_index.catalog, Keymap::default(), Theme::dark(), W, H);
    let b = App::new(Corpus::load(&[corpus]), Keymap::default(), Theme::dark(), W, H);
    (a, b)
}

/// The sidebar in focus, on the entity `name` of the open article.
fn on_entity(a: &mut App, name: &str) {
    a.handle_event(&key('l'));
    a.handle_event(&key('l'));
    assert_eq!(a.focus, Pane::Sidebar);
    a.handle_event(&key('g'));
    for _ in 0..40 {
        if a.selected_entity().is_some_and(|e| e.name == name) {
            return;
        }
        a.handle_event(&key('j'));
    }
    let names: Vec<&str> = a.entities().iter().map(|e| e.name.as_str()).collect();
    panic!("no entity {name} in the sidebar of article {:?}: {names:?}\n{}", a.current(), screen(a));
}

/// The articles `f` lists for the selected entity, once the worker has said.
fn reach_listed(a: &mut App) -> Vec<usize> {
    a.handle_event(&key('f'));
    assert!(a.status.as_deref().is_some_and(|s| s.contains("finding")), "{:?}", a.status);
    assert_eq!(a.answer_corpus_jobs_here(), 1, "one ask of the corpus worker");
    let filter = a.list.filter.as_ref().expect("the list shows the articles that mention it");
    let listed = filter.rows.iter().map(|r| r.index).collect();
    a.handle_event(&esc());
    listed
}

#[test]
fn over_the_index_the_sidebar_counts_and_reach_are_those_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = both(dir.path());
    for app in [&mut a, &mut b] {
        app.handle_event(&key('l'));
        app.handle_event(&key('l'));
    }
    // Asked once, for the open article; nothing else is built.
    let work = a.take_work();
    let asked: Vec<&CorpusJob> = work
        .iter()
        .filter_map(|w| match w {
            Work::Corpus(job) => Some(job),
            _ => None,
        })
        .collect();
    assert!(matches!(asked.as_slice(), [CorpusJob::InCorpus { article: 0, .. }]), "{work:?}");
    assert!(a.take_work().iter().all(|w| !matches!(w, Work::Corpus(_))), "asked once");
    assert!(screen(&a).contains("indexing the corpus…"), "until the worker answers");
    // The answer (the job as the worker runs it) fills the sidebar's counts.
    let opener = a.catalog.opener();
    for job in asked {
        a.on_corpus(job.run_with(&opener));
    }
    b.answer_corpus_jobs_here();
    let n = a.entities().len();
    assert!(n >= 10, "{n} entities in the first seed");
    assert_eq!(a.entities(), b.entities());
    let mut compared = 0;
    for _ in 0..n {
        let (ra, rb) = (a.selected_entity_reach(), b.selected_entity_reach());
        assert!(ra.is_some(), "{:?}", a.selected_entity().map(|e| &e.name));
        assert_eq!(ra, rb, "{:?}", a.selected_entity().map(|e| &e.name));
        let others = ra.unwrap_or(0).saturating_sub(1);
        assert!(screen(&a).contains(&format!("in {others} more")), "{}", screen(&a));
        compared += 1;
        a.handle_event(&key('j'));
        b.handle_event(&key('j'));
    }
    assert!(compared >= 10);
    // `f`: the same articles, in the same order.
    for name in ["Tehrik-e-Taliban Pakistan", "Kabul", "Amir Khan Muttaqi"] {
        on_entity(&mut a, name);
        on_entity(&mut b, name);
        let (la, lb) = (reach_listed(&mut a), reach_listed(&mut b));
        assert!(!la.is_empty() && la.contains(&0), "{name}: {la:?}");
        assert_eq!(la, lb, "{name}");
    }
}

#[test]
fn over_the_index_at_an_alias_in_all_notes_finds_the_notes_on_its_entity() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, _) = both(dir.path());
    let store = Store::open(&dir.path().join("data")).unwrap();
    let article = a.catalog.id(0).unwrap();
    let target = Target::Entity(EntityRef::new(
        "Tehrik-e-Taliban Pakistan",
        rroom::entities::EntityKind::Organization,
    ));
    store.add(NewNote { article, target, text: "who funds them".into() }).unwrap();
    let mut notes = NotesRuntime::with_store(store);
    a.set_notes(notes.all(), Vec::new());
    a.handle_event(&key('M'));
    for c in "@ttp".chars() {
        a.handle_event(&key(c));
    }
    assert!(a.notes_view_rows().is_empty(), "by the name's text until the worker says");
    assert_eq!(a.answer_corpus_jobs_here(), 1, "the name asked once, as typed last");
    assert_eq!(a.notes_view_rows().len(), 1, "{}", screen(&a));
    assert_eq!(a.answer_corpus_jobs_here(), 0, "not asked again");
    // Typing on: @ttp's answer stands until @ttpx's comes.
    a.handle_event(&key('x'));
    assert_eq!(a.notes_view_rows().len(), 1, "no blink while the answer is on its way");
    assert_eq!(a.answer_corpus_jobs_here(), 1);
    assert_eq!(a.notes_view_rows().len(), 0, "@ttpx names nothing");
    a.handle_event(&Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    a.answer_corpus_jobs_here();
    assert_eq!(a.notes_view_rows().len(), 1);
    // Another name is asked for; its answer, come after the user typed on,
    // is dropped.
    a.handle_event(&Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    let stale = a.take_corpus_jobs();
    assert_eq!(stale.len(), 1);
    a.handle_event(&key('p'));
    let fresh = a.take_corpus_jobs();
    assert_eq!(fresh.len(), 1);
    let opener = a.catalog.opener();
    a.on_corpus(stale[0].run_with(&opener));
    let names = |a: &App| a.overlay.notes_view().and_then(|v| v.names.as_ref().map(|n| n.0.clone()));
    assert_eq!(names(&a).as_deref(), Some("ttp"), "@tt's answer is not kept");
    a.on_corpus(fresh[0].run_with(&opener));
    assert_eq!(a.notes_view_rows().len(), 1);
}

/// Runs the store writes the app asked for, as the store worker does, and
/// hands the outcomes back (the corrections come back as stored).
fn run_effects(app: &mut App, notes: &mut NotesRuntime) {
    let mut clipboard = Vec::new();
    for e in app.take_effects() {
        let outcome = notes.run(&e, &mut clipboard);
        app.on_outcome(outcome);
    }
}

#[test]
fn a_merge_in_the_sidebar_reaches_the_counts_over_the_index_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut b) = both(dir.path());
    let mut notes = NotesRuntime::with_store(Store::open(&dir.path().join("data")).unwrap());
    a.set_corrections(notes.corrections());
    let count = |app: &mut App, name: &str| {
        on_entity(app, name);
        app.answer_corpus_jobs_here();
        app.selected_entity_reach().unwrap_or_else(|| panic!("{name} not counted"))
    };
    let russia = count(&mut a, "Russia");
    let russia_articles = reach_listed(&mut a);
    let kabul = count(&mut a, "Kabul");
    let kabul_articles = reach_listed(&mut a);
    assert!(kabul > russia, "{kabul} {russia}");
    // Merge Russia into Kabul, from the sidebar.
    on_entity(&mut a, "Russia");
    a.handle_event(&key('+'));
    on_entity(&mut a, "Kabul");
    a.handle_event(&key('+'));
    run_effects(&mut a, &mut notes);
    assert_eq!(notes.corrections().len(), 1, "{:?}", a.status);
    assert!(!a.entities().iter().any(|e| e.name == "Russia"), "gone from the sidebar at once");
    assert!(a.selected_entity_reach().is_none(), "the old counts are not shown for the new corrections");
    // The worker's handle for the new corrections remakes the table.
    let merged = count(&mut a, "Kabul");
    b.set_corrections(notes.corrections());
    assert_eq!(merged, count(&mut b, "Kabul"), "as in memory with the same correction");
    assert!(merged >= kabul, "{merged} {kabul}");
    let merged_articles = reach_listed(&mut a);
    assert!(kabul_articles.iter().chain(&russia_articles).all(|x| merged_articles.contains(x)));
    // Undone: the counts are what they were.
    a.handle_event(&key('U'));
    run_effects(&mut a, &mut notes);
    assert!(notes.corrections().is_empty());
    assert_eq!(count(&mut a, "Russia"), russia);
    assert_eq!(count(&mut a, "Kabul"), kabul);
}

#[test]
fn through_the_loop_the_corpus_worker_answers_the_sidebar_and_f_over_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (a, mut b) = both(dir.path());
    let first = b.entities()[0].name.clone();
    on_entity(&mut b, &first);
    b.answer_corpus_jobs_here();
    let others = b.selected_entity_reach().expect("counted in memory").saturating_sub(1);
    let (mut terminal, frames) = common::screen::watched_terminal(W, H);
    let (tx, events) = sync_channel(64);
    let wake = tx.clone();
    let user = std::thread::spawn(move || {
        let send = |ev: Event| tx.send(AppEvent::Input(ev)).unwrap();
        send(key('l'));
        send(key('l'));
        let counted = frame_showing(&frames, "more · ");
        send(key('f'));
        let listed = frame_showing(&frames, "; Esc shows all");
        tx.send(AppEvent::InputClosed).unwrap();
        (counted, listed)
    });
    let mut notes = NotesRuntime::none();
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, wake);
    let exit = run_loop(&mut terminal, a, &events, rt).unwrap();
    assert_eq!(exit, Exit::TerminalGone);
    let (counted, listed) = user.join().unwrap();
    let counted = counted.expect("the counts arrive from the worker");
    assert!(counted.contains(&format!("in {others} more")), "{counted}");
    let listed = listed.expect("f lists the articles that mention it");
    assert!(listed.contains(&format!("{} article", others + 1)), "{listed}");
}

/// The reading room's code never asks for the whole corpus entity index:
/// over a million articles it would not fit (tests may, to compare).
#[test]
fn the_reading_room_never_builds_the_corpus_entity_index() {
    let tui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    let mut dirs = vec![tui];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests at the end of a file may compare with it.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            for forbidden in ["entity_index", "CorpusIndex"] {
                assert!(!line.contains(forbidden), "{}:{}: {forbidden}: {line}", file.display(), n + 1);
            }
        }
    }
}
