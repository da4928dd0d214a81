//! The reading room's real event loop (`run_loop`) driven by key scripts on
//! ratatui's test backend: what the user keeps when a session ends in any
//! way, and what the screen says about it. Time is scripted too
//! ([`AppEvent::Tick`]), so nothing here waits on a clock.

mod common;

use std::sync::mpsc::sync_channel;

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
use rroom::tui::{Exit, Runtime, run_loop};

const SIGHUP: i32 = 1;

fn key(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

fn ctrl(c: char) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn code(code: KeyCode) -> AppEvent {
    AppEvent::Input(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn typed(text: &str) -> Vec<AppEvent> {
    text.chars().map(key).collect()
}

/// A script's outcome: how the loop ended and the last frame it drew.
struct Run {
    exit: Exit,
    screen: String,
    /// Times the loop suspended (Ctrl-Z, SIGTSTP) and took the terminal back (SIGCONT).
    suspended: usize,
    retaken: usize,
}

/// Runs the real loop over `script` on a `w`×`h` test backend. A script
/// that does not end the session ends as the terminal's input does when it
/// closes ([`AppEvent::InputClosed`]).
fn run_script(app: App, notes: &mut NotesRuntime, script: Vec<AppEvent>) -> Run {
    let (w, h) = (app.size.width, app.size.height);
    let (tx, rx) = sync_channel(script.len() + 2);
    for ev in script.into_iter().chain([AppEvent::InputClosed]) {
        tx.send(ev).unwrap();
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut clipboard = Vec::new();
    let (mut suspended, mut retaken) = (0, 0);
    let rt = Runtime {
        search: &|_| {},
        catalog_changed: &|| {},
        notes,
        clipboard: &mut clipboard,
        suspend: &mut || {
            suspended += 1;
            Ok(())
        },
        retake: &mut || {
            retaken += 1;
            Ok(())
        },
        wake: tx,
    };
    let exit = run_loop(&mut terminal, app, &rx, rt).unwrap();
    Run { exit, screen: terminal.backend().to_string(), suspended, retaken }
}

fn seeds_app(w: u16, h: u16) -> App {
    App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), w, h)
}

fn open_notes(dir: &std::path::Path) -> NotesRuntime {
    NotesRuntime::with_store(Store::open(dir).unwrap())
}

/// The app as the binary starts it: notes and drafts from the store.
fn started(notes: &mut NotesRuntime, w: u16, h: u16) -> App {
    let mut app = seeds_app(w, h);
    app.set_notes(notes.all(), notes.drafts());
    app
}

#[test]
fn a_saved_note_leaves_no_draft_when_a_sighup_follows_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = open_notes(dir.path());
    let mut script = vec![key('a')];
    script.extend(typed("Torkham stays shut"));
    // Autosave stores a draft, then the note is saved and the terminal hangs up.
    script.push(AppEvent::Tick);
    script.push(ctrl('s'));
    script.push(AppEvent::Signal(SIGHUP));
    let app = started(&mut notes, 100, 30);
    let run = run_script(app, &mut notes, script);
    assert_eq!(run.exit, Exit::Signal(SIGHUP));
    let store = Store::open(dir.path()).unwrap();
    let saved: Vec<String> = store.list(&Default::default()).unwrap().into_iter().map(|n| n.text).collect();
    assert_eq!(saved, vec!["Torkham stays shut".to_string()]);
    assert!(store.load_drafts().unwrap().is_empty(), "the saved note came back as a draft");
}

#[test]
fn text_being_written_is_kept_as_a_draft_on_sighup_and_on_closed_input() {
    for end in [Some(AppEvent::Signal(SIGHUP)), None] {
        let dir = tempfile::tempdir().unwrap();
        let mut notes = open_notes(dir.path());
        let mut script = vec![key('a')];
        script.extend(typed("half a thought"));
        script.extend(end);
        let app = started(&mut notes, 100, 30);
        run_script(app, &mut notes, script);
        let drafts = Store::open(dir.path()).unwrap().load_drafts().unwrap();
        assert_eq!(drafts.len(), 1);
        assert_eq!(drafts[0].text, "half a thought");
    }
}

#[test]
fn escape_in_the_editor_without_changes_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = open_notes(dir.path());
    let app = started(&mut notes, 100, 30);
    let run = run_script(app, &mut notes, vec![key('a'), code(KeyCode::Esc), key('q')]);
    assert_eq!(run.exit, Exit::Quit);
    assert!(!run.screen.contains("Discard"), "{}", run.screen);
}

#[test]
fn ctrl_z_and_sigtstp_suspend_in_every_mode_and_sigcont_takes_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = open_notes(dir.path());
    let mut script = vec![ctrl('z'), AppEvent::Suspend, AppEvent::Continued, key('a')];
    script.extend(typed("kept while stopped"));
    script.push(ctrl('z'));
    script.push(ctrl('c'));
    let app = started(&mut notes, 100, 30);
    let run = run_script(app, &mut notes, script);
    assert_eq!((run.suspended, run.retaken), (3, 1));
    assert_eq!(run.exit, Exit::Quit);
    // Ctrl-Z is not typed into the note; the text was kept before stopping.
    let drafts = Store::open(dir.path()).unwrap().load_drafts().unwrap();
    assert_eq!(drafts[0].text, "kept while stopped");
}

/// The real binary in a pseudo-terminal: Ctrl-Z gives the terminal back as
/// it was and stops; SIGCONT (the shell's `fg`) takes it again and redraws.
#[test]
fn ctrl_z_restores_the_terminal_stops_and_fg_redraws_in_raw_mode() {
    use common::pty::Pty;
    const PTY: Pty = Pty { timeout: std::time::Duration::from_secs(120), fffd_as_real_terminals: false };
    let mut s = PTY.start(&[], 120, 36);
    s.wait_text("1/5");
    s.send("\x1a"); // Ctrl-Z
    let start = std::time::Instant::now();
    while s.process_state() != Some('T') {
        assert!(start.elapsed() < std::time::Duration::from_secs(120), "Ctrl-Z did not stop rroom");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    s.assert_restored("stopped by Ctrl-Z");
    s.signal(libc::SIGCONT);
    s.wait_for("the alternate screen again", |s| s.parser().screen().alternate_screen());
    s.wait_text("1/5");
    // Raw mode is back: a single key, with no Enter, moves the selection.
    s.send("j");
    s.wait_text("2/5");
    s.send("q");
    assert!(s.wait_exit().success());
    s.assert_restored("after quitting");
}

/// The seeds' reading room, the sidebar in focus on the entity `name`
/// (what the corpus knows of it answered as the worker answers).
fn on_entity(name: &str) -> App {
    use rroom::tui::action::Action;
    let mut a = seeds_app(120, 40);
    a.update(Action::FocusNext);
    a.update(Action::FocusNext);
    for _ in 0..40 {
        if a.selected_entity().is_some_and(|e| e.name == name) {
            a.answer_corpus_jobs_here();
            return a;
        }
        a.update(Action::Down);
    }
    panic!("no entity {name} in the first article's sidebar");
}

#[test]
fn escape_after_listing_an_entitys_articles_returns_to_the_article_and_place() {
    use rroom::tui::action::Action;
    let mut a = on_entity("Pakistan");
    a.reader.scroll = a.max_scroll().min(7); // read on a little
    let (article, scroll, focus) = (a.current(), a.reader.scroll, a.focus);
    assert!(scroll > 0);
    a.update(Action::ListMentioning);
    assert_eq!(a.answer_corpus_jobs_here(), 1, "the articles asked of the corpus worker");
    assert!(a.list.filter.is_some());
    a.update(Action::Back);
    assert!(a.list.filter.is_none());
    assert_eq!((a.current(), a.reader.scroll, a.focus), (article, scroll, focus));
}

#[test]
fn the_selected_entity_stays_selected_on_the_next_article_that_names_it() {
    use rroom::tui::action::Action;
    let mut a = on_entity("Pakistan");
    let first = a.current();
    a.update(Action::ListMentioning);
    a.answer_corpus_jobs_here();
    a.update(Action::Down); // the next article naming Pakistan
    let second = a.current();
    assert_ne!(second, first);
    let s = a.entity_pane.picked.as_ref().expect("the entity is still selected");
    assert_eq!(s.name, "Pakistan");
    assert!(!s.mentions.is_empty());
    assert!(a.rsearch.is_none(), "an entity picked is not a reader search");
    assert_eq!(a.selected_entity().map(|e| e.name.as_str()), Some("Pakistan"), "sidebar follows");
    a.update(Action::NextHit);
    assert!(a.status.is_none(), "n said: {:?}", a.status);
    assert_eq!(a.hit_counter().as_deref(), Some("1/".to_string() + &s_len(&a)).as_deref());
    // Leaving the filtered list keeps the article you moved to.
    a.update(Action::Back);
    assert!(a.list.filter.is_none());
    assert_eq!(a.current(), second);
}

fn s_len(a: &App) -> String {
    a.entity_pane.picked.as_ref().map_or(0, |s| s.mentions.len()).to_string()
}

fn screen_of(app: &App) -> String {
    let mut term = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    term.draw(|f| rroom::tui::ui::render(app, f)).unwrap();
    term.backend().to_string()
}

fn press(app: &mut App, ev: AppEvent) {
    let AppEvent::Input(input) = ev else { unreachable!() };
    app.handle_event(&input);
}

/// The first seed with one passage note (on its first 40 bytes) and one
/// article note, both with a tag; the notes as the store returns them.
fn with_notes(text: &str) -> (App, tempfile::TempDir) {
    use rroom::notes::{Anchor, NewNote, Target};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = seeds_app(120, 40);
    let body = a.catalog.article(0).unwrap().body.clone();
    let article = a.catalog.id(0).unwrap();
    let passage = Target::Passage(Anchor::capture(&body, 0..40));
    store.add(NewNote { article: article.clone(), target: passage, text: text.into() }).unwrap();
    store.add(NewNote { article, target: Target::Article, text: "whole article #border".into() }).unwrap();
    let mut notes = NotesRuntime::with_store(store);
    a.set_notes(notes.all(), Vec::new());
    (a, dir)
}

#[test]
fn a_notes_line_breaks_stay_in_the_inline_view() {
    use rroom::tui::action::Action;
    let (mut a, _dir) = with_notes("first line of the note\nsecond line of the note");
    a.update(Action::ToggleInlineNotes);
    let s = screen_of(&a);
    let first = s.lines().position(|l| l.contains("✎ first line of the note"));
    let second = s.lines().position(|l| l.contains("second line of the note") && !l.contains("first line"));
    assert!(first.is_some() && second == first.map(|f| f + 1), "{s}");
}

#[test]
fn tags_are_not_repeated_after_the_note_in_all_notes() {
    use rroom::tui::action::Action;
    let (mut a, _dir) = with_notes("Torkham talks #border");
    a.update(Action::AllNotes);
    let s = screen_of(&a);
    let line = s.lines().find(|l| l.contains("Torkham talks")).unwrap();
    assert_eq!(line.matches("#border").count(), 1, "{line}");
}

#[test]
fn the_status_line_gives_the_keys_of_the_notes_tab_and_of_the_draft_prompt() {
    use rroom::tui::action::Action;
    let (mut a, _dir) = with_notes("a passage note");
    a.update(Action::FocusNext);
    a.update(Action::FocusNext);
    a.update(Action::SwitchSidebar);
    let s = screen_of(&a);
    let status = s.lines().last().unwrap();
    assert!(status.contains("go to note") && status.contains("edit"), "{status}");
    assert!(
        status.contains(" NOTES ") && !status.contains("ENTITIES"),
        "the label says the tab shown: {status}"
    );
    assert!(
        !status.contains("hide") && !status.contains("mentions"),
        "entity keys in the notes tab: {status}"
    );

    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    store.save_draft("article:7ada25d68e4b", "an-earlier-session", "left over").unwrap();
    let mut notes = NotesRuntime::with_store(store);
    let b = started(&mut notes, 120, 40);
    let status = screen_of(&b).lines().last().unwrap().to_string();
    assert!(status.contains("restore") && status.contains("discard"), "{status}");
    assert!(!status.contains("filter"), "list keys under the draft prompt: {status}");
}

#[test]
fn help_says_what_tab_does_in_the_all_notes_overlay() {
    let a = seeds_app(120, 40);
    let lines = rroom::tui::ui::help::lines(&a, rroom::tui::keymap::Mode::NotesView);
    let tab = lines.iter().find(|(k, _)| k == "Tab").unwrap();
    assert_eq!(tab.1, "notes / trash");
}

#[test]
fn ctrl_u_in_the_editor_undoes_a_word_not_a_character() {
    use rroom::tui::action::Action;
    let mut a = seeds_app(100, 30);
    a.update(Action::AddNote);
    for ev in typed("border talks") {
        press(&mut a, ev);
    }
    let text = |a: &App| a.editor().unwrap().text();
    press(&mut a, ctrl('u'));
    assert_eq!(text(&a), "border ");
    press(&mut a, ctrl('u'));
    assert_eq!(text(&a), "border");
    press(&mut a, ctrl('u'));
    assert_eq!(text(&a), "");
    press(&mut a, ctrl('r'));
    assert_eq!(text(&a), "border");
}

#[test]
fn the_reader_says_top_at_the_top_of_a_long_article() {
    let a = seeds_app(120, 40);
    let s = screen_of(&a);
    let bottom = s.lines().rev().nth(1).unwrap();
    assert!(bottom.contains(" top "), "{bottom}");
    assert!(!bottom.contains('%'), "{bottom}");
}

#[test]
fn two_sessions_drafting_on_one_article_both_keep_their_text_and_each_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    for text in ["from the first room", "from the second room"] {
        let mut notes = open_notes(dir.path());
        let mut script = vec![key('a')];
        script.extend(typed(text));
        script.push(AppEvent::Signal(SIGHUP));
        let app = seeds_app(100, 30); // both started before either left a draft
        run_script(app, &mut notes, script);
    }
    let mut texts: Vec<String> =
        Store::open(dir.path()).unwrap().load_drafts().unwrap().into_iter().map(|d| d.text).collect();
    texts.sort();
    assert_eq!(texts, ["from the first room", "from the second room"]);
    // The next start offers each; the one restored and saved is not offered again.
    let mut notes = open_notes(dir.path());
    let app = started(&mut notes, 100, 30);
    assert_eq!(app.drafts.pending.len(), 2);
    let run = run_script(app, &mut notes, vec![code(KeyCode::Enter), ctrl('s'), key('d')]);
    assert_eq!(run.exit, Exit::TerminalGone);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.list(&Default::default()).unwrap().len(), 1, "the restored draft became a note");
    assert!(store.load_drafts().unwrap().is_empty(), "restored and discarded drafts are gone");
}

#[test]
fn quitting_the_editor_when_the_store_fails_keeps_the_text_in_a_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = NotesRuntime::none(); // every store write fails
    notes.set_recovery_dirs(vec![dir.path().join("recovered")]);
    let mut script = vec![key('a')];
    script.extend(typed("written on a full disk"));
    script.push(ctrl('s'));
    script.push(ctrl('c'));
    let run = run_script(seeds_app(100, 30), &mut notes, script);
    assert_eq!(run.exit, Exit::Quit);
    let files: Vec<_> =
        std::fs::read_dir(dir.path().join("recovered")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), "written on a full disk");
    let farewell = notes.take_farewell().join("\n");
    assert!(farewell.contains(&files[0].display().to_string()), "the user is told where: {farewell}");
}

/// A runtime with no store and a recovery folder that cannot exist (under
/// a plain file, which even root cannot create a folder in): unsaved text
/// has nowhere to go.
fn nowhere_to_keep(dir: &std::path::Path) -> NotesRuntime {
    let not_a_dir = dir.join("a-file");
    std::fs::write(&not_a_dir, "").unwrap();
    let mut notes = NotesRuntime::none();
    notes.set_recovery_dirs(vec![not_a_dir.join("recovered")]);
    notes
}

#[test]
fn with_nowhere_to_keep_the_text_ctrl_c_asks_first_and_the_second_one_says_what_was_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = nowhere_to_keep(dir.path());
    let mut script = vec![key('a')];
    script.extend(typed("nowhere to go"));
    script.push(ctrl('c'));
    let run = run_script(seeds_app(100, 30), &mut notes, script);
    assert_eq!(run.exit, Exit::TerminalGone, "the first Ctrl-C must not quit");
    assert!(run.screen.contains("could not be kept anywhere"), "{}", run.screen);
    let mut script = vec![key('a')];
    script.extend(typed("nowhere to go"));
    script.push(ctrl('c'));
    script.push(ctrl('c'));
    let mut notes = nowhere_to_keep(dir.path());
    let run = run_script(seeds_app(100, 30), &mut notes, script);
    assert_eq!(run.exit, Exit::Quit);
}

#[test]
fn a_signal_with_nowhere_to_keep_the_text_hands_it_to_the_user_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = nowhere_to_keep(dir.path());
    let mut script = vec![key('a')];
    script.extend(typed("last words"));
    script.push(AppEvent::Signal(15));
    run_script(seeds_app(100, 30), &mut notes, script);
    let farewell = notes.take_farewell().join("\n");
    assert!(farewell.contains("could not be kept anywhere") && farewell.contains("last words"), "{farewell}");
}

#[test]
fn a_store_deleted_while_the_room_is_open_gets_the_note_and_the_user_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = open_notes(dir.path());
    let app = started(&mut notes, 100, 30);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::remove_file(path).unwrap();
        }
    }
    let mut script = vec![key('a')];
    script.extend(typed("after the deletion"));
    script.push(ctrl('s'));
    let run = run_script(app, &mut notes, script);
    let texts: Vec<String> = Store::open(dir.path())
        .unwrap()
        .list(&Default::default())
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(texts, ["after the deletion"], "the note must be in the store at its path");
    let status = run.screen.lines().last().unwrap().to_lowercase();
    assert!(status.contains("recreated") || status.contains("deleted"), "{status}");
}

#[test]
fn a_note_added_by_another_process_appears_in_the_open_room() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes = open_notes(dir.path());
    let app = started(&mut notes, 100, 30);
    Store::open(dir.path()).unwrap().add(common::note("added from the command line")).unwrap();
    let run = run_script(app, &mut notes, vec![AppEvent::Tick, key('M')]);
    assert!(run.screen.contains("added from the command line"), "{}", run.screen);
}

const ALPHA: &str = "Team Alpha reported the convoy was stopped at the border crossing on Tuesday.";

/// An article (with a fixed id) whose text changed after a passage note
/// quoted ALPHA in it; the note, the app over the new text, and the runtime.
fn edited_article(after: &str) -> (App, NotesRuntime, tempfile::TempDir) {
    use rroom::corpus::ArticleId;
    use rroom::notes::{Anchor, NewNote, Target};
    let before = format!(
        "Border talks\n\n{ALPHA}\n\nTeam Beta reported the convoy was stopped at the border crossing on Monday.\n\nEnd of report."
    );
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut old = Corpus::from_bytes("talks.txt", before.as_bytes());
    old.articles[0].id = ArticleId("0123456789ab".into());
    let body = &old.articles[0].body;
    let at = body.find(ALPHA).unwrap();
    let passage = Target::Passage(Anchor::capture(body, at..at + ALPHA.len()));
    store
        .add(NewNote { article: "0123456789ab".into(), target: passage, text: "who stopped it?".into() })
        .unwrap();
    let mut new = Corpus::from_bytes("talks.txt", after.as_bytes());
    new.articles[0].id = ArticleId("0123456789ab".into());
    let mut notes = NotesRuntime::with_store(store);
    let mut app = App::new(new, Keymap::default(), Theme::dark(), 120, 30);
    app.set_notes(notes.all(), Vec::new());
    (app, notes, dir)
}

#[test]
fn a_note_whose_passage_is_gone_is_orphaned_not_moved_to_a_look_alike() {
    use rroom::tui::action::Action;
    let after = "Border talks\n\nTeam Beta reported the convoy was stopped at the border crossing on Monday.\n\nEnd of report.";
    let (mut a, _notes, _dir) = edited_article(after);
    assert!(a.note_marks.is_empty(), "drawn on the look-alike paragraph: {:?}", a.note_marks);
    let s = screen_of(&a);
    assert!(s.contains("⚠ 1 to check"), "{s}");
    a.update(Action::FocusNext);
    a.update(Action::FocusNext);
    a.update(Action::SwitchSidebar);
    assert!(screen_of(&a).contains("orphaned"), "{}", screen_of(&a));
    a.update(Action::FocusPrev);
    a.update(Action::AllNotes);
    assert!(screen_of(&a).contains("orphaned"), "{}", screen_of(&a));
}

#[test]
fn a_fuzzy_anchor_is_marked_and_checking_it_makes_it_exact() {
    use rroom::notes::anchor::AnchorState;
    use rroom::tui::action::Action;
    let edited = "Team Alpha reported that the convoy was stopped at the border crossing on Tuesday.";
    let after = format!(
        "Border talks\n\n{edited}\n\nTeam Beta reported the convoy was stopped at the border crossing on Monday.\n\nEnd of report."
    );
    let (mut a, mut notes, _dir) = edited_article(&after);
    assert_eq!(a.note_marks.len(), 1);
    assert_eq!(a.note_marks[0].state, AnchorState::Fuzzy);
    a.update(Action::FocusNext);
    a.update(Action::FocusNext);
    a.update(Action::SwitchSidebar);
    let s = screen_of(&a);
    assert!(s.contains("≈") && s.contains("fuzzy"), "{s}");
    // A on the note selects the fuzzy match in the reader; a attaches the note there.
    a.update(Action::ReattachNote);
    assert_eq!(a.mode(), rroom::tui::keymap::Mode::Visual);
    a.update(Action::AddNote);
    for effect in a.take_effects() {
        let outcome = notes.run(&effect, &mut Vec::new());
        a.on_outcome(outcome);
    }
    assert_eq!(a.note_marks.len(), 1);
    assert_eq!(a.note_marks[0].state, AnchorState::Exact, "{:?}", a.status);
    assert!(!screen_of(&a).contains("to check"));
}

#[test]
fn at_an_alias_in_all_notes_finds_the_notes_on_its_entity() {
    use rroom::notes::{EntityRef, NewNote, Target};
    use rroom::tui::action::Action;
    use rroom::tui::corpus_worker::CorpusJob;
    use rroom::tui::library_worker::LibraryJob;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = seeds_app(120, 40);
    let library = (a.catalog.opener())(&a.corrections).unwrap();
    let rroom::entities::QueryMatch::Found { hit: ttp, .. } = library.resolve_entity("ttp").unwrap() else {
        panic!("ttp names no entity")
    };
    assert_ne!(ttp.name.to_lowercase(), "ttp", "the canonical name is the long one");
    let article = a.catalog.id(0).unwrap();
    let target = Target::Entity(EntityRef::new(ttp.name.clone(), ttp.kind));
    store.add(NewNote { article, target, text: "who funds them".into() }).unwrap();
    let mut notes = NotesRuntime::with_store(store);
    a.set_notes(notes.all(), Vec::new());
    a.update(Action::AllNotes);
    for c in "@ttp".chars() {
        a.update(Action::Insert(c));
    }
    assert!(a.notes_view_rows().is_empty(), "by the name's text until the worker says");
    let jobs = a.take_corpus_jobs();
    let asked = |j: &CorpusJob| matches!(j, CorpusJob::Names { query, .. } if query == "ttp");
    assert!(jobs.iter().any(asked), "the name asked of the corpus worker: {jobs:?}");
    let opener = a.catalog.opener();
    for job in &jobs {
        a.on_corpus(job.run_with(&opener));
    }
    assert_eq!(a.notes_view_rows().len(), 1, "{}", screen_of(&a));
}

#[test]
fn counts_in_the_reading_room_are_in_words_not_with_a_bracketed_s() {
    use rroom::tui::action::Action;
    let mut a = on_entity("Pakistan");
    a.update(Action::ListMentioning);
    a.answer_corpus_jobs_here();
    let status = a.status.clone().unwrap_or_default();
    assert!(!status.contains("(s)") && status.contains("articles mention Pakistan"), "{status}");
}
