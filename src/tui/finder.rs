//! The finder overlay (`Ctrl-P`) and the list's in-place filter (`/` in the
//! list): query editing, requests to the search worker, and results.

use super::action::Action;
use super::jobs::{FindMode, FoundRow};
use super::layout::Pane;
use super::rows::Cursor;

/// Results the finder overlay asks for.
pub const FINDER_LIMIT: usize = 200;
/// Results the list filter shows (ranked); the count says how many matched.
pub const FILTER_LIMIT: usize = 2_000;

/// What the view looked like before a finder or filter opened (Esc restores it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub list: Cursor,
    pub focus: Pane,
    pub scroll: usize,
}

/// The finder overlay.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FinderState {
    pub query: String,
    pub mode: FindMode,
    pub rows: Vec<FoundRow>,
    pub total: usize,
    pub cursor: Cursor,
    /// The generation of the last request; older answers are dropped.
    pub generation: u64,
    /// Results are being computed for the query on screen.
    pub pending: bool,
}

/// The list filter: the list shows only matching articles, best first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListFilter {
    pub query: String,
    pub rows: Vec<FoundRow>,
    pub total: usize,
    pub generation: u64,
    pub pending: bool,
}

/// Edits a query for a text-field action; true when the query changed.
pub fn edit_query(query: &mut String, action: Action) -> bool {
    match action {
        Action::Insert(c) => {
            query.push(c);
            true
        }
        Action::DeleteChar => query.pop().is_some(),
        Action::DeleteWord => {
            let trimmed = query.trim_end().len();
            let cut = query[..trimmed].rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let changed = cut != query.len();
            query.truncate(cut);
            changed
        }
        Action::ClearInput => {
            let changed = !query.is_empty();
            query.clear();
            changed
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_editing() {
        let mut q = String::from("kabul border");
        assert!(edit_query(&mut q, Action::DeleteWord));
        assert_eq!(q, "kabul ");
        assert!(edit_query(&mut q, Action::DeleteWord));
        assert_eq!(q, "");
        assert!(!edit_query(&mut q, Action::DeleteChar));
        assert!(edit_query(&mut q, Action::Insert('é')));
        assert!(edit_query(&mut q, Action::ClearInput));
        assert!(q.is_empty());
    }
}
