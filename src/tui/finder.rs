//! The finder overlay (`Ctrl-P`): query editing, requests to the search
//! worker, and results; and the query editing the list's filter shares.

use super::action::Action;
use super::jobs::{FindMode, FoundRow, SearchRequest, SearchResponse, SearchTarget};
use super::rows::Cursor;

/// Results the finder overlay asks for.
pub const FINDER_LIMIT: usize = 200;
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

/// What the finder asks of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FinderOut {
    /// Nothing beyond the finder itself changed.
    Stay,
    /// The query or the mode changed: search again.
    Search,
    /// Esc: close, and put the view back as it was.
    Close,
    Quit,
    /// Enter on a result: open the article (at the hit, searching for the
    /// full-text query there).
    Open {
        index: usize,
        query: Option<String>,
        hit: Option<usize>,
    },
}

impl FinderState {
    /// One action in the finder; `height` is the rows its list shows.
    pub fn update(&mut self, action: Action, height: usize) -> FinderOut {
        let page = height.saturating_sub(1).max(1) as isize;
        match action {
            Action::Back => FinderOut::Close,
            Action::Quit => FinderOut::Quit,
            Action::Open => match self.rows.get(self.cursor.selected) {
                Some(row) => FinderOut::Open {
                    index: row.index,
                    query: (self.mode == FindMode::FullText).then(|| self.query.clone()),
                    hit: row.hit.as_ref().map(|h| h.start),
                },
                None => FinderOut::Stay,
            },
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                let delta = match action {
                    Action::Up => -1,
                    Action::Down => 1,
                    Action::PageUp => -page,
                    _ => page,
                };
                self.cursor.step(delta, self.rows.len(), height);
                FinderOut::Stay
            }
            Action::ToggleFullText => {
                self.mode = match self.mode {
                    FindMode::Titles => FindMode::FullText,
                    FindMode::FullText => FindMode::Titles,
                };
                self.cursor = Cursor::default();
                FinderOut::Search
            }
            other => {
                if edit_query(&mut self.query, other) {
                    self.cursor = Cursor::default();
                    FinderOut::Search
                } else {
                    FinderOut::Stay
                }
            }
        }
    }

    /// The search for the query on screen, as request `generation`; none
    /// when there is nothing to search for yet (an empty full-text query).
    pub fn request(&mut self, generation: u64) -> Option<SearchRequest> {
        self.generation = generation;
        if self.mode == FindMode::FullText && self.query.trim().is_empty() {
            self.rows.clear();
            self.total = 0;
            self.pending = false;
            return None;
        }
        self.pending = true;
        Some(SearchRequest {
            generation,
            target: SearchTarget::Finder,
            mode: self.mode,
            query: self.query.clone(),
            limit: FINDER_LIMIT,
        })
    }

    /// The worker's answer, unless a newer request is on its way.
    pub fn answer(&mut self, response: SearchResponse, height: usize) {
        if response.generation != self.generation {
            return;
        }
        self.rows = response.rows;
        self.total = response.total;
        self.pending = false;
        self.cursor.step(0, self.rows.len(), height);
    }
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

    #[test]
    fn the_finder_is_driven_without_an_app() {
        let mut f = FinderState::default();
        assert_eq!(f.update(Action::Insert('k'), 10), FinderOut::Search);
        let req = f.request(7).unwrap();
        assert_eq!((req.generation, req.query.as_str(), req.target), (7, "k", SearchTarget::Finder));
        let row = |index| FoundRow { index, positions: Vec::new(), snippet: None, hit: None };
        // An answer to an older request is dropped.
        f.answer(
            SearchResponse { generation: 6, target: SearchTarget::Finder, rows: vec![row(1)], total: 1 },
            10,
        );
        assert!(f.rows.is_empty() && f.pending);
        let rows = vec![row(3), row(5)];
        f.answer(SearchResponse { generation: 7, target: SearchTarget::Finder, rows, total: 2 }, 10);
        assert_eq!(f.update(Action::Down, 10), FinderOut::Stay);
        assert_eq!(f.update(Action::Open, 10), FinderOut::Open { index: 5, query: None, hit: None });
        // Full text with nothing typed: nothing to ask the worker.
        f.update(Action::ClearInput, 10);
        assert_eq!(f.update(Action::ToggleFullText, 10), FinderOut::Search);
        assert_eq!(f.request(8), None);
        assert_eq!(f.update(Action::Back, 10), FinderOut::Close);
    }
}
