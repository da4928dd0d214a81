//! Selecting a passage in the reader (`v`): motions by word, sentence,
//! paragraph and line over the article body, then a note (`a`) or a citation
//! copied to the clipboard (`y`).

use super::App;
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::layout::Pane;
use crate::tui::overlay::Overlay;
use crate::tui::selection::{Selection, VisualOut, word_forward};

impl App {
    // ----- visual selection -----

    pub fn start_visual(&mut self) {
        let Some(idx) = self.current() else { return };
        let article = self.catalog.article_or_placeholder(idx);
        let body = &article.body;
        let start = match self.highlighted().and_then(|(hits, c)| c.and_then(|c| hits.get(c))) {
            Some(hit) => hit.start,
            None => self
                .reader
                .layout
                .lines
                .iter()
                .skip(self.reader.scroll)
                .find(|l| l.role == crate::tui::reader::Role::Text)
                .map_or(0, |l| l.range.start),
        };
        let end = word_forward(body, start);
        self.overlay = Overlay::Visual(Selection { anchor: start, head: end });
        self.focus = Pane::Reader;
    }

    /// Routes an action to the selection, then does what it asks.
    pub(crate) fn visual_action(&mut self, action: Action) {
        let Some(idx) = self.current() else { return };
        let Some(mut sel) = self.overlay.visual() else {
            self.overlay = Overlay::None;
            return;
        };
        let a = self.catalog.article_or_placeholder(idx);
        let body = &a.body;
        match sel.update(action, body, &self.reader.layout) {
            VisualOut::Moved => {
                self.overlay = Overlay::Visual(sel);
                self.scroll_to_offset(sel.head);
            }
            VisualOut::Close => {
                self.overlay = Overlay::None;
                self.reattach = None;
            }
            VisualOut::Quit => self.quit = true,
            VisualOut::Note => {
                if let Some(id) = self.reattach.take() {
                    self.overlay = Overlay::None;
                    let version = self.notes.iter().find(|n| n.id == id).map(|n| n.version);
                    if let Some(version) = version {
                        let anchor = crate::notes::Anchor::capture(body, sel.range());
                        self.effects.push(Effect::Reattach { id, version, anchor });
                    }
                    return;
                }
                self.add_note();
            }
            VisualOut::Yank => {
                let quote = a.body.get(sel.range()).unwrap_or("");
                self.effects.push(Effect::Copy(crate::tui::cite::citation(&a, Some(quote))));
                self.overlay = Overlay::None;
            }
        }
    }
}
