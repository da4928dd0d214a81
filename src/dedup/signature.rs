//! Shingles and the MinHash signature of an article.
//!
//! Words are runs of letters and digits, lowercased; a shingle is
//! [`SHINGLE_WORDS`] consecutive words, hashed. For each of [`HASHES`]
//! hash functions (multiply-shift over the shingle's 64-bit hash) the
//! signature keeps the smallest value over all shingles; two articles agree
//! on a value with probability their Jaccard similarity. Only the low 16
//! bits of each minimum are kept (b-bit MinHash): 128 bytes an article,
//! and two unrelated minima agree by chance once in 65,536.

use crate::corpus::{Article, ParaKind};

use super::{MIN_SHINGLES, SHINGLE_WORDS};

/// Values in a signature.
pub const HASHES: usize = 64;

/// Bytes of [`Signature::to_bytes`].
pub const SIGNATURE_BYTES: usize = HASHES * 2;

/// The MinHash signature of an article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(pub [u16; HASHES]);

/// splitmix64: the constants of the hash functions, fixed forever (stored
/// signatures depend on them).
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn constants() -> &'static ([u64; HASHES], [u64; HASHES]) {
    static C: std::sync::OnceLock<([u64; HASHES], [u64; HASHES])> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut state = 0x5EED_D00D_u64;
        let mut a = [0u64; HASHES];
        let mut b = [0u64; HASHES];
        for (a, b) in a.iter_mut().zip(b.iter_mut()) {
            *a = splitmix(&mut state) | 1;
            *b = splitmix(&mut state);
        }
        (a, b)
    })
}

/// The hashes of the words of `text` (letters and digits, lowercased),
/// appended to `out`.
fn word_hashes(text: &str, out: &mut Vec<u64>) {
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<u64>| {
        if !word.is_empty() {
            out.push(xxhash_rust::xxh3::xxh3_64(word.as_bytes()));
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else {
            flush(&mut word, out);
        }
    }
    flush(&mut word, out);
}

impl Signature {
    /// The signature of an article's text (its title and boilerplate left
    /// out: a corrected headline is the same story, a shared donation
    /// appeal is not), or `None` when it is too short to be compared.
    pub fn of_article(article: &Article) -> Option<Signature> {
        let mut words = Vec::with_capacity(article.words);
        for (p, text) in article.iter_paragraphs() {
            if p.kind != ParaKind::Boilerplate {
                word_hashes(text, &mut words);
            }
        }
        Self::of_words(&words)
    }

    /// The signature of a plain text (see [`Signature::of_article`]).
    pub fn of_text(text: &str) -> Option<Signature> {
        let mut words = Vec::new();
        word_hashes(text, &mut words);
        Self::of_words(&words)
    }

    fn of_words(words: &[u64]) -> Option<Signature> {
        let shingles = words.len().checked_sub(SHINGLE_WORDS - 1)?;
        if shingles < MIN_SHINGLES {
            return None;
        }
        let (a, b) = constants();
        let mut mins = [u32::MAX; HASHES];
        for w in words.windows(SHINGLE_WORDS) {
            let mut h = 0u64;
            for &x in w {
                h = (h.rotate_left(23) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            }
            for ((min, a), b) in mins.iter_mut().zip(a).zip(b) {
                let v = (h.wrapping_mul(*a).wrapping_add(*b) >> 32) as u32;
                *min = (*min).min(v);
            }
        }
        Some(Signature(mins.map(|m| m as u16)))
    }

    /// The estimated Jaccard similarity of the two texts' shingles, 0..=1.
    pub fn similarity(&self, other: &Signature) -> f64 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f64 / HASHES as f64
    }

    /// The signature as stored: [`SIGNATURE_BYTES`] bytes, little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// Reads what [`Signature::to_bytes`] wrote; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
        if bytes.len() != SIGNATURE_BYTES {
            return None;
        }
        let mut sig = [0u16; HASHES];
        for (v, pair) in sig.iter_mut().zip(bytes.chunks_exact(2)) {
            *v = u16::from_le_bytes([pair[0], pair[1]]);
        }
        Some(Signature(sig))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story() -> String {
        "The chancellor has named the sixteenth of March as the date of the Budget, in which he is \
         expected to set out plans for spending on schools and hospitals before a general election \
         widely expected in May. Opposition parties said the announcement showed the government was \
         preparing for a poll, while business groups urged restraint on taxes and borrowing. The \
         Treasury declined to comment on reports that stamp duty thresholds would be raised."
            .to_string()
    }

    #[test]
    fn the_same_text_is_identical_and_case_and_punctuation_do_not_count() {
        let a = Signature::of_text(&story()).expect("long enough");
        let b = Signature::of_text(&story().to_uppercase().replace(',', " ;")).expect("long enough");
        assert_eq!(a, b);
        assert_eq!(a.similarity(&b), 1.0);
    }

    #[test]
    fn a_small_edit_stays_similar_and_an_unrelated_text_does_not() {
        let a = Signature::of_text(&story()).unwrap();
        let edited = story().replace("sixteenth of March", "16 March").replace("in May", "on 5 May");
        let b = Signature::of_text(&edited).unwrap();
        assert!(a.similarity(&b) >= 0.5, "{}", a.similarity(&b));
        let other = "Arsenal won the league cup final at the Millennium Stadium on Sunday after a \
                     goalless draw went to penalties, with the goalkeeper saving twice as the holders \
                     lost their grip on a trophy they had won three times in the last five seasons of \
                     the competition, to the delight of a travelling support of thirty thousand fans.";
        let c = Signature::of_text(other).unwrap();
        assert!(a.similarity(&c) < 0.1, "{}", a.similarity(&c));
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert_eq!(Signature::of_text("Brown names 16 March for Budget"), None);
        assert_eq!(Signature::of_text(""), None);
        let words: Vec<String> = (0..MIN_SHINGLES + SHINGLE_WORDS - 2).map(|i| format!("w{i}")).collect();
        assert_eq!(Signature::of_text(&words.join(" ")), None);
        let words: Vec<String> = (0..MIN_SHINGLES + SHINGLE_WORDS - 1).map(|i| format!("w{i}")).collect();
        assert!(Signature::of_text(&words.join(" ")).is_some());
    }

    #[test]
    fn bytes_round_trip_and_other_bytes_are_refused() {
        let a = Signature::of_text(&story()).unwrap();
        assert_eq!(Signature::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(a.to_bytes().len(), SIGNATURE_BYTES);
        assert_eq!(Signature::from_bytes(&[1, 2, 3]), None);
        assert_eq!(Signature::from_bytes(&[]), None);
    }
}
