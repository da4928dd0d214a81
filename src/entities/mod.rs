//! Entities (people, organizations, places) mentioned in an article.
//!
//! A rule-based pipeline, one stage per module, over the Text and Heading
//! paragraphs of an article (boilerplate is skipped) and its headline and
//! source label when the body does not repeat them:
//!
//! 1. [`tokenize`]: words and punctuation with byte offsets and flags;
//!    [`lines`]: the shape of each line (team lists, scorer and scorecard
//!    lines, results and standings rows, datelines, table words);
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
mod lines;
pub mod sentences;
mod tokenize;
mod typing;

pub use corrections::{Correction, Corrections, extract_with};
pub use index::{CorpusIndex, LookupHit, QueryMatch};

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_newswire;

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
    /// boundaries. Empty when the article names it only in its headline or
    /// source label.
    pub mentions: Vec<Range<usize>>,
    /// For each mention, the index in `aliases` of its surface form.
    #[serde(skip)]
    pub forms: Vec<usize>,
}

impl Entity {
    /// How many times the article mentions it: its mentions in the body,
    /// and at least one (a name only in the headline is named once).
    pub fn count(&self) -> usize {
        self.mentions.len().max(1)
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
///
/// The headline and the source label count when the body does not repeat
/// them (a BBC file's first line, "… Azad News HD"): a name found only there
/// is an entity with no mention in the body.
pub fn extract(article: &Article) -> Vec<Entity> {
    let body = article.body.as_str();
    let front = front_matter(article);
    // The front matter goes after the body, so body offsets stay as they are.
    let text: std::borrow::Cow<str> =
        if front.is_empty() { body.into() } else { format!("{body}\n\n{front}").into() };
    let text = text.as_ref();
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut paragraphs = Vec::with_capacity(article.paragraphs.len() + 1);
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
    if !front.is_empty() {
        let from = toks.len();
        tokenize::tokenize(&text[body.len() + 2..], body.len() + 2, &mut toks);
        paragraphs.push((from..toks.len(), false));
    }
    let (mut cx, common) = candidates::Context::new(text, &toks);
    for (range, _) in &paragraphs {
        cx.mark_lines(range.clone());
    }
    let mut cands = Vec::new();
    for (range, heading) in paragraphs {
        candidates::scan(&cx, range, heading, &mut cands);
    }
    let typed = typing::type_candidates(text, &cands, &common);
    let mut entities = aliases::resolve(text, &toks, &cands, typed, &common);
    if !front.is_empty() {
        for e in &mut entities {
            let keep: Vec<bool> = e.mentions.iter().map(|m| m.end <= body.len()).collect();
            let mut k = keep.iter();
            e.mentions.retain(|_| *k.next().unwrap_or(&false));
            let mut k = keep.iter();
            e.forms.retain(|_| *k.next().unwrap_or(&false));
        }
        sort_entities(&mut entities);
    }
    entities
}

/// The headline and source label when the body does not repeat them
/// (a title taken from the lede's first sentence does not count twice),
/// one per line.
fn front_matter(article: &Article) -> String {
    let head = body_head(&article.body);
    let mut out = String::new();
    for part in [Some(article.title.as_str()), article.source.as_deref()].into_iter().flatten() {
        let probe = part.trim().trim_end_matches(['…', '.']).trim_end();
        // The lede's first letter may have been capitalized for the title.
        let rest = probe.char_indices().nth(1).map_or("", |(i, _)| &probe[i..]);
        if rest.chars().count() < 2 || part == "(untitled)" || head.contains(rest) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(part.trim());
    }
    out
}

/// The start of the body, where a title taken from the lede comes from.
fn body_head(body: &str) -> &str {
    let mut end = body.len().min(4096);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}
