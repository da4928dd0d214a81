//! The watch pane, in the sidebar (`W`): each watch with its total and
//! new-since-you-last-looked counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let pane = &app.watches;
    let block = pane_block(app, Pane::Sidebar, Line::from(" Watches "));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    if pane.watches.is_empty() {
        let key = app.keymap.hint(Mode::Normal, Action::AddWatch);
        let text = format!(" no watches yet: {key} on an entity or a search");
        frame.render_widget(Paragraph::new(Span::styled(truncate(&text, w), theme.list_meta)), inner);
        return;
    }
    let head = Rect { height: 1, ..inner };
    let heading = if pane.counting { " counting…" } else { " total · new" };
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(heading, w), theme.list_meta)).right_aligned(),
        head,
    );
    let list = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    let lines: Vec<Line> = pane
        .watches
        .iter()
        .enumerate()
        .skip(pane.cursor.offset)
        .take(usize::from(list.height))
        .map(|(i, watch)| {
            let (total, new) = match pane.counts.get(&watch.id) {
                Some(Ok(e)) => (e.total().to_string(), e.new),
                Some(Err(_)) => ("?".to_string(), 0),
                None => ("…".to_string(), 0),
            };
            // New ones stand out by weight as well as color.
            let new_text = if new > 0 { format!(" +{new}") } else { " ·0".to_string() };
            let count = format!(" {total}");
            let name_w = w.saturating_sub(width(&count) + width(&new_text) + 2);
            let name = truncate(&watch.name, name_w);
            let pad = name_w.saturating_sub(width(&name));
            let selected = i == pane.cursor.selected;
            let style = match (selected, app.focus == Pane::Sidebar) {
                (true, true) => theme.list_selected,
                (true, false) => theme.list_selected_unfocused,
                _ => Style::default(),
            };
            let new_style =
                if new > 0 { theme.watched.add_modifier(Modifier::BOLD) } else { theme.list_meta };
            Line::from(vec![
                Span::raw("  "),
                Span::styled(name, if selected { Style::default() } else { theme.watched }),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, if selected { Style::default() } else { theme.count }),
                Span::styled(new_text, if selected { Style::default() } else { new_style }),
            ])
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
