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
pub(super) struct Scorer {
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

/// Runs `f` with this thread's matcher and buffers.
pub(super) fn with_scorer<T>(f: impl FnOnce(&mut Scorer) -> T) -> T {
    SCORER.with(|s| f(&mut s.borrow_mut()))
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
pub(super) fn atom_score(
    scorer: &mut Scorer,
    atom: &Atom,
    hay: Hay,
    positions: Option<&mut Vec<u32>>,
) -> Option<u16> {
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
            if let Some(this) = atom_match(scorer, atom, hay) {
                best = best.max(Some(this));
            }
        }
        let (k, s) = best?;
        kind = kind.min(k);
        total += u32::from(s);
    }
    Some((kind, total))
}

/// A pattern made ready for scanning many texts: [`Prepared::score`] gives
/// what [`score`] gives, faster, and [`Prepared::kind`] says whether a text
/// matches and of which kind without scoring it.
///
/// The shortcut: a word of letters and digits found whole at the start of
/// the text or right after a space scores the best any match of it can
/// (fzf's scoring gives each character of a run at least the bonus of the
/// run's first, and a word start after a space has the highest bonus), so
/// the matcher is not asked. The finder's
/// property test checks this against [`score`] on every title it generates.
pub struct Prepared {
    pub pattern: Pattern,
    /// Per term and atom: its best score, when the shortcut applies to it.
    best: Vec<Vec<Option<u16>>>,
    /// Per term and atom: the letters and digits a text needs for it to be
    /// found ([`super::titles::letters`]).
    needs: Vec<Vec<u64>>,
}

/// ASCII texts and words short enough that the matcher scores them
/// optimally (longer ones fall back to its greedy match, whose score may be
/// lower; for other texts nucleo 0.3.1 scores a one-letter word at its
/// first occurrence, not its best).
const SHORTCUT_TEXT: usize = 512;
const SHORTCUT_WORD: usize = 16;

/// `needle` occurs in `hay` at its start or right after a space.
fn after_space(hay: &[u8], needle: &[u8], ascii_ci: bool) -> bool {
    if needle.is_empty() || needle.len() > hay.len() {
        return false;
    }
    let same = |at: usize| {
        let here = &hay[at..at + needle.len()];
        if ascii_ci { here.eq_ignore_ascii_case(needle) } else { here == needle }
    };
    same(0) || memchr::memchr_iter(b' ', &hay[..hay.len() - needle.len()]).any(|sp| same(sp + 1))
}

/// The shortcut applies: `atom` (eligible) is found whole at the start of
/// `hay` or right after a space, in a text the matcher scores optimally.
fn shortcut(hay: Hay, atom: &Atom) -> bool {
    hay.text.len() <= SHORTCUT_TEXT
        && (hay.ascii_ci || hay.text.is_ascii())
        && after_space(hay.text.as_bytes(), atom.text.as_bytes(), hay.ascii_ci)
}

/// The characters of `needle` appear in `hay` in order (ASCII letters of
/// `hay` in any case with `ascii_ci`).
fn is_subsequence(hay: &str, needle: &str, ascii_ci: bool) -> bool {
    if needle.is_ascii() {
        // ASCII bytes are whole characters in UTF-8: memchr from byte to byte.
        let (h, mut pos) = (hay.as_bytes(), 0);
        for &b in needle.as_bytes() {
            let upper = b.to_ascii_uppercase();
            let found = if ascii_ci && upper != b {
                memchr::memchr2(b, upper, &h[pos..])
            } else {
                memchr::memchr(b, &h[pos..])
            };
            match found {
                Some(i) => pos += i + 1,
                None => return false,
            }
        }
        return true;
    }
    let mut rest = hay.chars();
    needle.chars().all(|c| rest.any(|h| h == c || (ascii_ci && h.to_ascii_lowercase() == c)))
}

impl Prepared {
    pub fn new(pattern: Pattern) -> Prepared {
        let best = SCORER.with(|s| {
            let scorer = &mut *s.borrow_mut();
            pattern
                .terms
                .iter()
                .map(|t| {
                    t.any_of
                        .iter()
                        .map(|a| {
                            let eligible = !a.negated
                                && matches!(a.kind, AtomKind::Fuzzy | AtomKind::Substring)
                                && a.text.len() <= SHORTCUT_WORD
                                && a.text.bytes().all(|b| b.is_ascii_alphanumeric());
                            if !eligible {
                                return None;
                            }
                            let text = format!(" {}", a.text);
                            let hay = Hay { text: &text, title_end: text.len(), ascii_ci: false };
                            atom_score(scorer, a, hay, None)
                        })
                        .collect()
                })
                .collect()
        });
        let needs = pattern
            .terms
            .iter()
            .map(|t| t.any_of.iter().map(|a| super::titles::letters(a.text.as_bytes())).collect())
            .collect();
        Prepared { pattern, best, needs }
    }

    /// Whether text `i` matches, and its kind (as [`score`] would say).
    pub fn kind(&self, index: &TitleIndex, i: usize) -> Option<MatchKind> {
        SCORER.with(|s| {
            let scorer = &mut *s.borrow_mut();
            let mut kind = MatchKind::Word;
            let letters = index.letters(i);
            for (term, needs) in self.pattern.terms.iter().zip(&self.needs) {
                let mut best: Option<MatchKind> = None;
                for (atom, &need) in term.any_of.iter().zip(needs) {
                    // A letter the word needs is not in the text: not found.
                    let found = if letters & need != need {
                        None
                    } else {
                        atom_kind(scorer, atom, index.hay(i, atom.case_sensitive))
                    };
                    let this = match (atom.negated, found) {
                        (true, Some(_)) | (false, None) => continue,
                        (true, None) => MatchKind::Word,
                        (false, Some(k)) => k,
                    };
                    best = best.max(Some(this));
                }
                kind = kind.min(best?);
            }
            Some(kind)
        })
    }

    /// What [`score`] gives for text `i`, known to match with `kind` (as
    /// [`Prepared::kind`] said): a query without `|` is then only scored,
    /// each word once, without finding again whether and how it matches.
    pub fn score_matched(&self, index: &TitleIndex, i: usize, kind: MatchKind) -> Option<(MatchKind, u32)> {
        if self.pattern.terms.iter().any(|t| t.any_of.len() != 1) {
            return self.score(index, i);
        }
        // One word not found whole at a word start is not found after a
        // space either: no shortcut to look for.
        let whole = kind == MatchKind::Word || self.pattern.terms.len() > 1;
        SCORER.with(|s| {
            let scorer = &mut *s.borrow_mut();
            let mut total = 0u32;
            for (term, best_of) in self.pattern.terms.iter().zip(&self.best) {
                let (atom, top) = (&term.any_of[0], best_of[0]);
                if atom.negated {
                    continue;
                }
                let hay = index.hay(i, atom.case_sensitive);
                total += u32::from(match top {
                    Some(top) if whole && shortcut(hay, atom) => top,
                    // A match nucleo misses scores 0, as in [`atom_match`].
                    _ => atom_score(scorer, atom, hay, None).unwrap_or(0),
                });
            }
            Some((kind, total))
        })
    }

    /// What [`score`] gives for text `i`.
    pub fn score(&self, index: &TitleIndex, i: usize) -> Option<(MatchKind, u32)> {
        SCORER.with(|s| {
            let scorer = &mut *s.borrow_mut();
            let mut total = 0u32;
            let mut kind = MatchKind::Word;
            for (term, best_of) in self.pattern.terms.iter().zip(&self.best) {
                let mut best: Option<(MatchKind, u16)> = None;
                for (atom, &top) in term.any_of.iter().zip(best_of) {
                    let hay = index.hay(i, atom.case_sensitive);
                    if let Some(top) = top
                        && shortcut(hay, atom)
                    {
                        best = best.max(Some((MatchKind::Word, top)));
                        continue;
                    }
                    if let Some(this) = atom_match(scorer, atom, hay) {
                        best = best.max(Some(this));
                    }
                }
                let (k, s) = best?;
                kind = kind.min(k);
                total += u32::from(s);
            }
            Some((kind, total))
        })
    }
}

/// Whether an atom's text is found in `hay` (for a negated atom: the text
/// it excludes), and of which kind, without scoring.
pub(super) fn atom_kind(scorer: &mut Scorer, atom: &Atom, hay: Hay) -> Option<MatchKind> {
    let (h, n) = (hay.text.as_bytes(), atom.text.as_bytes());
    match atom.kind {
        AtomKind::Fuzzy => match word_kind(h, n, hay.ascii_ci) {
            MatchKind::Scattered => {
                is_subsequence(hay.text, &atom.text, hay.ascii_ci).then_some(MatchKind::Scattered)
            }
            k => Some(k),
        },
        AtomKind::Substring => match word_kind(h, n, hay.ascii_ci) {
            MatchKind::Scattered => None,
            k => Some(k),
        },
        kind => {
            let Scorer { text, needle, .. } = scorer;
            let source =
                if kind == AtomKind::Prefix { hay.text } else { &hay.text[..hay.title_end.min(h.len())] };
            anchored(utf32(source, text), utf32(&atom.text, needle), kind, hay.ascii_ci)?;
            Some(if kind == AtomKind::Suffix { word_kind(h, n, hay.ascii_ci) } else { MatchKind::Word })
        }
    }
}

/// One atom's kind and score in `hay`, as [`score`] takes them (a negated
/// atom: Word and 0 when its text is not found). Whether it matches is
/// decided here ([`atom_kind`]), the matcher only scores: nucleo 0.3.1
/// misses some case-sensitive words in texts that are not ASCII ("dE" in
/// "Kābul dE"); such a match scores 0.
fn atom_match(scorer: &mut Scorer, atom: &Atom, hay: Hay) -> Option<(MatchKind, u16)> {
    match (atom.negated, atom_kind(scorer, atom, hay)) {
        (true, Some(_)) | (false, None) => None,
        (true, None) => Some((MatchKind::Word, 0)),
        (false, Some(k)) => Some((k, atom_score(scorer, atom, hay, None).unwrap_or(0))),
    }
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
