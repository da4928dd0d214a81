//! The analyst's desk in the reading room, sidebar and reader side (issue
//! 14): who appears with whom (`c`, Enter lists the articles naming both),
//! the article's URL (`L` copies it; `tests/desk_links.rs`: and opens it), citations with date and URL (`y`).
//! Worker answers are run here as the worker runs them, or come through
//! the real loop; nothing waits on a clock.

mod common;

use common::screen::frame_showing;
use std::sync::mpsc::sync_channel;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::tui::app::App;
use rroom::tui::desk_worker::DeskJob;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::event::AppEvent;
use rroom::tui::keymap::Keymap;
use rroom::tui::layout::Pane;
use rroom::tui::library_worker::LibraryJob;
use rroom::tui::styles::Theme;
use rroom::tui::work::Work;
use rroom::tui::{Exit, Runtime, run_loop};

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn enter() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
}

fn esc() -> Event {
    Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))
}

fn seeds(w: u16, h: u16) -> App {
    App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), w, h)
}

/// The desk jobs the app asked for.
fn desk_jobs(app: &mut App) -> Vec<DeskJob> {
    app.take_work()
        .into_iter()
        .filter_map(|w| match w {
            Work::Desk(job) => Some(job),
            _ => None,
        })
        .collect()
}

/// Runs the desk jobs asked for as the worker does, and hands the answers back.
fn settle(app: &mut App) -> usize {
    let jobs = desk_jobs(app);
    let library = (app.catalog.opener())(&app.corrections).unwrap();
    for job in &jobs {
        app.on_desk(job.run(&*library));
    }
    jobs.len()
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    term.draw(|f| rroom::tui::ui::render(app, f)).unwrap();
    term.backend().to_string()
}

/// In the sidebar, `c` on the entities in turn until one appears with
/// others: its name, and how many moves down it took.
fn together_shown(a: &mut App) -> (String, usize) {
    a.handle_event(&key('l'));
    a.handle_event(&key('l'));
    assert_eq!(a.focus, Pane::Sidebar);
    for moves in 0..20 {
        let name = a.selected_entity().map(|e| e.name.clone()).expect("an entity selected");
        a.handle_event(&key('c'));
        assert_eq!(settle(a), 1, "one count asked of the worker");
        let together = a.entity_pane.together.as_ref().expect("the view is open");
        assert_eq!(together.name, name);
        if !together.rows().is_empty() {
            return (name, moves);
        }
        a.handle_event(&esc());
        assert!(a.entity_pane.together.is_none(), "Esc closes the view");
        a.handle_event(&key('j'));
    }
    panic!("no entity of the first article appears with another");
}

#[test]
fn c_counts_who_appears_with_the_entity_and_enter_lists_the_articles_naming_both() {
    let mut a = seeds(120, 40);
    let (name, _) = together_shown(&mut a);
    let rows = a.entity_pane.together.as_ref().unwrap().rows().to_vec();
    assert!(rows.windows(2).all(|w| w[0].articles >= w[1].articles), "best first: {rows:?}");
    assert!(rows.iter().all(|c| c.articles >= 1 && c.name != name), "{rows:?}");
    let shown = screen(&a);
    assert!(shown.contains(&format!("With {name}")), "{shown}");
    assert!(shown.contains(&format!("{}·{}", rows[0].articles, rows[0].sentences)), "{shown}");
    // Down, then Enter: the second companion's articles.
    let at = usize::from(rows.len() > 1);
    if at == 1 {
        a.handle_event(&key('j'));
    }
    a.handle_event(&enter());
    assert!(a.status.as_deref().is_some_and(|s| s.contains("finding")), "{:?}", a.status);
    assert_eq!(a.focus, Pane::Sidebar, "the list waits for the worker");
    assert_eq!(settle(&mut a), 1);
    let filter = a.list.filter.as_ref().expect("the list shows only the articles naming both");
    assert_eq!(filter.rows.len(), rows[at].articles, "as many as the count said");
    assert_eq!(filter.query, format!("@{name} & @{}", rows[at].name));
    assert_eq!(a.focus, Pane::List);
    let status = a.status.clone().unwrap_or_default();
    assert!(status.contains(&format!("@{name} & @{}", rows[at].name)) && status.contains("Esc"), "{status}");
    // Esc shows all again.
    a.handle_event(&esc());
    assert!(a.list.filter.is_none());
}

#[test]
fn a_count_for_an_older_view_or_older_corrections_is_dropped() {
    let mut a = seeds(120, 40);
    a.handle_event(&key('l'));
    a.handle_event(&key('l'));
    a.handle_event(&key('c'));
    let jobs = desk_jobs(&mut a);
    let library = (a.catalog.opener())(&a.corrections).unwrap();
    a.handle_event(&esc());
    for job in &jobs {
        a.on_desk(job.run(&*library));
    }
    assert!(a.entity_pane.together.is_none(), "an answer opens no view");
    a.handle_event(&key('c'));
    let jobs = desk_jobs(&mut a);
    a.set_corrections(Vec::new());
    for job in &jobs {
        a.on_desk(job.run(&*library));
    }
    assert!(a.entity_pane.together.is_none(), "corrections changed: the view is gone");
}

#[test]
fn c_outside_the_sidebar_says_where_to_go() {
    let mut a = seeds(120, 40);
    a.handle_event(&key('c'));
    assert!(a.entity_pane.together.is_none());
    assert!(a.status.as_deref().is_some_and(|s| s.contains("sidebar")), "{:?}", a.status);
    assert!(desk_jobs(&mut a).is_empty());
}

/// One article with a URL (and an escape hidden in it), a date and a source.
fn with_url() -> Corpus {
    let line = serde_json::json!({
        "title": "Border talks resume",
        "source": "Dawn",
        "published": "2024-03-01",
        "url": "https://example.org/talks?id=7\u{1b}]0;pwned\u{7}",
        "body": "Officials of Pakistan and Afghanistan met in Kabul on Monday.\n\nThe border at Torkham reopened."
    });
    Corpus::from_bytes("desk.jsonl", format!("{line}\n").as_bytes())
}

/// The OSC 52 payloads written to the clipboard, decoded.
fn copies(clipboard: &[u8]) -> Vec<String> {
    use base64::Engine;
    let text = String::from_utf8_lossy(clipboard);
    text.split("\u{1b}]52;c;")
        .skip(1)
        .map(|s| {
            let payload = s.split('\u{7}').next().unwrap_or("");
            let bytes = base64::engine::general_purpose::STANDARD.decode(payload).unwrap();
            String::from_utf8(bytes).unwrap()
        })
        .collect()
}

/// Runs the real loop over `app` with `script` queued, then input closed;
/// the clipboard and the last screen.
fn scripted(app: App, script: Vec<Event>) -> (Vec<u8>, String) {
    let mut notes = NotesRuntime::none();
    let (tx, events) = sync_channel(script.len() + 2);
    for ev in script {
        tx.send(AppEvent::Input(ev)).unwrap();
    }
    tx.send(AppEvent::InputClosed).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, tx);
    let exit = run_loop(&mut terminal, app, &events, rt).unwrap();
    assert_eq!(exit, Exit::TerminalGone);
    let screen = terminal.backend().to_string();
    (clipboard, screen)
}

#[test]
fn the_reader_shows_the_url_and_l_copies_it_without_the_escape() {
    let app = App::new(with_url(), Keymap::default(), Theme::dark(), 120, 40);
    let (clipboard, screen) = scripted(app, vec![enter(), key('L')]);
    assert!(screen.contains("↗ https://example.org/talks?id=7"), "{screen}");
    assert!(!screen.contains('\u{1b}'));
    let copied = copies(&clipboard);
    assert_eq!(copied.len(), 1, "{copied:?}");
    assert!(copied[0].starts_with("https://example.org/talks?id=7"), "{:?}", copied[0]);
    assert!(!copied[0].chars().any(char::is_control), "no escape in the payload: {:?}", copied[0]);
    assert!(screen.contains("copied to the clipboard"), "{screen}");
}

#[test]
fn l_on_an_article_without_a_url_copies_nothing() {
    let app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 40);
    let (clipboard, screen) = scripted(app, vec![enter(), key('L')]);
    assert!(clipboard.is_empty());
    assert!(screen.contains("no URL"), "{screen}");
}

#[test]
fn y_cites_the_article_and_a_passage_with_date_and_url() {
    let app = App::new(with_url(), Keymap::default(), Theme::dark(), 120, 40);
    let (clipboard, _) = scripted(app, vec![enter(), key('y'), key('v'), key(')'), key('y')]);
    let copied = copies(&clipboard);
    assert_eq!(copied.len(), 2, "{copied:?}");
    assert!(copied[0].starts_with("Border talks resume, Dawn, 2024-03-01. https://example.org/talks?id=7"));
    assert!(copied[1].starts_with("“Officials of Pakistan"), "{:?}", copied[1]);
    assert!(copied[1].contains("— Border talks resume, Dawn, 2024-03-01. https://example.org/"));
    assert!(copied.iter().all(|c| !c.chars().any(char::is_control)), "{copied:?}");
}

#[test]
fn through_the_loop_the_desk_worker_answers_c_and_enter() {
    let app = seeds(120, 40);
    // The first entity that appears with another, found as the test above.
    let mut probe = seeds(120, 40);
    let (name, moves) = together_shown(&mut probe);
    let (mut terminal, frames) = common::screen::watched_terminal(120, 40);
    let (tx, events) = sync_channel(64);
    let wake = tx.clone();
    let user = std::thread::spawn(move || {
        let send = |ev: Event| tx.send(AppEvent::Input(ev)).unwrap();
        send(key('l'));
        send(key('l'));
        for _ in 0..moves {
            send(key('j'));
        }
        send(key('c'));
        let counted = frame_showing(&frames, "articles·sentences");
        send(enter());
        let listed = frame_showing(&frames, "; Esc shows all");
        tx.send(AppEvent::InputClosed).unwrap();
        (counted, listed)
    });
    let mut notes = NotesRuntime::none();
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, wake);
    let exit = run_loop(&mut terminal, app, &events, rt).unwrap();
    assert_eq!(exit, Exit::TerminalGone);
    let (counted, listed) = user.join().unwrap();
    let counted = counted.expect("the counts arrive from the worker");
    assert!(counted.contains(&format!("With {name}")), "{counted}");
    let listed = listed.expect("Enter lists the articles naming both");
    assert!(listed.contains(&format!("@{name} & @")), "{listed}");
}

#[test]
fn snapshot_together_at_80x24() {
    let mut a = seeds(80, 24);
    together_shown(&mut a);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn snapshot_reader_with_url_at_80x24() {
    let mut a = App::new(with_url(), Keymap::default(), Theme::dark(), 80, 24);
    a.handle_event(&enter());
    insta::assert_snapshot!(screen(&a));
}

/// Runs the store writes the app asked for on `notes`, as the store worker
/// does, and hands the outcomes back; then the desk jobs they lead to.
fn store_and_settle(app: &mut App, notes: &mut NotesRuntime) {
    loop {
        let work = app.take_work();
        if work.is_empty() {
            return;
        }
        let library = (app.catalog.opener())(&app.corrections).unwrap();
        for w in work {
            match w {
                Work::Store(effect) => {
                    let outcome = notes.run(&effect, &mut Vec::new());
                    app.on_outcome(outcome);
                }
                Work::Desk(job) => app.on_desk(job.run(&*library)),
                _ => {}
            }
        }
    }
}

#[test]
fn w_on_a_sidebar_entity_adds_a_watch_and_the_pane_counts_it_and_enter_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = NotesRuntime::with_store(rroom::notes::Store::open(dir.path()).unwrap());
    let mut a = seeds(120, 40);
    a.handle_event(&key('l'));
    a.handle_event(&key('l'));
    let name = a.selected_entity().map(|e| e.name.clone()).unwrap();
    a.handle_event(&key('w'));
    assert!(a.status.as_deref().is_some_and(|s| s.contains("adding")), "{:?}", a.status);
    store_and_settle(&mut a, &mut notes);
    assert!(
        a.status.as_deref().is_some_and(|s| s.contains(&format!("watching \"{name}\""))),
        "{:?}",
        a.status
    );
    let stored = rroom::notes::Store::open(dir.path()).unwrap().watches().unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].name, name);
    let total = match a.watches.counts.get(&stored[0].id) {
        Some(Ok(e)) => {
            assert_eq!(e.new, 0, "what a watch matches when added is seen");
            e.total()
        }
        other => panic!("not counted: {other:?}"),
    };
    assert!(total >= 1);
    // `w` again: already watched.
    a.handle_event(&key('w'));
    assert!(a.status.as_deref().is_some_and(|s| s.contains("already watching")), "{:?}", a.status);
    // `W`: the pane, with the count.
    a.handle_event(&key('W'));
    store_and_settle(&mut a, &mut notes);
    assert!(a.watches.open && a.focus == Pane::Sidebar);
    let shown = screen(&a);
    assert!(shown.contains("Watches") && shown.contains(&format!(" {total} ·0")), "{shown}");
    a.handle_event(&enter());
    let filter = a.list.filter.as_ref().expect("the list shows the watch's matches");
    assert_eq!(filter.rows.len(), total);
    let positions: Vec<usize> = filter.rows.iter().map(|r| r.index).collect();
    assert!(positions.windows(2).all(|w| w[0] > w[1]), "newest first: {positions:?}");
    assert_eq!(a.focus, Pane::List);
}

#[test]
fn new_since_last_looked_counts_and_enter_marks_them_looked() {
    let dir = tempfile::tempdir().unwrap();
    let store = rroom::notes::Store::open(dir.path()).unwrap();
    let mut a = seeds(120, 40);
    let library = (a.catalog.opener())(&a.corrections).unwrap();
    // A watch added before any of these articles were there: all are new.
    let query = rroom::watch::resolve(&*library, "@Taliban").unwrap();
    store.add_watch("Taliban", &query, &Default::default(), 0).unwrap();
    let mut notes = NotesRuntime::with_store(store);
    a.set_watches(notes.watches());
    store_and_settle(&mut a, &mut notes);
    let id = a.watches.watches[0].id;
    let Some(Ok(e)) = a.watches.counts.get(&id).cloned() else { panic!("not counted") };
    assert!(e.total() > 1 && e.new == e.total(), "{} total, {} new", e.total(), e.new);
    a.handle_event(&key('W'));
    let shown = screen(&a);
    assert!(shown.contains(&format!(" {} +{}", e.total(), e.new)), "{shown}");
    a.handle_event(&enter());
    assert!(a.status.as_deref().is_some_and(|s| s.contains(&format!("{} new", e.new))), "{:?}", a.status);
    store_and_settle(&mut a, &mut notes);
    let Some(Ok(after)) = a.watches.counts.get(&id) else { panic!("not counted") };
    assert_eq!((after.total(), after.new), (e.total(), 0), "looked at: none new, counted from the store");
    // More new ones later (as after the library's file watcher): a notice.
    let mut grown = after.clone();
    grown.new = 2;
    let generation = a.index_generation;
    a.on_desk(rroom::tui::desk_worker::DeskAnswer::Evaluated { generation, counts: vec![(id, Ok(grown))] });
    assert!(a.status.as_deref().is_some_and(|s| s.contains("Taliban +2")), "{:?}", a.status);
}

#[test]
fn watched_names_are_drawn_in_their_own_style_with_a_cue_beyond_color() {
    let dir = tempfile::tempdir().unwrap();
    let store = rroom::notes::Store::open(dir.path()).unwrap();
    let mut a = seeds(120, 40);
    let library = (a.catalog.opener())(&a.corrections).unwrap();
    let query = rroom::watch::resolve(&*library, "@Taliban").unwrap();
    store.add_watch("Taliban", &query, &Default::default(), 0).unwrap();
    let notes = NotesRuntime::with_store(store);
    let styled = |a: &App| {
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        term.draw(|f| rroom::tui::ui::render(a, f)).unwrap();
        let buf = term.backend().buffer().clone();
        let reader = a.panes().get(Pane::Reader).unwrap();
        let want = a.theme.watched.add_modifier;
        (reader.y..reader.y + reader.height)
            .flat_map(|y| (reader.x..reader.x + reader.width).map(move |x| (x, y)))
            .filter(|&(x, y)| {
                buf[(x, y)].modifier.contains(want) && buf[(x, y)].fg == a.theme.watched.fg.unwrap()
            })
            .count()
    };
    assert_eq!(styled(&a), 0, "nothing watched yet");
    a.set_watches(notes.watches());
    let watched = styled(&a);
    assert!(watched >= "Taliban".len(), "{watched} cells");
    let mono = rroom::tui::styles::Theme::mono();
    assert!(
        mono.watched.add_modifier.contains(ratatui::style::Modifier::UNDERLINED),
        "without color, underlined"
    );
}

#[test]
fn snapshot_watch_pane_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let store = rroom::notes::Store::open(dir.path()).unwrap();
    let mut a = seeds(80, 24);
    let library = (a.catalog.opener())(&a.corrections).unwrap();
    for (name, typed) in [("Taliban", "@Taliban"), ("Torkham border", "torkham border")] {
        let query = rroom::watch::resolve(&*library, typed).unwrap();
        store.add_watch(name, &query, &Default::default(), 0).unwrap();
    }
    let mut notes = NotesRuntime::with_store(store);
    a.set_watches(notes.watches());
    store_and_settle(&mut a, &mut notes);
    a.handle_event(&key('W'));
    store_and_settle(&mut a, &mut notes);
    insta::assert_snapshot!(screen(&a));
}

/// The real loop over an index whose corpus folder is watched: a file that
/// a watch matches, dropped in while the reading room is open, raises the
/// watch's new count, with a notice in the status line.
#[test]
fn a_file_arriving_while_open_raises_a_watchs_new_count_with_a_notice() {
    use rroom::corpus::LoadOptions;
    use rroom::library::SqliteLibrary;
    use rroom::library::sqlite::OpenOptions;
    use rroom::tui::source;

    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("seeds");
    std::fs::create_dir_all(&corpus).unwrap();
    for (name, bytes) in rroom::corpus::SEEDS {
        std::fs::write(corpus.join(std::path::Path::new(name).file_name().unwrap()), bytes).unwrap();
    }
    let index = dir.path().join("index/seeds.sqlite3");
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Default::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(&index, vec![corpus.clone()], options, &mut |_| {}).unwrap();
    let store = rroom::notes::Store::open(&dir.path().join("data")).unwrap();
    let query = rroom::watch::WatchQuery::Text { query: "zanzibar".into() };
    store.add_watch("zanzibar", &query, &Default::default(), 0).unwrap();
    let mut notes = NotesRuntime::with_store(store);

    let src = source::indexed(vec![corpus.clone()], index, LoadOptions::default(), false);
    let mut app = App::new(src.catalog, Keymap::default(), Theme::dark(), 120, 36);
    app.set_watches(notes.watches());
    let (mut terminal, frames) = common::screen::watched_terminal(120, 36);
    let (tx, events) = sync_channel(64);
    // The file is dropped once the watcher is set up.
    let (_updater, watching) = common::watched::start_updater(src.update.unwrap(), tx.clone());
    let wake = tx.clone();
    let dropped = corpus.join("zz_dropped.txt");
    let user = std::thread::spawn(move || {
        tx.send(AppEvent::Input(key('W'))).unwrap();
        let counted = frame_showing(&frames, "zanzibar            0 ·0").is_some();
        if watching.recv() != Ok(true) {
            tx.send(AppEvent::Input(key('q'))).unwrap();
            return (counted, None);
        }
        let text =
            "Ferry resumes to Zanzibar\n\nThe ferry to Zanzibar sailed again on Monday after repairs.\n";
        std::fs::write(&dropped, text).unwrap();
        let notice = frame_showing(&frames, "new for your watches: zanzibar +1");
        tx.send(AppEvent::Input(key('q'))).unwrap();
        (counted, notice)
    });
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, wake);
    let exit = run_loop(&mut terminal, app, &events, rt).unwrap();
    let (counted, notice) = user.join().unwrap();
    assert!(counted, "the watch was counted (none yet)");
    let notice = notice.expect("the new article raised the count, with a notice");
    assert!(notice.contains("zanzibar            1 +1"), "{notice}");
    assert_eq!(exit, Exit::Quit);
}
