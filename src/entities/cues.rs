//! Stage 2, continued: the context cues around a candidate, and whether an
//! acronym in parentheses fits the name before it.

use super::candidates::{Candidate, Context};
use super::gazetteer::class;
use super::tokenize::{POSS, Token};

/// A role or title right before the name.
pub const ROLE: u8 = 1;
/// A title that can stand before a bare surname ("Mr", "President").
pub const HONORIFIC: u8 = 1 << 1;
/// A speech verb right after or before ("X said", "said X").
pub const SAID: u8 = 1 << 2;
/// An apposition after it: ", a ...", ", the ...", ", who ...", ", <role>".
pub const APPOS: u8 = 1 << 3;
/// "X province", "provinces of X".
pub const PLACE_CUE: u8 = 1 << 4;
/// Ends in a surname known as a person (set by typing, not here).
pub const SURNAME: u8 = 1 << 5;

/// Context cues around the words `first..=last`.
pub fn cues(cx: &Context, first: usize, last: usize) -> u8 {
    let mut cues = 0;
    let before = |k: usize| first.checked_sub(k);
    let word = |i: usize, text: &str| cx.word_is(i, text);
    if let Some(p) = before(1) {
        // "spokesman Zabihullah Mujahid", "spokesperson, Zabihullah Mujahid"
        let p = if cx.toks[p].is_punct(',') { before(2) } else { Some(p) };
        // Not "the King's Cup", "President's Day".
        if let Some(p) = p.filter(|&p| cx.toks[p].is_word() && !cx.toks[p].is(POSS)) {
            if cx.has(p, class::ROLE) {
                cues |= ROLE;
            }
            if cx.has(p, class::HONORIFIC) {
                cues |= HONORIFIC;
            }
        }
    }
    if let Some(p) = before(1) {
        let according = word(p, "to") && before(2).is_some_and(|q| word(q, "according"));
        if cx.lower_word(p, class::SPEECH) || according {
            cues |= SAID;
        }
        if word(p, "of") && before(2).is_some_and(|q| cx.lower_word(q, class::PLACE_NOUN)) {
            cues |= PLACE_CUE;
        }
    }
    let next = last + 1;
    if cx.lower_word(next, class::SPEECH) {
        cues |= SAID;
    }
    if cx.lower_word(next, class::PLACE_NOUN) {
        cues |= PLACE_CUE;
    }
    if cx.toks.get(next).is_some_and(|t| t.is_punct(',')) && appositive_role(cx, next + 1) {
        cues |= APPOS;
    }
    cues
}

/// Does an apposition describing a person start at token `i`: "who ...",
/// "director general ...", or "a/an/the" and a role within a few words
/// ("a political analyst", "the Taliban’s acting foreign minister")?
fn appositive_role(cx: &Context, i: usize) -> bool {
    let word = |i: usize, text: &str| cx.word_is(i, text);
    if word(i, "who") || word(i, "whose") || cx.lower_word(i, class::ROLE) {
        return true;
    }
    if !(word(i, "a") || word(i, "an") || word(i, "the")) {
        return false;
    }
    (i + 1..i + 6)
        .take_while(|&k| cx.toks.get(k).is_some_and(Token::is_word))
        .any(|k| cx.lower_word(k, class::ROLE))
}

/// Does the acronym fit the name before it? Its letters must follow the
/// initials of the name's words and hyphen parts (or its capitals), starting
/// with the first.
pub fn initials_match(cx: &Context, name: &Candidate, acronym: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphanumeric()).collect();
    let initials: Vec<char> = cx.toks[name.first..name.last]
        .iter()
        .filter(|t| t.is_word())
        .filter_map(|t| t.text(cx.body).chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let capitals: Vec<char> =
        cx.body.get(name.start..name.end).unwrap_or("").chars().filter(|c| c.is_uppercase()).collect();
    let fits = |source: &[char]| {
        source.first().is_some_and(|f| letters.first() == Some(f)) && {
            let mut it = source.iter();
            letters.iter().all(|l| it.any(|c| c == l))
        }
    };
    letters.len() >= 2 && (fits(&initials) || fits(&capitals))
}
