//! The reader: the open article, wrapped, scrolled, styled by role, with
//! highlights layered on top (note passages, the selection, search hits).

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::pane_block;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::reader::Role;

/// Body ranges to highlight, each with its style; later layers win.
fn layers(app: &App) -> Vec<(Range<usize>, Style)> {
    let theme = &app.theme;
    let mut out: Vec<(Range<usize>, Style)> = Vec::new();
    // Watched names in their own style (bold and underlined as well, so
    // they stand out without color); later layers draw over them.
    let watched = app.watches.watched_names();
    for e in app.entities().iter().filter(|e| app.is_watched(&watched, e)) {
        out.extend(e.mentions.iter().map(|m| (m.clone(), theme.watched)));
    }
    if app.reader.show_mentions {
        for e in app.entities() {
            let style = theme.entity(e.kind).add_modifier(ratatui::style::Modifier::UNDERLINED);
            out.extend(e.mentions.iter().map(|m| (m.clone(), style)));
        }
    }
    for m in &app.note_marks {
        // A fuzzy anchor is similar text, not the quoted text: drawn apart
        // (underlined, italic) until the user checks it.
        let style = match m.state {
            crate::notes::anchor::AnchorState::Fuzzy => theme
                .note_highlight
                .add_modifier(ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::ITALIC),
            _ => theme.note_highlight,
        };
        out.push((m.range.clone(), style));
    }
    if let Some((hits, current)) = app.highlighted() {
        // An entity's mentions are drawn in its kind's color.
        let entity = app.rsearch.is_none().then(|| app.entity_pane.picked.as_ref().map(|p| p.kind)).flatten();
        for (k, h) in hits.iter().enumerate() {
            let style = match (entity, current == Some(k)) {
                (_, true) => theme.search_current,
                (Some(kind), false) => theme.entity(kind).add_modifier(ratatui::style::Modifier::REVERSED),
                (None, false) => theme.search_hit,
            };
            out.push((h.clone(), style));
        }
    }
    if let Some(sel) = app.overlay.visual() {
        out.push((sel.range(), theme.selection));
    }
    out
}

/// One body line cut into spans where highlights start and end.
fn styled_line<'a>(
    text: &'a str,
    line: Range<usize>,
    base: Style,
    layers: &[(Range<usize>, Style)],
) -> Line<'a> {
    let hits: Vec<&(Range<usize>, Style)> =
        layers.iter().filter(|(r, _)| r.start < line.end && r.end > line.start && r.start < r.end).collect();
    if hits.is_empty() {
        return Line::from(Span::styled(text, base));
    }
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (r, _) in &hits {
        for at in [r.start.max(line.start) - line.start, r.end.min(line.end) - line.start] {
            if text.is_char_boundary(at) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let spans = cuts
        .windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let mut style = base;
            for (r, s) in &hits {
                if r.start <= line.start + a && line.start + b <= r.end {
                    style = style.patch(*s);
                }
            }
            Span::styled(&text[a..b], style)
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let layout = &app.reader.layout;
    let total = layout.lines.len();
    let height = usize::from(area.height.saturating_sub(2));
    // Where the view is, as in less and vim: the top, the end, or how far
    // down between them (not how much has been seen: 31% at the top misled).
    let max_scroll = total.saturating_sub(height);
    let pct = if total <= height {
        "all".to_string()
    } else if app.reader.scroll == 0 {
        "top".to_string()
    } else {
        format!("{}%", app.reader.scroll.min(max_scroll) * 100 / max_scroll)
    };
    let mut title = String::from(" Reader ");
    if let Some(c) = app.hit_counter() {
        let (slash, q) = match (&app.rsearch, &app.entity_pane.picked) {
            (Some(s), _) => ("/", crate::text::truncate(&s.query, 20)),
            (None, Some(p)) => ("", crate::text::truncate(&p.name, 20)),
            (None, None) => ("/", String::new()),
        };
        title = format!(" Reader · {slash}{q} {c} ");
    }
    if app.mode() == Mode::Visual {
        title = " Reader · selecting ".to_string();
    }
    let notes = app.note_marks.len();
    let check = app.notes_to_check();
    let bottom = match (notes, check) {
        (0, 0) => format!(" {pct} "),
        (n, 0) => format!(" ✎{n} · {pct} "),
        (n, c) => format!(" ✎{n} · ⚠ {c} to check (s) · {pct} "),
    };
    let block = pane_block(app, Pane::Reader, Line::from(title))
        .title_bottom(Line::from(bottom).right_aligned().style(theme.list_meta));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(idx) = app.current() else { return };
    let article = app.catalog.article_or_placeholder(idx);
    let article = &*article;
    let text_area = inner.inner(Margin { horizontal: 1, vertical: 0 });
    let fold_hint = app.keymap.hint(Mode::Normal, Action::ToggleBoilerplate);
    let layers = layers(app);
    let lines: Vec<Line> = layout
        .lines
        .iter()
        .skip(app.reader.scroll)
        .take(height)
        .map(|l| {
            let text = layout.text(article, l);
            match l.role {
                Role::Title => Line::from(Span::styled(text, theme.reader_title)),
                Role::Meta => Line::from(Span::styled(text, theme.reader_meta)),
                Role::Url => Line::from(Span::styled(
                    text,
                    theme.reader_meta.add_modifier(ratatui::style::Modifier::UNDERLINED),
                )),
                Role::Heading => styled_line(text, l.range.clone(), theme.heading, &layers),
                Role::Boilerplate => styled_line(text, l.range.clone(), theme.boilerplate, &layers),
                Role::Text => styled_line(text, l.range.clone(), Style::default(), &layers),
                Role::Note => Line::from(vec![Span::raw("  "), Span::styled(text, theme.note_highlight)]),
                Role::Blank => Line::default(),
                Role::Fold => Line::from(Span::styled(
                    format!(
                        "⋯ {} folded · {fold_hint} to show",
                        crate::text::count(l.para, "boilerplate paragraph")
                    ),
                    theme.boilerplate,
                )),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text_area);
    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(app.reader.scroll);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .style(theme.scrollbar);
        frame.render_stateful_widget(bar, area.inner(Margin { horizontal: 0, vertical: 1 }), &mut state);
    }
}
