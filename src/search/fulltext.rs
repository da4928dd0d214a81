//! Full-text search over article bodies: every word or phrase of the query
//! must occur (at a word start); results are ranked by a tf-idf score with a
//! bonus for hits in the title, and carry a snippet around the best hit.
//!
//! No inverted index: a SIMD substring search (memchr's memmem) over the
//! folded bodies scans the 9 MB BBC corpus in a few milliseconds per word,
//! which keeps memory flat and start-up instant.

use std::ops::Range;

use memchr::memmem;
use rayon::prelude::*;

use super::fold::Folded;
use super::terms::{self, Query, fold};
use crate::corpus::Article;

/// Folded copies of titles and bodies (case and accents, see
/// [`super::fold`]), built once per corpus.
pub struct BodyIndex {
    titles: Vec<Folded>,
    bodies: Vec<Folded>,
}

/// One full-text result.
#[derive(Debug, Clone, PartialEq)]
pub struct TextHit {
    /// The article's index in the corpus.
    pub index: usize,
    pub score: f64,
    /// The first hit of the rarest part, as a byte range of the body (the
    /// reader scrolls there); `None` when only the title matched.
    pub hit: Option<Range<usize>>,
    /// One line of text around the hit.
    pub snippet: String,
    /// The hits inside the snippet, as byte ranges of `snippet`.
    pub snippet_hits: Vec<Range<usize>>,
}

/// Characters of context on each side of a hit in a snippet.
const CONTEXT: usize = 48;

impl BodyIndex {
    pub fn new(articles: &[Article]) -> BodyIndex {
        let (titles, bodies) = articles.par_iter().map(|a| (fold(&a.title), fold(&a.body))).unzip();
        BodyIndex { titles, bodies }
    }

    pub fn len(&self) -> usize {
        self.bodies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.bodies.is_empty()
    }

    /// Searches all articles; the best `limit` results, best first, and the
    /// number of articles that matched.
    pub fn search(&self, articles: &[Article], query: &Query, limit: usize) -> (Vec<TextHit>, usize) {
        if query.is_empty() || articles.len() != self.bodies.len() {
            return (Vec::new(), 0);
        }
        let needles = query.needles();
        let finders: Vec<memmem::Finder> = needles.iter().map(memmem::Finder::new).collect();
        let hay = |i: usize, title: bool| -> &[u8] {
            match (query.case_sensitive, title) {
                (false, false) => self.bodies[i].as_bytes(),
                (false, true) => self.titles[i].as_bytes(),
                (true, false) => articles[i].body.as_bytes(),
                (true, true) => articles[i].title.as_bytes(),
            }
        };
        // Counts of every part in every article, in one parallel pass: they
        // give both the matches (all parts present) and document frequencies.
        const CAP: usize = 64;
        let counts: Vec<Vec<(usize, usize)>> = (0..articles.len())
            .into_par_iter()
            .map(|i| {
                finders
                    .iter()
                    .map(|f| (terms::count(f, hay(i, false), CAP), terms::count(f, hay(i, true), CAP)))
                    .collect()
            })
            .collect();
        let present = |c: &(usize, usize)| c.0 + c.1 > 0;
        let matches: Vec<(usize, &Vec<(usize, usize)>)> =
            counts.iter().enumerate().filter(|(_, c)| c.iter().all(present)).collect();
        let total = matches.len();
        if total == 0 {
            return (Vec::new(), 0);
        }
        let n = articles.len() as f64;
        let df: Vec<f64> = (0..finders.len())
            .map(|k| counts.iter().filter(|c| present(&c[k])).count().max(1) as f64)
            .collect();
        let idf: Vec<f64> = df.iter().map(|d| (1.0 + n / d).ln()).collect();
        let mut scored: Vec<(usize, f64)> = matches
            .iter()
            .map(|(i, counts)| {
                let words = articles[*i].words.max(1) as f64;
                let score: f64 = counts
                    .iter()
                    .zip(&idf)
                    .map(|(&(b, t), idf)| {
                        let tf = b as f64 / (b as f64 + 1.2 * (0.25 + 0.75 * words / 400.0));
                        idf * (tf + if t > 0 { 1.5 } else { 0.0 })
                    })
                    .sum();
                (*i, score)
            })
            .collect();
        let take = limit.min(scored.len());
        if take == 0 {
            return (Vec::new(), total);
        }
        if take < scored.len() {
            scored.select_nth_unstable_by(take - 1, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(take);
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // The rarest part leads the snippet.
        let lead = (0..needles.len()).min_by(|&a, &b| df[a].total_cmp(&df[b])).unwrap_or(0);
        let hits = scored
            .into_iter()
            .map(|(i, score)| {
                let body = &articles[i].body;
                let hit = terms::first(&finders[lead], hay(i, false)).map(|at| {
                    let r = at..at + needles[lead].len();
                    // A range of the folded body is one of the original.
                    if query.case_sensitive { r } else { self.bodies[i].original_range(r) }
                });
                let (snippet, snippet_hits) = match &hit {
                    Some(r) => snippet(body, r.clone(), query),
                    None => snippet(body, 0..0, query),
                };
                TextHit { index: i, score, hit, snippet, snippet_hits }
            })
            .collect();
        (hits, total)
    }
}

/// One article checked against a query on its own (every part in its
/// text or title, at a word start): its hit and snippet, or `None`. For
/// engines that find candidates elsewhere (the library's FTS5 index) and
/// read only the top articles back. The snippet leads with the first part
/// found in the body.
pub fn hit_in(index: usize, article: &Article, query: &Query, score: f64) -> Option<TextHit> {
    let needles = query.needles();
    if needles.is_empty() {
        return None;
    }
    let folded = (!query.case_sensitive).then(|| (fold(&article.body), fold(&article.title)));
    let (body, title): (&[u8], &[u8]) = match &folded {
        Some((b, t)) => (b.as_bytes(), t.as_bytes()),
        None => (article.body.as_bytes(), article.title.as_bytes()),
    };
    let finders: Vec<memmem::Finder> = needles.iter().map(memmem::Finder::new).collect();
    if !finders.iter().all(|f| terms::count(f, body, 1) + terms::count(f, title, 1) > 0) {
        return None;
    }
    let hit =
        finders.iter().zip(&needles).find_map(|(f, n)| terms::first(f, body).map(|at| at..at + n.len()));
    let hit = hit.map(|r| match &folded {
        Some((b, _)) => b.original_range(r),
        None => r,
    });
    let (snippet, snippet_hits) = snippet(&article.body, hit.clone().unwrap_or(0..0), query);
    Some(TextHit { index, score, hit, snippet, snippet_hits })
}

/// The query as an FTS5 expression over text indexed folded (see
/// [`fts5_text`]) that finds every article [`hit_in`] accepts (and possibly a few more: it is checked after): each part a
/// phrase of its words, the last one a prefix, all parts required. `None`
/// when no part has a word (nothing an index of words can look for).
pub fn fts5_expression(query: &Query) -> Option<String> {
    let mut parts = Vec::new();
    for p in &query.parts {
        let folded = super::fold::fold_str(p);
        let words: Vec<&str> =
            folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return None;
        }
        parts.push(format!("\"{}\"*", words.join(" ")));
    }
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// Text as the full-text index holds it: folded as searches fold it
/// ("Straße" is "strasse"), so an FTS5 index finds what [`hit_in`] accepts.
pub fn fts5_text(text: &str) -> String {
    super::fold::fold_str(text)
}

/// A one-line window of `body` around `hit`, cut at word boundaries, with
/// the query's hits inside it.
pub fn snippet(body: &str, hit: Range<usize>, query: &Query) -> (String, Vec<Range<usize>>) {
    let mut start = hit.start.min(body.len());
    for _ in 0..CONTEXT {
        match body[..start].chars().next_back() {
            Some(c) => start -= c.len_utf8(),
            None => break,
        }
    }
    let mut end = hit.end.min(body.len()).max(start);
    for _ in 0..(CONTEXT * 2).saturating_sub(hit.len().min(CONTEXT)) {
        match body[end..].chars().next() {
            Some(c) => end += c.len_utf8(),
            None => break,
        }
    }
    // Whole words only.
    if start > 0
        && let Some((sp, c)) =
            body[start..hit.start.max(start)].char_indices().find(|(_, c)| c.is_whitespace())
    {
        // Past the whole space character: a no-break or ideographic space
        // is more than one byte.
        start += sp + c.len_utf8();
    }
    if end < body.len()
        && let Some(sp) = body[hit.end.min(end)..end].rfind(char::is_whitespace)
    {
        end = hit.end.min(end) + sp;
    }
    let raw = &body[start..end];
    let mut text = String::with_capacity(raw.len() + 8);
    if start > 0 {
        text.push('…');
    }
    let offset = text.len();
    // Paragraph breaks become spaces: a snippet is one line.
    text.extend(raw.chars().map(|c| if c == '\n' { ' ' } else { c }));
    if end < body.len() {
        text.push('…');
    }
    let hits = terms::find_all(raw, query).into_iter().map(|r| r.start + offset..r.end + offset).collect();
    (text, hits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    #[test]
    fn istanbul_finds_the_two_istanbul_seeds() {
        let corpus = Corpus::seeds();
        let index = BodyIndex::new(&corpus.articles);
        let (hits, total) = index.search(&corpus.articles, &Query::parse("istanbul"), 10);
        assert_eq!(total, 2);
        let found: Vec<usize> = hits.iter().map(|h| h.index).collect();
        assert!(found.contains(&3) && found.contains(&4), "{found:?}");
        for h in &hits {
            assert!(!h.snippet_hits.is_empty(), "{h:?}");
            for r in &h.snippet_hits {
                assert_eq!(h.snippet[r.clone()].to_lowercase(), "istanbul");
            }
            let body = &corpus.articles[h.index].body;
            let r = h.hit.clone().unwrap();
            assert_eq!(body[r].to_lowercase(), "istanbul");
        }
    }

    #[test]
    fn every_part_is_required_and_phrases_match_exactly() {
        let corpus = Corpus::seeds();
        let index = BodyIndex::new(&corpus.articles);
        let (_, both) = index.search(&corpus.articles, &Query::parse("torkham istanbul"), 10);
        assert_eq!(both, 0);
        let (hits, n) = index.search(&corpus.articles, &Query::parse("\"Durand Line\""), 10);
        assert!(n >= 1);
        assert!(hits.iter().all(|h| corpus.articles[h.index].body.contains("Durand Line")));
    }

    #[test]
    fn accents_and_unicode_case_fold_and_hits_are_ranges_of_the_original() {
        let corpus = Corpus::from_bytes(
            "a.txt",
            "Über in Kābul\n\nThe Straße to Kābul was closed. ÜBER drivers left.\n".as_bytes(),
        );
        let index = BodyIndex::new(&corpus.articles);
        for (q, want) in [("über", "ÜBER"), ("kabul", "Kābul"), ("strasse", "Straße"), ("uber", "ÜBER")]
        {
            let (hits, total) = index.search(&corpus.articles, &Query::parse(q), 10);
            assert_eq!(total, 1, "{q}");
            let body = &corpus.articles[0].body;
            let r = hits[0].hit.clone().expect("a hit in the body");
            assert_eq!(&body[r], want, "{q}");
            let h = &hits[0];
            assert!(h.snippet_hits.iter().any(|r| h.snippet[r.clone()] == *want), "{q}: {h:?}");
        }
    }

    #[test]
    fn snippets_cut_after_a_multi_byte_space() {
        // No-break, thin and ideographic spaces are whitespace of 2 or 3 bytes.
        for space in ['\u{a0}', '\u{2009}', '\u{3000}'] {
            let body =
                format!("{}{space}word{space}{}{space}Torkham{space}after", "x".repeat(80), "y".repeat(40));
            let at = body.find("Torkham").unwrap();
            let (s, hits) = snippet(&body, at..at + 7, &Query::parse("torkham"));
            assert_eq!(&s[hits[0].clone()], "Torkham", "{space:?}");
        }
    }

    #[test]
    fn snippets_are_one_line_and_cut_at_words() {
        let body =
            "First paragraph here.\n\nSecond paragraph mentions Torkham crossing and more words after it.";
        let q = Query::parse("torkham");
        let at = body.find("Torkham").unwrap();
        let (s, hits) = snippet(body, at..at + 7, &q);
        assert!(!s.contains('\n'));
        assert_eq!(&s[hits[0].clone()], "Torkham");
    }
}
