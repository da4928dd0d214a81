//! Key bindings as data: the defaults (vim keys and arrows), and what a
//! config file may say about them. Names only; the TUI turns them into key
//! events and actions, and reports what it cannot.

use std::sync::OnceLock;

use super::actions::Action;

/// Declares the modes: `Variant => "config_name", takes_text;`.
macro_rules! modes {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $takes_text:literal;)*) => {
        /// Where a binding applies.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Mode {
            $($(#[$doc])* $variant,)*
        }

        impl Mode {
            pub const ALL: &[Mode] = &[$(Mode::$variant),*];

            /// The mode's name in config files (`[keys.notes]`).
            pub fn name(self) -> &'static str {
                match self {
                    $(Mode::$variant => $name,)*
                }
            }

            /// Modes where unbound characters are typed into a query.
            pub fn takes_text(self) -> bool {
                match self {
                    $(Mode::$variant => $takes_text,)*
                }
            }
        }
    };
}

modes! {
    /// The panes.
    Normal => "normal", false;
    /// The help overlay is open.
    Help => "help", false;
    /// Typing in the finder overlay.
    Finder => "finder", true;
    /// Typing a filter for the article list.
    Filter => "filter", true;
    /// Typing a search inside the open article.
    Search => "search", true;
    /// Selecting a passage in the reader.
    Visual => "visual", false;
    /// Writing a note (keys go to the editor unless bound here).
    Editor => "editor", false;
    /// The all-notes overlay (typing filters it).
    NotesView => "notes", true;
    /// A question (restore a draft?).
    Prompt => "prompt", false;
}

impl Mode {
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.iter().copied().find(|m| m.name() == name)
    }

    /// The names of all modes, for messages.
    pub fn names() -> Vec<&'static str> {
        Mode::ALL.iter().map(|m| m.name()).collect()
    }
}

/// The names of every action a key can be bound to, for messages.
pub fn action_names() -> Vec<&'static str> {
    Action::ALL.iter().map(|a| a.name()).collect()
}

/// The default key bindings, as a config file's `[keys.MODE]` tables.
pub const DEFAULT_KEYS: &str = include_str!("default_keys.toml");

/// One default binding: the key as `default_keys.toml` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefaultBinding {
    pub mode: Mode,
    pub key: String,
    pub spec: KeySpec,
    pub action: Action,
}

/// The default bindings, in the order of `default_keys.toml`, read by the
/// code that reads the user's config ([`super::check`]).
pub fn default_bindings() -> &'static [DefaultBinding] {
    static DEFAULTS: OnceLock<Vec<DefaultBinding>> = OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let (tables, _problems) = super::check::default_key_tables(DEFAULT_KEYS);
        tables
            .into_iter()
            .flat_map(|(mode, bindings)| {
                bindings.into_iter().filter_map(move |(key, action)| {
                    Some(DefaultBinding {
                        mode,
                        spec: KeySpec::parse(&key).ok()?,
                        action: Action::from_name(&action)?,
                        key,
                    })
                })
            })
            .collect()
    })
}

/// The modes where some key other than ctrl-c must quit or go back: a
/// config that leaves none would shut the user in.
pub const ESCAPE_MODES: &[Mode] = &[Mode::Normal, Mode::Finder, Mode::Filter, Mode::Search];

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
    Action::from_name(name).is_some()
}

/// With `overrides` (key, action or "none") applied to the defaults of
/// `mode`, is some key other than ctrl-c left to quit or go back?
pub fn leaves_a_way_out(mode: Mode, overrides: &[(KeySpec, &str)]) -> bool {
    let mut bound: Vec<(KeySpec, &str)> =
        default_bindings().iter().filter(|b| b.mode == mode).map(|b| (b.spec, b.action.name())).collect();
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
pub fn default_ways_out(mode: Mode) -> Vec<(&'static str, KeySpec)> {
    default_bindings()
        .iter()
        .filter(|b| b.mode == mode && matches!(b.action, Action::Quit | Action::Back))
        .map(|b| (b.key.as_str(), b.spec))
        .filter(|(_, k)| !k.always_quits())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_keys_file_reads_without_problems_or_conflicts() {
        let (tables, problems) = super::super::check::default_key_tables(DEFAULT_KEYS);
        assert!(problems.is_empty(), "{problems:?}");
        let written: usize = tables.iter().map(|(_, b)| b.len()).sum();
        assert_eq!(default_bindings().len(), written);
        assert!(written > 100, "{written}");
        let mut seen = std::collections::HashSet::new();
        for b in default_bindings() {
            assert!(seen.insert((b.mode, b.spec)), "{} bound twice in {:?}", b.key, b.mode);
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
        for &mode in ESCAPE_MODES {
            assert!(leaves_a_way_out(mode, &[]), "{mode:?}");
            assert!(!default_ways_out(mode).is_empty(), "{mode:?}");
        }
        let esc = KeySpec::parse("esc").unwrap();
        assert!(!leaves_a_way_out(Mode::Finder, &[(esc, "none")]));
        assert!(leaves_a_way_out(Mode::Finder, &[(esc, "back")]));
    }
}
