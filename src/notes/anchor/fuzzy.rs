//! Finding a lightly edited quote, in bounded time and memory.
//!
//! Candidate places come from exact hits of the context and of pieces of
//! the quote (plus the old position). Each is verified by an alignment
//! (edit distance) limited to a window around it:
//!
//! - a quote of up to [`CHUNK_WALK_FROM`] characters is aligned whole, with
//!   its context, in a window a little longer than itself (at most
//!   [`MAX_WINDOWS`] windows);
//! - a longer quote is walked chunk by chunk ([`CHUNK`] characters): each
//!   chunk is aligned in a short window just after where the previous one
//!   ended, and the walk stops as soon as the edits exceed what a light edit
//!   allows. Time is linear in the quote (times the chunk size), memory is
//!   that of one chunk's alignment: a 100 KB paragraph costs milliseconds
//!   and kilobytes, where aligning it whole took seconds and gigabytes.
//!
//! A place is accepted when its combined similarity (quote ¾, context ¼) is
//! at least 0.8 and the quote alone is at least 0.75 similar, or, for
//! quotes of 32 characters or more, when the quote alone is at least 0.9
//! similar (a lightly edited paragraph that also moved).
//!
//! **Look-alikes.** A template sentence repeated about someone else ("Team
//! Alpha reported the convoy was stopped…" / "Team Beta reported…") is very
//! similar and yet another passage. What tells a light edit of the passage
//! from a different passage is *which* words differ: typo fixes and
//! rewordings change common words; a different passage changes the names
//! and numbers, the words that carry its facts. So when a word that differs
//! is a name or a number (it has a capital letter or a digit), the match is
//! accepted only if the context on *both* sides still matches (the passage
//! was corrected in place); anywhere else it is an orphan, never silently
//! re-attached to the wrong passage.

use std::collections::HashMap;
use std::ops::Range;

use super::align::{Chars, align, similarity};
use super::find_all;
use crate::notes::model::Anchor;

/// Accept a fuzzy match from this combined similarity.
const FUZZY_ACCEPT: f64 = 0.8;
/// ... and from this similarity of the quote alone.
const FUZZY_QUOTE_MIN: f64 = 0.75;
/// A long quote this similar is accepted even with unrelated context.
const FUZZY_QUOTE_ALONE: f64 = 0.9;
const LONG_QUOTE: usize = 32;
/// Context on a side "still matches" from this similarity.
const CONTEXT_MATCH: f64 = 0.75;
/// A quote piece with more hits than this says nothing about where the quote is.
const MAX_HITS_PER_SEED: usize = 64;
/// At most this many places are verified.
const MAX_WINDOWS: usize = 32;
/// Quotes longer than this (in characters) are walked chunk by chunk.
pub(super) const CHUNK_WALK_FROM: usize = 1024;
/// The chunk of a walk, in characters.
pub(super) const CHUNK: usize = 256;

/// The anchor's passage, lightly edited, in `body`: its byte range and its
/// similarity to the quote.
pub(super) fn find(anchor: &Anchor, body: &str) -> Option<(Range<usize>, f64)> {
    let quote: Vec<char> = anchor.quote.chars().collect();
    let qlen = quote.len();
    let max_edits = qlen / 4;
    if max_edits == 0 || body.is_empty() {
        return None;
    }
    let text = Chars::new(body);
    let prefix: Vec<char> = anchor.prefix.chars().collect();
    let suffix: Vec<char> = anchor.suffix.chars().collect();
    let old = text.index_of(anchor.start.min(body.len()));
    let candidates = candidates(anchor, body, &text, &quote, &prefix, &suffix);

    let spans: Vec<(Range<usize>, usize)> = if qlen > CHUNK_WALK_FROM {
        starts(candidates, old)
            .into_iter()
            .filter_map(|c| walk(&prefix, &quote, &suffix, &text.chars, c, max_edits))
            .collect()
    } else {
        windows(candidates, old, qlen, max_edits + 1, text.chars.len())
            .into_iter()
            .filter_map(|w| {
                let from = w.start.saturating_sub(prefix.len());
                let to = (w.end + suffix.len()).min(text.chars.len());
                let found = align(&prefix, &quote, &suffix, &text.chars[from..to])?;
                Some((from + found.start..from + found.end, found.quote_edits))
            })
            .collect()
    };

    let mut best: Option<(f64, usize, Range<usize>, f64)> = None; // (score, distance, chars, quote similarity)
    for (span, edits) in spans {
        let (s, e) = (span.start, span.end);
        if edits > max_edits || s >= e {
            continue;
        }
        let quote_sim = 1.0 - edits as f64 / qlen.max(e - s) as f64;
        let n = text.chars.len();
        let before = similarity(&prefix, &text.chars[s.saturating_sub(prefix.len())..s]);
        let after = similarity(&suffix, &text.chars[e..(e + suffix.len()).min(n)]);
        let score = 0.75 * quote_sim + 0.25 * (before + after) / 2.0;
        let accepted = (score >= FUZZY_ACCEPT && quote_sim >= FUZZY_QUOTE_MIN)
            || (qlen >= LONG_QUOTE && quote_sim >= FUZZY_QUOTE_ALONE);
        if !accepted {
            continue;
        }
        let in_place = before >= CONTEXT_MATCH && after >= CONTEXT_MATCH;
        if !in_place && names_or_numbers_differ(&quote, &text.chars[s..e]) {
            continue;
        }
        let distance = s.abs_diff(old);
        let better = match &best {
            None => true,
            Some((b, d, _, _)) => score > *b + 1e-9 || ((score - *b).abs() <= 1e-9 && distance < *d),
        };
        if better {
            best = Some((score, distance, s..e, quote_sim));
        }
    }
    let (_, _, r, quote_sim) = best?;
    Some((text.offsets[r.start]..text.offsets[r.end], quote_sim))
}

/// Candidate starts of the quote (character indices): the old position,
/// and where exact hits of the context and of pieces of the quote put it.
fn candidates(
    anchor: &Anchor,
    body: &str,
    text: &Chars,
    quote: &[char],
    prefix: &[char],
    suffix: &[char],
) -> Vec<usize> {
    let qlen = quote.len();
    let max_edits = qlen / 4;
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
    candidates.sort_unstable();
    candidates.dedup();
    candidates
}

/// Candidate windows for a whole-quote alignment: overlapping ones merged
/// (up to a size), the best supported ([`MAX_WINDOWS`] at most) kept.
fn windows(candidates: Vec<usize>, old: usize, qlen: usize, slack: usize, n: usize) -> Vec<Range<usize>> {
    let max_window = 2 * qlen + 2 * slack;
    let mut windows: Vec<(Range<usize>, usize)> = Vec::new(); // (window, candidates in it)
    for c in candidates {
        let w = c.saturating_sub(slack)..(c + qlen + slack).min(n);
        match windows.last_mut() {
            Some((last, hits)) if w.start <= last.end && w.end.max(last.end) - last.start <= max_window => {
                last.end = last.end.max(w.end);
                *hits += 1;
            }
            _ => windows.push((w, 1)),
        }
    }
    windows.sort_by_key(|(w, hits)| (std::cmp::Reverse(*hits), w.start.abs_diff(old)));
    windows.truncate(MAX_WINDOWS);
    windows.into_iter().map(|(w, _)| w).collect()
}

/// Candidate starts for a chunk walk: those within a chunk of each other
/// merged, the nearest to the old position first, [`MAX_WINDOWS`] at most.
fn starts(candidates: Vec<usize>, old: usize) -> Vec<usize> {
    let mut merged: Vec<usize> = Vec::new();
    for c in candidates {
        if merged.last().is_none_or(|&last| c > last + CHUNK) {
            merged.push(c);
        }
    }
    merged.sort_by_key(|c| c.abs_diff(old));
    merged.truncate(MAX_WINDOWS);
    merged
}

/// Walks a long quote chunk by chunk from near `guess` (a character index):
/// the span it covers in `text` and the edits it took, or `None` as soon
/// as the edits exceed `max_edits`.
fn walk(
    prefix: &[char],
    quote: &[char],
    suffix: &[char],
    text: &[char],
    guess: usize,
    max_edits: usize,
) -> Option<(Range<usize>, usize)> {
    let n = text.len();
    let chunks: Vec<Range<usize>> = {
        let count = (quote.len() / CHUNK).max(1);
        (0..count).map(|i| i * CHUNK..if i + 1 == count { quote.len() } else { (i + 1) * CHUNK }).collect()
    };
    let last = chunks.len() - 1;
    let mut edits = 0;
    let mut start = None;
    let mut cursor = 0;
    for (i, chunk) in chunks.iter().enumerate() {
        let piece = &quote[chunk.clone()];
        let len = piece.len();
        let after: &[char] = if i == last { suffix } else { &[] };
        let (from, before): (usize, &[char]) = if i == 0 {
            // Where the quote starts: its head aligned with the prefix, near the guess.
            (guess.saturating_sub(len / 2 + prefix.len()), prefix)
        } else {
            (cursor, &[])
        };
        let to = (from + before.len() + len + len / 2 + 16 + after.len()).min(n);
        if from >= to {
            return None;
        }
        let found = align(before, piece, after, &text[from..to])?;
        if i == 0 {
            start = Some(from + found.start);
        } else {
            // Text skipped between chunks was inserted into the passage.
            edits += found.start;
        }
        edits += found.quote_edits;
        if edits > max_edits {
            return None;
        }
        cursor = from + found.end;
    }
    Some((start?..cursor, edits))
}

/// Whether the words that differ between the quote and a candidate passage
/// include a name or a number (a word with a capital letter or a digit).
fn names_or_numbers_differ(quote: &[char], found: &[char]) -> bool {
    fn words(text: &[char]) -> HashMap<String, i64> {
        let mut counts = HashMap::new();
        let s: String = text.iter().collect();
        for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            *counts.entry(w.to_string()).or_insert(0) += 1;
        }
        counts
    }
    let mut diff = words(quote);
    for (w, n) in words(found) {
        *diff.entry(w).or_insert(0) -= n;
    }
    diff.iter().filter(|(_, n)| **n != 0).any(|(w, _)| w.chars().any(|c| c.is_uppercase() || c.is_numeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn differing_names_and_numbers_are_told_from_common_words() {
        let q = chars("Team Alpha reported the convoy was stopped");
        assert!(names_or_numbers_differ(&q, &chars("Team Beta reported the convoy was stopped")));
        assert!(names_or_numbers_differ(&chars("a 90-minute meeting"), &chars("a 95-minute meeting")));
        assert!(!names_or_numbers_differ(&q, &chars("Team Alpha reported that the convoy was stoped")));
        assert!(!names_or_numbers_differ(&q, &q));
    }
}
