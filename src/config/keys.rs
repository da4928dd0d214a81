//! Key bindings as data: the defaults (vim keys and arrows), and what a
//! config file may say about them. Names only; the TUI turns them into key
//! events and actions, and reports what it cannot.

/// The modes bindings belong to.
pub const MODES: &[&str] = &["normal", "help", "finder", "filter", "search"];

/// Every action a key can be bound to.
pub const ACTIONS: &[&str] = &[
    "quit",
    "focus_next",
    "focus_prev",
    "focus_left",
    "focus_right",
    "up",
    "down",
    "page_up",
    "page_down",
    "top",
    "bottom",
    "open",
    "back",
    "toggle_help",
    "toggle_boilerplate",
    "open_finder",
    "search",
    "next_hit",
    "prev_hit",
    "toggle_full_text",
    "delete_char",
    "delete_word",
    "clear_input",
    "cycle_theme",
];

/// The default bindings: (mode, key, action).
pub const DEFAULT_BINDINGS: &[(&str, &str, &str)] = &[
    ("normal", "q", "quit"),
    ("normal", "ctrl-c", "quit"),
    ("normal", "tab", "focus_next"),
    ("normal", "shift-tab", "focus_prev"),
    ("normal", "h", "focus_left"),
    ("normal", "left", "focus_left"),
    ("normal", "l", "focus_right"),
    ("normal", "right", "focus_right"),
    ("normal", "k", "up"),
    ("normal", "up", "up"),
    ("normal", "j", "down"),
    ("normal", "down", "down"),
    ("normal", "pageup", "page_up"),
    ("normal", "ctrl-b", "page_up"),
    ("normal", "pagedown", "page_down"),
    ("normal", "ctrl-f", "page_down"),
    ("normal", "space", "page_down"),
    ("normal", "g", "top"),
    ("normal", "home", "top"),
    ("normal", "G", "bottom"),
    ("normal", "end", "bottom"),
    ("normal", "enter", "open"),
    ("normal", "esc", "back"),
    ("normal", "b", "toggle_boilerplate"),
    ("normal", "?", "toggle_help"),
    ("normal", "ctrl-p", "open_finder"),
    ("normal", "/", "search"),
    ("normal", "n", "next_hit"),
    ("normal", "N", "prev_hit"),
    ("normal", "T", "cycle_theme"),
    ("help", "?", "toggle_help"),
    ("help", "esc", "back"),
    ("help", "q", "back"),
    ("help", "ctrl-c", "quit"),
    ("help", "j", "down"),
    ("help", "down", "down"),
    ("help", "k", "up"),
    ("help", "up", "up"),
    ("finder", "esc", "back"),
    ("finder", "enter", "open"),
    ("finder", "up", "up"),
    ("finder", "ctrl-p", "up"),
    ("finder", "ctrl-k", "up"),
    ("finder", "down", "down"),
    ("finder", "ctrl-n", "down"),
    ("finder", "ctrl-j", "down"),
    ("finder", "pageup", "page_up"),
    ("finder", "pagedown", "page_down"),
    ("finder", "tab", "toggle_full_text"),
    ("finder", "backspace", "delete_char"),
    ("finder", "ctrl-w", "delete_word"),
    ("finder", "ctrl-u", "clear_input"),
    ("finder", "ctrl-c", "quit"),
    ("filter", "esc", "back"),
    ("filter", "enter", "open"),
    ("filter", "up", "up"),
    ("filter", "ctrl-p", "up"),
    ("filter", "down", "down"),
    ("filter", "ctrl-n", "down"),
    ("filter", "backspace", "delete_char"),
    ("filter", "ctrl-w", "delete_word"),
    ("filter", "ctrl-u", "clear_input"),
    ("filter", "ctrl-c", "quit"),
    ("search", "esc", "back"),
    ("search", "enter", "open"),
    ("search", "backspace", "delete_char"),
    ("search", "ctrl-w", "delete_word"),
    ("search", "ctrl-u", "clear_input"),
    ("search", "ctrl-n", "next_hit"),
    ("search", "ctrl-p", "prev_hit"),
    ("search", "ctrl-c", "quit"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_name_known_modes_and_actions_without_conflicts() {
        let mut seen = std::collections::HashSet::new();
        for (mode, key, action) in DEFAULT_BINDINGS {
            assert!(MODES.contains(mode), "{mode}");
            assert!(ACTIONS.contains(action), "{action}");
            assert!(seen.insert((mode, key)), "{key} bound twice in {mode}");
        }
    }
}
