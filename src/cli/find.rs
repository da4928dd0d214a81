//! `rroom find QUERY`: the finder from the shell.

use serde::Serialize;

use crate::library::Library;
use crate::search::{MatchKind, Query};

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    title: &'a str,
    /// 0..=1, one scale for title and text matches (see [`text_relevance`]).
    score: f64,
    /// "title" (fuzzy match on title, source or dateline) or "text" (words in the body).
    #[serde(rename = "match")]
    matched: &'static str,
    snippet: Option<String>,
    #[serde(skip)]
    index: usize,
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

/// Ranks articles for a query on one 0..1 scale, best first: title, source
/// or dateline matches with every word of the query at a word start; then
/// articles whose text has the words; then matches inside title words. Titles
/// that hold the query's letters only scattered are left out when anything
/// better matched. With `full_text`, only the text search, each result with
/// a snippet. Says how many more matched than were shown, and how many
/// scattered matches were left out.
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
    let articles = library.rows()?;
    let q = Query::parse(query);
    let mut rows: Vec<Row> = Vec::new();
    let mut row_of: Vec<Option<usize>> = vec![None; articles.len()];
    let (mut title_total, mut cut, mut overlap) = (0usize, 0usize, 0usize);
    if !full_text {
        let found = library.find_titles(query)?;
        (title_total, cut) = (found.total, found.cut);
        for hit in found.hits {
            let Some(a) = articles.get(hit.index) else { continue };
            // Does the text search find it too (for the count of all matches)?
            let in_text = hit.kind == MatchKind::Word || library.text_has(hit.index, &q)?;
            overlap += usize::from(in_text);
            row_of[hit.index] = Some(rows.len());
            rows.push(Row {
                id: a.id.as_str(),
                title: &a.title,
                score: hit.relevance,
                matched: "title",
                snippet: None,
                index: hit.index,
            });
        }
    }
    let (text_hits, text_total) = library.full_text(&q, limit)?;
    let best = text_hits.iter().map(|h| h.score).fold(0.0, f64::max);
    for hit in text_hits {
        let score = text_relevance(hit.score, best);
        let Some(slot) = row_of.get(hit.index).copied() else { continue };
        match slot {
            // Found by title already: the better of its two scores.
            Some(r) => {
                if score > rows[r].score {
                    rows[r].score = score;
                    rows[r].matched = "text";
                    rows[r].snippet = Some(hit.snippet);
                }
            }
            None => {
                let a = &articles[hit.index];
                row_of[hit.index] = Some(rows.len());
                rows.push(Row {
                    id: a.id.as_str(),
                    title: &a.title,
                    score,
                    matched: "text",
                    snippet: Some(hit.snippet),
                    index: hit.index,
                });
            }
        }
    }
    rows.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.index.cmp(&b.index)));
    let matched = (title_total + text_total).saturating_sub(overlap).max(rows.len());
    rows.truncate(limit);
    for r in &mut rows {
        r.score = round(r.score);
    }
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
}
