//! What typing left open: candidates resolved by the names the article
//! already knows (typed names, then their unambiguous short forms), found
//! inside them longest first.

use super::*;

/// Everything a candidate can be resolved to: typed names, then short forms.
pub(super) fn known_names(
    typed: &Typed,
    common: &FastSet<&str>,
    uf: &mut UnionFind,
) -> FastMap<String, Target> {
    let mut known: FastMap<String, Target> = FastMap::default();
    let mut short: FastMap<String, Target> = FastMap::default();
    let mut add = |key: String, s: usize, uf: &mut UnionFind| {
        let t = short.entry(key).or_insert(Target::Name(s));
        if let Target::Name(o) = *t
            && uf.find(o) != uf.find(s)
        {
            *t = Target::Ambiguous;
        }
    };
    for (s, surface) in typed.surfaces.iter().enumerate() {
        let Some(kind) = surface.kind else { continue };
        known.insert(surface.key.clone(), Target::Name(s));
        let ws = words(&surface.key);
        match kind {
            EntityKind::Person if ws.len() >= 2 && ws.len() <= 4 => {
                for len in 1..ws.len() {
                    for sub in ws.windows(len) {
                        let edges_ok = is_name_part(sub[0]) && is_name_part(sub[len - 1]);
                        if edges_ok {
                            add(sub.join(" "), s, uf);
                        }
                    }
                }
            }
            EntityKind::Organization if ws.len() >= 2 && !surface.acronym => {
                for short in org_short_forms(&surface.key, common) {
                    add(short.to_string(), s, uf);
                }
            }
            _ => {}
        }
    }
    for (k, t) in short {
        known.entry(k).or_insert(t);
    }
    known
}

/// Finds known names inside a candidate typing could not resolve, longest
/// first from each word on.
#[allow(clippy::too_many_arguments)]
pub(super) fn search(
    body: &str,
    toks: &[Token],
    c: &Candidate,
    known: &FastMap<String, Target>,
    common: &FastSet<&str>,
    typed: &mut Typed,
    uf: &mut UnionFind,
    mentions: &mut Vec<Mention>,
) {
    let Some(span) = toks.get(c.first..c.last) else { return };
    let ws: Vec<&Token> = span.iter().filter(|t| t.is_word()).collect();
    let mut key = String::new();
    let is_connector = |t: &Token, buf: &mut String| {
        t.is(LOWER) && {
            gz::normalize_into(t.text(body), buf);
            gz::is_connector(buf)
        }
    };
    // (first word, last word, kind, typed surface it names, key)
    let mut hits: Vec<(usize, usize, EntityKind, Option<usize>, String)> = Vec::new();
    let mut s = 0;
    while s < ws.len() {
        let mut found = None;
        if !is_connector(ws[s], &mut key) {
            for e in (s..ws.len().min(s + MAX_NAME_WORDS)).rev() {
                if is_connector(ws[e], &mut key) {
                    continue;
                }
                gz::normalize_into(body.get(ws[s].start..ws[e].end).unwrap_or(""), &mut key);
                // "La" of "La Scala" is not "LA".
                if s == e && gz::is_connector(&key) && !ws[s].is(UPPER) {
                    continue;
                }
                let hit = match known.get(key.as_str()) {
                    Some(&Target::Name(t)) => typed.surfaces[t].kind.map(|k| (k, Some(t))),
                    Some(Target::Ambiguous) => None,
                    None if PLACES.contains(key.as_str()) => Some((EntityKind::Place, None)),
                    None if ORGANIZATIONS.contains(key.as_str()) => Some((EntityKind::Organization, None)),
                    None => None,
                };
                if let Some(hit) = hit {
                    found = Some((e, hit));
                    break;
                }
            }
        }
        let Some((e, (kind, target))) = found else {
            s += 1;
            continue;
        };
        hits.push((s, e, kind, target, key.clone()));
        s = e + 1;
    }
    if hits.is_empty() {
        return;
    }
    let n = ws.len();
    if !c.heading && n >= 2 {
        // "Moscow Format", "Paris Hilton": a name ending in a word nothing
        // explains is the name of something else, not a mention of Moscow.
        let last_covered = hits.last().is_some_and(|h| h.1 == n - 1);
        gz::normalize_into(ws[n - 1].text(body), &mut key);
        let ordinary =
            common.contains(key.as_str()) || STOPWORDS.contains(key.as_str()) || gz::is_connector(&key);
        // …but "Chevrolet Avalanche", "Sony PlayStation": a company's
        // name before its product's is a mention of the company.
        // ("FA Cup" and "MGM Grand" are an event and a hotel.)
        let thing = typing::EVENT_HEADS.contains(&key.as_str())
            || gz::NOT_NAMES.contains(key.as_str())
            || gz::PLACE_WORDS.contains(key.as_str());
        let brand = matches!(hits[..], [(0, _, EntityKind::Organization, _, _)]) && n == 2 && !thing;
        if !last_covered && !ordinary && !brand {
            return;
        }
        // "Nottingham Forest": a place, then the organization named after it.
        if let [(0, pe, EntityKind::Place, _, _), (os, oe, EntityKind::Organization, Some(org), _)] = hits[..]
            && os == pe + 1
            && oe == n - 1
            && !typed.surfaces[org].acronym
            && !ORGANIZATIONS.contains(typed.surfaces[org].key.as_str())
        {
            gz::normalize_into(body.get(ws[0].start..ws[n - 1].end).unwrap_or(""), &mut key);
            hits = vec![(0, n - 1, EntityKind::Organization, Some(org), key.clone())];
        }
    }
    for (s, e, kind, target, key) in hits {
        let surface = typed.surface(&key, ws[s].start);
        uf.grow(typed.surfaces.len());
        typed.surfaces[surface].kind = Some(kind);
        if let Some(t) = target {
            uf.union(surface, t);
        }
        mentions.push(Mention { range: ws[s].start..ws[e].end, surface });
    }
}
