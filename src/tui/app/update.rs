//! Where input becomes change: a terminal event becomes an action (by the
//! keymap of the overlay's mode), and `update` routes the action to the
//! overlay in front, the focused pane's feature, or the panes themselves.

use crossterm::event::Event;

use super::App;
use crate::tui::action::Action;
use crate::tui::help::{Help, HelpOut};
use crate::tui::keymap::Mode;
use crate::tui::layout::Pane;
use crate::tui::notes_view::SidebarTab;
use crate::tui::overlay::Overlay;
use crate::tui::reader_view::ReaderOut;
use crate::tui::rows::Cursor;

impl App {
    /// Handles one terminal event; true when the screen must be redrawn.
    pub fn handle_event(&mut self, event: &Event) -> bool {
        if let (Some(ed), Event::Key(key)) = (self.overlay.editor(), event)
            && (ed.saving || ed.quitting)
        {
            // The store has the text: Ctrl-C still quits at once (the way
            // out waits for the store); other keys wait their turn.
            match self.keymap.action(Mode::Editor, key) {
                Some(Action::Quit) => self.quit = true,
                _ => self.typeahead.push(event.clone()),
            }
            return true;
        }
        if let (Mode::Editor, Event::Key(key)) = (self.mode(), event) {
            match self.keymap.action(Mode::Editor, key) {
                Some(action)
                    if self.overlay.editor().is_none_or(|e| !e.confirm_discard) || action == Action::Back =>
                {
                    self.update(action)
                }
                _ => self.editor_input(*key),
            }
            self.sync();
            return true;
        }
        match event {
            Event::Key(key) => match self.keymap.action(self.mode(), key) {
                Some(action) => {
                    self.update(action);
                    true
                }
                None => false,
            },
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                true
            }
            Event::Mouse(m) => self.mouse(m),
            _ => false,
        }
    }

    /// Keys typed while the store was busy with the editor's text, once it
    /// has answered (none while it still is).
    pub fn take_typeahead(&mut self) -> Vec<Event> {
        if self.overlay.editor().is_some_and(|ed| ed.saving || ed.quitting) {
            return Vec::new();
        }
        std::mem::take(&mut self.typeahead)
    }

    /// Changes the state for one action.
    pub fn update(&mut self, action: Action) {
        self.status = None;
        match self.mode() {
            Mode::Finder => return self.finder_action(action),
            Mode::Filter => {
                self.filter_action(action);
                return self.sync();
            }
            Mode::Search => return self.search_action(action),
            Mode::Visual => return self.visual_action(action),
            Mode::Editor => return self.editor_action(action),
            Mode::NotesView => {
                self.notes_view_action(action);
                return self.sync();
            }
            Mode::Prompt => {
                self.prompt_action(action);
                return self.sync();
            }
            Mode::Help | Mode::Normal => {}
        }
        if self.focus == Pane::Sidebar
            && self.sidebar_tab == SidebarTab::Notes
            && self.notes_tab_action(action)
        {
            return self.sync();
        }
        if self.mode() == Mode::Normal && self.watch_action(action) {
            return self.sync();
        }
        if self.mode() == Mode::Normal && self.sidebar_desk_action(action) {
            return self.sync();
        }
        if self.mode() == Mode::Normal && self.desk_action(action) {
            return self.sync();
        }
        if self.mode() == Mode::Normal && self.correction_action(action) {
            return self.sync();
        }
        if self.mode() == Mode::Help {
            let out = match &mut self.overlay {
                Overlay::Help(help) => help.update(action),
                _ => HelpOut::Close,
            };
            match out {
                HelpOut::Stay => {}
                HelpOut::Close => self.overlay = Overlay::None,
                HelpOut::Quit => self.quit = true,
            }
            return;
        }
        let page = match self.focus {
            Pane::List => self.list_capacity().saturating_sub(1).max(1),
            pane => self.inner_height(pane).saturating_sub(1).max(1),
        };
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => {
                self.overlay = Overlay::Help(Help::default());
            }
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::FocusLeft => {
                if self.focus != Pane::List {
                    self.focus = self.focus.prev();
                }
            }
            Action::FocusRight => {
                if self.focus != Pane::Sidebar {
                    self.focus = self.focus.next();
                }
            }
            Action::Open => {
                if self.focus == Pane::List && self.current().is_some() {
                    self.focus = Pane::Reader;
                } else if self.focus == Pane::Sidebar {
                    self.select_entity(true);
                }
            }
            Action::Back => {
                if self.focus == Pane::Sidebar && self.entity_pane.filter.is_some() {
                    self.entity_pane.filter = None;
                } else if (self.rsearch.is_some() || self.entity_pane.picked.is_some())
                    && self.focus != Pane::List
                {
                    self.rsearch = None;
                    self.entity_pane.picked = None;
                } else if self.focus == Pane::List && self.list.filter.is_some() {
                    self.clear_filter();
                } else {
                    self.focus = Pane::List;
                }
            }
            Action::ToggleBoilerplate | Action::ToggleMentions | Action::ToggleInlineNotes => {
                if let ReaderOut::Say(what) = self.reader.update(action) {
                    self.status = Some(what.into());
                }
            }
            Action::OpenFinder => self.open_finder(),
            Action::Search => match self.focus {
                Pane::List => self.start_filter(),
                Pane::Reader => self.start_reader_search(),
                Pane::Sidebar => {
                    self.sidebar_tab = SidebarTab::Entities;
                    self.entity_pane.filter = Some(self.entity_pane.filter.take().unwrap_or_default());
                    self.overlay = Overlay::Filter;
                }
            },
            Action::NextHit => self.jump_hit(1),
            Action::PrevHit => self.jump_hit(-1),
            Action::CycleTheme => {
                if self.themes.len() > 1 {
                    let at = self.themes.iter().position(|t| t.name == self.theme.name).map_or(0, |i| i + 1);
                    self.theme = self.themes[at % self.themes.len()].clone();
                }
                self.status = Some(format!("theme: {}", self.theme.name));
            }
            Action::AddNote => self.add_note(),
            Action::EditNote | Action::DeleteNote => {
                self.status = Some("pick a note in the sidebar's notes tab (s), or in all notes (M)".into())
            }
            Action::AllNotes => self.open_notes_view(),
            Action::NextNote => self.jump_note(1),
            Action::PrevNote => self.jump_note(-1),
            Action::ReattachNote => {
                self.status = Some("pick the passage note in the sidebar's notes tab (s) first".into())
            }
            Action::SwitchSidebar => {
                self.sidebar_tab = match self.sidebar_tab {
                    SidebarTab::Entities => SidebarTab::Notes,
                    SidebarTab::Notes => SidebarTab::Entities,
                };
                self.notes_cursor = Cursor::default();
            }
            Action::Visual => self.start_visual(),
            Action::ListMentioning
            | Action::HideEntity
            | Action::MergeEntity
            | Action::SplitAlias
            | Action::UndoCorrection
            | Action::ShowTogether
            | Action::CopyUrl
            | Action::AddWatch
            | Action::ShowWatches
            | Action::ToggleRead
            | Action::ToggleFlag
            | Action::UnreadOnly
            | Action::FlaggedOnly
            | Action::CycleSort
            | Action::ExpandGroup => {}
            Action::SaveNote
            | Action::Yank
            | Action::SwapEnds
            | Action::WordForward
            | Action::WordBack
            | Action::SentenceForward
            | Action::SentenceBack
            | Action::ParagraphForward
            | Action::ParagraphBack
            | Action::ToggleFullText
            | Action::DeleteChar
            | Action::DeleteWord
            | Action::ClearInput
            | Action::Insert(_) => {}
            Action::Up | Action::Down | Action::PageUp | Action::PageDown | Action::Top | Action::Bottom => {
                if let Some(delta) = crate::tui::rows::move_delta(action, page) {
                    self.move_in(self.focus, delta);
                }
            }
        }
        self.sync();
    }
}
