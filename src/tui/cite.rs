//! Citations (`y`): the passage selected, or the article, with its title,
//! source, date and URL, as one line for the clipboard. Everything in it
//! comes from the article, so every part is made one clean line (no
//! control characters: the copy must carry no escapes of its own).

use crate::corpus::Article;
use crate::corpus::sanitize::sanitize_label;
use crate::tui::reader::clean_url;

/// The citation of `article`, quoting `quote` if there is one.
pub fn citation(article: &Article, quote: Option<&str>) -> String {
    let mut out = String::new();
    if let Some(q) = quote.map(sanitize_label).filter(|q| !q.is_empty()) {
        out.push_str(&format!("“{q}” — "));
    }
    out.push_str(&sanitize_label(&article.title));
    let date = article.published.as_deref().or(article.dateline.as_deref());
    for part in [article.source_or_section(), date].into_iter().flatten() {
        let part = sanitize_label(part);
        if !part.is_empty() {
            out.push_str(", ");
            out.push_str(&part);
        }
    }
    if let Some(url) = article.url.as_deref().map(clean_url).filter(|u| !u.is_empty()) {
        out.push_str(&format!(". {url}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let mut a = crate::corpus::Corpus::seeds().articles.swap_remove(0);
        a.title = "Talks \u{1b}]52;c;AAAA\u{7}resume".into();
        a.source = Some("Dawn".into());
        a.published = Some("2024-03-01".into());
        a.url = Some(" https://example.org/a?b=1\n".into());
        a
    }

    #[test]
    fn a_citation_has_the_date_and_url_and_no_escapes() {
        let c = citation(&article(), Some("the  border\nreopened"));
        assert!(c.starts_with("“the border reopened” — Talks "), "{c}");
        assert!(c.ends_with(", Dawn, 2024-03-01. https://example.org/a?b=1"), "{c}");
        assert!(!c.chars().any(char::is_control), "{c:?}");
        let whole = citation(&article(), None);
        assert!(whole.starts_with("Talks "), "{whole}");
    }
}
