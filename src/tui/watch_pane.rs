//! The watch pane (`W`, in the sidebar): each watch with its total and
//! new-since-you-last-looked counts, as the desk worker last counted them.
//! Enter on one lists its matches, newest first, and marks them looked at.

use std::collections::HashMap;

use crate::tui::action::Action;
use crate::tui::rows::Cursor;
use crate::watch::{Evaluation, Watch, WatchQuery};

/// The watches as the reading room knows them.
#[derive(Debug, Clone, Default)]
pub struct WatchPane {
    /// Shown in the sidebar in place of the entities.
    pub open: bool,
    /// In the store, in the order they were added.
    pub watches: Vec<Watch>,
    /// The last count of each (by watch id), or why it failed.
    pub counts: HashMap<i64, Result<Evaluation, String>>,
    /// A count asked of the worker and not answered yet.
    pub counting: bool,
    /// Jobs for the desk worker, until the runtime takes them.
    pub wanted: Vec<crate::tui::desk_worker::DeskJob>,
    pub cursor: Cursor,
}

/// What the pane asks of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchOut {
    Stay,
    /// Not for the pane.
    Pass,
    Close,
    /// Enter on a watch (its index in `watches`) whose matches are counted.
    Show(usize),
}

impl WatchPane {
    /// One action while the pane is in focus; `height` is its rows on screen.
    pub fn update(&mut self, action: Action, height: usize) -> WatchOut {
        let Some(delta) = crate::tui::rows::move_delta(action, height.saturating_sub(1)) else {
            return match action {
                Action::Back | Action::ShowWatches => WatchOut::Close,
                Action::Open => {
                    let at = self.cursor.selected;
                    let counted =
                        self.watches.get(at).is_some_and(|w| matches!(self.counts.get(&w.id), Some(Ok(_))));
                    if counted { WatchOut::Show(at) } else { WatchOut::Stay }
                }
                _ => WatchOut::Pass,
            };
        };
        self.cursor.step(delta, self.watches.len(), height);
        WatchOut::Stay
    }

    /// The watches as the store now has them (their counts kept by id).
    pub fn set(&mut self, watches: Vec<Watch>) {
        self.counts.retain(|id, _| watches.iter().any(|w| w.id == *id));
        self.watches = watches;
        self.cursor.selected = self.cursor.selected.min(self.watches.len().saturating_sub(1));
        self.cursor.offset = self.cursor.offset.min(self.cursor.selected);
    }

    /// New counts from the worker: what has newly arrived, as (watch name,
    /// how many more new matches than before) for the watches that grew.
    pub fn counted(&mut self, counts: Vec<(i64, Result<Evaluation, String>)>) -> Vec<(String, usize)> {
        self.counting = false;
        let mut grew = Vec::new();
        for (id, now) in counts {
            let before = match self.counts.get(&id) {
                Some(Ok(e)) => Some(e.new),
                _ => None,
            };
            if let (Some(before), Ok(e)) = (before, &now)
                && e.new > before
                && let Some(w) = self.watches.iter().find(|w| w.id == id)
            {
                grew.push((w.name.clone(), e.new - before));
            }
            self.counts.insert(id, now);
        }
        grew
    }

    /// The names, in any case, that entity watches follow: what the reader
    /// marks as watched.
    pub fn watched_names(&self) -> Vec<String> {
        self.watches
            .iter()
            .filter_map(|w| match &w.query {
                WatchQuery::Entity { name, aliases, .. } => Some(std::iter::once(name).chain(aliases)),
                WatchQuery::Text { .. } => None,
            })
            .flatten()
            .map(|n| n.to_lowercase())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::ArticleId;
    use crate::entities::EntityKind;
    use crate::watch::{Match, Seen};

    fn watch(id: i64, name: &str) -> Watch {
        Watch {
            id,
            name: name.into(),
            query: WatchQuery::Entity {
                query: name.into(),
                name: name.into(),
                kind: EntityKind::Organization,
                aliases: vec!["Tehrik".into()],
            },
            created: 0,
            looked: None,
            seen: Seen::default(),
        }
    }

    fn counted(new: usize, total: usize) -> Result<Evaluation, String> {
        let matches =
            (0..total).map(|i| Match { index: i, id: ArticleId(format!("{i:x}")), new: i < new }).collect();
        Ok(Evaluation { matches, new })
    }

    #[test]
    fn counts_say_what_grew_and_enter_needs_a_count() {
        let mut pane = WatchPane::default();
        pane.set(vec![watch(1, "TTP"), watch(2, "Kabul")]);
        assert_eq!(pane.update(Action::Open, 5), WatchOut::Stay, "not counted yet");
        assert!(
            pane.counted(vec![(1, counted(0, 3)), (2, counted(1, 2))]).is_empty(),
            "a first count is news to no one"
        );
        assert_eq!(pane.counted(vec![(1, counted(2, 5)), (2, counted(1, 2))]), vec![("TTP".to_string(), 2)]);
        pane.update(Action::Down, 5);
        assert_eq!(pane.update(Action::Open, 5), WatchOut::Show(1));
        assert_eq!(pane.update(Action::FocusNext, 5), WatchOut::Pass);
        assert_eq!(pane.watched_names(), ["ttp", "tehrik", "kabul", "tehrik"]);
        pane.set(vec![watch(2, "Kabul")]);
        assert!(!pane.counts.contains_key(&1), "a watch gone takes its count");
        assert_eq!(pane.update(Action::Back, 5), WatchOut::Close);
    }
}
