//! Keys to actions, as data. The defaults cover vim keys and arrows; the help
//! overlay is generated from the active keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use std::collections::BTreeMap;

use super::action::Action;
use crate::config::keys::{ESCAPE_MODES, KeyName, KeySpec, action_names, default_bindings};

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
    /// The defaults with a config file's `[keys.MODE]` tables applied. A
    /// binding replaces the default for its key; "none" unbinds the key.
    /// Unknown modes, keys and actions, and two bindings for one key, are
    /// reported and skipped.
    pub fn with_overrides(overrides: &BTreeMap<String, BTreeMap<String, String>>) -> (Keymap, Vec<String>) {
        let mut km = Keymap::default();
        let mut problems = Vec::new();
        for (mode_name, table) in overrides {
            let Some(mode) = Mode::from_name(mode_name) else {
                problems
                    .push(format!("[keys.{mode_name}]: unknown mode (modes: {})", Mode::names().join(", ")));
                continue;
            };
            let mut seen: Vec<(Key, &str)> = Vec::new();
            for (key_name, action_name) in table {
                let key = match Key::parse(key_name) {
                    Ok(k) => k,
                    Err(e) => {
                        problems.push(format!("[keys.{mode_name}] {e}"));
                        continue;
                    }
                };
                if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                    problems.push(format!(
                        "[keys.{mode_name}] '{key_name}' and '{other}' are the same key ({key}); '{key_name}' is ignored"
                    ));
                    continue;
                }
                seen.push((key, key_name));
                if key == Key::ctrl_c() && action_name != "quit" {
                    problems.push(format!("[keys.{mode_name}] '{key_name}': ctrl-c always quits; ignored"));
                    continue;
                }
                let action = match action_name.as_str() {
                    "none" | "" => None,
                    name => match Action::from_name(name) {
                        Some(a) => Some(a),
                        None => {
                            problems.push(format!(
                                "[keys.{mode_name}] '{key_name}': unknown action '{name}' (actions: {})",
                                action_names().join(", ")
                            ));
                            continue;
                        }
                    },
                };
                km.bindings.retain(|(m, k, _)| !(*m == mode && *k == key));
                if let Some(a) = action {
                    km.bindings.push((mode, key, a));
                }
            }
        }
        for &mode in ESCAPE_MODES {
            let way_out = |km: &Keymap| {
                km.bindings.iter().any(|(m, k, a)| {
                    *m == mode && *k != Key::ctrl_c() && matches!(a, Action::Quit | Action::Back)
                })
            };
            if !way_out(&km) {
                // Refused: the default keys to quit and go back stay.
                let defaults = Keymap::default();
                for &(m, k, a) in &defaults.bindings {
                    if m == mode && k != Key::ctrl_c() && matches!(a, Action::Quit | Action::Back) {
                        km.bindings.retain(|(m2, k2, _)| !(*m2 == mode && *k2 == k));
                        km.bindings.push((m, k, a));
                    }
                }
                problems.push(format!(
                    "[keys.{}]: no key is left to quit or go back; the default keys for them are kept",
                    mode.name()
                ));
            }
        }
        (km, problems)
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

    #[test]
    fn overrides_replace_unbind_and_report() {
        let mut o: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let normal = o.entry("normal".into()).or_default();
        normal.insert("x".into(), "quit".into());
        normal.insert("q".into(), "none".into());
        normal.insert("ctrl-o".into(), "open_finder".into());
        normal.insert("G".into(), "top".into());
        normal.insert("shift-g".into(), "bottom".into());
        normal.insert("z".into(), "explode".into());
        normal.insert("ctrl-".into(), "quit".into());
        o.entry("nosuchmode".into()).or_default().insert("a".into(), "quit".into());
        let (km, problems) = Keymap::with_overrides(&o);
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
        let all = problems.join("\n");
        assert!(
            all.contains("'shift-g' and 'G' are the same key")
                || all.contains("'G' and 'shift-g' are the same key"),
            "{all}"
        );
        assert!(all.contains("unknown action 'explode'"), "{all}");
        assert!(all.contains("unknown key 'ctrl-'") || all.contains("ctrl-"), "{all}");
        assert!(all.contains("[keys.nosuchmode]: unknown mode"), "{all}");
        assert_eq!(problems.len(), 4, "{all}");
    }

    #[test]
    fn a_keymap_that_would_shut_the_user_in_keeps_its_ways_out() {
        let mut o: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        let normal = o.entry("normal".into()).or_default();
        normal.insert("q".into(), "none".into());
        normal.insert("esc".into(), "top".into());
        o.entry("finder".into()).or_default().insert("esc".into(), "none".into());
        let (km, problems) = Keymap::with_overrides(&o);
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(km.action(Mode::Finder, &ev(KeyCode::Esc, KeyModifiers::NONE)), Some(Action::Back));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems.iter().all(|p| p.contains("no key is left to quit or go back")), "{problems:?}");
    }

    #[test]
    fn ctrl_c_quits_whatever_the_config_says() {
        let mut o: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        o.entry("normal".into()).or_default().insert("ctrl-c".into(), "top".into());
        o.entry("editor".into()).or_default().insert("ctrl-c".into(), "none".into());
        let (km, problems) = Keymap::with_overrides(&o);
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
        assert_eq!(km.action(Mode::Normal, &ev(KeyCode::Char('c'), KeyModifiers::NONE)), None);
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
