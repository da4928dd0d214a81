//! Anchoring passage notes so that they survive edits of the article text,
//! and saying how sure the anchoring is.
//!
//! An [`Anchor`] keeps the quoted text, a little context around it and its
//! byte position. [`resolve`] finds the passage again in a (possibly edited)
//! body, trying in order:
//!
//! 1. **Exact**: the quote is still at its old position.
//! 2. **Moved**: the quote is found elsewhere, unchanged or changed only in
//!    its whitespace (a line re-wrapped, spaces doubled); among several
//!    occurrences the one whose surroundings best match the stored prefix
//!    and suffix wins, and on a tie the one nearest the old position.
//! 3. **Fuzzy**: the quote was lightly edited. See [`fuzzy`] for how places
//!    are found and verified in time and memory linear in the quote, and
//!    for the rule that keeps a look-alike passage (the same sentence about
//!    someone else: "Team Alpha reported…" gone, "Team Beta reported…"
//!    left) from being taken for the note's passage: when the words that
//!    differ are names or numbers, the passage must also sit in the same
//!    context on both sides; otherwise it is another passage.
//! 4. **Orphaned**: nothing close enough. Orphans are kept and shown as such.
//!
//! Exact and moved anchors are certain; a fuzzy one carries its similarity
//! and is shown as uncertain until the user confirms it (by re-attaching
//! the note there: [`crate::notes::Store::reattach`]).

use std::ops::Range;

use serde::Serialize;

use super::model::Anchor;

mod align;
mod fuzzy;
#[cfg(test)]
mod tests;

/// How a passage note's anchor holds in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorState {
    /// The quote is where it was.
    Exact,
    /// The same quote (whitespace aside) is elsewhere in the text.
    Moved,
    /// A similar passage stands where the quote was: probably the passage,
    /// edited; not certain.
    Fuzzy,
    /// The passage is gone.
    Orphaned,
}

impl AnchorState {
    /// `exact`, `moved`, `fuzzy` or `orphaned`, as in JSON.
    pub fn name(self) -> &'static str {
        match self {
            AnchorState::Exact => "exact",
            AnchorState::Moved => "moved",
            AnchorState::Fuzzy => "fuzzy",
            AnchorState::Orphaned => "orphaned",
        }
    }
}

/// Where an anchor's passage is in a body now.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// The old position still holds the quote.
    Exact(Range<usize>),
    /// The quote, unchanged (or changed only in whitespace), is at this range.
    Moved(Range<usize>),
    /// A lightly edited version of the quote is at this range; `similarity`
    /// (0..=1) says how close it is to the quote.
    Fuzzy { range: Range<usize>, similarity: f64 },
    /// The passage is gone (or changed beyond recognition).
    Orphan,
}

impl Resolution {
    /// The byte range of the passage in the body, unless orphaned.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Resolution::Exact(r) | Resolution::Moved(r) | Resolution::Fuzzy { range: r, .. } => {
                Some(r.clone())
            }
            Resolution::Orphan => None,
        }
    }

    pub fn is_orphan(&self) -> bool {
        matches!(self, Resolution::Orphan)
    }

    pub fn state(&self) -> AnchorState {
        match self {
            Resolution::Exact(_) => AnchorState::Exact,
            Resolution::Moved(_) => AnchorState::Moved,
            Resolution::Fuzzy { .. } => AnchorState::Fuzzy,
            Resolution::Orphan => AnchorState::Orphaned,
        }
    }

    /// How similar the passage found is to the quote, for a fuzzy match.
    pub fn similarity(&self) -> Option<f64> {
        match self {
            Resolution::Fuzzy { similarity, .. } => Some(*similarity),
            _ => None,
        }
    }

    /// Exact or moved: the quoted text is there, no doubt.
    pub fn is_certain(&self) -> bool {
        matches!(self, Resolution::Exact(_) | Resolution::Moved(_))
    }
}

impl Anchor {
    /// Characters of context kept on each side of the quote.
    pub const CONTEXT_CHARS: usize = 32;

    /// Anchors the passage `range` (byte offsets) of `body`. The range is
    /// clamped to the body and widened to character boundaries, so any range
    /// gives a valid anchor.
    pub fn capture(body: &str, range: Range<usize>) -> Anchor {
        let end = ceil_boundary(body, range.end.min(body.len()));
        let start = floor_boundary(body, range.start.min(end));
        let before = &body[..start];
        let prefix_from =
            before.char_indices().rev().nth(Self::CONTEXT_CHARS - 1).map(|(i, _)| i).unwrap_or(0);
        let after = &body[end..];
        let suffix_to = after.char_indices().nth(Self::CONTEXT_CHARS).map(|(i, _)| i).unwrap_or(after.len());
        Anchor {
            quote: body[start..end].to_string(),
            prefix: before[prefix_from..].to_string(),
            suffix: after[..suffix_to].to_string(),
            start,
            end,
        }
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while i < s.len() && !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Quotes shorter than this (in characters) need some matching context to
/// count as moved: a short word elsewhere is not evidence of the passage.
const SHORT_QUOTE: usize = 8;

/// Finds the anchor's passage in `body`. See the module documentation.
pub fn resolve(anchor: &Anchor, body: &str) -> Resolution {
    let quote = anchor.quote.as_str();
    if quote.is_empty() {
        return if anchor.start <= body.len() && body.is_char_boundary(anchor.start) {
            Resolution::Exact(anchor.start..anchor.start)
        } else {
            Resolution::Orphan
        };
    }
    if body.get(anchor.start..anchor.end) == Some(quote) {
        return Resolution::Exact(anchor.start..anchor.end);
    }
    let exact: Vec<Range<usize>> = find_all(body, quote).into_iter().map(|s| s..s + quote.len()).collect();
    if let Some(r) = best_occurrence(anchor, body, exact) {
        return Resolution::Moved(r);
    }
    if let Some(r) = best_occurrence(anchor, body, find_ignoring_whitespace(body, quote)) {
        return Resolution::Moved(r);
    }
    match fuzzy::find(anchor, body) {
        Some((range, similarity)) => Resolution::Fuzzy { range, similarity },
        None => Resolution::Orphan,
    }
}

/// Every start of `needle` in `hay`, overlapping ones included.
fn find_all(hay: &str, needle: &str) -> Vec<usize> {
    let mut hits = Vec::new();
    let Some(first) = needle.chars().next() else {
        return hits;
    };
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|h| h.find(needle)) {
        hits.push(from + i);
        from += i + first.len_utf8();
    }
    hits
}

/// Characters the two strings share at their ends.
fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Characters the two strings share at their starts.
fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Of the places the quote was found, the one whose surroundings best
/// match the stored context (then the nearest to the old position); none
/// for a short quote whose context does not match at all.
fn best_occurrence(anchor: &Anchor, body: &str, found: Vec<Range<usize>>) -> Option<Range<usize>> {
    let mut best: Option<(usize, usize, Range<usize>)> = None; // (context, distance, range)
    for r in found {
        let context = common_suffix_chars(&body[..r.start], &anchor.prefix)
            + common_prefix_chars(&body[r.end..], &anchor.suffix);
        let distance = r.start.abs_diff(anchor.start);
        let better = match &best {
            None => true,
            Some((c, d, _)) => context > *c || (context == *c && distance < *d),
        };
        if better {
            best = Some((context, distance, r));
        }
    }
    let (context, _, range) = best?;
    let has_context = !anchor.prefix.is_empty() || !anchor.suffix.is_empty();
    if anchor.quote.chars().count() < SHORT_QUOTE && has_context && context < 4 {
        return None;
    }
    Some(range)
}

/// Every place `quote` occurs in `body` when each run of whitespace, in
/// either, counts as one space (linear time and memory).
fn find_ignoring_whitespace(body: &str, quote: &str) -> Vec<Range<usize>> {
    let (needle, _, _) = collapse_whitespace(quote);
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let (hay, starts, ends) = collapse_whitespace(body);
    find_all(&hay, &needle).into_iter().map(|i| starts[i]..ends[i + needle.len() - 1]).collect()
}

/// `text` with each run of whitespace replaced by one space, and for each
/// byte of the result the range of `text` it stands for (start, end).
fn collapse_whitespace(text: &str) -> (String, Vec<usize>, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len());
    let mut ends = Vec::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            out.push(' ');
            starts.push(i);
            ends.push(end);
        } else {
            out.push(c);
            for b in 0..c.len_utf8() {
                starts.push(i + b);
                ends.push(i + b + 1);
            }
        }
    }
    (out, starts, ends)
}
