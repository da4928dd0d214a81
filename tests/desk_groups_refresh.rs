//! Near-duplicate groups kept right while the reading room is open (issue
//! "The analyst's desk"): a file dropped into the watched corpus folder
//! that repeats an article already listed is indexed by the updater, the
//! groups are read again on the desk worker, and the new copy folds under
//! its group ("+1 similar", one row for both). The real loop, the real
//! updater and desk worker; frames are awaited, never timed.

mod common;

use common::screen::frame_showing;
use std::sync::mpsc::sync_channel;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rroom::corpus::LoadOptions;
use rroom::library::SqliteLibrary;
use rroom::library::sqlite::OpenOptions;
use rroom::tui::app::App;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::event::AppEvent;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;
use rroom::tui::{Exit, Runtime, run_loop, source};

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// A report long enough to be grouped (about 30 words and more).
fn report(extra: &str) -> String {
    let body: Vec<String> = (1..40)
        .map(|d| format!("Officials in district {d} counted the ballots again after the protest."))
        .collect();
    format!("{}{extra}\n", body.join(" "))
}

#[test]
fn a_copy_arriving_while_open_folds_under_its_group() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a_recount.txt"), format!("Recount ordered\n\n{}", report(""))).unwrap();
    std::fs::write(
        corpus.join("b_wheat.txt"),
        "Wheat prices rise\n\nWheat prices rose sharply this spring across the valley, traders said.\n",
    )
    .unwrap();
    let index = dir.path().join("index/corpus.sqlite3");
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Default::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(&index, vec![corpus.clone()], options, &mut |_| {}).unwrap();
    let mut notes = NotesRuntime::none();

    let src = source::indexed(vec![corpus.clone()], index, LoadOptions::default(), false);
    let app = App::new(src.catalog, Keymap::default(), Theme::mono(), 120, 30);
    let (mut terminal, frames) = common::screen::watched_terminal(120, 30);
    let (tx, events) = sync_channel(64);
    let (_updater, watching) = common::watched::start_updater(src.update.unwrap(), tx.clone());
    let wake = tx.clone();
    let copy = corpus.join("c_recount_update.txt");
    let user = std::thread::spawn(move || {
        // A key draws a first frame.
        tx.send(AppEvent::Input(key('j'))).unwrap();
        let listed = frame_showing(&frames, "Wheat prices rise");
        if watching.recv() != Ok(true) {
            tx.send(AppEvent::Input(key('q'))).unwrap();
            return (listed, None);
        }
        std::fs::write(&copy, format!("Recount ordered (update)\n\n{}", report(" Updated."))).unwrap();
        let folded = frame_showing(&frames, "+1 similar");
        tx.send(AppEvent::Input(key('q'))).unwrap();
        (listed, folded)
    });
    let mut clipboard = Vec::new();
    let rt = Runtime::scripted(&mut notes, &mut clipboard, wake);
    let exit = run_loop(&mut terminal, app, &events, rt).unwrap();
    let (listed, folded) = user.join().unwrap();
    let listed = listed.expect("the list was drawn");
    assert!(!listed.contains("similar"), "no group before the copy: {listed}");
    let folded = folded.expect("the copy joined its group while open");
    assert!(!folded.contains("Recount ordered (update)"), "one row for the group: {folded}");
    assert!(folded.contains("Wheat prices rise"), "{folded}");
    assert_eq!(exit, Exit::Quit);
}
