//! How one text matches a [`Pattern`]: whether it does, how well (the
//! matcher's score, summed over the words) and of which [`MatchKind`].
//!
//! The matcher is nucleo-matcher (fzf's scoring, the matcher of the helix
//! editor): fuzzy-matcher's skim scoring cost about a microsecond per title,
//! a second for a million titles on every keystroke, so ranking every match
//! exactly was out of reach and a cheap pre-score had to choose which
//! titles to rank, which could drop the best ones. nucleo scores a title in
//! about a tenth of that, so every match is scored: what ranks first is
//! what the matcher scores best, whatever the corpus size.
//!
//! [`score`] is the one definition of a match; the finder's fast paths
//! (narrowing, chunks, partial selection) must agree with scoring every text
//! with it, and a property test checks that they do.

use std::cell::RefCell;

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::pattern::{Atom, AtomKind, Pattern};
use super::terms::at_word_start;
use super::titles::{Hay, TitleIndex};

/// How a text matches a query, best last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Only as letters scattered across the text.
    Scattered,
    /// Every word of the query whole in the text, some inside a word.
    Inside,
    /// Every word of the query at the start of a word of the text.
    Word,
}

/// Where `needle` occurs in `hay`: at a word start (Word), only inside
/// words (Inside), or not at all (Scattered). With `ascii_ci`, ASCII
/// letters of `hay` match regardless of case (`needle` is lowercase).
pub fn word_kind(hay: &[u8], needle: &[u8], ascii_ci: bool) -> MatchKind {
    if needle.is_empty() || needle.len() > hay.len() {
        return MatchKind::Scattered;
    }
    let mut inside = false;
    let mut check = |at: usize| {
        let here = &hay[at..];
        let same = if ascii_ci {
            here.len() >= needle.len() && here[..needle.len()].eq_ignore_ascii_case(needle)
        } else {
            here.starts_with(needle)
        };
        if same {
            if at_word_start(hay, at) {
                return true;
            }
            inside = true;
        }
        false
    };
    let first = needle[0];
    let upper = first.to_ascii_uppercase();
    let last_start = hay.len() - needle.len();
    let found = if ascii_ci && upper != first {
        memchr::memchr2_iter(first, upper, &hay[..=last_start]).any(&mut check)
    } else {
        memchr::memchr_iter(first, &hay[..=last_start]).any(&mut check)
    };
    if found {
        MatchKind::Word
    } else if inside {
        MatchKind::Inside
    } else {
        MatchKind::Scattered
    }
}

/// A matcher and its buffers, one per thread.
struct Scorer {
    matcher: Matcher,
    text: Vec<char>,
    needle: Vec<char>,
}

thread_local! {
    static SCORER: RefCell<Scorer> = RefCell::new(Scorer {
        matcher: Matcher::new(Config::DEFAULT),
        text: Vec::new(),
        needle: Vec::new(),
    });
}

/// `s` as the matcher reads it (one `char` per character, no grapheme merging).
fn utf32<'a>(s: &'a str, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
    if s.is_ascii() {
        Utf32Str::Ascii(s.as_bytes())
    } else {
        buf.clear();
        buf.extend(s.chars());
        Utf32Str::Unicode(buf)
    }
}

/// The matcher's score for one atom over one text; the matched character
/// positions of `hay.text` too when `positions` is given.
fn atom_score(scorer: &mut Scorer, atom: &Atom, hay: Hay, positions: Option<&mut Vec<u32>>) -> Option<u16> {
    let Scorer { matcher, text, needle } = scorer;
    matcher.config.ignore_case = hay.ascii_ci;
    matcher.config.normalize = false;
    let n = utf32(&atom.text, needle);
    let whole = || hay.text;
    let title_part = || &hay.text[..hay.title_end.min(hay.text.len())];
    let mut sink = Vec::new();
    let (found, out) = match positions {
        Some(p) => (true, p),
        None => (false, &mut sink),
    };
    macro_rules! run {
        ($hay:expr, $buf:expr, $m:ident, $i:ident) => {{
            let h = utf32($hay, $buf);
            if found { matcher.$i(h, n, out) } else { matcher.$m(h, n) }
        }};
    }
    match atom.kind {
        AtomKind::Fuzzy => run!(whole(), text, fuzzy_match, fuzzy_indices),
        AtomKind::Substring => run!(whole(), text, substring_match, substring_indices),
        kind => {
            // Anchored: found here, then scored on the run it matched
            // (nucleo 0.3.1 compares a case-sensitive ASCII prefix or suffix
            // with the whole text, so it cannot be asked directly).
            let h = utf32(if kind == AtomKind::Prefix { whole() } else { title_part() }, text);
            let region = anchored(h, n, kind, hay.ascii_ci)?;
            let run = h.slice(region.clone());
            if found {
                let before = out.len();
                let s = matcher.substring_indices(run, n, out)?;
                out[before..].iter_mut().for_each(|p| *p += region.start as u32);
                Some(s)
            } else {
                matcher.substring_match(run, n)
            }
        }
    }
}

/// Where an anchored atom (prefix, suffix, whole title) matches `h`, in
/// characters; whitespace at the ends of the text is skipped, as fzf does.
fn anchored(h: Utf32Str, n: Utf32Str, kind: AtomKind, ascii_ci: bool) -> Option<std::ops::Range<usize>> {
    let len = h.len();
    let lead = h.chars().take_while(|c| c.is_whitespace()).count();
    let trail = if lead == len { 0 } else { h.chars().rev().take_while(|c| c.is_whitespace()).count() };
    let (start, end) = (lead, len - trail);
    let region = match kind {
        AtomKind::Prefix => start..start + n.len(),
        AtomKind::Suffix => end.checked_sub(n.len())?..end,
        _ => start..end,
    };
    if region.len() != n.len() || region.end > len {
        return None;
    }
    let same = |a: char, b: char| if ascii_ci { a.to_ascii_lowercase() == b } else { a == b };
    region.clone().zip(n.chars()).all(|(i, c)| same(h.get(i as u32), c)).then_some(region)
}

/// How text `i` of `index` matches `pattern`: its kind and score (the sum
/// of its words' best scores), or None. An empty pattern matches
/// everything with score 0.
pub fn score(index: &TitleIndex, pattern: &Pattern, i: usize) -> Option<(MatchKind, u32)> {
    SCORER.with(|s| score_with(&mut s.borrow_mut(), index, pattern, i))
}

fn score_with(
    scorer: &mut Scorer,
    index: &TitleIndex,
    pattern: &Pattern,
    i: usize,
) -> Option<(MatchKind, u32)> {
    let mut total = 0u32;
    let mut kind = MatchKind::Word;
    for term in &pattern.terms {
        let mut best: Option<(MatchKind, u16)> = None;
        for atom in &term.any_of {
            let hay = index.hay(i, atom.case_sensitive);
            let found = atom_score(scorer, atom, hay, None);
            let this = match (atom.negated, found) {
                (true, Some(_)) | (false, None) => continue,
                (true, None) => (MatchKind::Word, 0),
                (false, Some(s)) => {
                    let k = match atom.kind {
                        AtomKind::Prefix | AtomKind::Equal => MatchKind::Word,
                        _ => word_kind(hay.text.as_bytes(), atom.text.as_bytes(), hay.ascii_ci),
                    };
                    (k, s)
                }
            };
            best = best.max(Some(this));
        }
        let (k, s) = best?;
        kind = kind.min(k);
        total += u32::from(s);
    }
    Some((kind, total))
}

/// The matched character positions of text `i` (of the original text,
/// folding undone), for highlighting: the positions of every word's best
/// match, sorted, each once.
pub fn positions(index: &TitleIndex, pattern: &Pattern, i: usize) -> Vec<usize> {
    SCORER.with(|s| {
        let scorer = &mut *s.borrow_mut();
        let mut out = Vec::new();
        for term in &pattern.terms {
            let mut best: Option<(u16, Vec<u32>, bool)> = None;
            for atom in term.any_of.iter().filter(|a| !a.negated) {
                let hay = index.hay(i, atom.case_sensitive);
                let mut at = Vec::new();
                if let Some(s) = atom_score(scorer, atom, hay, Some(&mut at))
                    && best.as_ref().is_none_or(|(b, _, _)| s > *b)
                {
                    let folded = !atom.case_sensitive && index.folded(i).is_some();
                    best = Some((s, at, folded));
                }
            }
            let Some((_, at, folded)) = best else { continue };
            let at: Vec<usize> = at.into_iter().map(|p| p as usize).collect();
            match index.folded(i) {
                Some(f) if folded => out.extend(f.original_chars(index.text(i), &at)),
                _ => out.extend(at),
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_kinds_with_and_without_ascii_case() {
        assert_eq!(word_kind(b"Kabul talks", b"talk", true), MatchKind::Word);
        assert_eq!(word_kind(b"Kabul talks", b"kab", true), MatchKind::Word);
        assert_eq!(word_kind(b"Kabul talks", b"kab", false), MatchKind::Scattered);
        assert_eq!(word_kind(b"Kabul talks", b"alk", true), MatchKind::Inside);
        assert_eq!(word_kind(b"Kabul talks", b"kabul talks!", true), MatchKind::Scattered);
        assert_eq!(word_kind(b"", b"a", true), MatchKind::Scattered);
        assert_eq!(word_kind(b"abc", b"", true), MatchKind::Scattered);
    }
}
