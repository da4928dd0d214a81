//! The reading room's inside, driven as a user drives it: mouse events as
//! actions on their pane, key scripts through the real loop (`run_loop` on
//! ratatui's test backend), a store that answers slowly, a resize in every
//! overlay. Nothing here waits on a clock.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use rroom::corpus::Corpus;
use rroom::entities::index::CorpusIndex;
use rroom::tui::app::App;
use rroom::tui::keymap::{Keymap, Mode};
use rroom::tui::layout::Pane;
use rroom::tui::styles::Theme;

fn seeds_app(w: u16, h: u16) -> App {
    App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), w, h)
}

/// The seeds with their corpus index, as after it arrives from its worker.
fn indexed_app(w: u16, h: u16) -> App {
    let mut a = seeds_app(w, h);
    let ix = CorpusIndex::build(&a.corpus.articles, &a.corrections);
    let generation = a.index_generation;
    a.on_index(std::sync::Arc::new(ix), generation);
    a
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
    assert_eq!((a.focus, a.scroll), (Pane::List, 3), "three lines a notch, focus stays");
    a.handle_event(&mouse(MouseEventKind::ScrollUp, x, y));
    assert_eq!(a.scroll, 0);
    let (x, y) = inside(&a, Pane::List, 0);
    a.handle_event(&mouse(MouseEventKind::ScrollDown, x, y));
    assert_eq!((a.focus, a.list.selected), (Pane::List, 2));
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
    assert_eq!((a.focus, a.list.selected), (Pane::List, 2));
    // Below the last article nothing is picked.
    let (x, y) = inside(&a, Pane::List, 30);
    a.handle_event(&mouse(MouseEventKind::Down(MouseButton::Left), x, y));
    assert_eq!(a.list.selected, 2);
}

#[test]
fn the_mouse_does_nothing_while_an_overlay_is_open() {
    let mut a = seeds_app(120, 40);
    a.handle_event(&key('?'));
    let (x, y) = inside(&a, Pane::List, 1);
    assert!(!a.handle_event(&mouse(MouseEventKind::ScrollDown, x, y)));
    assert_eq!((a.mode(), a.list.selected), (Mode::Help, 0));
}

#[test]
fn moving_while_typing_an_entity_filter_moves_the_sidebar_and_keeps_typing() {
    let mut a = indexed_app(120, 40);
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
    assert_eq!(a.entity_filter.as_deref(), Some("x"));
}
