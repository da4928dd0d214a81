//! The finder overlay and the list filter, as the app routes them.

use super::App;
use crate::tui::action::Action;
use crate::tui::entity_pane::FilterOut;
use crate::tui::finder::{FILTER_LIMIT, FinderOut, ListFilter, Saved, edit_query};
use crate::tui::jobs::{FindMode, SearchRequest, SearchResponse, SearchTarget};
use crate::tui::layout::Pane;
use crate::tui::overlay::Overlay;
use crate::tui::rows::Cursor;

impl App {
    fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    pub(crate) fn saved(&self) -> Saved {
        Saved { list: self.list, focus: self.focus, scroll: self.reader.scroll }
    }

    fn restore(&mut self, saved: Saved) {
        self.list = saved.list;
        self.focus = saved.focus;
        self.reader.scroll = saved.scroll;
    }

    pub fn open_finder(&mut self) {
        self.saved = Some(self.saved());
        self.overlay = Overlay::Finder(Box::default());
        self.request_finder();
    }

    fn request_finder(&mut self) {
        let generation = self.next_generation();
        if let Some(req) = self.overlay.finder_mut().and_then(|f| f.request(generation)) {
            self.requests.push(req);
        }
    }

    /// Routes an action to the finder, then does what it asks.
    pub(crate) fn finder_action(&mut self, action: Action) {
        let height = self.finder_height();
        let Some(f) = self.overlay.finder_mut() else {
            self.overlay = Overlay::None;
            return;
        };
        match f.update(action, height) {
            FinderOut::Stay => {}
            FinderOut::Search => self.request_finder(),
            FinderOut::Close => {
                self.overlay = Overlay::None;
                if let Some(saved) = self.saved.take() {
                    self.restore(saved);
                }
            }
            FinderOut::Quit => self.quit = true,
            FinderOut::Open { index, query, hit } => {
                self.overlay = Overlay::None;
                self.saved = None;
                self.open_article(index);
                if let Some(q) = query {
                    self.set_reader_search(&q, hit);
                }
            }
        }
    }

    /// Result rows visible in the finder overlay.
    pub fn finder_height(&self) -> usize {
        let h = usize::from(self.size.height);
        (h * 7 / 10).saturating_sub(4).max(1)
    }

    pub fn start_filter(&mut self) {
        self.saved = Some(self.saved());
        let query = self.filter.as_ref().map(|f| f.query.clone()).unwrap_or_default();
        self.filter = Some(ListFilter { query, ..ListFilter::default() });
        self.overlay = Overlay::Filter;
        self.request_filter();
    }

    fn request_filter(&mut self) {
        let generation = self.next_generation();
        if let Some(f) = self.filter.as_mut() {
            f.generation = generation;
            f.pending = true;
            self.requests.push(SearchRequest {
                generation,
                target: SearchTarget::ListFilter,
                mode: FindMode::Titles,
                query: f.query.clone(),
                limit: FILTER_LIMIT,
            });
        }
    }

    pub(crate) fn filter_action(&mut self, action: Action) {
        if self.focus == Pane::Sidebar {
            return self.entity_filter_action(action);
        }
        match action {
            Action::Back => self.cancel_filter(),
            Action::Quit => self.quit = true,
            Action::Open => {
                self.overlay = Overlay::None;
                self.saved = None;
                if self.filter.as_ref().is_some_and(|f| f.query.trim().is_empty()) {
                    self.filter = None;
                }
                if self.current().is_some() {
                    self.focus = Pane::Reader;
                }
            }
            Action::Up => self.select_article(-1),
            Action::Down => self.select_article(1),
            other => {
                let changed = self.filter.as_mut().is_some_and(|f| edit_query(&mut f.query, other));
                if changed {
                    self.request_filter();
                }
            }
        }
    }

    /// Typing in the entity sidebar's filter: the pane says what to do.
    fn entity_filter_action(&mut self, action: Action) {
        match self.entity_pane.filter_update(action) {
            FilterOut::Stay => {}
            FilterOut::Close => self.overlay = Overlay::None,
            FilterOut::Pick => {
                self.overlay = Overlay::None;
                self.select_entity(true);
            }
            FilterOut::Quit => self.quit = true,
            FilterOut::Move(delta) => {
                self.status = None;
                self.move_in(self.focus, delta);
            }
            FilterOut::Changed => {}
        }
    }

    /// Esc while typing a filter: drops it and puts the view back as it was.
    pub fn cancel_filter(&mut self) {
        self.filter = None;
        self.overlay = Overlay::None;
        if let Some(saved) = self.saved.take() {
            self.restore(saved);
        }
    }

    /// Esc on a filtered list (`/` then Enter, or `f`): shows every article
    /// again with the one you are on still selected. If you never left the
    /// article you were on before the filter, the view goes back exactly as
    /// it was (list position, pane, scroll).
    pub fn clear_filter(&mut self) {
        let here = self.current();
        self.filter = None;
        self.overlay = Overlay::None;
        match self.saved.take() {
            Some(saved) if self.list_article(saved.list.selected) == here => self.restore(saved),
            _ => {
                if let Some(i) = here {
                    let len = self.list_len();
                    self.list.selected = i;
                    self.list.step(0, len, self.list_capacity());
                }
            }
        }
    }

    /// Takes an answer from the search worker, if it is still wanted.
    pub fn on_search(&mut self, response: SearchResponse) {
        match response.target {
            SearchTarget::Finder => {
                let height = self.finder_height();
                if let Some(f) = self.overlay.finder_mut() {
                    f.answer(response, height);
                }
            }
            SearchTarget::ListFilter => {
                let before = self.current();
                if let Some(f) = self.filter.as_mut()
                    && f.generation == response.generation
                {
                    f.rows = response.rows;
                    f.total = response.total;
                    f.pending = false;
                    // The best match is selected as the query changes.
                    self.list = Cursor::default();
                    if self.current() != before {
                        self.reader.scroll = 0;
                        self.entity_pane.cursor = Cursor::default();
                    }
                }
            }
        }
        self.sync();
    }

    /// Selects an article in the (unfiltered) list and shows it in the reader.
    pub fn open_article(&mut self, index: usize) {
        if index >= self.corpus.articles.len() {
            return;
        }
        if self.filter.as_ref().is_some_and(|f| !f.rows.iter().any(|r| r.index == index)) {
            self.filter = None;
        }
        let row = match &self.filter {
            Some(f) => f.rows.iter().position(|r| r.index == index).unwrap_or(0),
            None => index,
        };
        if self.current() != Some(index) {
            self.reader.scroll = 0;
            self.entity_pane.cursor = Cursor::default();
        }
        self.list.selected = row;
        self.focus = Pane::Reader;
        self.sync();
    }
}
