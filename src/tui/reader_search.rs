//! Searching inside the open article (`/` in the reader): hits highlighted,
//! `n`/`N` jump between them, the view follows.

use std::ops::Range;

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

impl ReaderSearch {
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
}
