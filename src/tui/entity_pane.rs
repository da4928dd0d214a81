//! The entity sidebar's own state: its cursor, typed filter, pending merge,
//! the entity picked in it (its mentions in the open article, the one the
//! reader is on), and the cache of what it shows.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use crate::entities::{Entity, EntityKind};
use crate::library::InCorpus;
use crate::tui::action::Action;
use crate::tui::corpus_worker::CorpusJob;
use crate::tui::extract_worker::ExtractJob;
use crate::tui::finder::edit_query;
use crate::tui::reader_search::step_hit;
use crate::tui::rows::{Cursor, SidebarRow};

/// The entity sidebar's own state.
pub struct EntityPane {
    /// The selected row and the first row shown.
    pub cursor: Cursor,
    /// What is typed to filter it (`/` in the sidebar).
    pub filter: Option<String>,
    /// An entity waiting to be merged into the next one picked.
    pub merge_from: Option<String>,
    /// The entity picked (Enter, or moving in the sidebar): the reader
    /// highlights its mentions and `n`/`N` step through them.
    pub picked: Option<PickedEntity>,
    /// Who appears with an entity (`c`), shown in place of the entities.
    pub together: Option<crate::tui::together::Together>,
    pub(crate) cache: EntityCache,
    /// The open article's entities as the corpus knows them, from the
    /// corpus worker.
    pub corpus: InCorpusState,
}

impl Default for EntityPane {
    fn default() -> EntityPane {
        EntityPane::new()
    }
}

impl EntityPane {
    pub fn new() -> EntityPane {
        EntityPane {
            cursor: Cursor::default(),
            filter: None,
            merge_from: None,
            picked: None,
            together: None,
            cache: EntityCache::new(),
            corpus: InCorpusState::default(),
        }
    }
}

/// What the sidebar's typed filter asks of the app after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterOut {
    Stay,
    /// Esc: the filter is gone.
    Close,
    /// Enter: typing ends (the filter stays if something was typed); the
    /// entity under the cursor is picked.
    Pick,
    /// Move the cursor (and pick what it lands on).
    Move(isize),
    /// The filter changed: the rows are new, the cursor back at the top.
    Changed,
    Quit,
}

/// What merging (`m`) does with the entity under the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeStep {
    /// It is the one to merge: the next one picked is the one it is.
    Started(String),
    /// Picked twice: no merge.
    Cancelled,
    Merge {
        from: String,
        into: String,
    },
}

impl EntityPane {
    /// Moves the cursor by `delta` rows, skipping group headers in the
    /// direction of travel. A step of one stays put if only headers lie
    /// that way; a jump (a page, the top) that ends on a header at the end
    /// takes the nearest entity back (the top is the first entity).
    pub fn step(&mut self, delta: isize, rows: &[SidebarRow], height: usize) {
        let old = self.cursor;
        self.cursor.step(delta, rows.len(), height);
        let mut dir = delta.signum();
        while let Some(SidebarRow::Header(..)) = rows.get(self.cursor.selected) {
            let before = self.cursor.selected;
            self.cursor.step(dir, rows.len(), height);
            if self.cursor.selected == before {
                if delta.abs() > 1 && dir == delta.signum() {
                    dir = -dir;
                    continue;
                }
                self.cursor = old;
                break;
            }
        }
    }

    /// One action while its filter is typed.
    pub fn filter_update(&mut self, action: Action) -> FilterOut {
        match action {
            Action::Back => {
                self.filter = None;
                FilterOut::Close
            }
            Action::Open => {
                if self.filter.as_deref().is_some_and(|f| f.trim().is_empty()) {
                    self.filter = None;
                }
                FilterOut::Pick
            }
            Action::Quit => FilterOut::Quit,
            Action::Up => FilterOut::Move(-1),
            Action::Down => FilterOut::Move(1),
            other => {
                if self.filter.as_mut().is_some_and(|f| edit_query(f, other)) {
                    self.cursor = Cursor::default();
                    FilterOut::Changed
                } else {
                    FilterOut::Stay
                }
            }
        }
    }

    /// Merging (`m`) on the entity `name`: the first press remembers it, a
    /// second on another merges the first into it.
    pub fn merge(&mut self, name: String) -> MergeStep {
        match self.merge_from.take() {
            None => {
                self.merge_from = Some(name.clone());
                MergeStep::Started(name)
            }
            Some(from) if from == name => MergeStep::Cancelled,
            Some(from) => MergeStep::Merge { from, into: name },
        }
    }
}

/// The entity picked in the sidebar, as the reader shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedEntity {
    pub name: String,
    pub kind: EntityKind,
    /// Its other surface forms, to find it again in the next article.
    pub aliases: Vec<String>,
    /// The article its mentions are in.
    pub article: usize,
    /// Byte ranges of the article body, in order.
    pub mentions: Vec<Range<usize>>,
    /// The mention the view is on.
    pub current: Option<usize>,
}

impl PickedEntity {
    pub fn new(e: &Entity, article: usize, current: Option<usize>) -> PickedEntity {
        PickedEntity {
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.clone(),
            article,
            mentions: e.mentions.clone(),
            current,
        }
    }

    /// Whether `e` is this entity: the same kind, under any of its names.
    pub fn is(&self, e: &Entity) -> bool {
        let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
        let forms: Vec<&String> = self.aliases.iter().chain([&self.name]).collect();
        e.kind == self.kind && e.aliases.iter().chain([&e.name]).any(|n| forms.iter().any(|f| same(f, n)))
    }

    /// The mention the view is on.
    pub fn current_mention(&self) -> Option<&Range<usize>> {
        self.current.and_then(|c| self.mentions.get(c))
    }

    /// Goes to the next (1) or previous (-1) mention, wrapping around; the
    /// body offset to show, if there is any mention.
    pub fn step(&mut self, dir: isize) -> Option<usize> {
        self.current = step_hit(self.current, self.mentions.len(), dir);
        self.current_mention().map(|m| m.start)
    }
}

/// What the corpus worker said of the open article's entities (their ids
/// and article counts, [`InCorpus`]) and what is asked of it, each for an
/// (article, generation of corrections): an answer for another is stale.
#[derive(Debug, Clone, Default)]
pub struct InCorpusState {
    known: Option<((usize, u64), Vec<InCorpus>)>,
    asked: Option<(usize, u64)>,
    /// The reach (`f`) asked for: (article, entity, generation). The list
    /// waits for its answer.
    pub reach_asked: Option<(usize, usize, u64)>,
    /// The reach job for the loop, until it takes it.
    pub(crate) reach_wanted: Option<CorpusJob>,
}

impl InCorpusState {
    /// The entities of `article` in the corpus, if known for `generation`.
    pub fn known(&self, article: usize, generation: u64) -> Option<&[InCorpus]> {
        self.known.as_ref().filter(|(k, _)| *k == (article, generation)).map(|(_, v)| v.as_slice())
    }

    /// Whether `article` should be asked for (not known, not asked), and
    /// if so, remembers it is.
    pub(crate) fn ask(&mut self, article: usize, generation: u64) -> bool {
        let key = (article, generation);
        if self.known(article, generation).is_some() || self.asked == Some(key) {
            return false;
        }
        self.asked = Some(key);
        true
    }

    /// The worker's answer: kept if it is for what was asked last.
    pub(crate) fn answered(&mut self, article: usize, generation: u64, entities: Vec<InCorpus>) -> bool {
        let key = (article, generation);
        if self.asked != Some(key) {
            return false;
        }
        self.asked = None;
        self.known = Some((key, entities));
        true
    }

    /// A failed answer: asked again only once something changes.
    pub(crate) fn failed(&mut self, article: usize, generation: u64) {
        if self.asked == Some((article, generation)) {
            self.known = Some(((article, generation), Vec::new()));
            self.asked = None;
        }
    }
}

/// Articles whose entities are kept; past this the cache starts again.
const EXTRACTED_KEPT: usize = 4096;

/// Entities per article (read from the index, or extracted), and the
/// sidebar rows last made, kept until what they were made of changes (the
/// article, the corrections, the extraction, the typed filter): drawing
/// and moving ask for them several times per key.
pub(crate) struct EntityCache {
    /// By article; only the articles viewed (a few thousand at most kept).
    extracted: std::collections::HashMap<usize, Vec<Entity>>,
    /// The article (and generation of corrections) last sent to the
    /// extraction worker, and the job while the loop has not taken it.
    extracting: Option<(usize, u64)>,
    wanted: Option<ExtractJob>,
    /// Bumped when `extracted` changes.
    epoch: u64,
    rows: RefCell<Option<(RowsKey, Rc<[SidebarRow]>)>>,
}

impl EntityCache {
    pub(crate) fn new() -> EntityCache {
        EntityCache {
            extracted: Default::default(),
            extracting: None,
            wanted: None,
            epoch: 0,
            rows: RefCell::new(None),
        }
    }

    /// The entities extracted for an article, once they are.
    pub(crate) fn extracted(&self, article: usize) -> Option<&[Entity]> {
        self.extracted.get(&article).map(Vec::as_slice)
    }

    /// Whether an article still waits for its entities.
    pub(crate) fn missing(&self, article: usize) -> bool {
        !self.extracted.contains_key(&article)
    }

    pub(crate) fn set_extracted(&mut self, article: usize, entities: Vec<Entity>) {
        if self.extracted.len() >= EXTRACTED_KEPT {
            self.extracted.clear();
        }
        self.extracted.insert(article, entities);
        self.epoch += 1;
    }

    /// Asks the worker for an article's entities, unless it is the one
    /// already asked for.
    pub(crate) fn want(&mut self, job: ExtractJob) {
        let key = (job.article, job.generation);
        if self.extracting != Some(key) {
            self.extracting = Some(key);
            self.wanted = Some(job);
        }
    }

    /// The job for the worker, if one waits.
    pub(crate) fn take_wanted(&mut self) -> Option<ExtractJob> {
        self.wanted.take()
    }

    /// The worker's answer (for the current generation of corrections):
    /// kept, unless the article has its entities already.
    pub(crate) fn answered(&mut self, article: usize, generation: u64, entities: Vec<Entity>) {
        if self.extracting == Some((article, generation)) {
            self.extracting = None;
        }
        if self.missing(article) {
            self.set_extracted(article, entities);
        }
    }

    pub(crate) fn epoch(&self) -> u64 {
        self.epoch
    }

    /// The rows last made from `key`, else those `make` makes (kept).
    pub(crate) fn rows(&self, key: RowsKey, make: impl FnOnce() -> Vec<SidebarRow>) -> Rc<[SidebarRow]> {
        if let Some((k, rows)) = self.rows.borrow().as_ref()
            && *k == key
        {
            return rows.clone();
        }
        let rows: Rc<[SidebarRow]> = make().into();
        *self.rows.borrow_mut() = Some((key, rows.clone()));
        rows
    }
}

/// What the sidebar rows are made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RowsKey {
    pub article: Option<usize>,
    pub index_generation: u64,
    pub epoch: u64,
    pub filter: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_skips_headers_and_merging_takes_two_picks() {
        let rows = [
            SidebarRow::Header(EntityKind::Person, 1),
            SidebarRow::Entity(0),
            SidebarRow::Header(EntityKind::Place, 1),
            SidebarRow::Entity(1),
        ];
        let mut pane = EntityPane::new();
        pane.cursor.selected = 1;
        pane.step(1, &rows, 10);
        assert_eq!(pane.cursor.selected, 3);
        pane.step(-1, &rows, 10);
        assert_eq!(pane.cursor.selected, 1);
        pane.step(-1, &rows, 10);
        assert_eq!(pane.cursor.selected, 1, "only a header above: stays");
        pane.cursor.selected = 3;
        pane.step(isize::MIN / 2, &rows, 10);
        assert_eq!(pane.cursor.selected, 1, "the top is the first entity, under its header");
        assert_eq!(pane.merge("A".into()), MergeStep::Started("A".into()));
        assert_eq!(pane.merge("A".into()), MergeStep::Cancelled);
        pane.merge("A".into());
        assert_eq!(pane.merge("B".into()), MergeStep::Merge { from: "A".into(), into: "B".into() });
    }

    #[test]
    fn typing_the_filter_resets_the_cursor_and_enter_drops_an_empty_one() {
        let mut pane = EntityPane::new();
        pane.filter = Some(String::new());
        pane.cursor.selected = 4;
        assert_eq!(pane.filter_update(Action::Insert('k')), FilterOut::Changed);
        assert_eq!(pane.cursor, Cursor::default());
        assert_eq!(pane.filter_update(Action::Open), FilterOut::Pick);
        assert_eq!(pane.filter.as_deref(), Some("k"));
        pane.filter = Some(" ".into());
        pane.filter_update(Action::Open);
        assert!(pane.filter.is_none());
    }
}
