//! What is on screen over the panes, as one value: the mode keys are read
//! in and the state that mode needs travel together, so they cannot
//! disagree (no finder state without the finder, no selection outside
//! visual mode).

use super::editor::Editor;
use super::finder::FinderState;
use super::help::Help;
use super::keymap::Mode;
use super::notes_view::NotesView;
use super::selection::Selection;

/// The one thing in front of the panes, if any.
#[derive(Default)]
pub enum Overlay {
    /// The panes themselves.
    #[default]
    None,
    /// The help overlay, scrolled this far.
    Help(Help),
    /// The finder overlay.
    Finder(Box<FinderState>),
    /// Typing a filter: the list's, or the entity sidebar's when it has the
    /// focus (the filter stays on its pane after typing ends).
    Filter,
    /// Typing a search inside the open article (its hits stay after).
    Search,
    /// Selecting a passage in the reader.
    Visual(Selection),
    /// Writing a note.
    Editor(Box<Editor>),
    /// All notes.
    Notes(Box<NotesView>),
    /// A question: restore drafts from an earlier session?
    Prompt,
}

impl Overlay {
    /// The mode keys are read in.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::None => Mode::Normal,
            Overlay::Help(_) => Mode::Help,
            Overlay::Finder(_) => Mode::Finder,
            Overlay::Filter => Mode::Filter,
            Overlay::Search => Mode::Search,
            Overlay::Visual(_) => Mode::Visual,
            Overlay::Editor(_) => Mode::Editor,
            Overlay::Notes(_) => Mode::NotesView,
            Overlay::Prompt => Mode::Prompt,
        }
    }

    pub fn finder(&self) -> Option<&FinderState> {
        match self {
            Overlay::Finder(f) => Some(f),
            _ => None,
        }
    }

    pub fn finder_mut(&mut self) -> Option<&mut FinderState> {
        match self {
            Overlay::Finder(f) => Some(f),
            _ => None,
        }
    }

    pub fn editor(&self) -> Option<&Editor> {
        match self {
            Overlay::Editor(e) => Some(e),
            _ => None,
        }
    }

    pub fn editor_mut(&mut self) -> Option<&mut Editor> {
        match self {
            Overlay::Editor(e) => Some(e),
            _ => None,
        }
    }

    /// Closes the editor, handing back what it held.
    pub fn take_editor(&mut self) -> Option<Editor> {
        match std::mem::take(self) {
            Overlay::Editor(e) => Some(*e),
            other => {
                *self = other;
                None
            }
        }
    }

    pub fn visual(&self) -> Option<Selection> {
        match self {
            Overlay::Visual(s) => Some(*s),
            _ => None,
        }
    }

    pub fn visual_mut(&mut self) -> Option<&mut Selection> {
        match self {
            Overlay::Visual(s) => Some(s),
            _ => None,
        }
    }

    /// Ends visual mode, handing back the selection.
    pub fn take_visual(&mut self) -> Option<Selection> {
        let sel = self.visual()?;
        *self = Overlay::None;
        Some(sel)
    }

    pub fn notes_view(&self) -> Option<&NotesView> {
        match self {
            Overlay::Notes(v) => Some(v),
            _ => None,
        }
    }

    pub fn notes_view_mut(&mut self) -> Option<&mut NotesView> {
        match self {
            Overlay::Notes(v) => Some(v),
            _ => None,
        }
    }
}
