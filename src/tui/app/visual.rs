//! Selecting a passage in the reader (`v`): motions by word, sentence,
//! paragraph and line over the article body, then a note (`a`) or a citation
//! copied to the clipboard (`y`).

use super::App;
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::layout::Pane;
use crate::tui::overlay::Overlay;
use crate::tui::selection::{Selection, sentence_back, sentence_forward, word_back, word_forward};

impl App {
    // ----- visual selection -----

    pub fn start_visual(&mut self) {
        let Some(idx) = self.current() else { return };
        let body = &self.corpus.articles[idx].body;
        let start = match self.rsearch.as_ref().and_then(|s| s.current.map(|c| s.hits[c].clone())) {
            Some(hit) => hit.start,
            None => self
                .reader
                .lines
                .iter()
                .skip(self.scroll)
                .find(|l| l.role == crate::tui::reader::Role::Text)
                .map_or(0, |l| l.range.start),
        };
        let end = word_forward(body, start);
        self.overlay = Overlay::Visual(Selection { anchor: start, head: end });
        self.focus = Pane::Reader;
    }

    pub(crate) fn visual_action(&mut self, action: Action) {
        let Some(idx) = self.current() else { return };
        let Some(mut sel) = self.overlay.visual() else {
            self.overlay = Overlay::None;
            return;
        };
        let body = &self.corpus.articles[idx].body;
        let head = sel.head;
        let moved = match action {
            Action::Back => {
                self.overlay = Overlay::None;
                self.reattach = None;
                self.overlay = Overlay::None;
                return;
            }
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::AddNote => {
                if let Some(id) = self.reattach.take() {
                    self.overlay = Overlay::None;
                    let version = self.notes.iter().find(|n| n.id == id).map(|n| n.version);
                    if let Some(version) = version {
                        let anchor = crate::notes::Anchor::capture(body, sel.range());
                        self.effects.push(Effect::Reattach { id, version, anchor });
                    }
                    return;
                }
                return self.add_note();
            }
            Action::Yank => {
                let range = sel.range();
                let a = &self.corpus.articles[idx];
                let quote = a.body[range].split_whitespace().collect::<Vec<_>>().join(" ");
                let source = a.source_or_section().map(|s| format!(", {s}")).unwrap_or_default();
                self.effects.push(Effect::Copy(format!("“{quote}” — {}{source}", a.title)));
                self.overlay = Overlay::None;
                return;
            }
            Action::SwapEnds => {
                std::mem::swap(&mut sel.anchor, &mut sel.head);
                sel.head
            }
            Action::WordForward => word_forward(body, head),
            Action::WordBack => word_back(body, head),
            Action::SentenceForward => sentence_forward(body, head),
            Action::SentenceBack => sentence_back(body, head),
            Action::ParagraphForward => {
                let from = head + (body[head..].len() - body[head..].trim_start().len());
                body[from..].find("\n\n").map_or(body.len(), |i| from + i)
            }
            Action::ParagraphBack => {
                body[..head.saturating_sub(1).min(body.len())].rfind("\n\n").map_or(0, |i| i + 2)
            }
            Action::Down | Action::Up => {
                let line = self.reader.line_of(head).unwrap_or(0);
                let lines = &self.reader.lines;
                let col = head.saturating_sub(lines.get(line).map_or(0, |l| l.range.start));
                let step: isize = if action == Action::Down { 1 } else { -1 };
                let mut i = line as isize + step;
                while i >= 0 && (i as usize) < lines.len() && !lines[i as usize].is_body() {
                    i += step;
                }
                match lines.get(i.max(0) as usize).filter(|_| i >= 0) {
                    Some(l) => {
                        let mut at = (l.range.start + col).min(l.range.end);
                        while !body.is_char_boundary(at) {
                            at -= 1;
                        }
                        at
                    }
                    None => head,
                }
            }
            _ => head,
        };
        sel.head = moved.min(body.len());
        self.overlay = Overlay::Visual(sel);
        self.scroll_to_offset(sel.head);
    }
}
