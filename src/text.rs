//! Display width of text in terminal cells, and counts of things in words
//! (no terminal code here).

use unicode_width::UnicodeWidthChar;

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts a string to a display width, ending with "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// A count and its noun, singular for one: `count(1, "article")` is
/// "1 article", `count(3, "article")` "3 articles". For nouns whose plural
/// is not the singular plus "s", see [`count_as`].
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A count and the noun's singular or plural form: `count_as(2, "match",
/// "matches")` is "2 matches".
pub fn count_as(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_say_one_in_the_singular_and_others_in_the_plural() {
        assert_eq!(count(1, "mention"), "1 mention");
        assert_eq!(count(0, "article"), "0 articles");
        assert_eq!(count(2, "note"), "2 notes");
        assert_eq!(count_as(1, "match", "matches"), "1 match");
        assert_eq!(count_as(5, "match", "matches"), "5 matches");
    }

    #[test]
    fn truncation_by_display_width() {
        assert_eq!(truncate("hello", 10), "hello");
        assert_eq!(truncate("hello world", 6), "hello…");
        assert_eq!(truncate("日本語テキスト", 5), "日本…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(width("日本a"), 5);
    }
}
