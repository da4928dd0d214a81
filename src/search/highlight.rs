//! Where a query matches a title, for highlighting: the matched
//! characters of the original text (folding undone), computed only for the
//! rows shown.

use super::pattern::{Atom, AtomKind, Pattern};
use super::score::{atom_kind, atom_score, with_scorer};
use super::titles::{Hay, TitleIndex};

/// The character positions of the first match of `atom`'s letters in
/// `hay` (for texts the matcher cannot highlight): the first run of them for
/// a contiguous kind, the first of each letter in order for a fuzzy one.
fn first_match(hay: Hay, atom: &Atom) -> Vec<u32> {
    let same = |h: char, c: char| h == c || (hay.ascii_ci && h.to_ascii_lowercase() == c);
    let text: Vec<char> = match atom.kind {
        AtomKind::Suffix | AtomKind::Equal => hay.text[..hay.title_end.min(hay.text.len())].chars().collect(),
        _ => hay.text.chars().collect(),
    };
    let needle: Vec<char> = atom.text.chars().collect();
    if atom.kind == AtomKind::Fuzzy {
        let mut at = Vec::new();
        let mut next = needle.iter().peekable();
        for (p, &h) in text.iter().enumerate() {
            if next.peek().is_some_and(|&&c| same(h, c)) {
                next.next();
                at.push(p as u32);
            }
        }
        return if next.peek().is_none() { at } else { Vec::new() };
    }
    let fits =
        |s: usize| needle.iter().enumerate().all(|(k, &c)| text.get(s + k).is_some_and(|&h| same(h, c)));
    let start = match atom.kind {
        AtomKind::Suffix => text.len().checked_sub(needle.len()).filter(|&s| fits(s)),
        AtomKind::Prefix | AtomKind::Equal => Some(0).filter(|&s| fits(s)),
        _ => (0..text.len()).find(|&s| fits(s)),
    };
    start.map(|s| (s as u32..(s + needle.len()) as u32).collect()).unwrap_or_default()
}

/// The matched character positions of text `i` (of the original text,
/// folding undone), for highlighting: the positions of every word's best
/// match, sorted, each once.
pub fn positions(index: &TitleIndex, pattern: &Pattern, i: usize) -> Vec<usize> {
    with_scorer(|scorer| {
        let mut out = Vec::new();
        for term in &pattern.terms {
            let mut best: Option<(u16, Vec<u32>, bool)> = None;
            for atom in term.any_of.iter().filter(|a| !a.negated) {
                let hay = index.hay(i, atom.case_sensitive);
                if atom_kind(scorer, atom, hay).is_none() {
                    continue;
                }
                let mut at = Vec::new();
                let s = match atom_score(scorer, atom, hay, Some(&mut at)) {
                    Some(s) => s,
                    None => {
                        // A match nucleo misses (see [`atom_match`]): its letters, in order.
                        at = first_match(hay, atom);
                        0
                    }
                };
                if best.as_ref().is_none_or(|(b, _, _)| s > *b) {
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
