//! The notes tab of the sidebar, jumping note to note in the reader, and
//! the all-notes overlay (`M`): filter, open, edit, trash and restore.

use std::ops::Range;

use super::App;
use crate::notes::Note;
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::layout::Pane;
use crate::tui::notes_view::NotesOut;
use crate::tui::overlay::Overlay;

impl App {
    // ----- notes in the sidebar and the all-notes overlay -----

    /// Rows of the notes tab (the open article's notes).
    pub fn notes_tab_rows(&self) -> Vec<&Note> {
        self.article_notes()
    }

    pub(crate) fn notes_tab_action(&mut self, action: Action) -> bool {
        let rows: Vec<(i64, Option<Range<usize>>)> = self
            .notes_tab_rows()
            .iter()
            .map(|n| (n.id, self.note_marks.iter().find(|m| m.note == n.id).map(|m| m.range.clone())))
            .collect();
        match action {
            Action::Up => self.step_notes_tab(-1),
            Action::Down => self.step_notes_tab(1),
            Action::Open => {
                if let Some((_, Some(range))) = rows.get(self.notes_cursor.selected) {
                    self.scroll_to_offset(range.start);
                    self.focus = Pane::Reader;
                }
            }
            Action::EditNote => {
                if let Some((id, _)) = rows.get(self.notes_cursor.selected) {
                    self.edit_note(*id);
                }
            }
            Action::DeleteNote => {
                if let Some((id, _)) = rows.get(self.notes_cursor.selected) {
                    self.effects.push(Effect::DeleteNote(*id));
                }
            }
            Action::ReattachNote => {
                if let Some((id, _)) = rows.get(self.notes_cursor.selected) {
                    self.start_reattach(*id);
                }
            }
            _ => return false,
        }
        true
    }

    /// Moves the notes tab's selection by `delta` rows.
    pub(crate) fn step_notes_tab(&mut self, delta: isize) {
        let len = self.notes_tab_rows().len();
        let h = self.panes().sidebar.map_or(1, |r| usize::from(r.height.saturating_sub(2)) / 2).max(1);
        self.notes_cursor.step(delta, len, h);
    }

    /// Jumps to the next (1) or previous (-1) passage note in the reader.
    pub fn jump_note(&mut self, dir: isize) {
        if self.note_marks.is_empty() {
            self.status = Some("no passage notes in this article (v to select a passage, then a)".into());
            return;
        }
        let top = self.reader.layout.lines.get(self.reader.scroll).map_or(0, |l| l.range.start);
        let target = if dir > 0 {
            self.note_marks.iter().find(|m| m.range.start > top).or(self.note_marks.first())
        } else {
            self.note_marks.iter().rev().find(|m| m.range.start < top).or(self.note_marks.last())
        };
        if let Some(m) = target.cloned() {
            let line = self.reader.layout.line_of(m.range.start).unwrap_or(0);
            self.reader.scroll = line.min(self.max_scroll());
            let n = self.note_marks.iter().position(|x| x.note == m.note).map_or(0, |p| p + 1);
            self.status = Some(format!("note {n}/{}", self.note_marks.len()));
        }
    }

    pub fn open_notes_view(&mut self) {
        self.overlay = Overlay::Notes(Box::default());
    }

    /// The notes the overlay lists: newest first, filtered by the query
    /// ("#tag", "@entity", or words matched fuzzily against text, tags,
    /// quote and article title).
    pub fn notes_view_rows(&self) -> Vec<&Note> {
        let Some(v) = self.overlay.notes_view() else { return Vec::new() };
        let q = v.query.trim();
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().smart_case();
        use fuzzy_matcher::FuzzyMatcher;
        let title =
            |n: &Note| self.catalog.position(&n.article).map(|i| self.catalog.title(i)).unwrap_or_default();
        // `@name` finds the notes on the entity the name stands for, by any
        // of its aliases (`@ttp` finds Tehrik-e-Taliban Pakistan), once the
        // corpus worker has said which that is; by the name's text until then.
        // While the answer for a name typed on is on its way, the answer for
        // its start stands (typing on narrows it): the rows do not blink.
        let entity_filter = q.strip_prefix('@').map(str::trim).and_then(|ent| {
            let (query, generation, filter) = v.names.as_ref()?;
            (ent.starts_with(query.as_str()) && *generation == self.index_generation).then_some(filter)
        });
        let mut rows: Vec<(i64, &Note)> = self
            .notes
            .iter()
            .filter(|n| n.is_deleted() == v.trash)
            .filter_map(|n| {
                if q.is_empty() {
                    return Some((0, n));
                }
                if let Some(tag) = q.strip_prefix('#') {
                    let tag = tag.to_lowercase();
                    return n.tags.iter().any(|t| t.starts_with(&tag)).then_some((0, n));
                }
                if let Some(filter) = &entity_filter {
                    return filter.matches(n).then_some((0, n));
                }
                if let Some(ent) = q.strip_prefix('@') {
                    let ent = ent.to_lowercase();
                    return n.entity().is_some_and(|e| e.to_lowercase().contains(&ent)).then_some((0, n));
                }
                let quote = n.anchor().map_or("", |a| a.quote.as_str());
                let hay = format!("{} {} {} {}", n.text, n.tags.join(" "), quote, title(n));
                matcher.fuzzy_match(&hay, q).map(|s| (s, n))
            })
            .collect();
        if !q.is_empty() && !q.starts_with(['#', '@']) {
            rows.sort_by_key(|(s, n)| (std::cmp::Reverse(*s), std::cmp::Reverse(n.updated)));
        }
        rows.into_iter().map(|(_, n)| n).collect()
    }

    /// Routes an action to the all-notes overlay, then does what it asks.
    pub(crate) fn notes_view_action(&mut self, action: Action) {
        let rows: Vec<(i64, String)> =
            self.notes_view_rows().iter().map(|n| (n.id, n.article.clone())).collect();
        let height = usize::from(self.size.height).saturating_sub(8).max(1) / 2;
        let Some(v) = self.overlay.notes_view_mut() else {
            self.overlay = Overlay::None;
            return;
        };
        match v.update(action, &rows, height) {
            NotesOut::Stay => {}
            NotesOut::Close => self.overlay = Overlay::None,
            NotesOut::Quit => self.quit = true,
            NotesOut::Open { id, article } => {
                let idx = self.catalog.position(&article);
                self.overlay = Overlay::None;
                match idx {
                    Some(i) => {
                        self.open_article(i);
                        self.refresh_marks();
                        if let Some(m) = self.note_marks.iter().find(|m| m.note == id).cloned() {
                            self.scroll_to_offset(m.range.start);
                        }
                    }
                    None => self.status = Some("that note's article is not in this corpus".into()),
                }
            }
            NotesOut::Edit(id) => {
                self.overlay = Overlay::None;
                self.edit_note(id);
            }
            NotesOut::Delete(id) => self.effects.push(Effect::DeleteNote(id)),
            NotesOut::Restore(id) => self.effects.push(Effect::RestoreNote(id)),
        }
    }
}
