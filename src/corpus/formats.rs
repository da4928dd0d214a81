//! Readers for each file format: they turn decoded text into raw articles
//! (blocks plus whatever metadata the format carries). Nothing here is
//! sanitized yet; [`super::article`] does that for every field.

use super::sanitize::split_lines;
use super::structure::{Block, blocks_from_lines};

/// An article as a format reader sees it, before titles, classification and
/// sanitizing.
#[derive(Debug, Clone, Default)]
pub struct RawArticle {
    /// A title the format states (HTML `<title>`, JSONL `title`).
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub blocks: Vec<Block>,
    /// Whether the first block may be a headline line (plain text, Markdown
    /// without an H1 are checked; formats with a stated title are not).
    pub headline_allowed: bool,
    /// For JSONL: the line number in the file.
    pub line: Option<usize>,
}

/// The file formats rroom reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl Format {
    /// The format for a file name's extension (case-insensitive), if known.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// Plain text: lines grouped into paragraphs.
pub fn read_text(text: &str) -> RawArticle {
    let lines = split_lines(text);
    RawArticle { blocks: blocks_from_lines(&lines), headline_allowed: true, ..Default::default() }
}

/// Markdown, through pulldown-cmark: headings, paragraphs, list items and
/// code blocks become blocks; inline markup is reduced to its text.
/// Front matter at the start (see [`super::front_matter`]) gives the title,
/// date, source and url.
pub fn read_markdown(text: &str) -> RawArticle {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let matter = super::front_matter::split(text);
    let text = matter.as_ref().map_or(text, |m| m.rest);
    let mut blocks: Vec<Block> = Vec::new();
    let mut buf = String::new();
    let mut heading = false;
    let mut first_is_h1 = false;
    let flush = |buf: &mut String, heading: bool, blocks: &mut Vec<Block>| {
        let text = buf.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            blocks.push(Block { text, heading, alone: true });
        }
        buf.clear();
    };
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut buf, heading, &mut blocks);
                heading = true;
                if blocks.is_empty() && level == HeadingLevel::H1 {
                    first_is_h1 = true;
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut buf, true, &mut blocks);
                heading = false;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::CodeBlock(_) | Tag::BlockQuote(_))
            | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => {
                flush(&mut buf, heading, &mut blocks);
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, heading, &mut blocks);
    let mut raw = RawArticle { headline_allowed: true, ..Default::default() };
    if first_is_h1 && !blocks.is_empty() {
        raw.title = Some(blocks.remove(0).text);
        raw.headline_allowed = false;
    }
    raw.blocks = blocks;
    if let Some(m) = matter {
        if m.title.is_some() {
            // The stated title wins; a leading H1 that repeats it goes.
            if raw.title != m.title
                && let Some(h1) = raw.title.take()
            {
                raw.blocks.insert(0, Block { text: h1, heading: true, alone: true });
            }
            raw.title = m.title;
            raw.headline_allowed = false;
        }
        (raw.published, raw.source, raw.url) = (m.published, m.source, m.url);
    }
    raw
}

/// HTML, through scraper (html5ever): the readable blocks of the page
/// (headings, paragraphs, list items, quotes, preformatted text) outside
/// scripts, styles, navigation, headers, footers, asides and forms.
pub fn read_html(text: &str) -> RawArticle {
    use scraper::{ElementRef, Html, Selector};
    // Absurd nesting would make the tree builder quadratic: flatten it first.
    let text = super::nesting::cap_nesting(text, super::nesting::MAX_HTML_DEPTH);
    let doc = Html::parse_document(&text);
    let sel = |s: &str| Selector::parse(s).ok();
    let first_text = |s: &str| -> Option<String> {
        let sel = sel(s)?;
        let el = doc.select(&sel).next()?;
        let t = el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
        (!t.is_empty()).then_some(t)
    };
    let meta = |s: &str| -> Option<String> {
        let sel = sel(s)?;
        let el = doc.select(&sel).next()?;
        el.value().attr("content").map(|c| c.trim().to_string()).filter(|c| !c.is_empty())
    };
    let h1 = first_text("h1");
    let title = meta("meta[property='og:title']").or_else(|| first_text("title")).or_else(|| h1.clone());
    let source = meta("meta[property='og:site_name']");
    let url = meta("meta[property='og:url']");
    let published = published_in_html(&doc, &meta);

    const BLOCKS: &str = "h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dd, dt, figcaption";
    const SKIP: &[&str] = &[
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "head",
    ];
    let is_block = |name: &str| {
        matches!(
            name,
            "h1" | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "p"
                | "li"
                | "pre"
                | "blockquote"
                | "dd"
                | "dt"
                | "figcaption"
        )
    };
    let mut blocks = Vec::new();
    if let Some(block_sel) = sel(BLOCKS) {
        'elements: for el in doc.select(&block_sel) {
            for anc in el.ancestors().filter_map(ElementRef::wrap) {
                let name = anc.value().name();
                if is_block(name) || SKIP.contains(&name) {
                    continue 'elements;
                }
            }
            let text = el.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            let heading = matches!(el.value().name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            blocks.push(Block { text, heading, alone: true });
        }
    }
    if blocks.is_empty() {
        // No block markup: fall back to the text of the body, line by line.
        if let Some(body_sel) = sel("body")
            && let Some(body) = doc.select(&body_sel).next()
        {
            let text: String = body.text().collect();
            blocks = blocks_from_lines(&split_lines(&text));
        }
    }
    // Drop the H1 when it repeats the title.
    if let (Some(first), Some(h1)) = (blocks.first(), h1.as_ref())
        && first.heading
        && &first.text == h1
        && title.as_ref().is_some_and(|t| t.contains(h1.as_str()) || h1.contains(t.as_str()))
    {
        blocks.remove(0);
    }
    RawArticle { headline_allowed: title.is_none(), title, source, url, published, blocks, line: None }
}

/// The publication date a page states: `article:published_time` and its
/// kin in `<meta>`, JSON-LD `datePublished`, then the first `<time datetime>`
/// (one marked `pubdate` first).
fn published_in_html(doc: &scraper::Html, meta: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    use scraper::Selector;
    let from_meta = [
        "meta[property='article:published_time']",
        "meta[name='article:published_time']",
        "meta[itemprop='datePublished']",
        "meta[property='og:published_time']",
        "meta[name='pubdate']",
        "meta[name='date']",
        "meta[name='dc.date']",
        "meta[name='DC.date']",
    ]
    .iter()
    .find_map(|s| meta(s));
    if from_meta.is_some() {
        return from_meta;
    }
    if let Ok(sel) = Selector::parse("script[type='application/ld+json']") {
        for script in doc.select(&sel) {
            let text: String = script.text().collect();
            if text.len() > 1 << 20 {
                continue;
            }
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text)
                && let Some(date) = json_ld_date(&value, 0)
            {
                return Some(date);
            }
        }
    }
    for s in ["time[pubdate][datetime]", "article time[datetime]", "time[datetime]"] {
        let Ok(sel) = Selector::parse(s) else { continue };
        if let Some(t) = doc.select(&sel).next().and_then(|el| el.value().attr("datetime")) {
            let t = t.trim();
            if !t.is_empty() {
                return Some(t.to_string());
            }
        }
    }
    None
}

/// `datePublished` anywhere in a JSON-LD value (an object, an array, a
/// `@graph`), depth-limited.
fn json_ld_date(value: &serde_json::Value, depth: usize) -> Option<String> {
    use serde_json::Value;
    if depth > 8 {
        return None;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(d)) = map.get("datePublished")
                && !d.trim().is_empty()
            {
                return Some(d.trim().to_string());
            }
            map.values().find_map(|v| json_ld_date(v, depth + 1))
        }
        Value::Array(items) => items.iter().find_map(|v| json_ld_date(v, depth + 1)),
        _ => None,
    }
}

/// One line of a JSONL file.
#[derive(serde::Deserialize)]
struct JsonArticle {
    title: Option<String>,
    body: Option<String>,
    text: Option<String>,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// One line of a JSONL file: `Ok(None)` for a blank line, `Err` with a
/// message naming the line for a bad one.
pub fn read_jsonl_line(number: usize, line: &str) -> Result<Option<RawArticle>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let j = serde_json::from_str::<JsonArticle>(line)
        .map_err(|e| format!("line {number}: not a JSON article ({e}), skipped"))?;
    let Some(body) = j.body.or(j.text) else {
        return Err(format!("line {number}: no \"body\" or \"text\" field, skipped"));
    };
    let lines = split_lines(&body);
    Ok(Some(RawArticle {
        headline_allowed: j.title.is_none(),
        title: j.title.filter(|t| !t.trim().is_empty()),
        source: j.source,
        url: j.url,
        published: j.published,
        blocks: blocks_from_lines(&lines),
        line: Some(number),
    }))
}

/// JSONL: one article per line. Bad lines are reported with their number and
/// skipped; the others load.
pub fn read_jsonl(text: &str) -> (Vec<RawArticle>, Vec<String>) {
    let mut articles = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match read_jsonl_line(i + 1, line) {
            Ok(Some(raw)) => articles.push(raw),
            Ok(None) => {}
            Err(p) => problems.push(p),
        }
    }
    (articles, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_title_and_blocks() {
        let raw = read_markdown(
            "# The Title\n\nFirst *para*\nwrapped.\n\n## Section\n\n- item one\n- item `two`\n",
        );
        assert_eq!(raw.title.as_deref(), Some("The Title"));
        let texts: Vec<_> = raw.blocks.iter().map(|b| (b.text.as_str(), b.heading)).collect();
        assert_eq!(
            texts,
            vec![("First para wrapped.", false), ("Section", true), ("item one", false), ("item two", false)]
        );
    }

    #[test]
    fn html_readable_blocks() {
        let raw = read_html(
            "<html><head><title>Talks &amp; more</title><script>var x='<p>no</p>';</script></head>\
             <body><nav><p>Menu</p></nav><h1>Talks &amp; more</h1><p>Hello <b>world</b>.</p>\
             <ul><li><p>nested</p></li></ul><footer><p>(c)</p></footer></body></html>",
        );
        assert_eq!(raw.title.as_deref(), Some("Talks & more"));
        let texts: Vec<_> = raw.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Hello world.", "nested"]);
    }

    #[test]
    fn html_entities_decode_to_controls_for_the_sanitizer() {
        let raw = read_html("<p>a&#27;[2Jb</p>");
        assert_eq!(raw.blocks[0].text, "a\u{1b}[2Jb");
    }

    #[test]
    fn html_publication_dates() {
        let page = |head: &str, body: &str| {
            read_html(&format!("<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")).published
        };
        let meta = "<meta property='article:published_time' content='2025-03-07T10:00:00Z'>";
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
                    {"@type":"NewsArticle","datePublished":"2025-03-06"}]}</script>"#;
        let time = "<p>By A. Writer, <time datetime='2025-03-05'>5 March</time></p>";
        assert_eq!(page(meta, time).as_deref(), Some("2025-03-07T10:00:00Z"));
        assert_eq!(page(ld, time).as_deref(), Some("2025-03-06"));
        assert_eq!(page("", time).as_deref(), Some("2025-03-05"));
        assert_eq!(page("<script type='application/ld+json'>{not json</script>", ""), None);
        assert_eq!(page("", ""), None);
    }

    #[test]
    fn markdown_front_matter() {
        let raw = read_markdown(
            "---\ntitle: From the matter\ndate: March 7, 2025\n---\n# From the matter\n\nBody.\n",
        );
        assert_eq!(raw.title.as_deref(), Some("From the matter"));
        assert_eq!(raw.published.as_deref(), Some("March 7, 2025"));
        let texts: Vec<_> = raw.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Body."]);
        // Without front matter nothing changes.
        assert_eq!(read_markdown("# T\n\nBody.\n").published, None);
    }

    #[test]
    fn jsonl_good_and_bad_lines() {
        let (arts, problems) = read_jsonl(
            "{\"title\":\"A\",\"body\":\"x\"}\nnot json\n{\"title\":\"B\"}\n{\"text\":\"y\",\"source\":\"S\"}\n",
        );
        assert_eq!(arts.len(), 2);
        assert_eq!(problems.len(), 2);
        assert!(problems[0].starts_with("line 2:"));
        assert_eq!(arts[1].source.as_deref(), Some("S"));
        assert_eq!(arts[1].line, Some(4));
    }
}
