//! Near-duplicate articles: the same wire story from several outlets, a
//! story updated and published again. Each article's text (boilerplate
//! left out) is cut into overlapping runs of [`SHINGLE_WORDS`] words
//! (shingles); a MinHash [`Signature`] of those estimates how many
//! shingles two articles share (their Jaccard similarity). Articles at
//! least [`THRESHOLD`] similar are one group ([`group`]), found without
//! comparing every pair: only articles whose signatures agree on a whole
//! band of values are compared (locality-sensitive hashing).
//!
//! Short articles (fewer than [`MIN_SHINGLES`] shingles) have no signature
//! and are never grouped: two one-line briefs share too little to tell a
//! copy from a coincidence. Nothing here knows about terminals or the index.

mod groups;
mod signature;

pub use groups::{Groups, group};
pub use signature::{SIGNATURE_BYTES, Signature};

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 5;

/// Articles with fewer shingles than this are not grouped.
pub const MIN_SHINGLES: usize = 24;

/// Estimated Jaccard similarity of shingles from which two articles are
/// near-duplicates (chosen on the BBC corpus: see `tests/dedup_bbc.rs`).
pub const THRESHOLD: f64 = 0.5;
