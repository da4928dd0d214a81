//! The reading room's inside, driven as a user drives it: mouse events as
//! actions on their pane, key scripts through the real loop (`run_loop` on
//! ratatui's test backend), a store that answers slowly, a resize in every
//! overlay. Nothing here waits on a clock.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use rroom::corpus::Corpus;
use rroom::tui::app::App;
use rroom::tui::keymap::{Keymap, Mode};
use rroom::tui::layout::Pane;
use rroom::tui::styles::Theme;

fn seeds_app(w: u16, h: u16) -> App {
    App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), w, h)
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE })
}

/// A point inside `pane`, `down` rows below its top border.
fn inside(a: &App, pane: Pane, down: u16) -> (u16, u16) {
    let r = a.panes().get(pane).unwrap_or_else(|| panic!("{pane:?} not on screen"));
    (r.x + 2, r.y + 1 + down)
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer_without_taking_the_focus() {
    let mut a = seeds_app(120, 40);
    a.handle_event(&key('j'));
    let (x, y) = inside(&a, Pane::Reader, 3);
    assert!(a.handle_event(&mouse(MouseEventKind::ScrollDown, x, y)));
    assert_eq!((a.focus, a.reader.scroll), (Pane::List, 3), "three lines a notch, focus stays");
    a.handle_event(&mouse(MouseEventKind::ScrollUp, x, y));
    assert_eq!(a.reader.scroll, 0);
    let (x, y) = inside(&a, Pane::List, 0);
    a.handle_event(&mouse(MouseEventKind::ScrollDown, x, y));
    assert_eq!((a.focus, a.list.cursor.selected), (Pane::List, 2));
}

#[test]
fn a_click_focuses_its_pane_and_picks_a_list_row() {
    let mut a = seeds_app(120, 40);
    let (x, y) = inside(&a, Pane::Reader, 2);
    a.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), x, y));
    assert_eq!(a.focus, Pane::Reader);
    // The third row is the third article (a row is one or two lines).
    let (x, y) = inside(&a, Pane::List, 2 * a.list_row_height() as u16);
    a.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), x, y));
    assert_eq!((a.focus, a.list.cursor.selected), (Pane::List, 2));
    // Below the last article nothing is picked.
    let (x, y) = inside(&a, Pane::List, 30);
    a.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), x, y));
    assert_eq!(a.list.cursor.selected, 2);
}

#[test]
fn the_mouse_does_nothing_while_an_overlay_is_open() {
    let mut a = seeds_app(120, 40);
    a.handle_event(&key('?'));
    let (x, y) = inside(&a, Pane::List, 1);
    assert!(!a.handle_event(&mouse(MouseEventKind::ScrollDown, x, y)));
    assert_eq!((a.mode(), a.list.cursor.selected), (Mode::Help, 0));
}

#[test]
fn moving_while_typing_an_entity_filter_moves_the_sidebar_and_keeps_typing() {
    let mut a = seeds_app(120, 40);
    for ev in [key('l'), key('l'), key('/')] {
        a.handle_event(&ev);
    }
    assert_eq!((a.focus, a.mode()), (Pane::Sidebar, Mode::Filter));
    let first = a.selected_entity().map(|e| e.name.clone());
    a.handle_event(&code(KeyCode::Down));
    let second = a.selected_entity().map(|e| e.name.clone());
    assert_ne!(first, second, "Down moved the selection");
    assert_eq!(a.mode(), Mode::Filter, "still typing the filter");
    a.handle_event(&key('x'));
    assert_eq!(a.entity_pane.filter.as_deref(), Some("x"));
}

/// One article too long to extract between two frames: its entities come
/// from the extraction worker.
fn long_corpus() -> Corpus {
    let mut text = String::from("A long report\n\n");
    // Each paragraph its own (repeated ones would be folded as boilerplate).
    for day in 1.. {
        if text.len() > rroom::tui::extract_worker::INLINE_EXTRACTION_BYTES * 2 {
            break;
        }
        text.push_str(&format!(
            "On day {day} of the talks, Mr Ahmed Khan met officials of the United Nations in Islamabad.\n\n"
        ));
    }
    Corpus::from_bytes("long.txt", text.as_bytes())
}

#[test]
fn a_stale_extraction_is_dropped_and_the_article_asked_for_again() {
    let mut a = App::new(long_corpus(), Keymap::default(), Theme::dark(), 120, 40);
    assert!(a.entities_pending(), "a long article is not extracted on the UI thread");
    let job = a.take_extraction().expect("the worker is asked");
    assert!(a.take_extraction().is_none(), "asked once");
    let answer = job.run(&*(a.catalog.opener())(&Default::default()).unwrap());
    // The corrections change before the answer comes: it is for the old ones.
    a.set_corrections(Vec::new());
    a.on_extracted(answer);
    assert!(a.entities_pending() && a.entities().is_empty(), "the stale answer is dropped");
    let again = a.take_extraction().expect("asked again, for the new corrections");
    assert_eq!(again.generation, a.index_generation);
    a.on_extracted(again.run(&*(a.catalog.opener())(&Default::default()).unwrap()));
    assert!(!a.entities_pending());
    assert!(a.entities().iter().any(|e| e.name == "Ahmed Khan"), "{:?}", a.entities());
}

mod slow_store {
    use std::sync::mpsc::{Receiver, channel, sync_channel};
    use std::time::Duration;

    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use rroom::notes::Store;
    use rroom::tui::app::App;
    use rroom::tui::effects::NotesRuntime;
    use rroom::tui::event::AppEvent;
    use rroom::tui::keymap::Keymap;
    use rroom::tui::styles::Theme;
    use rroom::tui::watched::WatchedBackend;
    use rroom::tui::{Exit, Runtime, run_loop};

    fn key(c: char) -> AppEvent {
        AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
    }

    fn ctrl(c: char) -> AppEvent {
        AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
    }

    /// Waits for a frame showing `text`. The bound only keeps a broken loop
    /// (one that waits for the store) from hanging the test: it then fails.
    fn frame_showing(frames: &Receiver<String>, text: &str) -> bool {
        while let Ok(frame) = frames.recv_timeout(Duration::from_secs(300)) {
            if frame.contains(text) {
                return true;
            }
        }
        false
    }

    /// Runs the real loop over `app` on a watched test terminal while `user`,
    /// on its own thread, sends events and reads the frames as they are
    /// drawn; returns how the loop ended and what `user` found.
    fn live<T: Send + 'static>(
        app: App,
        notes: &mut NotesRuntime,
        user: impl FnOnce(&dyn Fn(AppEvent), &Receiver<String>) -> T + Send + 'static,
    ) -> (Exit, T) {
        let (frame_tx, frames) = channel();
        let mut terminal =
            Terminal::new(WatchedBackend::new(app.size.width, app.size.height, move |b: &TestBackend| {
                let _ = frame_tx.send(b.to_string());
            }))
            .unwrap();
        let (tx, events) = sync_channel(64);
        let wake = tx.clone();
        let user = std::thread::spawn(move || user(&|ev: AppEvent| tx.send(ev).unwrap(), &frames));
        let mut clipboard = Vec::new();
        let rt = Runtime::scripted(notes, &mut clipboard, wake);
        let exit = run_loop(&mut terminal, app, &events, rt).unwrap();
        (exit, user.join().unwrap())
    }

    /// The texts of the notes in the store in `dir`.
    fn saved(dir: &std::path::Path) -> Vec<String> {
        Store::open(dir).unwrap().list(&Default::default()).unwrap().into_iter().map(|n| n.text).collect()
    }

    /// While the store holds an autosave (it writes only when the test lets
    /// it), the keys typed after it are handled and drawn; then the note is
    /// saved and the session ends as usual, with no draft left behind.
    #[test]
    fn keys_are_handled_and_drawn_while_the_store_has_not_answered() {
        let dir = tempfile::tempdir().unwrap();
        let mut notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
        let (let_store_write, gate) = channel::<()>();
        notes.gate_writes(gate);
        let (exit, drawn_before_the_store_wrote) =
            live(super::seeds_app(100, 30), &mut notes, move |send, frames| {
                send(key('a'));
                "written".chars().for_each(|c| send(key(c)));
                // Autosave: a draft write, which the store holds.
                send(AppEvent::Tick);
                " on".chars().for_each(|c| send(key(c)));
                let drawn = frame_showing(frames, "written on");
                drop(let_store_write);
                send(ctrl('s'));
                send(AppEvent::Signal(1));
                drawn
            });
        assert!(drawn_before_the_store_wrote, "the typed text was not drawn until the store wrote");
        assert_eq!(exit, Exit::Signal(1));
        assert_eq!(saved(dir.path()), ["written on"]);
        let drafts = Store::open(dir.path()).unwrap().load_drafts().unwrap();
        assert!(drafts.is_empty(), "the saved note came back as a draft");
    }

    /// Keys typed after Ctrl-S while the store has not answered yet are not
    /// lost in a note that closes under them: they wait for the answer.
    #[test]
    fn keys_typed_while_a_note_is_being_saved_apply_after_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let mut notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
        let (let_store_write, gate) = channel::<()>();
        notes.gate_writes(gate);
        let (exit, shown) = live(super::seeds_app(100, 30), &mut notes, move |send, frames| {
            send(key('a'));
            "first".chars().for_each(|c| send(key(c)));
            send(ctrl('s'));
            // Typed at once: the editor is still open, its note on the way.
            send(key('j'));
            let saving_shown = frame_showing(frames, "saving");
            drop(let_store_write);
            // The note saved, the editor closed: `j` moved down the list.
            let moved = frame_showing(frames, "2/5");
            send(key('q'));
            saving_shown && moved
        });
        assert!(shown, "saving… then the list moved");
        assert_eq!(exit, Exit::Quit);
        assert_eq!(saved(dir.path()), ["first"]);
    }

    /// A long article's entities are extracted off the UI thread: the first
    /// frame says "extracting…", a later one (after the worker's answer)
    /// lists them.
    #[test]
    fn a_long_article_shows_extracting_then_its_entities_from_the_worker() {
        let mut notes = NotesRuntime::none();
        let app = App::new(super::long_corpus(), Keymap::default(), Theme::dark(), 120, 40);
        let (exit, (first, listed)) = live(app, &mut notes, |send, frames| {
            let first = frames.recv().unwrap_or_default();
            let listed = frame_showing(frames, "People");
            send(key('q'));
            (first, listed)
        });
        assert!(first.contains("extracting…") && !first.contains("People"), "{first}");
        assert!(listed, "the entities never came");
        assert_eq!(exit, Exit::Quit);
    }
}

/// The screen of `a` on a `w`×`h` test terminal.
fn screen(a: &App) -> String {
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(a.size.width, a.size.height)).unwrap();
    t.draw(|f| rroom::tui::ui::render(a, f)).unwrap();
    t.backend().to_string()
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Every overlay survives a resize storm (small, huge, too small to draw,
/// back): it stays open, and the screen comes back as it was.
#[test]
fn a_resize_in_every_overlay_keeps_it_and_comes_back_the_same() {
    let draft = rroom::notes::Draft {
        key: "article:nope".into(),
        session: "elsewhere".into(),
        text: "left over".into(),
        saved: 0,
    };
    let cases: Vec<(&str, Vec<Event>, Mode)> = vec![
        ("help", vec![key('?')], Mode::Help),
        ("finder", vec![ctrl('p')], Mode::Finder),
        ("list filter", vec![key('/'), key('k')], Mode::Filter),
        ("entity filter", vec![key('l'), key('l'), key('/'), key('a')], Mode::Filter),
        ("reader search", vec![key('l'), key('/'), key('t')], Mode::Search),
        ("visual", vec![key('l'), key('v'), key('w')], Mode::Visual),
        ("editor", vec![key('a'), key('h'), key('i')], Mode::Editor),
        ("all notes", vec![key('M')], Mode::NotesView),
        ("prompt", vec![], Mode::Prompt),
    ];
    for (name, keys, mode) in cases {
        let mut a = seeds_app(100, 30);
        if mode == Mode::Prompt {
            a.set_notes(Vec::new(), vec![draft.clone()]);
        }
        for k in &keys {
            a.handle_event(k);
        }
        assert_eq!(a.mode(), mode, "{name}: opened");
        let before = screen(&a);
        for (w, h) in [(60, 20), (240, 70), (10, 4), (1, 1), (100, 30)] {
            a.handle_event(&Event::Resize(w, h));
            assert_eq!(a.mode(), mode, "{name}: still open at {w}x{h}");
            screen(&a);
        }
        assert_eq!(screen(&a), before, "{name}: the screen after resizing back");
    }
}

/// One session across features through the real loop: read the second
/// article, select a sentence and copy it as a citation, select it again
/// and write a note on it, find the note among all notes, leave.
#[test]
fn a_key_script_across_features_copies_a_citation_and_saves_a_passage_note() {
    use rroom::notes::{Store, Target};
    use rroom::tui::effects::NotesRuntime;
    use rroom::tui::event::AppEvent;
    use rroom::tui::{Exit, Runtime, run_loop};

    let dir = tempfile::tempdir().unwrap();
    let mut notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
    let mut script: Vec<Event> =
        vec![key('j'), key('l'), key('v'), key(')'), key('y'), key('v'), key(')'), key('a')];
    script.extend("border talks #kabul".chars().map(key));
    script.extend([ctrl('s'), key('M')]);
    let (tx, events) = std::sync::mpsc::sync_channel(script.len() + 2);
    for ev in script {
        tx.send(AppEvent::Input(ev)).unwrap();
    }
    tx.send(AppEvent::InputClosed).unwrap();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, tx);
    let exit = run_loop(&mut terminal, seeds_app(120, 40), &events, rt).unwrap();
    assert_eq!(exit, Exit::TerminalGone);
    let copied = String::from_utf8_lossy(&clipboard);
    assert!(copied.starts_with("\u{1b}]52;c;"), "an OSC 52 citation: {copied:?}");
    let screen = terminal.backend().to_string();
    assert!(screen.contains("All notes") && screen.contains("border talks"), "{screen}");
    let saved = Store::open(dir.path()).unwrap().list(&Default::default()).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].text, "border talks #kabul");
    assert_eq!(saved[0].tags, ["kabul"]);
    assert!(matches!(saved[0].target, Target::Passage(_)), "{:?}", saved[0].target);
}
