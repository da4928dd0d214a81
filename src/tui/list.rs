//! The article list (the left pane) as a component: its cursor, its
//! in-place filter (`/` in the list, or the articles naming an entity), the
//! view kept while a filter or the finder is open, and the searches waiting
//! for the worker (the filter's and the finder's: both find articles for
//! the list, under one counter of generations). It knows nothing of `App`:
//! `App` hands it a [`ListCtx`] and carries out its [`ListOut`].

use super::action::Action;
use super::finder::edit_query;
use super::jobs::{FindMode, FoundRow, SearchRequest, SearchResponse, SearchTarget};
use super::layout::Pane;
use super::rows::Cursor;
pub use super::rows::Listing;

/// A filter's words without its dates (`since:7d`, `until:…`): what is
/// searched in the titles.
pub fn strip_dates(query: &str) -> String {
    query
        .split_whitespace()
        .filter(|w| {
            let w = w.to_ascii_lowercase();
            !w.starts_with("since:") && !w.starts_with("until:")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Results the list filter shows (ranked); the count says how many matched.
pub const FILTER_LIMIT: usize = 2_000;

/// What the view looked like before a finder or filter opened (Esc restores it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Saved {
    pub list: Cursor,
    pub focus: Pane,
    pub scroll: usize,
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

/// What the list needs to know of the rest: what it lists and its room
/// on screen.
#[derive(Clone, Copy)]
pub struct ListCtx<'a> {
    /// The articles listed (without a filter).
    pub articles: &'a dyn Listing,
    /// Lines inside the pane's border.
    pub height: usize,
    /// Screen lines per article (one or two).
    pub row_height: usize,
}

/// The article list's own state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ArticleList {
    /// The selected row (the open article) and the first row shown.
    pub cursor: Cursor,
    /// The in-place filter, when set.
    pub filter: Option<ListFilter>,
    /// The view before a finder or filter opened.
    pub saved: Option<Saved>,
    /// Searches for the worker, taken by the runtime after each update.
    requests: Vec<SearchRequest>,
    /// The last request's generation; older answers are dropped.
    generation: u64,
    /// The article to select when the filter's answer comes, if it is in
    /// it (reopening where the analyst left off).
    pub reselect: Option<usize>,
}

/// What the list asks of the app after an action while its filter is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListOut {
    Stay,
    /// The selection moved to another article.
    Moved,
    /// Enter: typing ends (an empty filter is dropped); read the article.
    Done,
    /// Esc: the filter is gone; put back the view kept, if any.
    Restore(Option<Saved>),
    Quit,
}

impl ArticleList {
    /// The filter, if it has a query (an empty one lets every article through).
    pub fn narrowing(&self) -> Option<&ListFilter> {
        // Its dates (`since:7d`) are the view's, not a search.
        self.filter.as_ref().filter(|f| !strip_dates(&f.query).is_empty())
    }

    /// Articles in the list: all, or those the filter lets through.
    pub fn len(&self, articles: &dyn Listing) -> usize {
        self.narrowing().map_or_else(|| articles.rows(), |f| f.rows.len())
    }

    /// The article shown on a row.
    pub fn article(&self, row: usize, articles: &dyn Listing) -> Option<usize> {
        match self.narrowing() {
            Some(f) => f.rows.get(row).map(|r| r.index),
            None => articles.at(row),
        }
    }

    /// The selected article (the one the reader shows).
    pub fn current(&self, articles: &dyn Listing) -> Option<usize> {
        self.article(self.cursor.selected, articles)
    }

    /// Articles visible at once (a filter line takes one line).
    pub fn capacity(&self, ctx: &ListCtx) -> usize {
        let filter_line = usize::from(self.filter.is_some());
        (ctx.height.saturating_sub(filter_line) / ctx.row_height.max(1)).max(1)
    }

    /// Moves the selection by `delta` rows; true if it moved.
    pub fn step(&mut self, delta: isize, ctx: &ListCtx) -> bool {
        let before = self.cursor.selected;
        let (n, h) = (self.len(ctx.articles), self.capacity(ctx));
        self.cursor.step(delta, n, h);
        self.cursor.selected != before
    }

    /// Keeps the selection on screen (after a resize or a new filter).
    pub fn scroll_into_view(&mut self, ctx: &ListCtx) {
        let (n, h) = (self.len(ctx.articles), self.capacity(ctx));
        self.cursor.scroll_into_view(n, h);
    }

    /// A new generation for a search (the finder's or the filter's).
    pub fn next_generation(&mut self) -> u64 {
        self.generation += 1;
        self.generation
    }

    /// Queues a search for the worker.
    pub fn push_request(&mut self, request: SearchRequest) {
        self.requests.push(request);
    }

    /// Takes the searches queued for the worker.
    pub fn take_requests(&mut self) -> Vec<SearchRequest> {
        std::mem::take(&mut self.requests)
    }

    /// `/` in the list: the last query typed again, and the view to come
    /// back to on Esc.
    pub fn start_filter(&mut self, view: Saved) {
        self.saved = Some(view);
        let query = self.filter.as_ref().map(|f| f.query.clone()).unwrap_or_default();
        self.filter = Some(ListFilter { query, ..ListFilter::default() });
        self.request_filter();
    }

    /// Asks for the filter's matches again (its text set from outside).
    pub fn refilter(&mut self) {
        self.request_filter();
    }

    fn request_filter(&mut self) {
        let generation = self.next_generation();
        if let Some(f) = self.filter.as_mut() {
            f.generation = generation;
            f.pending = true;
            let request = SearchRequest {
                generation,
                target: SearchTarget::ListFilter,
                mode: FindMode::Titles,
                query: strip_dates(&f.query),
                limit: FILTER_LIMIT,
            };
            self.requests.push(request);
        }
    }

    /// One action while the filter is typed.
    pub fn update(&mut self, action: Action, ctx: &ListCtx) -> ListOut {
        match action {
            Action::Back => ListOut::Restore(self.cancel_filter()),
            Action::Quit => ListOut::Quit,
            Action::Open => {
                self.saved = None;
                if self.filter.as_ref().is_some_and(|f| f.query.trim().is_empty()) {
                    self.filter = None;
                }
                ListOut::Done
            }
            Action::Up | Action::Down => {
                let delta = if action == Action::Up { -1 } else { 1 };
                if self.step(delta, ctx) { ListOut::Moved } else { ListOut::Stay }
            }
            other => {
                if self.filter.as_mut().is_some_and(|f| edit_query(&mut f.query, other)) {
                    self.request_filter();
                }
                ListOut::Stay
            }
        }
    }

    /// Esc while typing a filter: it is dropped; the view kept, to put back.
    pub fn cancel_filter(&mut self) -> Option<Saved> {
        self.filter = None;
        self.saved.take()
    }

    /// Esc on a filtered list: every article again, the one you are on still
    /// selected. The view kept is returned if it was on that same article
    /// (put it back exactly as it was: list position, pane, scroll).
    pub fn clear_filter(&mut self, ctx: &ListCtx) -> Option<Saved> {
        let here = self.current(ctx.articles);
        self.filter = None;
        match self.saved.take() {
            Some(saved) if self.article(saved.list.selected, ctx.articles) == here => Some(saved),
            _ => {
                if let Some(i) = here.and_then(|i| ctx.articles.row_of(i)) {
                    self.cursor.selected = i;
                    let (n, h) = (self.len(ctx.articles), self.capacity(ctx));
                    self.cursor.step(0, n, h);
                }
                None
            }
        }
    }

    /// The worker's answer for the filter, unless a newer request is on its
    /// way; true if taken (the best match is then selected).
    pub fn answer(&mut self, response: SearchResponse) -> bool {
        let Some(f) = self.filter.as_mut().filter(|f| f.generation == response.generation) else {
            return false;
        };
        f.rows = response.rows;
        f.total = response.total;
        f.pending = false;
        self.cursor = Cursor::default();
        if let Some(at) = self.reselect.take().and_then(|i| f.rows.iter().position(|r| r.index == i)) {
            self.cursor.selected = at;
        }
        true
    }

    /// Shows only `rows` (the articles naming an entity, as `query`), with
    /// `current` still selected if it is among them; the view before is
    /// kept unless a filter was on already.
    pub fn show_only(&mut self, query: String, rows: Vec<FoundRow>, current: Option<usize>, view: Saved) {
        if self.filter.is_none() {
            self.saved = Some(view);
        }
        let total = rows.len();
        let at = rows.iter().position(|r| Some(r.index) == current);
        self.filter = Some(ListFilter { query, rows, total, generation: 0, pending: false });
        self.cursor = Cursor::default();
        if let Some(at) = at {
            self.cursor.selected = at;
        }
    }

    /// Selects an article: in the filter if it is there, else the filter
    /// goes. True if that is another article than the one selected.
    pub fn select(&mut self, index: usize, articles: &dyn Listing) -> bool {
        if self.narrowing().is_some_and(|f| !f.rows.iter().any(|r| r.index == index)) {
            self.filter = None;
        }
        let row = match self.narrowing() {
            Some(f) => f.rows.iter().position(|r| r.index == index).unwrap_or(0),
            None => articles.row_of(index).unwrap_or(0),
        };
        let changed = self.current(articles) != Some(index);
        self.cursor.selected = row;
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: ListCtx<'static> = ListCtx { articles: &5, height: 10, row_height: 1 };

    fn row(index: usize) -> FoundRow {
        FoundRow { index, positions: Vec::new(), snippet: None, hit: None }
    }

    fn view(selected: usize) -> Saved {
        Saved { list: Cursor { selected, offset: 0 }, focus: Pane::List, scroll: 0 }
    }

    #[test]
    fn the_filter_is_typed_answered_and_cleared_without_an_app() {
        let mut list = ArticleList::default();
        list.step(2, &CTX);
        list.start_filter(view(2));
        assert_eq!(list.update(Action::Insert('k'), &CTX), ListOut::Stay);
        let asked = list.take_requests();
        assert_eq!(asked.len(), 2, "one on opening, one for the typed letter");
        let last = asked.last().map(|r| (r.generation, r.query.clone()));
        assert_eq!(last, Some((2, "k".to_string())));
        let answer = |generation| SearchResponse {
            generation,
            target: SearchTarget::ListFilter,
            rows: vec![row(4), row(2)],
            total: 2,
        };
        assert!(!list.answer(answer(1)), "an older answer is dropped");
        assert!(list.answer(answer(2)));
        assert_eq!((list.len(&5), list.current(&5)), (2, Some(4)));
        assert_eq!(list.update(Action::Down, &CTX), ListOut::Moved);
        assert_eq!(list.update(Action::Open, &CTX), ListOut::Done);
        // Esc on the filtered list: on article 2, as before the filter, so
        // the view kept comes back... but Enter dropped it: 2 stays selected.
        assert_eq!(list.clear_filter(&CTX), None);
        assert_eq!(list.current(&5), Some(2));
    }

    #[test]
    fn esc_while_typing_gives_back_the_view_and_selecting_outside_drops_the_filter() {
        let mut list = ArticleList::default();
        list.start_filter(view(3));
        assert_eq!(list.update(Action::Back, &CTX), ListOut::Restore(Some(view(3))));
        assert!(list.filter.is_none());
        list.show_only("@Kabul".into(), vec![row(1), row(3)], Some(3), view(3));
        assert_eq!(list.current(&5), Some(3));
        assert!(!list.select(3, &5), "already there");
        assert!(list.select(0, &5));
        assert!(list.filter.is_none(), "0 is not in the filter");
        assert_eq!(list.current(&5), Some(0));
    }
}
