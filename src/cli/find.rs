//! `rroom find QUERY`: the finder from the shell.

use std::collections::HashMap;

use serde::Serialize;

use crate::library::Library;
use crate::search::{MatchKind, Query, TextHit};

#[derive(Serialize)]
struct Row {
    id: String,
    title: String,
    /// 0..=1, one scale for title and text matches (see [`text_relevance`]).
    score: f64,
    /// "title" (fuzzy match on title, source or dateline) or "text" (words in the body).
    #[serde(rename = "match")]
    matched: &'static str,
    snippet: Option<String>,
}

/// A result before its catalog row is read (only the ones shown are).
struct Found {
    index: usize,
    score: f64,
    matched: &'static str,
    snippet: Option<String>,
}

/// A text match's place on the title matches' scale: between matches with
/// every word at a word start of the title (0.7–1) and matches inside title
/// words (0.3–0.5), by its tf-idf score relative to the best one.
fn text_relevance(score: f64, best: f64) -> f64 {
    0.5 + 0.2 * if best > 0.0 { (score / best).clamp(0.0, 1.0) } else { 1.0 }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The text search's query: the query as typed, unless it uses the
/// finder's operators (`'exact`, `^prefix`, `suffix$`, `!not`, `|`), which
/// say what a title must look like: then only titles are searched.
fn text_query(query: &str) -> Option<Query> {
    let operator = |w: &str| w == "|" || w.starts_with(['!', '\'', '^']) || (w.len() > 1 && w.ends_with('$'));
    (!query.split_whitespace().any(operator)).then(|| Query::parse(query))
}

/// Ranks articles for a query on one 0..1 scale, best first: title, source
/// or dateline matches with every word of the query at a word start; then
/// articles whose text has the words; then matches inside title words. Titles
/// that hold the query's letters only scattered are left out when anything
/// better matched. With `full_text`, only the text search, each result with
/// a snippet. Says how many more matched than were shown, and how many
/// scattered matches were left out. A query with the finder's operators
/// searches titles only (see [`text_query`]). Only the catalog rows shown
/// are read.
pub fn run(
    library: &dyn Library,
    query: &str,
    json: bool,
    limit: usize,
    full_text: bool,
) -> anyhow::Result<()> {
    let (query, cut_query) = crate::search::bounded(query);
    if cut_query {
        crate::cli::diag::warn(&format!(
            "the query is long: only its first {} characters are searched",
            crate::search::MAX_QUERY_CHARS
        ));
    }
    let q = if full_text { Some(Query::parse(query)) } else { text_query(query) };
    // Titles and text are searched at once, the text on a second handle
    // when the library has one (over the index; in memory one after the
    // other).
    let second = if full_text || q.is_none() { None } else { library.another() };
    std::thread::scope(|scope| {
        let text = second.map(|other| {
            let q = q.as_ref();
            scope.spawn(move || match q {
                Some(q) => other.full_text(q, limit),
                None => Ok((Vec::new(), 0)),
            })
        });
        let (found, title_total, cut, overlap) = titles_found(library, query, q.as_ref(), full_text)?;
        let text = match text {
            Some(handle) => handle.join().map_err(|_| anyhow::anyhow!("the text search stopped"))??,
            None => match &q {
                Some(q) => library.full_text(q, limit)?,
                None => (Vec::new(), 0),
            },
        };
        show(library, query, found, (title_total, cut, overlap), text, json, limit)
    })
}

/// The title matches (none with `full_text`), each marked found by title,
/// with the count of all title matches, how many were cut, and how many
/// of them the text search finds too.
fn titles_found(
    library: &dyn Library,
    query: &str,
    q: Option<&Query>,
    full_text: bool,
) -> anyhow::Result<(Vec<Found>, usize, usize, usize)> {
    let mut found: Vec<Found> = Vec::new();
    let (mut title_total, mut cut, mut overlap) = (0usize, 0usize, 0usize);
    if !full_text {
        let titles = library.find_titles(query)?;
        (title_total, cut) = (titles.total, titles.cut);
        for hit in titles.hits {
            if hit.index >= library.len() {
                continue;
            }
            // Does the text search find it too (for the count of all matches)?
            if let Some(q) = q {
                let in_text = hit.kind == MatchKind::Word || library.text_has(hit.index, q)?;
                overlap += usize::from(in_text);
            }
            found.push(Found { index: hit.index, score: hit.relevance, matched: "title", snippet: None });
        }
    }
    Ok((found, title_total, cut, overlap))
}

/// Merges the text hits into the title matches and prints the best.
fn show(
    library: &dyn Library,
    query: &str,
    mut found: Vec<Found>,
    (title_total, cut, overlap): (usize, usize, usize),
    (text_hits, text_total): (Vec<TextHit>, usize),
    json: bool,
    limit: usize,
) -> anyhow::Result<()> {
    let mut slot: HashMap<usize, usize> = found.iter().enumerate().map(|(i, f)| (f.index, i)).collect();
    let best = text_hits.iter().map(|h| h.score).fold(0.0, f64::max);
    for hit in text_hits {
        let score = text_relevance(hit.score, best);
        if hit.index >= library.len() {
            continue;
        }
        match slot.get(&hit.index) {
            // Found by title already: the better of its two scores.
            Some(&r) => {
                if score > found[r].score {
                    found[r].score = score;
                    found[r].matched = "text";
                    found[r].snippet = Some(hit.snippet);
                }
            }
            None => {
                slot.insert(hit.index, found.len());
                found.push(Found { index: hit.index, score, matched: "text", snippet: Some(hit.snippet) });
            }
        }
    }
    let order = |a: &Found, b: &Found| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index));
    let take = limit.min(found.len());
    if take > 0 && take < found.len() {
        found.select_nth_unstable_by(take - 1, order);
    }
    found.truncate(take);
    found.sort_by(order);
    let matched = (title_total + text_total).saturating_sub(overlap).max(found.len());
    let catalog = library.rows_of(&found.iter().map(|f| f.index).collect::<Vec<_>>())?;
    let rows: Vec<Row> = found
        .into_iter()
        .zip(catalog)
        .map(|(f, a)| Row {
            id: a.id.as_str().to_string(),
            title: a.title,
            score: round(f.score),
            matched: f.matched,
            snippet: f.snippet,
        })
        .collect();
    let more = matched - rows.len();
    if json {
        let mut text = serde_json::to_string_pretty(&serde_json::json!({
            "results": rows,
            "total": matched,
            "more": more,
            "scattered_left_out": cut,
        }))?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = String::new();
    for (i, r) in rows.iter().enumerate() {
        text.push_str(&format!("{:>3}  {}  {:>5.3}  {}\n", i + 1, r.id, r.score, r.title));
        if let Some(s) = &r.snippet {
            text.push_str(&format!("{:>22}{s}\n", ""));
        }
    }
    if more > 0 {
        text.push_str(&format!("{more} more (--limit {matched} shows them all)\n"));
    }
    if cut > 0 {
        let what = crate::text::count_as(cut, "title", "titles");
        text.push_str(&format!("{what} with the letters only scattered left out\n"));
    }
    if rows.is_empty() {
        crate::cli::diag::warn(&format!("nothing matches '{}'", crate::text::truncate(query, 60)));
    }
    super::emit(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_scores_fall_between_word_and_inside_title_matches() {
        assert_eq!(text_relevance(3.0, 3.0), 0.7);
        assert_eq!(text_relevance(0.0, 3.0), 0.5);
        assert_eq!(text_relevance(1.0, 0.0), 0.7);
    }

    #[test]
    fn queries_with_the_finders_operators_search_titles_only() {
        let parts = |q: &str| text_query(q).map(|q| q.parts);
        assert_eq!(parts("kabul talks"), Some(vec!["kabul".into(), "talks".into()]));
        assert_eq!(parts("\"border crossing\" kabul"), Some(vec!["border crossing".into(), "kabul".into()]));
        assert_eq!(parts("costs $ 5"), Some(vec!["costs".into(), "$".into(), "5".into()]));
        for q in ["'kabul", "^kabul", "talks$", "talks !kabul", "kabul | doha"] {
            assert_eq!(parts(q), None, "{q}");
        }
    }
}
