//! The open article's entities and the user's corrections in the reading
//! room: the entities are read from the index (or extracted) per article;
//! what the corpus knows of them comes from the corpus worker
//! (`app/in_corpus.rs`); corrections (merge, split, hide) are effects the
//! runtime stores, and they apply at once to the sidebar and highlights,
//! and to the counts as soon as the library has them.

use std::rc::Rc;

use super::App;
use crate::entities::corrections::{Correction, Corrections, extract_with};
use crate::entities::{Entity, EntityKind};
use crate::tui::action::Action;
use crate::tui::catalog::Engine;
use crate::tui::effects::Effect;
use crate::tui::entity_pane::{EntityCache, MergeStep, RowsKey};
use crate::tui::extract_worker::{ExtractJob, Extracted, INLINE_EXTRACTION_BYTES};
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::rows::SidebarRow;

impl App {
    /// The entities of the open article (corrections applied).
    pub fn entities(&self) -> &[Entity] {
        let Some(i) = self.current() else { return &[] };
        self.entity_pane.cache.extracted(i).unwrap_or(&[])
    }

    /// Whether the open article's entities are still on their way from the
    /// extraction worker (the sidebar says "extracting…").
    pub fn entities_pending(&self) -> bool {
        self.current().is_some_and(|i| self.entity_pane.cache.missing(i))
    }

    /// Gets the open article's entities if nothing has yet: over the index
    /// one read of the stored ones; else a short body extracted at once, a
    /// long one by the extraction worker, so that a keypress never waits
    /// for extraction.
    pub(crate) fn extract_if_needed(&mut self, idx: usize) {
        if !self.entity_pane.cache.missing(idx) {
            return;
        }
        // Over the index they are stored: one read, corrections applied here.
        if self.catalog.engine() == Engine::Index {
            let readable = self.catalog.article(idx).is_some();
            let stored = self.catalog.stored_entities(idx).filter(|_| readable).unwrap_or_default();
            self.entity_pane.cache.set_extracted(idx, self.corrections.apply(stored));
            return;
        }
        let Some(article) = self.catalog.article(idx) else {
            self.entity_pane.cache.set_extracted(idx, Vec::new());
            return;
        };
        if article.body.len() <= INLINE_EXTRACTION_BYTES {
            let entities = extract_with(&article, &self.corrections);
            self.entity_pane.cache.set_extracted(idx, entities);
        } else {
            let job = ExtractJob {
                article: idx,
                corrections: self.corrections.clone(),
                generation: self.index_generation,
            };
            self.entity_pane.cache.want(job);
        }
    }

    /// The article the extraction worker should do next, if any.
    pub fn take_extraction(&mut self) -> Option<ExtractJob> {
        self.entity_pane.cache.take_wanted()
    }

    /// The extraction worker's answer; dropped if stale (corrections changed
    /// since it was asked for).
    pub fn on_extracted(&mut self, answer: Extracted) {
        if answer.generation != self.index_generation {
            return;
        }
        self.entity_pane.cache.answered(answer.article, answer.generation, answer.entities);
        self.sync();
    }

    /// Forgets entities extracted so far (corrections or the list changed).
    pub(crate) fn clear_entity_cache(&mut self) {
        self.entity_pane.cache = EntityCache::new();
    }

    /// The sidebar rows: a header per kind, then its entities.
    pub fn sidebar_rows(&self) -> Rc<[SidebarRow]> {
        let key = RowsKey {
            article: self.current(),
            index_generation: self.index_generation,
            epoch: self.entity_pane.cache.epoch(),
            filter: self.entity_pane.filter.clone(),
        };
        self.entity_pane.cache.rows(key, || self.make_sidebar_rows())
    }

    fn make_sidebar_rows(&self) -> Vec<SidebarRow> {
        let ents = self.entities();
        let filter = self.entity_pane.filter.as_deref().map(str::trim).filter(|f| !f.is_empty());
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().smart_case();
        let keep = |e: &Entity| {
            use fuzzy_matcher::FuzzyMatcher;
            filter.is_none_or(|f| {
                e.aliases.iter().chain([&e.name]).any(|n| matcher.fuzzy_match(n, f).is_some())
            })
        };
        let mut rows = Vec::with_capacity(ents.len() + 3);
        for kind in EntityKind::ALL {
            let members: Vec<usize> =
                (0..ents.len()).filter(|&i| ents[i].kind == kind && keep(&ents[i])).collect();
            if members.is_empty() {
                continue;
            }
            rows.push(SidebarRow::Header(kind, members.len()));
            rows.extend(members.into_iter().map(SidebarRow::Entity));
        }
        rows
    }

    /// The entity selected in the sidebar, if any.
    pub fn selected_entity(&self) -> Option<&Entity> {
        match self.sidebar_rows().get(self.entity_pane.cursor.selected) {
            Some(SidebarRow::Entity(i)) => self.entities().get(*i),
            _ => None,
        }
    }

    pub(crate) fn move_sidebar(&mut self, delta: isize) {
        let rows = self.sidebar_rows();
        let h = self.inner_height(Pane::Sidebar);
        self.entity_pane.step(delta, &rows, h);
    }

    /// The corrections as stored (with their ids), after a change or at start.
    pub fn set_corrections(&mut self, list: Vec<(i64, Correction)>) {
        self.corrections = Corrections::new(list.iter().map(|(_, c)| c.clone()).collect());
        self.correction_ids = list;
        self.index_generation += 1;
        self.clear_entity_cache();
        self.entity_pane.picked = None;
        self.entity_pane.together = None;
        self.sync();
    }

    pub(crate) fn correction_action(&mut self, action: Action) -> bool {
        // Hiding and merging act on the sidebar's selection, so they need the
        // sidebar in view and in focus: a stray key elsewhere changes nothing.
        let needs_sidebar = matches!(action, Action::HideEntity | Action::MergeEntity);
        let needs_entity = needs_sidebar || matches!(action, Action::ListMentioning);
        if (needs_sidebar && self.focus != Pane::Sidebar) || (needs_entity && self.focus == Pane::List) {
            let key = self.keymap.hint(crate::tui::keymap::Mode::Normal, action);
            self.status = Some(format!("{key}: go to the entity in the sidebar first (Tab)"));
            return true;
        }
        // The entity list may be behind the watches, who appears with whom
        // or the notes tab: its selection is not what the analyst sees.
        let entities_in_view = self.sidebar_tab == crate::tui::notes_view::SidebarTab::Entities
            && !self.watches.open
            && self.entity_pane.together.is_none();
        if needs_sidebar && !entities_in_view {
            let key = self.keymap.hint(crate::tui::keymap::Mode::Normal, action);
            self.status = Some(format!("{key}: the entities are not in view (Esc goes back to them)"));
            return true;
        }
        match action {
            Action::ListMentioning => self.ask_reach(),
            Action::HideEntity => {
                if let Some(e) = self.selected_entity() {
                    let c = Correction::Hide { name: e.name.clone() };
                    self.status = Some(format!(
                        "{} ({} undoes)",
                        c.describe(),
                        self.keymap.hint(Mode::Normal, Action::UndoCorrection)
                    ));
                    self.effects.push(Effect::AddCorrection(c));
                }
            }
            Action::MergeEntity => {
                let Some(name) = self.selected_entity().map(|e| e.name.clone()) else { return true };
                match self.entity_pane.merge(name) {
                    MergeStep::Started(name) => {
                        let key = self.keymap.hint(crate::tui::keymap::Mode::Normal, Action::MergeEntity);
                        self.status =
                            Some(format!("merge \"{name}\" into… move to the entity it is and press {key}"));
                    }
                    MergeStep::Cancelled => self.status = Some("merge cancelled".into()),
                    MergeStep::Merge { from, into: name } => {
                        let c = Correction::Merge { from, into: name };
                        self.status = Some(format!(
                            "{} ({} undoes)",
                            c.describe(),
                            self.keymap.hint(Mode::Normal, Action::UndoCorrection)
                        ));
                        self.effects.push(Effect::AddCorrection(c));
                    }
                }
            }
            Action::SplitAlias => {
                // The alias at the current mention is split off its entity.
                let Some(idx) = self.current() else { return true };
                let Some(p) = self.entity_pane.picked.as_ref() else {
                    self.status = Some(
                        "select an entity and go to a mention of the wrong name (n/N), then split".into(),
                    );
                    return true;
                };
                let Some(hit) = p.current_mention() else { return true };
                let article = self.catalog.article_or_placeholder(idx);
                let alias = article.body.get(hit.clone()).unwrap_or("").to_string();
                let from = p.name.clone();
                if alias.is_empty() || alias.eq_ignore_ascii_case(&from) {
                    self.status = Some(format!(
                        "\"{alias}\" is the entity's own name: go to a mention of another name"
                    ));
                    return true;
                }
                let c = Correction::Split { alias, from };
                self.status = Some(format!(
                    "{} ({} undoes)",
                    c.describe(),
                    self.keymap.hint(Mode::Normal, Action::UndoCorrection)
                ));
                self.effects.push(Effect::AddCorrection(c));
            }
            Action::UndoCorrection => match self.correction_ids.last() {
                Some((id, c)) => {
                    self.status = Some(format!("undone: {}", c.describe()));
                    self.effects.push(Effect::RemoveCorrection(*id));
                }
                None => self.status = Some("no corrections to undo".into()),
            },
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::tui::keymap::Keymap;
    use crate::tui::styles::Theme;

    fn hides(app: &App) -> usize {
        app.effects.iter().filter(|e| matches!(e, Effect::AddCorrection(Correction::Hide { .. }))).count()
    }

    #[test]
    fn sidebar_rows_are_made_once_until_what_they_show_changes() {
        let mut app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 40);
        let first = app.sidebar_rows();
        assert!(!first.is_empty());
        assert!(Rc::ptr_eq(&first, &app.sidebar_rows()), "asked twice, made once");
        app.entity_pane.filter = Some("zzzz-nothing".into());
        assert!(app.sidebar_rows().is_empty(), "a new filter makes new rows");
        app.entity_pane.filter = None;
        assert_eq!(app.sidebar_rows(), first);
        app.update(Action::Down);
        assert_ne!(app.sidebar_rows(), first, "another article, other entities");
    }

    #[test]
    fn hide_and_merge_act_only_from_the_sidebar() {
        let mut app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 40);
        for pane in [Pane::List, Pane::Reader] {
            app.focus = pane;
            app.update(Action::HideEntity);
            app.update(Action::MergeEntity);
            assert_eq!(hides(&app), 0, "{pane:?}");
            assert!(app.entity_pane.merge_from.is_none(), "{pane:?}");
            assert!(app.status.as_deref().is_some_and(|s| s.contains("sidebar")), "{:?}", app.status);
        }
        app.focus = Pane::Sidebar;
        app.update(Action::HideEntity);
        assert_eq!(hides(&app), 1, "{:?}", app.status);
    }

    #[test]
    fn a_picked_entity_is_the_panes_own_not_a_reader_search() {
        let mut app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), 120, 40);
        app.focus = Pane::Sidebar;
        app.update(Action::Down);
        let picked = app.entity_pane.picked.clone().expect("moving in the sidebar picks an entity");
        assert_eq!(Some(picked.name.as_str()), app.selected_entity().map(|e| e.name.as_str()));
        assert!(app.rsearch.is_none());
        assert_eq!(app.hit_counter(), Some(format!("1/{}", picked.mentions.len())));
        app.focus = Pane::Reader;
        app.update(Action::Search);
        assert!(app.entity_pane.picked.is_none(), "/ in the reader searches, the pick ends");
        assert!(app.rsearch.is_some());
    }
}
