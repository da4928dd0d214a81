//! The corpus entities' kinds, mentions and name keys as one blob, what a
//! lookup ranks: read in one row and ranked in place ([`NameKeys`]),
//! instead of a row and two JSON parses per entity.
//!
//! Layout: a header of LEB128 varints (entity count; per entity its kind
//! code, mentions and key count, and per key the byte lengths of its
//! folded key and its variant key), then every key's text, in order, as
//! one UTF-8 string.

use super::super::codec::{Reader, put};
use super::{kind_code, kind_of};
use crate::entities::EntityKind;
use crate::entities::index::{GroupRecord, NameKeys};

/// Encodes the name keys of `records` (in id order).
pub fn encode<'a>(records: impl ExactSizeIterator<Item = &'a GroupRecord>) -> Vec<u8> {
    let mut head = Vec::new();
    let mut text = String::new();
    put(&mut head, records.len() as u64);
    for r in records {
        put(&mut head, kind_code(r.kind) as u64);
        put(&mut head, r.mentions as u64);
        put(&mut head, r.keys.len() as u64);
        for (k, v) in &r.keys {
            put(&mut head, k.len() as u64);
            put(&mut head, v.len() as u64);
            text.push_str(k);
            text.push_str(v);
        }
    }
    head.extend_from_slice(text.as_bytes());
    head
}

/// The stored names, ready to rank.
#[derive(Debug, Default)]
pub struct StoredNames {
    text: String,
    kinds: Vec<EntityKind>,
    mentions: Vec<usize>,
    /// Where each entity's keys start in `keys` (one more than entities).
    starts: Vec<usize>,
    /// (start, key end, variant end) of each key in `text`.
    keys: Vec<(usize, usize, usize)>,
}

impl StoredNames {
    /// What [`encode`] wrote; `None` for a damaged blob.
    pub fn decode(bytes: &[u8]) -> Option<StoredNames> {
        let mut r = Reader::new(bytes);
        let n = r.len()?;
        let mut names = StoredNames {
            kinds: Vec::with_capacity(n),
            mentions: Vec::with_capacity(n),
            starts: Vec::with_capacity(n + 1),
            ..StoredNames::default()
        };
        let mut at = 0usize;
        for _ in 0..n {
            names.kinds.push(kind_of(i64::try_from(r.num()?).ok()?));
            names.mentions.push(usize::try_from(r.num()?).ok()?);
            names.starts.push(names.keys.len());
            for _ in 0..r.len()? {
                let k = at.checked_add(r.len()?)?;
                let v = k.checked_add(usize::try_from(r.num()?).ok()?)?;
                names.keys.push((at, k, v));
                at = v;
            }
        }
        names.starts.push(names.keys.len());
        names.text = String::from_utf8(bytes.get(r.position()..)?.to_vec()).ok()?;
        // Every key within the text and on character boundaries.
        let fits = |i: usize| names.text.is_char_boundary(i);
        (at == names.text.len() && names.keys.iter().all(|&(s, k, v)| fits(s) && fits(k) && fits(v)))
            .then_some(names)
    }
}

impl NameKeys for StoredNames {
    fn entities(&self) -> usize {
        self.kinds.len()
    }

    fn kind(&self, id: usize) -> EntityKind {
        self.kinds[id]
    }

    fn mentions(&self, id: usize) -> usize {
        self.mentions[id]
    }

    fn keys(&self, id: usize) -> impl Iterator<Item = (&str, &str)> {
        let range = self.starts[id]..self.starts[id + 1];
        self.keys[range].iter().map(|&(s, k, v)| (&self.text[s..k], &self.text[k..v]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, kind: EntityKind, keys: &[(&str, &str)], mentions: usize) -> GroupRecord {
        GroupRecord {
            name: name.into(),
            kind,
            aliases: vec![name.into()],
            keys: keys.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            mentions,
        }
    }

    #[test]
    fn names_round_trip_and_damage_is_refused() {
        let records = [
            record("Kabul", EntityKind::Place, &[("kabul", "kabul")], 7),
            record("Zürich AG", EntityKind::Organization, &[("zürich ag", "zurich ag"), ("zag", "zag")], 0),
            record("Nobody", EntityKind::Person, &[], 300),
        ];
        let blob = encode(records.iter());
        let names = StoredNames::decode(&blob).unwrap();
        assert_eq!(names.entities(), 3);
        for (id, r) in records.iter().enumerate() {
            assert_eq!(names.kind(id), r.kind);
            assert_eq!(names.mentions(id), r.mentions);
            let keys: Vec<(String, String)> = names.keys(id).map(|(k, v)| (k.into(), v.into())).collect();
            assert_eq!(keys, r.keys);
        }
        for cut in 0..blob.len() {
            assert!(StoredNames::decode(&blob[..cut]).is_none(), "cut at {cut}");
        }
        // One entity, one key of 2 bytes and a variant of 1: "zü" split inside "ü".
        let mut split: Vec<u8> = [1, 0, 0, 1, 2, 1].into();
        split.extend_from_slice("zü".as_bytes());
        assert!(StoredNames::decode(&split).is_none());
        split[4] = 1;
        split[5] = 2;
        assert!(StoredNames::decode(&split).is_some(), "the same text cut between characters");
        assert!(StoredNames::decode(&[0xff; 9]).is_none());
        assert_eq!(StoredNames::decode(&encode([].iter())).map(|n| n.entities()), Some(0));
    }

    #[test]
    fn stored_names_rank_as_the_index_they_were_made_from() {
        use crate::entities::index::rank;
        let corpus = crate::corpus::Corpus::seeds();
        let index =
            crate::entities::CorpusIndex::build(&corpus.articles, &crate::entities::Corrections::default());
        let records: Vec<GroupRecord> = index.records().map(|(r, _)| r).collect();
        let stored = StoredNames::decode(&encode(records.iter())).unwrap();
        assert_eq!(stored.entities(), index.entity_count());
        for q in
            ["ttp", "mujahid", "Sadiq Khan", "muttaq", "zabiulah", "kabl", "pakistn", "qwertyuiop", "a", ""]
        {
            for limit in [1, 5, 50] {
                assert_eq!(rank(&stored, q, limit), rank(&index, q, limit), "{q} {limit}");
            }
        }
    }
}
