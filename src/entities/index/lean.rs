//! Every article's entities as grouping them needs them, and nothing more:
//! each distinct name or alias once (members refer to it by number), each
//! distinct surface (kind, name, aliases) once with its keys computed
//! once, and per (article, entity) only its surface, its mention count
//! and how often each alias is used. No mention ranges, no per-member key
//! strings: a few bytes an occurrence instead of hundreds, so a corpus of
//! a million articles groups in a fraction of the memory.
//!
//! Both the in-memory index ([`super::CorpusIndex::from_entities`]) and
//! the library's stored table (`crate::library`, which streams the
//! articles in) fill one of these and group it with [`super::group`], so
//! the two cannot drift.

use super::super::gazetteer::FastMap;
use super::super::{Entity, EntityKind, fold};

/// One distinct name or alias.
#[derive(Debug)]
pub(super) struct Text {
    pub(super) text: Box<str>,
    /// Its folded key ([`fold::key`]).
    pub(super) key: Box<str>,
    /// The id of its variant key ([`fold::variant_of_key`] of `key`).
    pub(super) variant: u32,
}

/// One distinct (kind, name, aliases) of some article's entity.
#[derive(Debug)]
pub(super) struct Surface {
    pub(super) kind: EntityKind,
    pub(super) name: u32,
    pub(super) aliases: Box<[u32]>,
    /// Variant key ids of the name and aliases, once each, the name's
    /// first, and does each identify the entity (not a short form)?
    pub(super) keys: Box<[(u32, bool)]>,
}

/// One (article, entity): its surface and how many times it is mentioned.
#[derive(Debug, Clone, Copy)]
pub(super) struct Member {
    pub(super) surface: u32,
    pub(super) count: u32,
}

/// Every article's entities, interned (see the module's documentation).
/// Filled an article at a time with [`LeanEntities::push_article`].
#[derive(Debug, Default)]
pub struct LeanEntities {
    pub(super) texts: Vec<Text>,
    text_ids: FastMap<Box<str>, u32>,
    /// Distinct variant keys.
    pub(super) variants: Vec<Box<str>>,
    variant_ids: FastMap<Box<str>, u32>,
    pub(super) surfaces: Vec<Surface>,
    /// [kind, name, aliases...] of each surface → its id.
    surface_ids: FastMap<Box<[u32]>, u32>,
    pub(super) members: Vec<Member>,
    /// Per member, per alias of its surface, in order: the uses of that
    /// alias (how many mentions use it, at least one).
    pub(super) uses: Vec<u32>,
    /// Per article, the end of its members in `members`.
    pub(super) ends: Vec<usize>,
    /// Scratch for a surface's signature.
    scratch: Vec<u32>,
}

/// One article's entities as [`LeanEntities`] takes them: their names and
/// aliases in one string, the rest in one vector. Made from the decoded
/// entities where they were decoded (in parallel), so that the many small
/// allocations of `Entity` values are freed by the thread that made them
/// and only two cross to the one that interns.
#[derive(Debug, Default)]
pub struct ArticleSurfaces {
    text: String,
    /// Per entity: kind, mention count, number of aliases, the end of its
    /// name in `text`, the end of each alias, the uses of each alias.
    nums: Vec<u32>,
}

/// One entity of an [`ArticleSurfaces`].
struct EntitySurface<'a> {
    kind: EntityKind,
    count: u32,
    name: &'a str,
    aliases: Pieces<'a>,
    uses: &'a [u32],
}

/// Consecutive pieces of a text, by their ends.
#[derive(Clone)]
struct Pieces<'a> {
    text: &'a str,
    start: usize,
    ends: std::slice::Iter<'a, u32>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let end = *self.ends.next()? as usize;
        let piece = self.text.get(self.start..end).unwrap_or_default();
        self.start = end;
        Some(piece)
    }
}

impl ArticleSurfaces {
    /// The compact form of one article's entities.
    pub fn of(entities: &[Entity]) -> ArticleSurfaces {
        let mut text = String::new();
        let mut nums = Vec::new();
        for e in entities {
            nums.extend([kind_code(e.kind), e.count().min(u32::MAX as usize) as u32, e.aliases.len() as u32]);
            text.push_str(&e.name);
            nums.push(text.len() as u32);
            for alias in &e.aliases {
                text.push_str(alias);
                nums.push(text.len() as u32);
            }
            // How many mentions use each alias, at least one.
            let at = nums.len();
            nums.resize(at + e.aliases.len(), 0);
            for &f in &e.forms {
                if let Some(c) = nums[at..].get_mut(f) {
                    *c += 1;
                }
            }
            for c in &mut nums[at..] {
                *c = (*c).max(1);
            }
        }
        text.shrink_to_fit();
        nums.shrink_to_fit();
        ArticleSurfaces { text, nums }
    }

    fn entities(&self) -> impl Iterator<Item = EntitySurface<'_>> {
        let (mut at, mut start) = (0, 0);
        std::iter::from_fn(move || {
            let &[kind, count, n, name_end] = self.nums.get(at..at + 4)? else { return None };
            let n = n as usize;
            let ends = self.nums.get(at + 4..at + 4 + n)?;
            let uses = self.nums.get(at + 4 + n..at + 4 + 2 * n)?;
            let name = self.text.get(start..name_end as usize)?;
            let aliases = Pieces { text: &self.text, start: name_end as usize, ends: ends.iter() };
            start = ends.last().map_or(name_end as usize, |&e| e as usize);
            at += 4 + 2 * n;
            Some(EntitySurface { kind: kind_of(kind), count, name, aliases, uses })
        })
    }
}

fn kind_of(code: u32) -> EntityKind {
    match code {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        _ => EntityKind::Place,
    }
}

fn kind_code(kind: EntityKind) -> u32 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
    }
}

/// Is `alias` only part of `name` (a short form: "Mujahid" of "Zabihullah
/// Mujahid")? Such aliases identify an entity within one article only.
pub(super) fn is_short_form(name_key: &str, alias_key: &str) -> bool {
    let name_words: Vec<&str> = name_key.split(' ').collect();
    alias_key != name_key && alias_key.split(' ').all(|w| name_words.contains(&w))
}

impl LeanEntities {
    /// How many articles were pushed.
    pub fn articles(&self) -> usize {
        self.ends.len()
    }

    /// The members of article `a`.
    pub(super) fn range(&self, a: usize) -> std::ops::Range<usize> {
        let start = if a == 0 { 0 } else { self.ends[a - 1] };
        start..self.ends[a]
    }

    fn text(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.text_ids.get(s) {
            return id;
        }
        let key = fold::key(s);
        let variant = fold::variant_of_key(&key);
        let variant = match self.variant_ids.get(variant.as_str()) {
            Some(&v) => v,
            None => {
                let v = self.variants.len() as u32;
                self.variants.push(variant.clone().into());
                self.variant_ids.insert(variant.into(), v);
                v
            }
        };
        let id = self.texts.len() as u32;
        self.texts.push(Text { text: s.into(), key: key.into(), variant });
        self.text_ids.insert(s.into(), id);
        id
    }

    /// The id of the surface (kind, name, aliases), its keys computed
    /// the first time it is seen.
    fn surface(
        &mut self,
        kind: EntityKind,
        name: &str,
        aliases: impl Iterator<Item = impl AsRef<str>>,
    ) -> u32 {
        let mut sig = std::mem::take(&mut self.scratch);
        sig.clear();
        sig.push(kind_code(kind));
        sig.push(self.text(name));
        for alias in aliases {
            let id = self.text(alias.as_ref());
            sig.push(id);
        }
        let id = match self.surface_ids.get(sig.as_slice()) {
            Some(&id) => id,
            None => {
                let id = self.surfaces.len() as u32;
                let (name, aliases) = (sig[1], sig[2..].to_vec().into_boxed_slice());
                let name_key = &self.texts[name as usize].key;
                let mut keys: Vec<(u32, bool)> = vec![(self.texts[name as usize].variant, true)];
                for &alias in aliases.iter().skip(1) {
                    let t = &self.texts[alias as usize];
                    if !keys.iter().any(|(v, _)| *v == t.variant) {
                        keys.push((t.variant, !is_short_form(name_key, &t.key)));
                    }
                }
                self.surfaces.push(Surface { kind, name, aliases, keys: keys.into() });
                self.surface_ids.insert(sig.as_slice().into(), id);
                id
            }
        };
        self.scratch = sig;
        id
    }

    /// Adds the next article's entities.
    pub fn push_article(&mut self, entities: &[Entity]) {
        self.push(&ArticleSurfaces::of(entities));
    }

    /// Adds the next article's entities, made compact ([`ArticleSurfaces`]).
    pub fn push(&mut self, article: &ArticleSurfaces) {
        for e in article.entities() {
            let surface = self.surface(e.kind, e.name, e.aliases.clone());
            self.members.push(Member { surface, count: e.count });
            self.uses.extend_from_slice(e.uses);
        }
        self.ends.push(self.members.len());
    }

    /// Drops what only filling needs (the lookup maps), before grouping.
    pub(super) fn done_filling(&mut self) {
        self.text_ids = FastMap::default();
        self.variant_ids = FastMap::default();
        self.surface_ids = FastMap::default();
        self.scratch = Vec::new();
        self.members.shrink_to_fit();
        self.uses.shrink_to_fit();
    }
}
