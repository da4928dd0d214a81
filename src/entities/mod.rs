//! Entities (people, organizations, places) mentioned in an article.
//!
//! A rule-based pipeline, one stage per module, over the Text and Heading
//! paragraphs of an article (boilerplate is skipped):
//!
//! 1. [`tokenize`]: words and punctuation with byte offsets and flags;
//! 2. [`candidates`]: runs of capitalized words and acronyms, split and
//!    stripped, with the context cues around them ([`cues`]);
//! 3. [`typing`]: each distinct name typed from the gazetteers in `data/`
//!    and the pooled cues;
//! 4. [`aliases`]: acronyms (defined in parentheses, or the initials of a
//!    name of the article), "also known as" names, spelling variants
//!    ([`fold`]), known aliases (`data/aliases.txt`), case variants and
//!    short names merged; what is left searched for known names; the entity
//!    list built.
//!
//! Then [`corrections`] applies the analyst's merges, splits and hides, and
//! [`index`] joins the entities of all articles into corpus-wide ones for
//! cross-article lookups.
//!
//! No terminal code here.

mod aliases;
mod candidates;
pub mod corrections;
mod cues;
mod definitions;
mod entity;
pub mod fold;
mod gazetteer;
pub mod index;
pub mod sentences;
mod tokenize;
mod typing;

pub use corrections::{Correction, Corrections, extract_with};
pub use index::{CorpusIndex, LookupHit, QueryMatch};

#[cfg(test)]
mod tests;

use std::ops::Range;

use crate::corpus::{Article, ParaKind};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub enum EntityKind {
    #[serde(rename = "person")]
    Person,
    #[serde(rename = "org", alias = "organization")]
    Organization,
    #[serde(rename = "place")]
    Place,
}

impl EntityKind {
    /// All kinds, in display order.
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Organization, EntityKind::Place];

    /// The short name used in JSON and on the command line: `person`,
    /// `org`, `place`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "org",
            EntityKind::Place => "place",
        }
    }

    /// The heading for a group of entities of this kind.
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organizations",
            EntityKind::Place => "Places",
        }
    }
}

/// A person, organization or place and where the article mentions it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entity {
    /// The canonical name: the fullest form mentioned ("Zabihullah Mujahid",
    /// "Tehrik-i-Taliban Pakistan"), in mixed case when there is one.
    pub name: String,
    pub kind: EntityKind,
    /// Every surface form seen, the name first ("TTP", "Mujahid", "KABUL").
    pub aliases: Vec<String>,
    /// Byte ranges into [`Article::body`]: sorted, non-overlapping, on char
    /// boundaries.
    pub mentions: Vec<Range<usize>>,
    /// For each mention, the index in `aliases` of its surface form.
    #[serde(skip)]
    pub forms: Vec<usize>,
}

impl Entity {
    /// How many times the article mentions it.
    pub fn count(&self) -> usize {
        self.mentions.len()
    }

    /// Is `name` (any case) its name or one of its aliases?
    pub fn answers_to(&self, name: &str) -> bool {
        let key = fold::key(name);
        !key.is_empty() && self.aliases.iter().chain([&self.name]).any(|a| fold::key(a) == key)
    }
}

/// Sorts entities as [`extract`] returns them: by kind (people,
/// organizations, places), then by mention count (most first), then by name.
pub fn sort_entities(entities: &mut [Entity]) {
    entities.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.count()), &a.name).cmp(&(b.kind, std::cmp::Reverse(b.count()), &b.name))
    });
}

/// The entities of an article, grouped by kind (people, organizations,
/// places), then by mention count (most first), then by name.
pub fn extract(article: &Article) -> Vec<Entity> {
    let body = article.body.as_str();
    let mut toks = Vec::with_capacity(body.len() / 4);
    let mut paragraphs = Vec::with_capacity(article.paragraphs.len());
    let mut scanned_to = 0;
    for p in &article.paragraphs {
        // Boilerplate is not the article; overlapping ranges would give
        // overlapping mentions.
        if p.kind == ParaKind::Boilerplate || p.range.start < scanned_to {
            continue;
        }
        let Some(text) = body.get(p.range.clone()) else { continue };
        scanned_to = p.range.end;
        let from = toks.len();
        tokenize::tokenize(text, p.range.start, &mut toks);
        paragraphs.push((from..toks.len(), p.kind == ParaKind::Heading));
    }
    let (cx, common) = candidates::Context::new(body, &toks);
    let mut cands = Vec::new();
    for (range, heading) in paragraphs {
        candidates::scan(&cx, range, heading, &mut cands);
    }
    let typed = typing::type_candidates(body, &cands, &common);
    aliases::resolve(body, &toks, &cands, typed, &common)
}
