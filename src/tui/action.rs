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
        Action::ToggleHelp,
        Action::Quit,
    ];

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
        }
    }
}
