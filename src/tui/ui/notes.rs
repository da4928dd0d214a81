//! Notes on screen: the editor, the sidebar's notes tab, the all-notes
//! overlay and the draft prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use super::{centered, pane_block, truncate};
use crate::corpus::sanitize::sanitize_label;
use crate::notes::{Note, Target};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::{EditTarget, NewTarget};
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;

fn when(ms: i64) -> String {
    crate::notes::clock::rfc3339(ms).chars().take(16).collect::<String>().replace('T', " ")
}

/// One line about what a note is on.
fn about(app: &App, note: &Note) -> String {
    match &note.target {
        Target::Article => "on the article".into(),
        Target::Entity(e) => format!("on {}", sanitize_label(&e.name)),
        Target::Passage(a) => {
            use crate::notes::anchor::AnchorState;
            let quote = sanitize_label(&a.quote);
            let fix = app.keymap.hint(Mode::Normal, Action::ReattachNote);
            // Never drawn like an exact anchor unless it is one (or the same
            // quote, moved): an uncertain passage says so first, and how to fix it.
            match app.anchor_states.get(&note.id) {
                Some((AnchorState::Exact | AnchorState::Moved, _)) => format!("“{quote}”"),
                Some((AnchorState::Fuzzy, sim)) => {
                    format!("≈ fuzzy {:.0}% ({fix} checks): “{quote}”", sim.unwrap_or(0.0) * 100.0)
                }
                Some((AnchorState::Orphaned, _)) => format!("✗ orphaned ({fix} re-attaches): “{quote}”"),
                None => format!("“{quote}” (article not in this corpus)"),
            }
        }
    }
}

pub fn render_tab(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let notes = app.notes_tab_rows();
    let block = pane_block(app, Pane::Sidebar, Line::from(format!(" Notes {} ", notes.len())));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if notes.is_empty() {
        let add = app.keymap.hint(Mode::Normal, Action::AddNote);
        let sel = app.keymap.hint(Mode::Normal, Action::Visual);
        let msg = format!(" No notes yet. {add}: note on the article; {sel}: select a passage first.");
        frame.render_widget(
            Paragraph::new(Span::styled(msg, theme.list_meta)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    let per = 2;
    let room = usize::from(inner.height) / per;
    for (i, n) in notes.iter().enumerate().skip(app.notes_cursor.offset).take(room) {
        let selected = i == app.notes_cursor.selected && app.focus == Pane::Sidebar;
        let style = if selected { theme.list_selected } else { Style::default() };
        let text = sanitize_label(&n.text);
        lines.push(Line::from(Span::styled(format!(" {}", truncate(&text, w.saturating_sub(1))), style)));
        let meta = format!("   {} · {}", about(app, n), when(n.updated));
        lines.push(Line::from(Span::styled(
            truncate(&meta, w),
            if selected { style } else { theme.list_meta },
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn render_editor(app: &App, frame: &mut Frame, area: Rect) {
    let Some(ed) = app.overlay.editor() else { return };
    let theme = &app.theme;
    let w = area.width.saturating_sub(6).clamp(1, 90);
    let h = area.height.saturating_sub(4).clamp(1, 16);
    let popup = centered(area, w, h);
    let on = match &ed.target {
        EditTarget::Existing { id, .. } => format!("Edit note #{id}"),
        EditTarget::New { target: NewTarget::Article, .. } => "New note on the article".into(),
        EditTarget::New { target: NewTarget::Entity(e), .. } => format!("New note on {}", sanitize_label(e)),
        EditTarget::New { target: NewTarget::Passage(_), .. } => "New note on the passage".into(),
    };
    let save = app.keymap.hint(Mode::Editor, Action::SaveNote);
    let close = app.keymap.hint(Mode::Editor, Action::Back);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Line::from(format!(" {on} ")).style(theme.pane_title_focused))
        .title_bottom(
            Line::from(format!(" {save} save · {close} close ")).right_aligned().style(theme.list_meta),
        );
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let mut text_area = inner;
    // The passage being annotated, above the text.
    if let EditTarget::New { article, target: NewTarget::Passage(r) } = &ed.target
        && let Some(a) = app.catalog.article(*article)
        && inner.height > 4
    {
        let quote = sanitize_label(a.body.get(r.clone()).unwrap_or(""));
        let line = Rect { height: 1, ..inner };
        let shown = truncate(&format!("“{quote}”"), usize::from(inner.width));
        frame.render_widget(Paragraph::new(Span::styled(shown, theme.note_highlight)), line);
        text_area.y += 1;
        text_area.height -= 1;
    }
    if let Some(msg) = &ed.message
        && text_area.height > 2
    {
        let line = Rect { y: text_area.y + text_area.height - 1, height: 1, ..text_area };
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(msg, usize::from(line.width)), theme.status_message)),
            line,
        );
        text_area.height -= 1;
    }
    frame.render_widget(&ed.textarea, text_area);
}

pub fn render_view(app: &App, frame: &mut Frame, area: Rect) {
    let Some(v) = app.overlay.notes_view() else { return };
    let theme = &app.theme;
    let rows = app.notes_view_rows();
    let w = area.width.saturating_sub(4).clamp(1, 110);
    let h = area.height.saturating_sub(2).max(3);
    let popup = centered(area, w, h);
    let title = if v.trash { " Trash " } else { " All notes " };
    let toggle = app.keymap.hint(Mode::NotesView, Action::ToggleFullText);
    let hints = format!(
        " {toggle}: {} · {}: edit · {}: {} ",
        if v.trash { "notes" } else { "trash" },
        app.keymap.hint(Mode::NotesView, Action::EditNote),
        app.keymap.hint(Mode::NotesView, Action::DeleteNote),
        if v.trash { "restore" } else { "delete" }
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Line::from(title).style(theme.pane_title_focused))
        .title(Line::from(hints).right_aligned().style(theme.list_meta))
        .title_bottom(Line::from(format!(" {} ", rows.len())).right_aligned().style(theme.list_meta));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height == 0 {
        return;
    }
    let iw = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.status_key),
        Span::styled(truncate(&v.query, iw.saturating_sub(3)), theme.input),
        Span::styled("▏", theme.status_key),
    ])];
    let room = usize::from(inner.height).saturating_sub(1) / 2;
    for (i, n) in rows.iter().enumerate().skip(v.cursor.offset).take(room) {
        let selected = i == v.cursor.selected;
        let style = if selected { theme.list_selected } else { Style::default() };
        let title = app
            .catalog
            .position(&n.article)
            .map_or_else(|| format!("article {} (not in this corpus)", n.article), |i| app.catalog.title(i));
        // The text holds its #tags already: they are not repeated after it.
        let text = sanitize_label(&n.text);
        lines.push(Line::from(Span::styled(format!(" {}", truncate(&text, iw.saturating_sub(1))), style)));
        let meta = format!("   {} · {} · {}", truncate(&title, 50), about(app, n), when(n.updated));
        lines.push(Line::from(Span::styled(
            truncate(&meta, iw),
            if selected { style } else { theme.list_meta },
        )));
    }
    if rows.is_empty() {
        let msg = if app.notes.is_empty() { "  no notes yet" } else { "  no note matches" };
        lines.push(Line::from(Span::styled(msg, theme.list_meta)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn render_prompt(app: &App, frame: &mut Frame, area: Rect) {
    let Some(draft) = app.drafts.next() else { return };
    let theme = &app.theme;
    let popup = centered(area, 64.min(area.width), 8.min(area.height));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Line::from(" Unsaved note ").style(theme.pane_title_focused));
    let preview = truncate(&sanitize_label(&draft.text), 56);
    let body = vec![
        Line::from(format!("A note you were writing was not saved ({}):", when(draft.saved))),
        Line::from(Span::styled(format!("“{preview}”"), theme.note_highlight)),
        Line::default(),
        Line::from(vec![
            Span::styled(app.keymap.hint(Mode::Prompt, Action::Open), theme.help_key),
            Span::raw(" restore it  "),
            Span::styled(app.keymap.hint(Mode::Prompt, Action::DeleteNote), theme.help_key),
            Span::raw(" discard it  "),
            Span::styled(app.keymap.hint(Mode::Prompt, Action::Back), theme.help_key),
            Span::raw(" later"),
        ]),
    ];
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(body).block(block).wrap(Wrap { trim: true }), popup);
}
