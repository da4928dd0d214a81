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
        split_and(cx, &run, heading, &mut buf, out);
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

/// Cuts a run at "and" / "&" unless it ends in an organization word and
/// what comes before is not a known name of its own: "Belt and Road
/// Initiative" stays whole, "Islamabad and the Taliban" does not.
fn split_and(cx: &Context, run: &[usize], heading: bool, buf: &mut String, out: &mut Vec<Candidate>) {
    let Some(&last) = run.last() else { return };
    let org_end = cx.has(last, class::ORG_WORD);
    let mut from = 0;
    for k in 0..run.len() {
        if !cx.is_and(run[k]) {
            continue;
        }
        // "Johnson & Johnson", "Marks & Spencer": "&" joins the words of one name.
        let ampersand = cx.toks[run[k]].is_punct('&');
        let next_connector = run.get(k + 1).is_some_and(|&n| cx.toks[n].is(LOWER));
        // "GM Europe and Best Buy Co Inc": a name that starts with a known
        // one or an acronym stands on its own.
        let known_before = cx.known(&run[from..k], buf)
            || (k > from + 1 && (cx.has(run[from], class::ORG) || cx.toks[run[from]].is(UPPER)));
        if ampersand && !known_before {
            continue;
        }
        // "Department for Education and Skills": an organization word, a
        // connector, then its fields.
        let fields = run[from..k].iter().take(2).any(|&w| cx.has(w, class::ORG_WORD))
            && run[from..k].iter().any(|&w| cx.word_is(w, "for") || cx.word_is(w, "of"))
            && run.len() - k <= 3
            && !next_connector;
        if fields {
            continue;
        }
        if !org_end || next_connector || known_before {
            split_role(cx, &run[from..k], heading, buf, out);
            from = k + 1;
        }
    }
    split_role(cx, &run[from..], heading, buf, out);
}

/// Splits a segment around its last role word: "Foreign Minister Ishaq Dar"
/// gives "Foreign" (no cue) and "Ishaq Dar" (role cue).
fn split_role(cx: &Context, seg: &[usize], heading: bool, buf: &mut String, out: &mut Vec<Candidate>) {
    if let [w] = *seg {
        // "Turkey" opening a sentence is a country even in an article that
        // mentions turkey; "Total" there is an ordinary word, not the company.
        let t = cx.toks[w];
        let opener = t.is(SENT) && !t.is(UPPER) && cx.has(w, class::COMMON);
        if cx.has(w, class::PLACE) || (cx.has(w, class::ORG) && !opener) {
            return emit(cx, seg, 0, heading, out);
        }
        return strip(cx, seg, 0, heading, buf, out);
    }
    if seg.is_empty() {
        return;
    }
    if cx.known(seg, buf) {
        return emit(cx, seg, 0, heading, out);
    }
    // "Nick Moran of Lock, Stock…": a person's name does not run on
    // through "of".
    if cx.has(seg[0], class::FIRST_NAME)
        && let Some(c) =
            seg.iter().position(|&w| cx.toks[w].is(LOWER) && cx.is_connector(w) && !cx.toks[w].is(HYPHEN))
        && (2..=3).contains(&c)
        && seg[..c].iter().all(|&w| cx.is_name_word(w))
        && !seg[..c].iter().any(|&w| cx.has(w, class::ORG_WORD))
    {
        strip(cx, &seg[..c], 0, heading, buf, out);
        return split_role(cx, &seg[c + 1..], heading, buf, out);
    }
    // A role word followed by a word that is not one (a capitalized word in
    // a run: connectors are lowercase).
    // A plural role inside a name is part of it ("Screen Actors Guild").
    // …but opening a sentence it is a role ("Compatriots Mulugeta Wondimu").
    let plural = |k: usize| {
        let w = cx.toks[seg[k]].text(cx.body);
        w.ends_with('s')
            && !cx.has(seg[k], class::HONORIFIC)
            && w.len() > 3
            && !(k == 0 && cx.toks[seg[0]].is(SENT))
    };
    let is_role = |k: usize| cx.toks[seg[k]].is(CAP) && cx.has(seg[k], class::ROLE) && !plural(k);
    let mut next_is_role = is_role(seg.len() - 1);
    let mut role_at = None;
    for k in (0..seg.len() - 1).rev() {
        let r = is_role(k);
        if r && !next_is_role {
            role_at = Some(k);
            break;
        }
        next_is_role = r;
    }
    // "Official Charts Company": a role word opening an organization's name.
    let org_name = cx.has(seg[seg.len() - 1], class::ORG_WORD)
        && !seg.iter().any(|&w| cx.has(w, class::FIRST_NAME | class::HONORIFIC));
    let Some(r) = role_at.filter(|_| !org_name) else { return strip(cx, seg, 0, heading, buf, out) };
    let mut g = r;
    while g > 0 && is_role(g - 1) {
        g -= 1;
    }
    strip(cx, &seg[..g], 0, heading, buf, out);
    let suffix = &seg[r + 1..];
    let cue = if cx.is_connector(suffix[0]) {
        0
    } else if (g..=r).any(|k| cx.has(seg[k], class::HONORIFIC)) {
        ROLE | HONORIFIC
    } else {
        ROLE
    };
    strip(cx, suffix, cue, heading, buf, out);
}

/// Strips what cannot start or end a name, then emits what is left.
fn strip(cx: &Context, seg: &[usize], cue: Cues, heading: bool, buf: &mut String, out: &mut Vec<Candidate>) {
    let mut seg = seg;
    while let Some((&w, rest)) = seg.split_first() {
        let t = cx.toks[w];
        let first_name = !rest.is_empty() && cx.has(w, class::FIRST_NAME);
        let opener = t.is(SENT) && !t.is(UPPER) && cx.has(w, class::COMMON);
        // "US" is not the pronoun.
        let known_caps = t.is(UPPER) && cx.has(w, class::PLACE | class::ORG);
        let ordinary = !first_name && !known_caps && (cx.has(w, class::STOP | class::TIME) || opener);
        let hyphened = rest.first().is_some_and(|&n| cx.toks[n].is(HYPHEN));
        // "R de Marigny", "A Masi" in a team list: an initial.
        let listed = cx.mark(w) & lines::PERSON != 0 && !rest.is_empty() && t.is(UPPER | CAP);
        if listed {
            break;
        }
        let drop = (cx.is_connector(w) && !hyphened)
            || !t.is_word()
            || (cx.letters(w) < 2 && !t.is(DOTTED))
            || ordinary;
        if !drop {
            break;
        }
        seg = rest;
    }
    while let Some((&w, rest)) = seg.split_last() {
        let channel = rest.last().is_some_and(|&r| cx.word_is(r, "Radio") || cx.word_is(r, "Channel"));
        if channel && cx.toks[w].is(DIGIT) {
            break;
        }
        if cx.is_connector(w) || !cx.toks[w].is_word() || (cx.letters(w) < 2 && !cx.toks[w].is(DOTTED)) {
            seg = rest;
        } else {
            break;
        }
    }
    // "Afghan Taliban" is the Taliban; "British Airways" keeps its adjective.
    if seg.len() > 1 && cx.has(seg[0], class::DEMONYM) && cx.known(&seg[1..], buf) {
        seg = &seg[1..];
    }
    // "Scot Kathy Butler", "Kenyan Susan Chepkemei": a demonym glued to a
    // person's name ("Irish Sports Council" keeps its adjective).
    if seg.len() > 2
        && cx.has(seg[0], class::DEMONYM)
        && !cx.toks[seg[1]].is(HYPHEN)
        && seg[1..]
            .iter()
            .all(|&w| cx.toks[w].is(CAP) && !cx.has(w, class::ORG_WORD | class::PLACE | class::ORG))
    {
        seg = &seg[1..];
    }
    // "Exchequer Gordon Brown", "Blairite Alan Milburn": a word glued before
    // a given name and a surname is not part of the person's name.
    if let Some(k) = glued_before_person(cx, seg, buf) {
        strip(cx, &seg[..k], 0, heading, buf, out);
        seg = &seg[k..];
    }
    if !seg.is_empty() {
        emit(cx, seg, cue, heading, out);
    }
}

/// Where a person's name starts in `seg` when capitalized words that are
/// neither given names nor titles come before a given name followed by a
/// surname ("Exchequer Gordon Brown", "Arsenal Thierry Henry"): the index
/// of that given name. `None` for a known name, an organization ("Bank
/// Julius Baer") or a run of given names ("Mohammad Sadiq Khan").
fn glued_before_person(cx: &Context, seg: &[usize], buf: &mut String) -> Option<usize> {
    if seg.len() < 3 || cx.known(seg, buf) {
        return None;
    }
    let plain = |w: usize| {
        let t = cx.toks[w];
        t.is_word()
            && t.is(CAP)
            && !t.is(UPPER)
            && !t.is(HYPHEN)
            && !cx.is_connector(w)
            && !cx.has(w, class::FIRST_NAME | class::HONORIFIC | class::ROLE | class::ORG_WORD)
            && cx.letters(w) >= 3
    };
    if seg.iter().any(|&w| cx.has(w, class::ORG_WORD)) {
        return None;
    }
    let k = seg.iter().position(|&w| cx.has(w, class::FIRST_NAME))?;
    let person = &seg[k..];
    (k > 0
        && person.len() >= 2
        && seg[..k].iter().all(|&w| plain(w))
        && person.iter().all(|&w| cx.toks[w].is_word() && cx.toks[w].is(CAP) && !cx.is_connector(w)))
    .then_some(k)
}

fn emit(cx: &Context, seg: &[usize], cue: Cues, heading: bool, out: &mut Vec<Candidate>) {
    let (first, last) = (seg[0], seg[seg.len() - 1]);
    let t = cx.toks[first];
    let acronym = seg.len() == 1 && t.is(UPPER) && (t.is(DOTTED) || (2..=6).contains(&cx.letters(first)));
    // "HK$327m", "US$42m": a currency.
    let after = cx.toks.get(last + 1);
    if acronym && after.is_some_and(|n| !n.is(SPACE) && matches!(n.kind, TokKind::Punct('$' | '£' | '€')))
    {
        return;
    }
    let mut c = Candidate {
        start: t.start,
        end: cx.toks[last].end,
        first,
        last: last + 1,
        heading,
        cues: 0,
        acronym,
        defines: None,
        plain: false,
    };
    if !heading {
        c.cues = cue | cues(cx, first, last);
    }
    // "the TTP, also known as the “Pakistan Taliban”": another name for it.
    if let Some(p) = also_known_as(cx, first)
        && let Some(prev) = out.last()
        && prev.last == p
        && !prev.heading
    {
        c.defines = Some(out.len() - 1);
    }
    if acronym
        && first >= 1
        && cx.toks[first - 1].is_punct('(')
        && cx.toks.get(last + 1).is_some_and(|t| t.is_punct(')'))
        && let Some(prev) = out.last()
        && prev.last + 1 == first
        && initials_match(cx, prev, t.text(cx.body))
    {
        c.defines = Some(out.len() - 1);
    }
    // "progressive multifocal leukoencephalopathy (PML)": the acronym of
    // ordinary words is no name.
    c.plain = acronym && c.defines.is_none() && defined_by_lowercase_words(cx, first, t.text(cx.body));
    out.push(c);
}
