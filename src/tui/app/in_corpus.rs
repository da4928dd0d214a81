//! What the corpus knows of the entities on screen, asked of the corpus
//! worker (`corpus_worker.rs`) and never held whole here: the open
//! article's entities with their corpus ids and article counts (the
//! sidebar's "in N more"), the articles that name the selected one (`f`),
//! and the entities an `@name` in the notes overlay names. Each ask is for
//! a generation of corrections (`index_generation`): an answer for an older
//! one, or for an article no longer open, is dropped.

use super::App;
use crate::tui::catalog::Engine;
use crate::tui::corpus_worker::{CorpusAnswer, CorpusJob};
use crate::tui::jobs::FoundRow;
use crate::tui::layout::Pane;
use crate::tui::library_worker::LibraryJob;
use crate::tui::rows::SidebarRow;

impl App {
    /// The jobs for the corpus worker: the open article's entities while
    /// the sidebar is in focus (in memory, always: the worker's first
    /// answer there builds the corpus's entities, so they are ready when
    /// the sidebar is), a reach asked for, the names of an `@` filter being
    /// typed in the notes overlay.
    pub fn take_corpus_jobs(&mut self) -> Vec<CorpusJob> {
        let generation = self.index_generation;
        let mut jobs = Vec::new();
        if (self.focus == Pane::Sidebar || self.catalog.engine() == Engine::Memory)
            && let Some(article) = self.current()
            && !self.entities_pending()
            && self.entity_pane.corpus.ask(article, generation)
        {
            jobs.push(CorpusJob::InCorpus { article, corrections: self.corrections.clone(), generation });
        }
        jobs.extend(self.entity_pane.corpus.reach_wanted.take());
        let corrections = &self.corrections;
        if let Some(view) = self.overlay.notes_view_mut()
            && let Some(query) = view.query.trim().strip_prefix('@').map(str::trim)
            && !query.is_empty()
            && view.names_asked.as_ref() != Some(&(query.to_string(), generation))
        {
            view.names_asked = Some((query.to_string(), generation));
            jobs.push(CorpusJob::Names {
                query: query.to_string(),
                corrections: corrections.clone(),
                generation,
            });
        }
        jobs
    }

    /// Runs the corpus jobs asked for here, as the worker runs them, and
    /// takes their answers; how many there were. For scripts (tests,
    /// benches) that drive the app without its loop: the loop sends them
    /// to the worker, off the UI thread.
    pub fn answer_corpus_jobs_here(&mut self) -> usize {
        let opener = self.catalog.opener();
        let jobs = self.take_corpus_jobs();
        for job in &jobs {
            self.on_corpus(job.run_with(&opener));
        }
        jobs.len()
    }

    /// The corpus worker's answer; dropped if what it was for is gone.
    pub fn on_corpus(&mut self, answer: CorpusAnswer) {
        match answer {
            CorpusAnswer::InCorpus { article, generation, entities } => match entities {
                Ok(entities) => {
                    self.entity_pane.corpus.answered(article, generation, entities);
                }
                Err(e) => {
                    self.entity_pane.corpus.failed(article, generation);
                    if generation == self.index_generation {
                        self.status = Some(crate::corpus::sanitize::sanitize_label(&format!(
                            "could not count the entities across the corpus: {e}"
                        )));
                    }
                }
            },
            CorpusAnswer::Reach { article, entity, name, generation, articles } => {
                if self.entity_pane.corpus.reach_asked != Some((article, entity, generation))
                    || generation != self.index_generation
                {
                    return;
                }
                self.entity_pane.corpus.reach_asked = None;
                match articles {
                    Ok(articles) => self.show_reach(&name, articles),
                    Err(e) => {
                        self.status = Some(crate::corpus::sanitize::sanitize_label(&format!(
                            "could not list the articles that mention {name}: {e}"
                        )))
                    }
                }
            }
            CorpusAnswer::Names { query, generation, filter } => {
                let Some(view) = self.overlay.notes_view_mut() else { return };
                if view.names_asked.as_ref() != Some(&(query.clone(), generation)) {
                    return;
                }
                // A failure leaves the filter by the name's text.
                view.names = filter.ok().map(|f| (query, generation, f));
            }
        }
    }

    /// How many articles mention the selected entity (its own included),
    /// once the corpus worker has said.
    pub fn selected_entity_reach(&self) -> Option<usize> {
        let article = self.current()?;
        let SidebarRow::Entity(e) = *self.sidebar_rows().get(self.entity_pane.cursor.selected)? else {
            return None;
        };
        let known = self.entity_pane.corpus.known(article, self.index_generation)?;
        // One per entity of the article, or not an answer about these.
        if known.len() != self.entities().len() {
            return None;
        }
        known.get(e).map(|c| c.articles)
    }

    /// Whether the selected entity's reach is still on its way.
    pub fn reach_pending(&self) -> bool {
        self.selected_entity().is_some()
            && self
                .current()
                .is_some_and(|a| self.entity_pane.corpus.known(a, self.index_generation).is_none())
    }

    /// `f`: asks for the articles that mention the selected entity; the
    /// list shows them when they come.
    pub(crate) fn ask_reach(&mut self) {
        let Some(article) = self.current() else { return };
        let Some(SidebarRow::Entity(entity)) =
            self.sidebar_rows().get(self.entity_pane.cursor.selected).copied()
        else {
            return;
        };
        let Some(name) = self.entities().get(entity).map(|e| e.name.clone()) else { return };
        let generation = self.index_generation;
        self.status = Some(format!("finding the articles that mention {name}…"));
        self.entity_pane.corpus.reach_asked = Some((article, entity, generation));
        self.entity_pane.corpus.reach_wanted = Some(CorpusJob::Reach {
            article,
            entity,
            name,
            corrections: self.corrections.clone(),
            generation,
        });
    }

    /// The articles that mention `name`, as the list.
    fn show_reach(&mut self, name: &str, articles: Vec<usize>) {
        let rows: Vec<FoundRow> = articles
            .into_iter()
            .map(|index| FoundRow { index, positions: Vec::new(), snippet: None, hit: None })
            .collect();
        let total = rows.len();
        let (current, view) = (self.current(), self.saved());
        self.list.show_only(format!("@{name}"), rows, current, view);
        self.focus = Pane::List;
        self.status = Some(format!(
            "{} {} {name}; Esc shows all",
            crate::text::count(total, "article"),
            if total == 1 { "mentions" } else { "mention" }
        ));
        self.sync();
    }
}
