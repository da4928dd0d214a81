use super::*;

/// Unix seconds of a UTC date and time.
fn utc(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
    Offset::UTC.to_timestamp(jiff::civil::date(y, mo, d).at(h, mi, 0, 0)).unwrap().as_second()
}

#[test]
fn rfc3339_and_iso_forms() {
    assert_eq!(parse("2025-03-07T10:30:00Z"), Some(utc(2025, 3, 7, 10, 30)));
    assert_eq!(parse("2025-03-07T10:30:00.250+02:00"), Some(utc(2025, 3, 7, 8, 30)));
    assert_eq!(parse("2025-03-07T10:30:00-05:00"), Some(utc(2025, 3, 7, 15, 30)));
    assert_eq!(parse(" 2025-03-07 "), Some(utc(2025, 3, 7, 0, 0)));
    // No zone: taken as UTC.
    assert_eq!(parse("2025-03-07T10:30"), Some(utc(2025, 3, 7, 10, 30)));
    assert_eq!(parse("2025-03-07 10:30:00"), Some(utc(2025, 3, 7, 10, 30)));
}

#[test]
fn rfc2822() {
    assert_eq!(parse("Fri, 07 Mar 2025 10:30:00 +0100"), Some(utc(2025, 3, 7, 9, 30)));
    assert_eq!(parse("7 Mar 2025 10:30:00 GMT"), Some(utc(2025, 3, 7, 10, 30)));
}

#[test]
fn written_forms() {
    let day = Some(utc(2025, 3, 7, 0, 0));
    for s in [
        "March 7, 2025",
        "7 March 2025",
        "Mar. 7, 2025",
        "7th March 2025",
        "Friday, 7 March 2025",
        "Fri 7 Mar 2025",
        "Published: March 7, 2025",
        "2025/03/07",
        "07.03.2025",
        "March 07 2025",
        "the 7th of March, 2025",
    ] {
        assert_eq!(parse(s), day, "{s}");
    }
    assert_eq!(parse("March 7, 2025 10:30 pm"), Some(utc(2025, 3, 7, 22, 30)));
    assert_eq!(parse("March 7, 2025, 10:30 EST"), Some(utc(2025, 3, 7, 15, 30)));
    assert_eq!(parse("7 March 2025 at 9am PKT"), Some(utc(2025, 3, 7, 4, 0)));
    assert_eq!(parse("Sept 1, 2024 12am +05:30"), Some(utc(2024, 8, 31, 18, 30)));
    // Day first or month first only when it is plain.
    assert_eq!(parse("13/03/2025"), Some(utc(2025, 3, 13, 0, 0)));
    assert_eq!(parse("03/13/2025"), Some(utc(2025, 3, 13, 0, 0)));
    assert_eq!(parse("03/07/2025"), None);
}

#[test]
fn garbage_is_none_and_never_panics() {
    for s in [
        "",
        "   ",
        "yesterday-ish",
        "not a date",
        "March 2025",
        "March 7",
        "February 30, 2025",
        "2025-13-01",
        "2025-02-30",
        "He said March 7, 2025 was the day",
        "32 March 2025",
        "March 7, 2025 25:00",
        "March 7, 2025 +99:00",
        "\u{1b}[2J March 7, 2025",
        "7 7 7 7",
        "9999999999-01-01",
        "Fri, 07 Mar 2025 10:30:00 +9999",
        "٣ مارس ٢٠٢٥",
        &"9".repeat(200),
        "12:00 12:00",
        "am pm",
        "0am March 7 2025",
    ] {
        assert_eq!(parse(s), None, "{s:?}");
    }
}

#[test]
fn time_zones_move_the_instant() {
    let a = parse("2025-03-07T00:30:00+01:00").unwrap();
    let b = parse("2025-03-06T23:30:00Z").unwrap();
    assert_eq!(a, b);
    assert_eq!(parse("March 7, 2025 00:30 CET"), Some(b));
    assert_eq!(parse("March 7, 2025 00:30 UTC+1"), Some(b));
}

#[test]
fn formats_for_display() {
    let at = utc(2025, 3, 7, 10, 30);
    assert_eq!(iso8601(at).as_deref(), Some("2025-03-07T10:30:00Z"));
    assert_eq!(short(at).as_deref(), Some("2025-03-07"));
    assert_eq!(long(at).as_deref(), Some("2025-03-07 10:30 UTC"));
    assert_eq!(long(utc(2025, 3, 7, 0, 0)).as_deref(), Some("2025-03-07"));
    assert_eq!(iso8601(i64::MAX), None);
}

#[test]
fn datelines_with_a_date() {
    let (date, rest) = split_dateline_date("KABUL, Afghanistan, March 7, 2025 — The talks resumed.").unwrap();
    assert_eq!(date, "March 7, 2025");
    assert_eq!(rest, "KABUL, Afghanistan — The talks resumed.");
    let (date, rest) = split_dateline_date("LONDON, 7 March 2025 (Reuters) - Markets fell.").unwrap();
    assert_eq!((date.as_str(), rest.as_str()), ("7 March 2025", "LONDON (Reuters) - Markets fell."));
    let (date, rest) = split_dateline_date("March 7, 2025 – Talks resumed.").unwrap();
    assert_eq!((date.as_str(), rest.as_str()), ("March 7, 2025", "Talks resumed."));
    // No year, no date; no dash, no dateline.
    assert_eq!(split_dateline_date("LONDON, March 7 (Reuters) - Markets fell."), None);
    assert_eq!(split_dateline_date("KABUL, Afghanistan — The talks resumed on March 7, 2025."), None);
    assert_eq!(split_dateline_date("Talks resumed on March 7, 2025."), None);
}

#[test]
fn undated_sorts_last_newest_first() {
    let mut dated: Vec<(Option<i64>, &str)> =
        ["2025-03-07", "garbage", "2024-12-31T23:00:00-02:00", "", "2025-01-01"]
            .iter()
            .map(|s| (parse(s), *s))
            .collect();
    dated.sort_by(|a, b| newest_first(a.0, b.0));
    let order: Vec<&str> = dated.iter().map(|(_, s)| *s).collect();
    assert_eq!(order, ["2025-03-07", "2024-12-31T23:00:00-02:00", "2025-01-01", "garbage", ""]);
}

#[test]
fn filter_expressions() {
    let now = utc(2025, 3, 7, 10, 30);
    assert_eq!(parse_bound("7d", Edge::Since, now), Ok(now - 7 * 86_400));
    assert_eq!(parse_bound(" 24h ", Edge::Since, now), Ok(now - 86_400));
    assert_eq!(parse_bound("2w", Edge::Until, now), Ok(now - 14 * 86_400));
    assert_eq!(parse_bound("today", Edge::Since, now), Ok(utc(2025, 3, 7, 0, 0)));
    assert_eq!(parse_bound("yesterday", Edge::Until, now), Ok(utc(2025, 3, 7, 0, 0) - 1));
    assert_eq!(parse_bound("2025-03-01", Edge::Since, now), Ok(utc(2025, 3, 1, 0, 0)));
    // A date as the end of a range takes in the whole day.
    assert_eq!(parse_bound("2025-03-01", Edge::Until, now), Ok(utc(2025, 3, 2, 0, 0) - 1));
    assert_eq!(parse_bound("2025-03-01T12:00:00Z", Edge::Until, now), Ok(utc(2025, 3, 1, 12, 0)));
    assert_eq!(parse_bound("March 1, 2025", Edge::Since, now), Ok(utc(2025, 3, 1, 0, 0)));
    for bad in ["7x", "-3d", "d", "soon", "", "99999999999999999w", "\u{1b}[31m7d"] {
        let err = parse_bound(bad, Edge::Since, now).unwrap_err();
        assert!(!err.to_string().contains('\u{1b}'), "{err}");
    }
}
