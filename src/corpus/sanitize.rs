//! The one gate every untrusted string passes before anyone displays it.
//!
//! Article text comes from anywhere. A terminal interprets C0/C1 control
//! characters and escape sequences (CSI, OSC, DCS, ...) as commands: clearing
//! the screen, writing the clipboard (OSC 52), changing the window title,
//! answering queries. Bidi overrides reorder what the reader sees (Trojan
//! Source). Every such character is replaced here, at load, by a visible
//! marker, so the rest of the program only ever handles inert text.
//!
//! Markers: C0 controls and DEL become the Unicode "control pictures"
//! (ESC is `␛`, BEL is `␇`, DEL is `␡`); C1 controls, bidi controls (every
//! character with the Unicode `Bidi_Control` property, LRM and RLM included)
//! and other invisible format characters that can mislead (the deprecated
//! U+206A–U+206F, the interlinear annotation marks U+FFF9–U+FFFB) become
//! `⟨U+XXXX⟩`. Because the ESC itself is replaced, the rest of an escape
//! sequence (`[2J`) is plain printable text and is shown as such.
//!
//! Two invisible characters are dropped rather than marked: a BOM inside the
//! text (U+FEFF) and the soft hyphen (U+00AD), a mere hyphenation hint that
//! terminals disagree about (one column in glibc's and xterm's `wcwidth`,
//! none for ratatui), which would shift everything after it on the line.
//! Zero-width spaces and joiners stay where scripts need them (Persian and
//! Indic text), as every width table agrees they take no column.
//!
//! Emoji sequences are the one place where terminals disagree on width in a
//! way that damages the screen: ratatui measures a grapheme such as the
//! family `👩‍👩‍👧‍👦` (four emoji joined by U+200D) or `👍🏽` (a skin-tone
//! modifier) as two columns, but xterm, VTE, tmux 3.3 and the Linux console
//! draw every code point (eight and four columns) and overwrite the cells
//! after it, which ratatui then never redraws. So the parts that only some
//! terminals join are removed: a zero-width joiner next to an emoji, the
//! variation selectors U+FE0E/U+FE0F, and emoji modifiers after another
//! character. What remains (`👩👩👧👦`, `👍`) is as wide on every terminal.

use std::borrow::Cow;

/// Bidirectional formatting characters that can reorder displayed text
/// (CVE-2021-42574): the `Bidi_Control` property, i.e. LRE, RLE, PDF, LRO,
/// RLO, LRI, RLI, FSI, PDI, ALM, LRM and RLM.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{200E}' | '\u{200F}')
}

/// Characters that must never reach the terminal as they are.
#[inline]
fn needs_marker(c: char) -> bool {
    c.is_control()
        || is_bidi_control(c)
        || matches!(
            c,
            '\u{00AD}' | '\u{2028}' | '\u{2029}' | '\u{206A}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// Characters whose width depends on whether the terminal joins emoji
/// sequences (see the module documentation).
#[inline]
fn joins_emoji(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

#[inline]
fn needs_change(c: char) -> bool {
    needs_marker(c) || joins_emoji(c)
}

/// Pictographic characters (a superset of the ranges that hold Unicode's
/// `Extended_Pictographic` emoji), the neighbours that mark a zero-width
/// joiner as part of an emoji sequence rather than of a script.
fn is_pictographic(c: char) -> bool {
    matches!(
        c,
        '\u{00A9}'
            | '\u{00AE}'
            | '\u{203C}'
            | '\u{2049}'
            | '\u{2122}'
            | '\u{2139}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{2300}'..='\u{23FF}'
            | '\u{25A0}'..='\u{27BF}'
            | '\u{2900}'..='\u{297F}'
            | '\u{2B00}'..='\u{2BFF}'
            | '\u{3030}'
            | '\u{303D}'
            | '\u{3297}'
            | '\u{3299}'
            | '\u{1F000}'..='\u{1FAFF}'
    )
}

/// Tells whether `s` is already safe to display on one line.
pub fn is_clean_inline(s: &str) -> bool {
    matches!(sanitize_inline(s), Cow::Borrowed(_))
}

/// Handles one of the [`joins_emoji`] characters: pushes it or drops it.
/// `next` is the next character that is neither one of them nor dropped, so
/// that the result does not change when sanitized again.
fn push_joiner(out: &mut String, c: char, next: Option<char>) {
    let prev = out.chars().next_back();
    let keep = match c {
        '\u{200D}' => !(prev.is_some_and(is_pictographic) || next.is_some_and(is_pictographic)),
        '\u{FE0E}' | '\u{FE0F}' => false,
        // A modifier on its own is an ordinary (wide) emoji.
        _ => prev.is_none_or(char::is_whitespace),
    };
    if keep {
        out.push(c);
    }
}

/// Characters [`push_marker`] drops without a trace.
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{AD}')
}

fn push_marker(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        // ZERO WIDTH NO-BREAK SPACE (a BOM inside text) is invisible and harmless,
        // and a soft hyphen is only a hint whose width terminals disagree on: drop them.
        '\u{FEFF}' | '\u{AD}' => {}
        '\u{0}'..='\u{1F}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => out.push('\u{2421}'),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "\u{27E8}U+{:04X}\u{27E9}", c as u32);
        }
    }
}

/// Where the first character that [`needs_change`] is. Printable ASCII, by
/// far the most common case, is skipped a byte at a time without decoding.
#[inline]
fn first_change(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7F).contains(&b) {
            i += 1;
            continue;
        }
        // `i` is on a character boundary: every byte skipped was ASCII.
        let c = s[i..].chars().next()?;
        if needs_change(c) {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

/// Neutralizes one line of text: every control character (including line
/// breaks and tabs) is replaced by a visible marker (tabs by a space).
/// Borrowed when nothing had to change, which is the common case.
pub fn sanitize_inline(s: &str) -> Cow<'_, str> {
    let Some(first) = first_change(s) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    let mut chars = s[first..].chars();
    while let Some(c) = chars.next() {
        if needs_marker(c) {
            push_marker(&mut out, c);
        } else if joins_emoji(c) {
            let next = chars.clone().find(|&n| !joins_emoji(n) && !is_dropped(n));
            push_joiner(&mut out, c, next);
        } else {
            out.push(c);
        }
    }
    if matches!(&out, o if o == s) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(out)
}

/// Like [`sanitize_inline`], for a one-line label such as a title or a file
/// name: line breaks become spaces instead of markers and the result is
/// trimmed and its whitespace runs collapsed.
pub fn sanitize_label(s: &str) -> String {
    let flat: String = s.split(['\n', '\r', '\u{2028}', '\u{2029}']).collect::<Vec<_>>().join(" ");
    let clean = sanitize_inline(&flat);
    clean.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits text into lines on every line terminator: LF, CRLF, lone CR,
/// U+2028 and U+2029 (a paragraph separator counts as a blank line).
pub fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                i += if bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            // U+2028 is E2 80 A8, U+2029 is E2 80 A9
            0xE2 if bytes.get(i + 1) == Some(&0x80)
                && matches!(bytes.get(i + 2), Some(0xA8) | Some(0xA9)) =>
            {
                lines.push(&text[start..i]);
                if bytes[i + 2] == 0xA9 {
                    lines.push("");
                }
                i += 3;
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_inert(s: &str) {
        for c in s.chars() {
            assert!(!c.is_control(), "control char {c:?} survived in {s:?}");
            assert!(!is_bidi_control(c), "bidi char {c:?} survived in {s:?}");
        }
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize_inline("Kabul – Islamabad’s talks"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_become_visible_markers() {
        let s = sanitize_inline("a\x1b[2Jb\x1b]52;c;?\x07c\x1bc");
        assert_eq!(s, "a␛[2Jb␛]52;c;?␇c␛c");
        assert_inert(&s);
    }

    #[test]
    fn c1_del_and_bidi_are_marked() {
        let s = sanitize_inline("x\u{9b}31m\u{7f}\u{202e}evil\u{2066}\u{61c}");
        assert_eq!(s, "x⟨U+009B⟩31m␡⟨U+202E⟩evil⟨U+2066⟩⟨U+061C⟩");
        assert_inert(&s);
    }

    #[test]
    fn tabs_become_spaces_and_bom_is_dropped() {
        assert_eq!(sanitize_inline("a\tb\u{feff}c"), "a bc");
    }

    #[test]
    fn soft_hyphens_are_dropped_and_script_joiners_kept() {
        assert_eq!(sanitize_inline("hy\u{ad}phen\u{ad}ation"), "hyphenation");
        // Persian (ZWNJ), Devanagari (ZWJ after a virama), zero-width space.
        let scripts = "می\u{200c}خواهم क्\u{200d}ष ab\u{200c}cd a\u{200b}b";
        assert!(matches!(sanitize_inline(scripts), Cow::Borrowed(_)));
    }

    #[test]
    fn emoji_sequences_are_split_into_parts_every_terminal_draws_alike() {
        let cases = [
            ("👩\u{200d}👩\u{200d}👧\u{200d}👦 family", "👩👩👧👦 family"),
            ("👍🏽 ok", "👍 ok"),
            ("keycap 1\u{fe0f}\u{20e3}", "keycap 1\u{20e3}"),
            ("🏳\u{fe0f}\u{200d}🌈 and ❤\u{fe0f}", "🏳🌈 and ❤"),
            ("👨\u{200d}⚕\u{fe0f}", "👨⚕"),
            ("alone 🏽", "alone 🏽"),
            ("🇵🇰🇦🇫", "🇵🇰🇦🇫"),
            // Found by fuzzing: a dropped BOM between a joiner and an emoji.
            ("\u{200d}\u{200d}\u{feff}\u{200d}⍍", "⍍"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize_inline(input), want, "{input:?}");
        }
        // What remains measures the same grapheme by grapheme as code point
        // by code point, which is what a terminal without emoji joining does.
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        for (input, _) in cases {
            let out = sanitize_inline(input);
            assert_eq!(sanitize_inline(&out), out, "not idempotent on {input:?}");
            let per_char: usize = out.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(out.width(), per_char, "{out:?}");
        }
    }

    #[test]
    fn every_bidi_control_and_deprecated_format_character_is_marked() {
        let s = sanitize_inline("\u{200e}a\u{200f}b\u{206a}c\u{fff9}d");
        assert_eq!(s, "⟨U+200E⟩a⟨U+200F⟩b⟨U+206A⟩c⟨U+FFF9⟩d");
        assert_inert(&s);
    }

    #[test]
    fn labels_are_flattened() {
        assert_eq!(sanitize_label("  One\r\ntwo\u{2028} \x1b[31mthree "), "One two ␛[31mthree");
    }

    #[test]
    fn every_line_terminator_splits() {
        assert_eq!(split_lines("a\nb\r\nc\rd\u{2028}e\u{2029}f"), vec!["a", "b", "c", "d", "e", "", "f"]);
        assert_eq!(split_lines(""), Vec::<&str>::new());
        assert_eq!(split_lines("a\n"), vec!["a"]);
    }

    #[test]
    fn all_chars_are_neutralized() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        assert_inert(&sanitize_inline(&all));
        assert_inert(&sanitize_label(&all));
    }
}
