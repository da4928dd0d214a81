//! The analyst's desk in the reading room's list (issue 14): dates, the
//! reading state's marks and keys (`r`, `*`, read after a few seconds or a
//! scroll), the list's views (`o`, `u`, `F`, `/since:`), and reopening where
//! the analyst left off across two runs with the same store. Keys go
//! through the real loop (`run_loop` on ratatui's test backend) where the
//! store is involved; time is a scripted clock and scripted ticks.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::mpsc::sync_channel;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::library::catalog_query::Sort;
use rroom::notes::{NewNote, Store, Target};
use rroom::tui::app::App;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::event::AppEvent;
use rroom::tui::jobs::Searcher;
use rroom::tui::keymap::Keymap;
use rroom::tui::layout::Pane;
use rroom::tui::styles::Theme;
use rroom::tui::{Runtime, run_loop, start_desk, ui};

/// 2024-12-01 00:00 UTC, in unix ms: "now" for every test here.
const NOW_MS: i64 = 1_733_011_200_000;

/// Five articles: three dated this year, one last year, one undated.
fn corpus() -> Corpus {
    // The second is long enough to scroll.
    let long: Vec<String> = (1..60).map(|d| format!("On day {d} trade resumed at the crossing.")).collect();
    let second = format!(
        r#"{{"title":"Border crossing reopens","body":"{}","source":"Dawn","published":"2024-11-28"}}"#,
        long.join("\\n\\n")
    );
    let lines = [
        r#"{"title":"Talks resume in Doha","body":"Delegations met again in Doha on Sunday.","source":"Tolo News","published":"2024-11-03"}"#,
        &second,
        r#"{"title":"An old report on wheat","body":"Wheat prices rose sharply that spring.","source":"Reuters","published":"2023-05-01"}"#,
        r#"{"title":"Aid convoy arrives","body":"The convoy reached the valley at dawn.","source":"Ariana","published":"2024-11-30"}"#,
        r#"{"title":"Undated note from the field","body":"Nothing says when this was written."}"#,
    ];
    Corpus::from_bytes("desk.jsonl", lines.join("\n").as_bytes())
}

/// A clock the test moves.
fn clock(at: &Arc<AtomicI64>) -> rroom::tui::app::Clock {
    let at = at.clone();
    Arc::new(move || at.load(Ordering::SeqCst))
}

fn app_at(w: u16, h: u16, now: &Arc<AtomicI64>) -> App {
    let mut a = App::new(corpus(), Keymap::default(), Theme::mono(), w, h);
    a.set_clock(clock(now));
    a
}

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn code(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn keys(a: &mut App, typed: &str) {
    for c in typed.chars() {
        a.handle_event(&key(c));
    }
}

fn screen(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term.backend().to_string()
}

/// The titles the list shows, in order.
fn titles(a: &App) -> Vec<String> {
    (0..a.list_len()).filter_map(|r| a.list_article(r)).map(|i| a.catalog.title(i)).collect()
}

/// Runs the real loop over `script` (then input closes), returning the last frame.
fn run_script(app: App, notes: &mut NotesRuntime, script: Vec<AppEvent>) -> String {
    let (w, h) = (app.size.width, app.size.height);
    let (tx, rx) = sync_channel(script.len() + 2);
    for ev in script.into_iter().chain([AppEvent::InputClosed]) {
        tx.send(ev).unwrap();
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(notes, &mut clipboard, tx);
    run_loop(&mut terminal, app, &rx, rt).unwrap();
    terminal.backend().to_string()
}

fn input(c: char) -> AppEvent {
    AppEvent::Input(key(c))
}

fn id_of(a: &App, index: usize) -> String {
    a.catalog.id(index).unwrap()
}

#[test]
fn the_list_shows_dates_unread_flags_and_notes_at_80x24() {
    let dir = tempfile::tempdir().unwrap();
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let probe = app_at(80, 24, &now);
    let store = Store::open(dir.path()).unwrap();
    for text in ["first", "second"] {
        let note = NewNote { article: id_of(&probe, 1), target: Target::Article, text: text.into() };
        store.add(note).unwrap();
    }
    store.mark(&[&id_of(&probe, 2)], rroom::notes::Mark::Read, NOW_MS).unwrap();
    store.mark(&[&id_of(&probe, 3)], rroom::notes::Mark::Flag, NOW_MS).unwrap();
    let mut notes = NotesRuntime::with_store(store);
    let mut a = app_at(80, 24, &now);
    a.set_notes(notes.all(), Vec::new());
    start_desk(&mut a, &notes, None);
    let shown = screen(&a);
    insta::assert_snapshot!("desk_list_80x24", shown);
    // Compact this year, whole in another; the undated row has none.
    assert!(shown.contains("Nov 03") && shown.contains("2023-05-01"), "{shown}");
    assert!(shown.contains("✎2"), "two notes on the second article");
    // Unread is a dot (not color alone): four unread, the read one without.
    assert_eq!(shown.matches('•').count(), 4, "{shown}");
    assert!(shown.contains("•* Aid convoy") || shown.contains(" * Aid convoy") || shown.contains("•*Aid"));
}

#[test]
fn r_and_star_toggle_through_the_store_and_u_f_show_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let mut notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
    let a = app_at(100, 30, &now);
    let (first, second) = (id_of(&a, 0), id_of(&a, 1));
    // r on the first, then j and * on the second; r again on nothing else.
    run_script(a, &mut notes, vec![input('r'), input('j'), input('*')]);
    let store = Store::open(dir.path()).unwrap();
    assert!(store.reading_state(&first).unwrap().read.is_some(), "r marked the first read");
    assert!(store.reading_state(&second).unwrap().flagged.is_some(), "* flagged the second");
    assert!(store.reading_state(&second).unwrap().read.is_none(), "moving on at once is not reading");

    // A new session: the state comes back; u and F narrow the list.
    let mut a = app_at(100, 30, &now);
    start_desk(&mut a, &notes, None);
    assert!(a.reading.is_read(&first) && a.reading.is_flagged(&second));
    keys(&mut a, "u");
    assert_eq!(a.list_len(), 5, "the read article you are on stays in the unread view");
    keys(&mut a, "ju");
    keys(&mut a, "u");
    assert_eq!(a.list_len(), 4, "unread only: the first is gone");
    assert!(!titles(&a).contains(&"Talks resume in Doha".to_string()));
    assert!(screen(&a).contains("unread"), "the list's title says so");
    keys(&mut a, "F");
    assert_eq!(titles(&a), ["Border crossing reopens"], "flagged only");
    keys(&mut a, "F");
    assert_eq!(a.list_len(), 5, "F again: all");
    // r toggles, and back.
    let here = a.current().map(|i| id_of(&a, i)).unwrap();
    let was = a.reading.is_read(&here);
    keys(&mut a, "r");
    assert_eq!(a.reading.is_read(&here), !was);
    keys(&mut a, "r");
    assert_eq!(a.reading.is_read(&here), was);
}

#[test]
fn an_article_open_a_few_seconds_or_scrolled_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
    let a = app_at(100, 30, &now);
    let (first, second) = (id_of(&a, 0), id_of(&a, 1));
    drop(a);
    // Ticks with the clock moved between them.
    let mut a = app_at(100, 30, &now);
    start_desk(&mut a, &notes, None);
    now.store(NOW_MS + 1_000, Ordering::SeqCst);
    a.on_tick();
    assert!(!a.reading.is_read(&first), "one second is not reading");
    now.store(NOW_MS + 3_500, Ordering::SeqCst);
    a.on_tick();
    assert!(a.reading.is_read(&first), "three seconds and more is");
    let asked = a.take_effects();
    assert!(
        asked
            .iter()
            .any(|e| matches!(e, rroom::tui::effects::Effect::Mark { ids, .. } if ids == std::slice::from_ref(&first))),
        "written through the store: {asked:?}"
    );
    // Scrolling the next one reads it at once.
    keys(&mut a, "j");
    a.handle_event(&code(KeyCode::Tab));
    assert_eq!(a.focus, Pane::Reader);
    assert!(!a.reading.is_read(&second) && a.max_scroll() > 0);
    keys(&mut a, "j");
    assert!(a.reading.is_read(&second), "scrolled: read");
}

#[test]
fn o_cycles_the_sort_shown_in_the_title_and_since_filters_by_date() {
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let mut a = app_at(100, 30, &now);
    keys(&mut a, "jo");
    assert_eq!(a.view.sort, Sort::Date);
    assert_eq!(a.list.cursor.selected, 0, "a new order starts at its top");
    assert_eq!(
        titles(&a),
        [
            "Aid convoy arrives",
            "Border crossing reopens",
            "Talks resume in Doha",
            "An old report on wheat",
            "Undated note from the field"
        ],
        "newest first, undated last"
    );
    assert!(screen(&a).contains("by date"));
    keys(&mut a, "o");
    assert_eq!(a.view.sort, Sort::Title);
    assert_eq!(titles(&a)[0], "Aid convoy arrives");
    keys(&mut a, "ooo");
    assert_eq!(a.view.sort, Sort::List, "source, length, then list order again");

    // /since:7d: the last week only (Nov 24 on), through the list filter.
    keys(&mut a, "/since:7d");
    assert_eq!(titles(&a), ["Border crossing reopens", "Aid convoy arrives"]);
    let shown = screen(&a);
    assert!(shown.contains("since:7d"), "{shown}");
    // Words with the dates still search the titles (the search worker, run here).
    let mut searcher = Searcher::new(Arc::new(corpus()));
    keys(&mut a, " aid");
    let asked = a.take_requests();
    assert_eq!(asked.last().map(|r| r.query.as_str()), Some("aid"), "the dates are not searched for");
    for req in asked {
        a.on_search(searcher.run(&req));
    }
    assert_eq!(titles(&a), ["Aid convoy arrives"]);
    // A word that matches articles outside the dates shows only those within.
    for _ in 0..3 {
        a.handle_event(&code(KeyCode::Backspace));
    }
    keys(&mut a, "o");
    for req in a.take_requests() {
        a.on_search(searcher.run(&req));
    }
    let mut found = titles(&a);
    found.sort();
    assert_eq!(found, ["Aid convoy arrives", "Border crossing reopens"], "'o' matches older titles too");
    // Esc drops the filter and its dates.
    a.handle_event(&code(KeyCode::Esc));
    assert_eq!(a.list_len(), 5);
    keys(&mut a, "/until:2023-12-31");
    assert_eq!(titles(&a), ["An old report on wheat"]);
}

#[test]
fn rroom_reopens_where_the_analyst_left_off() {
    let dir = tempfile::tempdir().unwrap();
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let mut notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
    let mut a = app_at(100, 30, &now);
    start_desk(&mut a, &notes, Some("desk-corpus".into()));
    // Sorted by date (from the top: the newest), one down (Border crossing
    // reopens), read in the reader.
    let script = vec![input('o'), input('j'), AppEvent::Input(code(KeyCode::Enter))];
    run_script(a, &mut notes, script);

    let mut b = app_at(100, 30, &now);
    start_desk(&mut b, &notes, Some("desk-corpus".into()));
    assert_eq!(b.view.sort, Sort::Date);
    assert_eq!(b.current().map(|i| b.catalog.title(i)).as_deref(), Some("Border crossing reopens"));
    assert_eq!(b.focus, Pane::Reader);
    assert_eq!(b.list.cursor.selected, 1, "its row in the sorted list");
    // Left off on an article read, in the unread view: it is still there.
    let mut script = vec![AppEvent::Input(code(KeyCode::Esc)), input('u'), input('j')];
    script.extend([AppEvent::Input(code(KeyCode::Tab)), input('r')]);
    let before = b.current();
    run_script(b, &mut notes, script);
    let mut d = app_at(100, 30, &now);
    start_desk(&mut d, &notes, Some("desk-corpus".into()));
    assert_eq!(d.view.only, rroom::tui::list_view::Only::Unread);
    let here = d.current().unwrap();
    assert!(d.reading.is_read(&id_of(&d, here)), "read, and still shown");
    assert_ne!(Some(here), before);
    // Another corpus starts at the top.
    let mut c = app_at(100, 30, &now);
    start_desk(&mut c, &notes, Some("another".into()));
    assert_eq!((c.current(), c.focus), (Some(0), Pane::List));
}

#[test]
fn a_filter_left_off_is_typed_again_on_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let mut notes = NotesRuntime::with_store(Store::open(dir.path()).unwrap());
    let a = app_at(100, 30, &now);
    let mut script: Vec<AppEvent> = "/since:7d".chars().map(input).collect();
    script.push(AppEvent::Input(code(KeyCode::Enter)));
    let mut a = a;
    start_desk(&mut a, &notes, Some("k".into()));
    run_script(a, &mut notes, script);
    let mut b = app_at(100, 30, &now);
    start_desk(&mut b, &notes, Some("k".into()));
    assert_eq!(b.list.filter.as_ref().map(|f| f.query.as_str()), Some("since:7d"));
    assert_eq!(titles(&b), ["Border crossing reopens", "Aid convoy arrives"]);
}

/// Three articles, two of them the same report under two titles.
fn corpus_with_copies() -> Corpus {
    let report: Vec<String> = (1..80)
        .map(|d| format!("Officials in district {d} counted the ballots again after the protest."))
        .collect();
    let report = report.join(" ");
    let lines = [
        format!(r#"{{"title":"Recount ordered","body":"{report}","source":"Dawn"}}"#),
        r#"{"title":"Something else entirely","body":"A short and different story about wheat."}"#
            .to_string(),
        format!(r#"{{"title":"Recount ordered (update)","body":"{report} Updated."}}"#),
    ];
    Corpus::from_bytes("copies.jsonl", lines.join("\n").as_bytes())
}

#[test]
fn near_duplicates_are_one_row_with_plus_n_similar_z_expands_and_reading_one_reads_all() {
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let mut a = App::new(corpus_with_copies(), Keymap::default(), Theme::mono(), 120, 30);
    a.set_clock(clock(&now));
    let groups = rroom::tui::list_view::NearGroups::read(&a.catalog.opener()).expect("a group");
    a.on_groups(Arc::new(groups));
    assert_eq!(titles(&a), ["Recount ordered", "Something else entirely"], "one row per group");
    assert!(screen(&a).contains("+1 similar"), "{}", screen(&a));
    keys(&mut a, "z");
    assert_eq!(titles(&a).len(), 3, "z shows the group whole");
    assert!(screen(&a).contains("≈1"));
    keys(&mut a, "z");
    assert_eq!(titles(&a).len(), 2, "z again: one row");
    // Reading the leader (three seconds) reads its copy too (the default setting).
    let copy = id_of(&a, 2);
    now.store(NOW_MS + 3_000, Ordering::SeqCst);
    a.on_tick();
    assert!(a.reading.is_read(&id_of(&a, 0)) && a.reading.is_read(&copy));
    assert!(!a.reading.is_read(&id_of(&a, 1)));
    // With the setting off, only the article read is.
    let mut b = App::new(corpus_with_copies(), Keymap::default(), Theme::mono(), 120, 30);
    b.set_clock(clock(&now));
    b.group_read = false;
    let groups = rroom::tui::list_view::NearGroups::read(&b.catalog.opener()).expect("a group");
    b.on_groups(Arc::new(groups));
    now.store(NOW_MS + 9_000, Ordering::SeqCst);
    b.on_tick();
    assert!(b.reading.is_read(&id_of(&b, 0)) && !b.reading.is_read(&copy));
}

#[test]
fn a_list_alone_on_one_line_per_article_has_a_date_column() {
    let now = Arc::new(AtomicI64::new(NOW_MS));
    let a = app_at(60, 12, &now);
    insta::assert_snapshot!("desk_list_60x12", screen(&a));
}

/// The real binary twice on one data directory, in a pseudo-terminal.
#[test]
fn the_binary_reopens_where_it_was_left_with_the_same_data_dir() {
    use common::pty::Pty;
    const PTY: Pty = Pty { timeout: std::time::Duration::from_secs(120), fffd_as_real_terminals: false };
    let data = tempfile::tempdir().unwrap();
    let data_s = data.path().to_str().unwrap();
    let mut s = PTY.start(&["--data-dir", data_s], 120, 36);
    s.wait_text("1/5");
    // By title, then the second row, flagged, read in the reader.
    s.send("oo");
    s.wait_text("by title");
    s.send("j*");
    s.wait_text("flagged");
    s.send("\r");
    s.wait_text("READER");
    let title = s.screen().lines().nth(1).map(|l| l.split('│').nth(1).unwrap_or("").trim().to_string());
    let title = title.filter(|t| !t.is_empty()).expect("the reader's first line");
    s.send("q");
    assert!(s.wait_exit().success());

    let mut again = PTY.start(&["--data-dir", data_s], 120, 36);
    again.wait_text("by title");
    again.wait_text("READER");
    again.wait_text("2/5");
    again.wait_text(&title);
    assert!(again.screen().contains("•*") || again.screen().contains(" *"), "{}", again.screen());
    again.send("q");
    assert!(again.wait_exit().success());
}
