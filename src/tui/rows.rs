//! Shared by the panes and their components: a scrolling selection
//! ([`Cursor`]) and the rows the list and the sidebar show.

use crate::entities::EntityKind;

/// A row of the entity sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    Header(EntityKind, usize),
    Entity(usize),
}

/// The articles the list shows when no filter is typed, in their order:
/// the whole catalog, or a view of it (sorted, unread only…). A plain
/// count is the catalog in list order.
pub trait Listing {
    /// Rows in the list.
    fn rows(&self) -> usize;
    /// The article (its catalog position) on a row.
    fn at(&self, row: usize) -> Option<usize>;
    /// The row an article is on, if it is listed.
    fn row_of(&self, index: usize) -> Option<usize>;
}

impl Listing for usize {
    fn rows(&self) -> usize {
        *self
    }
    fn at(&self, row: usize) -> Option<usize> {
        (row < *self).then_some(row)
    }
    fn row_of(&self, index: usize) -> Option<usize> {
        (index < *self).then_some(index)
    }
}

/// How many rows a movement key moves a list's selection (`page` rows a
/// page; the top and the bottom as far as it goes); `None` for any other
/// action.
pub fn move_delta(action: crate::tui::action::Action, page: usize) -> Option<isize> {
    use crate::tui::action::Action;
    let page = page.max(1) as isize;
    Some(match action {
        Action::Up => -1,
        Action::Down => 1,
        Action::PageUp => -page,
        Action::PageDown => page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

/// A selection in a scrolling list: the selected row and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection visible in `height` rows.
    pub fn step(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
        self.scroll_into_view(len, height);
    }

    pub fn scroll_into_view(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// Lines per list row for a list of this inner width.
pub fn list_row_height(inner_width: u16) -> usize {
    if inner_width < 56 { 2 } else { 1 }
}
