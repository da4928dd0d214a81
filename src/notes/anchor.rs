//! Anchoring passage notes so that they survive edits of the article text.
//!
//! An [`Anchor`] keeps the quoted text, a little context around it and its
//! byte position. [`resolve`] finds the passage again in a (possibly edited)
//! body, trying in order:
//!
//! 1. **Exact**: the quote is still at its old position.
//! 2. **Moved**: the quote is found elsewhere; among several occurrences the
//!    one whose surroundings best match the stored prefix and suffix wins,
//!    and on a tie the one nearest the old position.
//! 3. **Fuzzy**: the quote was lightly edited. Candidate places come from
//!    exact hits of the context and of pieces of the quote (plus the old
//!    position); each is verified with an approximate-substring alignment
//!    (edit distance) limited to a window around the candidate, so the cost
//!    grows with the quote, never with the body squared. A place is accepted
//!    when its combined similarity (quote ¾, context ¼) is at least 0.8 and
//!    the quote alone is at least 0.75 similar (or, for quotes of 32
//!    characters or more, when the quote alone is at least 0.9 similar:
//!    a lightly edited paragraph that also moved).
//! 4. **Orphan**: nothing close enough. Orphans are kept and shown as such.

use std::ops::Range;

use super::model::Anchor;

/// Where an anchor's passage is in a body now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// The old position still holds the quote.
    Exact(Range<usize>),
    /// The quote, unchanged, is elsewhere in the body.
    Moved(Range<usize>),
    /// A lightly edited version of the quote is at this range.
    Fuzzy(Range<usize>),
    /// The passage is gone (or changed beyond recognition).
    Orphan,
}

impl Resolution {
    /// The byte range of the passage in the body, unless orphaned.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Resolution::Exact(r) | Resolution::Moved(r) | Resolution::Fuzzy(r) => Some(r.clone()),
            Resolution::Orphan => None,
        }
    }

    pub fn is_orphan(&self) -> bool {
        matches!(self, Resolution::Orphan)
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
/// Accept a fuzzy match from this combined similarity.
const FUZZY_ACCEPT: f64 = 0.8;
/// ... and from this similarity of the quote alone.
const FUZZY_QUOTE_MIN: f64 = 0.75;
/// A long quote this similar is accepted even with unrelated context.
const FUZZY_QUOTE_ALONE: f64 = 0.9;
const LONG_QUOTE: usize = 32;
/// A quote piece with more hits than this says nothing about where the quote is.
const MAX_HITS_PER_SEED: usize = 64;

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
    if let Some(r) = best_exact_occurrence(anchor, body) {
        return Resolution::Moved(r);
    }
    match fuzzy(anchor, body) {
        Some(r) => Resolution::Fuzzy(r),
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

fn best_exact_occurrence(anchor: &Anchor, body: &str) -> Option<Range<usize>> {
    let quote = anchor.quote.as_str();
    let mut best: Option<(usize, usize, usize)> = None; // (context, distance, start)
    for start in find_all(body, quote) {
        let end = start + quote.len();
        let context = common_suffix_chars(&body[..start], &anchor.prefix)
            + common_prefix_chars(&body[end..], &anchor.suffix);
        let distance = start.abs_diff(anchor.start);
        let better = match best {
            None => true,
            Some((c, d, _)) => context > c || (context == c && distance < d),
        };
        if better {
            best = Some((context, distance, start));
        }
    }
    let (context, _, start) = best?;
    let has_context = !anchor.prefix.is_empty() || !anchor.suffix.is_empty();
    if quote.chars().count() < SHORT_QUOTE && has_context && context < 4 {
        return None;
    }
    Some(start..start + quote.len())
}

/// Levenshtein similarity of two short strings, in 0..=1 (1 when both are empty).
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    1.0 - prev[b.len()] as f64 / longest as f64
}

/// Where the quote landed in a window, and how many edits fell inside it.
struct Alignment {
    quote_edits: usize,
    start: usize,
    end: usize,
}

/// Aligns `prefix + quote + suffix` with the substring of `window` it is
/// fewest edits away from (edit distance with free ends in the window), then
/// traces back where the quote part landed. Aligning the context with the
/// quote puts the quote's edges where the context says they are, rather than
/// wherever a few substitutions happen to be cheapest.
fn align(prefix: &[char], quote: &[char], suffix: &[char], window: &[char]) -> Option<Alignment> {
    const DIAG: u8 = 0;
    const UP: u8 = 1; // a pattern character missing from the window
    const LEFT: u8 = 2; // an extra window character
    if quote.is_empty() || window.is_empty() {
        return None;
    }
    let pattern: Vec<char> = prefix.iter().chain(quote).chain(suffix).copied().collect();
    let width = window.len() + 1;
    let mut trace = vec![DIAG; (pattern.len() + 1) * width];
    let mut prev: Vec<usize> = vec![0; width];
    let mut cur: Vec<usize> = vec![0; width];
    for (i, p) in pattern.iter().enumerate() {
        let row = (i + 1) * width;
        cur[0] = i + 1;
        trace[row] = UP;
        for (j, w) in window.iter().enumerate() {
            let diag = prev[j] + usize::from(p != w);
            let up = prev[j + 1] + 1;
            let left = cur[j] + 1;
            let (cost, step) = if diag <= up && diag <= left {
                (diag, DIAG)
            } else if up <= left {
                (up, UP)
            } else {
                (left, LEFT)
            };
            cur[j + 1] = cost;
            trace[row + j + 1] = step;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let (mut j, _) = prev.iter().enumerate().min_by_key(|&(j, &c)| (c, j))?;
    let (qs, qe) = (prefix.len(), prefix.len() + quote.len());
    let mut i = pattern.len();
    let (mut start, mut end, mut quote_edits) = (None, None, 0);
    loop {
        // Window characters inserted at the quote's edges belong to the context.
        if i == qe {
            end = Some(j);
        }
        if i == qs && start.is_none() {
            start = Some(j);
        }
        if i == 0 {
            break;
        }
        let inside = i > qs && i <= qe;
        match trace[i * width + j] {
            DIAG => {
                quote_edits += usize::from(inside && pattern[i - 1] != window[j - 1]);
                i -= 1;
                j -= 1;
            }
            UP => {
                quote_edits += usize::from(inside);
                i -= 1;
            }
            _ => {
                quote_edits += usize::from(i > qs && i < qe);
                j -= 1;
            }
        }
    }
    Some(Alignment { quote_edits, start: start?, end: end? })
}

/// A body as characters, with the byte offset of each (and of its end).
struct Chars {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl Chars {
    fn new(body: &str) -> Chars {
        let mut chars = Vec::with_capacity(body.len());
        let mut offsets = Vec::with_capacity(body.len() + 1);
        for (i, c) in body.char_indices() {
            chars.push(c);
            offsets.push(i);
        }
        offsets.push(body.len());
        Chars { chars, offsets }
    }

    /// The character index of a byte offset (rounded down).
    fn index_of(&self, byte: usize) -> usize {
        match self.offsets.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

fn fuzzy(anchor: &Anchor, body: &str) -> Option<Range<usize>> {
    let quote: Vec<char> = anchor.quote.chars().collect();
    let qlen = quote.len();
    let max_edits = qlen / 4;
    if max_edits == 0 || body.is_empty() {
        return None;
    }
    let text = Chars::new(body);
    let n = text.chars.len();

    // Candidate starts (character indices), from the old position and from
    // exact hits of the context and of pieces of the quote.
    let mut candidates: Vec<usize> = vec![text.index_of(anchor.start.min(body.len()))];
    let mut seed = |needle: &str, to_start: &dyn Fn(usize) -> Option<usize>| {
        if needle.chars().count() < 3 {
            return;
        }
        let hits = find_all(body, needle);
        if hits.len() > MAX_HITS_PER_SEED {
            return;
        }
        candidates.extend(hits.into_iter().filter_map(|b| to_start(text.index_of(b))));
    };
    let prefix: Vec<char> = anchor.prefix.chars().collect();
    let suffix: Vec<char> = anchor.suffix.chars().collect();
    let tail: String = prefix[prefix.len().saturating_sub(16)..].iter().collect();
    let tail_len = tail.chars().count();
    seed(&tail, &|i| Some(i + tail_len));
    let head: String = suffix[..suffix.len().min(16)].iter().collect();
    seed(&head, &|i| Some(i.saturating_sub(qlen)));
    // Pieces of the quote: with at most `max_edits` edits, at least one of
    // `max_edits + 1` pieces survives intact (capped for long quotes).
    let pieces = (max_edits + 1).min(12);
    let piece_len = (qlen / pieces).max(3);
    let mut from = 0;
    while from + piece_len <= qlen {
        let piece: String = quote[from..from + piece_len].iter().collect();
        let offset = from;
        seed(&piece, &|i| i.checked_sub(offset).or(Some(0)));
        from += piece_len;
    }

    // Merge overlapping candidate windows (up to a size, which bounds the
    // alignment's memory) and align the quote, with its context, in each.
    candidates.sort_unstable();
    candidates.dedup();
    let slack = max_edits + 1;
    let max_window = 3 * qlen + 2 * slack;
    let mut windows: Vec<Range<usize>> = Vec::new();
    for c in candidates {
        let w = c.saturating_sub(slack)..(c + qlen + slack).min(n);
        match windows.last_mut() {
            Some(last) if w.start <= last.end && w.end.max(last.end) - last.start <= max_window => {
                last.end = last.end.max(w.end);
            }
            _ => windows.push(w),
        }
    }

    let old = text.index_of(anchor.start.min(body.len()));
    let mut best: Option<(f64, usize, Range<usize>)> = None; // (score, distance, chars)
    for w in windows {
        let from = w.start.saturating_sub(prefix.len());
        let to = (w.end + suffix.len()).min(n);
        let Some(found) = align(&prefix, &quote, &suffix, &text.chars[from..to]) else {
            continue;
        };
        if found.quote_edits > max_edits || found.start >= found.end {
            continue;
        }
        let (s, e) = (from + found.start, from + found.end);
        let quote_sim = 1.0 - found.quote_edits as f64 / qlen.max(e - s) as f64;
        let before = &text.chars[s.saturating_sub(prefix.len())..s];
        let after = &text.chars[e..(e + suffix.len()).min(n)];
        let context_sim = (similarity(&prefix, before) + similarity(&suffix, after)) / 2.0;
        let score = 0.75 * quote_sim + 0.25 * context_sim;
        let accepted = (score >= FUZZY_ACCEPT && quote_sim >= FUZZY_QUOTE_MIN)
            || (qlen >= LONG_QUOTE && quote_sim >= FUZZY_QUOTE_ALONE);
        if !accepted {
            continue;
        }
        let distance = s.abs_diff(old);
        let better = match &best {
            None => true,
            Some((b, d, _)) => score > *b + 1e-9 || ((score - *b).abs() <= 1e-9 && distance < *d),
        };
        if better {
            best = Some((score, distance, s..e));
        }
    }
    let (_, _, r) = best?;
    Some(text.offsets[r.start]..text.offsets[r.end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "RASC News Agency: On the sidelines of the seventh round of the Moscow Format \
        consultations in Russia, Pakistan's Special Representative for Afghanistan, Mohammad Sadiq Khan, \
        held a 90-minute meeting with Amir Khan Muttaqi.\n\nThe two sides discussed border trade, the \
        situation of refugees and security along the Durand Line.\n\nOfficials said the talks were \
        constructive and would continue next month in Islamabad.";

    fn anchor_on(body: &str, quote: &str) -> Anchor {
        let start = body.find(quote).unwrap();
        Anchor::capture(body, start..start + quote.len())
    }

    #[test]
    fn capture_keeps_quote_and_context() {
        let a = anchor_on(BODY, "held a 90-minute meeting");
        assert_eq!(a.quote, "held a 90-minute meeting");
        assert_eq!(a.prefix.chars().count(), 32);
        assert!(a.prefix.ends_with("Mohammad Sadiq Khan, "));
        assert!(a.suffix.starts_with(" with Amir Khan"));
        assert_eq!(&BODY[a.start..a.end], a.quote);
    }

    #[test]
    fn capture_at_the_edges_and_out_of_range() {
        let a = Anchor::capture("short text", 0..5);
        assert_eq!((a.prefix.as_str(), a.quote.as_str(), a.suffix.as_str()), ("", "short", " text"));
        let a = Anchor::capture("short text", 6..999);
        assert_eq!((a.quote.as_str(), a.end), ("text", 10));
        #[allow(clippy::reversed_empty_ranges)] // on purpose: a reversed range from a caller
        let a = Anchor::capture("short", 9..3);
        assert_eq!((a.quote.as_str(), a.start, a.end), ("", 3, 3));
    }

    #[test]
    fn capture_widens_to_character_boundaries() {
        let body = "Kabul — Islamabad: «talks» 日本語";
        let dash = body.find('—').unwrap();
        let a = Anchor::capture(body, dash + 1..dash + 2);
        assert_eq!(a.quote, "—");
        let cjk = body.find('日').unwrap();
        let a = Anchor::capture(body, cjk + 1..cjk + 4);
        assert_eq!(a.quote, "日本");
        assert_eq!(resolve(&a, body), Resolution::Exact(cjk..cjk + 6));
    }

    #[test]
    fn unchanged_body_is_exact() {
        let a = anchor_on(BODY, "border trade");
        assert_eq!(resolve(&a, BODY), Resolution::Exact(a.start..a.end));
    }

    #[test]
    fn an_edit_elsewhere_moves_the_quote() {
        let a = anchor_on(BODY, "border trade");
        let edited = BODY.replacen("RASC News Agency: ", "", 1);
        let start = edited.find("border trade").unwrap();
        assert_eq!(resolve(&a, &edited), Resolution::Moved(start..start + "border trade".len()));
    }

    #[test]
    fn a_moved_quote_is_found_by_its_context() {
        // "the talks" occurs in two places; the context picks the right one
        // even when the paragraphs trade places.
        let body = "Officials said the talks were constructive.\n\nLater, reporters asked about the talks \
            in Moscow.";
        let a = anchor_on(body, "the talks were");
        let swapped = "Later, reporters asked about the talks in Moscow.\n\nOfficials said the talks were \
            constructive.";
        let start = swapped.find("the talks were").unwrap();
        assert_eq!(resolve(&a, swapped), Resolution::Moved(start..start + 14));

        let start = body.rfind("the talks").unwrap();
        let a = Anchor::capture(body, start..start + "the talks".len());
        let swapped_start = swapped.find("the talks").unwrap();
        assert_eq!(resolve(&a, swapped), Resolution::Moved(swapped_start..swapped_start + 9));
    }

    #[test]
    fn ties_go_to_the_nearest_occurrence() {
        let body = "alpha beta gamma. alpha beta gamma. alpha beta gamma.";
        let a =
            Anchor { quote: "beta".into(), prefix: String::new(), suffix: String::new(), start: 25, end: 29 };
        // Occurrences at 6, 24 and 42: 24 is nearest to 25.
        assert_eq!(resolve(&a, body), Resolution::Moved(24..28));
    }

    #[test]
    fn a_lightly_edited_quote_is_fuzzy() {
        let quote = "held a 90-minute meeting with Amir Khan Muttaqi";
        let a = anchor_on(BODY, quote);
        let edited = BODY.replace("held a 90-minute meeting", "held a 95-minute meeting");
        let r = resolve(&a, &edited);
        let start = edited.find("held a 95").unwrap();
        assert_eq!(r, Resolution::Fuzzy(start..start + quote.len()), "{r:?}");

        // A word changed and the paragraph moved to the end.
        let quote = "The two sides discussed border trade, the situation of refugees";
        let a = anchor_on(BODY, quote);
        let moved = BODY.replace("The two sides discussed border trade, the situation of refugees and security along the Durand Line.\n\n", "")
            + "\n\nThe two sides discussed cross-border trade, the situation of refugees and security.";
        let r = resolve(&a, &moved);
        let start = moved.find("The two sides").unwrap();
        let end = start + "The two sides discussed cross-border trade, the situation of refugees".len();
        assert_eq!(r, Resolution::Fuzzy(start..end), "{r:?}");
    }

    #[test]
    fn a_deleted_quote_is_an_orphan() {
        let quote = "border trade, the situation of refugees";
        let a = anchor_on(BODY, quote);
        let edited = BODY.replace(quote, "other matters");
        assert_eq!(resolve(&a, &edited), Resolution::Orphan);
        assert_eq!(resolve(&a, ""), Resolution::Orphan);
        // Rewritten beyond recognition.
        let edited = BODY.replace(quote, "bordering states, the plight of displaced people");
        assert_eq!(resolve(&a, &edited), Resolution::Orphan);
    }

    #[test]
    fn a_short_word_elsewhere_is_no_evidence() {
        let body = "Kabul said no. Islamabad said yes.";
        let a = anchor_on(body, "no");
        let edited = "Kabul declined. Islamabad said yes. There is no deal.";
        assert_eq!(resolve(&a, edited), Resolution::Orphan);
    }

    #[test]
    fn multibyte_text_resolves_on_boundaries() {
        let body = "Die Gespräche in Moskau – «konstruktiv» – über Grenzhandel und Flüchtlinge.";
        let a = anchor_on(body, "über Grenzhandel und Flüchtlinge");
        let edited = format!("Überschrift: ÄÖÜ 日本語.\n\n{body}");
        let start = edited.find("über Grenzhandel").unwrap();
        assert_eq!(resolve(&a, &edited), Resolution::Moved(start..start + a.quote.len()));
        let edited2 =
            edited.replace("über Grenzhandel und Flüchtlinge", "über den Grenzhandel und Flüchtlinge");
        match resolve(&a, &edited2) {
            Resolution::Fuzzy(r) => {
                assert!(edited2.is_char_boundary(r.start) && edited2.is_char_boundary(r.end));
                assert_eq!(&edited2[r], "über den Grenzhandel und Flüchtlinge");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_stale_position_past_the_end_is_harmless() {
        let a = Anchor {
            quote: "Durand Line".into(),
            prefix: "along the ".into(),
            suffix: ".".into(),
            start: 10_000,
            end: 10_011,
        };
        let start = BODY.find("Durand Line").unwrap();
        assert_eq!(resolve(&a, BODY), Resolution::Moved(start..start + 11));
        let a = Anchor { start: 10_000, end: 10_003, ..anchor_on(BODY, "border trade, the situation") };
        let edited = BODY.replace("border trade", "border-trade");
        assert!(matches!(resolve(&a, &edited), Resolution::Fuzzy(_)));
    }

    #[test]
    fn long_quotes_in_long_bodies_are_fast() {
        let mut body = String::new();
        for i in 0..400 {
            body.push_str(&format!("Paragraph {i} says something about talks, trade and the border. "));
        }
        assert!(body.len() > 20_000);
        let start = body.len() / 2;
        let a = Anchor::capture(&body, start..start + 2_000);
        let edited = format!("{}an edited stretch!!{}", &body[..start + 100], &body[start + 120..]);
        let t = std::time::Instant::now();
        let r = resolve(&a, &edited);
        assert!(matches!(r, Resolution::Fuzzy(_)), "{r:?}");
        // Generous: debug builds of tests are slow; release takes milliseconds.
        assert!(t.elapsed() < std::time::Duration::from_secs(5), "{:?}", t.elapsed());
    }
}
