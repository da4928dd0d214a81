//! The notes the reading room shows: the sidebar's notes tab, passage marks
//! in the reader, and the all-notes overlay's state.

use std::ops::Range;

use crate::notes::anchor::AnchorState;

use super::action::Action;
use super::finder::edit_query;
use super::rows::Cursor;

/// What the sidebar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarTab {
    #[default]
    Entities,
    Notes,
}

/// A note's passage in the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMark {
    pub range: Range<usize>,
    pub note: i64,
    /// Exact or moved: the quoted text itself; fuzzy: similar text, to check.
    pub state: AnchorState,
}

/// The all-notes overlay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotesView {
    pub query: String,
    pub trash: bool,
    pub cursor: Cursor,
    /// The `@name` last asked of the corpus worker, for a generation of
    /// corrections.
    pub names_asked: Option<(String, u64)>,
    /// Its answer: the entities the name names, as a filter.
    pub names: Option<(String, u64, crate::notes::entity::EntityFilter)>,
}

/// What the all-notes overlay asks of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotesOut {
    Stay,
    Close,
    Quit,
    /// Go to the note in its article (by id).
    Open {
        id: i64,
        article: String,
    },
    Edit(i64),
    /// To the trash, or back from it.
    Delete(i64),
    Restore(i64),
}

impl NotesView {
    /// One action in the overlay over the `rows` it lists (note id and
    /// article id), `height` rows high.
    pub fn update(&mut self, action: Action, rows: &[(i64, String)], height: usize) -> NotesOut {
        let selected = rows.get(self.cursor.selected).cloned();
        match (action, selected) {
            (Action::Back, _) => NotesOut::Close,
            (Action::Quit, _) => NotesOut::Quit,
            (Action::Up | Action::Down, _) => {
                self.cursor.step(if action == Action::Up { -1 } else { 1 }, rows.len(), height);
                NotesOut::Stay
            }
            (Action::ToggleFullText, _) => {
                self.trash = !self.trash;
                self.cursor = Cursor::default();
                NotesOut::Stay
            }
            (Action::Open, Some((id, article))) => NotesOut::Open { id, article },
            (Action::EditNote, Some((id, _))) => NotesOut::Edit(id),
            (Action::DeleteNote, Some((id, _))) if self.trash => NotesOut::Restore(id),
            (Action::DeleteNote, Some((id, _))) => NotesOut::Delete(id),
            (Action::Open | Action::EditNote | Action::DeleteNote, None) => NotesOut::Stay,
            (other, _) => {
                if edit_query(&mut self.query, other) {
                    self.cursor = Cursor::default();
                }
                NotesOut::Stay
            }
        }
    }
}
