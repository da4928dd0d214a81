//! A passage being selected in the reader (`v`), and the motions that move
//! its head by word, sentence and paragraph over the article body.

use std::ops::Range;

use super::action::Action;
use super::reader::Layout;

/// What the selection asks of the app after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisualOut {
    /// The head moved (the view follows it).
    Moved,
    /// Esc: selection dropped.
    Close,
    Quit,
    /// Write a note on the passage (or re-attach one to it).
    Note,
    /// Copy the passage as a citation.
    Yank,
}

/// A passage being selected in the reader: byte offsets into the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub head: usize,
}

impl Selection {
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }

    /// One action in visual mode over `body`, laid out in `layout`: the head
    /// moves (by word, sentence, paragraph, line) or the app is asked to act.
    pub fn update(&mut self, action: Action, body: &str, layout: &Layout) -> VisualOut {
        let head = self.head;
        let moved = match action {
            Action::Back => return VisualOut::Close,
            Action::Quit => return VisualOut::Quit,
            Action::AddNote => return VisualOut::Note,
            Action::Yank => return VisualOut::Yank,
            Action::SwapEnds => {
                std::mem::swap(&mut self.anchor, &mut self.head);
                self.head
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
                let line = layout.line_of(head).unwrap_or(0);
                let lines = &layout.lines;
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
        self.head = moved.min(body.len());
        VisualOut::Moved
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The end of the next word after `at`.
pub fn word_forward(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let mut it = rest.char_indices().peekable();
    while let Some(&(_, c)) = it.peek() {
        if is_word(c) {
            break;
        }
        it.next();
    }
    while let Some(&(_, c)) = it.peek() {
        if !is_word(c) {
            break;
        }
        it.next();
    }
    at + it.peek().map_or(rest.len(), |&(i, _)| i)
}

/// The start of the word before `at`.
pub fn word_back(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let mut pos = at;
    let mut chars = before.char_indices().rev().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if is_word(c) {
            break;
        }
        pos = i;
        chars.next();
    }
    while let Some(&(i, c)) = chars.peek() {
        if !is_word(c) {
            break;
        }
        pos = i;
        chars.next();
    }
    pos
}

/// Just past the end of the sentence that contains `at` (or the next one).
pub fn sentence_forward(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let mut seen_word = false;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' && seen_word && rest[i..].starts_with("\n\n") {
            return at + i;
        }
        if is_word(c) {
            seen_word = true;
        }
        if seen_word && matches!(c, '.' | '!' | '?') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = chars.peek() {
                if matches!(q, '"' | '”' | '’' | '\'' | ')') {
                    end = j + q.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
                return at + end;
            }
        }
    }
    text.len()
}

/// The start of the sentence that contains `at` (or the one before).
pub fn sentence_back(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    let mut start = 0;
    for (i, c) in before.char_indices() {
        if matches!(c, '.' | '!' | '?') || before[i..].starts_with("\n\n") {
            let after = i + c.len_utf8();
            if after < before.len() {
                start = after;
            }
        }
    }
    start + text[start..].len() - text[start..].trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_and_sentence_motions() {
        let t = "The talks stalled. Officials left Kabul! \"Why?\" asked one.\n\nNext paragraph.";
        assert_eq!(&t[..word_forward(t, 0)], "The");
        assert_eq!(&t[..word_forward(t, 3)], "The talks");
        assert_eq!(word_back(t, 9), 4);
        assert_eq!(&t[..sentence_forward(t, 0)], "The talks stalled.");
        assert_eq!(&t[19..sentence_forward(t, 19)], "Officials left Kabul!");
        assert_eq!(sentence_back(t, 30), 19);
        assert_eq!(sentence_back(t, 0), 0);
        let multi = "Zürich – “Ça va?” Oui.";
        let mut at = 0;
        for _ in 0..10 {
            at = word_forward(multi, at);
            assert!(multi.is_char_boundary(at));
        }
    }
}
