//! Drawing: pure functions from the app state to a frame.

mod finder;
pub mod help;
mod list;
mod notes;
mod reader;
mod sidebar;
mod status;
mod together;
mod watches;

pub use crate::text::{truncate, width};
pub use finder::highlighted;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::app::App;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, Pane};
use super::overlay::Overlay;

/// Draws the whole screen for the current state.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    // Geometry from the frame itself: if a resize raced the state, nothing is
    // drawn outside the buffer.
    let panes = super::layout::compute(area, app.focus);
    if panes.too_small {
        let msg = format!(
            "Terminal too small: {}×{}. rroom needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    if let Some(r) = panes.list {
        list::render(app, frame, r);
    }
    if let Some(r) = panes.reader {
        reader::render(app, frame, r);
    }
    if let Some(r) = panes.sidebar {
        match app.sidebar_tab {
            crate::tui::notes_view::SidebarTab::Entities => sidebar::render(app, frame, r),
            crate::tui::notes_view::SidebarTab::Notes => notes::render_tab(app, frame, r),
        }
    }
    status::render(app, frame, panes.status);
    // One overlay at most, drawn over the panes.
    match &app.overlay {
        Overlay::Help(_) => help::render(app, frame, area),
        Overlay::Finder(_) => finder::render(app, frame, area),
        Overlay::Notes(_) => notes::render_view(app, frame, area),
        Overlay::Editor(_) => notes::render_editor(app, frame, area),
        Overlay::Prompt => notes::render_prompt(app, frame, area),
        Overlay::None | Overlay::Filter | Overlay::Search | Overlay::Visual(_) => {}
    }
}

/// The bordered block of a pane, highlighted when focused.
fn pane_block<'a>(app: &App, pane: Pane, title: Line<'a>) -> Block<'a> {
    let focused = app.focus == pane;
    let theme = &app.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused { BorderType::Thick } else { BorderType::Plain })
        .border_style(if focused { theme.border_focused } else { theme.border })
        .title(title.style(if focused { theme.pane_title_focused } else { theme.pane_title }))
}

/// A rectangle centered in `area`, at most `w`×`h`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
