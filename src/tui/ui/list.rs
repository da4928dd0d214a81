//! The article list: title, source and word count per row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{pane_block, truncate, width};
use crate::tui::app::{App, list_row_height};
use crate::tui::layout::Pane;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let n = app.corpus.articles.len();
    let pos = if n == 0 { " 0 ".to_string() } else { format!(" {}/{n} ", app.list.selected + 1) };
    let block = pane_block(app, Pane::List, Line::from(" Articles "))
        .title_bottom(Line::from(pos).right_aligned().style(theme.list_meta));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if n == 0 {
        let msg =
            "No articles. Start rroom with --corpus PATH (files or folders of .txt, .md, .html, .jsonl).";
        frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), inner);
        return;
    }
    let w = usize::from(inner.width);
    let two_lines = list_row_height(inner.width) == 2;
    let per_row = if two_lines { 2 } else { 1 };
    let rows = usize::from(inner.height) / per_row;
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    for i in app.list.offset..(app.list.offset + rows).min(n) {
        let a = &app.corpus.articles[i];
        let selected = i == app.list.selected;
        let row_style = match (selected, app.focus == Pane::List) {
            (true, true) => theme.list_selected,
            (true, false) => theme.list_selected_unfocused,
            _ => Style::default(),
        };
        let meta_style = if selected { Style::default() } else { theme.list_meta };
        if two_lines {
            let title = truncate(&a.title, w.saturating_sub(1));
            lines.push(Line::from(vec![Span::raw(" "), Span::raw(title)]).style(row_style));
            let meta = match a.source_or_section() {
                Some(src) => format!("{src} · {} words", a.words),
                None => format!("{} words", a.words),
            };
            let meta = truncate(&meta, w.saturating_sub(3));
            lines.push(Line::from(vec![Span::raw("   "), Span::styled(meta, meta_style)]).style(row_style));
            continue;
        }
        let src = a.source_or_section().map(|s| truncate(s, 16)).unwrap_or_default();
        let meta = format!(" {src:>16} {:>6}", a.words);
        let title_w = w.saturating_sub(width(&meta) + 1);
        let title = truncate(&a.title, title_w);
        let pad = title_w.saturating_sub(width(&title));
        lines.push(
            Line::from(vec![
                Span::raw(" "),
                Span::raw(title),
                Span::raw(" ".repeat(pad)),
                Span::styled(meta, meta_style),
            ])
            .style(row_style),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
