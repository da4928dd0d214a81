//! Notes in the reading room: the editor (ratatui-textarea), the visual
//! selection that anchors a note to a passage, passage highlights, the notes
//! tab of the sidebar, the all-notes overlay, and drafts that survive a
//! dropped SSH session. Every write is an [`Effect`] the runtime carries out.

use super::App;
use crate::notes::anchor::AnchorState;
use crate::notes::{Anchor, Draft, NewNote, Note, Target, resolve};
use crate::tui::action::Action;
use crate::tui::drafts_prompt::{DraftsPrompt, PromptOut};
use crate::tui::editor::{EditTarget, Editor, EditorOut, NewTarget};
use crate::tui::effects::{Effect, Outcome};
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::notes_view::{NoteMark, SidebarTab};
use crate::tui::overlay::Overlay;

/// A draft's key: what it edits, so that it can be reopened.
pub fn draft_key(app: &App, target: &EditTarget) -> String {
    let id = |i: usize| app.catalog.id(i).unwrap_or_default();
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
    let find = |id: &str| app.catalog.position(id);
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
            let a = app.catalog.article(article)?;
            let body = &a.body;
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

impl App {
    /// Notes of the open article (not in the trash), newest first.
    pub fn article_notes(&self) -> Vec<&Note> {
        let Some(idx) = self.current() else { return Vec::new() };
        let Some(id) = self.catalog.id(idx) else { return Vec::new() };
        self.notes.iter().filter(|n| n.article == id && !n.is_deleted()).collect()
    }

    /// Re-anchors the open article's passage notes (after a change of
    /// article or of notes).
    pub(crate) fn refresh_marks(&mut self) {
        self.refresh_anchor_states();
        let Some(idx) = self.current() else {
            self.note_marks.clear();
            return;
        };
        if self.marks_for == Some((idx, self.notes_generation)) {
            return;
        }
        let article = self.catalog.article_or_placeholder(idx);
        let (body, id) = (&article.body, article.id.as_str());
        let mut marks: Vec<NoteMark> = self
            .notes
            .iter()
            .filter(|n| n.article == id && !n.is_deleted())
            .filter_map(|n| {
                let anchor: &Anchor = n.anchor()?;
                let r = resolve(anchor, body);
                r.range().map(|range| NoteMark { range, note: n.id, state: r.state() })
            })
            .collect();
        marks.sort_by_key(|m| (m.range.start, m.range.end));
        self.note_marks = marks;
        self.marks_for = Some((idx, self.notes_generation));
    }

    /// Where every passage note stands in its article's text, recomputed
    /// when the notes change (notes of articles not in this corpus are left
    /// out: there is no text to check them against).
    fn refresh_anchor_states(&mut self) {
        if self.anchor_states_for == Some(self.notes_generation) {
            return;
        }
        // Each noted article is read (the catalog keeps the last few).
        let catalog = &self.catalog;
        self.anchor_states = self
            .notes
            .iter()
            .filter_map(|n| {
                let anchor = n.anchor()?;
                let article = catalog.article(catalog.position(&n.article)?)?;
                let r = resolve(anchor, &article.body);
                Some((n.id, (r.state(), r.similarity())))
            })
            .collect();
        self.anchor_states_for = Some(self.notes_generation);
    }

    /// Passage notes of the open article whose passage is uncertain
    /// (fuzzy) or gone (orphaned).
    pub fn notes_to_check(&self) -> usize {
        self.article_notes()
            .iter()
            .filter(|n| {
                self.anchor_states
                    .get(&n.id)
                    .is_some_and(|(s, _)| !matches!(s, AnchorState::Exact | AnchorState::Moved))
            })
            .count()
    }

    /// Starts re-attaching a passage note: the reader selects its passage
    /// now (the fuzzy match, to confirm as it is or adjust; the top of the
    /// view for an orphan); `a` then attaches the note there.
    pub fn start_reattach(&mut self, id: i64) {
        let Some(note) = self.notes.iter().find(|n| n.id == id) else { return };
        if note.anchor().is_none() {
            self.status = Some("only passage notes are attached to a passage".into());
            return;
        }
        let range = self.note_marks.iter().find(|m| m.note == id).map(|m| m.range.clone());
        self.start_visual();
        if let (Some(r), Some(sel)) = (range, self.overlay.visual_mut()) {
            sel.anchor = r.start;
            sel.head = r.end;
            self.scroll_to_offset(r.start);
        }
        if self.overlay.visual().is_some() {
            self.reattach = Some(id);
            let a = self.keymap.hint(Mode::Visual, Action::AddNote);
            let back = self.keymap.hint(Mode::Visual, Action::Back);
            self.status =
                Some(format!("select the note's passage, then {a} attaches it there ({back} cancels)"));
        }
    }

    /// Takes the effects queued for the runtime.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Loads the notes (and drafts to offer) when the reading room opens.
    pub fn set_notes(&mut self, notes: Vec<Note>, drafts: Vec<Draft>) {
        self.notes = notes;
        self.notes_generation += 1;
        self.drafts = DraftsPrompt { pending: drafts };
        if self.drafts.is_open() {
            self.overlay = Overlay::Prompt;
        }
        self.sync();
    }

    /// Notes changed by another process: take the new list (the open
    /// editor, if any, is left alone; a conflict shows when it saves).
    pub fn on_notes_changed(&mut self, notes: Vec<Note>) {
        if notes != self.notes {
            let added = notes.len().saturating_sub(self.notes.len());
            self.notes = notes;
            self.notes_generation += 1;
            self.status = Some(match added {
                0 => "notes changed in another session".to_string(),
                1 => "1 note added in another session".to_string(),
                n => format!("{n} notes added in another session"),
            });
            self.sync();
        }
    }

    // ----- the editor -----

    /// Opens the editor on a new note: on the selection, the selected entity
    /// (sidebar), or the article.
    pub fn add_note(&mut self) {
        let Some(article) = self.current() else { return };
        let target = if let Some(sel) = self.overlay.take_visual() {
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
        self.overlay = Overlay::Editor(Box::new(Editor::new(target, text)));
    }

    /// Opens the editor on an existing note.
    pub fn edit_note(&mut self, id: i64) {
        let Some(note) = self.notes.iter().find(|n| n.id == id) else { return };
        let article = self.catalog.position(&note.article);
        let text = note.text.clone();
        self.open_editor(EditTarget::Existing { id, version: note.version, article }, &text);
    }

    /// A key typed in the editor (not bound to an editor action).
    /// A key typed in the editor (not bound to an editor action).
    pub fn editor_input(&mut self, key: crossterm::event::KeyEvent) {
        if let Some(out) = self.overlay.editor_mut().map(|ed| ed.key(key)) {
            self.editor_out(out);
        }
    }

    /// Routes an action to the editor, then does what it asks.
    pub(crate) fn editor_action(&mut self, action: Action) {
        if let Some(out) = self.overlay.editor_mut().map(|ed| ed.update(action)) {
            self.editor_out(out);
        }
    }

    fn editor_out(&mut self, out: EditorOut) {
        match out {
            EditorOut::Stay => {}
            EditorOut::Save => self.save_note(),
            EditorOut::Close => self.close_editor(true),
            EditorOut::Quit => self.quit = true,
            EditorOut::KeepThenQuit(text) => {
                if let Some(key) = self.overlay.editor().map(|ed| draft_key(self, &ed.target)) {
                    self.effects.push(Effect::KeepUnsaved { key, text, leaving: true });
                }
            }
        }
    }

    fn close_editor(&mut self, clear_draft: bool) {
        if let Some(ed) = self.overlay.take_editor()
            && clear_draft
        {
            let key = draft_key(self, &ed.target);
            self.effects.push(Effect::ClearDraft(key));
            if let Some((key, session)) = ed.restored_from {
                self.effects.push(Effect::DiscardDraft { key, session });
            }
        }
        // More drafts from earlier sessions: the prompt comes back for the next.
        self.overlay = if self.drafts.is_open() { Overlay::Prompt } else { Overlay::None };
    }

    fn save_note(&mut self) {
        let Some(ed) = self.overlay.editor_mut() else { return };
        let text = ed.text();
        if text.trim().is_empty() {
            ed.message = Some("The note is empty: write something, or Esc to close.".into());
            return;
        }
        let target = ed.target.clone();
        let effect = match &target {
            EditTarget::Existing { id, version, .. } => {
                Effect::UpdateNote { id: *id, version: *version, text }
            }
            EditTarget::New { article, target } => {
                let Some(a) = self.catalog.article(*article) else { return };
                let target = match target {
                    NewTarget::Article => Target::Article,
                    NewTarget::Passage(r) => Target::Passage(Anchor::capture(&a.body, r.clone())),
                    NewTarget::Entity(name) => {
                        // The kind too, so the note says what the entity is.
                        let kind = self.entities().iter().find(|e| &e.name == name).map(|e| e.kind);
                        Target::Entity(crate::notes::EntityRef { name: name.clone(), kind })
                    }
                };
                Effect::AddNote(NewNote { article: a.id.to_string(), target, text })
            }
        };
        if let Some(ed) = self.overlay.editor_mut() {
            ed.message = Some("saving…".into());
            ed.saving = true;
        }
        self.effects.push(effect);
    }

    /// Does the app want [`AppEvent::Tick`](super::event::AppEvent)s (an
    /// editor is open, so its draft is saved as time passes)?
    pub fn wants_ticks(&self) -> bool {
        self.overlay.editor().is_some()
    }

    /// Time passed: autosave the editor's text as a draft if it changed
    /// since the last save.
    pub fn on_tick(&mut self) {
        self.desk_tick();
        let Some(key) = self.overlay.editor().filter(|e| e.draft_dirty).map(|e| draft_key(self, &e.target))
        else {
            return;
        };
        if let Some(ed) = self.overlay.editor_mut() {
            ed.draft_dirty = false;
            let text = ed.text();
            self.effects.push(Effect::SaveDraft { key, text });
        }
    }

    /// On the way out (quit, SIGTERM, SIGHUP), or before a stop (Ctrl-Z,
    /// `leaving` false): the open editor's unsaved text, to keep.
    pub fn exit_effects(&mut self, leaving: bool) -> Vec<Effect> {
        match self.overlay.editor() {
            Some(ed) if ed.changed() && !ed.lose_on_quit => {
                vec![Effect::KeepUnsaved { key: draft_key(self, &ed.target), text: ed.text(), leaving }]
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
                if self.overlay.editor().is_some_and(|ed| ed.saving) {
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
                if let Some(ed) = self.overlay.editor_mut() {
                    ed.saving = false;
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
            Outcome::DraftSaved | Outcome::Recorded => {}
            Outcome::Reattached(notes) => {
                self.notes = notes;
                self.notes_generation += 1;
                self.status = Some("note attached to the passage".into());
            }
            Outcome::Kept(_) => {
                if self.overlay.editor().is_some_and(|ed| ed.quitting) {
                    // The draft stays in the store for the next start.
                    self.overlay = Overlay::None;
                    self.quit = true;
                }
            }
            Outcome::NotKept(why) => {
                if let Some(ed) = self.overlay.editor_mut() {
                    ed.quitting = false;
                    ed.lose_on_quit = true;
                    ed.message = Some(format!(
                        "Your text could not be kept anywhere: {why}. Ctrl-C again quits and loses it; \
                         Esc keeps writing (copy it out first)."
                    ));
                }
            }
            Outcome::Corrections(list) => self.set_corrections(list),
            Outcome::Watches(list) => self.set_watches(list),
            Outcome::Copied(n) => self.status = Some(format!("copied to the clipboard ({n} characters)")),
            Outcome::Failed(msg) => match self.overlay.editor_mut() {
                Some(ed) => {
                    ed.saving = false;
                    ed.message = Some(format!("Not saved: {msg}. Your text is still here."));
                }
                None => self.status = Some(msg),
            },
        }
        self.sync();
    }

    // ----- drafts left by an earlier session -----

    /// Routes an action to the drafts prompt, then does what it asks.
    pub(crate) fn prompt_action(&mut self, action: Action) {
        match self.drafts.update(action) {
            PromptOut::Stay => {}
            PromptOut::Quit => self.quit = true,
            PromptOut::Close => self.overlay = Overlay::None,
            PromptOut::Restore(draft) => match parse_draft_key(self, &draft.key) {
                Some(target) => {
                    if let EditTarget::New { article, .. }
                    | EditTarget::Existing { article: Some(article), .. } = &target
                    {
                        self.open_article(*article);
                    }
                    self.open_editor(target, &draft.text);
                    if let Some(ed) = self.overlay.editor_mut() {
                        ed.original.clear();
                        ed.draft_dirty = false;
                        ed.restored_from = Some((draft.key, draft.session));
                    }
                }
                None => {
                    self.status = Some("the draft's article is not in this corpus; draft kept".into());
                    if !self.drafts.is_open() {
                        self.overlay = Overlay::None;
                    }
                }
            },
            PromptOut::Discard(draft) => {
                self.effects.push(Effect::DiscardDraft { key: draft.key, session: draft.session });
                if !self.drafts.is_open() {
                    self.overlay = Overlay::None;
                }
            }
        }
    }
}
