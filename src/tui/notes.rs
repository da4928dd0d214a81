//! Notes in the reading room: the editor (ratatui-textarea), the visual
//! selection that anchors a note to a passage, passage highlights, the notes
//! tab of the sidebar, the all-notes overlay, and drafts that survive a
//! dropped SSH session. Every write is an [`Effect`] the runtime carries out.

use std::ops::Range;

use ratatui_textarea::TextArea;

use super::action::Action;
use super::app::{App, Cursor};
use super::effects::{Effect, Outcome};
use super::keymap::Mode;
use super::layout::Pane;
use crate::notes::{Anchor, Draft, NewNote, Note, Target, resolve};

/// What the sidebar shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarTab {
    #[default]
    Entities,
    Notes,
}

/// A passage being selected in the reader: byte offsets into the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// What a note being written is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewTarget {
    Article,
    Passage(Range<usize>),
    Entity(String),
}

/// What the editor is editing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditTarget {
    /// A new note on an article (by corpus index).
    New { article: usize, target: NewTarget },
    /// An existing note, at the version the editor started from.
    Existing { id: i64, version: i64, article: Option<usize> },
}

/// The note editor.
pub struct Editor {
    pub textarea: TextArea<'static>,
    pub target: EditTarget,
    pub original: String,
    /// Esc was pressed with changes: waiting for y/n.
    pub confirm_discard: bool,
    /// Changed since the last autosaved draft.
    pub draft_dirty: bool,
    /// A save in flight, a conflict, an error: shown in the editor.
    pub message: Option<String>,
}

impl Editor {
    fn new(target: EditTarget, text: &str) -> Editor {
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut textarea = TextArea::new(lines);
        textarea.set_placeholder_text("Write the note. #tags are tags. Ctrl-S saves, Esc closes.");
        textarea.move_cursor(ratatui_textarea::CursorMove::Bottom);
        textarea.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            textarea,
            target,
            original: text.to_string(),
            confirm_discard: false,
            draft_dirty: false,
            message: None,
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }
}

/// A note's passage in the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteMark {
    pub range: Range<usize>,
    pub note: i64,
}

/// The all-notes overlay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NotesView {
    pub query: String,
    pub trash: bool,
    pub cursor: Cursor,
}

/// A draft's key: what it edits, so that it can be reopened.
pub fn draft_key(app: &App, target: &EditTarget) -> String {
    let id = |i: usize| app.corpus.articles.get(i).map_or_else(String::new, |a| a.id.to_string());
    match target {
        EditTarget::Existing { id: note, version, .. } => format!("note:{note}:{version}"),
        EditTarget::New { article, target: NewTarget::Article } => format!("article:{}", id(*article)),
        EditTarget::New { article, target: NewTarget::Passage(r) } => {
            format!("passage:{}:{}:{}", id(*article), r.start, r.end)
        }
        EditTarget::New { article, target: NewTarget::Entity(name) } => {
            format!("entity:{}:{name}", id(*article))
        }
    }
}

/// Reads a draft key back; `None` when its article is not in this corpus.
pub fn parse_draft_key(app: &App, key: &str) -> Option<EditTarget> {
    let mut parts = key.splitn(4, ':');
    let kind = parts.next()?;
    let find = |id: &str| app.corpus.articles.iter().position(|a| a.id.as_str() == id);
    match kind {
        "note" => {
            let id = parts.next()?.parse().ok()?;
            let version = parts.next()?.parse().ok()?;
            let article = app.notes.iter().find(|n| n.id == id).and_then(|n| find(&n.article));
            Some(EditTarget::Existing { id, version, article })
        }
        "article" => Some(EditTarget::New { article: find(parts.next()?)?, target: NewTarget::Article }),
        "passage" => {
            let article = find(parts.next()?)?;
            let start: usize = parts.next()?.parse().ok()?;
            let end: usize = parts.next()?.parse().ok()?;
            let body = &app.corpus.articles[article].body;
            (start <= end && end <= body.len() && body.is_char_boundary(start) && body.is_char_boundary(end))
                .then_some(EditTarget::New { article, target: NewTarget::Passage(start..end) })
        }
        "entity" => {
            let article = find(parts.next()?)?;
            let name = parts.next()?.to_string();
            Some(EditTarget::New { article, target: NewTarget::Entity(name) })
        }
        _ => None,
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The end of the next word after `at`.
fn word_forward(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let mut it = rest.char_indices().peekable();
    while let Some(&(_, c)) = it.peek() {
        if is_word(c) {
            break;
        }
        it.next();
    }
    while let Some(&(_, c)) = it.peek() {
        if !is_word(c) {
            break;
        }
        it.next();
    }
    at + it.peek().map_or(rest.len(), |&(i, _)| i)
}

/// The start of the word before `at`.
fn word_back(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let mut pos = at;
    let mut chars = before.char_indices().rev().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if is_word(c) {
            break;
        }
        pos = i;
        chars.next();
    }
    while let Some(&(i, c)) = chars.peek() {
        if !is_word(c) {
            break;
        }
        pos = i;
        chars.next();
    }
    pos
}

/// Just past the end of the sentence that contains `at` (or the next one).
fn sentence_forward(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let mut seen_word = false;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' && seen_word && rest[i..].starts_with("\n\n") {
            return at + i;
        }
        if is_word(c) {
            seen_word = true;
        }
        if seen_word && matches!(c, '.' | '!' | '?') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = chars.peek() {
                if matches!(q, '"' | '”' | '’' | '\'' | ')') {
                    end = j + q.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
                return at + end;
            }
        }
    }
    text.len()
}

/// The start of the sentence that contains `at` (or the one before).
fn sentence_back(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    let mut start = 0;
    for (i, c) in before.char_indices() {
        if matches!(c, '.' | '!' | '?') || before[i..].starts_with("\n\n") {
            let after = i + c.len_utf8();
            if after < before.len() {
                start = after;
            }
        }
    }
    start + text[start..].len() - text[start..].trim_start().len()
}

impl App {
    /// Notes of the open article (not in the trash), newest first.
    pub fn article_notes(&self) -> Vec<&Note> {
        let Some(idx) = self.current() else { return Vec::new() };
        let id = self.corpus.articles[idx].id.as_str();
        self.notes.iter().filter(|n| n.article == id && !n.is_deleted()).collect()
    }

    /// Re-anchors the open article's passage notes (after a change of
    /// article or of notes).
    pub(super) fn refresh_marks(&mut self) {
        let Some(idx) = self.current() else {
            self.note_marks.clear();
            return;
        };
        if self.marks_for == Some((idx, self.notes_generation)) {
            return;
        }
        let body = &self.corpus.articles[idx].body;
        let id = self.corpus.articles[idx].id.as_str();
        let mut marks: Vec<NoteMark> = self
            .notes
            .iter()
            .filter(|n| n.article == id && !n.is_deleted())
            .filter_map(|n| {
                let anchor: &Anchor = n.anchor()?;
                resolve(anchor, body).range().map(|range| NoteMark { range, note: n.id })
            })
            .collect();
        marks.sort_by_key(|m| (m.range.start, m.range.end));
        self.note_marks = marks;
        self.marks_for = Some((idx, self.notes_generation));
    }

    /// Takes the effects queued for the runtime.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Loads the notes (and drafts to offer) when the reading room opens.
    pub fn set_notes(&mut self, notes: Vec<Note>, drafts: Vec<Draft>) {
        self.notes = notes;
        self.notes_generation += 1;
        self.pending_drafts = drafts;
        if !self.pending_drafts.is_empty() {
            self.mode = Mode::Prompt;
        }
        self.sync();
    }

    // ----- the editor -----

    /// Opens the editor on a new note: on the selection, the selected entity
    /// (sidebar), or the article.
    pub fn add_note(&mut self) {
        let Some(article) = self.current() else { return };
        let target = if let Some(sel) = self.visual.take() {
            NewTarget::Passage(sel.range())
        } else if self.focus == Pane::Sidebar && self.sidebar_tab == SidebarTab::Entities {
            match self.selected_entity() {
                Some(e) => NewTarget::Entity(e.name.clone()),
                None => NewTarget::Article,
            }
        } else {
            NewTarget::Article
        };
        self.open_editor(EditTarget::New { article, target }, "");
    }

    fn open_editor(&mut self, target: EditTarget, text: &str) {
        self.editor = Some(Editor::new(target, text));
        self.mode = Mode::Editor;
    }

    /// Opens the editor on an existing note.
    pub fn edit_note(&mut self, id: i64) {
        let Some(note) = self.notes.iter().find(|n| n.id == id) else { return };
        let article = self.corpus.articles.iter().position(|a| a.id.as_str() == note.article);
        let text = note.text.clone();
        self.open_editor(EditTarget::Existing { id, version: note.version, article }, &text);
    }

    /// A key typed in the editor (not bound to an editor action).
    pub fn editor_input(&mut self, key: crossterm::event::KeyEvent) {
        let Some(ed) = self.editor.as_mut() else { return };
        if ed.confirm_discard {
            match key.code {
                crossterm::event::KeyCode::Char('y' | 'Y') => self.close_editor(true),
                _ => {
                    ed.confirm_discard = false;
                    ed.message = None;
                }
            }
            return;
        }
        if ed.textarea.input(key) {
            ed.draft_dirty = true;
            ed.message = None;
        }
    }

    pub(super) fn editor_action(&mut self, action: Action) {
        match action {
            Action::SaveNote => self.save_note(),
            Action::Back => {
                let Some(ed) = self.editor.as_mut() else { return };
                if ed.confirm_discard {
                    ed.confirm_discard = false;
                    ed.message = None;
                } else if ed.changed() {
                    ed.confirm_discard = true;
                    ed.message = Some("Discard your changes? y: discard · n: keep writing".into());
                } else {
                    self.close_editor(true);
                }
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn close_editor(&mut self, clear_draft: bool) {
        if let Some(ed) = self.editor.take()
            && clear_draft
        {
            let key = draft_key(self, &ed.target);
            self.effects.push(Effect::ClearDraft(key));
        }
        self.mode = Mode::Normal;
    }

    fn save_note(&mut self) {
        let Some(ed) = self.editor.as_mut() else { return };
        let text = ed.text();
        if text.trim().is_empty() {
            ed.message = Some("The note is empty: write something, or Esc to close.".into());
            return;
        }
        ed.message = Some("saving…".into());
        let effect = match &ed.target {
            EditTarget::Existing { id, version, .. } => {
                Effect::UpdateNote { id: *id, version: *version, text }
            }
            EditTarget::New { article, target } => {
                let Some(a) = self.corpus.articles.get(*article) else { return };
                let target = match target {
                    NewTarget::Article => Target::Article,
                    NewTarget::Passage(r) => Target::Passage(Anchor::capture(&a.body, r.clone())),
                    NewTarget::Entity(name) => Target::Entity(name.clone()),
                };
                Effect::AddNote(NewNote { article: a.id.to_string(), target, text })
            }
        };
        self.effects.push(effect);
    }

    /// Autosave: the draft to write, if the editor changed since the last.
    pub fn draft_to_save(&mut self) -> Option<Effect> {
        let key = self.editor.as_ref().filter(|e| e.draft_dirty).map(|e| draft_key(self, &e.target))?;
        let ed = self.editor.as_mut()?;
        ed.draft_dirty = false;
        Some(Effect::SaveDraft { key, text: ed.text() })
    }

    /// On the way out (quit, SIGTERM, SIGHUP): the open editor's text as a draft.
    pub fn exit_effects(&mut self) -> Vec<Effect> {
        match self.editor.as_ref() {
            Some(ed) if ed.changed() => {
                vec![Effect::SaveDraft { key: draft_key(self, &ed.target), text: ed.text() }]
            }
            _ => Vec::new(),
        }
    }

    /// The result of an effect.
    pub fn on_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Saved { note, notes } => {
                self.notes = notes;
                self.notes_generation += 1;
                if self.editor.is_some() {
                    self.close_editor(true);
                }
                let what = match note.target {
                    Target::Passage(_) => "passage note",
                    Target::Entity(_) => "entity note",
                    Target::Article => "note",
                };
                self.status = Some(format!("{what} saved"));
            }
            Outcome::Conflict(current) => {
                if let Some(ed) = self.editor.as_mut() {
                    if let EditTarget::Existing { version, .. } = &mut ed.target {
                        *version = current.version;
                    }
                    ed.message = Some(
                        "Changed in another session meanwhile. Your text is kept: Ctrl-S again saves it over the other version, Esc closes.".into(),
                    );
                }
            }
            Outcome::Changed { note, notes } => {
                self.notes = notes;
                self.notes_generation += 1;
                self.status = Some(if note.is_deleted() {
                    "note moved to the trash (M, then Tab, to restore)".into()
                } else {
                    "note restored".into()
                });
            }
            Outcome::DraftSaved => {}
            Outcome::Copied(n) => {
                self.status = Some(format!("copied a citation ({n} characters) to the clipboard"))
            }
            Outcome::Failed(msg) => match self.editor.as_mut() {
                Some(ed) => ed.message = Some(format!("Not saved: {msg}. Your text is still here.")),
                None => self.status = Some(msg),
            },
        }
        self.sync();
    }

    // ----- drafts left by an earlier session -----

    pub(super) fn prompt_action(&mut self, action: Action) {
        match action {
            Action::Open => {
                if let Some(draft) = self.pending_drafts.pop() {
                    match parse_draft_key(self, &draft.key) {
                        Some(target) => {
                            if let EditTarget::New { article, .. }
                            | EditTarget::Existing { article: Some(article), .. } = &target
                            {
                                self.open_article(*article);
                            }
                            self.open_editor(target, &draft.text);
                            if let Some(ed) = self.editor.as_mut() {
                                ed.original.clear();
                                ed.draft_dirty = false;
                            }
                            return;
                        }
                        None => {
                            self.status = Some("the draft's article is not in this corpus; draft kept".into())
                        }
                    }
                }
                self.mode = if self.pending_drafts.is_empty() { Mode::Normal } else { Mode::Prompt };
            }
            Action::DeleteNote => {
                if let Some(draft) = self.pending_drafts.pop() {
                    self.effects.push(Effect::ClearDraft(draft.key));
                }
                if self.pending_drafts.is_empty() {
                    self.mode = Mode::Normal;
                }
            }
            Action::Back => {
                self.pending_drafts.clear();
                self.mode = Mode::Normal;
            }
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    // ----- visual selection -----

    pub fn start_visual(&mut self) {
        let Some(idx) = self.current() else { return };
        let body = &self.corpus.articles[idx].body;
        let start = match self.rsearch.as_ref().and_then(|s| s.current.map(|c| s.hits[c].clone())) {
            Some(hit) => hit.start,
            None => self
                .reader
                .lines
                .iter()
                .skip(self.scroll)
                .find(|l| l.role == super::reader::Role::Text)
                .map_or(0, |l| l.range.start),
        };
        let end = word_forward(body, start);
        self.visual = Some(Selection { anchor: start, head: end });
        self.focus = Pane::Reader;
        self.mode = Mode::Visual;
    }

    pub(super) fn visual_action(&mut self, action: Action) {
        let Some(idx) = self.current() else { return };
        let Some(mut sel) = self.visual else {
            self.mode = Mode::Normal;
            return;
        };
        let body = &self.corpus.articles[idx].body;
        let head = sel.head;
        let moved = match action {
            Action::Back => {
                self.visual = None;
                self.mode = Mode::Normal;
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::AddNote => {
                self.mode = Mode::Normal;
                return self.add_note();
            }
            Action::Yank => {
                let range = sel.range();
                let a = &self.corpus.articles[idx];
                let quote = a.body[range].split_whitespace().collect::<Vec<_>>().join(" ");
                let source = a.source_or_section().map(|s| format!(", {s}")).unwrap_or_default();
                self.effects.push(Effect::Copy(format!("“{quote}” — {}{source}", a.title)));
                self.visual = None;
                self.mode = Mode::Normal;
                return;
            }
            Action::SwapEnds => {
                std::mem::swap(&mut sel.anchor, &mut sel.head);
                sel.head
            }
            Action::WordForward => word_forward(body, head),
            Action::WordBack => word_back(body, head),
            Action::SentenceForward => sentence_forward(body, head),
            Action::SentenceBack => sentence_back(body, head),
            Action::ParagraphForward => {
                let from = head + (body[head..].len() - body[head..].trim_start().len());
                body[from..].find("\n\n").map_or(body.len(), |i| from + i)
            }
            Action::ParagraphBack => {
                body[..head.saturating_sub(1).min(body.len())].rfind("\n\n").map_or(0, |i| i + 2)
            }
            Action::Down | Action::Up => {
                let line = self.reader.line_of(head).unwrap_or(0);
                let lines = &self.reader.lines;
                let col = head.saturating_sub(lines.get(line).map_or(0, |l| l.range.start));
                let step: isize = if action == Action::Down { 1 } else { -1 };
                let mut i = line as isize + step;
                while i >= 0 && (i as usize) < lines.len() && !lines[i as usize].is_body() {
                    i += step;
                }
                match lines.get(i.max(0) as usize).filter(|_| i >= 0) {
                    Some(l) => {
                        let mut at = (l.range.start + col).min(l.range.end);
                        while !body.is_char_boundary(at) {
                            at -= 1;
                        }
                        at
                    }
                    None => head,
                }
            }
            _ => head,
        };
        sel.head = moved.min(body.len());
        self.visual = Some(sel);
        self.scroll_to_offset(sel.head);
    }

    // ----- notes in the sidebar and the all-notes overlay -----

    /// Rows of the notes tab (the open article's notes).
    pub fn notes_tab_rows(&self) -> Vec<&Note> {
        self.article_notes()
    }

    pub(super) fn notes_tab_action(&mut self, action: Action) -> bool {
        let rows: Vec<(i64, Option<Range<usize>>)> = self
            .notes_tab_rows()
            .iter()
            .map(|n| (n.id, self.note_marks.iter().find(|m| m.note == n.id).map(|m| m.range.clone())))
            .collect();
        let h = self.panes().sidebar.map_or(1, |r| usize::from(r.height.saturating_sub(2)) / 2).max(1);
        match action {
            Action::Up => self.notes_cursor.step(-1, rows.len(), h),
            Action::Down => self.notes_cursor.step(1, rows.len(), h),
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
            _ => return false,
        }
        true
    }

    /// Jumps to the next (1) or previous (-1) passage note in the reader.
    pub fn jump_note(&mut self, dir: isize) {
        if self.note_marks.is_empty() {
            self.status = Some("no passage notes in this article (v to select a passage, then a)".into());
            return;
        }
        let top = self.reader.lines.get(self.scroll).map_or(0, |l| l.range.start);
        let target = if dir > 0 {
            self.note_marks.iter().find(|m| m.range.start > top).or(self.note_marks.first())
        } else {
            self.note_marks.iter().rev().find(|m| m.range.start < top).or(self.note_marks.last())
        };
        if let Some(m) = target.cloned() {
            let line = self.reader.line_of(m.range.start).unwrap_or(0);
            self.scroll = line.min(self.max_scroll());
            let n = self.note_marks.iter().position(|x| x.note == m.note).map_or(0, |p| p + 1);
            self.status = Some(format!("note {n}/{}", self.note_marks.len()));
        }
    }

    pub fn open_notes_view(&mut self) {
        self.notes_view = Some(NotesView::default());
        self.mode = Mode::NotesView;
    }

    /// The notes the overlay lists: newest first, filtered by the query
    /// ("#tag", "@entity", or words matched fuzzily against text, tags,
    /// quote and article title).
    pub fn notes_view_rows(&self) -> Vec<&Note> {
        let Some(v) = &self.notes_view else { return Vec::new() };
        let q = v.query.trim();
        let matcher = fuzzy_matcher::skim::SkimMatcherV2::default().smart_case();
        use fuzzy_matcher::FuzzyMatcher;
        let title = |n: &Note| {
            self.corpus.articles.iter().find(|a| a.id.as_str() == n.article).map_or("", |a| a.title.as_str())
        };
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

    pub(super) fn notes_view_action(&mut self, action: Action) {
        let rows: Vec<(i64, String)> =
            self.notes_view_rows().iter().map(|n| (n.id, n.article.clone())).collect();
        let h = usize::from(self.size.height).saturating_sub(8).max(1) / 2;
        let Some(v) = self.notes_view.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let selected = rows.get(v.cursor.selected).cloned();
        match action {
            Action::Back => {
                self.notes_view = None;
                self.mode = Mode::Normal;
            }
            Action::Quit => self.quit = true,
            Action::Up => v.cursor.step(-1, rows.len(), h),
            Action::Down => v.cursor.step(1, rows.len(), h),
            Action::ToggleFullText => {
                v.trash = !v.trash;
                v.cursor = Cursor::default();
            }
            Action::Open => {
                if let Some((id, article)) = selected {
                    let idx = self.corpus.articles.iter().position(|a| a.id.as_str() == article);
                    self.notes_view = None;
                    self.mode = Mode::Normal;
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
            }
            Action::EditNote => {
                if let Some((id, _)) = selected {
                    self.notes_view = None;
                    self.edit_note(id);
                }
            }
            Action::DeleteNote => {
                if let Some((id, _)) = selected {
                    let trash = v.trash;
                    self.effects.push(if trash { Effect::RestoreNote(id) } else { Effect::DeleteNote(id) });
                }
            }
            other => {
                if super::finder::edit_query(&mut v.query, other) {
                    v.cursor = Cursor::default();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_sentence_motions() {
        let t = "The talks stalled. Officials left Kabul! \"Why?\" asked one.\n\nNext paragraph.";
        assert_eq!(&t[..word_forward(t, 0)], "The");
        assert_eq!(&t[..word_forward(t, 3)], "The talks");
        assert_eq!(word_back(t, 9), 4);
        assert_eq!(&t[..sentence_forward(t, 0)], "The talks stalled.");
        assert_eq!(&t[19..sentence_forward(t, 19)], "Officials left Kabul!");
        assert_eq!(sentence_back(t, 30), 19);
        assert_eq!(sentence_back(t, 0), 0);
        let multi = "Zürich – “Ça va?” Oui.";
        let mut at = 0;
        for _ in 0..10 {
            at = word_forward(multi, at);
            assert!(multi.is_char_boundary(at));
        }
    }
}
