//! Which entity notes an `@name` query is about: the entity looked up as
//! `rroom lookup` does (aliases, transliterations, a surname for the full
//! name), so `@ttp` finds the notes on "Tehrik-e-Taliban Pakistan".

use crate::entities::{CorpusIndex, LookupHit, fold};

use super::model::Note;

/// A lookup hit at least this good names the entity (an exact name or
/// alias, every word of the query, or word prefixes); below it is a mere
/// fuzzy resemblance.
pub const WORD_MATCH: i64 = 2_000_000_000;

/// The lookup hits that name an entity, not merely resemble one.
pub fn named_by(index: &CorpusIndex, query: &str, limit: usize) -> Vec<LookupHit> {
    index.lookup(query, limit).into_iter().filter(|h| h.score >= WORD_MATCH).collect()
}

/// An `@entity` query, resolved once against the corpus index.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityFilter {
    /// The query, folded.
    query: String,
    /// Every name and alias of the entities the query names, folded.
    names: Vec<String>,
}

impl EntityFilter {
    pub fn new(query: &str, index: &CorpusIndex) -> EntityFilter {
        EntityFilter::from_hits(query, index.lookup(query, 8))
    }

    /// The filter for `query` from the lookup hits of it (those that name
    /// an entity count): a library's [`crate::library::Library::resolve_entity`]
    /// answers them without the whole index.
    pub fn from_hits(query: &str, hits: impl IntoIterator<Item = LookupHit>) -> EntityFilter {
        let names = hits
            .into_iter()
            .filter(|h| h.score >= WORD_MATCH)
            .flat_map(|h| std::iter::once(h.name).chain(h.aliases))
            .map(|n| fold::key(&n))
            .filter(|k| !k.is_empty())
            .collect();
        EntityFilter { query: fold::key(query), names }
    }

    /// Whether `note` is an entity note on an entity the query names (by
    /// its name, an alias, or a name containing the query).
    pub fn matches(&self, note: &Note) -> bool {
        let Some(name) = note.entity() else { return false };
        let key = fold::key(name);
        (!self.query.is_empty() && key.contains(&self.query)) || self.names.contains(&key)
    }
}

/// Whether `note` is on the entity `query` names; see [`EntityFilter`]
/// (build one to test many notes).
pub fn matches_entity(note: &Note, query: &str, index: &CorpusIndex) -> bool {
    EntityFilter::new(query, index).matches(note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::entities::Corrections;
    use crate::notes::model::{EntityRef, Target};

    fn entity_note(name: &str) -> Note {
        Note {
            id: 1,
            article: "x".into(),
            target: Target::Entity(EntityRef::named(name)),
            text: "t".into(),
            tags: Vec::new(),
            created: 0,
            updated: 0,
            version: 1,
            deleted: None,
        }
    }

    #[test]
    fn an_alias_finds_the_notes_on_its_entity() {
        let corpus = Corpus::seeds();
        let index = CorpusIndex::build(&corpus.articles, &Corrections::default());
        let hit = named_by(&index, "ttp", 1).into_iter().next().expect("ttp names an entity in the seeds");
        let note = entity_note(&hit.name);
        assert!(matches_entity(&note, "ttp", &index), "{}", hit.name);
        assert!(matches_entity(&note, "TTP", &index));
        assert!(!matches_entity(&note, "muttaqi", &index));
        assert!(!matches_entity(&entity_note("Amir Khan Muttaqi"), "ttp", &index));
        assert!(matches_entity(&entity_note("Amir Khan Muttaqi"), "muttaqi", &index));
    }
}
