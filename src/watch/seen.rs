//! The articles a watch matched when the analyst last looked: a sorted set
//! of article ids as numbers (8 bytes each when stored).

use crate::corpus::ArticleId;

/// An article id as a number: its 12 hex digits (any other id, from a
/// damaged store, hashed).
pub fn id_key(id: &ArticleId) -> u64 {
    let s = id.as_str();
    if s.len() <= 16
        && let Ok(n) = u64::from_str_radix(s, 16)
    {
        return n;
    }
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// A set of article ids (see [`id_key`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen(Vec<u64>);

impl Seen {
    pub fn new(mut keys: Vec<u64>) -> Seen {
        keys.sort_unstable();
        keys.dedup();
        Seen(keys)
    }

    pub fn contains(&self, id: &ArticleId) -> bool {
        self.0.binary_search(&id_key(id)).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// As stored: the keys, little-endian, in order.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|k| k.to_le_bytes()).collect()
    }

    /// Reads what [`Seen::to_bytes`] wrote; a damaged tail is ignored (its
    /// articles count as new again: nothing is hidden).
    pub fn from_bytes(bytes: &[u8]) -> Seen {
        let keys = bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect();
        Seen::new(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_bytes() {
        let a = ArticleId("7ada25d68e4b".into());
        let b = ArticleId("not-hex".into());
        let seen = Seen::new(vec![id_key(&a), id_key(&b), id_key(&a)]);
        assert_eq!(seen.len(), 2);
        let back = Seen::from_bytes(&seen.to_bytes());
        assert_eq!(back, seen);
        assert!(back.contains(&a) && back.contains(&b));
        assert!(!back.contains(&ArticleId("000000000000".into())));
        assert_eq!(Seen::from_bytes(&[1, 2, 3]).len(), 0);
    }
}
