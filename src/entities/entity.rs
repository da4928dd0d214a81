//! One entity from the mentions merged into it: its canonical name, its
//! kind, its aliases and where each is mentioned (the end of stage 4).

use std::cmp::Reverse;
use std::ops::Range;

use super::Entity;
use super::aliases::Mention;
use super::gazetteer::FastMap;
use super::typing::Typed;

/// The text of a mention, whitespace collapsed.
fn form(body: &str, r: &Range<usize>) -> String {
    let text = body.get(r.clone()).unwrap_or("");
    if text.chars().all(|c| c == ' ' || !c.is_whitespace()) {
        text.to_string()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The entity of a group of mentions: the canonical surface is the fullest
/// name, then the most used, then the first.
pub(super) fn entity(body: &str, typed: &Typed, mut ms: Vec<Mention>) -> Option<Entity> {
    ms.sort_by_key(|m| (m.range.start, Reverse(m.range.end)));
    ms.dedup_by(|later, kept| later.range.start < kept.range.end);
    // The canonical surface: the fullest name, then the most used, then the first.
    let mut uses: FastMap<usize, usize> = FastMap::default();
    for m in &ms {
        *uses.entry(m.surface).or_default() += 1;
    }
    let canonical = *uses.keys().max_by_key(|&&s| {
        let sf = &typed.surfaces[s];
        (sf.parts(), uses[&s], Reverse(sf.first), Reverse(s))
    })?;
    let kind = typed.surfaces[canonical].kind?;
    // Its display form: mixed case over all capitals, then the most used.
    let mut forms: Vec<(String, usize, usize)> = Vec::new(); // (form, uses as canonical, first)
    let mut index: FastMap<String, usize> = FastMap::default();
    let mut form_of: Vec<usize> = Vec::with_capacity(ms.len());
    for m in &ms {
        let f = form(body, &m.range);
        let i = *index.entry(f).or_insert_with_key(|f| {
            forms.push((f.clone(), 0, m.range.start));
            forms.len() - 1
        });
        forms[i].1 += usize::from(m.surface == canonical);
        form_of.push(i);
    }
    let name = forms
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .max_by_key(|(f, n, first)| (f.chars().any(char::is_lowercase), *n, Reverse(*first)))?
        .0
        .clone();
    // The name first, the other forms in order of appearance.
    let mut position = vec![0; forms.len()];
    let mut aliases = vec![name.clone()];
    for (i, (f, _, _)) in forms.into_iter().enumerate() {
        if f != name {
            position[i] = aliases.len();
            aliases.push(f);
        }
    }
    let forms = form_of.into_iter().map(|i| position[i]).collect();
    Some(Entity { name, kind, aliases, mentions: ms.into_iter().map(|m| m.range).collect(), forms })
}
