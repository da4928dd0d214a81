//! The bodies of rroom's fuzz targets, with the invariants they check.
//!
//! Each target takes arbitrary bytes, runs one of rroom's untrusted-input
//! paths on them and asserts what must hold whatever the input: no panic,
//! offsets on character boundaries and inside the text, and nothing a
//! terminal would obey in what is meant for display.
//!
//! The same file is compiled into `tests/proptests.rs` (with `#[path]`), so
//! `cargo test` replays every input kept in
//! `tests/fixtures/fuzz-regressions/<target>/` through exactly these
//! functions, with no nightly toolchain and no libFuzzer.

use std::ops::Range;

use rroom::corpus::sanitize::{is_clean_inline, sanitize_inline, sanitize_label, split_lines};
use rroom::corpus::{Article, Corpus, decode};
use rroom::notes::{Anchor, resolve};

/// A target: bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// The targets by name, for replaying a directory of inputs.
pub const TARGETS: &[(&str, Target)] =
    &[("loader", loader), ("sanitizer", sanitizer), ("extractor", extractor), ("anchoring", anchoring)];

/// Characters that must never reach the terminal from an article.
pub fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' | '\u{200E}' | '\u{200F}')
        || matches!(c, '\u{00AD}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// The parts of emoji sequences that the sanitizer removes on purpose (so
/// that every terminal draws the rest equally wide).
pub fn joins_emoji(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}')
}

pub fn assert_inert(s: &str, what: &str) {
    if let Some(c) = s.chars().find(|&c| is_dangerous(c)) {
        panic!("{what}: {c:?} survived in {s:?}");
    }
}

fn on_boundaries(text: &str, r: &Range<usize>) -> bool {
    r.start <= r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
}

/// Everything an article promises: every field inert, the body exactly its
/// paragraphs joined by blank lines, paragraph ranges in order on character
/// boundaries, a 12-hex-digit id, a title.
pub fn check_article(a: &Article) {
    let what = format!("article {}", a.id);
    assert_eq!(a.id.as_str().len(), 12, "{what}");
    assert!(a.id.as_str().bytes().all(|b| b.is_ascii_hexdigit()), "{what}");
    assert!(!a.title.is_empty(), "{what}: empty title");
    assert_inert(&a.title, &what);
    assert_inert(&a.origin.path, &what);
    for field in [&a.source, &a.dateline, &a.section, &a.url, &a.published].into_iter().flatten() {
        assert_inert(field, &what);
        assert!(!field.is_empty(), "{what}: an empty metadata field");
    }
    let mut last_end = 0;
    let mut words = 0;
    for (i, p) in a.paragraphs.iter().enumerate() {
        assert!(on_boundaries(&a.body, &p.range), "{what}: paragraph {i} {:?}", p.range);
        assert!(p.range.start >= last_end, "{what}: paragraphs overlap or are out of order");
        last_end = p.range.end;
        let text = a.text(p);
        assert!(!text.trim().is_empty(), "{what}: an empty paragraph");
        assert_inert(text, &what);
        words += text.split_whitespace().count();
    }
    let joined: Vec<&str> = a.iter_paragraphs().map(|(_, t)| t).collect();
    assert_eq!(joined.join("\n\n"), a.body, "{what}: the body is not its paragraphs");
    assert_eq!(words, a.words, "{what}: word count");
}

/// The loader on one file's bytes; the first byte picks the format.
pub fn loader(data: &[u8]) {
    let (kind, bytes) = data.split_first().map_or((0, data), |(k, rest)| (*k, rest));
    let name = match kind % 4 {
        0 => "fuzz.txt",
        1 => "fuzz.md",
        2 => "fuzz.html",
        _ => "fuzz.jsonl",
    };
    let corpus = Corpus::from_bytes(name, bytes);
    for a in &corpus.articles {
        check_article(a);
    }
    for line in corpus.note_lines() {
        assert_inert(&line, "load note");
    }
}

/// The sanitizer, the line splitter and the decoder.
pub fn sanitizer(data: &[u8]) {
    if let Ok((text, _)) = decode::decode(data) {
        if let Ok(s) = std::str::from_utf8(data)
            && !s.starts_with('\u{FEFF}')
            && !data.starts_with(&[0xFF, 0xFE])
            && !data.starts_with(&[0xFE, 0xFF])
        {
            assert_eq!(text, s, "valid UTF-8 was changed by decoding");
        }
    } else {
        assert!(data.contains(&0), "refused as binary without a NUL byte");
    }
    let s = String::from_utf8_lossy(data);
    let clean = sanitize_inline(&s);
    assert_inert(&clean, "sanitize_inline");
    assert!(is_clean_inline(&clean));
    assert_eq!(sanitize_inline(&clean), clean, "sanitizing is not idempotent");
    assert_eq!(is_clean_inline(&s), matches!(clean, std::borrow::Cow::Borrowed(_)));
    // Nothing but the dangerous characters is touched: the rest is kept, in order.
    let mut kept = clean.chars();
    for c in s.chars().filter(|&c| {
        !is_dangerous(c) && !matches!(c, '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}') && !joins_emoji(c)
    }) {
        assert!(kept.any(|k| k == c), "{c:?} was lost by sanitizing {s:?}");
    }
    let label = sanitize_label(&s);
    assert_inert(&label, "sanitize_label");
    assert_eq!(label.trim(), label, "a label is trimmed");
    assert!(!label.contains("  "), "a label has no runs of spaces");
    let lines = split_lines(&s);
    for line in &lines {
        assert!(!line.contains(['\n', '\r', '\u{2028}', '\u{2029}']), "{line:?} holds a line break");
    }
    let content = |t: &str| t.chars().filter(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')).count();
    assert_eq!(lines.iter().map(|l| content(l)).sum::<usize>(), content(&s), "split_lines lost text");
}

/// The entity extractor on the article the bytes make (as plain text).
pub fn extractor(data: &[u8]) {
    let corpus = Corpus::from_bytes("fuzz.txt", data);
    for a in &corpus.articles {
        check_entities(a);
    }
}

/// What the extractor promises for an article's entities.
pub fn check_entities(a: &Article) {
    let entities = rroom::entities::extract(a);
    let body = a.body.as_str();
    let mut all: Vec<Range<usize>> = Vec::new();
    for e in &entities {
        let what = format!("entity {:?} of {}", e.name, a.id);
        assert!(!e.name.trim().is_empty(), "{what}: empty name");
        assert_inert(&e.name, &what);
        // A name only in the headline or source label has no body mention.
        let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let front = squash(&format!("{} {}", a.title, a.source.as_deref().unwrap_or("")));
        let in_front = e.aliases.iter().any(|x| front.contains(&squash(x)));
        assert!(!e.mentions.is_empty() || in_front, "{what}: no mention, nor in the headline");
        assert_eq!(e.forms.len(), e.mentions.len(), "{what}: a form per mention");
        assert!(e.forms.iter().all(|&f| f < e.aliases.len()), "{what}: form out of range");
        for w in e.mentions.windows(2) {
            assert!(w[0].end <= w[1].start, "{what}: mentions unsorted or overlapping: {:?}", e.mentions);
        }
        for m in &e.mentions {
            assert!(
                m.start < m.end && on_boundaries(body, m),
                "{what}: mention {m:?} in a body of {}",
                body.len()
            );
            let para = a.paragraphs.iter().find(|p| p.range.start <= m.start && m.end <= p.range.end);
            assert!(para.is_some(), "{what}: mention {m:?} crosses paragraphs");
            all.push(m.clone());
        }
    }
    all.sort_by_key(|r| (r.start, r.end));
    for w in all.windows(2) {
        assert!(w[0].end <= w[1].start, "two entities claim overlapping text: {w:?} in {}", a.id);
    }
}

/// Little-endian integers from the front of the bytes.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn num(&mut self) -> usize {
        let (head, rest) = self.0.split_at(self.0.len().min(2));
        self.0 = rest;
        head.iter().rev().fold(0, |n, &b| n << 8 | usize::from(b))
    }
}

/// Anchoring: a passage captured from a body is found again exactly; in an
/// edited body, and for anchors made of arbitrary parts, whatever is found
/// lies on character boundaries inside the body.
pub fn anchoring(data: &[u8]) {
    let mut b = Bytes(data);
    let (start, end, cut, len) = (b.num(), b.num(), b.num(), b.num());
    let text = String::from_utf8_lossy(b.0);
    let mut parts = text.splitn(5, '\u{1}');
    let body = parts.next().unwrap_or("");
    let insert = parts.next().unwrap_or("");
    let anchor = Anchor::capture(body, start..end);
    assert!(on_boundaries(body, &(anchor.start..anchor.end)));
    let found = resolve(&anchor, body);
    assert_eq!(found.range(), Some(anchor.start..anchor.end), "a fresh anchor is not found where it was");
    // An edit: `len` bytes at `cut` replaced by `insert`.
    let mut at = cut.min(body.len());
    while !body.is_char_boundary(at) {
        at -= 1;
    }
    let mut to = at.saturating_add(len).min(body.len());
    while !body.is_char_boundary(to) {
        to += 1;
    }
    let edited = format!("{}{insert}{}", &body[..at], &body[to..]);
    if let Some(r) = resolve(&anchor, &edited).range() {
        assert!(on_boundaries(&edited, &r), "{r:?} in an edited body of {}", edited.len());
    }
    // An anchor from anywhere (a store written by another version, say).
    let wild = Anchor {
        quote: parts.next().unwrap_or("").to_string(),
        prefix: parts.next().unwrap_or("").to_string(),
        suffix: parts.next().unwrap_or("").to_string(),
        start,
        end,
    };
    for target in [body, edited.as_str()] {
        if let Some(r) = resolve(&wild, target).range() {
            assert!(on_boundaries(target, &r), "{r:?} in a body of {}", target.len());
        }
    }
}
