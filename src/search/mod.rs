//! Finding articles and text: the fuzzy title finder, full-text search over
//! bodies and search inside one article. No terminal code here.

pub mod fold;
pub mod fulltext;
pub mod fuzzy;
pub mod terms;

pub use fulltext::{BodyIndex, TextHit};
pub use fuzzy::{Finder, FuzzyHit, MatchKind, TitleIndex};
pub use terms::Query;
