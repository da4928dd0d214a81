//! The finder overlay and the list filter, as the app routes them.

use super::App;
use crate::tui::action::Action;
use crate::tui::entity_pane::FilterOut;
use crate::tui::finder::FinderOut;
use crate::tui::jobs::{SearchResponse, SearchTarget};
use crate::tui::layout::Pane;
use crate::tui::list::{ListCtx, ListOut, Saved};
use crate::tui::overlay::Overlay;

impl App {
    /// What the list needs to know of the screen and corpus.
    pub(crate) fn list_ctx(&self) -> ListCtx<'_> {
        let (height, row_height) = self.list_room();
        ListCtx { articles: &self.catalog, height, row_height }
    }

    /// The list's lines inside its border, and lines per article.
    pub(crate) fn list_room(&self) -> (usize, usize) {
        (self.inner_height(Pane::List), self.list_row_height())
    }

    /// The view to come back to when a finder or filter closes.
    pub(crate) fn saved(&self) -> Saved {
        Saved { list: self.list.cursor, focus: self.focus, scroll: self.reader.scroll }
    }

    fn restore(&mut self, saved: Option<Saved>) {
        if let Some(saved) = saved {
            self.list.cursor = saved.list;
            self.focus = saved.focus;
            self.reader.scroll = saved.scroll;
        }
    }

    pub fn open_finder(&mut self) {
        self.list.saved = Some(self.saved());
        self.overlay = Overlay::Finder(Box::default());
        self.request_finder();
    }

    fn request_finder(&mut self) {
        let generation = self.list.next_generation();
        if let Some(req) = self.overlay.finder_mut().and_then(|f| f.request(generation)) {
            self.list.push_request(req);
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
                let saved = self.list.saved.take();
                self.restore(saved);
            }
            FinderOut::Quit => self.quit = true,
            FinderOut::Open { index, query, hit } => {
                self.overlay = Overlay::None;
                self.list.saved = None;
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
        let view = self.saved();
        self.list.start_filter(view);
        self.overlay = Overlay::Filter;
    }

    /// Typing in a filter: the sidebar's, or the list's (which says what to do).
    pub(crate) fn filter_action(&mut self, action: Action) {
        if self.focus == Pane::Sidebar {
            return self.entity_filter_action(action);
        }
        let (height, row_height) = self.list_room();
        let ctx = ListCtx { articles: &self.catalog, height, row_height };
        match self.list.update(action, &ctx) {
            ListOut::Stay => self.filter_dates_changed(),
            ListOut::Moved => self.article_changed(),
            ListOut::Done => {
                self.overlay = Overlay::None;
                if self.current().is_some() {
                    self.focus = Pane::Reader;
                }
            }
            ListOut::Restore(saved) => {
                self.overlay = Overlay::None;
                self.filter_dates_cleared();
                self.restore(saved);
            }
            ListOut::Quit => self.quit = true,
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
        self.overlay = Overlay::None;
        let saved = self.list.cancel_filter();
        self.restore(saved);
    }

    /// Esc on a filtered list (`/` then Enter, or `f`): shows every article
    /// again with the one you are on still selected (the list decides if
    /// the view before the filter comes back as it was).
    pub fn clear_filter(&mut self) {
        self.overlay = Overlay::None;
        let (height, row_height) = self.list_room();
        let ctx = ListCtx { articles: &self.catalog, height, row_height };
        let saved = self.list.clear_filter(&ctx);
        self.restore(saved);
        self.filter_dates_cleared();
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
                // The best match is selected as the query changes.
                let before = self.current();
                let response = self.within_dates(response);
                if self.list.answer(response) && self.current() != before {
                    self.article_changed();
                }
            }
        }
        self.sync();
    }

    /// Selects an article in the (unfiltered) list and shows it in the reader.
    pub fn open_article(&mut self, index: usize) {
        if index >= self.catalog.len() {
            return;
        }
        if self.list.select(index, &self.catalog) {
            self.article_changed();
        }
        self.focus = Pane::Reader;
        self.sync();
    }
}
