//! The reader: the open article, wrapped, scrolled, styled by role.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::pane_block;
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::reader::Role;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let layout = &app.reader;
    let total = layout.lines.len();
    let height = usize::from(area.height.saturating_sub(2));
    let pct = if total <= height {
        "all".to_string()
    } else {
        format!("{}%", (app.scroll + height).min(total) * 100 / total.max(1))
    };
    let title = match app.hit_counter() {
        Some(c) => format!(
            " Reader · /{} {c} ",
            crate::text::truncate(&app.rsearch.as_ref().map_or(String::new(), |s| s.query.clone()), 20)
        ),
        None => " Reader ".to_string(),
    };
    let block = pane_block(app, Pane::Reader, Line::from(title))
        .title_bottom(Line::from(format!(" {pct} ")).right_aligned().style(theme.list_meta));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(idx) = app.current() else { return };
    let article = &app.corpus.articles[idx];
    let text_area = inner.inner(Margin { horizontal: 1, vertical: 0 });
    let fold_hint =
        app.keymap.hint(crate::tui::keymap::Mode::Normal, crate::tui::action::Action::ToggleBoilerplate);
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .skip(app.scroll)
        .take(height)
        .map(|l| {
            let text = layout.text(article, l);
            match l.role {
                Role::Title => Line::from(Span::styled(text, theme.reader_title)),
                Role::Meta => Line::from(Span::styled(text, theme.reader_meta)),
                Role::Heading => Line::from(with_hits(text, l.range.clone(), app, theme.heading)),
                Role::Boilerplate => Line::from(with_hits(text, l.range.clone(), app, theme.boilerplate)),
                Role::Text => {
                    Line::from(with_hits(text, l.range.clone(), app, ratatui::style::Style::default()))
                }
                Role::Blank => Line::default(),
                Role::Fold => Line::from(Span::styled(
                    format!("⋯ {} boilerplate paragraph(s) folded · {fold_hint} to show", l.para),
                    theme.boilerplate,
                )),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(app.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.scrollbar);
        frame.render_stateful_widget(bar, area.inner(Margin { horizontal: 0, vertical: 1 }), &mut state);
    }
}

/// The spans of one body line, with search hits styled. `range` is the
/// line's byte range in the body; hits are body ranges.
fn with_hits<'a>(
    text: &'a str,
    range: std::ops::Range<usize>,
    app: &App,
    base: ratatui::style::Style,
) -> Vec<Span<'a>> {
    let Some(s) = app.rsearch.as_ref().filter(|s| !s.hits.is_empty()) else {
        return vec![Span::styled(text, base)];
    };
    let theme = &app.theme;
    let first = s.hits.partition_point(|h| h.end <= range.start);
    let mut spans = Vec::new();
    let mut pos = 0;
    for (k, h) in s.hits.iter().enumerate().skip(first) {
        if h.start >= range.end {
            break;
        }
        let start = h.start.max(range.start) - range.start;
        let end = h.end.min(range.end) - range.start;
        if start < pos || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if start > pos {
            spans.push(Span::styled(&text[pos..start], base));
        }
        let style = if s.current == Some(k) { theme.search_current } else { theme.search_hit };
        spans.push(Span::styled(&text[start..end], base.patch(style)));
        pos = end;
    }
    if pos < text.len() {
        spans.push(Span::styled(&text[pos..], base));
    }
    spans
}
