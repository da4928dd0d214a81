//! A passage being selected in the reader (`v`), and the motions that move
//! its head by word, sentence and paragraph over the article body.

use std::ops::Range;

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
