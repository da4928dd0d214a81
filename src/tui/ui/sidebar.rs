//! The entity sidebar: people, organizations and places with counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, truncate, width};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::rows::SidebarRow;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    if app.watches.open {
        return super::watches::render(app, frame, area);
    }
    if let Some(together) = &app.entity_pane.together {
        return super::together::render(app, together, frame, area);
    }
    let theme = &app.theme;
    let block = pane_block(app, Pane::Sidebar, Line::from(" Entities "));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(f) = &app.entity_pane.filter
        && inner.height > 1
    {
        let mut spans = vec![
            Span::styled("/", theme.status_key),
            Span::styled(truncate(f, usize::from(inner.width).saturating_sub(2)), theme.input),
        ];
        if app.mode() == crate::tui::keymap::Mode::Filter {
            spans.push(Span::styled("▏", theme.status_key));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), Rect { height: 1, ..inner });
        inner.y += 1;
        inner.height -= 1;
    }
    // The selected entity's reach across the corpus, on the last line.
    if app.focus == Pane::Sidebar && inner.height > 3 {
        let text = match app.selected_entity_reach() {
            Some(reach) => {
                let others = reach.saturating_sub(1);
                let key = app
                    .keymap
                    .hint(crate::tui::keymap::Mode::Normal, crate::tui::action::Action::ListMentioning);
                let with = app
                    .keymap
                    .hint(crate::tui::keymap::Mode::Normal, crate::tui::action::Action::ShowTogether);
                format!(" in {others} more · {key}: list · {with}: with")
            }
            None if app.reach_pending() => " indexing the corpus…".to_string(),
            None => String::new(),
        };
        let line = Rect { y: inner.y + inner.height - 1, height: 1, ..inner };
        frame.render_widget(
            Paragraph::new(Span::styled(truncate(&text, usize::from(inner.width)), theme.list_meta)),
            line,
        );
        inner.height -= 1;
    }
    let rows = app.sidebar_rows();
    let ents = app.entities();
    if rows.is_empty() {
        let text = if app.entities_pending() { " extracting…" } else { " no entities found" };
        frame.render_widget(Paragraph::new(Line::from(Span::styled(text, theme.list_meta))), inner);
        return;
    }
    let w = usize::from(inner.width);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(app.entity_pane.cursor.offset)
        .take(usize::from(inner.height))
        .map(|(i, row)| match *row {
            SidebarRow::Header(kind, n) => Line::from(vec![
                Span::styled(format!(" {}", kind.label()), theme.group_header),
                Span::styled(format!(" {n}"), theme.count),
            ]),
            SidebarRow::Entity(e) => {
                let ent = &ents[e];
                let count = format!(" {}", ent.count());
                let name_w = w.saturating_sub(width(&count) + 2);
                let name = truncate(&ent.name, name_w);
                let pad = name_w.saturating_sub(width(&name));
                let selected = i == app.entity_pane.cursor.selected;
                let style = match (selected, app.focus == Pane::Sidebar) {
                    (true, true) => theme.list_selected,
                    (true, false) => theme.list_selected_unfocused,
                    _ => Style::default(),
                };
                let name_style = if selected { Style::default() } else { theme.entity(ent.kind) };
                let count_style = if selected { Style::default() } else { theme.count };
                Line::from(vec![
                    Span::raw("  "),
                    Span::styled(name, name_style),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(count, count_style),
                ])
                .style(style)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
