//! The notes the reading room shows: the sidebar's notes tab, passage marks
//! in the reader, and the all-notes overlay's state.

use std::ops::Range;

use crate::notes::anchor::AnchorState;

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
}
