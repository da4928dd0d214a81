//! Stage 1: the tokens of a paragraph.
//!
//! Words (letters, digits, combining marks, inner apostrophes) and single
//! punctuation characters, with byte offsets into the article body and a few
//! flags. Hyphens inside a word split it into parts joined with [`HYPHEN`];
//! a possessive "’s" is left out of the word and noted with [`POSS`].
//! Whitespace-separated chunks holding an e-mail address, a handle or a URL
//! become one [`TokKind::Skip`] token. No allocation per token.

/// First character is an uppercase letter.
pub const CAP: u16 = 1;
/// At least two letters, none lowercase ("TTP", "U.S.", "ISTANBUL").
pub const UPPER: u16 = 1 << 1;
/// First character is a lowercase letter.
pub const LOWER: u16 = 1 << 2;
/// Contains a digit.
pub const DIGIT: u16 = 1 << 3;
/// Joined to the previous word by a hyphen, without spaces.
pub const HYPHEN: u16 = 1 << 4;
/// Followed by a possessive "'s" / "’s" (not part of the token).
pub const POSS: u16 = 1 << 5;
/// First word of a sentence (or of the paragraph).
pub const SENT: u16 = 1 << 6;
/// A dotted acronym such as "U.S." (the dots are in the token).
pub const DOTTED: u16 = 1 << 7;
/// Preceded by whitespace (or the start of the paragraph).
pub const SPACE: u16 = 1 << 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Punct(char),
    /// An e-mail address, handle or URL: never part of a name.
    Skip,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    pub flags: u16,
}

impl Token {
    pub fn is(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }

    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        body.get(self.start..self.end).unwrap_or("")
    }
}

/// Combining marks of common scripts: they belong to the word they follow.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x300..=0x36F | 0x483..=0x489 | 0x591..=0x5BD | 0x610..=0x61A | 0x64B..=0x65F | 0x670
        | 0x6D6..=0x6DC | 0x6DF..=0x6E4 | 0x900..=0x903 | 0x93A..=0x94F | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() || is_mark(c) }
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Abbreviations after which a full stop does not end the sentence.
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1
        || matches!(
            word,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Jr"
                | "Sr"
                | "Gen"
                | "Col"
                | "Lt"
                | "Sgt"
                | "Capt"
                | "Prof"
                | "Rev"
                | "Sen"
                | "Rep"
                | "Gov"
                | "No"
                | "vs"
                | "Mt"
                | "Co"
                | "Inc"
                | "Ltd"
        )
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 { Some(char::from(b)) } else { text.get(i..).and_then(|s| s.chars().next()) }
}

/// Does the chunk of non-whitespace starting at `i` look like an e-mail
/// address, a handle or a URL? Returns its end.
fn skip_chunk(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = bytes[i..].iter().position(|b| b.is_ascii_whitespace()).map_or(bytes.len(), |p| i + p);
    let chunk = &bytes[i..end];
    let url = chunk.windows(3).any(|w| w == b"://") || chunk.starts_with(b"www.");
    (url || chunk.contains(&b'@')).then_some(end)
}

/// Appends the tokens of `text` (a paragraph starting at byte `base` of the
/// body) to `out`.
pub fn tokenize(text: &str, base: usize, out: &mut Vec<Token>) {
    let mut i = 0;
    let mut space = true;
    let mut sentence = true;
    let mut hyphen = false;
    let mut chunk_checked = false;
    let first = out.len();
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            space = true;
            hyphen = false;
            chunk_checked = false;
            i += c.len_utf8();
            continue;
        }
        if !chunk_checked {
            chunk_checked = true;
            if let Some(end) = skip_chunk(text, i) {
                out.push(Token { start: base + i, end: base + end, kind: TokKind::Skip, flags: 0 });
                sentence = false;
                i = end;
                continue;
            }
        }
        if is_word_char(c) {
            let mut flags = if space { SPACE } else { 0 };
            if hyphen {
                flags |= HYPHEN;
            }
            let (end, word_flags) = read_word(text, i);
            flags |= word_flags;
            if sentence {
                flags |= SENT;
            }
            sentence = false;
            out.push(Token { start: base + i, end: base + end.word, kind: TokKind::Word, flags });
            i = end.next;
        } else {
            let joins = is_hyphen(c)
                && !space
                && out.len() > first
                && out.last().is_some_and(|t| t.is_word() && t.end == base + i && !t.is(POSS))
                && char_at(text, i + c.len_utf8()).is_some_and(is_word_char);
            i += c.len_utf8();
            if joins {
                hyphen = true;
                space = false;
                continue;
            }
            let flags = if space { SPACE } else { 0 };
            out.push(Token { start: base + i - c.len_utf8(), end: base + i, kind: TokKind::Punct(c), flags });
            match c {
                '.' => {
                    let prev = out.len().checked_sub(2).filter(|&p| p >= first).map(|p| out[p]);
                    let abbrev = prev.is_some_and(|p| {
                        p.is_word() && p.end + 1 == base + i && is_abbreviation(p.text_in(text, base))
                    });
                    sentence = !abbrev;
                }
                '!' | '?' | ':' | ';' | '\u{2014}' | '\u{2013}' | '\u{2026}' => sentence = true,
                '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '[' | '\u{00AB}' | '*' | '-' | '\u{2022}' => {}
                _ => sentence = false,
            }
        }
        space = false;
        hyphen = false;
    }
}

impl Token {
    /// The text of a token of a paragraph `text` that starts at `base`.
    fn text_in<'a>(&self, text: &'a str, base: usize) -> &'a str {
        text.get(self.start - base..self.end - base).unwrap_or("")
    }
}

struct WordEnd {
    /// Where the word ends.
    word: usize,
    /// Where scanning resumes (after a possessive).
    next: usize,
}

/// Reads the word starting at `i`, returning where it ends and its flags.
fn read_word(text: &str, start: usize) -> (WordEnd, u16) {
    let mut i = start;
    let mut flags = 0;
    let mut letters = 0usize;
    let mut lower_seen = false;
    let mut first = true;
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            if c.is_alphabetic() {
                letters += 1;
                if c.is_lowercase() {
                    lower_seen = true;
                }
                if first {
                    flags |= if c.is_uppercase() {
                        CAP
                    } else if c.is_lowercase() {
                        LOWER
                    } else {
                        0
                    };
                }
            } else if c.is_numeric() {
                flags |= DIGIT;
            }
            first = false;
            i += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            let after = i + c.len_utf8();
            match char_at(text, after) {
                Some('s' | 'S') if !char_at(text, after + 1).is_some_and(is_word_char) => {
                    flags |= POSS;
                    return (WordEnd { word: i, next: after + 1 }, finish(flags, letters, lower_seen));
                }
                Some(n) if is_word_char(n) => {
                    i = after;
                    continue;
                }
                _ => {}
            }
        }
        // "U.S.", "U.N.": single capitals each followed by a dot.
        if c == '.' && letters == 1 && i == start + 1 && flags & CAP != 0 {
            let mut j = i;
            let mut n = 1;
            while text.as_bytes().get(j) == Some(&b'.')
                && text.as_bytes().get(j + 1).is_some_and(u8::is_ascii_uppercase)
                && text.as_bytes().get(j + 2) == Some(&b'.')
            {
                j += 2;
                n += 1;
            }
            if n >= 2 {
                let end = j + 1;
                return (WordEnd { word: end, next: end }, flags | UPPER | DOTTED);
            }
        }
        break;
    }
    (WordEnd { word: i, next: i }, finish(flags, letters, lower_seen))
}

fn finish(flags: u16, letters: usize, lower_seen: bool) -> u16 {
    if letters >= 2 && !lower_seen && flags & CAP != 0 { flags | UPPER } else { flags }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, u16)> {
        let mut toks = Vec::new();
        tokenize(text, 0, &mut toks);
        toks.iter().filter(|t| t.is_word()).map(|t| (t.text(text), t.flags)).collect()
    }

    #[test]
    fn words_possessives_and_hyphens() {
        let w = words("Pakistan’s envoy met Tehrik-e-Taliban O'Brien's aide.");
        let texts: Vec<&str> = w.iter().map(|(t, _)| *t).collect();
        assert_eq!(texts, ["Pakistan", "envoy", "met", "Tehrik", "e", "Taliban", "O'Brien", "aide"]);
        assert!(w[0].1 & POSS != 0 && w[0].1 & SENT != 0 && w[0].1 & CAP != 0);
        assert!(w[4].1 & HYPHEN != 0 && w[5].1 & HYPHEN != 0 && w[3].1 & HYPHEN == 0);
        assert!(w[6].1 & POSS != 0);
        assert!(w[1].1 & LOWER != 0);
    }

    #[test]
    fn acronyms_sentences_and_skips() {
        let w = words("The U.S. and TTP met. Mr. Blair wrote to jane@example.com today. KABUL");
        let texts: Vec<&str> = w.iter().map(|(t, _)| *t).collect();
        assert_eq!(
            texts,
            ["The", "U.S.", "and", "TTP", "met", "Mr", "Blair", "wrote", "to", "today", "KABUL"]
        );
        assert!(w[1].1 & DOTTED != 0 && w[1].1 & UPPER != 0);
        assert!(w[3].1 & UPPER != 0);
        assert!(w[5].1 & SENT != 0, "after a full stop");
        assert!(w[6].1 & SENT == 0, "after Mr.");
        assert!(w[10].1 & UPPER != 0 && w[10].1 & SENT != 0);
    }

    #[test]
    fn offsets_are_char_boundaries() {
        let text = "Zürich’s e\u{301}lan — 日本 Kabul-based";
        let mut toks = Vec::new();
        tokenize(text, 10, &mut toks);
        let body = format!("{}{}", " ".repeat(10), text);
        for t in &toks {
            assert!(body.is_char_boundary(t.start) && body.is_char_boundary(t.end), "{t:?}");
        }
        let w: Vec<&str> = toks.iter().filter(|t| t.is_word()).map(|t| t.text(&body)).collect();
        assert_eq!(w, ["Zürich", "e\u{301}lan", "日本", "Kabul", "based"]);
    }
}
