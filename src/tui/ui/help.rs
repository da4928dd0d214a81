//! The help overlay, generated from the active keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::centered;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// The help lines: keys and what they do, one action per line.
pub fn lines(app: &App) -> Vec<(String, &'static str)> {
    Action::ALL
        .iter()
        .filter_map(|&a| {
            let keys = app.keymap.keys_for(Mode::Normal, a);
            (!keys.is_empty())
                .then(|| (keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "), a.describe()))
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let entries = lines(app);
    let key_w = entries.iter().map(|(k, _)| super::width(k)).max().unwrap_or(0);
    let text_w = entries.iter().map(|(_, d)| d.len()).max().unwrap_or(0);
    let w = (key_w + text_w + 7) as u16;
    let h = entries.len() as u16 + 4;
    let popup = centered(area, w, h);
    let close = app.keymap.hint(Mode::Help, Action::Back);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Line::from(" Keys ").style(theme.pane_title_focused))
        .title_bottom(Line::from(format!(" {close} to close ")).right_aligned().style(theme.list_meta));
    let mut body: Vec<Line> = vec![Line::default()];
    for (k, d) in entries {
        let pad = key_w.saturating_sub(super::width(&k));
        body.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(k, theme.help_key),
            Span::raw(" ".repeat(pad + 2)),
            Span::raw(d),
        ]));
    }
    let max_scroll = body.len().saturating_sub(usize::from(h.saturating_sub(2)));
    let scroll = app.help_scroll.min(max_scroll) as u16;
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(body).block(block).scroll((scroll, 0)), popup);
}
