//! The index updater's news in the reading room: progress in the status
//! line, the catalog read again when an update committed (the open article
//! kept by its id), the "N new" marker for articles that arrived while
//! the reading room was open, and the watches and near-duplicate groups
//! counted and read again.

use super::App;
use crate::tui::updater::LibraryNews;

impl App {
    pub fn on_library(&mut self, news: LibraryNews) {
        match news {
            LibraryNews::Watching(on) => self.library.watching = on,
            LibraryNews::Progress(p) => {
                self.library.progress =
                    (p.files_done < p.files_total).then_some((p.files_done, p.files_total, p.articles));
            }
            LibraryNews::Failed(e) => {
                self.library.progress = None;
                self.status = Some(crate::corpus::sanitize::sanitize_label(&format!(
                    "the index could not be brought up to date: {e}"
                )));
                self.library.failed = Some(e);
            }
            LibraryNews::Updated { report, watched } => {
                self.library.progress = None;
                self.library.failed = None;
                let changed = report.new_files
                    + report.changed_files
                    + report.appended_files
                    + report.removed_files
                    + report.articles_indexed
                    > 0;
                if changed || self.catalog.is_empty() {
                    self.catalog_changed(watched);
                }
            }
        }
    }

    /// The catalog was updated: read it again, keep the open article (by
    /// its id) and count what is new.
    fn catalog_changed(&mut self, watched: bool) {
        let before = self.catalog.len();
        let open = self.current().and_then(|i| self.catalog.id(i));
        self.catalog.reload();
        let after = self.catalog.len();
        if watched && after > before {
            self.library.new += after - before;
        }
        if self.list.filter.is_none()
            && let Some(i) = open.and_then(|id| self.catalog.position(&id))
        {
            self.list.select(i, &self.catalog);
        }
        // Positions may have moved: what was kept by position is dropped.
        self.clear_entity_cache();
        self.index_generation += 1;
        self.marks_for = None;
        self.anchor_states_for = None;
        self.reader.layout = Default::default();
        self.catalog_reload_wanted = true;
        // New articles may match the watches: counted again, with a notice.
        self.count_watches();
        // New articles may be near-duplicates of others: the groups are
        // read again (the desk worker's queue is the watch pane's).
        if self.catalog.len() > 1 {
            self.watches.wanted.push(crate::tui::desk_worker::DeskJob::Groups {
                corrections: self.corrections.clone(),
                generation: self.index_generation,
            });
        }
        self.sync();
    }

    /// The list's "N new" marker goes once the reader has moved in the list.
    pub(crate) fn seen_new(&mut self) {
        self.library.new = 0;
    }
}
