//! One key, one meaning: `u` shows the unread articles from any pane (it
//! once undid a correction everywhere but in the list), and `U` undoes the
//! last correction of the extractor.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rroom::corpus::Corpus;
use rroom::tui::app::App;
use rroom::tui::keymap::Keymap;
use rroom::tui::layout::Pane;
use rroom::tui::list_view::Only;
use rroom::tui::styles::Theme;

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

#[test]
fn u_shows_the_unread_from_any_pane_and_capital_u_undoes() {
    let mut panes = Vec::new();
    for pane_keys in [&[][..], &[KeyCode::Enter], &[KeyCode::Tab, KeyCode::Tab]] {
        let mut a = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 36);
        for &k in pane_keys {
            a.handle_event(&key(k));
        }
        let pane = a.focus;
        panes.push(pane);
        a.handle_event(&key(KeyCode::Char('u')));
        assert_eq!(a.view.only, Only::Unread, "u in {pane:?}");
        a.handle_event(&key(KeyCode::Char('u')));
        assert_eq!(a.view.only, Only::All, "u again in {pane:?}");
        a.handle_event(&key(KeyCode::Char('U')));
        assert_eq!(a.view.only, Only::All, "U never touches the list's view ({pane:?})");
        assert!(
            a.status.as_deref().is_some_and(|s| s.contains("undo")),
            "U says there is nothing to undo: {:?}",
            a.status
        );
    }
    assert_eq!(panes, [Pane::List, Pane::Reader, Pane::Sidebar], "every pane was tried");
}

/// `x` (hide) and `+` (merge) act on the sidebar's selected entity: with
/// the watch pane in front of the entity list, they change nothing (a
/// stray key once hid the entity left selected behind the pane).
#[test]
fn corrections_wait_for_the_entities_to_be_in_view() {
    use rroom::tui::effects::Effect;
    use rroom::tui::work::Work;
    let mut a = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 36);
    for k in [KeyCode::Tab, KeyCode::Tab, KeyCode::Char('j'), KeyCode::Char('W')] {
        a.handle_event(&key(k));
    }
    assert_eq!(a.focus, Pane::Sidebar);
    assert!(a.watches.open, "the watch pane is in front");
    a.take_work();
    for c in ['x', '+'] {
        a.handle_event(&key(KeyCode::Char(c)));
        let corrected = a.take_work().into_iter().any(|w| matches!(w, Work::Store(Effect::AddCorrection(_))));
        assert!(!corrected, "{c} behind the watch pane corrected an entity");
        assert!(a.status.as_deref().is_some_and(|s| s.contains("not in view")), "{:?}", a.status);
    }
    // Back to the entities: x hides the selected one.
    a.handle_event(&key(KeyCode::Esc));
    assert!(!a.watches.open);
    a.handle_event(&key(KeyCode::Char('x')));
    assert!(a.take_work().into_iter().any(|w| matches!(w, Work::Store(Effect::AddCorrection(_)))));
}
