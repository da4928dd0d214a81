//! The reader pane as a component: the open article's layout, how far it
//! is scrolled, and the reader's switches (folding boilerplate, inline
//! notes, every mention highlighted), with how it answers keys. The layout
//! itself is `reader.rs`; drawing is `ui/reader.rs`.

use super::action::Action;
use super::reader::{Layout, MAX_TEXT_WIDTH};

/// The reader pane's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderView {
    /// The open article laid out for the pane's width.
    pub layout: Layout,
    /// The first display line shown.
    pub scroll: usize,
    pub fold_boilerplate: bool,
    /// Widest the text column gets.
    pub max_width: u16,
    /// Show note texts under their passages.
    pub inline_notes: bool,
    /// Every entity mention highlighted, colored by kind.
    pub show_mentions: bool,
}

impl Default for ReaderView {
    fn default() -> ReaderView {
        ReaderView {
            layout: Layout::default(),
            scroll: 0,
            fold_boilerplate: true,
            max_width: MAX_TEXT_WIDTH,
            inline_notes: false,
            show_mentions: false,
        }
    }
}

/// What the reader asks of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderOut {
    /// Not the reader's action.
    Ignored,
    Stay,
    /// Done; say this on the status line.
    Say(&'static str),
}

impl ReaderView {
    /// The furthest it scrolls with `height` lines in view.
    pub fn max_scroll(&self, height: usize) -> usize {
        self.layout.lines.len().saturating_sub(height)
    }

    /// Scrolls by `delta` lines, within the article.
    pub fn scroll_by(&mut self, delta: isize, height: usize) {
        let target = (self.scroll as isize).saturating_add(delta);
        self.scroll = target.clamp(0, self.max_scroll(height) as isize) as usize;
    }

    /// One action for the reader's switches (scrolling is `scroll_by`, as
    /// the mouse scrolls it too).
    pub fn update(&mut self, action: Action) -> ReaderOut {
        match action {
            Action::ToggleBoilerplate => {
                self.fold_boilerplate = !self.fold_boilerplate;
                ReaderOut::Stay
            }
            Action::ToggleMentions => ReaderOut::Say(flip(
                &mut self.show_mentions,
                "all entity mentions highlighted",
                "mention highlights off",
            )),
            Action::ToggleInlineNotes => ReaderOut::Say(flip(
                &mut self.inline_notes,
                "notes shown under their passages",
                "inline notes hidden",
            )),
            _ => ReaderOut::Ignored,
        }
    }
}

/// Turns a switch over; what to say about where it now stands.
fn flip(switch: &mut bool, on: &'static str, off: &'static str) -> &'static str {
    *switch = !*switch;
    if *switch { on } else { off }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_say_what_they_did() {
        let mut r = ReaderView::default();
        assert_eq!(r.update(Action::ToggleMentions), ReaderOut::Say("all entity mentions highlighted"));
        assert_eq!(r.update(Action::ToggleBoilerplate), ReaderOut::Stay);
        assert!(!r.fold_boilerplate);
        assert_eq!(r.update(Action::Down), ReaderOut::Ignored);
        r.scroll_by(5, 10);
        assert_eq!(r.scroll, 0, "an empty layout does not scroll");
    }
}
