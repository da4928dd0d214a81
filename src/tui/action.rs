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
            Action::Insert(_) => "insert",
        }
    }

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::FocusNext => "next pane",
            Action::FocusPrev => "previous pane",
            Action::FocusLeft => "pane to the left",
            Action::FocusRight => "pane to the right",
            Action::Up => "up (scroll / previous item)",
            Action::Down => "down (scroll / next item)",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::Open => "open the article / read it",
            Action::Back => "back (close overlay, to the list)",
            Action::ToggleHelp => "this help",
            Action::ToggleBoilerplate => "fold / unfold boilerplate",
            Action::OpenFinder => "find an article (fuzzy; Tab for full text)",
            Action::Search => "filter the list / search in the article",
            Action::NextHit => "next hit",
            Action::PrevHit => "previous hit",
            Action::ToggleFullText => "titles / full text",
            Action::DeleteChar => "delete a character",
            Action::DeleteWord => "delete a word",
            Action::ClearInput => "clear the query",
            Action::CycleTheme => "next theme",
            Action::Insert(_) => "type",
        }
    }
}
