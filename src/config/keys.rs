//! Key bindings as data: the defaults (vim keys and arrows), and what a
//! config file may say about them. Names only; the TUI turns them into key
//! events and actions, and reports what it cannot.

/// The modes bindings belong to.
pub const MODES: &[&str] =
    &["normal", "help", "finder", "filter", "search", "visual", "editor", "notes", "prompt"];

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
    "toggle_mentions",
    "list_mentioning",
    "hide_entity",
    "merge_entity",
    "split_alias",
    "undo_correction",
    "add_note",
    "edit_note",
    "delete_note",
    "save_note",
    "all_notes",
    "next_note",
    "prev_note",
    "toggle_inline_notes",
    "reattach_note",
    "switch_sidebar",
    "visual",
    "yank",
    "swap_ends",
    "word_forward",
    "word_back",
    "sentence_forward",
    "sentence_back",
    "paragraph_forward",
    "paragraph_back",
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
    ("normal", "m", "toggle_mentions"),
    ("normal", "f", "list_mentioning"),
    ("normal", "x", "hide_entity"),
    ("normal", "+", "merge_entity"),
    ("normal", "S", "split_alias"),
    ("normal", "u", "undo_correction"),
    ("normal", "a", "add_note"),
    ("normal", "e", "edit_note"),
    ("normal", "d", "delete_note"),
    ("normal", "v", "visual"),
    ("normal", "]", "next_note"),
    ("normal", "[", "prev_note"),
    ("normal", "i", "toggle_inline_notes"),
    ("normal", "s", "switch_sidebar"),
    ("normal", "M", "all_notes"),
    ("normal", "A", "reattach_note"),
    ("visual", "esc", "back"),
    ("visual", "v", "back"),
    ("visual", "w", "word_forward"),
    ("visual", "e", "word_forward"),
    ("visual", "l", "word_forward"),
    ("visual", "right", "word_forward"),
    ("visual", "b", "word_back"),
    ("visual", "h", "word_back"),
    ("visual", "left", "word_back"),
    ("visual", ")", "sentence_forward"),
    ("visual", "(", "sentence_back"),
    ("visual", "}", "paragraph_forward"),
    ("visual", "{", "paragraph_back"),
    ("visual", "j", "down"),
    ("visual", "down", "down"),
    ("visual", "k", "up"),
    ("visual", "up", "up"),
    ("visual", "o", "swap_ends"),
    ("visual", "a", "add_note"),
    ("visual", "y", "yank"),
    ("visual", "ctrl-c", "quit"),
    ("editor", "ctrl-s", "save_note"),
    ("editor", "esc", "back"),
    ("editor", "ctrl-c", "quit"),
    ("notes", "esc", "back"),
    ("notes", "enter", "open"),
    ("notes", "up", "up"),
    ("notes", "ctrl-p", "up"),
    ("notes", "down", "down"),
    ("notes", "ctrl-n", "down"),
    ("notes", "tab", "toggle_full_text"),
    ("notes", "ctrl-e", "edit_note"),
    ("notes", "ctrl-d", "delete_note"),
    ("notes", "backspace", "delete_char"),
    ("notes", "ctrl-w", "delete_word"),
    ("notes", "ctrl-u", "clear_input"),
    ("notes", "ctrl-c", "quit"),
    ("prompt", "r", "open"),
    ("prompt", "enter", "open"),
    ("prompt", "d", "delete_note"),
    ("prompt", "esc", "back"),
    ("prompt", "ctrl-c", "quit"),
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

/// The modes where some key other than ctrl-c must quit or go back: a
/// config that leaves none would shut the user in.
pub const ESCAPE_MODES: &[&str] = &["normal", "finder", "filter", "search"];

/// The key that always quits, whatever a config says.
pub const ALWAYS_QUITS: &str = "ctrl-c";

/// A key without modifiers, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Delete,
    Insert,
    F(u8),
}

/// A key with its modifiers, as a config names it, normalized so that two
/// spellings of one key compare equal ("G" and "shift-g"). The TUI maps it
/// to terminal key events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    pub name: KeyName,
    pub ctrl: bool,
    pub alt: bool,
    pub shift: bool,
}

impl KeySpec {
    /// Parses "j", "G", "?", "ctrl-c", "shift-tab", "pagedown", "enter", "f1".
    pub fn parse(s: &str) -> Result<KeySpec, String> {
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, flag) = if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                (5, &mut ctrl)
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                (4, &mut alt)
            } else if lower.starts_with("shift-") || lower.starts_with("shift+") {
                (6, &mut shift)
            } else {
                break;
            };
            if rest.len() == prefix {
                break;
            }
            *flag = true;
            rest = &rest[prefix..];
        }
        let name = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyName::Enter,
            "esc" | "escape" => KeyName::Esc,
            "tab" => KeyName::Tab,
            "backtab" => {
                shift = true;
                KeyName::Tab
            }
            "space" => KeyName::Char(' '),
            "backspace" => KeyName::Backspace,
            "up" => KeyName::Up,
            "down" => KeyName::Down,
            "left" => KeyName::Left,
            "right" => KeyName::Right,
            "pageup" | "pgup" => KeyName::PageUp,
            "pagedown" | "pgdn" => KeyName::PageDown,
            "home" => KeyName::Home,
            "end" => KeyName::End,
            "delete" | "del" => KeyName::Delete,
            "insert" => KeyName::Insert,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyName::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => {
                        if shift && c.is_ascii_lowercase() {
                            KeyName::Char(c.to_ascii_uppercase())
                        } else {
                            KeyName::Char(c)
                        }
                    }
                    _ => {
                        return Err(format!("unknown key '{}'", crate::corpus::sanitize::sanitize_label(s)));
                    }
                }
            }
        };
        // Shift is part of a character ("G", "?").
        if matches!(name, KeyName::Char(_)) {
            shift = false;
        }
        Ok(KeySpec { name, ctrl, alt, shift })
    }

    /// Whether this is the key that always quits.
    pub fn always_quits(&self) -> bool {
        KeySpec::parse(ALWAYS_QUITS).is_ok_and(|k| k == *self)
    }
}

/// Whether `name` is an action a key can be bound to.
pub fn is_action(name: &str) -> bool {
    ACTIONS.contains(&name)
}

/// With `overrides` (key, action or "none") applied to the defaults of
/// `mode`, is some key other than ctrl-c left to quit or go back?
pub fn leaves_a_way_out(mode: &str, overrides: &[(KeySpec, &str)]) -> bool {
    let mut bound: Vec<(KeySpec, &str)> = DEFAULT_BINDINGS
        .iter()
        .filter(|(m, _, _)| *m == mode)
        .filter_map(|&(_, k, a)| Some((KeySpec::parse(k).ok()?, a)))
        .collect();
    for &(key, action) in overrides {
        bound.retain(|(k, _)| *k != key);
        if action != "none" && !action.is_empty() {
            bound.push((key, action));
        }
    }
    bound.iter().any(|(k, a)| !k.always_quits() && matches!(*a, "quit" | "back"))
}

/// The keys that quit or go back in `mode` by default (other than ctrl-c),
/// by name.
pub fn default_ways_out(mode: &str) -> Vec<(&'static str, KeySpec)> {
    DEFAULT_BINDINGS
        .iter()
        .filter(|(m, _, a)| *m == mode && matches!(*a, "quit" | "back"))
        .filter_map(|&(_, k, _)| Some((k, KeySpec::parse(k).ok()?)))
        .filter(|(_, k)| !k.always_quits())
        .collect()
}

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

    #[test]
    fn key_names_normalize() {
        let k = |s| KeySpec::parse(s).unwrap();
        assert_eq!(k("G"), k("shift-g"));
        assert_eq!(k("backtab"), k("shift-tab"));
        assert_eq!(k("ctrl+c"), k("CTRL-c"));
        assert!(k("ctrl-c").always_quits());
        assert!(KeySpec::parse("nonsense").is_err());
        assert!(KeySpec::parse("\u{1b}").is_err());
    }

    #[test]
    fn every_default_mode_that_needs_one_has_a_way_out() {
        for mode in ESCAPE_MODES {
            assert!(leaves_a_way_out(mode, &[]), "{mode}");
            assert!(!default_ways_out(mode).is_empty(), "{mode}");
        }
        let esc = KeySpec::parse("esc").unwrap();
        assert!(!leaves_a_way_out("finder", &[(esc, "none")]));
        assert!(leaves_a_way_out("finder", &[(esc, "back")]));
    }
}
