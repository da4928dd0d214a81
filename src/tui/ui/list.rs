//! The article list: per row the reading state (a dot and a bold title
//! when unread, `*` when flagged), title, source, date, word count and
//! notes; the list's title says its sort and what it leaves out.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
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
    let mut head = vec![Span::raw(" Articles ")];
    for part in app.view.describe() {
        head.push(Span::raw("· "));
        head.push(Span::styled(part, theme.status_key));
        head.push(Span::raw(" "));
    }
    if let Some(new) = app.library.marker() {
        head.push(Span::raw("· "));
        head.push(Span::styled(new, theme.status_key));
        head.push(Span::raw(" "));
    }
    let title = Line::from(head);
    let block = pane_block(app, Pane::List, title)
        .title_bottom(Line::from(pos).right_aligned().style(theme.list_meta));
    let mut inner = block.inner(area);
    frame.render_widget(block, area);
    if let Some(f) = &app.list.filter {
        let editing = app.mode() == crate::tui::keymap::Mode::Filter;
        let count = if f.pending {
            "…".to_string()
        } else if app.list.narrowing().is_none() {
            format!("{n}")
        } else if f.total > f.rows.len() {
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
        if n == 0 && (app.list.narrowing().is_some() || !app.catalog.plain()) {
            let msg = if f.pending { "" } else { " no match" };
            frame.render_widget(Paragraph::new(Span::styled(msg, theme.list_meta)), inner);
            return;
        }
    }
    if n == 0 && !app.catalog.plain() {
        let msg = " none in this view (u, F: all again; o: sort)";
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.list_meta)), inner);
        return;
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
    let now = app.now_seconds();
    let shown: Vec<(usize, usize, crate::library::Row)> = (app.list.cursor.offset
        ..(app.list.cursor.offset + rows).min(n))
        .filter_map(|i| app.list_article(i).and_then(|idx| app.catalog.row(idx).map(|r| (i, idx, r))))
        .collect();
    let dated = shown.iter().any(|(_, _, r)| r.published_at.is_some());
    for (i, idx, a) in shown {
        let selected = i == app.list.cursor.selected;
        let row_style = match (selected, app.focus == Pane::List) {
            (true, true) => theme.list_selected,
            (true, false) => theme.list_selected_unfocused,
            _ => Style::default(),
        };
        let meta_style = if selected { Style::default() } else { theme.list_meta };
        let unread = !app.reading.is_read(a.id.as_str());
        let title_style =
            if unread { Style::default().add_modifier(Modifier::BOLD) } else { Style::default() };
        // Unread is a dot as well as bold: it must not rest on color alone.
        let mark = format!(
            "{}{}",
            if unread { "•" } else { " " },
            if app.reading.is_flagged(a.id.as_str()) { "*" } else { " " }
        );
        let date = a.published_at.and_then(|at| compact_date(at, now));
        let mut notes = match app.reading.notes(a.id.as_str()) {
            0 => String::new(),
            k => format!(" ✎{k}"),
        };
        // One row per group of near-duplicates (`z` shows them all).
        match app.similar(idx) {
            0 => {}
            k if app.groups.as_ref().is_some_and(|g| app.view.expanded.contains(&g.groups.leader(idx))) => {
                notes.push_str(&format!(" ≈{k}"))
            }
            k => notes.push_str(&format!(" +{k} similar")),
        }
        if two_lines {
            let mut spans = vec![Span::styled(mark, theme.status_key)];
            spans.extend(highlighted(
                &a.title,
                positions(i),
                w.saturating_sub(2),
                title_style,
                theme.match_char,
            ));
            lines.push(Line::from(spans).style(row_style));
            // What matters most first: notes, the date, then source and length.
            let mut meta: Vec<String> = date.into_iter().collect();
            meta.extend(a.source_or_section().map(str::to_string));
            meta.push(format!("{} words", a.words));
            let meta = format!(
                "{}{}",
                notes.trim_start().to_string() + if notes.is_empty() { "" } else { " " },
                meta.join(" · ")
            );
            let meta = truncate(&meta, w.saturating_sub(3));
            lines.push(Line::from(vec![Span::raw("   "), Span::styled(meta, meta_style)]).style(row_style));
            continue;
        }
        // The title keeps at least half the row; the source gives way first.
        let date = if dated { format!(" {:>10}", date.unwrap_or_default()) } else { String::new() };
        let rest = format!("{date} {:>6}{notes}", a.words);
        let src_w = (w / 2).saturating_sub(width(&rest) + 1).min(16);
        let src = a.source_or_section().map(|s| truncate(s, src_w)).unwrap_or_default();
        let meta = if src_w > 0 { format!(" {src:>src_w$}{rest}") } else { rest };
        let title_w = w.saturating_sub(width(&meta) + 2);
        let mut spans = vec![Span::styled(mark, theme.status_key)];
        spans.extend(highlighted(&a.title, positions(i), title_w, title_style, theme.match_char));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat((title_w + 2).saturating_sub(used))));
        spans.push(Span::styled(meta, meta_style));
        lines.push(Line::from(spans).style(row_style));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A date as the list shows it, compactly: `Nov 03` in the year of `now`,
/// `2024-11-03` in another (UTC; both in Unix seconds).
pub fn compact_date(at: i64, now: i64) -> Option<String> {
    let t = jiff::Timestamp::from_second(at).ok()?;
    let same_year = jiff::Timestamp::from_second(now)
        .is_ok_and(|n| n.strftime("%Y").to_string() == t.strftime("%Y").to_string());
    Some(if same_year { t.strftime("%b %d").to_string() } else { t.strftime("%Y-%m-%d").to_string() })
}

#[cfg(test)]
mod tests {
    use super::compact_date;

    #[test]
    fn dates_are_compact_this_year_and_whole_in_another() {
        let nov3 = 1_730_592_000; // 2024-11-03
        assert_eq!(compact_date(nov3, nov3 + 40 * 86_400).as_deref(), Some("Nov 03"));
        assert_eq!(compact_date(nov3, nov3 + 90 * 86_400).as_deref(), Some("2024-11-03"));
        assert_eq!(compact_date(i64::MAX, 0), None);
    }
}
