//! Watchlists in the reading room: `w` watches the entity selected in the
//! sidebar or the search on screen, `W` shows the watch pane (each watch's
//! total and new-since-you-last-looked counts), Enter lists a watch's
//! matches newest first and marks them looked at. Resolving and counting
//! run on the desk worker; the store writes go to the store worker; the
//! counts are asked again when the library changes, with a notice.

use super::App;
use crate::corpus::sanitize::sanitize_label;
use crate::tui::action::Action;
use crate::tui::desk_worker::{DeskAnswer, DeskJob};
use crate::tui::effects::Effect;
use crate::tui::jobs::FoundRow;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::notes_view::SidebarTab;
use crate::tui::watch_pane::WatchOut;
use crate::watch::{MAX_NAME_CHARS, check_name, name_key};

impl App {
    /// The watches as the store has them: counted again.
    pub fn set_watches(&mut self, list: Vec<crate::watch::Watch>) {
        self.watches.set(list);
        self.count_watches();
    }

    /// Asks the worker for every watch's counts.
    pub(crate) fn count_watches(&mut self) {
        if self.watches.watches.is_empty() {
            return;
        }
        self.watches.counting = true;
        self.watches.wanted.push(DeskJob::Evaluate {
            watches: self.watches.watches.clone(),
            corrections: self.corrections.clone(),
            generation: self.index_generation,
        });
    }

    /// The watch pane's and the watch keys' actions; true when handled.
    pub(crate) fn watch_action(&mut self, action: Action) -> bool {
        if self.focus == Pane::Sidebar && self.watches.open {
            let height =
                self.panes().get(Pane::Sidebar).map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1));
            match self.watches.update(action, height) {
                WatchOut::Stay => return true,
                WatchOut::Pass => {}
                WatchOut::Close => {
                    self.watches.open = false;
                    return true;
                }
                WatchOut::Show(at) => {
                    self.show_watch(at);
                    return true;
                }
            }
        }
        match action {
            Action::ShowWatches => {
                self.watches.open = true;
                self.focus = Pane::Sidebar;
                self.sidebar_tab = SidebarTab::Entities;
                self.count_watches();
                if self.watches.watches.is_empty() {
                    let key = self.keymap.hint(Mode::Normal, Action::AddWatch);
                    self.status =
                        Some(format!("no watches yet: {key} on an entity in the sidebar, or on a search"));
                }
            }
            Action::AddWatch => self.add_watch(),
            _ => return false,
        }
        true
    }

    /// `w`: what to watch is the entity selected in the sidebar, else the
    /// search on screen (the list's filter, the reader's search).
    fn add_watch(&mut self) {
        let typed =
            if self.focus == Pane::Sidebar && !self.watches.open && self.entity_pane.together.is_none() {
                self.selected_entity().map(|e| format!("@{}", e.name))
            } else {
                None
            };
        let typed = typed
            .or_else(|| self.rsearch.as_ref().filter(|_| self.focus == Pane::Reader).map(|s| s.query.clone()))
            .or_else(|| self.list.filter.as_ref().map(|f| f.query.clone()))
            .filter(|t| !t.trim().is_empty());
        let Some(typed) = typed else {
            self.status =
                Some("w watches the entity selected in the sidebar, or the search on screen".into());
            return;
        };
        // The watch is named after what it follows (`rroom watch list` shows it so).
        let label: String =
            sanitize_label(typed.trim_start_matches('@')).chars().take(MAX_NAME_CHARS).collect();
        let name = match check_name(label.trim_start_matches(['-', '@'])) {
            Ok(n) => n,
            Err(e) => {
                self.status = Some(e);
                return;
            }
        };
        if self.watches.watches.iter().any(|w| name_key(&w.name) == name_key(&name)) {
            let key = self.keymap.hint(Mode::Normal, Action::ShowWatches);
            self.status = Some(format!("already watching \"{name}\" ({key} lists watches)"));
            return;
        }
        self.status = Some(format!("adding the watch \"{name}\"…"));
        self.watches.wanted.push(DeskJob::Resolve {
            name,
            typed,
            corrections: self.corrections.clone(),
            generation: self.index_generation,
        });
    }

    /// Enter on a watch: the list shows its matches, newest first, and
    /// they are looked at now.
    fn show_watch(&mut self, at: usize) {
        let Some(w) = self.watches.watches.get(at) else { return };
        let (id, name) = (w.id, w.name.clone());
        let Some(Ok(e)) = self.watches.counts.get_mut(&id) else { return };
        let new = e.new;
        e.new = 0;
        e.matches.iter_mut().for_each(|m| m.new = false);
        let seen = e.seen();
        let rows: Vec<FoundRow> = e
            .matches
            .iter()
            .map(|m| FoundRow { index: m.index, positions: Vec::new(), snippet: None, hit: None })
            .collect();
        let total = rows.len();
        self.effects.push(Effect::MarkWatchLooked { id, seen });
        let (current, view) = (self.current(), self.saved());
        self.list.show_only(format!("watch {name}"), rows, current, view);
        self.focus = Pane::List;
        self.status = Some(format!(
            "{} for \"{name}\", {new} new; Esc shows all",
            crate::text::count(total, "article")
        ));
    }

    /// The desk worker's answers about watches; false if not one.
    pub(crate) fn on_watch_answer(&mut self, answer: DeskAnswer) -> Option<DeskAnswer> {
        match answer {
            DeskAnswer::Resolved { name, result } => {
                match result {
                    Ok((query, seen)) => {
                        let key = self.keymap.hint(Mode::Normal, Action::ShowWatches);
                        self.status = Some(format!("watching \"{name}\" ({key} lists watches)"));
                        self.effects.push(Effect::AddWatch { name, query, seen });
                    }
                    Err(e) => self.status = Some(sanitize_label(&format!("no watch added: {e}"))),
                }
                None
            }
            DeskAnswer::Evaluated { generation, counts } => {
                if generation != self.index_generation {
                    // Positions may have moved since: count again.
                    self.count_watches();
                    return None;
                }
                let grew = self.watches.counted(counts);
                if !grew.is_empty() {
                    let key = self.keymap.hint(Mode::Normal, Action::ShowWatches);
                    let news: Vec<String> = grew.iter().map(|(n, k)| format!("{n} +{k}")).collect();
                    self.status = Some(format!("new for your watches: {} ({key})", news.join(", ")));
                }
                None
            }
            DeskAnswer::Groups { generation, groups } => {
                // An older read is followed by the one for this generation.
                if generation == self.index_generation {
                    match groups {
                        Ok(Some(groups)) => self.on_groups(groups),
                        Ok(None) if self.groups.is_some() => {
                            self.groups = None;
                            self.view.expanded.clear();
                            self.apply_view();
                        }
                        Ok(None) | Err(_) => {}
                    }
                }
                None
            }
            other => Some(other),
        }
    }

    /// Whether a name (any case) is one an entity watch follows.
    pub fn is_watched(&self, names: &[String], e: &crate::entities::Entity) -> bool {
        !names.is_empty()
            && std::iter::once(&e.name).chain(&e.aliases).any(|n| names.contains(&n.to_lowercase()))
    }
}
