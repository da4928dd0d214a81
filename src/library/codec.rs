//! The entities of one article as one compact blob: what the extractor
//! found (before the analyst's corrections, which apply on top when read).
//!
//! Layout, all integers LEB128 varints: entity count; per entity its kind
//! (0 person, 1 org, 2 place), name, alias count and aliases (length and
//! UTF-8 bytes), mention count and mentions (start, then length), and the
//! form (alias index) of each mention.

use crate::entities::{Entity, EntityKind};

/// Appends `n` as a LEB128 varint.
pub(crate) fn put(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Encodes an article's entities.
pub fn encode(entities: &[Entity]) -> Vec<u8> {
    let mut out = Vec::with_capacity(entities.len() * 32);
    put(&mut out, entities.len() as u64);
    for e in entities {
        put(
            &mut out,
            match e.kind {
                EntityKind::Person => 0,
                EntityKind::Organization => 1,
                EntityKind::Place => 2,
            },
        );
        put_str(&mut out, &e.name);
        put(&mut out, e.aliases.len() as u64);
        for a in &e.aliases {
            put_str(&mut out, a);
        }
        put(&mut out, e.mentions.len() as u64);
        for m in &e.mentions {
            put(&mut out, m.start as u64);
            put(&mut out, m.end.saturating_sub(m.start) as u64);
        }
        put(&mut out, e.forms.len() as u64);
        for &f in &e.forms {
            put(&mut out, f as u64);
        }
    }
    out
}

/// Reads what [`put`] wrote, refusing damage rather than panicking.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// How many bytes have been read.
    pub(crate) fn position(&self) -> usize {
        self.at
    }

    /// Has every byte been read?
    pub(crate) fn done(&self) -> bool {
        self.at == self.bytes.len()
    }

    pub(crate) fn num(&mut self) -> Option<u64> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    /// A count, never more than the bytes left.
    pub(crate) fn len(&mut self) -> Option<usize> {
        let n = usize::try_from(self.num()?).ok()?;
        // A count can never exceed the bytes left: a damaged blob must not
        // make a huge allocation.
        (n <= self.bytes.len() - self.at.min(self.bytes.len())).then_some(n)
    }

    fn string(&mut self) -> Option<String> {
        let n = self.len()?;
        let s = std::str::from_utf8(self.bytes.get(self.at..self.at + n)?).ok()?;
        self.at += n;
        Some(s.to_string())
    }
}

/// Decodes what [`encode`] wrote; `None` for a damaged blob.
pub fn decode(bytes: &[u8]) -> Option<Vec<Entity>> {
    let mut r = Reader::new(bytes);
    let n = r.len()?;
    let mut entities = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = match r.num()? {
            0 => EntityKind::Person,
            1 => EntityKind::Organization,
            2 => EntityKind::Place,
            _ => return None,
        };
        let name = r.string()?;
        let aliases = (0..r.len()?).map(|_| r.string()).collect::<Option<Vec<_>>>()?;
        let mentions = (0..r.len()?)
            .map(|_| {
                let start = usize::try_from(r.num()?).ok()?;
                let len = usize::try_from(r.num()?).ok()?;
                Some(start..start.checked_add(len)?)
            })
            .collect::<Option<Vec<_>>>()?;
        let forms = (0..r.len()?).map(|_| usize::try_from(r.num()?).ok()).collect::<Option<Vec<_>>>()?;
        entities.push(Entity { name, kind, aliases, mentions, forms });
    }
    r.done().then_some(entities)
}

/// Sorted positions (sentence triggers) as deltas.
pub fn encode_positions(positions: impl Iterator<Item = usize>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0;
    for p in positions {
        put(&mut out, p.saturating_sub(last) as u64);
        last = p.max(last);
    }
    out
}

/// What [`encode_positions`] wrote; `None` for a damaged blob.
pub fn decode_positions(bytes: &[u8]) -> Option<Vec<usize>> {
    let mut r = Reader::new(bytes);
    let mut v = Vec::with_capacity(bytes.len());
    let mut last = 0usize;
    while !r.done() {
        last = last.checked_add(usize::try_from(r.num()?).ok()?)?;
        v.push(last);
    }
    Some(v)
}

/// The postings of an entity: (article, mentions, sentences it is
/// mentioned in), sorted by article; articles as deltas, sentences as
/// deltas within each article.
pub fn encode_postings(postings: &[(usize, usize, Vec<u32>)]) -> Vec<u8> {
    let mut w = PostingsWriter::default();
    for (a, c, sentences) in postings {
        w.push(*a, *c, sentences.iter().copied());
    }
    w.out
}

/// Writes what [`encode_postings`] writes one article at a time (articles
/// in order).
#[derive(Debug, Default)]
pub struct PostingsWriter {
    out: Vec<u8>,
    last: usize,
}

impl PostingsWriter {
    /// Appends article `a`, its `count` mentions and its (sorted) sentences.
    pub fn push(&mut self, a: usize, count: usize, sentences: impl ExactSizeIterator<Item = u32>) {
        put(&mut self.out, a.saturating_sub(self.last) as u64);
        put(&mut self.out, count as u64);
        put(&mut self.out, sentences.len() as u64);
        let mut prev = 0;
        for s in sentences {
            put(&mut self.out, u64::from(s.saturating_sub(prev)));
            prev = s;
        }
        self.last = a;
    }

    /// The blob.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// Reads what [`encode_postings`] wrote, one article at a time.
pub struct Postings<'a> {
    r: Reader<'a>,
    last: usize,
}

impl<'a> Postings<'a> {
    pub fn new(bytes: &'a [u8]) -> Postings<'a> {
        Postings { r: Reader::new(bytes), last: 0 }
    }

    /// The next (article, mentions), its sentences into `sentences` when
    /// given; `None` at the end or on damage.
    pub fn next_entry(&mut self, sentences: Option<&mut Vec<u32>>) -> Option<(usize, usize)> {
        if self.r.done() {
            return None;
        }
        let article = self.last.checked_add(usize::try_from(self.r.num()?).ok()?)?;
        let count = usize::try_from(self.r.num()?).ok()?;
        let n = self.r.len()?;
        let mut sentences = sentences;
        if let Some(v) = sentences.as_deref_mut() {
            v.clear();
        }
        let mut prev = 0u32;
        for _ in 0..n {
            prev = prev.checked_add(u32::try_from(self.r.num()?).ok()?)?;
            if let Some(v) = sentences.as_deref_mut() {
                v.push(prev);
            }
        }
        self.last = article;
        Some((article, count))
    }
}

/// The (article, mentions) of [`encode_postings`], sorted by article (a
/// damaged blob gives what could be read).
pub fn decode_postings(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut p = Postings::new(bytes);
    let mut v = Vec::with_capacity(bytes.len() / 3);
    while let Some(entry) = p.next_entry(None) {
        v.push(entry);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_entities_round_trip() {
        for a in crate::corpus::Corpus::seeds().articles {
            let entities = crate::entities::extract(&a);
            assert!(!entities.is_empty());
            assert_eq!(decode(&encode(&entities)), Some(entities));
        }
    }

    #[test]
    fn damage_is_refused_not_a_panic() {
        let a = &crate::corpus::Corpus::seeds().articles[0];
        let blob = encode(&crate::entities::extract(a));
        for cut in 0..blob.len() {
            assert_eq!(decode(&blob[..cut]), None, "cut at {cut}");
        }
        assert_eq!(decode(&[0xff; 12]), None);
        assert_eq!(decode(&[5, 9]), None);
    }

    #[test]
    fn positions_and_postings_round_trip() {
        let p = vec![0, 3, 3, 90, 100_000];
        assert_eq!(decode_positions(&encode_positions(p.iter().copied())), Some(p));
        let postings = vec![(1, 5, vec![0, 4]), (7, 2, vec![3]), (300, 1, vec![])];
        let blob = encode_postings(&postings);
        assert_eq!(decode_postings(&blob), vec![(1, 5), (7, 2), (300, 1)]);
        let mut p = Postings::new(&blob);
        let mut s = Vec::new();
        assert_eq!(p.next_entry(Some(&mut s)), Some((1, 5)));
        assert_eq!(s, [0, 4]);
        assert_eq!(p.next_entry(None), Some((7, 2)));
        assert_eq!(p.next_entry(Some(&mut s)), Some((300, 1)));
        assert!(s.is_empty());
        assert_eq!(p.next_entry(None), None);
        for cut in 0..blob.len() {
            assert!(decode_postings(&blob[..cut]).len() < 3, "cut at {cut}");
        }
        assert_eq!(decode_postings(&[0x80]), vec![]);
        assert_eq!(decode_positions(&[0xff, 0xff]), None);
    }
}
