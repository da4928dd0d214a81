//! Names defined in the text around a candidate: "also known as" before
//! it, and acronyms spelled out by the lowercase words before them.

use super::candidates::Context;
use super::tokenize::{LOWER, TokKind};

/// Does "(also) known as" (or "aka") stand right before token `first`,
/// after a comma or a parenthesis or not? Returns the token the phrase
/// starts at (the comma, the parenthesis or its first word).
pub(super) fn also_known_as(cx: &Context, first: usize) -> Option<usize> {
    let quote = |i: usize| matches!(cx.toks[i].kind, TokKind::Punct('"' | '\'' | '\u{201C}' | '\u{2018}'));
    let mut k = first.checked_sub(1)?;
    while quote(k) || cx.word_is(k, "the") {
        k = k.checked_sub(1)?;
    }
    let start = if cx.word_is(k, "aka") {
        k
    } else if cx.word_is(k, "as") && k >= 1 && cx.word_is(k - 1, "known") {
        let j = k - 1;
        match j.checked_sub(1) {
            Some(a)
                if ["also", "formerly", "better", "commonly", "widely", "locally"]
                    .iter()
                    .any(|w| cx.word_is(a, w)) =>
            {
                a
            }
            _ => j,
        }
    } else {
        return None;
    };
    match start.checked_sub(1) {
        Some(p) if cx.toks[p].is_punct(',') || cx.toks[p].is_punct('(') => Some(p),
        _ => Some(start),
    }
}

/// Is the acronym at token `first`, in parentheses, the initials of the
/// lowercase words right before the parenthesis?
pub(super) fn defined_by_lowercase_words(cx: &Context, first: usize, acronym: &str) -> bool {
    if first < 2 || !cx.toks[first - 1].is_punct('(') {
        return false;
    }
    let letters: Vec<char> =
        acronym.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    let mut k = first - 2;
    let mut i = letters.len();
    while i > 0 {
        let t = cx.toks[k];
        if !t.is_word() || !t.is(LOWER) {
            return false;
        }
        let text = t.text(cx.body);
        if !cx.is_connector(k) {
            if !text.starts_with(letters[i - 1]) {
                return false;
            }
            i -= 1;
        }
        if i == 0 {
            return true;
        }
        k = match k.checked_sub(1) {
            Some(k) => k,
            None => return false,
        };
    }
    false
}
