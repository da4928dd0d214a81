//! The drafts prompt: notes left unsaved by an earlier session, offered one
//! at a time on start (restore, discard, or later). Drawn by `ui/notes.rs`.

use super::action::Action;
use crate::notes::Draft;

/// The drafts still to offer, the next one last.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DraftsPrompt {
    pub pending: Vec<Draft>,
}

/// What the prompt asks of the app after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptOut {
    Stay,
    /// Open the editor on this draft.
    Restore(Draft),
    /// Throw this draft away.
    Discard(Draft),
    Close,
    Quit,
}

impl DraftsPrompt {
    /// Whether a draft is still waiting to be offered.
    pub fn is_open(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The draft offered now.
    pub fn next(&self) -> Option<&Draft> {
        self.pending.last()
    }

    pub fn update(&mut self, action: Action) -> PromptOut {
        match action {
            Action::Open => self.pending.pop().map_or(PromptOut::Close, PromptOut::Restore),
            Action::DeleteNote => self.pending.pop().map_or(PromptOut::Close, PromptOut::Discard),
            Action::Back => {
                // Later: offered again on the next start.
                self.pending.clear();
                PromptOut::Close
            }
            Action::Quit => PromptOut::Quit,
            _ => PromptOut::Stay,
        }
    }
}
