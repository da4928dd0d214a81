//! The help overlay, generated from the active keymap: one section per mode,
//! in two columns when the terminal is wide enough, scrollable when not.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::{centered, width};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// The sections of the help: a title, the mode, and the actions to list.
const SECTIONS: &[(&str, Mode)] = &[
    ("Reading", Mode::Normal),
    ("Selecting a passage (after v)", Mode::Visual),
    ("Writing a note", Mode::Editor),
    ("Finder (Ctrl-P)", Mode::Finder),
    ("All notes (M)", Mode::NotesView),
    ("Drafts left by an earlier session", Mode::Prompt),
];

/// The help lines of one mode: keys and what they do, one action per line.
pub fn lines(app: &App, mode: Mode) -> Vec<(String, &'static str)> {
    Action::ALL
        .iter()
        .filter_map(|&a| {
            let keys = app.keymap.keys_for(mode, a);
            (!keys.is_empty()).then(|| {
                (keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "), a.describe_in(mode))
            })
        })
        .collect()
}

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let sections: Vec<(&str, Vec<(String, &str)>)> = SECTIONS
        .iter()
        .map(|(title, mode)| (*title, lines(app, *mode)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let key_w = sections.iter().flat_map(|(_, l)| l.iter().map(|(k, _)| width(k))).max().unwrap_or(0).min(18);
    let text_w = sections.iter().flat_map(|(_, l)| l.iter().map(|(_, d)| width(d))).max().unwrap_or(0);
    let col_w = key_w + text_w + 4;
    let mut blocks: Vec<Vec<Line>> = Vec::new();
    for (title, entries) in &sections {
        let mut b = vec![Line::from(Span::styled(format!(" {title}"), theme.group_header))];
        for (k, d) in entries {
            let k = crate::text::truncate(k, key_w);
            let pad = key_w.saturating_sub(width(&k));
            b.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(k, theme.help_key),
                Span::raw(" ".repeat(pad + 2)),
                Span::raw(*d),
            ]));
        }
        b.push(Line::default());
        blocks.push(b);
    }
    let total: usize = blocks.iter().map(Vec::len).sum();
    let avail_h = usize::from(area.height.saturating_sub(4));
    let two = total > avail_h && usize::from(area.width) >= 2 * col_w + 4;
    // Two columns: sections go left until half the lines are placed.
    let (mut left, mut right): (Vec<Line>, Vec<Line>) = (Vec::new(), Vec::new());
    for b in blocks {
        if two && left.len() >= total.div_ceil(2) {
            right.extend(b);
        } else {
            left.extend(b);
        }
    }
    let rows = left.len().max(right.len());
    let w = if two { 2 * col_w + 3 } else { col_w + 2 } as u16;
    let h = (rows + 2) as u16;
    let popup = centered(area, w, h);
    let close = app.keymap.hint(Mode::Help, Action::Back);
    let scroll_hint = if rows + 2 > usize::from(popup.height) { " j/k scroll ·" } else { "" };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Line::from(" Keys ").style(theme.pane_title_focused))
        .title_bottom(
            Line::from(format!("{scroll_hint} {close} to close ")).right_aligned().style(theme.list_meta),
        );
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let max_scroll = rows.saturating_sub(usize::from(inner.height));
    let scroll = help_scroll(app).min(max_scroll) as u16;
    if two {
        let lw = (col_w as u16 + 1).min(inner.width);
        let l = Rect { width: lw, ..inner };
        let r = Rect { x: inner.x + lw, width: inner.width.saturating_sub(lw), ..inner };
        frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
        frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
    } else {
        frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), inner);
    }
}

fn help_scroll(app: &App) -> usize {
    match app.overlay {
        crate::tui::overlay::Overlay::Help(h) => h.scroll,
        _ => 0,
    }
}
