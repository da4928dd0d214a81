//! The mouse (only when enabled in the config), as actions on panes: the
//! event becomes a [`PaneAction`] naming its pane, applied once, through
//! the same moves the keys use.

use super::App;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::notes_view::SidebarTab;

/// A mouse event as an action on the pane it happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaneAction {
    /// A wheel notch over a pane (it scrolls without taking the focus).
    Scroll { pane: Pane, down: bool },
    /// A left click: focus the pane; on a list row, open that article.
    Click { pane: Pane, list_row: Option<usize> },
}

impl App {
    /// Mouse (only when enabled in the config): the wheel scrolls the pane
    /// under the pointer, a click focuses a pane and picks a list row. The
    /// event becomes a [`PaneAction`] naming its pane, applied once.
    pub(crate) fn mouse(&mut self, m: &crossterm::event::MouseEvent) -> bool {
        match self.pane_action(m) {
            Some(action) => {
                self.apply_pane_action(action);
                true
            }
            None => false,
        }
    }

    /// What a mouse event asks of which pane, if anything.
    fn pane_action(&self, m: &crossterm::event::MouseEvent) -> Option<PaneAction> {
        use crossterm::event::{MouseButton, MouseEventKind};
        if self.mode() != Mode::Normal {
            return None;
        }
        let panes = self.panes();
        let at = ratatui::layout::Position { x: m.column, y: m.row };
        let pane = Pane::ORDER.into_iter().find(|&p| panes.get(p).is_some_and(|r| r.contains(at)))?;
        match m.kind {
            MouseEventKind::ScrollDown => Some(PaneAction::Scroll { pane, down: true }),
            MouseEventKind::ScrollUp => Some(PaneAction::Scroll { pane, down: false }),
            MouseEventKind::Down(MouseButton::Left) => {
                let row = panes.list.filter(|_| pane == Pane::List).and_then(|r| {
                    let first = r.y + 1 + u16::from(self.list.filter.is_some());
                    let row = self.list.cursor.offset
                        + usize::from(m.row.checked_sub(first)?) / self.list_row_height();
                    (row < self.list_len()).then_some(row)
                });
                Some(PaneAction::Click { pane, list_row: row })
            }
            _ => None,
        }
    }

    /// Carries out a mouse action on its pane; the focus moves only for a click.
    fn apply_pane_action(&mut self, action: PaneAction) {
        match action {
            PaneAction::Scroll { pane, down } => {
                self.status = None;
                let step: isize = if down { 1 } else { -1 };
                match pane {
                    // The notes tab moves its own selection, as its keys do.
                    Pane::Sidebar if self.sidebar_tab == SidebarTab::Notes => self.step_notes_tab(step),
                    // The reader scrolls three lines a notch.
                    Pane::Reader => self.move_in(pane, 3 * step),
                    _ => self.move_in(pane, step),
                }
            }
            PaneAction::Click { pane, list_row } => {
                self.focus = pane;
                if let Some(row) = list_row {
                    self.select_article(row as isize - self.list.cursor.selected as isize);
                }
            }
        }
        self.sync();
    }
}
