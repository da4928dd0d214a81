//! Searching inside the open article, and the entity picked in the sidebar
//! shown as its mentions, as the app routes them.

use super::App;
use crate::tui::action::Action;
use crate::tui::entity_pane::PickedEntity;
use crate::tui::overlay::Overlay;
use crate::tui::reader_search::{ReaderSearch, SearchOut, counter};

impl App {
    pub fn start_reader_search(&mut self) {
        let Some(article) = self.current() else { return };
        self.rsearch = Some(ReaderSearch { article, ..ReaderSearch::default() });
        self.entity_pane.picked = None;
        self.overlay = Overlay::Search;
    }

    /// Searches the open article for `query` and goes to the first hit at or
    /// after `near` (a body offset) or after the top of the view.
    pub fn set_reader_search(&mut self, query: &str, near: Option<usize>) {
        let Some(article) = self.current() else { return };
        self.rsearch = Some(ReaderSearch { article, query: query.to_string(), ..ReaderSearch::default() });
        self.entity_pane.picked = None;
        self.refresh_reader_search(near);
    }

    fn refresh_reader_search(&mut self, near: Option<usize>) {
        let Some(idx) = self.current() else { return };
        let top = near.unwrap_or_else(|| self.top_offset());
        let article = self.catalog.article_or_placeholder(idx);
        let Some(s) = self.rsearch.as_mut() else { return };
        if let Some(start) = s.search(idx, &article.body, top) {
            self.scroll_to_offset(start);
        }
    }

    /// The body offset at the top of the reader's view.
    fn top_offset(&self) -> usize {
        self.reader
            .layout
            .lines
            .iter()
            .skip(self.reader.scroll)
            .find(|l| l.is_body())
            .map_or(0, |l| l.range.start)
    }

    /// Routes an action to the reader search, then does what it asks.
    pub(crate) fn search_action(&mut self, action: Action) {
        let out = self.rsearch.as_mut().map_or(SearchOut::Clear, |s| s.update(action));
        match out {
            SearchOut::Stay => {}
            SearchOut::Requery => self.refresh_reader_search(None),
            SearchOut::Step(dir) => self.jump_hit(dir),
            SearchOut::Clear => {
                self.rsearch = None;
                self.overlay = Overlay::None;
            }
            SearchOut::Keep => self.overlay = Overlay::None,
            SearchOut::Quit => self.quit = true,
        }
    }

    /// Goes to the next (1) or previous (-1) hit of the reader search, or
    /// else mention of the entity picked in the sidebar, wrapping around.
    pub fn jump_hit(&mut self, dir: isize) {
        let (target, what) = if let Some(s) = self.rsearch.as_mut() {
            (s.step(dir), s.query.clone())
        } else if let Some(p) = self.entity_pane.picked.as_mut() {
            (p.step(dir), p.name.clone())
        } else {
            self.status = Some("no search: / to search this article".into());
            return;
        };
        match target {
            Some(start) => self.scroll_to_offset(start),
            None => self.status = Some(format!("no hits for '{what}'")),
        }
    }

    /// Highlights the mentions of the entity selected in the sidebar; with
    /// `jump`, scrolls to the first. It takes the place of a reader search.
    pub fn select_entity(&mut self, jump: bool) {
        let Some(article) = self.current() else { return };
        let Some(e) = self.selected_entity().cloned() else { return };
        let current = (!e.mentions.is_empty()).then_some(0);
        self.rsearch = None;
        self.entity_pane.picked = Some(PickedEntity::new(&e, article, current));
        if jump && let Some(first) = e.mentions.first() {
            self.scroll_to_offset(first.start);
        }
    }

    /// After a change of article: an entity picked in the sidebar stays
    /// picked (its mentions highlighted, `n` jumping between them) when the
    /// new article names it too, under its name or any of its forms; a
    /// reader search belonged to the old article and ends.
    pub(crate) fn carry_search(&mut self, article: usize) {
        if self.rsearch.as_ref().is_some_and(|s| s.article != article) {
            self.rsearch = None;
        }
        let Some(p) = self.entity_pane.picked.as_ref().filter(|p| p.article != article) else { return };
        if self.entities_pending() {
            // Carried once the article's entities arrive.
            return;
        }
        let Some(found) = self.entities().iter().position(|e| p.is(e)) else {
            self.entity_pane.picked = None;
            return;
        };
        self.entity_pane.picked = Some(PickedEntity::new(&self.entities()[found], article, None));
        let rows = self.sidebar_rows();
        if let Some(row) = rows.iter().position(|r| *r == crate::tui::rows::SidebarRow::Entity(found)) {
            self.entity_pane.cursor.selected = row;
        }
    }

    /// The hits the reader highlights and `n`/`N` step through: the reader
    /// search's, else the picked entity's mentions; and which one is current.
    pub fn highlighted(&self) -> Option<(&[std::ops::Range<usize>], Option<usize>)> {
        match (&self.rsearch, &self.entity_pane.picked) {
            (Some(s), _) => Some((&s.hits, s.current)),
            // A pick waiting for the article's entities shows nothing yet.
            (None, Some(p)) if Some(p.article) == self.current() => Some((&p.mentions, p.current)),
            (None, Some(_)) => None,
            (None, None) => None,
        }
    }

    /// The "3/12" of the reader search or the picked entity, if any.
    pub fn hit_counter(&self) -> Option<String> {
        if self.rsearch.as_ref().is_some_and(|s| s.query.is_empty()) {
            return None;
        }
        let (hits, current) = self.highlighted()?;
        Some(counter(current, hits.len()))
    }
}
