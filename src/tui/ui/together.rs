//! Who appears with whom, in the sidebar (`c`): the entity's companions
//! with the articles and sentences they share with it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::together::{Together, TogetherRows};

pub fn render(app: &App, together: &Together, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let title = format!(" With {} ", truncate(&together.name, usize::from(area.width).saturating_sub(9)));
    let block = pane_block(app, Pane::Sidebar, Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let rows = match &together.rows {
        TogetherRows::Waiting => return say(frame, inner, " counting…", theme.list_meta),
        TogetherRows::Failed(e) => return say(frame, inner, &format!(" {e}"), theme.list_meta),
        TogetherRows::Ready { id: None, .. } => {
            return say(frame, inner, " not in the corpus index yet", theme.list_meta);
        }
        TogetherRows::Ready { rows, .. } if rows.is_empty() => {
            return say(frame, inner, " appears with no one", theme.list_meta);
        }
        TogetherRows::Ready { rows, .. } => rows,
    };
    // A header: what the two numbers are; a footer: the keys.
    let head = Rect { height: 1, ..inner };
    frame.render_widget(
        Paragraph::new(Span::styled(truncate(" articles·sentences", w), theme.list_meta)).right_aligned(),
        head,
    );
    let mut list = Rect { y: inner.y + 1, height: inner.height.saturating_sub(1), ..inner };
    if app.focus == Pane::Sidebar && list.height > 3 {
        let keys = format!(
            " {}: both · {}: back",
            app.keymap.hint(Mode::Normal, Action::Open),
            app.keymap.hint(Mode::Normal, Action::Back)
        );
        let line = Rect { y: list.y + list.height - 1, height: 1, ..list };
        frame.render_widget(Paragraph::new(Span::styled(truncate(&keys, w), theme.list_meta)), line);
        list.height -= 1;
    }
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .skip(together.cursor.offset)
        .take(usize::from(list.height))
        .map(|(i, c)| {
            let count = format!(" {}·{}", c.articles, c.sentences);
            let name_w = w.saturating_sub(width(&count) + 2);
            let name = truncate(&c.name, name_w);
            let pad = name_w.saturating_sub(width(&name));
            let selected = i == together.cursor.selected;
            let style = match (selected, app.focus == Pane::Sidebar) {
                (true, true) => theme.list_selected,
                (true, false) => theme.list_selected_unfocused,
                _ => Style::default(),
            };
            let (name_style, count_style) = if selected {
                (Style::default(), Style::default())
            } else {
                (theme.entity(c.kind), theme.count)
            };
            Line::from(vec![
                Span::raw("  "),
                Span::styled(name, name_style),
                Span::raw(" ".repeat(pad)),
                Span::styled(count, count_style),
            ])
            .style(style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn say(frame: &mut Frame, area: Rect, text: &str, style: Style) {
    let w = usize::from(area.width);
    frame.render_widget(Paragraph::new(Span::styled(truncate(text, w), style)), area);
}
