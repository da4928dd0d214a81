//! The analyst's desk in the list, as the app routes it: reading state
//! (`r`, `*`, read after a few seconds or a scroll), the list's view (`o`,
//! `u`, `F`, `/since:`), and where the analyst left off.

use super::App;
use crate::notes::LeftOff;
use crate::tui::action::Action;
use crate::tui::jobs::SearchResponse;
use crate::tui::layout::Pane;
use crate::tui::list_view::{Only, date_words};

impl App {
    /// Now in Unix seconds, for dates.
    pub fn now_seconds(&self) -> i64 {
        (self.clock)().div_euclid(1000)
    }

    /// One of the desk's actions in the normal mode; false if `action` is not one.
    pub(crate) fn desk_action(&mut self, action: Action) -> bool {
        match action {
            Action::ToggleRead | Action::ToggleFlag => {
                let Some(id) = self.current().and_then(|i| self.catalog.id(i)) else { return true };
                let now = (self.clock)();
                let effect = if action == Action::ToggleRead {
                    self.reading.toggle_read(&id, now)
                } else {
                    self.reading.toggle_flag(&id, now)
                };
                self.effects.extend(effect);
                let (read, flagged) = (self.reading.is_read(&id), self.reading.is_flagged(&id));
                self.status = Some(
                    match action {
                        Action::ToggleRead if read => "marked read",
                        Action::ToggleRead => "marked unread",
                        _ if flagged => "flagged",
                        _ => "flag removed",
                    }
                    .into(),
                );
            }
            Action::UnreadOnly => self.show_only(Only::Unread),
            Action::FlaggedOnly => self.show_only(Only::Flagged),
            Action::ExpandGroup => {
                let Some(i) = self.current() else { return true };
                let Some(leader) = self
                    .groups
                    .as_ref()
                    .filter(|g| i < g.groups.len() && g.groups.similar(i) > 0)
                    .map(|g| g.groups.leader(i))
                else {
                    self.status = Some("no similar articles".into());
                    return true;
                };
                let open = !self.view.expanded.remove(&leader);
                if open {
                    self.view.expanded.insert(leader);
                }
                self.apply_view();
                self.status = Some(if open { "similar articles shown" } else { "one row per group" }.into());
            }
            Action::CycleSort => {
                self.view.cycle_sort();
                // A new order is read from its top (the newest first).
                let open = self.current();
                self.apply_view_keeping(open, false);
                self.status = Some(format!("sorted by {}", self.view.sort.name()));
            }
            _ => return false,
        }
        true
    }

    fn show_only(&mut self, only: Only) {
        self.view.toggle_only(only);
        self.apply_view();
        let n = self.catalog.listed();
        self.status = Some(match self.view.only {
            Only::All => "all articles".into(),
            Only::Unread => format!("{n} unread"),
            Only::Flagged => format!("{n} flagged"),
        });
    }

    /// Shows the view the analyst set, the open article still selected if
    /// it is in it (else the first).
    pub(crate) fn apply_view(&mut self) {
        let open = self.current();
        self.apply_view_keeping(open, true);
    }

    /// [`App::apply_view`], with the article at `keep` in an unread view
    /// even if read (the one being read does not vanish under the reader).
    /// With `follow` false the list starts at the view's top (a new order):
    /// no search for the open article's row (a scan on a sorted million).
    fn apply_view_keeping(&mut self, keep: Option<usize>, follow: bool) {
        let open = keep.filter(|_| follow);
        let hidden = self.groups.as_ref().map(|g| g.hidden(&self.view.expanded)).unwrap_or_default();
        let mut query = self.view.query(self.reading.read_ids(), self.reading.flagged_ids(), &hidden);
        if let (Only::Unread, crate::library::catalog_query::Ids::Except(set), Some(id)) =
            (self.view.only, &mut query.ids, keep.and_then(|i| self.catalog.id(i)))
        {
            set.remove(&id.to_ascii_lowercase());
        }
        if &query != self.catalog.view() {
            self.catalog.set_view(query);
        }
        if self.list.narrowing().is_none() {
            let changed = match open {
                Some(i) => self.list.select(i, &self.catalog),
                None => false,
            };
            if open.is_none() || self.current() != open {
                self.list.cursor = Default::default();
                self.article_changed();
            } else if changed {
                self.article_changed();
            }
        }
        self.sync();
    }

    /// The list filter's text changed: its dates (`since:`, `until:`) set
    /// the view; the rest is the title search.
    pub(crate) fn filter_dates_changed(&mut self) {
        let Some(query) = self.list.filter.as_ref().map(|f| f.query.clone()) else {
            return;
        };
        let words = date_words(&query, self.now_seconds());
        if let Some(e) = words.error {
            self.status = Some(e);
        }
        if (words.since.as_ref(), words.until.as_ref())
            != (self.view.since.as_ref(), self.view.until.as_ref())
        {
            self.view.since = words.since;
            self.view.until = words.until;
            self.apply_view();
        }
    }

    /// A title search's matches within the filter's dates, if it has any
    /// (the matches are at most a screenful of blocks to read).
    pub(crate) fn within_dates(&self, mut response: SearchResponse) -> SearchResponse {
        let (since, until) = (self.view.since.as_ref().map(|d| d.1), self.view.until.as_ref().map(|d| d.1));
        if since.is_none() && until.is_none() {
            return response;
        }
        let within = |at: Option<i64>| {
            at.is_some_and(|t| since.is_none_or(|s| t >= s) && until.is_none_or(|u| t <= u))
        };
        let before = response.rows.len();
        response.rows.retain(|r| within(self.catalog.row(r.index).and_then(|row| row.published_at)));
        response.total = response.total.saturating_sub(before - response.rows.len());
        response
    }

    /// The filter was dropped (Esc): its dates go with it.
    pub(crate) fn filter_dates_cleared(&mut self) {
        if self.view.since.is_some() || self.view.until.is_some() {
            self.view.since = None;
            self.view.until = None;
            self.apply_view();
        }
    }

    /// The open article was read (scrolled, or open long enough): it is
    /// marked, with its near-duplicates when the setting says so.
    pub(crate) fn read_open(&mut self) {
        if self.reading.open_id().is_none() {
            return;
        }
        let others = if self.group_read { self.similar_ids() } else { Vec::new() };
        let effect = self.reading.read_open(&others, (self.clock)());
        self.effects.extend(effect);
    }

    /// The ids of the open article's near-duplicates (none known: none).
    fn similar_ids(&self) -> Vec<String> {
        let Some(i) = self.current() else { return Vec::new() };
        match &self.groups {
            Some(g) if i < g.groups.len() => g
                .groups
                .members(i)
                .into_iter()
                .filter(|&m| m != i)
                .filter_map(|m| self.catalog.id(m))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The near-duplicate groups arrived: one row per group from now on.
    pub fn on_groups(&mut self, groups: std::sync::Arc<crate::tui::list_view::NearGroups>) {
        self.groups = Some(groups);
        self.apply_view();
    }

    /// How many near-duplicates the article at catalog position `i` has.
    pub fn similar(&self, i: usize) -> usize {
        self.groups.as_ref().filter(|g| i < g.groups.len()).map_or(0, |g| g.groups.similar(i))
    }

    /// Time passed: the article open for a few seconds is read.
    pub(crate) fn desk_tick(&mut self) {
        if self.reading.due((self.clock)()).is_some() {
            self.read_open();
        }
        // Now and then, not only on the way out (a crash keeps the place too).
        let here = LeftOff { saved: 0, ..self.left_off() };
        if self.left_off_key.is_some() && self.left_off_kept.as_ref() != Some(&here) {
            self.left_off_kept = Some(here);
            self.save_left_off();
        }
    }

    /// Where the analyst is now, to reopen there.
    pub fn left_off(&self) -> LeftOff {
        let filter = self.list.filter.as_ref().map(|f| f.query.clone()).filter(|q| !q.trim().is_empty());
        let only = match self.view.only {
            Only::All => None,
            Only::Unread => Some("unread"),
            Only::Flagged => Some("flagged"),
        };
        let sort = match only {
            Some(o) => format!("{} {o}", self.view.sort.name()),
            None => self.view.sort.name().to_string(),
        };
        LeftOff {
            article: self.current().and_then(|i| self.catalog.id(i)),
            scroll: u32::try_from(self.reader.scroll).unwrap_or(u32::MAX),
            pane: Some(self.focus.name().to_string()),
            filter,
            sort: Some(sort),
            saved: (self.clock)(),
        }
    }

    /// Asks the store to keep where the analyst is (on quit, and now and then).
    pub fn save_left_off(&mut self) {
        if let Some(corpus) = self.left_off_key.clone() {
            let at = self.left_off();
            self.effects.push(crate::tui::effects::Effect::SaveLeftOff { corpus, at });
        }
    }

    /// Reopens where the analyst left off: the view, the filter, the
    /// article, its scroll and the pane. What no longer exists is skipped.
    pub fn reopen(&mut self, at: &LeftOff) {
        if let Some(sort) = &at.sort {
            let mut words = sort.split_whitespace();
            if let Some(s) = words.next().and_then(|s| s.parse().ok()) {
                self.view.sort = s;
            }
            self.view.only = match words.next() {
                Some("unread") => Only::Unread,
                Some("flagged") => Only::Flagged,
                _ => Only::All,
            };
        }
        let article = at.article.as_deref().and_then(|id| self.catalog.position(id));
        self.apply_view_keeping(article.or(self.current()), true);
        if let Some(filter) = at.filter.as_deref().filter(|f| !f.trim().is_empty()) {
            let view = self.saved();
            self.list.start_filter(view);
            if let Some(f) = self.list.filter.as_mut() {
                f.query = crate::corpus::sanitize::sanitize_label(filter);
            }
            self.list.saved = None;
            self.list.refilter();
            self.filter_dates_changed();
        }
        if let Some(i) = article {
            if self.list.narrowing().is_some() {
                // A filter with words lists the title search's answer, not
                // here yet: the article is selected in it when it comes
                // (`ArticleList::answer`), the filter kept.
                self.list.reselect = Some(i);
            } else {
                self.list.select(i, &self.catalog);
            }
            self.article_changed();
        }
        self.focus =
            Pane::ORDER.into_iter().find(|p| at.pane.as_deref() == Some(p.name())).unwrap_or(Pane::List);
        self.sync();
        self.reader.scroll = usize::try_from(at.scroll).unwrap_or(0).min(self.max_scroll());
    }
}
