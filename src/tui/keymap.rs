//! Keys to actions, as data. The defaults cover vim keys and arrows; the help
//! overlay is generated from the active keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use std::collections::BTreeMap;

use super::action::Action;
use crate::config::keys::{KeyName, KeySpec, default_bindings};

pub use crate::config::keys::Mode;

/// A key with its modifiers, normalized (Shift is part of a character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::BackTab => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            c => c,
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    /// Parses "j", "G", "?", "ctrl-c", "shift-tab", "pagedown", "enter", "f1"
    /// (the names of [`KeySpec`], which the config checks with).
    pub fn parse(s: &str) -> Result<Key, String> {
        KeySpec::parse(s).map(Key::from)
    }

    /// The key that always quits.
    pub fn ctrl_c() -> Key {
        Key { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }
    }
}

impl From<KeySpec> for Key {
    fn from(k: KeySpec) -> Key {
        let code = match k.name {
            KeyName::Char(c) => KeyCode::Char(c),
            KeyName::Enter => KeyCode::Enter,
            KeyName::Esc => KeyCode::Esc,
            KeyName::Tab => KeyCode::Tab,
            KeyName::Backspace => KeyCode::Backspace,
            KeyName::Up => KeyCode::Up,
            KeyName::Down => KeyCode::Down,
            KeyName::Left => KeyCode::Left,
            KeyName::Right => KeyCode::Right,
            KeyName::PageUp => KeyCode::PageUp,
            KeyName::PageDown => KeyCode::PageDown,
            KeyName::Home => KeyCode::Home,
            KeyName::End => KeyCode::End,
            KeyName::Delete => KeyCode::Delete,
            KeyName::Insert => KeyCode::Insert,
            KeyName::F(n) => KeyCode::F(n),
        };
        let mut mods = KeyModifiers::NONE;
        for (on, m) in
            [(k.ctrl, KeyModifiers::CONTROL), (k.alt, KeyModifiers::ALT), (k.shift, KeyModifiers::SHIFT)]
        {
            if on {
                mods |= m;
            }
        }
        Key { code, mods }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The active bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Mode, Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = default_bindings().iter().map(|b| (b.mode, Key::from(b.spec), b.action)).collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the `[keys.MODE]` tables applied that
    /// [`crate::config::check`] accepted (the one place key tables are
    /// validated: unknown modes, keys and actions, one key twice, Ctrl-C
    /// rebound and a mode left with no way out are reported and left out
    /// there). A binding replaces the default for its key; "none" unbinds
    /// it. Anything that does not parse (possible only for tables that were
    /// never checked) is skipped.
    pub fn apply(tables: &BTreeMap<String, BTreeMap<String, String>>) -> Keymap {
        let mut km = Keymap::default();
        for (mode_name, table) in tables {
            let Some(mode) = Mode::from_name(mode_name) else { continue };
            for (key_name, action_name) in table {
                let Ok(key) = Key::parse(key_name) else { continue };
                let action = match action_name.as_str() {
                    "none" | "" => None,
                    name => match Action::from_name(name) {
                        Some(a) => Some(a),
                        None => continue,
                    },
                };
                km.bindings.retain(|(m, k, _)| !(*m == mode && *k == key));
                km.bindings.extend(action.map(|a| (mode, key, a)));
            }
        }
        km
    }

    /// The action bound to a key event in a mode. Key releases (sent by some
    /// terminals with the kitty protocol) are ignored.
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
        if key == Key::ctrl_c() {
            // Whatever a config says, Ctrl-C quits.
            return Some(Action::Quit);
        }
        let bound = self.bindings.iter().find(|(m, k, _)| *m == mode && *k == key).map(|(_, _, a)| *a);
        if bound.is_some() || !mode.takes_text() {
            return bound;
        }
        // In a text field, an unbound character is typed.
        match key.code {
            KeyCode::Char(c) if !key.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                Some(Action::Insert(c))
            }
            _ => None,
        }
    }

    /// The keys bound to an action in a mode, in binding order.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.bindings.iter().filter(|(m, _, a)| *m == mode && *a == action).map(|(_, k, _)| *k).collect()
    }

    /// The first key for an action, as shown in hints ("?" for help).
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.keys_for(mode, action).first().map(Key::to_string).unwrap_or_else(|| "—".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_default_binding_is_in_the_keymap() {
        assert_eq!(Keymap::default().bindings.len(), default_bindings().len());
    }

    /// The keymap a config file gives: checked by `config::check`, then applied.
    fn from_config(text: &str) -> (Keymap, Vec<String>) {
        let checked = crate::config::check::check("config.toml", text);
        let problems = checked.problems.iter().map(|p| p.to_string()).collect();
        (checked.config.keys.as_ref().map(Keymap::apply).unwrap_or_default(), problems)
    }

    #[test]
    fn overrides_replace_unbind_and_what_check_refused_stays_default() {
        let (km, problems) = from_config(
            "[keys.normal]\nx = \"quit\"\nq = \"none\"\n\"ctrl-o\" = \"open_finder\"\nG = \"top\"\n\
             \"shift-g\" = \"bottom\"\nz = \"explode\"\n\"ctrl-\" = \"quit\"\n\
             [keys.nosuchmode]\na = \"quit\"\n",
        );
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Char('x'), KeyModifiers::NONE)), Some(Action::Quit));
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::Char('o'), KeyModifiers::CONTROL)),
            Some(Action::OpenFinder)
        );
        // ctrl-p still opens the finder: overrides only touch the keys they name.
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::Char('p'), KeyModifiers::CONTROL)),
            Some(Action::OpenFinder)
        );
        // The first of two spellings of one key wins; the refused ones change nothing.
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Top));
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::Char('z'), KeyModifiers::NONE)),
            Some(Action::ExpandGroup)
        );
        assert_eq!(problems.len(), 4, "{problems:?}");
    }

    #[test]
    fn a_keymap_that_would_shut_the_user_in_keeps_its_ways_out() {
        let (km, problems) =
            from_config("[keys.normal]\nq = \"none\"\nesc = \"top\"\n[keys.finder]\nesc = \"none\"\n");
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(km.action(Mode::Finder, &ev(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.contains("no key is left to quit or go back")), "{problems:?}");
    }

    #[test]
    fn ctrl_c_quits_whatever_the_config_says() {
        let (km, problems) =
            from_config("[keys.normal]\n\"ctrl-c\" = \"top\"\n[keys.editor]\n\"ctrl-c\" = \"none\"\n");
        let ctrl_c = ev(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for &mode in Mode::ALL {
            assert_eq!(km.action(mode, &ctrl_c), Some(Action::Quit), "{mode:?}");
        }
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn shifted_characters_and_backtab() {
        let km = Keymap::default();
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::ToggleHelp)
        );
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            km.action(Mode::Normal, &ev(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_ne!(km.action(Mode::Normal, &ev(KeyCode::Char('c'), KeyModifiers::NONE)), Some(Action::Quit));
    }

    #[test]
    fn parse_and_display_round_trip() {
        for s in ["ctrl-c", "shift-tab", "G", "pagedown", "f5", "space", "alt-x"] {
            let k = Key::parse(s).unwrap();
            assert_eq!(Key::parse(&k.to_string()), Ok(k), "{s} -> {k}");
        }
        assert!(Key::parse("nonsense").is_err());
    }
}
