//! Searching inside the open article (`/` in the reader): hits highlighted,
//! `n`/`N` jump between them, the view follows.

use std::ops::Range;

use super::action::Action;
use super::finder::edit_query;
use crate::search::{Query, terms};

/// A search in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderSearch {
    pub query: String,
    /// Byte ranges of the article body, in order.
    pub hits: Vec<Range<usize>>,
    /// The hit the view is on.
    pub current: Option<usize>,
    /// The article searched.
    pub article: usize,
}

/// What the reader search asks of the app after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchOut {
    Stay,
    /// The query changed: search the article again.
    Requery,
    /// Go to the next (1) or previous (-1) hit.
    Step(isize),
    /// Esc: the search ends, its hits with it.
    Clear,
    /// Enter: typing ends, the hits stay (unless nothing was typed).
    Keep,
    Quit,
}

impl ReaderSearch {
    /// One action while the search is typed.
    pub fn update(&mut self, action: Action) -> SearchOut {
        match action {
            Action::Back => SearchOut::Clear,
            Action::Open if self.query.trim().is_empty() => SearchOut::Clear,
            Action::Open => SearchOut::Keep,
            Action::Quit => SearchOut::Quit,
            Action::NextHit => SearchOut::Step(1),
            Action::PrevHit => SearchOut::Step(-1),
            other if edit_query(&mut self.query, other) => SearchOut::Requery,
            _ => SearchOut::Stay,
        }
    }

    /// Searches `body` (article `article`) for the query; the hit the view
    /// goes to is the first at or after `top`. Its body offset, if any.
    pub fn search(&mut self, article: usize, body: &str, top: usize) -> Option<usize> {
        let q = Query::parse(&self.query);
        self.article = article;
        self.hits = if q.is_empty() { Vec::new() } else { terms::find_all(body, &q) };
        self.current = if self.hits.is_empty() {
            None
        } else {
            Some(self.hits.iter().position(|h| h.start >= top).unwrap_or(0))
        };
        self.current.and_then(|c| self.hits.get(c)).map(|h| h.start)
    }

    /// Goes to the next (1) or previous (-1) hit, wrapping around; the body
    /// offset to show, if there is any hit.
    pub fn step(&mut self, dir: isize) -> Option<usize> {
        self.current = step_hit(self.current, self.hits.len(), dir);
        self.current.and_then(|c| self.hits.get(c)).map(|h| h.start)
    }
}

/// The hit after (1) or before (-1) `current` among `len`, wrapping around.
pub fn step_hit(current: Option<usize>, len: usize, dir: isize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match current {
        Some(c) => (c as isize + dir).rem_euclid(len as isize) as usize,
        None => 0,
    })
}

/// The "3/12" shown for hits, "0/0" for none.
pub fn counter(current: Option<usize>, len: usize) -> String {
    match current {
        Some(c) => format!("{}/{len}", c + 1),
        None => "0/0".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_wrap_both_ways() {
        assert_eq!(step_hit(None, 3, 1), Some(0));
        assert_eq!(step_hit(Some(2), 3, 1), Some(0));
        assert_eq!(step_hit(Some(0), 3, -1), Some(2));
        assert_eq!(step_hit(Some(0), 0, 1), None);
        assert_eq!(counter(Some(1), 3), "2/3");
        assert_eq!(counter(None, 0), "0/0");
    }

    #[test]
    fn typing_searches_again_and_enter_keeps_only_a_query() {
        let mut s = ReaderSearch::default();
        assert_eq!(s.update(Action::Open), SearchOut::Clear, "nothing typed, nothing kept");
        assert_eq!(s.update(Action::Insert('b')), SearchOut::Requery);
        assert_eq!(s.search(3, "a b c b", 3), Some(6), "the first hit from the top of the view");
        assert_eq!((s.article, s.hits.len(), s.current), (3, 2, Some(1)));
        assert_eq!(s.update(Action::NextHit), SearchOut::Step(1));
        assert_eq!(s.update(Action::Open), SearchOut::Keep);
        assert_eq!(s.update(Action::Back), SearchOut::Clear);
    }
}
