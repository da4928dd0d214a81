//! Every thing a user can do in the reading room, named. Key bindings, the
//! help overlay and the tests all speak in these names.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    ToggleHelp,
    ToggleBoilerplate,
    /// The finder overlay, from anywhere.
    OpenFinder,
    /// `/`: filter the list, or search the open article, by focus.
    Search,
    /// Next / previous highlighted hit in the reader.
    NextHit,
    PrevHit,
    /// In the finder: titles (fuzzy) or the text of the articles.
    ToggleFullText,
    /// Editing a query.
    DeleteChar,
    DeleteWord,
    ClearInput,
    /// Next theme (built-in and the user's).
    CycleTheme,
    /// Every entity mention highlighted, by kind.
    ToggleMentions,
    /// Entities: filter the list to the articles that mention the selected one.
    ListMentioning,
    HideEntity,
    MergeEntity,
    SplitAlias,
    UndoCorrection,
    /// Notes.
    AddNote,
    EditNote,
    DeleteNote,
    SaveNote,
    AllNotes,
    NextNote,
    PrevNote,
    ToggleInlineNotes,
    /// Re-attach the passage note selected in the notes tab (check a fuzzy one).
    ReattachNote,
    SwitchSidebar,
    /// Selecting a passage.
    Visual,
    Yank,
    SwapEnds,
    WordForward,
    WordBack,
    SentenceForward,
    SentenceBack,
    ParagraphForward,
    ParagraphBack,
    /// A typed character (not bindable: any unbound key in a text field).
    #[serde(skip)]
    Insert(char),
}

impl Action {
    /// Every action, in the order the help overlay lists them.
    pub const ALL: &[Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::Back,
        Action::FocusNext,
        Action::FocusPrev,
        Action::FocusLeft,
        Action::FocusRight,
        Action::ToggleBoilerplate,
        Action::OpenFinder,
        Action::Search,
        Action::NextHit,
        Action::PrevHit,
        Action::ToggleFullText,
        Action::DeleteChar,
        Action::DeleteWord,
        Action::ClearInput,
        Action::ToggleMentions,
        Action::ListMentioning,
        Action::MergeEntity,
        Action::SplitAlias,
        Action::HideEntity,
        Action::UndoCorrection,
        Action::Visual,
        Action::WordForward,
        Action::WordBack,
        Action::SentenceForward,
        Action::SentenceBack,
        Action::ParagraphForward,
        Action::ParagraphBack,
        Action::SwapEnds,
        Action::Yank,
        Action::AddNote,
        Action::EditNote,
        Action::DeleteNote,
        Action::SaveNote,
        Action::NextNote,
        Action::PrevNote,
        Action::ToggleInlineNotes,
        Action::ReattachNote,
        Action::SwitchSidebar,
        Action::AllNotes,
        Action::CycleTheme,
        Action::ToggleHelp,
        Action::Quit,
    ];

    /// The action's name in config files ("open_finder").
    pub fn name(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "focus_next",
            Action::FocusPrev => "focus_prev",
            Action::FocusLeft => "focus_left",
            Action::FocusRight => "focus_right",
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open",
            Action::Back => "back",
            Action::ToggleHelp => "toggle_help",
            Action::ToggleBoilerplate => "toggle_boilerplate",
            Action::OpenFinder => "open_finder",
            Action::Search => "search",
            Action::NextHit => "next_hit",
            Action::PrevHit => "prev_hit",
            Action::ToggleFullText => "toggle_full_text",
            Action::DeleteChar => "delete_char",
            Action::DeleteWord => "delete_word",
            Action::ClearInput => "clear_input",
            Action::CycleTheme => "cycle_theme",
            Action::ToggleMentions => "toggle_mentions",
            Action::ListMentioning => "list_mentioning",
            Action::HideEntity => "hide_entity",
            Action::MergeEntity => "merge_entity",
            Action::SplitAlias => "split_alias",
            Action::UndoCorrection => "undo_correction",
            Action::AddNote => "add_note",
            Action::EditNote => "edit_note",
            Action::DeleteNote => "delete_note",
            Action::SaveNote => "save_note",
            Action::AllNotes => "all_notes",
            Action::NextNote => "next_note",
            Action::PrevNote => "prev_note",
            Action::ToggleInlineNotes => "toggle_inline_notes",
            Action::ReattachNote => "reattach_note",
            Action::SwitchSidebar => "switch_sidebar",
            Action::Visual => "visual",
            Action::Yank => "yank",
            Action::SwapEnds => "swap_ends",
            Action::WordForward => "word_forward",
            Action::WordBack => "word_back",
            Action::SentenceForward => "sentence_forward",
            Action::SentenceBack => "sentence_back",
            Action::ParagraphForward => "paragraph_forward",
            Action::ParagraphBack => "paragraph_back",
            Action::Insert(_) => "insert",
        }
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// What the action does in `mode`, for the help overlay and the status
    /// line: a few actions mean something else in an overlay (Tab in the
    /// all-notes overlay switches to the trash, not to full text).
    pub fn describe_in(self, mode: super::keymap::Mode) -> &'static str {
        use super::keymap::Mode;
        match (mode, self) {
            (Mode::NotesView, Action::ToggleFullText) => "notes / trash",
            (Mode::NotesView, Action::Open) => "go to the note",
            (Mode::NotesView, Action::DeleteNote) => "delete (to trash) / restore",
            (Mode::NotesView, Action::ClearInput) => "clear the filter",
            (Mode::Finder, Action::Open) => "open the article",
            (Mode::Prompt, Action::Open) => "restore the draft",
            (Mode::Prompt, Action::DeleteNote) => "discard the draft",
            (Mode::Prompt, Action::Back) => "decide later (drafts kept)",
            (Mode::Editor, Action::Back) => "close (asks first)",
            _ => self.describe(),
        }
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::FocusLeft => "pane to the left",
            Action::FocusRight => "pane to the right",
            Action::Up => "up / previous",
            Action::Down => "down / next",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "read the article",
            Action::Back => "back, close, clear",
            Action::ToggleHelp => "this help",
            Action::ToggleBoilerplate => "fold boilerplate",
            Action::OpenFinder => "find (Tab: full text)",
            Action::Search => "filter list / search article",
            Action::NextHit => "next hit",
            Action::PrevHit => "previous hit",
            Action::ToggleFullText => "titles / full text",
            Action::DeleteChar => "delete a character",
            Action::DeleteWord => "delete a word",
            Action::ClearInput => "clear the query",
            Action::CycleTheme => "next theme",
            Action::ToggleMentions => "highlight all mentions",
            Action::ListMentioning => "articles naming the entity",
            Action::HideEntity => "hide: not an entity",
            Action::MergeEntity => "merge into (press twice)",
            Action::SplitAlias => "split this mention's name off",
            Action::UndoCorrection => "undo the last correction",
            Action::AddNote => "write a note",
            Action::EditNote => "edit the note",
            Action::DeleteNote => "delete note (to trash)",
            Action::SaveNote => "save the note",
            Action::AllNotes => "all notes (#tag, @entity)",
            Action::NextNote => "next passage note",
            Action::PrevNote => "previous passage note",
            Action::ToggleInlineNotes => "notes under passages",
            Action::ReattachNote => "re-attach a passage note",
            Action::SwitchSidebar => "sidebar: entities / notes",
            Action::Visual => "select a passage",
            Action::Yank => "copy as citation",
            Action::SwapEnds => "other end of the selection",
            Action::WordForward => "extend by a word",
            Action::WordBack => "back a word",
            Action::SentenceForward => "extend by a sentence",
            Action::SentenceBack => "back a sentence",
            Action::ParagraphForward => "to paragraph end",
            Action::ParagraphBack => "to paragraph start",
            Action::Insert(_) => "type",
        }
    }
}
