//! Stage 2: candidate spans.
//!
//! Runs of capitalized words (joined by hyphens, single spaces, initials
//! with a dot, and small connectors such as "of" or "bin" between
//! capitalized words) and all-caps acronyms become candidates. A run is cut
//! at "and" (unless it ends in an organization word: "Belt and Road
//! Initiative"), split around a role ("Foreign Minister Ishaq Dar" gives
//! "Ishaq Dar" with a role cue), and stripped of sentence openers, months
//! and the like. Each candidate notes the context cues around it and, for
//! an acronym in parentheses, the candidate it abbreviates.

mod segments;

use std::ops::Range;

use super::cues::Cues;
use super::cues::{HONORIFIC, ROLE, cues, initials_match};
use super::definitions::{also_known_as, defined_by_lowercase_words};
use super::gazetteer::{self as gz, FastMap, FastSet, ORGANIZATIONS, PLACES, class};
use super::lines;
use super::tokenize::{CAP, DIGIT, DOTTED, HYPHEN, LOWER, POSS, SENT, SPACE, TokKind, Token, UPPER};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte range in the body.
    pub start: usize,
    pub end: usize,
    /// Token range (word tokens, and the dots of initials, in between).
    pub first: usize,
    pub last: usize,
    /// Found in a heading (or a Title Case line): capitalization says
    /// nothing there, so only known names count.
    pub heading: bool,
    pub cues: Cues,
    /// A single all-caps word of 2–6 letters.
    pub acronym: bool,
    /// For an acronym in parentheses right after a name (or a name after
    /// "also known as"): that name's index.
    pub defines: Option<usize>,
    /// An acronym of ordinary words ("(PML)" after "progressive multifocal
    /// leukoencephalopathy"): not a name, wherever it appears.
    pub plain: bool,
}

/// The tokens of an article and what each word is.
pub struct Context<'a> {
    pub body: &'a str,
    pub toks: &'a [Token],
    /// The [`class`] bits of each token (0 for punctuation).
    classes: Vec<u16>,
    /// The [`lines`] marks of each token.
    marks: Vec<u8>,
    /// Does the article read like a sports report (sport words, results
    /// or team lines)? Then a place can be a club.
    pub sporty: bool,
    /// A cricket scorecard: a name and a row of numbers is a bowler.
    cricket: bool,
}

impl<'a> Context<'a> {
    /// Classifies every word once per distinct spelling, and returns the
    /// words seen in lowercase: a capitalized sentence opener found among
    /// them ("Security sources said") is an ordinary word ([`class::COMMON`]).
    pub fn new(body: &'a str, toks: &'a [Token]) -> (Context<'a>, FastSet<&'a str>) {
        let mut cache: FastMap<&str, u32> = FastMap::default();
        cache.reserve(toks.len() / 3);
        let mut common: FastSet<&str> = FastSet::default();
        common.reserve(toks.len() / 4);
        // (spelling, class) of each distinct spelling.
        let mut distinct: Vec<(&str, u16)> = Vec::with_capacity(toks.len() / 3);
        let mut buf = String::new();
        let index: Vec<u32> = toks
            .iter()
            .map(|t| {
                if !t.is_word() {
                    return u32::MAX;
                }
                let text = t.text(body);
                *cache.entry(text).or_insert_with(|| {
                    gz::normalize_into(text, &mut buf);
                    if t.is(LOWER) {
                        common.insert(text);
                    }
                    distinct.push((text, gz::word_class(&buf)));
                    distinct.len() as u32 - 1
                })
            })
            .collect();
        for (text, class) in &mut distinct {
            if !text.starts_with(|c: char| c.is_lowercase()) {
                gz::normalize_into(text, &mut buf);
                if common.contains(buf.as_str()) {
                    *class |= class::COMMON;
                }
            }
        }
        let classes: Vec<u16> =
            index.into_iter().map(|i| distinct.get(i as usize).map_or(0, |d| d.1)).collect();
        let sport_words = classes.iter().filter(|&&c| c & class::SPORT != 0).count();
        let marks = vec![0; toks.len()];
        let cricket = distinct.iter().any(|(w, _)| matches!(*w, "lbw" | "innings" | "wickets" | "batsman"));
        (Context { body, toks, classes, marks, sporty: sport_words >= 4, cricket }, common)
    }

    /// Marks the lines of the paragraph of tokens `range` by their shape.
    pub fn mark_lines(&mut self, range: Range<usize>) {
        lines::mark(self.body, self.toks, &self.classes, range.clone(), self.cricket, &mut self.marks);
        if self.marks[range].iter().any(|&m| m & lines::SIDE != 0) {
            self.sporty = true;
        }
    }

    /// The [`lines`] marks of token `i`.
    pub(super) fn mark(&self, i: usize) -> u8 {
        self.marks.get(i).copied().unwrap_or(0)
    }

    pub(super) fn class(&self, i: usize) -> u16 {
        self.classes.get(i).copied().unwrap_or(0)
    }

    pub(super) fn has(&self, i: usize, bits: u16) -> bool {
        self.class(i) & bits != 0
    }

    pub(super) fn is_name_word(&self, i: usize) -> bool {
        self.mark(i) & lines::TABLE == 0
            && self.toks.get(i).is_some_and(|t| {
                t.is_word()
                    && t.is(CAP)
                    // "MI6", "ITV1": known names with digits.
                    && (!t.is(DIGIT) || self.has(i, class::PLACE | class::ORG))
                    && !plural_acronym(t.text(self.body))
                    && !first_person_contraction(t.text(self.body))
            })
    }

    /// Is token `i` the word `text`?
    pub(super) fn word_is(&self, i: usize, text: &str) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_word() && t.text(self.body) == text)
    }

    /// A lowercase word of the given class.
    pub(super) fn lower_word(&self, i: usize, bits: u16) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(LOWER)) && self.has(i, bits)
    }

    /// Is token `i` a small lowercase connector ("of", "bin", "e") or "&"?
    pub(super) fn is_connector(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct('&')) || self.lower_word(i, class::CONNECTOR)
    }

    pub(super) fn is_and(&self, i: usize) -> bool {
        let t = self.toks[i];
        t.is_punct('&') || (t.is(LOWER) && t.text(self.body) == "and")
    }

    pub(super) fn letters(&self, i: usize) -> usize {
        self.toks[i].text(self.body).chars().filter(|c| c.is_alphabetic()).count()
    }

    /// Is the run of words `seg` a place or organization of the gazetteers?
    pub(super) fn known(&self, seg: &[usize], buf: &mut String) -> bool {
        match seg {
            [] => false,
            [w] => self.has(*w, class::PLACE | class::ORG),
            [a, .., b] => {
                gz::normalize_into(self.body.get(self.toks[*a].start..self.toks[*b].end).unwrap_or(""), buf);
                PLACES.contains(buf.as_str()) || ORGANIZATIONS.contains(buf.as_str())
            }
        }
    }
}

/// "I'm", "I've", "I'd", "I'll": the pronoun "I", not a name.
fn first_person_contraction(word: &str) -> bool {
    let Some(rest) = word.strip_prefix('I') else { return false };
    let Some(rest) = rest.strip_prefix(['\'', '’']) else { return false };
    matches!(rest, "m" | "ve" | "d" | "ll" | "M" | "VE" | "D" | "LL")
}

/// "MPs", "CDs": a plural of an acronym is a common noun.
fn plural_acronym(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b's' && b[..b.len() - 1].iter().all(u8::is_ascii_uppercase)
}

/// Scans the tokens `range` of one paragraph, appending candidates to `out`.
pub fn scan(cx: &Context, range: Range<usize>, heading: bool, out: &mut Vec<Candidate>) {
    // A team list or a results line is read by its shape, not as a heading.
    let shaped = (range.clone()).any(|i| cx.mark(i) != 0);
    let heading = !shaped && (heading || looks_like_title(cx, range.clone()));
    let mut buf = String::new();
    let mut run: Vec<usize> = Vec::new();
    let mut i = range.start;
    while i < range.end {
        if !cx.is_name_word(i) {
            i += 1;
            continue;
        }
        run.clear();
        // "al-Qaeda", "bin-Laden": a connector hyphened to the name opens it.
        let prefixed = i > range.start
            && cx.toks[i].is(HYPHEN)
            && cx.is_connector(i - 1)
            && (i - 1 == range.start || cx.toks[i - 1].is(SPACE));
        if prefixed {
            run.push(i - 1);
        }
        run.push(i);
        let mut j = i;
        loop {
            if cx.toks[j].is(POSS) {
                // "Destiny's Child": a known name with a possessive in it.
                match possessive_name(cx, &run, j, range.end, &mut buf) {
                    Some(end) => {
                        run.extend(j + 1..=end);
                        j = end;
                        continue;
                    }
                    None => break,
                }
            }
            if j + 1 >= range.end {
                break;
            }
            let n = cx.toks[j + 1];
            if n.is_word() && n.is(HYPHEN) {
                // "Pakistan-Afghanistan", "Tehrik-e-Taliban"; "Lahore-based" ends here.
                if cx.is_name_word(j + 1) {
                    run.push(j + 1);
                    j += 1;
                    continue;
                }
                let joined = j + 2 < range.end && cx.toks[j + 2].is(HYPHEN) && cx.is_name_word(j + 2);
                if joined && cx.is_connector(j + 1) {
                    run.extend([j + 1, j + 2]);
                    j += 2;
                    continue;
                }
                break;
            }
            // Initials and abbreviated titles: "George W. Bush", "Mr. Blair".
            if n.is_punct('.') {
                let initial = cx.letters(j) == 1 || cx.has(j, class::HONORIFIC);
                if initial && j + 2 < range.end && cx.toks[j + 2].is(SPACE) && cx.is_name_word(j + 2) {
                    run.push(j + 2);
                    j += 2;
                    continue;
                }
                break;
            }
            if !n.is(SPACE) {
                break;
            }
            // "BBC Radio 4", "Channel 4": a number ends a broadcaster's name.
            if n.is_word() && n.is(DIGIT) && (cx.word_is(j, "Radio") || cx.word_is(j, "Channel")) {
                run.push(j + 1);
                j += 1;
                break;
            }
            if cx.is_name_word(j + 1) {
                run.push(j + 1);
                j += 1;
                continue;
            }
            // Up to two connectors between capitalized words ("of the"), or
            // one "and" ("Belt and Road Initiative").
            let mut m = j + 1;
            while m < range.end && m < j + 3 && cx.toks[m].is(SPACE) && cx.is_connector(m) {
                m += 1;
                if cx.is_and(m - 1) {
                    break;
                }
            }
            if m > j + 1 && m < range.end && cx.toks[m].is(SPACE) && cx.is_name_word(m) {
                run.extend(j + 1..=m);
                j = m;
                continue;
            }
            break;
        }
        segments::split_and(cx, &run, heading, &mut buf, out);
        i = j + 1;
    }
}

/// Does a known organization's name run from token `first` through the
/// possessive of token `poss` and a word or two after it ("Destiny's
/// Child")? The index of its last word. ("McDonald's" needs no help: the
/// lists know "McDonald" too.)
fn possessive_name(cx: &Context, run: &[usize], poss: usize, end: usize, buf: &mut String) -> Option<usize> {
    for extra in [2usize, 1] {
        let last = poss + extra;
        if last >= end || !(poss + 1..=last).all(|k| cx.toks[k].is_word() && cx.toks[k].is(CAP)) {
            continue;
        }
        // From any word of the run: "the Official Charts Company and
        // Destiny's Child".
        for &first in run.iter().rev() {
            let text = cx.body.get(cx.toks[first].start..cx.toks[last].end).unwrap_or("");
            gz::normalize_into(text, buf);
            if ORGANIZATIONS.contains(buf.as_str()) {
                return Some(last);
            }
        }
    }
    None
}

/// A line in Title Case (or all capitals) without a full stop: capitalization
/// carries no information, so it is read like a heading.
fn looks_like_title(cx: &Context, range: Range<usize>) -> bool {
    let (mut caps, mut lower, mut upper, mut words, mut dot) = (0usize, 0usize, 0usize, 0usize, false);
    for (k, t) in cx.toks[range.clone()].iter().enumerate() {
        if t.is_punct('.') {
            dot = true;
        }
        if !t.is_word() || t.is(DIGIT) {
            continue;
        }
        words += 1;
        if t.is(UPPER) {
            upper += 1;
        }
        if t.is(CAP) {
            caps += 1;
        } else if t.is(LOWER) && !cx.has(range.start + k, class::STOP) {
            lower += 1;
        }
        if dot && upper * 2 < words {
            return false;
        }
    }
    // "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT ." shouts,
    // full stop or not.
    let shouted = upper >= 3 && upper * 5 >= words * 3;
    shouted || (!dot && caps + lower >= 4 && caps * 4 >= (caps + lower) * 3)
}
