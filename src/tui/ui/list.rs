//! The article list: title, source and word count per row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{highlighted, pane_block, truncate, width};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::rows::list_row_height;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let n = app.list_len();
    let pos = if n == 0 { " 0 ".to_string() } else { format!(" {}/{n} ", app.list.cursor.selected + 1) };
    // Articles that arrived while the reading room was open: "3 new".
    let title = match app.library.marker() {
        Some(new) => {
            Line::from(vec![Span::raw(" Articles · "), Span::styled(new, theme.status_key), Span::raw(" ")])
        }
        None => Line::from(" Articles "),
    };
    let block = pane_block(app, Pane::List, title)
        .title_bottom(Line::from(pos).right_aligned().style(theme.list_meta));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(f) = &app.list.filter {
        let editing = app.mode() == crate::tui::keymap::Mode::Filter;
        let count = if f.pending {
            "…".to_string()
        } else if f.total > f.rows.len() && !f.query.trim().is_empty() {
            format!("best {} of {}", f.rows.len(), f.total)
        } else {
            format!("{}", f.total)
        };
        let mut spans = vec![
            Span::styled("/", theme.status_key),
            Span::styled(
                truncate(&f.query, usize::from(inner.width).saturating_sub(count.len() + 4)),
                theme.input,
            ),
        ];
        if editing {
            spans.push(Span::styled("▏", theme.status_key));
        }
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat(usize::from(inner.width).saturating_sub(used + count.len() + 1))));
        spans.push(Span::styled(count, theme.list_meta));
        let line = Rect { height: 1.min(inner.height), ..inner };
        frame.render_widget(Paragraph::new(Line::from(spans)), line);
        inner.y += line.height;
        inner.height -= line.height;
        if n == 0 && !f.query.trim().is_empty() {
            let msg = if f.pending { "" } else { " no match" };
            frame.render_widget(Paragraph::new(Span::styled(msg, theme.list_meta)), inner);
            return;
        }
    }
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
    let positions = |row: usize| -> &[usize] {
        match &app.list.filter {
            Some(f) if !f.query.trim().is_empty() => f.rows.get(row).map_or(&[], |r| r.positions.as_slice()),
            _ => &[],
        }
    };
    for i in app.list.cursor.offset..(app.list.cursor.offset + rows).min(n) {
        let Some(a) = app.list_article(i).and_then(|idx| app.catalog.row(idx)) else { continue };
        let selected = i == app.list.cursor.selected;
        let row_style = match (selected, app.focus == Pane::List) {
            (true, true) => theme.list_selected,
            (true, false) => theme.list_selected_unfocused,
            _ => Style::default(),
        };
        let meta_style = if selected { Style::default() } else { theme.list_meta };
        if two_lines {
            let mut spans = vec![Span::raw(" ")];
            spans.extend(highlighted(
                &a.title,
                positions(i),
                w.saturating_sub(1),
                Style::default(),
                theme.match_char,
            ));
            lines.push(Line::from(spans).style(row_style));
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
        let mut spans = vec![Span::raw(" ")];
        spans.extend(highlighted(&a.title, positions(i), title_w, Style::default(), theme.match_char));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat((title_w + 1).saturating_sub(used))));
        spans.push(Span::styled(meta, meta_style));
        lines.push(Line::from(spans).style(row_style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
