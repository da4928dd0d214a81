//! Keys to actions, as data. The defaults cover vim keys and arrows; the help
//! overlay is generated from the active keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The panes.
    Normal,
    /// The help overlay is open.
    Help,
    /// Typing in the finder overlay.
    Finder,
    /// Typing a filter for the article list.
    Filter,
    /// Typing a search inside the open article.
    Search,
}

impl Mode {
    /// Modes where unbound characters are typed into a query.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Finder | Mode::Filter | Mode::Search)
    }

    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Help => "help",
            Mode::Finder => "finder",
            Mode::Filter => "filter",
            Mode::Search => "search",
        }
    }
}

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

    /// Parses "j", "G", "?", "ctrl-c", "shift-tab", "pagedown", "enter", "f1".
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") || lower.starts_with("ctrl+") {
                (5, KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") || lower.starts_with("alt+") {
                (4, KeyModifiers::ALT)
            } else if lower.starts_with("shift-") || lower.starts_with("shift+") {
                (6, KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix {
                break;
            }
            mods |= m;
            rest = &rest[prefix..];
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Tab
            }
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => {
                        if c.is_ascii_uppercase() {
                            mods.remove(KeyModifiers::SHIFT);
                        }
                        if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_lowercase() {
                            mods.remove(KeyModifiers::SHIFT);
                            return Ok(Key { code: KeyCode::Char(c.to_ascii_uppercase()), mods });
                        }
                        KeyCode::Char(c)
                    }
                    _ => return Err(format!("unknown key '{s}'")),
                }
            }
        };
        if matches!(code, KeyCode::Char(_)) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Ok(Key { code, mods })
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

/// The default bindings: (mode, key, action).
pub const DEFAULT_BINDINGS: &[(Mode, &str, Action)] = &[
    (Mode::Normal, "q", Action::Quit),
    (Mode::Normal, "ctrl-c", Action::Quit),
    (Mode::Normal, "tab", Action::FocusNext),
    (Mode::Normal, "shift-tab", Action::FocusPrev),
    (Mode::Normal, "h", Action::FocusLeft),
    (Mode::Normal, "left", Action::FocusLeft),
    (Mode::Normal, "l", Action::FocusRight),
    (Mode::Normal, "right", Action::FocusRight),
    (Mode::Normal, "k", Action::Up),
    (Mode::Normal, "up", Action::Up),
    (Mode::Normal, "j", Action::Down),
    (Mode::Normal, "down", Action::Down),
    (Mode::Normal, "pageup", Action::PageUp),
    (Mode::Normal, "ctrl-b", Action::PageUp),
    (Mode::Normal, "pagedown", Action::PageDown),
    (Mode::Normal, "ctrl-f", Action::PageDown),
    (Mode::Normal, "space", Action::PageDown),
    (Mode::Normal, "g", Action::Top),
    (Mode::Normal, "home", Action::Top),
    (Mode::Normal, "G", Action::Bottom),
    (Mode::Normal, "end", Action::Bottom),
    (Mode::Normal, "enter", Action::Open),
    (Mode::Normal, "esc", Action::Back),
    (Mode::Normal, "b", Action::ToggleBoilerplate),
    (Mode::Normal, "?", Action::ToggleHelp),
    (Mode::Normal, "ctrl-p", Action::OpenFinder),
    (Mode::Normal, "/", Action::Search),
    (Mode::Normal, "n", Action::NextHit),
    (Mode::Normal, "N", Action::PrevHit),
    (Mode::Help, "?", Action::ToggleHelp),
    (Mode::Help, "esc", Action::Back),
    (Mode::Help, "q", Action::Back),
    (Mode::Help, "ctrl-c", Action::Quit),
    (Mode::Help, "j", Action::Down),
    (Mode::Help, "down", Action::Down),
    (Mode::Help, "k", Action::Up),
    (Mode::Help, "up", Action::Up),
    (Mode::Finder, "esc", Action::Back),
    (Mode::Finder, "enter", Action::Open),
    (Mode::Finder, "up", Action::Up),
    (Mode::Finder, "ctrl-p", Action::Up),
    (Mode::Finder, "ctrl-k", Action::Up),
    (Mode::Finder, "down", Action::Down),
    (Mode::Finder, "ctrl-n", Action::Down),
    (Mode::Finder, "ctrl-j", Action::Down),
    (Mode::Finder, "pageup", Action::PageUp),
    (Mode::Finder, "pagedown", Action::PageDown),
    (Mode::Finder, "tab", Action::ToggleFullText),
    (Mode::Finder, "backspace", Action::DeleteChar),
    (Mode::Finder, "ctrl-w", Action::DeleteWord),
    (Mode::Finder, "ctrl-u", Action::ClearInput),
    (Mode::Finder, "ctrl-c", Action::Quit),
    (Mode::Filter, "esc", Action::Back),
    (Mode::Filter, "enter", Action::Open),
    (Mode::Filter, "up", Action::Up),
    (Mode::Filter, "ctrl-p", Action::Up),
    (Mode::Filter, "down", Action::Down),
    (Mode::Filter, "ctrl-n", Action::Down),
    (Mode::Filter, "backspace", Action::DeleteChar),
    (Mode::Filter, "ctrl-w", Action::DeleteWord),
    (Mode::Filter, "ctrl-u", Action::ClearInput),
    (Mode::Filter, "ctrl-c", Action::Quit),
    (Mode::Search, "esc", Action::Back),
    (Mode::Search, "enter", Action::Open),
    (Mode::Search, "backspace", Action::DeleteChar),
    (Mode::Search, "ctrl-w", Action::DeleteWord),
    (Mode::Search, "ctrl-u", Action::ClearInput),
    (Mode::Search, "ctrl-n", Action::NextHit),
    (Mode::Search, "ctrl-p", Action::PrevHit),
    (Mode::Search, "ctrl-c", Action::Quit),
];

/// The active bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Mode, Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT_BINDINGS
            .iter()
            .filter_map(|&(mode, key, action)| Key::parse(key).ok().map(|k| (mode, k, action)))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The action bound to a key event in a mode. Key releases (sent by some
    /// terminals with the kitty protocol) are ignored.
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key::from_event(ev);
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
    fn every_default_binding_parses() {
        for (_, key, _) in DEFAULT_BINDINGS {
            assert!(Key::parse(key).is_ok(), "{key}");
        }
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
