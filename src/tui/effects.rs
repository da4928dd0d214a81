//! What `update` asks the outside world to do, and the runtime that does it:
//! notes go to the store, citations to the clipboard (OSC 52). `update`
//! itself never touches a disk or the terminal, so tests run it without one.

use std::io::Write;
use std::path::Path;

use crate::notes::{Draft, Filter, NewNote, Note, Store, StoreError, new_session_id};

/// A request from the app to the runtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    AddNote(NewNote),
    UpdateNote {
        id: i64,
        version: i64,
        text: String,
    },
    DeleteNote(i64),
    RestoreNote(i64),
    SaveDraft {
        key: String,
        text: String,
    },
    ClearDraft(String),
    /// Put text on the system clipboard (OSC 52: works over SSH and in tmux).
    Copy(String),
    /// Corrections of the entity extractor.
    AddCorrection(crate::entities::corrections::Correction),
    RemoveCorrection(i64),
}

/// What came of an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A note was added or updated; `notes` is the refreshed list.
    Saved {
        note: Note,
        notes: Vec<Note>,
    },
    /// Someone else changed the note first: the current version.
    Conflict(Note),
    /// Deleted or restored; the refreshed list.
    Changed {
        note: Note,
        notes: Vec<Note>,
    },
    DraftSaved,
    Copied(usize),
    /// The corrections now in force.
    Corrections(Vec<(i64, crate::entities::corrections::Correction)>),
    /// Failed: the message says why. Nothing the user typed is dropped.
    Failed(String),
}

/// The notes store as the reading room uses it: possibly absent (a broken
/// store is reported, and the app still reads).
pub struct NotesRuntime {
    store: Option<Store>,
    /// This reading room's session: its drafts are its own.
    session: String,
}

impl NotesRuntime {
    /// Opens the store in `dir`; on failure the message says what happened
    /// (and where a corrupt store was moved).
    pub fn open(dir: &Path) -> (NotesRuntime, Option<String>) {
        match Store::open(dir) {
            Ok(store) => (NotesRuntime { store: Some(store), session: new_session_id() }, None),
            Err(e) => (
                NotesRuntime { store: None, session: new_session_id() },
                Some(format!("notes unavailable: {e}")),
            ),
        }
    }

    /// No store (tests, or when opening failed).
    pub fn none() -> NotesRuntime {
        NotesRuntime { store: None, session: new_session_id() }
    }

    pub fn with_store(store: Store) -> NotesRuntime {
        NotesRuntime { store: Some(store), session: new_session_id() }
    }

    /// Every note, trash included, newest first.
    pub fn all(&self) -> Vec<Note> {
        let Some(store) = &self.store else { return Vec::new() };
        store.list(&Filter { include_deleted: true, ..Filter::default() }).unwrap_or_default()
    }

    pub fn corrections(&self) -> Vec<(i64, crate::entities::corrections::Correction)> {
        self.store.as_ref().and_then(|s| s.corrections().ok()).unwrap_or_default()
    }

    pub fn drafts(&self) -> Vec<Draft> {
        self.store.as_ref().and_then(|s| s.load_drafts().ok()).unwrap_or_default()
    }

    fn store(&self) -> Result<&Store, String> {
        self.store.as_ref().ok_or_else(|| "notes are unavailable (the store could not be opened)".to_string())
    }

    /// Carries out one effect. `terminal` receives clipboard escapes.
    pub fn run(&mut self, effect: &Effect, terminal: &mut dyn Write) -> Outcome {
        let failed = |e: StoreError| Outcome::Failed(e.to_string());
        match effect {
            Effect::Copy(text) => {
                use base64::Engine;
                let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                let seq = format!("\x1b]52;c;{payload}\x07");
                match terminal.write_all(seq.as_bytes()).and_then(|_| terminal.flush()) {
                    Ok(()) => Outcome::Copied(text.chars().count()),
                    Err(e) => Outcome::Failed(format!("could not copy: {e}")),
                }
            }
            Effect::AddNote(new) => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.add(new.clone()) {
                    Ok(note) => Outcome::Saved { note, notes: self.all() },
                    Err(e) => failed(e),
                },
            },
            Effect::UpdateNote { id, version, text } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.update(*id, *version, text) {
                    Ok(note) => Outcome::Saved { note, notes: self.all() },
                    Err(StoreError::Conflict { current }) => Outcome::Conflict(*current),
                    Err(e) => failed(e),
                },
            },
            Effect::DeleteNote(id) | Effect::RestoreNote(id) => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => {
                    let r =
                        if matches!(effect, Effect::DeleteNote(_)) { s.delete(*id) } else { s.restore(*id) };
                    match r {
                        Ok(note) => Outcome::Changed { note, notes: self.all() },
                        Err(e) => failed(e),
                    }
                }
            },
            Effect::SaveDraft { key, text } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.save_draft(key, &self.session, text) {
                    Ok(_) => Outcome::DraftSaved,
                    Err(e) => failed(e),
                },
            },
            Effect::AddCorrection(c) => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.add_correction(c) {
                    Ok(_) => Outcome::Corrections(self.corrections()),
                    Err(e) => failed(e),
                },
            },
            Effect::RemoveCorrection(id) => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.remove_correction(*id) {
                    Ok(_) => Outcome::Corrections(self.corrections()),
                    Err(e) => failed(e),
                },
            },
            Effect::ClearDraft(key) => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.clear_draft(key, &self.session) {
                    Ok(()) => Outcome::DraftSaved,
                    Err(e) => failed(e),
                },
            },
        }
    }
}
