//! The analyst's desk in the reading room, sidebar and reader side: who
//! appears with the selected entity (`c`; counted on the desk worker,
//! Enter lists the articles naming both), the open article's URL (`L`
//! copies it) and citations of the whole article (`y`).

use super::App;
use crate::tui::action::Action;
use crate::tui::desk_worker::{DeskAnswer, DeskJob};
use crate::tui::effects::Effect;
use crate::tui::jobs::FoundRow;
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::notes_view::SidebarTab;
use crate::tui::together::{Together, TogetherOut};

impl App {
    /// The desk's actions; true when handled.
    pub(crate) fn sidebar_desk_action(&mut self, action: Action) -> bool {
        let in_sidebar = self.focus == Pane::Sidebar && self.sidebar_tab == SidebarTab::Entities;
        // The view's own rows: the pane less its borders, header and keys.
        let height =
            self.panes().get(Pane::Sidebar).map_or(1, |r| usize::from(r.height.saturating_sub(4)).max(1));
        if in_sidebar
            && !self.watches.open
            && let Some(together) = self.entity_pane.together.as_mut()
        {
            match together.update(action, height, &self.corrections) {
                TogetherOut::Stay => return true,
                TogetherOut::Pass => {}
                TogetherOut::Close => {
                    self.entity_pane.together = None;
                    return true;
                }
                TogetherOut::Asked(label) => {
                    self.status = Some(format!("finding the articles that name {label}…"));
                    return true;
                }
            }
        }
        match action {
            Action::ShowTogether => self.show_together(),
            Action::CopyUrl => {
                let Some(idx) = self.current() else { return true };
                let article = self.catalog.article_or_placeholder(idx);
                let url = article.url.as_deref().map(crate::tui::reader::clean_url).unwrap_or_default();
                if url.is_empty() {
                    self.status = Some("this article has no URL".into());
                } else {
                    // Copied always: the one way out that works everywhere
                    // (over SSH, in tmux). Opened too when this machine has
                    // a browser on screen, and the link is a web link.
                    self.effects.push(Effect::Copy(url.clone()));
                    if self.browser && crate::tui::browser::openable(&url).is_some() {
                        self.effects.push(Effect::OpenUrl(url));
                    }
                }
            }
            Action::Yank => {
                let Some(idx) = self.current() else { return true };
                let article = self.catalog.article_or_placeholder(idx);
                self.effects.push(Effect::Copy(crate::tui::cite::citation(&article, None)));
            }
            _ => return false,
        }
        true
    }

    /// What became of opening a link in the browser (it was copied before).
    pub fn on_url_opened(&mut self, opened: Result<(), String>) {
        self.status = Some(match opened {
            Ok(()) => "opened in your browser (and copied to the clipboard)".into(),
            Err(e) => format!("{e}; the link is copied to the clipboard"),
        });
    }

    /// `c`: the entities that appear with the one selected in the sidebar.
    fn show_together(&mut self) {
        if self.focus != Pane::Sidebar || self.sidebar_tab != SidebarTab::Entities {
            let key = self.keymap.hint(Mode::Normal, Action::ShowTogether);
            self.status = Some(format!("{key}: go to the entity in the sidebar first (Tab)"));
            return;
        }
        let Some(e) = self.selected_entity() else {
            self.status = Some("no entity selected".into());
            return;
        };
        let (name, kind) = (e.name.clone(), e.kind);
        self.watches.open = false;
        self.entity_pane.together =
            Some(Together::ask(name, kind, self.corrections.clone(), self.index_generation));
    }

    /// The jobs for the desk worker.
    pub(crate) fn take_desk_jobs(&mut self) -> Vec<DeskJob> {
        let mut jobs = std::mem::take(&mut self.watches.wanted);
        jobs.extend(self.entity_pane.together.as_mut().and_then(|t| t.wanted.take()));
        jobs
    }

    /// The desk worker's answer; dropped if the view it was for is gone.
    pub fn on_desk(&mut self, answer: DeskAnswer) {
        let Some(answer) = self.on_watch_answer(answer) else { return };
        let Some(together) = self.entity_pane.together.as_mut() else { return };
        if together.counted(&answer) {
            return;
        }
        let DeskAnswer::Both { label, generation, articles } = answer else { return };
        if generation != together.generation || together.asking.as_ref() != Some(&label) {
            return;
        }
        together.asking = None;
        let articles = match articles {
            Ok(a) => a,
            Err(e) => {
                self.status = Some(format!("could not list the articles: {e}"));
                return;
            }
        };
        let rows: Vec<FoundRow> = articles
            .iter()
            .map(|&index| FoundRow { index, positions: Vec::new(), snippet: None, hit: None })
            .collect();
        let total = rows.len();
        let (current, view) = (self.current(), self.saved());
        self.list.show_only(label.clone(), rows, current, view);
        self.focus = Pane::List;
        self.status = Some(format!(
            "{} {} {label}; Esc shows all",
            crate::text::count(total, "article"),
            if total == 1 { "names" } else { "name" }
        ));
        self.sync();
    }
}
