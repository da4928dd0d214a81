//! The reading room over the library's index: the same list, reader and
//! entities as over the corpus read whole (the seeds, and a small corpus of
//! text, Markdown and JSONL in folders), and a file dropped into a watched
//! corpus folder showing up with the "N new" marker while the real event
//! loop runs. Everything lives in temporary directories.

mod common;

use common::screen::frame_showing;
use std::path::{Path, PathBuf};
use std::sync::mpsc::sync_channel;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::{Corpus, LoadOptions, synth};
use rroom::library::SqliteLibrary;
use rroom::library::sqlite::OpenOptions;
use rroom::tui::app::App;
use rroom::tui::catalog::Engine;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::event::AppEvent;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;
use rroom::tui::{Exit, Runtime, run_loop, source, ui, updater};

const W: u16 = 120;
const H: u16 = 36;

fn key(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

/// A folder holding the seeds.
fn seeds_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("seeds");
    std::fs::create_dir_all(&corpus).unwrap();
    for (name, bytes) in rroom::corpus::SEEDS {
        std::fs::write(corpus.join(Path::new(name).file_name().unwrap()), bytes).unwrap();
    }
    corpus
}

/// A small corpus of every kind of file the index reads back differently:
/// text and Markdown (read and parsed again whole) in a section folder,
/// and JSONL (one line read alone).
fn mixed_corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("mixed");
    let world = corpus.join("world");
    std::fs::create_dir_all(&world).unwrap();
    let mut rng = synth::Rng::new(5);
    for i in 0..4 {
        let text = format!("{}\n\n{}\n", synth::title(&mut rng), synth::body(&mut rng, 3));
        std::fs::write(world.join(format!("{i}.txt")), text).unwrap();
    }
    let md = format!(
        "# {}\n\n{}\n\n## More\n\n{}\n",
        synth::title(&mut rng),
        synth::body(&mut rng, 2),
        synth::body(&mut rng, 1)
    );
    std::fs::write(corpus.join("note.md"), md).unwrap();
    let lines: Vec<String> = synth::jsonl(9, 2, 7).collect();
    std::fs::write(corpus.join("wire.jsonl"), lines.join("\n") + "\n").unwrap();
    corpus
}

/// Builds (or updates) the index of `corpus` at `index`.
fn build_index(corpus: &Path, index: &Path) {
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Default::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(index, vec![corpus.to_path_buf()], options, &mut |_| {}).unwrap();
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(W, H)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term.backend().to_string()
}

/// Walks both apps through every article, in the list and the sidebar,
/// and compares what they draw.
fn same_screens(corpus: &Path, index: &Path) {
    build_index(corpus, index);
    let roots = vec![corpus.to_path_buf()];
    let over_index = source::indexed(roots.clone(), index.to_path_buf(), LoadOptions::default(), false);
    assert_eq!(over_index.catalog.engine(), Engine::Index);
    let whole = Corpus::load(&roots);
    let n = whole.articles.len();
    assert!(n >= 5, "{n} articles");
    let mut a = App::new(over_index.catalog, Keymap::default(), Theme::dark(), W, H);
    let mut b = App::new(whole, Keymap::default(), Theme::dark(), W, H);
    assert_eq!(a.catalog.len(), n);
    let mut entities = 0;
    for i in 0..n {
        assert_eq!(screen(&a), screen(&b), "article {i}: list and reader");
        assert_eq!(a.entities(), b.entities(), "article {i}: entities");
        entities += a.entities().len();
        // The sidebar in focus, an entity picked: its mentions highlighted.
        for app in [&mut a, &mut b] {
            app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
            app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
        }
        assert_eq!(screen(&a), screen(&b), "article {i}: sidebar");
        for app in [&mut a, &mut b] {
            app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
            app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE)));
        }
    }
    assert!(entities > 0, "no entities were compared");
}

#[test]
fn over_the_index_the_seeds_look_the_same_as_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seeds_corpus(dir.path());
    same_screens(&corpus, &dir.path().join("index/seeds.sqlite3"));
}

#[test]
fn over_the_index_text_markdown_and_jsonl_look_the_same_as_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = mixed_corpus(dir.path());
    same_screens(&corpus, &dir.path().join("index/mixed.sqlite3"));
}

/// The real loop over an index whose corpus folder is watched: a file
/// dropped into it while the reading room is open is indexed and shows up
/// with the "1 new" marker, and the list has it.
#[test]
fn a_file_dropped_into_a_watched_folder_appears_as_new() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = seeds_corpus(dir.path());
    let index = dir.path().join("index/seeds.sqlite3");
    build_index(&corpus, &index);
    let src = source::indexed(vec![corpus.clone()], index, LoadOptions::default(), false);
    let app = App::new(src.catalog, Keymap::default(), Theme::dark(), W, H);

    let (mut terminal, frames) = common::screen::watched_terminal(W, H);
    let (tx, events) = sync_channel(64);
    // The file is dropped once the watcher is set up.
    let (_updater, watching) = common::watched::start_updater(src.update.unwrap(), tx.clone());
    let wake = tx.clone();
    let dropped = corpus.join("zz_dropped.txt");
    let user = std::thread::spawn(move || {
        let first = frame_showing(&frames, "1/5").is_some();
        if watching.recv() != Ok(true) {
            tx.send(key('q')).unwrap();
            return (first, false, false);
        }
        let mut rng = synth::Rng::new(99);
        let text = format!("Dropped in while open\n\n{}\n", synth::body(&mut rng, 2));
        std::fs::write(&dropped, text).unwrap();
        let marked = frame_showing(&frames, "1 new").is_some();
        tx.send(key('G')).unwrap();
        let listed = frame_showing(&frames, "Dropped in while open").is_some();
        tx.send(key('q')).unwrap();
        (first, marked, listed)
    });
    let mut notes = NotesRuntime::none();
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, wake);
    let exit = run_loop(&mut terminal, app, &events, rt).unwrap();
    let (first, marked, listed) = user.join().unwrap();
    assert!(first, "the list was drawn from the index");
    assert!(marked, "the dropped file was marked new");
    assert!(listed, "the dropped file is in the list");
    assert_eq!(exit, Exit::Quit);
}

/// Where the BBC corpus is: `RROOM_BENCH_CORPUS`, or `../shared/corpora/bbc`
/// next to the project.
fn bbc() -> Option<PathBuf> {
    let path = std::env::var_os("RROOM_BENCH_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc"));
    path.is_dir().then_some(path)
}

/// The screen without its status line (the corpus read whole counts its
/// skipped read-me there; the index leaves that to `rroom list`).
fn panes(app: &App) -> String {
    let s = screen(app);
    let lines: Vec<&str> = s.lines().collect();
    lines[..lines.len() - 1].join("\n")
}

/// On BBC (when it is there): every article's entities, and the screens of
/// every 20th article, the same over the index as in memory.
#[test]
fn over_the_index_bbc_looks_the_same_as_in_memory() {
    let Some(corpus) = bbc() else {
        eprintln!("note: the BBC corpus is not there; skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index/bbc.sqlite3");
    build_index(&corpus, &index);
    let roots = vec![corpus.clone()];
    let over_index = source::indexed(roots.clone(), index, LoadOptions::default(), false);
    let whole = Corpus::load(&roots);
    let n = whole.articles.len();
    let mut a = App::new(over_index.catalog, Keymap::default(), Theme::dark(), W, H);
    let mut b = App::new(whole, Keymap::default(), Theme::dark(), W, H);
    assert_eq!(a.catalog.len(), n);
    for i in 0..n {
        a.open_article(i);
        b.open_article(i);
        // A long article is extracted on the worker in memory (stored over
        // the index): done here, as the worker would.
        if let Some(job) = b.take_extraction() {
            let library = (b.catalog.opener())(&Default::default()).unwrap();
            b.on_extracted(job.run(&*library));
        }
        assert_eq!(a.entities(), b.entities(), "article {i}: entities");
        if i % 20 == 0 {
            assert_eq!(panes(&a), panes(&b), "article {i}");
        }
    }
}

/// While the index is brought up to date the status line says how far it
/// is, and says nothing once it is done; a failed update says why.
#[test]
fn the_status_line_shows_the_update_in_progress() {
    use rroom::library::update::{Progress, Report};
    use updater::LibraryNews;
    let mut app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), W, H);
    let progress = Progress { files_done: 3, files_total: 40, articles: 7, ..Progress::default() };
    app.on_library(LibraryNews::Progress(progress));
    assert!(screen(&app).contains("indexing 3/40 files, 7 articles"), "{}", screen(&app));
    app.on_library(LibraryNews::Updated { report: Report::default(), watched: false });
    assert!(!screen(&app).contains("indexing"), "{}", screen(&app));
    assert!(!screen(&app).contains(" new"), "nothing new: {}", screen(&app));
    app.on_library(LibraryNews::Failed("disk full".into()));
    assert!(screen(&app).contains("could not be brought up to date: disk full"), "{}", screen(&app));
}
