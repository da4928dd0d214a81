//! A guard against HTML nested absurdly deep.
//!
//! The HTML tree builder checks, for every block-level start tag (`<div>`,
//! `<p>`, `<ul>`, ...), whether a `<p>` is open "in button scope", walking
//! the stack of open elements: with elements nested `d` deep each such tag
//! costs `d`, so a page of nothing but `<div>` tags costs the square of its
//! size: 1 MB of them takes html5ever 17 s in a release build, a 20 MB one
//! over an hour. Real pages nest a few dozen deep.
//!
//! [`cap_nesting`] scans the tags once (a small lexer that knows comments,
//! raw-text elements, void elements and the usual implied end tags) and,
//! only when the nesting goes past the cap, drops the start tags beyond it
//! and their end tags. Their text stays: a dropped block-level tag leaves a
//! `<p>` in its place (which never nests: a `<p>` closes the one before),
//! so the text deep down still reads as paragraphs; a dropped inline tag
//! (`<span>`, `<b>`) leaves nothing, as it separated nothing.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements nested deeper than this are flattened into their ancestor.
pub const MAX_HTML_DEPTH: usize = 128;

const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Is this element a block, whose tags separate paragraphs?
fn is_block(name: &str) -> bool {
    CLOSES_P.contains(&name)
        || matches!(
            name,
            "td" | "th" | "tr" | "caption" | "tbody" | "thead" | "tfoot" | "body" | "html" | "option"
        )
}

/// Does a new `new` start tag implicitly close the open `top` element?
fn closes(new: &str, top: &str) -> bool {
    match top {
        "p" => CLOSES_P.contains(&new),
        "li" => new == "li",
        "dt" | "dd" => matches!(new, "dt" | "dd"),
        "td" | "th" => matches!(new, "td" | "th" | "tr"),
        "tr" => new == "tr",
        "option" => matches!(new, "option" | "optgroup"),
        "rb" | "rt" | "rtc" | "rp" => matches!(new, "rb" | "rt" | "rtc" | "rp"),
        _ => false,
    }
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&hay[from.min(hay.len())..], needle).map(|i| from + i)
}

/// The end of a tag starting at `at` (just past its `>`), honoring quoted
/// attribute values; the end of the text when it is not closed.
fn tag_end(b: &[u8], at: usize) -> usize {
    let mut quote = None;
    for (i, &c) in b.iter().enumerate().skip(at) {
        match (quote, c) {
            (None, b'"' | b'\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    b.len()
}

/// Where a raw-text element's content ends: at its end tag (ASCII case
/// insensitive), or the end of the text.
fn raw_text_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(i) = find(b, at, b"</") {
        let tail = &b[i + 2..];
        if tail.len() >= name.len() && tail[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return i;
        }
        at = i + 2;
    }
    b.len()
}

/// The HTML with elements nested deeper than `cap` flattened; borrowed
/// (and scanned once, without allocating per tag beyond names) when nothing
/// is that deep.
pub fn cap_nesting(html: &str, cap: usize) -> Cow<'_, str> {
    if scan(html, cap, None) {
        let mut out = String::with_capacity(html.len());
        scan(html, cap, Some(&mut out));
        Cow::Owned(out)
    } else {
        Cow::Borrowed(html)
    }
}

/// One pass over the tags. Without `out`, tells whether the cap is passed;
/// with it, writes the HTML with the tags beyond the cap left out.
fn scan(html: &str, cap: usize, mut out: Option<&mut String>) -> bool {
    let b = html.as_bytes();
    // Open elements: lower-case name and whether the tag was kept.
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut open: HashMap<String, usize> = HashMap::new();
    let mut depth_kept = 0usize;
    let mut too_deep = false;
    let mut copied = 0; // bytes of `html` written to `out` so far
    let mut i = 0;
    let drop_range =
        |out: &mut Option<&mut String>, copied: &mut usize, from: usize, to: usize, name: &str| {
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&html[*copied..from]);
                if is_block(name) {
                    o.push_str("<p>");
                }
            }
            *copied = to;
        };
    while let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|k| i + k) {
        i = lt + 1;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            i = find(b, lt + 4, b"-->").map_or(b.len(), |k| k + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            i = find(b, lt + 2, b">").map_or(b.len(), |k| k + 1);
            continue;
        }
        let end_tag = rest.starts_with(b"</");
        let name_at = lt + 1 + usize::from(end_tag);
        if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = b[name_at..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        let name = html[name_at..name_at + name_len].to_ascii_lowercase();
        let after = tag_end(b, name_at + name_len);
        i = after;
        if end_tag {
            if open.get(&name).copied().unwrap_or(0) == 0 {
                continue;
            }
            // Close up to and including the nearest element of that name.
            while let Some((top, kept)) = stack.pop() {
                *open.entry(top.clone()).or_default() -= 1;
                if kept {
                    depth_kept -= 1;
                }
                if top == name {
                    if !kept {
                        drop_range(&mut out, &mut copied, lt, after, &name);
                    }
                    break;
                }
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        while stack.last().is_some_and(|(top, _)| closes(&name, top)) {
            let (top, kept) = stack.pop().unwrap_or_default();
            *open.entry(top).or_default() -= 1;
            if kept {
                depth_kept -= 1;
            }
        }
        let kept = depth_kept < cap;
        if kept {
            depth_kept += 1;
        } else {
            too_deep = true;
            if out.is_none() {
                return true;
            }
            drop_range(&mut out, &mut copied, lt, after, &name);
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its content holds no tags; its end tag comes next.
            i = raw_text_end(b, after, &name);
        } else if name == "plaintext" {
            break;
        }
        *open.entry(name.clone()).or_default() += 1;
        stack.push((name, kept));
    }
    if let Some(o) = out {
        o.push_str(&html[copied..]);
    }
    too_deep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let html = "<html><head><title>T</title><script>if (a<b) {}</script></head><body>\
                    <div><p>One<p>Two<ul><li>a<li>b</ul><img src=x><br></div><!-- <div><div> --></body></html>";
        assert!(matches!(cap_nesting(html, 5), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_beyond_the_cap_are_dropped_with_their_end_tags() {
        let html =
            format!("<body>{}<p>deep</p>{}<p>after</p></body>", "<div>".repeat(10), "</div>".repeat(10));
        let capped = cap_nesting(&html, 4);
        assert_eq!(capped.matches("<div>").count(), 3, "{capped}");
        assert_eq!(capped.matches("</div>").count(), 3, "{capped}");
        // Inline tags beyond the cap go without a trace.
        let inline = format!("<p>{}a<b>b</b>c{}</p>", "<span>".repeat(10), "</span>".repeat(10));
        assert!(cap_nesting(&inline, 4).contains("abc"));
        assert!(capped.contains("deep") && capped.contains("<p>after</p>"), "{capped}");
        // The parser gets the same text, with the structure it can afford.
        let raw = crate::corpus::formats::read_html(&capped);
        let texts: Vec<&str> = raw.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["deep", "after"]);
    }

    #[test]
    fn self_closing_syntax_does_not_hide_nesting() {
        // `<div/>` opens a div in HTML: a page of them nests as deep.
        let html = "<div/>".repeat(50);
        assert!(matches!(cap_nesting(&html, 10), Cow::Owned(_)));
    }

    #[test]
    fn unmatched_end_tags_and_broken_markup_are_harmless() {
        for html in
            ["</x></y><div></div></div>", "<div", "<div a='>", "<!--", "<script>", "< div>", "<\u{e9}>"]
        {
            let _ = cap_nesting(html, 1);
        }
    }
}
