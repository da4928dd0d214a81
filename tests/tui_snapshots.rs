//! The screens, drawn on ratatui's TestBackend and compared with snapshots.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::tui::action::Action;
use rroom::tui::app::App;
use rroom::tui::jobs::Searcher;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;
use rroom::tui::ui;

fn app(w: u16, h: u16) -> App {
    App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), w, h)
}

/// The app after `actions`, one after the other.
fn app_after(w: u16, h: u16, actions: impl IntoIterator<Item = Action>) -> App {
    let mut a = app(w, h);
    for action in actions {
        a.update(action);
    }
    a
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term
}

fn screen(app: &App) -> String {
    draw(app).backend().to_string()
}

/// Runs the searches the app asked for, as the worker would, and hands the
/// answers back.
fn settle(app: &mut App, searcher: &mut Searcher) {
    for req in app.take_requests() {
        let response = searcher.run(&req);
        app.on_search(response);
    }
}

fn type_text(app: &mut App, searcher: &mut Searcher, text: &str) {
    for c in text.chars() {
        app.update(Action::Insert(c));
        settle(app, searcher);
    }
}

#[test]
fn finder_overlay_titles_then_full_text_then_open_at_the_hit() {
    let mut a = app(120, 40);
    let mut s = Searcher::over((a.catalog.opener())(&Default::default()).unwrap());
    a.update(Action::OpenFinder);
    settle(&mut a, &mut s);
    type_text(&mut a, &mut s, "high");
    let titles = screen(&a);
    assert!(titles.contains("> high"), "{titles}");
    a.update(Action::ToggleFullText);
    settle(&mut a, &mut s);
    a.update(Action::ClearInput);
    settle(&mut a, &mut s);
    type_text(&mut a, &mut s, "torkham");
    let text = screen(&a);
    insta::assert_snapshot!(format!("{titles}\n{text}"));
    a.update(Action::Open);
    settle(&mut a, &mut s);
    let opened = screen(&a);
    assert!(opened.contains("Reader · /torkham 1/"), "{opened}");
    assert!(a.finder().is_none());
}

#[test]
fn finder_escape_restores_the_previous_view() {
    let mut a = app(120, 40);
    let mut s = Searcher::over((a.catalog.opener())(&Default::default()).unwrap());
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::PageDown);
    let before = screen(&a);
    a.update(Action::OpenFinder);
    type_text(&mut a, &mut s, "istanbul");
    a.update(Action::Down);
    a.update(Action::Back);
    assert_eq!(screen(&a), before);
}

#[test]
fn list_filter_in_place_and_escape_clears_it() {
    let mut a = app(120, 30);
    let mut s = Searcher::over((a.catalog.opener())(&Default::default()).unwrap());
    a.update(Action::Search);
    settle(&mut a, &mut s);
    type_text(&mut a, &mut s, "kabul");
    let filtered = screen(&a);
    insta::assert_snapshot!(filtered);
    // The two titles with "Kabul"; the looser (scattered) matches are left out.
    assert!(a.list_len() < 5);
    let first_two: Vec<usize> = (0..2).filter_map(|r| a.list_article(r)).collect();
    assert_eq!(first_two.len(), 2);
    assert!(first_two.iter().all(|&i| a.catalog.title(i).contains("Kabul")), "{first_two:?}");
    a.update(Action::Back);
    assert_eq!(a.list_len(), 5);
    assert!(a.list.filter.is_none());
}

#[test]
fn search_in_the_article_highlights_and_jumps() {
    let mut a = app(100, 30);
    let mut s = Searcher::over((a.catalog.opener())(&Default::default()).unwrap());
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::Search);
    type_text(&mut a, &mut s, "ttp");
    a.update(Action::Open);
    assert_eq!(a.hit_counter().as_deref(), Some("1/17"));
    a.update(Action::NextHit);
    a.update(Action::NextHit);
    assert_eq!(a.hit_counter().as_deref(), Some("3/17"));
    let at_third = a.reader.scroll;
    a.update(Action::PrevHit);
    a.update(Action::PrevHit);
    a.update(Action::PrevHit);
    assert_eq!(a.hit_counter().as_deref(), Some("17/17"), "wraps around");
    assert!(a.reader.scroll > at_third);
    let term = draw(&a);
    let buf = term.backend().buffer();
    let current = a.theme.search_current;
    let styled =
        buf.content().iter().filter(|c| c.bg == current.bg.unwrap() && c.fg == current.fg.unwrap()).count();
    assert_eq!(styled, 3, "the current hit 'TTP' is drawn in the current-hit style");
    insta::assert_snapshot!(screen(&a));
    a.update(Action::Back);
    assert_eq!(a.hit_counter(), None);
}

#[test]
fn main_screen_120x40() {
    insta::assert_snapshot!(screen(&app(120, 40)));
}

#[test]
fn main_screen_80x24() {
    insta::assert_snapshot!(screen(&app(80, 24)));
}

#[test]
fn reading_the_third_article_at_120x40() {
    let a = app_after(120, 40, [Action::Down, Action::Down, Action::Open, Action::PageDown]);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn boilerplate_unfolded_at_the_end_of_the_fifth_article() {
    let a = app_after(100, 30, [Action::Bottom, Action::Open, Action::ToggleBoilerplate, Action::Bottom]);
    insta::assert_snapshot!(screen(&a));
}

#[test]
fn one_pane_at_60_columns_and_switching_panes() {
    let mut a = app(60, 20);
    let list = screen(&a);
    a.update(Action::FocusNext);
    let reader = screen(&a);
    a.update(Action::FocusNext);
    let sidebar = screen(&a);
    insta::assert_snapshot!(format!("{list}\n{reader}\n{sidebar}"));
}

#[test]
fn help_overlay_lists_the_keymap() {
    // Tall enough for every action's line (the help scrolls on shorter screens).
    let mut a = app(130, 70);
    a.update(Action::ToggleHelp);
    let s = screen(&a);
    assert!(s.contains("Keys"));
    assert!(s.contains("q, Ctrl-c"));
    assert!(s.contains("Selecting a passage") && s.contains("Ctrl-s"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn too_small_screen() {
    insta::assert_snapshot!(screen(&app(19, 8)));
}

#[test]
fn no_size_panics_and_nothing_is_drawn_outside_the_buffer() {
    let sizes = [
        (0, 0),
        (1, 1),
        (1, 50),
        (50, 1),
        (19, 5),
        (20, 6),
        (21, 7),
        (69, 24),
        (70, 24),
        (99, 30),
        (100, 30),
        (500, 200),
    ];
    for (w, h) in sizes {
        let mut a = app(w, h);
        for action in [
            Action::Down,
            Action::Open,
            Action::PageDown,
            Action::FocusNext,
            Action::Down,
            Action::FocusNext,
            Action::Bottom,
            Action::ToggleHelp,
        ] {
            a.update(action);
            draw(&a);
        }
    }
    // A resize storm: the state follows every size, drawing never fails.
    let mut a = app(120, 40);
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for i in 0..300u16 {
        let (w, h) = ((i * 37) % 230, (i * 11) % 70);
        a.resize(w, h);
        term.backend_mut().resize(w, h);
        term.draw(|f| ui::render(&a, f)).unwrap();
    }
}

#[test]
fn state_and_frame_sizes_may_disagree_without_panic() {
    // A resize can race a draw: the frame is smaller than the state thinks.
    let a = app(200, 60);
    let mut term = Terminal::new(TestBackend::new(30, 8)).unwrap();
    term.draw(|f| ui::render(&a, f)).unwrap();
}

#[test]
fn hostile_article_draws_markers_and_the_crossterm_backend_writes_no_foreign_escape() {
    use rroom::corpus::formats::read_text;
    use rroom::corpus::{Article, Origin};
    let raw = read_text(
        "Evil \x1b]0;title\x07 headline\n\nBody \x1b[2J\x1bc\x1b]52;c;?\x07\u{9b}6n\x1bP1$qm\x1b\\ \u{202e}abc end.\n",
    );
    let article = Article::build(raw, Origin { path: "evil\x1b[31m.txt".into(), line: None }, None).unwrap();
    let corpus = Corpus { articles: vec![article], load_notes: vec![] };
    let app = App::new(corpus, Keymap::default(), Theme::mono(), 100, 20);
    let s = screen(&app);
    assert!(s.contains("␛[2J"), "{s}");
    assert!(s.contains("⟨U+009B⟩"), "{s}");

    // The real backend, writing into memory: every ESC it writes must be one of
    // its own (CSI cursor moves and SGR), never the article's.
    let buf = common::screen::frame_bytes(&app, 100, 20);
    let out = String::from_utf8_lossy(&buf);
    for bad in ["\x1b]", "\x1bc", "\x1bP", "\x07", "\u{9b}", "\x1b[2J", "\x1b[6n", "\u{202e}"] {
        assert!(!out.contains(bad), "backend wrote {bad:?}");
    }
}

/// Runs the effects the app queued against a real store, as the runtime does.
fn run_effects(app: &mut App, notes: &mut rroom::tui::effects::NotesRuntime) -> Vec<u8> {
    let mut clipboard = Vec::new();
    for e in app.take_effects() {
        let outcome = notes.run(&e, &mut clipboard);
        app.on_outcome(outcome);
    }
    clipboard
}

fn key(c: char) -> crossterm::event::Event {
    crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    ))
}

#[test]
fn select_a_passage_write_a_note_and_see_it_highlighted() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes =
        rroom::tui::effects::NotesRuntime::with_store(rroom::notes::Store::open(dir.path()).unwrap());
    let mut a = app(120, 40);
    a.set_notes(notes.all(), notes.drafts());
    a.update(Action::Down);
    a.update(Action::Open);
    a.update(Action::Visual);
    a.update(Action::SentenceForward);
    let selected = a.visual().unwrap().range();
    let article = a.catalog.article(1).unwrap();
    let body = &article.body;
    assert!(body[selected.clone()].starts_with("KABUL, Afghanistan — A Pakistani delegation"));
    assert!(
        body[selected.clone()].ends_with("familiar with the discussions."),
        "{}",
        &body[selected.clone()]
    );
    a.update(Action::AddNote);
    for c in "Torkham talks #border".chars() {
        a.handle_event(&key(c));
    }
    let editor = screen(&a);
    assert!(editor.contains("New note on the passage"), "{editor}");
    insta::assert_snapshot!(editor);
    a.update(Action::SaveNote);
    run_effects(&mut a, &mut notes);
    assert!(a.editor().is_none());
    assert_eq!(a.note_marks.len(), 1);
    assert_eq!(a.note_marks[0].range, selected);
    let saved = &notes.all()[0];
    assert_eq!(saved.tags, vec!["border"]);
    // The passage is drawn in the note style.
    let term = draw(&a);
    let hl = a.theme.note_highlight;
    assert!(term.backend().buffer().content().iter().any(|c| c.bg == hl.bg.unwrap()));
    // The sidebar's notes tab lists it; inline notes show its text.
    a.update(Action::SwitchSidebar);
    a.update(Action::ToggleInlineNotes);
    let s = screen(&a);
    assert!(s.contains("Notes 1") && s.contains("✎ Torkham talks #border"), "{s}");
}

#[test]
fn escape_asks_before_discarding_and_drafts_survive() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes =
        rroom::tui::effects::NotesRuntime::with_store(rroom::notes::Store::open(dir.path()).unwrap());
    let mut a = app(100, 30);
    a.update(Action::AddNote);
    for c in "half a thought".chars() {
        a.handle_event(&key(c));
    }
    // Autosave takes the text; the runtime stores it.
    a.on_tick();
    let drafts = a.take_effects();
    assert_eq!(drafts.len(), 1, "one tick, one draft save: {drafts:?}");
    notes.run(&drafts[0], &mut Vec::new());
    assert_eq!(notes.drafts()[0].text, "half a thought");
    a.update(Action::Back);
    assert!(a.editor().unwrap().confirm_discard, "Esc with changes asks first");
    a.handle_event(&key('n'));
    assert!(a.editor().is_some() && !a.editor().unwrap().confirm_discard);
    // Next start: the draft is offered and restored.
    let mut b = app(100, 30);
    b.set_notes(notes.all(), notes.drafts());
    assert_eq!(b.mode(), rroom::tui::keymap::Mode::Prompt);
    assert!(screen(&b).contains("half a thought"));
    b.update(Action::Open);
    assert_eq!(b.editor().unwrap().text(), "half a thought");
}

#[test]
fn a_conflicting_edit_keeps_the_text_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let store = rroom::notes::Store::open(dir.path()).unwrap();
    let seed = Corpus::seeds();
    let note = store
        .add(rroom::notes::NewNote {
            article: seed.articles[0].id.to_string(),
            target: rroom::notes::Target::Article,
            text: "first".into(),
        })
        .unwrap();
    let mut notes = rroom::tui::effects::NotesRuntime::with_store(store);
    let mut a = app(100, 30);
    a.set_notes(notes.all(), Vec::new());
    a.edit_note(note.id);
    a.handle_event(&key('!'));
    // Another session saves first.
    rroom::notes::Store::open(dir.path()).unwrap().update(note.id, 1, "theirs").unwrap();
    a.update(Action::SaveNote);
    run_effects(&mut a, &mut notes);
    let ed = a.editor().expect("the editor stays open");
    assert_eq!(ed.text(), "first!");
    assert!(ed.message.as_deref().unwrap().contains("another session"));
    // Saving again is a deliberate overwrite.
    a.update(Action::SaveNote);
    run_effects(&mut a, &mut notes);
    assert!(a.editor().is_none());
    assert_eq!(notes.all()[0].text, "first!");
}

#[test]
fn yank_copies_a_citation_with_osc52() {
    let mut notes = rroom::tui::effects::NotesRuntime::none();
    let mut a = app_after(100, 30, [Action::Down, Action::Open, Action::Visual, Action::Yank]);
    let out = String::from_utf8(run_effects(&mut a, &mut notes)).unwrap();
    assert!(out.starts_with("\x1b]52;c;") && out.ends_with('\x07'), "{out:?}");
    use base64::Engine;
    let payload = &out[7..out.len() - 1];
    let text = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(payload).unwrap()).unwrap();
    assert!(text.starts_with("“KABUL”") || text.starts_with("“KABUL"), "{text}");
    assert!(text.contains("— A Pakistani delegation visiting Kabul"), "{text}");
}

#[test]
fn entity_mentions_cross_article_list_and_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let mut notes =
        rroom::tui::effects::NotesRuntime::with_store(rroom::notes::Store::open(dir.path()).unwrap());
    let mut a = app(120, 40);
    a.set_corrections(notes.corrections());
    // Select the TTP entity of the first seed in the sidebar.
    a.update(Action::FocusRight);
    a.update(Action::FocusRight);
    while a.selected_entity().is_some_and(|e| !e.name.contains("Taliban Pakistan")) {
        let before = a.entity_pane.cursor.selected;
        a.update(Action::Down);
        assert_ne!(a.entity_pane.cursor.selected, before, "TTP not in the sidebar");
    }
    let ttp = a.selected_entity().unwrap().clone();
    assert!(ttp.aliases.iter().any(|x| x == "TTP"), "{ttp:?}");
    assert_eq!(a.hit_counter().as_deref(), Some(format!("1/{}", ttp.count()).as_str()));
    assert!(a.selected_entity_reach().is_none() && screen(&a).contains("indexing the corpus"));
    assert_eq!(a.answer_corpus_jobs_here(), 1, "the sidebar's counts asked of the corpus worker");
    assert_eq!(a.selected_entity_reach(), Some(5), "every seed names the TTP");
    assert!(screen(&a).contains("in 4 more"));
    a.update(Action::NextHit);
    assert_eq!(a.hit_counter().as_deref(), Some(format!("2/{}", ttp.count()).as_str()));
    // One key lists the articles that mention it.
    a.update(Action::ListMentioning);
    assert_eq!(a.answer_corpus_jobs_here(), 1, "the articles asked of the corpus worker");
    assert_eq!(a.list_len(), 5);
    assert_eq!(a.focus, rroom::tui::layout::Pane::List);
    a.update(Action::Back);
    // Hide an entity: gone from the sidebar, stored, and undone with u.
    a.update(Action::FocusRight);
    a.update(Action::FocusRight);
    let victim = a.selected_entity().unwrap().name.clone();
    a.update(Action::HideEntity);
    run_effects(&mut a, &mut notes);
    assert!(!a.entities().iter().any(|e| e.name == victim), "{victim} still shown");
    assert_eq!(notes.corrections().len(), 1);
    a.answer_corpus_jobs_here();
    assert!(!a.entities().iter().any(|e| e.name == victim));
    assert!(a.selected_entity_reach().is_some(), "counted again for the new corrections");
    a.update(Action::UndoCorrection);
    run_effects(&mut a, &mut notes);
    assert!(a.entities().iter().any(|e| e.name == victim));
    assert!(notes.corrections().is_empty());
}
