//! Sentences of an article body, for the snippets shown around mentions.
//!
//! [`Sentences::new`] finds every sentence boundary of a body in one pass;
//! each lookup is then a binary search, and a snippet reads at most a
//! window of about its own length around the mention. So the snippets of
//! every mention of one enormous sentence ("Mr Ahmed Khan and " 58,000 times
//! over) cost time linear in the body, not in body × mentions.

use std::ops::Range;

/// The sentence boundaries of one body.
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    body: &'a str,
    /// (trigger, start): a sentence starts at `start` when `trigger` lies
    /// before the mention (sorted by trigger).
    starts: Vec<(usize, usize)>,
    /// (trigger, end): a sentence ends at `end` when `trigger` lies at or
    /// after the end of the mention (sorted by trigger).
    ends: Vec<(usize, usize)>,
}

impl<'a> Sentences<'a> {
    /// Every boundary of `body`: paragraph breaks (a blank line) and
    /// sentence ends ([`ends_sentence`]).
    pub fn new(body: &'a str) -> Sentences<'a> {
        let bytes = body.as_bytes();
        let mut starts = Vec::new();
        let mut ends = Vec::new();
        for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes).chain(memchr::memchr_iter(b'\n', bytes)) {
            if bytes[i] == b'\n' {
                if bytes.get(i + 1) == Some(&b'\n') {
                    // The paragraph ends before the break, the next starts after it.
                    ends.push((i, i));
                    starts.push((i + 1, i + 2));
                }
            } else if let Some(e) = ends_sentence(body, i) {
                starts.push((i, e));
                ends.push((i, e));
            }
        }
        starts.sort_unstable();
        ends.sort_unstable();
        Sentences { body, starts, ends }
    }

    /// The number of the sentence holding byte `at` (0 for the first): two
    /// mentions starting in one sentence have the same number. The same as
    /// [`sentence_number`] over [`Sentences::triggers`].
    pub fn number(&self, at: usize) -> usize {
        self.starts.partition_point(|&(t, _)| t < at)
    }

    /// Where sentences start, as positions a mention must lie after
    /// (sorted): what [`sentence_number`] needs to number sentences without
    /// the text.
    pub fn triggers(&self) -> impl Iterator<Item = usize> + '_ {
        self.starts.iter().map(|&(t, _)| t)
    }

    /// The byte range of the sentence around `range`: from the end of the
    /// previous sentence (or paragraph) to the end of this one.
    pub fn bounds(&self, range: Range<usize>) -> Range<usize> {
        let body = self.body;
        let mut start = range.start.min(body.len());
        while !body.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = range.end.clamp(start, body.len());
        while !body.is_char_boundary(end) {
            end += 1;
        }
        let before = self.starts.partition_point(|&(t, _)| t < start);
        let from = before.checked_sub(1).map_or(0, |k| self.starts[k].1.min(start));
        let after = self.ends.partition_point(|&(t, _)| t < end);
        let to = self.ends.get(after).map_or(body.len(), |&(_, e)| e);
        from..to.max(end)
    }

    /// The sentence around `range`, on one line, at most about `max_chars`
    /// characters (cut at words, with "…", around the mention if longer).
    pub fn around(&self, range: Range<usize>, max_chars: usize) -> String {
        let body = self.body;
        let bounds = self.bounds(range.clone());
        let start = range.start.clamp(bounds.start, bounds.end);
        let end = range.end.clamp(start, bounds.end);
        let (Some(head), Some(mention), Some(tail)) =
            (body.get(bounds.start..start), body.get(start..end), body.get(end..bounds.end))
        else {
            return String::new();
        };
        // Only a window of the sentence can show: read no more of it.
        let window = max_chars.saturating_mul(4).max(16);
        let (head, head_cut) = last_chars(head, window);
        let (mention, _) = first_chars(mention, window);
        let (tail, tail_cut) = first_chars(tail, window);
        let (head, mention, tail) = (one_line(head), one_line(mention), one_line(tail));
        let total = head.chars().count() + mention.chars().count() + tail.chars().count();
        if total <= max_chars && !head_cut && !tail_cut {
            return format!("{head}{mention}{tail}").trim().to_string();
        }
        let room = max_chars.saturating_sub(mention.chars().count()) / 2;
        let head_chars = head.chars().count();
        let head = if head_chars > room || head_cut {
            let cut: String = head.chars().skip(head_chars.saturating_sub(room)).collect();
            // Start at a word.
            let cut = match cut.find(' ') {
                Some(p) if p + 1 < cut.len() => &cut[p + 1..],
                _ => cut.as_str(),
            };
            format!("…{cut}")
        } else {
            head
        };
        let tail = if tail.chars().count() > room || tail_cut {
            let cut: String = tail.chars().take(room).collect();
            let cut = match cut.rfind(' ') {
                Some(p) if p > 0 => &cut[..p],
                _ => cut.as_str(),
            };
            format!("{}…", cut.trim_end())
        } else {
            tail
        };
        format!("{head}{mention}{tail}").trim().to_string()
    }
}

/// The last `n` characters of `s`, and whether some were left out.
fn last_chars(s: &str, n: usize) -> (&str, bool) {
    match s.char_indices().rev().nth(n) {
        Some((p, c)) => (&s[p + c.len_utf8()..], true),
        None => (s, false),
    }
}

/// The first `n` characters of `s`, and whether some were left out.
fn first_chars(s: &str, n: usize) -> (&str, bool) {
    match s.char_indices().nth(n) {
        Some((p, _)) => (&s[..p], true),
        None => (s, false),
    }
}

/// The number of the sentence holding byte `at`, from the sorted
/// [`Sentences::triggers`] of its body (as [`Sentences::number`]).
pub fn sentence_number(triggers: &[usize], at: usize) -> usize {
    triggers.partition_point(|&t| t < at)
}

/// The byte range of the sentence around `range` of `body` (see
/// [`Sentences::bounds`]; build a [`Sentences`] once for many mentions).
pub fn sentence_bounds(body: &str, range: Range<usize>) -> Range<usize> {
    Sentences::new(body).bounds(range)
}

/// The sentence around `range` of `body`, on one line (see
/// [`Sentences::around`]; build a [`Sentences`] once for many mentions).
pub fn sentence_around(body: &str, range: Range<usize>, max_chars: usize) -> String {
    Sentences::new(body).around(range, max_chars)
}

/// Does the byte at `i` end a sentence: ".", "!" or "?" (and closing
/// quotes) before whitespace or the end, and not the dot of an initial or a
/// title ("Mr.", "U.S.")? Returns where the sentence ends.
fn ends_sentence(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if !matches!(b, b'.' | b'!' | b'?') {
        return None;
    }
    let rest = text.get(i + 1..)?;
    let closing = rest.find(|c: char| !matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')).unwrap_or(rest.len());
    if !rest[closing..].chars().next().is_none_or(char::is_whitespace) {
        return None;
    }
    let end = i + 1 + closing;
    if b != b'.' {
        return Some(end);
    }
    let head = text.get(..i).unwrap_or("");
    // The word before the dot (a bounded look back: an abbreviation is short).
    let word: String = {
        let mut w: Vec<char> =
            head.chars().rev().take(16).take_while(|c| c.is_alphanumeric() || *c == '.').collect();
        w.reverse();
        w.into_iter().collect()
    };
    let abbreviation = word.chars().count() <= 1
        || word.contains('.')
        || matches!(
            word.as_str(),
            "Mr" | "Mrs" | "Ms" | "Dr" | "St" | "Gen" | "Sen" | "Rev" | "Prof" | "Lt" | "Col"
        );
    (!abbreviation).then_some(end)
}

/// Whitespace runs (line breaks included) as single spaces.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_around_mentions() {
        let body = "First one. Mr. Blair met\nthe U.S. envoy in Kabul today. Last one.\n\nNext paragraph.";
        let at = body.find("Kabul").unwrap();
        assert_eq!(sentence_around(body, at..at + 5, 200), "Mr. Blair met the U.S. envoy in Kabul today.");
        let short = sentence_around(body, at..at + 5, 20);
        assert!(short.contains("Kabul") && short.contains('…'), "{short}");
        assert!(short.chars().count() <= 24, "{short}");
        let at = body.find("Next").unwrap();
        assert_eq!(sentence_around(body, at..at + 4, 200), "Next paragraph.");
        assert_eq!(sentence_around("Kabul", 0..5, 200), "Kabul");
        assert_eq!(sentence_around("", 3..9, 200), "");
        let body = "“Über.” Then “Kabul” said… Ünter. Done";
        let at = body.find("Kabul").unwrap();
        assert_eq!(sentence_around(body, at..at + 5, 200), "Then “Kabul” said… Ünter.");
    }

    #[test]
    fn a_sentence_ends_at_the_full_stop_right_after_a_mention() {
        // The dot right after "Kabul" ends the sentence: the mention is a
        // word, not an abbreviation.
        let body = "Talks were held in Kabul. Nobody else came to them.";
        let at = body.find("Kabul").unwrap();
        assert_eq!(sentence_bounds(body, at..at + 5), 0..25);
        assert_eq!(sentence_around(body, at..at + 5, 200), "Talks were held in Kabul.");
    }

    #[test]
    fn snippets_of_one_enormous_sentence_are_short_and_around_their_mention() {
        let body = "Mr Ahmed Khan and ".repeat(20_000);
        let sentences = Sentences::new(&body);
        let at = 18 * 10_000 + 3;
        assert_eq!(sentences.bounds(at..at + 10), 0..body.len());
        let s = sentences.around(at..at + 10, 240);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 244, "{}", s.chars().count());
        assert!(s.contains("Ahmed Khan"), "{s}");
    }

    #[test]
    fn bounds_of_ranges_off_char_boundaries_and_out_of_range_stay_in_the_body() {
        let body = "Über alles. Kābul";
        let s = Sentences::new(body);
        for (a, b) in [(1, 2), (14, 15), (0, 99), (99, 120)] {
            let r = s.bounds(a..b);
            assert!(body.get(r.clone()).is_some(), "{a}..{b} gave {r:?}");
        }
    }
}
