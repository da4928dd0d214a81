//! The finder overlay: a query line, then ranked results with the matched
//! characters (titles) or a snippet (full text) highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{truncate, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::jobs::FindMode;
use crate::tui::keymap::Mode;
use crate::tui::styles::Theme;

/// A title with the characters at `positions` (char indices) styled.
pub fn highlighted<'a>(
    text: &str,
    positions: &[usize],
    max: usize,
    base: Style,
    hit: Style,
) -> Vec<Span<'a>> {
    let shown = truncate(text, max);
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in shown.chars().enumerate() {
        let is_hit = positions.binary_search(&i).is_ok();
        if is_hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(std::mem::take(&mut run), if run_hit { base.patch(hit) } else { base }));
        }
        run_hit = is_hit;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { base.patch(hit) } else { base }));
    }
    spans
}

/// A snippet with its hits styled, cut to a width.
fn snippet_spans<'a>(
    text: &str,
    hits: &[std::ops::Range<usize>],
    max: usize,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut pos = 0;
    let mut used = 0;
    for h in hits {
        if h.start < pos
            || h.end > text.len()
            || !text.is_char_boundary(h.start)
            || !text.is_char_boundary(h.end)
        {
            continue;
        }
        let plain = &text[pos..h.start];
        let hit = &text[h.start..h.end];
        for (part, style) in [(plain, theme.list_meta), (hit, theme.search_hit)] {
            let room = max.saturating_sub(used);
            let cut = truncate(part, room);
            used += width(&cut);
            if !cut.is_empty() {
                spans.push(Span::styled(cut, style));
            }
        }
        pos = h.end;
    }
    let rest = truncate(&text[pos.min(text.len())..], max.saturating_sub(used));
    if !rest.is_empty() {
        spans.push(Span::styled(rest, theme.list_meta));
    }
    spans
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let Some(f) = app.overlay.finder() else { return };
    let theme = &app.theme;
    let w = area.width.saturating_sub(4).clamp(1, 110);
    let h = (area.height * 7 / 10).max(3).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + area.height.saturating_sub(h) / 4,
        width: w,
        height: h,
    };
    let mode = match f.mode {
        FindMode::Titles => "titles",
        FindMode::FullText => "full text",
    };
    let toggle = app.keymap.hint(Mode::Finder, Action::ToggleFullText);
    let count =
        if f.pending { "…".to_string() } else { format!("{}/{}", f.rows.len().min(f.total), f.total) };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Line::from(format!(" Find: {mode} ")).style(theme.pane_title_focused))
        .title(Line::from(format!(" {toggle}: titles/full text ")).right_aligned().style(theme.list_meta))
        .title_bottom(Line::from(format!(" {count} ")).right_aligned().style(theme.list_meta));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let iw = usize::from(inner.width);
    let prompt = if f.mode == FindMode::FullText { "» " } else { "> " };
    let query = truncate(&f.query, iw.saturating_sub(3));
    let mut lines = vec![Line::from(vec![
        Span::styled(prompt, theme.status_key),
        Span::styled(query, theme.input),
        Span::styled("▏", theme.status_key),
    ])];
    let per_row = if f.mode == FindMode::FullText { 2 } else { 1 };
    let rows_room = usize::from(inner.height).saturating_sub(1) / per_row;
    let first = f.cursor.offset.min(f.rows.len());
    for (i, row) in f.rows.iter().enumerate().skip(first).take(rows_room) {
        let Some(a) = app.catalog.row(row.index) else { continue };
        let selected = i == f.cursor.selected;
        let base = if selected { theme.list_selected } else { Style::default() };
        let meta = a.source_or_section().map(|s| format!("  {}", truncate(s, 18))).unwrap_or_default();
        let title_w = iw.saturating_sub(2 + width(&meta));
        let mut spans = vec![Span::styled(if selected { "▌ " } else { "  " }, base)];
        spans.extend(highlighted(&a.title, &row.positions, title_w, base, theme.match_char));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::styled(" ".repeat(iw.saturating_sub(used + width(&meta))), base));
        spans.push(Span::styled(meta, if selected { base } else { theme.list_meta }));
        lines.push(Line::from(spans));
        if let Some((text, hits)) = &row.snippet {
            let mut spans = vec![Span::raw("    ")];
            spans.extend(snippet_spans(text, hits, iw.saturating_sub(4), theme));
            lines.push(Line::from(spans));
        }
    }
    if f.rows.is_empty() && !f.pending {
        let msg =
            if f.query.trim().is_empty() { "type to search the text of every article" } else { "no match" };
        lines.push(Line::from(Span::styled(format!("  {msg}"), theme.list_meta)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
