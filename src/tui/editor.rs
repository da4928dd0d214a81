//! The note editor (ratatui-textarea): what it edits, its text, undo runs,
//! and whether it changed. The app opens and closes it (app/notes.rs).

use std::ops::Range;

use ratatui_textarea::TextArea;

use super::action::Action;

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
    /// Undo by typing runs, not by characters (see [`UndoRuns`]).
    runs: UndoRuns,
    /// The draft of an earlier session this text was restored from: cleared
    /// once the note is saved or discarded, so it is not offered again.
    pub restored_from: Option<(String, String)>,
    /// Quit was asked: the text is being kept before leaving.
    pub quitting: bool,
    /// Ctrl-S was pressed: the note is on its way to the store. Typing
    /// waits (it would be lost when the saved note closes the editor).
    pub saving: bool,
    /// The text could not be kept anywhere and the user was told: the next
    /// quit leaves without it.
    pub lose_on_quit: bool,
}

/// What kind of edit a key made, so that a run of the same kind (a word
/// typed, spaces, deletions) is undone in one step, as in other editors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EditKind {
    Word,
    Space,
    Delete,
    /// A line break, a paste, a kill: each is a step of its own.
    Other,
}

/// The textarea keeps one history entry per character; these are the
/// sizes of the runs those entries make up, for undo and redo.
#[derive(Debug, Clone, Default)]
struct UndoRuns {
    done: Vec<(EditKind, usize)>,
    undone: Vec<usize>,
}

impl UndoRuns {
    fn record(&mut self, kind: EditKind) {
        self.undone.clear();
        match self.done.last_mut() {
            Some((k, n)) if *k == kind && kind != EditKind::Other => *n += 1,
            _ => self.done.push((kind, 1)),
        }
    }
}

fn edit_kind(key: &crossterm::event::KeyEvent) -> EditKind {
    use crossterm::event::{KeyCode, KeyModifiers};
    let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if plain && (c.is_alphanumeric() || c == '\'' || c == '-') => EditKind::Word,
        KeyCode::Char(_) if plain => EditKind::Space,
        KeyCode::Backspace | KeyCode::Delete if plain => EditKind::Delete,
        _ => EditKind::Other,
    }
}

/// What the editor asks of the app after a key or an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorOut {
    Stay,
    /// Ctrl-S: store the note.
    Save,
    /// Closed (nothing changed, or the changes discarded).
    Close,
    Quit,
    /// Quit with unsaved text: keep it (as a draft), then quit.
    KeepThenQuit(String),
}

impl Editor {
    /// One action in the editor. While its text is with the store (saving,
    /// or kept before quitting), only Ctrl-C does anything: it quits at
    /// once, as the way out waits for the store.
    pub fn update(&mut self, action: Action) -> EditorOut {
        if self.saving || self.quitting {
            return if action == Action::Quit { EditorOut::Quit } else { EditorOut::Stay };
        }
        match action {
            Action::SaveNote => EditorOut::Save,
            Action::Back if self.confirm_discard => {
                self.confirm_discard = false;
                self.message = None;
                EditorOut::Stay
            }
            Action::Back if self.changed() => {
                self.confirm_discard = true;
                self.message = Some("Discard your changes? y: discard · n: keep writing".into());
                EditorOut::Stay
            }
            Action::Back => EditorOut::Close,
            Action::Quit if !self.changed() || self.lose_on_quit => EditorOut::Quit,
            Action::Quit => {
                // Never leave with unsaved text: keep it first, then quit.
                self.quitting = true;
                self.message = Some("keeping your text before quitting…".into());
                EditorOut::KeepThenQuit(self.text())
            }
            _ => EditorOut::Stay,
        }
    }

    /// A key for the text (not bound to an editor action): typed, or the
    /// answer to "discard your changes?".
    pub fn key(&mut self, key: crossterm::event::KeyEvent) -> EditorOut {
        if self.saving || self.quitting {
            return EditorOut::Stay;
        }
        if self.confirm_discard {
            if matches!(key.code, crossterm::event::KeyCode::Char('y' | 'Y')) {
                return EditorOut::Close;
            }
            self.confirm_discard = false;
            self.message = None;
            return EditorOut::Stay;
        }
        if self.input(key) {
            self.draft_dirty = true;
            self.message = None;
        }
        EditorOut::Stay
    }

    pub fn new(target: EditTarget, text: &str) -> Editor {
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut textarea = TextArea::new(lines);
        textarea.set_max_histories(10_000);
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
            runs: UndoRuns::default(),
            restored_from: None,
            quitting: false,
            saving: false,
            lose_on_quit: false,
        }
    }

    /// A key for the text itself. Ctrl-U undoes the last run of typing (a
    /// word, the spaces after it, a run of deletions), Ctrl-R redoes it;
    /// everything else is the textarea's. True when the text changed.
    fn input(&mut self, key: crossterm::event::KeyEvent) -> bool {
        use crossterm::event::{KeyCode, KeyModifiers};
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let Some((_, n)) = self.runs.done.pop() else { return false };
                let undone = (0..n).filter(|_| self.textarea.undo()).count();
                self.runs.undone.push(undone);
                undone > 0
            }
            KeyCode::Char('r') if ctrl => {
                let Some(n) = self.runs.undone.pop() else { return false };
                let redone = (0..n).filter(|_| self.textarea.redo()).count();
                self.runs.done.push((EditKind::Other, redone));
                redone > 0
            }
            _ => {
                let changed = self.textarea.input(key);
                if changed {
                    self.runs.record(edit_kind(&key));
                }
                changed
            }
        }
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text() != self.original
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn typed(ed: &mut Editor, text: &str) {
        for c in text.chars() {
            assert_eq!(ed.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)), EditorOut::Stay);
        }
    }

    #[test]
    fn the_editor_is_driven_without_an_app() {
        let new = || Editor::new(EditTarget::New { article: 0, target: NewTarget::Article }, "");
        let mut ed = new();
        assert_eq!(ed.update(Action::Back), EditorOut::Close, "nothing typed: Esc closes");
        typed(&mut ed, "a thought");
        assert!(ed.draft_dirty && ed.changed());
        assert_eq!(ed.update(Action::Back), EditorOut::Stay, "with changes, Esc asks first");
        assert!(ed.confirm_discard);
        assert_eq!(ed.key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)), EditorOut::Close);
        let mut ed = new();
        typed(&mut ed, "kept");
        assert_eq!(ed.update(Action::Quit), EditorOut::KeepThenQuit("kept".into()));
        // While the store has the text, typing waits; Ctrl-C quits at once.
        typed(&mut ed, "x");
        assert_eq!(ed.text(), "kept");
        assert_eq!(ed.update(Action::SaveNote), EditorOut::Stay);
        assert_eq!(ed.update(Action::Quit), EditorOut::Quit);
    }
}
