//! The analyst's corrections to the extractor: merge two entities, split an
//! alias off, hide a false entity. Stored in the notes store, applied to
//! every article's entities (sidebar, counts, highlights, lookup).
//!
//! Names in a correction match an entity's canonical name or any of its
//! aliases, ignoring case (and dots, whitespace runs and a possessive, as
//! everywhere: see [`fold::key`]).

use std::cmp::Reverse;
use std::ops::Range;

use super::{Entity, extract, fold, sort_entities};
use crate::corpus::Article;

/// One correction.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Correction {
    /// `from` is the same entity as `into`: their mentions and aliases are
    /// united under `into` (an article that names only `from` shows it as
    /// `into`).
    Merge { from: String, into: String },
    /// The mentions of `alias` in the entity `from` are another entity.
    Split { alias: String, from: String },
    /// `name` is not an entity.
    Hide { name: String },
}

impl Correction {
    /// One line for people: `merge "A" into "B"`.
    pub fn describe(&self) -> String {
        match self {
            Correction::Merge { from, into } => format!("merge \"{from}\" into \"{into}\""),
            Correction::Split { alias, from } => format!("split \"{alias}\" off \"{from}\""),
            Correction::Hide { name } => format!("hide \"{name}\""),
        }
    }
}

/// The corrections in force, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    list: Vec<Correction>,
}

impl Corrections {
    pub fn new(list: Vec<Correction>) -> Self {
        Corrections { list }
    }

    pub fn list(&self) -> &[Correction] {
        &self.list
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Applies the corrections, in order, to the entities of one article and
    /// returns them in [`extract`]'s order.
    pub fn apply(&self, entities: Vec<Entity>) -> Vec<Entity> {
        if self.list.is_empty() {
            return entities;
        }
        let mut entities = entities;
        for c in &self.list {
            match c {
                Correction::Merge { from, into } => merge(&mut entities, from, into),
                Correction::Split { alias, from } => split(&mut entities, alias, from),
                Correction::Hide { name } => {
                    let key = fold::key(name);
                    if !key.is_empty() {
                        entities.retain(|e| !answers(e, &key));
                    }
                }
            }
        }
        sort_entities(&mut entities);
        entities
    }
}

/// The entities of an article with the corrections applied.
pub fn extract_with(article: &Article, corrections: &Corrections) -> Vec<Entity> {
    corrections.apply(extract(article))
}

fn answers(e: &Entity, key: &str) -> bool {
    fold::key(&e.name) == key || e.aliases.iter().any(|a| fold::key(a) == key)
}

fn merge(entities: &mut Vec<Entity>, from: &str, into: &str) {
    let (from_key, into_key) = (fold::key(from), fold::key(into));
    if from_key.is_empty() || into_key.is_empty() || from_key == into_key {
        return;
    }
    let target = entities.iter().position(|e| answers(e, &into_key));
    let sources: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            Some(i) != target && answers(&entities[i], &from_key) && !answers(&entities[i], &into_key)
        })
        .collect();
    if sources.is_empty() {
        return;
    }
    let mut taken: Vec<Entity> = Vec::with_capacity(sources.len());
    for &i in sources.iter().rev() {
        taken.push(entities.remove(i));
    }
    taken.reverse();
    let target = target.map(|t| t - sources.iter().filter(|&&s| s < t).count());
    let mut base = match target {
        Some(t) => entities.remove(t),
        None => {
            // Only `from` is in this article: it takes the name it was merged into.
            let mut first = taken.remove(0);
            rename(&mut first, into.trim());
            first
        }
    };
    for e in taken {
        absorb(&mut base, e);
    }
    entities.push(base);
}

/// Gives an entity a new canonical name, keeping the old one as an alias.
fn rename(e: &mut Entity, name: &str) {
    if e.name == name {
        return;
    }
    match e.aliases.iter().position(|a| a == name) {
        Some(i) => {
            let a = e.aliases.remove(i);
            e.aliases.insert(0, a);
            for f in &mut e.forms {
                *f = match *f {
                    x if x == i => 0,
                    x if x < i => x + 1,
                    x => x,
                };
            }
        }
        None => {
            e.aliases.insert(0, name.to_string());
            for f in &mut e.forms {
                *f += 1;
            }
        }
    }
    e.name = name.to_string();
}

/// Adds the mentions and aliases of `other` to `e`.
fn absorb(e: &mut Entity, other: Entity) {
    let mut all: Vec<(Range<usize>, usize)> = e.mentions.drain(..).zip(e.forms.drain(..)).collect();
    for (r, f) in other.mentions.into_iter().zip(other.forms) {
        let alias = other.aliases.get(f).or(other.aliases.first()).unwrap_or(&other.name);
        let index = match e.aliases.iter().position(|a| a == alias) {
            Some(i) => i,
            None => {
                e.aliases.push(alias.clone());
                e.aliases.len() - 1
            }
        };
        all.push((r, index));
    }
    for a in other.aliases {
        if !e.aliases.contains(&a) {
            e.aliases.push(a);
        }
    }
    all.sort_by_key(|(r, _)| (r.start, Reverse(r.end)));
    all.dedup_by(|later, kept| later.0.start < kept.0.end);
    (e.mentions, e.forms) = all.into_iter().unzip();
}

fn split(entities: &mut Vec<Entity>, alias: &str, from: &str) {
    let (alias_key, from_key) = (fold::key(alias), fold::key(from));
    if alias_key.is_empty() || from_key.is_empty() {
        return;
    }
    let mut new = Vec::new();
    for e in entities.iter_mut() {
        if !answers(e, &from_key) || e.aliases.is_empty() || e.forms.len() != e.mentions.len() {
            continue;
        }
        let split_forms: Vec<bool> = e.aliases.iter().map(|a| fold::key(a) == alias_key).collect();
        let moving = e.forms.iter().filter(|&&f| split_forms.get(f).copied().unwrap_or(false)).count();
        if moving == 0 || moving == e.mentions.len() {
            continue;
        }
        let mut kept = (Vec::new(), Vec::new());
        let mut gone: Vec<(Range<usize>, String)> = Vec::new();
        for (r, f) in e.mentions.drain(..).zip(e.forms.drain(..)) {
            if split_forms.get(f).copied().unwrap_or(false) {
                gone.push((r, e.aliases.get(f).cloned().unwrap_or_default()));
            } else {
                kept.0.push(r);
                kept.1.push(f);
            }
        }
        // The entity keeps the aliases it still has mentions of (and its
        // name, unless that is what was split off).
        let old_aliases = std::mem::take(&mut e.aliases);
        let mut aliases: Vec<String> = Vec::new();
        let mut remap = vec![0; old_aliases.len()];
        let mut uses = vec![0usize; old_aliases.len()];
        for &f in &kept.1 {
            uses[f] += 1;
        }
        let name_index = if split_forms[0] {
            (0..old_aliases.len()).filter(|&i| !split_forms[i]).max_by_key(|&i| (uses[i], Reverse(i)))
        } else {
            Some(0)
        };
        if let Some(n) = name_index {
            aliases.push(old_aliases[n].clone());
            remap[n] = 0;
        }
        for (i, a) in old_aliases.iter().enumerate() {
            if Some(i) != name_index && !split_forms[i] {
                remap[i] = aliases.len();
                aliases.push(a.clone());
            }
        }
        e.name = aliases.first().cloned().unwrap_or_default();
        e.aliases = aliases;
        e.mentions = kept.0;
        e.forms = kept.1.into_iter().map(|f| remap[f]).collect();
        // The new entity: its name is the alias as written most often.
        let mut forms: Vec<String> = Vec::new();
        let mut new_forms = Vec::with_capacity(gone.len());
        for (_, a) in &gone {
            let i = forms.iter().position(|f| f == a).unwrap_or_else(|| {
                forms.push(a.clone());
                forms.len() - 1
            });
            new_forms.push(i);
        }
        let mut counts = vec![0usize; forms.len()];
        for &f in &new_forms {
            counts[f] += 1;
        }
        let top = (0..forms.len())
            .max_by_key(|&i| (forms[i].chars().any(char::is_lowercase), counts[i], Reverse(i)));
        let mut entity = Entity {
            name: forms.first().cloned().unwrap_or_default(),
            kind: e.kind,
            aliases: forms,
            mentions: gone.into_iter().map(|(r, _)| r).collect(),
            forms: new_forms,
        };
        if let Some(t) = top {
            let name = entity.aliases[t].clone();
            rename(&mut entity, &name);
        }
        new.push(entity);
    }
    // A split always leaves mentions on both sides (an entity named only in
    // the headline has none and stays).
    entities.extend(new);
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;
    use crate::entities::EntityKind;

    fn entity(name: &str, kind: EntityKind, mentions: &[(usize, &str)]) -> Entity {
        let mut aliases = vec![name.to_string()];
        let mut forms = Vec::new();
        for (_, a) in mentions {
            let i = aliases.iter().position(|x| x == a).unwrap_or_else(|| {
                aliases.push(a.to_string());
                aliases.len() - 1
            });
            forms.push(i);
        }
        let ranges = mentions.iter().map(|(s, a)| *s..*s + a.len()).collect();
        Entity { name: name.into(), kind, aliases, mentions: ranges, forms }
    }

    fn sample() -> Vec<Entity> {
        use EntityKind::*;
        let mut v = vec![
            entity("Zabihullah Mujahid", Person, &[(0, "Zabihullah Mujahid"), (100, "Mujahid")]),
            entity(
                "Tehrik-e-Taliban Pakistan",
                Organization,
                &[(30, "Tehrik-e-Taliban Pakistan"), (200, "TTP")],
            ),
            entity("Tehreek-e-Taleban", Organization, &[(300, "Tehreek-e-Taleban")]),
            entity("Kabul", Place, &[(60, "Kabul"), (400, "KABUL")]),
            entity("Moscow Format", Place, &[(500, "Moscow Format")]),
        ];
        sort_entities(&mut v);
        v
    }

    #[track_caller]
    fn consistent(ents: &[Entity]) {
        for e in ents {
            assert_eq!(e.aliases.first(), Some(&e.name));
            assert_eq!(e.mentions.len(), e.forms.len());
            assert!(e.forms.iter().all(|&f| f < e.aliases.len()));
            assert!(e.mentions.windows(2).all(|w| w[0].end <= w[1].start));
        }
        let mut sorted = ents.to_vec();
        sort_entities(&mut sorted);
        assert_eq!(sorted, ents, "extract() order");
    }

    #[test]
    fn no_corrections_change_nothing() {
        assert_eq!(Corrections::default().apply(sample()), sample());
    }

    #[test]
    fn merge_unites_mentions_and_aliases() {
        let c = Corrections::new(vec![Correction::Merge {
            from: "tehreek-e-taleban".into(),
            into: "TTP".into(),
        }]);
        let ents = c.apply(sample());
        consistent(&ents);
        let ttp: Vec<&Entity> = ents.iter().filter(|e| e.kind == EntityKind::Organization).collect();
        assert_eq!(ttp.len(), 1);
        assert_eq!(ttp[0].name, "Tehrik-e-Taliban Pakistan");
        assert_eq!(ttp[0].aliases, ["Tehrik-e-Taliban Pakistan", "TTP", "Tehreek-e-Taleban"]);
        assert_eq!(ttp[0].mentions, [30..55, 200..203, 300..317]);
        assert_eq!(ttp[0].forms, [0, 1, 2]);
    }

    #[test]
    fn merge_into_a_name_the_article_lacks_renames() {
        let c =
            Corrections::new(vec![Correction::Merge { from: "Moscow Format".into(), into: "Moscow".into() }]);
        let ents = c.apply(sample());
        consistent(&ents);
        let m = ents.iter().find(|e| e.name == "Moscow").unwrap();
        assert_eq!(m.aliases, ["Moscow", "Moscow Format"]);
        assert_eq!(m.forms, [1]);
    }

    #[test]
    fn split_moves_an_alias_to_its_own_entity() {
        let c = Corrections::new(vec![Correction::Split {
            alias: "ttp".into(),
            from: "Tehrik-e-Taliban Pakistan".into(),
        }]);
        let ents = c.apply(sample());
        consistent(&ents);
        let ttp = ents.iter().find(|e| e.name == "TTP").unwrap();
        assert_eq!((ttp.kind, ttp.mentions.as_slice()), (EntityKind::Organization, &[200..203][..]));
        let full = ents.iter().find(|e| e.name == "Tehrik-e-Taliban Pakistan").unwrap();
        assert_eq!(full.aliases, ["Tehrik-e-Taliban Pakistan"]);
        assert_eq!(full.mentions, [30..55]);
        // Splitting the name itself: the rest is named by what is left.
        let c = Corrections::new(vec![Correction::Split {
            alias: "Zabihullah Mujahid".into(),
            from: "mujahid".into(),
        }]);
        let ents = c.apply(sample());
        consistent(&ents);
        assert!(ents.iter().any(|e| e.name == "Mujahid" && e.mentions == [100..107]));
        assert!(ents.iter().any(|e| e.name == "Zabihullah Mujahid" && e.mentions == [0..18]));
        // Splitting every mention off changes nothing.
        let c = Corrections::new(vec![Correction::Split {
            alias: "Moscow Format".into(),
            from: "Moscow Format".into(),
        }]);
        assert_eq!(c.apply(sample()), sample());
    }

    #[test]
    fn hide_drops_by_name_or_alias_any_case() {
        let c = Corrections::new(vec![
            Correction::Hide { name: "kabul".into() },
            Correction::Hide { name: "MUJAHID".into() },
        ]);
        let ents = c.apply(sample());
        consistent(&ents);
        assert!(ents.iter().all(|e| e.name != "Kabul" && e.name != "Zabihullah Mujahid"));
        assert_eq!(ents.len(), 3);
    }

    #[test]
    fn corrections_apply_in_order_and_serialize() {
        let list = vec![
            Correction::Merge { from: "Tehreek-e-Taleban".into(), into: "TTP".into() },
            Correction::Hide { name: "TTP".into() },
        ];
        let ents = Corrections::new(list.clone()).apply(sample());
        assert!(ents.iter().all(|e| e.kind != EntityKind::Organization));
        let json = serde_json::to_string(&list).unwrap();
        assert!(json.contains(r#""kind":"merge""#), "{json}");
        assert_eq!(serde_json::from_str::<Vec<Correction>>(&json).unwrap(), list);
    }
}
