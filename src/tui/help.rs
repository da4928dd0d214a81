//! The help overlay (`?`): how far it is scrolled, and how it answers keys.
//! Drawn by `ui/help.rs`.

use super::action::Action;

/// The help overlay's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    pub scroll: usize,
}

/// What the help overlay asks of the app after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpOut {
    Stay,
    Close,
    Quit,
}

impl Help {
    pub fn update(&mut self, action: Action) -> HelpOut {
        match action {
            Action::Back | Action::ToggleHelp => HelpOut::Close,
            Action::Quit => HelpOut::Quit,
            Action::Down => {
                self.scroll += 1;
                HelpOut::Stay
            }
            Action::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                HelpOut::Stay
            }
            _ => HelpOut::Stay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_scrolls_and_closes() {
        let mut h = Help::default();
        assert_eq!(h.update(Action::Up), HelpOut::Stay);
        assert_eq!(h.scroll, 0);
        h.update(Action::Down);
        h.update(Action::Down);
        assert_eq!(h.scroll, 2);
        assert_eq!(h.update(Action::ToggleHelp), HelpOut::Close);
        assert_eq!(h.update(Action::Quit), HelpOut::Quit);
    }
}
