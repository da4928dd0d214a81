//! What the finder searches, per article: "title  source  dateline", kept
//! compactly (one buffer for every text, offsets beside it) so that a
//! million titles fit in about 100 MB and build in a fraction of a second.
//!
//! Case-insensitive search of an ASCII text needs no copy: the matcher
//! ignores ASCII case itself. Only texts with other characters keep a folded
//! copy ([`super::fold`]: "Kābul" → "kabul", "Straße" → "strasse") with the
//! map back to the original characters.
//!
//! Built with [`TitleIndex::with_capacity`], [`TitleIndex::push`] per
//! article and [`TitleIndex::finish`] (or `new`, `from_rows`,
//! `from_titles`). [`TitleIndex::save`] / [`TitleIndex::load`] (and
//! [`write_file`] / [`read_file`]) keep it in a file tagged with a key, the
//! library's cache beside its index: a million titles load from it in a
//! fraction of the time SQLite takes to hand them over.

use std::fs;
use std::io::{self, Read, Write};
use std::path::Path;

use rayon::prelude::*;

use super::fold::Folded;
use crate::corpus::Article;

/// The folded copy of a text that is not ASCII.
#[derive(Debug, Clone)]
struct FoldedText {
    folded: Folded,
    /// Where the title ends in the folded text (bytes).
    title_end: u32,
}

/// One text as a matcher sees it.
#[derive(Debug, Clone, Copy)]
pub struct Hay<'a> {
    /// The text searched: the original, or its folded copy.
    pub text: &'a str,
    /// The title's part of `text` (bytes).
    pub title_end: usize,
    /// ASCII letters are compared without case (a case-insensitive word
    /// searched in an ASCII text, which has no folded copy).
    pub ascii_ci: bool,
}

/// What the finder matches against, per article.
#[derive(Debug, Clone, Default)]
pub struct TitleIndex {
    /// Every text, one after the other.
    buffer: String,
    /// The end of each text in `buffer` (its start is the previous end).
    ends: Vec<u32>,
    /// Bytes of the title at the start of each text.
    title_bytes: Vec<u32>,
    /// Characters of the title at the start of each text.
    title_chars: Vec<u32>,
    /// The folded copy of each text that is not ASCII.
    folded: Vec<Option<Box<FoldedText>>>,
    /// Per text: the ASCII letters and digits in it or in its folded copy,
    /// in any case ([`letters`]): a word needing one it lacks cannot match.
    letters: Vec<u64>,
}

/// The ASCII letters (in either case) and digits of `bytes`, as bits: what
/// a text must hold for a word to be found in it.
pub fn letters(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |m, &b| match b.to_ascii_lowercase() {
        c @ b'a'..=b'z' => m | 1 << (c - b'a'),
        c @ b'0'..=b'9' => m | 1 << (26 + c - b'0'),
        _ => m,
    })
}

/// A text longer than this is cut (at a character boundary) in the index.
const MAX_TEXT: usize = 4096;

fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl TitleIndex {
    pub fn new(articles: &[Article]) -> TitleIndex {
        let mut index = TitleIndex::with_capacity(articles.len());
        for a in articles {
            index.push(&a.title, a.source.as_deref(), a.dateline.as_deref());
        }
        index.finish()
    }

    /// From each article's (title, source, dateline): what the library's
    /// catalog holds, without the bodies.
    pub fn from_rows(rows: Vec<(&str, Option<&str>, Option<&str>)>) -> TitleIndex {
        let mut index = TitleIndex::with_capacity(rows.len());
        for (title, source, dateline) in rows {
            index.push(title, source, dateline);
        }
        index.finish()
    }

    /// From plain strings (benchmarks, tests).
    pub fn from_titles(titles: Vec<String>) -> TitleIndex {
        let mut index = TitleIndex::with_capacity(titles.len());
        for t in &titles {
            index.push(t, None, None);
        }
        index.finish()
    }

    /// An empty index with room for `n` texts; [`TitleIndex::push`] them,
    /// then [`TitleIndex::finish`] (which folds the texts that need it).
    pub fn with_capacity(n: usize) -> TitleIndex {
        TitleIndex {
            buffer: String::with_capacity(n * 64),
            ends: Vec::with_capacity(n),
            title_bytes: Vec::with_capacity(n),
            title_chars: Vec::with_capacity(n),
            folded: Vec::with_capacity(n),
            // Made by `finish` (until then, nothing is ruled out).
            letters: Vec::new(),
        }
    }

    /// Adds one article's text: "title  source  dateline".
    pub fn push(&mut self, title: &str, source: Option<&str>, dateline: Option<&str>) {
        let title = cut(title, MAX_TEXT);
        let start = self.buffer.len();
        // The buffer's offsets are 32-bit: past 4 GB of titles, texts are empty.
        let room = (u32::MAX as usize).saturating_sub(start);
        let title = cut(title, room);
        self.buffer.push_str(title);
        for extra in [source, dateline].into_iter().flatten() {
            let room = MAX_TEXT.min((u32::MAX as usize).saturating_sub(self.buffer.len()));
            if extra.is_empty() || self.buffer.len() - start + 2 + extra.len() > room {
                continue;
            }
            self.buffer.push_str("  ");
            self.buffer.push_str(extra);
        }
        self.ends.push(self.buffer.len() as u32);
        self.title_bytes.push(title.len() as u32);
        self.title_chars.push(if title.is_ascii() { title.len() } else { title.chars().count() } as u32);
        self.folded.push(None);
    }

    /// Folds the texts that are not ASCII (in parallel); returns the index.
    pub fn finish(mut self) -> TitleIndex {
        let (buffer, ends, title_bytes) = (&self.buffer, &self.ends, &self.title_bytes);
        self.letters.resize(ends.len(), 0);
        self.folded.par_iter_mut().zip(self.letters.par_iter_mut()).enumerate().for_each(
            |(i, (slot, mask))| {
                let start = if i == 0 { 0 } else { ends[i - 1] as usize };
                let text = &buffer[start..ends[i] as usize];
                *mask = letters(text.as_bytes());
                if slot.is_none() && !text.is_ascii() {
                    let folded = Folded::new(text);
                    let title_end = folded.folded_offset(title_bytes[i] as usize) as u32;
                    *slot = Some(Box::new(FoldedText { folded, title_end }));
                }
                if let Some(f) = slot {
                    *mask |= letters(f.folded.text().as_bytes());
                }
            },
        );
        self.buffer.shrink_to_fit();
        self
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of article `index` ("" past the end).
    pub fn text(&self, index: usize) -> &str {
        let Some(&end) = self.ends.get(index) else { return "" };
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.buffer[start as usize..end as usize]
    }

    /// The ASCII letters and digits of text `index` (see [`letters`]); all
    /// of them past the end (nothing to rule out).
    pub fn letters(&self, index: usize) -> u64 {
        self.letters.get(index).copied().unwrap_or(u64::MAX)
    }

    /// Characters of the title of article `index`.
    pub fn title_chars(&self, index: usize) -> usize {
        self.title_chars.get(index).map_or(0, |&c| c as usize)
    }

    /// The text as searched: the original when `case_sensitive`, else the
    /// folded copy (or the ASCII original, compared without case).
    pub fn hay(&self, index: usize, case_sensitive: bool) -> Hay<'_> {
        let text = self.text(index);
        let title_end = self.title_bytes.get(index).map_or(0, |&b| b as usize);
        match self.folded.get(index).and_then(Option::as_deref) {
            Some(f) if !case_sensitive => {
                Hay { text: f.folded.text(), title_end: f.title_end as usize, ascii_ci: false }
            }
            _ => Hay { text, title_end, ascii_ci: !case_sensitive },
        }
    }

    /// The folded copy of a text that is not ASCII (None for ASCII texts).
    pub fn folded(&self, index: usize) -> Option<&Folded> {
        self.folded.get(index).and_then(Option::as_deref).map(|f| &f.folded)
    }

    /// Bytes this index holds on the heap (for measuring it).
    pub fn heap_bytes(&self) -> usize {
        let folded: usize = self
            .folded
            .iter()
            .flatten()
            .map(|f| std::mem::size_of::<FoldedText>() + f.folded.heap_bytes())
            .sum();
        self.buffer.capacity()
            + 4 * (self.ends.capacity() + self.title_bytes.capacity() + self.title_chars.capacity())
            + 8 * self.letters.capacity()
            + std::mem::size_of::<Option<Box<FoldedText>>>() * self.folded.capacity()
            + folded
    }
}

/// The first bytes of a stored title index ([`TitleIndex::save`]).
const MAGIC: &[u8; 8] = b"rroomTI1";

/// Exactly `n` bytes, allocated as they arrive (a damaged count on a short
/// file allocates no more than the file holds).
fn read_bytes(r: &mut impl Read, n: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    r.take(n).read_to_end(&mut bytes)?;
    if bytes.len() as u64 != n {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(bytes)
}

fn read_u32s(r: &mut impl Read, n: usize) -> io::Result<Vec<u32>> {
    let bytes = read_bytes(r, n as u64 * 4)?;
    Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
}

fn read_u64(r: &mut impl Read) -> io::Result<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

impl TitleIndex {
    /// Writes the index compactly (texts and offsets; folded copies are
    /// made again on loading), tagged with `key`: what it was made from.
    pub fn save(&self, w: &mut impl Write, key: u64) -> io::Result<()> {
        w.write_all(MAGIC)?;
        for v in [key, self.len() as u64, self.buffer.len() as u64] {
            w.write_all(&v.to_le_bytes())?;
        }
        for list in [&self.ends, &self.title_bytes, &self.title_chars] {
            let bytes: Vec<u8> = list.iter().flat_map(|v| v.to_le_bytes()).collect();
            w.write_all(&bytes)?;
        }
        w.write_all(self.buffer.as_bytes())
    }

    /// Reads what [`TitleIndex::save`] wrote, if it was made from `key` and
    /// is whole and consistent (anything else is None: a cache to rebuild).
    pub fn load(r: &mut impl Read, key: u64) -> Option<TitleIndex> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic).ok()?;
        if &magic != MAGIC || read_u64(r).ok()? != key {
            return None;
        }
        let (n, len) = (read_u64(r).ok()?, read_u64(r).ok()?);
        // Offsets are 32-bit; a count past them is damage (and no allocation is tried).
        if n > u64::from(u32::MAX) / 4 || len > u64::from(u32::MAX) {
            return None;
        }
        let n = n as usize;
        let ends = read_u32s(r, n).ok()?;
        let title_bytes = read_u32s(r, n).ok()?;
        let title_chars = read_u32s(r, n).ok()?;
        let bytes = read_bytes(r, len).ok()?;
        if r.read(&mut [0u8; 1]).ok()? != 0 {
            return None;
        }
        let buffer = String::from_utf8(bytes).ok()?;
        let mut start = 0usize;
        for i in 0..n {
            let (end, title) = (ends[i] as usize, title_bytes[i] as usize);
            if end < start || end > buffer.len() || start + title > end || !buffer.is_char_boundary(end) {
                return None;
            }
            let t = buffer.get(start..start + title)?;
            if t.chars().count() != title_chars[i] as usize {
                return None;
            }
            start = end;
        }
        if start != buffer.len() {
            return None;
        }
        let folded = vec![None; n];
        Some(TitleIndex { buffer, ends, title_bytes, title_chars, folded, letters: Vec::new() }.finish())
    }
}

/// A title index kept in a file beside a library's index, as a cache:
/// [`read_file`] gives it back only if it was written for `key`.
pub fn read_file(path: &Path, key: u64) -> Option<TitleIndex> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    TitleIndex::load(&mut io::BufReader::with_capacity(1 << 20, file), key)
}

/// Writes `index` for [`read_file`]: private to the user, whole or not at
/// all (a temporary file renamed over the old one).
pub fn write_file(path: &Path, index: &TitleIndex, key: u64) -> io::Result<()> {
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = std::path::PathBuf::from(tmp);
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let written = options.open(&tmp).and_then(|file| {
        let mut w = io::BufWriter::with_capacity(1 << 20, file);
        index.save(&mut w, key)?;
        w.flush()?;
        fs::rename(&tmp, path)
    });
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_join_title_source_and_dateline() {
        let index = TitleIndex::from_rows(vec![
            ("Kabul talks", Some("Tolo News"), Some("KABUL")),
            ("Die Straße", None, Some("Berlin")),
            ("", Some(""), None),
        ]);
        assert_eq!(index.len(), 3);
        assert_eq!(index.text(0), "Kabul talks  Tolo News  KABUL");
        assert_eq!(index.text(1), "Die Straße  Berlin");
        assert_eq!(index.text(2), "");
        assert_eq!(index.text(3), "");
        assert_eq!(index.title_chars(1), 10);
        let h = index.hay(0, false);
        assert!(h.ascii_ci && h.text == index.text(0) && h.title_end == 11);
        let h = index.hay(1, false);
        assert_eq!((h.text, h.title_end, h.ascii_ci), ("die strasse  berlin", 11, false));
        let h = index.hay(1, true);
        assert_eq!((h.text, h.title_end, h.ascii_ci), ("Die Straße  Berlin", 11, false));
        assert!(index.folded(0).is_none() && index.folded(1).is_some());
    }

    #[test]
    fn letters_are_those_of_the_text_and_of_its_folded_copy() {
        let index = TitleIndex::from_titles(vec!["Kābul 7".into(), "".into()]);
        let bit = |c: u8| letters(&[c]);
        // "ā" folds to "a": a word with an "a" can be found in it.
        for c in [b'k', b'a', b'b', b'u', b'l', b'7'] {
            assert_ne!(index.letters(0) & bit(c), 0, "{}", c as char);
        }
        assert_eq!(index.letters(0) & bit(b'z'), 0);
        assert_eq!(letters(b"KaBuL"), letters(b"kabul"));
        assert_eq!(index.letters(1), 0);
        assert_eq!(index.letters(2), u64::MAX, "past the end rules nothing out");
    }

    #[test]
    fn long_texts_are_cut_at_a_character_boundary() {
        let long = "é".repeat(5000);
        let index = TitleIndex::from_titles(vec![long, "b".into()]);
        assert!(index.text(0).len() <= MAX_TEXT);
        assert_eq!(index.text(1), "b");
        assert_eq!(index.title_chars(0), index.text(0).chars().count());
    }

    #[test]
    fn a_saved_index_loads_back_only_whole_and_with_its_key() {
        let index = TitleIndex::from_rows(vec![
            ("Kabul talks", Some("Tolo News"), None),
            ("Die Straße", None, Some("Berlin")),
            ("", None, None),
        ]);
        let mut saved = Vec::new();
        index.save(&mut saved, 42).unwrap();
        let back = TitleIndex::load(&mut saved.as_slice(), 42).unwrap();
        for i in 0..3 {
            assert_eq!(back.text(i), index.text(i));
            assert_eq!(back.title_chars(i), index.title_chars(i));
            assert_eq!(back.hay(i, false).text, index.hay(i, false).text);
        }
        assert!(TitleIndex::load(&mut saved.as_slice(), 43).is_none(), "another key");
        for cut in [0, 7, 20, saved.len() - 1] {
            assert!(TitleIndex::load(&mut &saved[..cut], 42).is_none(), "cut at {cut}");
        }
        let mut longer = saved.clone();
        longer.push(b'x');
        assert!(TitleIndex::load(&mut longer.as_slice(), 42).is_none(), "trailing bytes");
        // Any byte changed: loads as something consistent, or not at all.
        for at in 8..saved.len() {
            let mut bad = saved.clone();
            bad[at] ^= 0xA5;
            if let Some(t) = TitleIndex::load(&mut bad.as_slice(), 42) {
                assert!((0..t.len()).all(|i| t.title_chars(i) <= t.text(i).chars().count()));
            }
        }
    }

    #[test]
    fn the_file_is_private_and_read_back_for_its_key_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("corpus.titles");
        let index = TitleIndex::from_titles(vec!["Kabul talks".into(), "Kābul".into()]);
        assert!(read_file(&path, 1).is_none());
        write_file(&path, &index, 1).unwrap();
        assert_eq!(read_file(&path, 1).unwrap().text(1), "Kābul");
        assert!(read_file(&path, 2).is_none());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
            let link = dir.path().join("link.titles");
            std::os::unix::fs::symlink(&path, &link).unwrap();
            assert!(read_file(&link, 1).is_none(), "a symbolic link is not followed");
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");
    }
}
