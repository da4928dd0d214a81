//! Searching inside the open article, and the entity picked in the sidebar
//! shown as its mentions, as the app routes them.

use super::App;
use crate::search::{Query, terms};
use crate::tui::action::Action;
use crate::tui::finder::edit_query;
use crate::tui::overlay::Overlay;
use crate::tui::reader_search::ReaderSearch;

impl App {
    pub fn start_reader_search(&mut self) {
        let Some(article) = self.current() else { return };
        self.rsearch = Some(ReaderSearch { article, ..ReaderSearch::default() });
        self.overlay = Overlay::Search;
    }

    /// Searches the open article for `query` and goes to the first hit at or
    /// after `near` (a body offset) or after the top of the view.
    pub fn set_reader_search(&mut self, query: &str, near: Option<usize>) {
        let Some(article) = self.current() else { return };
        self.rsearch = Some(ReaderSearch { article, query: query.to_string(), ..ReaderSearch::default() });
        self.refresh_reader_search(near);
    }

    fn refresh_reader_search(&mut self, near: Option<usize>) {
        let Some(idx) = self.current() else { return };
        let top = near.unwrap_or_else(|| self.top_offset());
        let Some(s) = self.rsearch.as_mut() else { return };
        let q = Query::parse(&s.query);
        s.article = idx;
        s.hits = if q.is_empty() { Vec::new() } else { terms::find_all(&self.corpus.articles[idx].body, &q) };
        s.current = if s.hits.is_empty() {
            None
        } else {
            Some(s.hits.iter().position(|h| h.start >= top).unwrap_or(0))
        };
        if let Some(start) = s.current.map(|c| s.hits[c].start) {
            self.scroll_to_offset(start);
        }
    }

    /// The body offset at the top of the reader's view.
    fn top_offset(&self) -> usize {
        self.reader.lines.iter().skip(self.scroll).find(|l| l.is_body()).map_or(0, |l| l.range.start)
    }

    pub(crate) fn search_action(&mut self, action: Action) {
        match action {
            Action::Back => {
                self.rsearch = None;
                self.overlay = Overlay::None;
            }
            Action::Open => {
                self.overlay = Overlay::None;
                if self.rsearch.as_ref().is_some_and(|s| s.query.trim().is_empty()) {
                    self.rsearch = None;
                }
            }
            Action::Quit => self.quit = true,
            Action::NextHit => self.jump_hit(1),
            Action::PrevHit => self.jump_hit(-1),
            other => {
                let changed = self.rsearch.as_mut().is_some_and(|s| edit_query(&mut s.query, other));
                if changed {
                    self.refresh_reader_search(None);
                }
            }
        }
    }

    /// Goes to the next (1) or previous (-1) hit, wrapping around.
    pub fn jump_hit(&mut self, dir: isize) {
        let Some(s) = self.rsearch.as_mut() else {
            self.status = Some("no search: / to search this article".into());
            return;
        };
        if s.hits.is_empty() {
            self.status = Some(format!("no hits for '{}'", s.query));
            return;
        }
        let n = s.hits.len() as isize;
        let next = match s.current {
            Some(c) => (c as isize + dir).rem_euclid(n),
            None => 0,
        } as usize;
        s.current = Some(next);
        let start = s.hits[next].start;
        self.scroll_to_offset(start);
    }

    /// Highlights the mentions of the entity selected in the sidebar; with
    /// `jump`, scrolls to the first.
    pub fn select_entity(&mut self, jump: bool) {
        let Some(article) = self.current() else { return };
        let Some(e) = self.selected_entity().cloned() else { return };
        let current = (!e.mentions.is_empty()).then_some(0);
        self.rsearch = Some(ReaderSearch {
            query: e.name.clone(),
            hits: e.mentions.clone(),
            current,
            article,
            entity: Some(e.kind),
            aliases: e.aliases.clone(),
        });
        if jump && let Some(first) = e.mentions.first() {
            self.scroll_to_offset(first.start);
        }
    }

    /// After a change of article: an entity selected in the sidebar stays
    /// selected (its mentions highlighted, `n` jumping between them) when
    /// the new article names it too, under its name or any of its forms;
    /// any other search belonged to the old article and ends.
    pub(crate) fn carry_search(&mut self, article: usize) {
        let Some(s) = self.rsearch.as_ref().filter(|s| s.article != article) else { return };
        let Some(kind) = s.entity else {
            self.rsearch = None;
            return;
        };
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let forms: Vec<&String> = s.aliases.iter().chain([&s.query]).collect();
        let found = self.entities().iter().position(|e| {
            e.kind == kind && e.aliases.iter().chain([&e.name]).any(|n| forms.iter().any(|f| same(f, n)))
        });
        let Some(found) = found else {
            self.rsearch = None;
            return;
        };
        let e = self.entities()[found].clone();
        self.rsearch = Some(ReaderSearch {
            query: e.name.clone(),
            hits: e.mentions.clone(),
            current: None,
            article,
            entity: Some(e.kind),
            aliases: e.aliases.clone(),
        });
        let rows = self.sidebar_rows();
        if let Some(row) = rows.iter().position(|r| *r == crate::tui::rows::SidebarRow::Entity(found)) {
            self.entity_pane.cursor.selected = row;
        }
    }

    /// The "3/12" of the reader search, if any.
    pub fn hit_counter(&self) -> Option<String> {
        let s = self.rsearch.as_ref()?;
        if s.query.is_empty() {
            return None;
        }
        Some(match s.current {
            Some(c) => format!("{}/{}", c + 1, s.hits.len()),
            None => "0/0".to_string(),
        })
    }
}
