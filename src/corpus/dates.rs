//! Publication dates: the instant a date as an article gives it names
//! (RFC 3339 and ISO 8601, RFC 2822, common written forms such as
//! "March 7, 2025" or "Fri 7 Mar 2025 10:30 GMT"), the date in a dateline
//! ("KABUL, Afghanistan, March 7, 2025 — ..."), and the `--since`/`--until`
//! expressions of list filters ("7d", "24h", "2025-03-01").
//!
//! Instants are Unix seconds, UTC. A date without a time is its midnight in
//! UTC; a time without a zone is taken as UTC. Whatever cannot be read is
//! `None`: the caller keeps the original text, shows it as given, and sorts
//! it last. Parsing never panics, whatever the text.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// Longer text is not a date (and is not worth looking at).
const MAX_LEN: usize = 120;

/// The instant a publication date names, if it can be read.
pub fn parse(text: &str) -> Option<i64> {
    let s = text.trim();
    if s.is_empty() || s.len() > MAX_LEN {
        return None;
    }
    iso(s).or_else(|| rfc2822(s)).or_else(|| written(s)).map(Timestamp::as_second)
}

/// RFC 3339 / ISO 8601: with an offset, a date and time (UTC), or a date.
fn iso(s: &str) -> Option<Timestamp> {
    if !s.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if let Ok(t) = s.parse::<Timestamp>() {
        return Some(t);
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Offset::UTC.to_timestamp(dt).ok();
    }
    None
}

fn rfc2822(s: &str) -> Option<Timestamp> {
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    PARSER.parse_timestamp(s).ok()
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/// Words a written date may carry that say nothing about the instant.
const FILLER: [&str; 9] = ["published", "updated", "posted", "on", "at", "the", "of", "-", "|"];

fn month(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.');
    if let Some(i) = FULL_MONTHS.iter().position(|m| *m == w) {
        return Some(i as i8 + 1);
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS.iter().position(|m| *m == w).map(|i| i as i8 + 1)
}

fn weekday(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    w.len() >= 3 && WEEKDAYS.iter().any(|d| d.starts_with(w) && (w.len() == 3 || w.len() >= 5 || w == "tues"))
}

/// A zone abbreviation news sites use, as an offset in seconds.
fn zone(word: &str) -> Option<i32> {
    let hours = match word {
        "utc" | "gmt" | "z" => 0.0,
        "bst" | "cet" | "wat" => 1.0,
        "cest" | "eet" | "sast" => 2.0,
        "eest" | "msk" | "ast" => 3.0,
        "gst" => 4.0,
        "aft" => 4.5,
        "pkt" => 5.0,
        "ist" => 5.5,
        "edt" => -4.0,
        "est" | "cdt" => -5.0,
        "cst" => -6.0,
        "mst" => -7.0,
        "mdt" => -6.0,
        "pst" => -8.0,
        "pdt" => -7.0,
        _ => return numeric_offset(word),
    };
    Some((hours * 3600.0) as i32)
}

/// `+0100`, `+01:00`, `-05`, `utc+1`, `gmt-5`.
fn numeric_offset(word: &str) -> Option<i32> {
    let w = word.strip_prefix("utc").or_else(|| word.strip_prefix("gmt")).unwrap_or(word);
    let (sign, rest) = match w.as_bytes().first()? {
        b'+' => (1, &w[1..]),
        b'-' => (-1, &w[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || rest.len() > 5 {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    (h <= 18 && m < 60).then_some(sign * (h * 3600 + m * 60))
}

/// `10:30`, `10:30:15`, `10am`, `10:30pm` (the am/pm may be the next word).
fn clock(word: &str, next: Option<&str>) -> Option<(Time, bool)> {
    let (body, mut half) = if let Some(b) = word.strip_suffix("am") {
        (b, Some(false))
    } else if let Some(b) = word.strip_suffix("pm") {
        (b, Some(true))
    } else {
        (word, None)
    };
    let mut used_next = false;
    if half.is_none() {
        match next {
            Some("am" | "a.m.") => (half, used_next) = (Some(false), true),
            Some("pm" | "p.m.") => (half, used_next) = (Some(true), true),
            _ => {}
        }
    }
    let parts: Vec<&str> = body.split([':', '.']).collect();
    if parts.is_empty() || parts.len() > 3 || (parts.len() == 1 && half.is_none()) {
        return None;
    }
    let mut nums = [0i8; 3];
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        nums[i] = p.parse().ok()?;
    }
    let mut hour = nums[0];
    if let Some(pm) = half {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    Some((Time::new(hour, nums[1], nums[2], 0).ok()?, used_next))
}

/// `2025/03/07`, `07.03.2025` (day first, as written in Europe), and
/// `03/07/2025` only when the order is plain (one of the two is above 12
/// or both are the same).
fn numeric_date(word: &str) -> Option<Date> {
    let sep = if word.contains('/') {
        '/'
    } else if word.contains('.') {
        '.'
    } else {
        return None;
    };
    let parts: Vec<&str> = word.split(sep).collect();
    if parts.len() != 3 || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: Vec<i32> = parts.iter().map(|p| p.parse::<i32>().ok()).collect::<Option<_>>()?;
    let (y, m, d) = if parts[0].len() == 4 {
        (n[0], n[1], n[2])
    } else if parts[2].len() == 4 {
        match sep {
            '.' => (n[2], n[1], n[0]),
            _ if n[0] > 12 || n[0] == n[1] => (n[2], n[1], n[0]),
            _ if n[1] > 12 => (n[2], n[0], n[1]),
            _ => return None,
        }
    } else {
        return None;
    };
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// A day of the month: `7`, `07`, `7th`, `1st`.
fn day(word: &str) -> Option<i8> {
    let w = ["st", "nd", "rd", "th"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
    if w.is_empty() || w.len() > 2 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok().filter(|d| (1..=31).contains(d))
}

/// Written forms: every word must be part of the date (a month name, a
/// day, a four-digit year, a weekday, a time, a zone, or filler), so a
/// sentence that happens to hold a number and a month is not a date.
fn written(s: &str) -> Option<Timestamp> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.strip_suffix(':').unwrap_or(w))
        .filter(|w| !w.is_empty())
        .collect();
    let (mut y, mut m, mut d, mut date): (Option<i16>, Option<i8>, Option<i8>, Option<Date>) =
        (None, None, None, None);
    let (mut time, mut offset) = (None, None);
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next = words.get(i + 1).copied();
        i += 1;
        if FILLER.contains(&w) || (weekday(w) && m.is_none() && date.is_none()) {
            continue;
        }
        if let Some(mo) = month(w).filter(|_| m.is_none() && date.is_none()) {
            m = Some(mo);
        } else if let Some(nd) = numeric_date(w).filter(|_| date.is_none() && m.is_none()) {
            date = Some(nd);
        } else if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) && y.is_none() && date.is_none() {
            y = w.parse().ok();
        } else if let Some(dd) = day(w).filter(|_| d.is_none() && date.is_none()) {
            d = Some(dd);
        } else if let Some((t, used)) = clock(w, next).filter(|_| time.is_none()) {
            time = Some(t);
            i += usize::from(used);
        } else if let Some(o) = zone(w).filter(|_| offset.is_none() && (time.is_some() || w != "z")) {
            offset = Some(o);
        } else {
            return None;
        }
    }
    let date = match (date, y, m, d) {
        (Some(date), None, None, None) => date,
        (None, Some(y), Some(m), Some(d)) => Date::new(y, m, d).ok()?,
        _ => return None,
    };
    let offset = Offset::from_seconds(offset.unwrap_or(0)).ok()?;
    offset.to_timestamp(date.to_datetime(time.unwrap_or(Time::midnight()))).ok()
}

/// An instant as RFC 3339 in UTC: `2025-03-07T10:30:00Z`.
pub fn iso8601(at: i64) -> Option<String> {
    Timestamp::from_second(at).ok().map(|t| t.to_string())
}

/// An instant as a list shows it: `2025-03-07` (UTC).
pub fn short(at: i64) -> Option<String> {
    Timestamp::from_second(at).ok().map(|t| t.strftime("%Y-%m-%d").to_string())
}

/// An instant as the reader shows it: `2025-03-07`, or with the time when
/// it has one: `2025-03-07 10:30 UTC`.
pub fn long(at: i64) -> Option<String> {
    let t = Timestamp::from_second(at).ok()?;
    Some(if at.rem_euclid(86_400) == 0 {
        t.strftime("%Y-%m-%d").to_string()
    } else {
        t.strftime("%Y-%m-%d %H:%M UTC").to_string()
    })
}

/// The date a dateline carries, from the start of a lede: "KABUL,
/// Afghanistan, March 7, 2025 — The talks ..." gives "March 7, 2025" and
/// the lede without it ("KABUL, Afghanistan — The talks ..."), for the
/// place to be read as from any dateline. `None` when the words before the
/// dash end in no readable date.
pub fn split_dateline_date(lede: &str) -> Option<(String, String)> {
    let (pos, dash) = [" — ", " – ", " - "].iter().filter_map(|d| lede.find(d).map(|p| (p, *d))).min()?;
    if pos == 0 || pos > 90 {
        return None;
    }
    let head = &lede[..pos];
    let rest = &lede[pos..];
    // An outlet in parentheses stays with the place: "LONDON, March 7, 2025 (Reuters)".
    let (head, outlet) = match head.rfind(" (") {
        Some(p) if head.ends_with(')') => (&head[..p], &head[p..]),
        _ => (head, ""),
    };
    let segments: Vec<&str> = head.split(", ").collect();
    for k in 0..segments.len() {
        let candidate = segments[k..].join(", ");
        // A year is what makes a dateline's date worth keeping.
        if !candidate.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4) {
            continue;
        }
        if written(&candidate).is_some() || iso(&candidate).is_some() {
            let place = segments[..k].join(", ");
            let rebuilt = if place.is_empty() {
                rest[dash.len()..].to_string()
            } else {
                format!("{place}{outlet}{rest}")
            };
            return Some((candidate, rebuilt));
        }
    }
    None
}

/// Newest first, dates that could not be read last: the order of a list
/// sorted by date.
pub fn newest_first(a: Option<i64>, b: Option<i64>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(&a),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
}

/// Which end of a range a filter expression gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// `--since`: from this instant on.
    Since,
    /// `--until`: up to this instant (a date: to the end of that day).
    Until,
}

/// A filter expression that is neither a date nor an age.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date or an age: use a date (2025-03-07, \"March 7, 2025\") or an age (7d, 24h, 2w)")]
pub struct DateExprError(pub String);

/// The instant (Unix seconds) a `--since`/`--until` expression names, `now`
/// being the current Unix time: an age (`30s`, `24h`, `7d`, `2w`: that long
/// before `now`), `today`, `yesterday`, or any date
/// [`parse`] reads. For `Until`, a date without a time means the end of
/// that day (the whole day is included).
pub fn parse_bound(expr: &str, edge: Edge, now: i64) -> Result<i64, DateExprError> {
    let e = expr.trim().to_ascii_lowercase();
    let bad = || DateExprError(crate::corpus::sanitize::sanitize_label(expr.trim()));
    // Saturating: a clock far out of range gives a far bound, not a panic.
    let day_start = now.saturating_sub(now.rem_euclid(86_400));
    let whole_day = |start: i64| match edge {
        Edge::Since => start,
        Edge::Until => start.saturating_add(86_400 - 1),
    };
    match e.as_str() {
        "now" => return Ok(now),
        "today" => return Ok(whole_day(day_start)),
        "yesterday" => return Ok(whole_day(day_start.saturating_sub(86_400))),
        _ => {}
    }
    if let Some(unit) = e.chars().last().filter(char::is_ascii_alphabetic)
        && let Ok(n) = e[..e.len() - 1].trim().parse::<i64>()
    {
        let seconds = match unit {
            's' => 1,
            'h' => 3_600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => return Err(bad()),
        };
        return n
            .checked_mul(seconds)
            .and_then(|ago| now.checked_sub(ago))
            .filter(|_| n >= 0)
            .ok_or_else(bad);
    }
    let at = parse(&e).ok_or_else(bad)?;
    let date_only = at.rem_euclid(86_400) == 0 && !e.contains(':');
    Ok(if date_only { whole_day(at) } else { at })
}

#[cfg(test)]
mod tests;
