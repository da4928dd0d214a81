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
    /// Attaches a passage note to a new passage (or confirms a fuzzy one).
    Reattach {
        id: i64,
        version: i64,
        anchor: crate::notes::Anchor,
    },
    RestoreNote(i64),
    SaveDraft {
        key: String,
        text: String,
    },
    /// Clears this session's draft under the key.
    ClearDraft(String),
    /// Clears a draft another session left (restored or discarded here).
    DiscardDraft {
        key: String,
        session: String,
    },
    /// On the way out (or before a stop) with text that is not saved: keep
    /// it as a draft, else in a recovery file; say where.
    KeepUnsaved {
        key: String,
        text: String,
        /// The session is ending: tell the user where the text went.
        leaving: bool,
    },
    /// Put text on the system clipboard (OSC 52: works over SSH and in tmux).
    Copy(String),
    /// Open a web link in the local browser ([`super::browser`]), without
    /// waiting for it.
    OpenUrl(String),
    /// Corrections of the entity extractor.
    AddCorrection(crate::entities::corrections::Correction),
    RemoveCorrection(i64),
    /// A watch (`w`), with the articles it matches now as seen.
    AddWatch {
        name: String,
        query: crate::watch::WatchQuery,
        seen: crate::watch::Seen,
    },
    /// The analyst looked at a watch's matches: these are seen now.
    MarkWatchLooked {
        id: i64,
        seen: crate::watch::Seen,
    },
    /// Articles (by id) read or unread, flagged or not, at a time (unix ms).
    Mark {
        ids: Vec<String>,
        mark: crate::notes::Mark,
        at: i64,
    },
    /// Where the analyst left off in a corpus (its key), to reopen there.
    SaveLeftOff {
        corpus: String,
        at: crate::notes::LeftOff,
    },
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
    /// A passage note was re-attached; the refreshed list.
    Reattached(Vec<Note>),
    /// Unsaved text was kept: as a draft (`None`) or in this recovery file.
    Kept(Option<std::path::PathBuf>),
    /// Unsaved text could not be kept anywhere: why.
    NotKept(String),
    Copied(usize),
    /// The corrections now in force.
    Corrections(Vec<(i64, crate::entities::corrections::Correction)>),
    /// The watches now in the store (after one was added or looked at).
    Watches(Vec<crate::watch::Watch>),
    /// Reading state or the place left off was written.
    Recorded,
    /// Failed: the message says why. Nothing the user typed is dropped.
    Failed(String),
}

/// Puts text on the system clipboard with an OSC 52 escape to `terminal`.
pub fn copy(text: &str, terminal: &mut dyn Write) -> Outcome {
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let seq = format!("\x1b]52;c;{payload}\x07");
    match terminal.write_all(seq.as_bytes()).and_then(|_| terminal.flush()) {
        Ok(()) => Outcome::Copied(text.chars().count()),
        Err(e) => Outcome::Failed(format!("could not copy: {e}")),
    }
}

/// The notes store as the reading room uses it: possibly absent (a broken
/// store is reported, and the app still reads).
pub struct NotesRuntime {
    store: Option<Store>,
    /// This reading room's session: its drafts are its own.
    session: String,
    /// Where unsaved text goes when the store cannot take it, in order.
    recovery_dirs: Vec<std::path::PathBuf>,
    /// The store's `data_version` when the notes were last read: another
    /// process's commit changes it.
    seen_version: Option<i64>,
    /// What to tell the user once the terminal is theirs again.
    farewell: Vec<String>,
    /// What the store had to say (recreated after a deletion…), for the status line.
    notices: Vec<String>,
    /// Extra time each store write takes: stands in for a slow disk in
    /// benchmarks and loop tests (none in the real reading room).
    write_delay: Option<std::time::Duration>,
    /// Each store write first waits for a token here (or for the sender
    /// to be dropped): a store that answers when a test says so.
    write_gate: Option<std::sync::mpsc::Receiver<()>>,
}

impl NotesRuntime {
    fn new(store: Option<Store>, data_dir: Option<&Path>) -> NotesRuntime {
        let mut recovery_dirs: Vec<std::path::PathBuf> =
            data_dir.map(|d| d.join("recovered")).into_iter().collect();
        recovery_dirs.push(std::env::temp_dir());
        NotesRuntime {
            store,
            session: new_session_id(),
            recovery_dirs,
            seen_version: None,
            farewell: Vec::new(),
            notices: Vec::new(),
            write_delay: None,
            write_gate: None,
        }
    }

    /// Opens the store in `dir`; on failure the message says what happened
    /// (and where a corrupt store was moved).
    pub fn open(dir: &Path) -> (NotesRuntime, Option<String>) {
        match Store::open(dir) {
            Ok(store) => (NotesRuntime::new(Some(store), Some(dir)), None),
            Err(e) => (NotesRuntime::new(None, Some(dir)), Some(format!("notes unavailable: {e}"))),
        }
    }

    /// No store (tests, or when opening failed).
    pub fn none() -> NotesRuntime {
        NotesRuntime::new(None, None)
    }

    pub fn with_store(store: Store) -> NotesRuntime {
        let dir = store.path().parent().map(Path::to_path_buf);
        NotesRuntime::new(Some(store), dir.as_deref())
    }

    /// Is there a store to watch for changes by other processes?
    pub fn has_store(&self) -> bool {
        self.store.is_some()
    }

    /// Where unsaved text goes when the store cannot take it (tests point
    /// this at places that cannot be written).
    pub fn set_recovery_dirs(&mut self, dirs: Vec<std::path::PathBuf>) {
        self.recovery_dirs = dirs;
    }

    /// Makes every store write take `delay` longer, as on a slow disk
    /// (benchmarks and tests of a store that answers slowly).
    pub fn slow_writes(&mut self, delay: std::time::Duration) {
        self.write_delay = Some(delay);
    }

    /// Makes every store write wait for a token on `gate` (or for its
    /// sender to be dropped): tests of keys handled while the store is busy.
    pub fn gate_writes(&mut self, gate: std::sync::mpsc::Receiver<()>) {
        self.write_gate = Some(gate);
    }

    /// Messages for the user after the terminal is restored (where unsaved
    /// text went).
    pub fn take_farewell(&mut self) -> Vec<String> {
        std::mem::take(&mut self.farewell)
    }

    /// What the store reported since the last call (for the status line).
    pub fn take_notices(&mut self) -> Vec<String> {
        if let Some(n) = self.store.as_ref().and_then(Store::take_notice) {
            self.notices.push(n);
        }
        std::mem::take(&mut self.notices)
    }

    /// The notes, if another process changed the store since they were
    /// last read (a note added with `rroom notes add`, another reading
    /// room). Cheap enough to ask on every tick: one pragma.
    pub fn changed_elsewhere(&mut self) -> Option<Vec<Note>> {
        let version = self.store.as_ref()?.data_version().ok()?;
        if self.seen_version == Some(version) {
            return None;
        }
        Some(self.all())
    }

    /// Keeps unsaved text: as this session's draft, else in a recovery file.
    fn keep_unsaved(&mut self, key: &str, text: &str) -> Outcome {
        let draft_error = match self.store() {
            Ok(s) => match s.save_draft(key, &self.session, text) {
                Ok(_) => return Outcome::Kept(None),
                Err(e) => e.to_string(),
            },
            Err(m) => m,
        };
        let mut tried = Vec::new();
        for dir in &self.recovery_dirs {
            match crate::notes::recovery::save_in(dir, text) {
                Ok(path) => return Outcome::Kept(Some(path)),
                Err(e) => tried.push(format!("{}: {e}", dir.display())),
            }
        }
        let why = format!(
            "the notes store failed ({draft_error}) and no recovery file could be written ({})",
            tried.join("; ")
        );
        Outcome::NotKept(why)
    }

    /// The ids read and the ids flagged (empty without a store).
    pub fn reading(&self) -> (std::collections::HashSet<String>, std::collections::HashSet<String>) {
        let Some(store) = &self.store else { return Default::default() };
        (store.read_ids().unwrap_or_default(), store.flagged_ids().unwrap_or_default())
    }

    /// Where the analyst left off in `corpus`, if saved.
    pub fn left_off(&self, corpus: &str) -> Option<crate::notes::LeftOff> {
        self.store.as_ref()?.left_off(corpus).ok().flatten()
    }

    /// Every note, trash included, newest first.
    pub fn all(&mut self) -> Vec<Note> {
        let Some(store) = &self.store else { return Vec::new() };
        // The version first: a commit between the two is seen next time.
        self.seen_version = store.data_version().ok();
        store.list(&Filter { include_deleted: true, ..Filter::default() }).unwrap_or_default()
    }

    pub fn corrections(&self) -> Vec<(i64, crate::entities::corrections::Correction)> {
        self.store.as_ref().and_then(|s| s.corrections().ok()).unwrap_or_default()
    }

    pub fn watches(&self) -> Vec<crate::watch::Watch> {
        self.store.as_ref().and_then(|s| s.watches().ok()).unwrap_or_default()
    }

    pub fn drafts(&self) -> Vec<Draft> {
        self.store.as_ref().and_then(|s| s.load_drafts().ok()).unwrap_or_default()
    }

    fn store(&self) -> Result<&Store, String> {
        self.store.as_ref().ok_or_else(|| "notes are unavailable (the store could not be opened)".to_string())
    }

    /// Carries out one effect. `terminal` receives clipboard escapes.
    pub fn run(&mut self, effect: &Effect, terminal: &mut dyn Write) -> Outcome {
        if !matches!(effect, Effect::Copy(_) | Effect::OpenUrl(_)) {
            if let Some(gate) = &self.write_gate {
                let _ = gate.recv();
            }
            if let Some(delay) = self.write_delay {
                std::thread::sleep(delay);
            }
        }
        let failed = |e: StoreError| Outcome::Failed(e.to_string());
        match effect {
            Effect::Copy(text) => copy(text, terminal),
            // The loop opens links itself ([`super::browser`]); here, as for
            // any effect with nothing to store, nothing is recorded.
            Effect::OpenUrl(url) => match super::browser::open(url) {
                Ok(()) => Outcome::Recorded,
                Err(e) => Outcome::Failed(e),
            },
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
            Effect::AddWatch { name, query, seen } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.add_watch(name, query, seen, crate::notes::clock::now_ms()) {
                    Ok(_) => Outcome::Watches(self.watches()),
                    Err(e) => failed(e),
                },
            },
            Effect::MarkWatchLooked { id, seen } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.mark_watch_looked(*id, seen, crate::notes::clock::now_ms()) {
                    Ok(_) => Outcome::Watches(self.watches()),
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
            Effect::Reattach { id, version, anchor } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.reattach(*id, *version, anchor.clone()) {
                    Ok(_) => Outcome::Reattached(self.all()),
                    Err(StoreError::Conflict { current }) => Outcome::Conflict(*current),
                    Err(e) => failed(e),
                },
            },
            Effect::Mark { ids, mark, at } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => {
                    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                    match s.mark(&ids, *mark, *at) {
                        Ok(_) => Outcome::Recorded,
                        Err(e) => failed(e),
                    }
                }
            },
            Effect::SaveLeftOff { corpus, at } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.set_left_off(corpus, at) {
                    Ok(()) => Outcome::Recorded,
                    Err(e) => failed(e),
                },
            },
            Effect::KeepUnsaved { key, text, leaving } => {
                let outcome = self.keep_unsaved(key, text);
                if *leaving {
                    self.farewell.push(match &outcome {
                        Outcome::Kept(None) => {
                            "the note you were writing is kept as a draft: rroom offers it when you start it again"
                                .to_string()
                        }
                        Outcome::Kept(Some(path)) => format!(
                            "the note you were writing could not be kept in the notes store; it is in {}",
                            path.display()
                        ),
                        Outcome::NotKept(why) => {
                            format!("the note you were writing could not be kept anywhere ({why}); its text:\n{text}")
                        }
                        _ => String::new(),
                    });
                }
                outcome
            }
            Effect::DiscardDraft { key, session } => match self.store() {
                Err(m) => Outcome::Failed(m),
                Ok(s) => match s.clear_draft(key, session) {
                    Ok(()) => Outcome::DraftSaved,
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
