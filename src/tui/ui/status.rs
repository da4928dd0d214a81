//! The status line: the focused pane, context hints from the keymap, messages.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::width;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let km = &app.keymap;
    let hint = |a: Action| km.hint(Mode::Normal, a);
    let mode = match app.mode() {
        Mode::Search => " SEARCH ".to_string(),
        Mode::Filter => " FILTER ".to_string(),
        Mode::Finder => " FIND ".to_string(),
        Mode::Visual => " SELECT ".to_string(),
        Mode::Editor => " NOTE ".to_string(),
        Mode::NotesView => " NOTES ".to_string(),
        Mode::Prompt => " DRAFT ".to_string(),
        // The sidebar says which tab it shows, as its keys below do.
        _ if app.focus == Pane::Sidebar && app.sidebar_tab == crate::tui::notes_view::SidebarTab::Notes => {
            " NOTES ".to_string()
        }
        _ if app.focus == Pane::Sidebar && app.watches.open => " WATCHES ".to_string(),
        _ if app.focus == Pane::Sidebar && app.entity_pane.together.is_some() => " WITH ".to_string(),
        _ => format!(" {} ", app.focus.name().to_uppercase()),
    };
    let mut spans = vec![Span::styled(mode, theme.status_mode), Span::raw(" ")];
    // The index being brought up to date: first, so that it is never cut.
    if let Some(progress) = app.library.progress_text() {
        spans.push(Span::styled(progress, theme.status_message));
    }
    if app.mode() == Mode::Search {
        let s = app.rsearch.as_ref();
        spans.push(Span::styled("/", theme.status_key));
        spans.push(Span::styled(s.map_or(String::new(), |s| s.query.clone()), theme.input));
        spans.push(Span::styled("▏", theme.status_key));
        if let Some(c) = app.hit_counter() {
            spans.push(Span::styled(format!("  {c}"), theme.status));
        }
        spans.push(Span::styled("  Enter keep · Esc clear", theme.list_meta));
    } else if app.mode() == Mode::Visual {
        let vh = |a: Action| km.hint(Mode::Visual, a);
        let hints = [
            (format!("{}/{}", vh(Action::WordForward), vh(Action::WordBack)), "word"),
            (format!("{}/{}", vh(Action::SentenceForward), vh(Action::SentenceBack)), "sentence"),
            (format!("{}/{}", vh(Action::ParagraphForward), vh(Action::ParagraphBack)), "paragraph"),
            (vh(Action::AddNote), if app.reattach.is_some() { "attach the note here" } else { "note" }),
            (vh(Action::Yank), "copy citation"),
            (vh(Action::Back), "cancel"),
        ];
        for (k, what) in hints {
            spans.push(Span::styled(k, theme.status_key));
            spans.push(Span::styled(format!(" {what}  "), theme.status));
        }
    } else if let Some(msg) = &app.status {
        spans.push(Span::styled(msg.clone(), theme.status_message));
    } else if let Some(hints) = overlay_hints(app) {
        for (k, what) in hints {
            spans.push(Span::styled(k, theme.status_key));
            spans.push(Span::styled(format!(" {what}  "), theme.status));
        }
    } else {
        let mut hints: Vec<(String, &str)> = Vec::new();
        let updown = format!("{}/{}", hint(Action::Down), hint(Action::Up));
        match app.focus {
            Pane::List => {
                hints.push((updown, "move"));
                hints.push((hint(Action::Open), "read"));
                hints.push((hint(Action::Search), "filter"));
                hints.push((hint(Action::OpenFinder), "find"));
            }
            Pane::Reader => {
                if let Some(c) = app.hit_counter() {
                    hints.push((format!("{}/{}", hint(Action::NextHit), hint(Action::PrevHit)), "hits"));
                    hints.push((c, ""));
                }
                hints.push((updown, "scroll"));
                hints.push((hint(Action::PageDown), "page"));
                hints.push((format!("{}/{}", hint(Action::Top), hint(Action::Bottom)), "top/end"));
                hints.push((hint(Action::Back), "list"));
            }
            Pane::Sidebar if app.sidebar_tab == crate::tui::notes_view::SidebarTab::Notes => {
                hints.push((updown, "move"));
                hints.push((hint(Action::Open), "go to note"));
                hints.push((hint(Action::EditNote), "edit"));
                hints.push((hint(Action::DeleteNote), "delete"));
                hints.push((hint(Action::ReattachNote), "re-attach"));
                hints.push((hint(Action::SwitchSidebar), "entities"));
            }
            Pane::Sidebar if app.watches.open || app.entity_pane.together.is_some() => {
                hints.push((updown, "move"));
                hints.push((hint(Action::Open), "list"));
                hints.push((hint(Action::Back), "entities"));
            }
            Pane::Sidebar => {
                hints.push((updown, "move"));
                hints.push((format!("{}/{}", hint(Action::NextHit), hint(Action::PrevHit)), "mentions"));
                hints.push((hint(Action::ListMentioning), "articles"));
                hints.push((hint(Action::HideEntity), "hide"));
            }
        }
        hints.push((hint(Action::AddNote), "note"));
        hints.push((hint(Action::FocusNext), "pane"));
        hints.push((hint(Action::ToggleHelp), "help"));
        hints.push((hint(Action::Quit), "quit"));
        for (k, what) in hints {
            spans.push(Span::styled(k, theme.status_key));
            spans.push(Span::styled(format!(" {what}  "), theme.status));
        }
    }
    let right = match app.current() {
        Some(i) => format!("{} ", app.catalog.id(i).unwrap_or_default()),
        None => String::new(),
    };
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(area.width);
    if used + width(&right) < room {
        spans.push(Span::raw(" ".repeat(room - used - width(&right))));
        spans.push(Span::styled(right, theme.list_meta));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status), area);
}

/// The keys of an overlay or input mode, from the keymap of that mode.
fn overlay_hints(app: &App) -> Option<Vec<(String, &'static str)>> {
    let mode = app.mode();
    let k = |a: Action| app.keymap.hint(mode, a);
    let hints = match mode {
        Mode::Finder => vec![
            (k(Action::Open), "open"),
            (k(Action::ToggleFullText), "titles/full text"),
            (k(Action::Back), "back"),
        ],
        Mode::Filter => vec![(k(Action::Open), "keep"), (k(Action::Back), "clear")],
        Mode::NotesView => vec![
            (k(Action::Open), "go to note"),
            (k(Action::ToggleFullText), "notes/trash"),
            (k(Action::EditNote), "edit"),
            (k(Action::DeleteNote), "delete/restore"),
            (k(Action::Back), "close"),
        ],
        Mode::Editor => vec![(k(Action::SaveNote), "save"), (k(Action::Back), "close")],
        Mode::Prompt => {
            vec![(k(Action::Open), "restore"), (k(Action::DeleteNote), "discard"), (k(Action::Back), "later")]
        }
        _ => return None,
    };
    Some(hints)
}
