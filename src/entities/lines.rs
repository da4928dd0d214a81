//! Stage 1½: line shapes.
//!
//! A line's shape says what its names are, where capitalization and cues
//! cannot: a team list or a scorer line ("Nash, Reiziger (Graham 82),
//! Riggott, …", "Riise 1, Nunez 113.", "R de Marigny (Parma); C Stoica
//! (Montpellier), …") is full of people, with their clubs in parentheses;
//! a results line ("Middlesbrough 2-2 Charlton", "Celtic 3 Rangers 1",
//! "Wales v England") names two sides. Each word of such a line is marked,
//! and the marks become cues ([`super::cues`]).

use std::ops::Range;

use super::gazetteer::{self as gz, class};
use super::tokenize::{CAP, DIGIT, HYPHEN, LOWER, TokKind, Token};

/// A word of a person in a list of people (a team list, a scorer line).
pub const PERSON: u8 = 1;
/// A word of a side: one of the two names of a results line, or the club in
/// parentheses after a listed player.
pub const SIDE: u8 = 1 << 1;
/// A word that labels a table row ("Total", "Attendance"): not a name.
pub const TABLE: u8 = 1 << 2;
/// The town of a dateline in capitals ("AL-AIN, United Arab Emirates
/// 1996-12-06", "NICOSIA 1996-08-30"): a place.
pub const DATELINE: u8 = 1 << 3;

/// Lowercase words a team list or a scorecard may hold besides names.
fn list_word(w: &str) -> bool {
    matches!(
        w,
        "og" | "pen" | "pens" | "capt" | "sub" | "aet" | "rep" | "c" | "b" | "lbw" | "st" | "not" | "out"
    ) || gz::is_person_connector(w)
}

/// One comma-separated item of a line: its name words, whether it holds a
/// number, whether it is in parentheses.
struct Item {
    names: Vec<usize>,
    digit: bool,
    paren: bool,
    bad: bool,
}

/// Marks the words of the lines of a paragraph (tokens `range`) in `marks`
/// (one entry per token).
pub fn mark(
    body: &str,
    toks: &[Token],
    classes: &[u16],
    range: Range<usize>,
    cricket: bool,
    marks: &mut [u8],
) {
    let mut start = range.start;
    for k in range.start..range.end {
        let newline =
            k > range.start && body.get(toks[k - 1].end..toks[k].start).is_some_and(|g| g.contains('\n'));
        if newline {
            mark_line(body, toks, classes, start..k, cricket, marks);
            start = k;
        }
    }
    mark_line(body, toks, classes, start..range.end, cricket, marks);
}

fn mark_line(
    body: &str,
    toks: &[Token],
    classes: &[u16],
    range: Range<usize>,
    cricket: bool,
    marks: &mut [u8],
) {
    if range.is_empty() || range.len() > 400 {
        return;
    }
    // "Total ( for 3 wickets ) 151", "Attendance 40,000": a table word.
    if let Some(t) = toks.get(range.start)
        && t.is_word()
        && TABLE_WORDS.contains(&t.text(body))
    {
        marks[range.start] |= TABLE;
    }
    // "Division two : Bristol Rovers 1 Walsall 0": a label, then the result.
    let label_end = (toks[range.clone()].iter().take(6).position(|x| x.is_punct(':')))
        .filter(|&c| c > 0 && toks[range.start..range.start + c].iter().all(|x| x.is_word()))
        .map(|c| range.start + c + 1);
    let after_label = label_end.filter(|&s| s < range.end).map(|s| s..range.end);
    if dateline(body, toks, range.clone(), marks)
        || results_line(body, toks, classes, range.clone(), marks)
        || after_label.is_some_and(|r| results_line(body, toks, classes, r, marks))
        || ranking_row(body, toks, classes, range.clone(), marks)
        || scorecard_line(body, toks, range.clone(), marks)
        || table_row(body, toks, classes, range.clone(), cricket, marks)
    {
        return;
    }
    list_line(body, toks, classes, range, marks);
}

/// A short line of one to three words in capitals, then a date or a comma
/// and more of the place: a dateline.
fn dateline(body: &str, toks: &[Token], range: Range<usize>, marks: &mut [u8]) -> bool {
    let t = &toks[range.clone()];
    if t.len() > 14 {
        return false;
    }
    let caps = t
        .iter()
        .take_while(|x| {
            x.is_word()
                && !x.is(DIGIT)
                && x.text(body).chars().all(|c| !c.is_lowercase())
                && x.text(body).chars().count() >= 2
        })
        .count();
    let words = t[..caps].iter().filter(|x| !x.is(HYPHEN)).count();
    if caps == 0 || words > 3 {
        return false;
    }
    let after = t.get(caps);
    let year = after.is_some_and(|x| is_number(x, body) && x.text(body).len() == 4);
    let comma = after.is_some_and(|x| x.is_punct(','))
        && t.get(caps + 1).is_some_and(|x| x.is(CAP))
        && t.iter().rev().find(|x| x.is_word()).is_some_and(|x| is_number(x, body));
    if !(year || comma) {
        return false;
    }
    for m in &mut marks[range.start..range.start + caps] {
        *m |= DATELINE;
    }
    true
}

/// "1. Haile Gebrselassie ( Ethiopia ) 12:44.90", "68 Greg Norman
/// (Australia)": a rank, a name, maybe the country or club, times or
/// scores: a competitor.
fn ranking_row(body: &str, toks: &[Token], classes: &[u16], range: Range<usize>, marks: &mut [u8]) -> bool {
    let t = &toks[range.clone()];
    if !t.first().is_some_and(|x| is_number(x, body) && x.end - x.start <= 3) {
        return false;
    }
    let from = if t.get(1).is_some_and(|x| x.is_punct('.')) { 2 } else { 1 };
    let names = (t[from..].iter().enumerate())
        .take_while(|(i, x)| is_name(x, classes[range.start + from + i]) || connector(body, x))
        .count();
    if !(2..=4).contains(&names) {
        return false;
    }
    let mut k = from + names;
    if t.get(k).is_some_and(|x| x.is_punct('(')) {
        let Some(close) = t[k..].iter().position(|x| x.is_punct(')')) else { return false };
        if !t[k + 1..k + close].iter().all(|x| x.is_word() && x.is(CAP)) {
            return false;
        }
        k += close + 1;
    }
    let rest_ok = t[k..]
        .iter()
        .all(|x| is_number(x, body) || matches!(x.kind, TokKind::Punct(':' | '.' | ',' | '-' | '+')));
    if !rest_ok || k == t.len() && t.get(from - 1).is_none_or(|x| !x.is_punct('.')) && !t[k - 1].is_punct(')')
    {
        return false;
    }
    for m in &mut marks[range.start + from..range.start + from + names] {
        *m |= PERSON;
    }
    true
}

/// Words that open the rows and labels of results tables.
const TABLE_WORDS: &[&str] = &[
    "Total",
    "Totals",
    "Extras",
    "Bowling",
    "Batting",
    "Standings",
    "Attendance",
    "Halftime",
    "Scorers",
    "Result",
    "Results",
    "Played",
    "Points",
    "Pts",
    "Fall",
    "Referee",
    "Venue",
    "Toss",
    "Umpires",
    "Summary",
    "Summaries",
    "Table",
    "Leading",
    "CAPS",
];

/// "A. Stewart c Saeed Anwar b Mushtaq Ahmed 44", "G. Thorpe not out 54",
/// "M. Atherton lbw b Waqar 31": a batting line of a cricket scorecard.
fn scorecard_line(body: &str, toks: &[Token], range: Range<usize>, marks: &mut [u8]) -> bool {
    let t = &toks[range.clone()];
    // Cheap tests first: prose ends with a word and a full stop.
    let ends_in_number = t.iter().rev().find(|x| x.is_word()).is_some_and(|x| is_number(x, body));
    if !ends_in_number || !t.first().is_some_and(|x| x.is(CAP)) || t.len() > 60 {
        return false;
    }
    let lower = |x: &Token| x.is_word() && x.is(LOWER);
    let marker = t.iter().enumerate().any(|(i, x)| {
        lower(x)
            && (matches!(x.text(body), "b" | "c" | "lbw" | "st")
                || (x.text(body) == "out" && i > 0 && matches!(t[i - 1].text(body), "not" | "run")))
    });
    if !marker {
        return false;
    }
    let ok = t.iter().all(|x| match x.kind {
        TokKind::Word => x.is(CAP) || is_number(x, body) || (x.is(LOWER) && list_word(x.text(body))),
        TokKind::Punct(c) => matches!(c, '.' | '(' | ')' | '-' | '*' | '†'),
        TokKind::Skip => false,
    });
    if !ok {
        return false;
    }
    for (i, x) in t.iter().enumerate() {
        if x.is_word() && x.is(CAP) {
            marks[range.start + i] |= PERSON;
        }
    }
    true
}

/// "Feyenoord 4 3 1 0 9 2 10": a name and a row of numbers. A side in a
/// standings table, or a bowler's figures on a cricket scorecard.
fn table_row(
    body: &str,
    toks: &[Token],
    classes: &[u16],
    range: Range<usize>,
    cricket: bool,
    marks: &mut [u8],
) -> bool {
    let t = &toks[range.clone()];
    let names = t
        .iter()
        .enumerate()
        .take_while(|(i, x)| is_name(x, classes[range.start + i]) || connector(body, x))
        .count();
    if names == 0 || names > 4 {
        return false;
    }
    let rest = &t[names..];
    // Bail out at the first word of prose.
    let only_numbers =
        rest.iter().all(|x| is_number(x, body) || matches!(x.kind, TokKind::Punct('.' | '-' | '%')));
    // Separate numbers: "1996-08-30" after a dateline's town is one.
    if !only_numbers || rest.iter().filter(|x| is_number(x, body) && !x.is(HYPHEN)).count() < 3 {
        return false;
    }
    let mark = if cricket { PERSON } else { SIDE };
    for m in &mut marks[range.start..range.start + names] {
        *m |= mark;
    }
    true
}

/// A capitalized word that is not an ordinary one ("The", "Monday");
/// `class` is its [`class`] bits.
fn is_name(t: &Token, class: u16) -> bool {
    t.is_word()
        && t.is(CAP)
        && !t.is(DIGIT)
        && (class & (class::STOP | class::TIME) == 0 || t.end - t.start <= 2)
}

fn is_number(t: &Token, body: &str) -> bool {
    t.is_word() && t.text(body).bytes().all(|b| b.is_ascii_digit())
}

/// "Middlesbrough 2-2 Charlton", "Celtic 3 Rangers 1", "Wales v England":
/// the whole line, names of one to four words on both sides.
fn results_line(body: &str, toks: &[Token], classes: &[u16], range: Range<usize>, marks: &mut [u8]) -> bool {
    let t = &toks[range.clone()];
    let names = |from: usize| {
        (t[from..].iter().enumerate())
            .take_while(|(i, x)| is_name(x, classes[range.start + from + i]) || connector(body, x))
            .count()
    };
    let a = names(0);
    if a == 0 || a > 4 || a >= t.len() {
        return false;
    }
    let mut k = a;
    let score = |k: usize| {
        // "2-2": a number, then a number joined by a hyphen.
        if k + 1 < t.len() && is_number(&t[k], body) && is_number(&t[k + 1], body) && t[k + 1].is(HYPHEN) {
            Some(k + 2)
        } else {
            None
        }
    };
    let versus = t[k].is_word() && matches!(t[k].text(body), "v" | "vs");
    if let Some(next) = score(k) {
        k = next;
    } else if versus || is_number(&t[k], body) {
        k += 1;
    } else {
        return false;
    }
    // "Feyenoord 2 ( Larsson 24 , Kalou 71 ) Ajax 1 ( Overmars 12 )": the
    // scorers in parentheses after each score.
    let mut scorers: Vec<usize> = Vec::new();
    let skip_scorers = |k: usize, scorers: &mut Vec<usize>| -> Option<usize> {
        if !t.get(k).is_some_and(|x| x.is_punct('(')) {
            return Some(k);
        }
        let close = t[k..].iter().position(|x| x.is_punct(')'))? + k;
        for (i, x) in t.iter().enumerate().take(close).skip(k + 1) {
            let fits = (x.is_word() && (x.is(CAP) || is_number(x, body) || list_word(x.text(body))))
                || x.is_punct(',')
                || x.is_punct(';');
            if !fits {
                return None;
            }
            if x.is_word() && x.is(CAP) {
                scorers.push(i);
            }
        }
        Some(close + 1)
    };
    if versus {
        // No score, no scorers.
    } else {
        let Some(next) = skip_scorers(k, &mut scorers) else { return false };
        k = next;
    }
    let b = names(k);
    if b == 0 || b > 4 {
        return false;
    }
    let mut end = k + b;
    if end < t.len() && is_number(&t[end], body) {
        end += 1;
        let Some(next) = skip_scorers(end, &mut scorers) else { return false };
        end = next;
    }
    // Only closing punctuation, a bracketed note ("(aet)") or another
    // sentence may follow.
    let rest = &t[end..];
    let rest_ok = rest.first().is_none_or(|x| !x.is_word() || x.is(LOWER))
        && (rest.iter().all(|x| !x.is_word() || x.is(LOWER) || is_number(x, body)) || rest[0].is_punct('.'));
    if !rest_ok {
        return false;
    }
    for (i, x) in t.iter().enumerate() {
        if (i < a || (k..k + b).contains(&i)) && x.is_word() {
            marks[range.start + i] |= SIDE;
        }
    }
    for i in scorers {
        marks[range.start + i] |= PERSON;
    }
    true
}

fn connector(body: &str, t: &Token) -> bool {
    t.is_word() && t.is(LOWER) && gz::is_person_connector(t.text(body))
}

/// A team list or scorer line: items separated by commas or semicolons,
/// each one to four name words with maybe a number, a parenthesis (a
/// substitute with the minute, or the player's club) and list words ("pen",
/// "capt"); a label before a colon ("Subs Not Used:") is skipped.
fn list_line(body: &str, toks: &[Token], classes: &[u16], range: Range<usize>, marks: &mut [u8]) {
    let t = &toks[range.clone()];
    let mut from = 0;
    if let Some(colon) = t.iter().take(6).position(|x| x.is_punct(':'))
        && t[..colon].iter().all(|x| x.is_word())
    {
        from = colon + 1;
    }
    let mut items: Vec<Item> = Vec::new();
    let new = |paren| Item { names: Vec::new(), digit: false, paren, bad: false };
    let mut cur = new(false);
    let mut depth = 0usize;
    let mut saved: Option<Item> = None;
    let mut item_start = from;
    for (i, x) in t.iter().enumerate().skip(from) {
        match x.kind {
            TokKind::Punct(',' | ';') => {
                items.push(std::mem::replace(&mut cur, new(depth > 0)));
            }
            TokKind::Punct('(') if depth == 0 => {
                depth = 1;
                saved = Some(std::mem::replace(&mut cur, new(true)));
            }
            TokKind::Punct(')') if depth == 1 => {
                depth = 0;
                items.push(std::mem::replace(&mut cur, saved.take().unwrap_or_else(|| new(false))));
            }
            TokKind::Punct('.') => {
                // After an initial ("M. Riley"), else the end of a list
                // ("…, Gillespie. Subs Not Used: Orr, Brown.").
                let initial = i > 0 && t[i - 1].is_word() && t[i - 1].text(body).chars().count() <= 2;
                if !initial && depth == 0 {
                    items.push(std::mem::replace(&mut cur, new(false)));
                }
            }
            // A label inside the line: "Subs Not Used:".
            TokKind::Punct(':') if depth == 0 && cur.names.len() <= 4 && !cur.digit => {
                cur = new(false);
            }
            TokKind::Word if is_number(x, body) => cur.digit = true,
            TokKind::Word if x.is(CAP) && !x.is(DIGIT) => {
                let text = x.text(body);
                let c = classes[range.start + i];
                let initial = text.chars().count() <= 2 && text.chars().all(char::is_uppercase);
                if c & (class::STOP | class::TIME | class::ROLE) != 0
                    && !initial
                    && c & class::FIRST_NAME == 0
                {
                    cur.bad = true;
                }
                cur.names.push(range.start + i);
            }
            TokKind::Word if x.is(LOWER) && list_word(x.text(body)) => {
                if gz::is_person_connector(x.text(body)) {
                    cur.names.push(range.start + i);
                }
            }
            _ => cur.bad = true,
        }
        if cur.names.len() > 4 {
            cur.bad = true;
        }
        // Prose: nothing more to learn from this line.
        let closed_bad = matches!(x.kind, TokKind::Punct(',' | ';')) && items.last().is_some_and(|it| it.bad);
        if closed_bad || i - item_start > 12 {
            return;
        }
        if matches!(x.kind, TokKind::Punct(',' | ';' | '(' | ')' | ':' | '.')) {
            item_start = i;
        }
    }
    if depth != 0 {
        return;
    }
    items.push(cur);
    items.retain(|it| !it.names.is_empty() || it.bad || it.digit);
    let outside: Vec<&Item> = items.iter().filter(|it| !it.paren).collect();
    if items.iter().any(|it| it.bad || (it.names.is_empty() && !it.paren)) || outside.is_empty() {
        return;
    }
    let scorers = outside.iter().all(|it| it.digit);
    if outside.len() < 3 && !scorers {
        return;
    }
    // A list of countries or companies is not a team list.
    let mut buf = String::new();
    let known = outside
        .iter()
        .filter(|it| {
            let (a, b) = (toks[it.names[0]].start, toks[it.names[it.names.len() - 1]].end);
            gz::normalize_into(body.get(a..b).unwrap_or(""), &mut buf);
            gz::PLACES.contains(buf.as_str()) || gz::ORGANIZATIONS.contains(buf.as_str())
        })
        .count();
    if known * 2 >= outside.len() {
        return;
    }
    for it in &items {
        let mark = if it.paren && !it.digit { SIDE } else { PERSON };
        for &n in &it.names {
            marks[n] |= mark;
        }
    }
}

#[cfg(test)]
#[path = "lines_tests.rs"]
mod tests;
