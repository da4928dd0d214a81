//! The reading room's state, as plain data, and `update`: the one place it
//! changes. Rendering reads it and never changes it.

use std::sync::Arc;

use crossterm::event::Event;
use ratatui::layout::Rect;

mod desk;
mod entity_pane;
mod finder;
mod in_corpus;
mod library;
mod mouse;
mod notes;
mod notes_view;
mod reader_search;
mod sidebar_desk;
mod update;
mod visual;
mod watches;

use super::catalog::Catalog;
use super::drafts_prompt::DraftsPrompt;
use super::editor::Editor;
use super::effects::Effect;
use super::entity_pane::EntityPane;
use super::finder::FinderState;
use super::jobs::SearchRequest;
use super::keymap::{Keymap, Mode};
use super::layout::{self, Pane, Panes};
use super::list::ArticleList;
use super::list_view::ListView;
use super::notes_view::{NoteMark, SidebarTab};
use super::overlay::Overlay;
use super::reader;
use super::reader_search::ReaderSearch;
use super::reader_view::ReaderView;
use super::reading::Reading;
use super::rows::{Cursor, SidebarRow, list_row_height};
use super::selection::Selection;
use super::styles::Theme;

pub struct App {
    /// The window over the library: count, rows on screen, open article.
    pub catalog: Catalog,
    /// The entity sidebar: its selection, typed filter, pending merge, and
    /// the rows it shows.
    pub entity_pane: EntityPane,
    pub keymap: Keymap,
    pub theme: Theme,
    pub size: Rect,
    pub focus: Pane,
    /// What is in front of the panes (and so the mode keys are read in).
    pub overlay: Overlay,
    /// The article list: its cursor, filter, the view kept while a filter
    /// or the finder is open, and the searches for the worker.
    pub list: ArticleList,
    /// The reader pane: the open article's layout, scroll and switches.
    pub reader: ReaderView,
    pub status: Option<String>,
    pub quit: bool,
    /// The search inside the open article, when set.
    pub rsearch: Option<ReaderSearch>,
    /// Themes to cycle through (fitted to the terminal already).
    pub themes: Vec<Theme>,
    /// Every note (trash included), newest first, as the store last said.
    pub notes: Vec<crate::notes::Note>,
    /// Bumped whenever `notes` changes.
    pub notes_generation: u64,
    /// Passage notes of the open article, re-anchored.
    pub note_marks: Vec<NoteMark>,
    pub(crate) marks_for: Option<(usize, u64)>,
    pub sidebar_tab: SidebarTab,
    pub notes_cursor: Cursor,
    /// Drafts from an earlier session, offered on start.
    pub drafts: DraftsPrompt,
    /// Writes for the runtime (store, clipboard), taken after each update.
    pub effects: Vec<Effect>,
    /// The user's corrections of the extractor, and their store ids.
    pub corrections: crate::entities::corrections::Corrections,
    pub correction_ids: Vec<(i64, crate::entities::corrections::Correction)>,
    /// Bumped when corrections or the list change: a worker's answer about
    /// entities for an older generation is dropped.
    pub index_generation: u64,
    /// Where each passage note stands in its article's current text
    /// (exact, moved, fuzzy with its similarity, orphaned), by note id.
    pub anchor_states: std::collections::HashMap<i64, (crate::notes::anchor::AnchorState, Option<f64>)>,
    pub(crate) anchor_states_for: Option<u64>,
    /// The passage note being re-attached: the visual selection picks its new passage.
    pub reattach: Option<i64>,
    /// The watches, their counts, and whether their pane is shown.
    pub watches: super::watch_pane::WatchPane,
    /// The index updater's news: progress, the "N new" marker.
    pub library: crate::tui::updater::LibraryState,
    /// The catalog changed: the workers should read it again.
    catalog_reload_wanted: bool,
    /// Keys typed while the editor's text is on its way to the store: they
    /// are handled, in order, once the store has answered.
    typeahead: Vec<Event>,
    /// Read, flagged, notes per article; the article open and since when.
    pub reading: Reading,
    /// The list's sort and what it leaves out.
    pub view: ListView,
    /// Now, in unix milliseconds (tests script it).
    pub clock: Clock,
    /// The corpus's key for where the analyst left off (none: not saved).
    pub left_off_key: Option<String>,
    /// The place last saved (its time aside), so a tick saves only a change.
    left_off_kept: Option<crate::notes::LeftOff>,
    /// Reading one article of a group of near-duplicates marks them all read.
    pub group_read: bool,
    /// A local browser can show a page ([`crate::tui::browser::local_browser`]):
    /// `L` opens the article's link as well as copying it.
    pub browser: bool,
    /// The near-duplicate groups, by catalog position, once known.
    pub groups: Option<Arc<super::list_view::NearGroups>>,
}

/// Now, in unix milliseconds.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

impl App {
    pub fn new(catalog: impl Into<Catalog>, keymap: Keymap, theme: Theme, width: u16, height: u16) -> App {
        let catalog: Catalog = catalog.into();
        let status = match catalog.load_notes() {
            0 => None,
            k => Some(format!(
                "{} articles; {k} files skipped or with warnings (see `rroom list`)",
                catalog.len()
            )),
        };
        let mut app = App {
            catalog,
            entity_pane: EntityPane::new(),
            keymap,
            theme,
            size: Rect::new(0, 0, width, height),
            focus: Pane::List,
            overlay: Overlay::None,
            list: ArticleList::default(),
            reader: ReaderView::default(),
            status,
            quit: false,
            rsearch: None,
            themes: Vec::new(),
            notes: Vec::new(),
            notes_generation: 0,
            note_marks: Vec::new(),
            marks_for: None,
            sidebar_tab: SidebarTab::Entities,
            notes_cursor: Cursor::default(),
            drafts: DraftsPrompt::default(),
            effects: Vec::new(),
            corrections: Default::default(),
            correction_ids: Vec::new(),
            index_generation: 0,
            anchor_states: Default::default(),
            anchor_states_for: None,
            reattach: None,
            watches: Default::default(),
            library: Default::default(),
            catalog_reload_wanted: false,
            typeahead: Vec::new(),
            reading: Reading::default(),
            view: ListView::default(),
            clock: Arc::new(crate::notes::clock::now_ms),
            left_off_key: None,
            left_off_kept: None,
            group_read: true,
            browser: false,
            groups: None,
        };
        app.sync();
        app
    }

    /// Reads the time from `clock` from now on (tests script it); the open
    /// article's time starts again.
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
        self.reading.showing(None, 0);
        self.sync();
    }

    /// The mode keys are read in: the overlay's.
    pub fn mode(&self) -> Mode {
        self.overlay.mode()
    }

    pub fn finder(&self) -> Option<&FinderState> {
        self.overlay.finder()
    }

    pub fn editor(&self) -> Option<&Editor> {
        self.overlay.editor()
    }

    pub fn visual(&self) -> Option<Selection> {
        self.overlay.visual()
    }

    pub fn panes(&self) -> Panes {
        layout::compute(self.size, self.focus)
    }

    /// Articles in the list: all, or those the filter lets through.
    pub fn list_len(&self) -> usize {
        self.list.len(&self.catalog)
    }

    /// The article shown on a row of the list.
    pub fn list_article(&self, row: usize) -> Option<usize> {
        self.list.article(row, &self.catalog)
    }

    /// The index of the open article (the one selected in the list).
    pub fn current(&self) -> Option<usize> {
        self.list.current(&self.catalog)
    }

    /// Takes the searches queued for the worker.
    pub fn take_requests(&mut self) -> Vec<SearchRequest> {
        self.list.take_requests()
    }

    /// Everything the app has asked of the outside world since the last
    /// call, as one list for the runtime to carry out: store writes and
    /// copies, searches, what the corpus knows of entities, a long article
    /// to extract.
    pub fn take_work(&mut self) -> Vec<crate::tui::work::Work> {
        use crate::tui::work::Work;
        let mut work: Vec<Work> = self.take_effects().into_iter().map(Work::Store).collect();
        if std::mem::take(&mut self.catalog_reload_wanted) {
            work.push(Work::CatalogChanged);
        }
        work.extend(self.take_requests().into_iter().map(Work::Search));
        work.extend(self.take_corpus_jobs().into_iter().map(Work::Corpus));
        work.extend(self.take_extraction().map(Work::Extract));
        work.extend(self.take_desk_jobs().into_iter().map(Work::Desk));
        work
    }

    /// Rows visible inside a bordered pane.
    fn inner_height(&self, pane: Pane) -> usize {
        self.panes().get(pane).map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    /// Screen lines per article in the list: two (title, then source and
    /// words) when the list is too narrow for one.
    pub fn list_row_height(&self) -> usize {
        list_row_height(self.panes().list.map_or(0, |r| r.width.saturating_sub(2)))
    }

    /// Articles visible in the list (a filter line takes one row).
    pub(crate) fn list_capacity(&self) -> usize {
        self.list.capacity(&self.list_ctx())
    }

    /// The width of the reader's text column.
    pub fn reader_text_width(&self) -> Option<u16> {
        self.panes().reader.map(|r| r.width.saturating_sub(4).clamp(1, self.reader.max_width.max(20)))
    }

    pub fn max_scroll(&self) -> usize {
        self.reader.max_scroll(self.inner_height(Pane::Reader))
    }

    /// Scrolls the reader so that a body offset is in view (a third down),
    /// unfolding boilerplate if it is there.
    pub fn scroll_to_offset(&mut self, offset: usize) {
        if let Some(article) = self.current().and_then(|i| self.catalog.article(i)) {
            let folded_away = article.paragraphs.iter().any(|p| {
                p.kind == crate::corpus::ParaKind::Boilerplate
                    && p.range.start <= offset
                    && offset < p.range.end
            });
            if folded_away && self.reader.fold_boilerplate {
                self.reader.fold_boilerplate = false;
                self.sync();
            }
        }
        let Some(line) = self.reader.layout.line_of(offset) else { return };
        let h = self.inner_height(Pane::Reader);
        if line < self.reader.scroll || line >= self.reader.scroll + h {
            self.reader.scroll = line.saturating_sub(h / 3).min(self.max_scroll());
        }
    }

    /// Brings derived state (reader layout, entities, cursors) in line with
    /// the current article, size and options.
    pub(crate) fn sync(&mut self) {
        self.reading.count_notes(&self.notes, self.notes_generation);
        let open = self.current().and_then(|i| self.catalog.id(i));
        self.reading.showing(open.as_deref(), (self.clock)());
        let Some(idx) = self.current() else { return };
        self.extract_if_needed(idx);
        self.refresh_marks();
        if let Some(width) = self.reader_text_width() {
            let notes_key = if self.reader.inline_notes { self.notes_generation + 1 } else { 0 };
            let r = &self.reader.layout;
            if r.lines.is_empty()
                || r.article != idx
                || r.width != width
                || r.folded != self.reader.fold_boilerplate
                || r.notes_key != notes_key
            {
                let inline = if self.reader.inline_notes { self.inline_note_texts() } else { Vec::new() };
                let article = self.catalog.article_or_placeholder(idx);
                self.reader.layout =
                    reader::Layout::new(idx, &article, width, self.reader.fold_boilerplate, &inline);
                self.reader.layout.notes_key = notes_key;
            }
        }
        self.reader.scroll = self.reader.scroll.min(self.max_scroll());
        self.carry_search(idx);
        let (height, row_height) = self.list_room();
        let ctx = super::list::ListCtx { articles: &self.catalog, height, row_height };
        self.list.scroll_into_view(&ctx);
        self.prefetch_list();
        let rows = self.sidebar_rows().len();
        let h = self
            .inner_height(Pane::Sidebar)
            .saturating_sub(usize::from(self.entity_pane.filter.is_some()))
            .max(1);
        self.entity_pane.cursor.scroll_into_view(rows, h);
        if let Some(SidebarRow::Header(..)) = self.sidebar_rows().get(self.entity_pane.cursor.selected) {
            self.entity_pane.cursor.step(1, rows, h);
        }
    }

    /// Reads the rows the list shows now in one go (render then finds
    /// them in the catalog's cache).
    fn prefetch_list(&mut self) {
        if self.list.filter.is_some() {
            return;
        }
        let first = self.list.cursor.offset;
        self.catalog.prefetch_listed(first..first + self.list_capacity() + 1);
    }

    /// The texts to show under passages: (body offset of the passage end, text).
    fn inline_note_texts(&self) -> Vec<(usize, String)> {
        self.note_marks
            .iter()
            .filter_map(|m| {
                let note = self.notes.iter().find(|n| n.id == m.note)?;
                // One clean line per line of the note: its line breaks stay.
                let text = crate::corpus::sanitize::split_lines(&note.text)
                    .into_iter()
                    .map(crate::corpus::sanitize::sanitize_label)
                    .collect::<Vec<_>>()
                    .join("\n");
                Some((m.range.end, text))
            })
            .collect()
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.sync();
    }

    /// Moves the list's selection; another article starts at its top.
    pub(crate) fn select_article(&mut self, delta: isize) {
        self.seen_new();
        let (height, row_height) = self.list_room();
        let ctx = super::list::ListCtx { articles: &self.catalog, height, row_height };
        if self.list.step(delta, &ctx) {
            self.article_changed();
        }
    }

    /// Another article is open: the reader starts at its top, the sidebar
    /// at its first entity.
    pub(crate) fn article_changed(&mut self) {
        self.reader.scroll = 0;
        self.entity_pane.cursor = Cursor::default();
    }

    /// Moves `pane` by `delta` rows: the list's selection (a new article),
    /// the sidebar's (its entity's mentions highlighted), or the reader's view.
    pub(crate) fn move_in(&mut self, pane: Pane, delta: isize) {
        match pane {
            Pane::List => self.select_article(delta),
            Pane::Sidebar => {
                self.move_sidebar(delta);
                self.select_entity(true);
            }
            Pane::Reader => {
                let height = self.inner_height(Pane::Reader);
                let before = self.reader.scroll;
                self.reader.scroll_by(delta, height);
                if self.reader.scroll != before {
                    self.read_open();
                }
            }
        }
    }
}
