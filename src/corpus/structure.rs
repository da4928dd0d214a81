//! Paragraphs, headings and boilerplate: what each block of an article is.

use std::collections::HashMap;

/// What a paragraph is, for display and for entity extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaKind {
    /// Running text.
    Text,
    /// A section heading or subtitle.
    Heading,
    /// Not part of the article proper: repeated appeals, comment sections,
    /// author bios. Shown dimmed, excluded from entity extraction.
    Boilerplate,
}

/// A block of text before classification, with what its format said of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub text: String,
    /// The format marked it as a heading (Markdown `#`, HTML `<h2>`).
    pub heading: bool,
    /// The block was a single line followed by a blank line (plain text).
    pub alone: bool,
}

impl Block {
    pub fn text(text: impl Into<String>) -> Self {
        Block { text: text.into(), heading: false, alone: false }
    }
}

/// Lines longer than this are taken as whole paragraphs, not hard-wrapped text.
const WRAPPED_LINE_MAX: usize = 100;

/// Groups the lines of a plain-text file into paragraphs.
///
/// Blank lines always separate paragraphs. Inside a block of consecutive
/// lines, hard-wrapped text (every line short) is joined into one paragraph;
/// otherwise each line is a paragraph of its own (one paragraph per line is
/// how most scraped articles come).
pub fn blocks_from_lines(lines: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let flush = |group: &mut Vec<&str>, blocks: &mut Vec<Block>, followed_by_blank: bool| {
        if group.is_empty() {
            return;
        }
        let wrapped = group.len() > 1 && group.iter().all(|l| l.chars().count() <= WRAPPED_LINE_MAX);
        if wrapped {
            let joined = group.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
            blocks.push(Block { text: joined, heading: false, alone: followed_by_blank });
        } else {
            let alone = group.len() == 1 && followed_by_blank;
            for l in group.iter() {
                blocks.push(Block { text: l.trim().to_string(), heading: false, alone });
            }
        }
        group.clear();
    };
    for line in lines {
        if line.trim().is_empty() {
            flush(&mut group, &mut blocks, true);
        } else {
            group.push(line);
        }
    }
    flush(&mut group, &mut blocks, false);
    blocks
}

/// Small words that stay lowercase in Title Case headings.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over",
    "the", "to", "up", "with", "vs", "via", "amid", "after", "before", "under", "between",
];

/// A short line in Title Case without closing punctuation reads as a heading.
pub fn looks_like_heading(text: &str) -> bool {
    let text = text.trim();
    // 110 characters are at most 440 bytes: longer text is no heading.
    if text.len() > 440 || text.split_whitespace().nth(14).is_some() {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 || text.chars().count() > 110 {
        return false;
    }
    if !text.chars().any(char::is_alphabetic) {
        return false;
    }
    let last = text.chars().last().unwrap_or('.');
    if matches!(last, '.' | ',' | ';' | ':' | '"' | '”' | '’' | '\'' | ')' | '…') {
        return false;
    }
    let mut content = 0;
    let mut capitalized = 0;
    for w in &words {
        let bare: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
        if bare.is_empty() || SMALL_WORDS.contains(&bare.to_lowercase().as_str()) {
            continue;
        }
        content += 1;
        if bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric()) {
            capitalized += 1;
        }
    }
    content > 0 && capitalized * 10 >= content * 7
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Paragraphs that open a comment section or the "related" tail of a page:
/// they and everything after them are boilerplate.
fn opens_tail(norm: &str) -> bool {
    const EXACT: &[&str] = &[
        "join the conversation",
        "comments are closed.",
        "comments are closed",
        "comments",
        "leave a comment",
        "leave a reply",
        "add a comment",
        "show comments",
        "post a comment",
        "related articles",
        "related stories",
        "you may also like",
        "more from this author",
    ];
    if EXACT.contains(&norm) {
        return true;
    }
    // "2 Comments", "1 comment", "12 responses"
    let mut parts = norm.split(' ');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(n), Some("comments" | "comment" | "responses" | "response" | "replies"), None)
            if n.chars().all(|c| c.is_ascii_digit())
    )
}

/// Cheap test before the full one: could this paragraph be a bio at all?
fn may_be_bio(text: &str) -> bool {
    let head: String = text.chars().take(20).collect::<String>().to_lowercase();
    text.contains('@')
        || ["contact", "reached", "follow", "tweets"].iter().any(|w| text.contains(w))
        || head.starts_with("the writer")
        || head.starts_with("the author")
        || head.starts_with("about the author")
}

/// An author's bio or contact line, usually the last paragraph of an op-ed.
fn is_author_bio(text: &str, norm: &str) -> bool {
    const PHRASES: &[&str] = &[
        "may be contacted",
        "can be contacted",
        "can be reached",
        "may be reached",
        "follow him on",
        "follow her on",
        "follow them on",
        "tweets at",
        "tweets @",
    ];
    const OPENERS: &[&str] =
        &["the writer is", "the author is", "the writer", "the author", "about the author"];
    if PHRASES.iter().any(|p| norm.contains(p)) || OPENERS.iter().any(|o| norm.starts_with(o)) {
        return true;
    }
    // An e-mail address in a short closing paragraph.
    text.split_whitespace().nth(60).is_none()
        && text.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            w.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        })
}

/// A key for finding repeated paragraphs: the hash of the trimmed text
/// (repeated appeals and boxes are copies), and whether it has two words.
fn repeat_key(text: &str) -> (u64, bool) {
    let t = text.trim();
    (xxhash_rust::xxh3::xxh3_64(t.as_bytes()), t.contains(char::is_whitespace))
}

/// Classifies the paragraphs of an article.
pub fn classify(blocks: &[Block]) -> Vec<ParaKind> {
    let n = blocks.len();
    let mut kinds: Vec<ParaKind> = blocks
        .iter()
        .map(|b| if b.heading || looks_like_heading(&b.text) { ParaKind::Heading } else { ParaKind::Text })
        .collect();

    // Paragraphs repeated inside the article (appeals, "read more" boxes).
    if n > 1 {
        let keys: Vec<(u64, bool)> = blocks.iter().map(|b| repeat_key(&b.text)).collect();
        let mut seen: HashMap<u64, usize> = HashMap::with_capacity(n);
        for &(key, two_words) in &keys {
            if two_words {
                *seen.entry(key).or_default() += 1;
            }
        }
        if seen.values().any(|&c| c >= 2) {
            for (i, (key, _)) in keys.iter().enumerate() {
                if seen.get(key).copied().unwrap_or(0) >= 2 {
                    kinds[i] = ParaKind::Boilerplate;
                }
            }
        }
    }

    // Comment sections and "related" tails, in the second half of the article.
    let short_norm = |i: usize| (blocks[i].text.len() <= 40).then(|| normalize(&blocks[i].text));
    if let Some(start) = (n / 2..n).find(|&i| short_norm(i).is_some_and(|norm| opens_tail(&norm))) {
        for k in &mut kinds[start..] {
            *k = ParaKind::Boilerplate;
        }
    }

    // Author bios among the last three paragraphs of the article proper.
    let proper: Vec<usize> = (0..n).filter(|&i| kinds[i] != ParaKind::Boilerplate).collect();
    for &i in proper.iter().rev().take(3) {
        let text = &blocks[i].text;
        if i > 0 && may_be_bio(text) && is_author_bio(text, &normalize(text)) {
            kinds[i] = ParaKind::Boilerplate;
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_paragraph_per_line_and_blank_lines() {
        let blocks = blocks_from_lines(&[
            "Headline here",
            "",
            "First paragraph that is long enough to not be wrapped text at all, certainly more than a hundred characters long.",
            "Second.",
        ]);
        assert_eq!(blocks.len(), 3);
        assert!(blocks[0].alone);
        assert!(!blocks[1].alone);
    }

    #[test]
    fn hard_wrapped_text_is_joined() {
        let blocks = blocks_from_lines(&["This is a paragraph", "wrapped at a short width", "", "Next one"]);
        assert_eq!(blocks[0].text, "This is a paragraph wrapped at a short width");
        assert_eq!(blocks[1].text, "Next one");
    }

    #[test]
    fn headings() {
        assert!(looks_like_heading("The Immediate Crisis: A Dialogue on the Edge"));
        assert!(looks_like_heading("A Deep-Seated Dispute"));
        assert!(looks_like_heading("Prospects for Peace: Glimmers of Hope or Illusion?"));
        assert!(!looks_like_heading("The talks collapsed."));
        assert!(!looks_like_heading("the talks collapsed without agreement"));
        assert!(!looks_like_heading("2,600"));
    }

    #[test]
    fn repeated_paragraphs_and_comments_are_boilerplate() {
        let texts = [
            "Support Us",
            "Real text one about the talks.",
            "Please donate to keep us going.",
            "Real text two about the talks.",
            "Please donate to keep us going.",
            "Real text three.",
            "Join the Conversation",
            "2 Comments",
            "A reader's comment about the talks.",
        ];
        let blocks: Vec<Block> = texts.iter().map(|t| Block::text(*t)).collect();
        let kinds = classify(&blocks);
        use ParaKind::*;
        assert_eq!(
            kinds,
            vec![Heading, Text, Boilerplate, Text, Boilerplate, Text, Boilerplate, Boilerplate, Boilerplate]
        );
    }

    #[test]
    fn author_bio_with_email() {
        let texts = [
            "Body text of the article.",
            "More body text.",
            "Jane Doe is a Lahore-based lawyer. She may be contacted at jane@example.com.",
        ];
        let kinds = classify(&texts.iter().map(|t| Block::text(*t)).collect::<Vec<_>>());
        assert_eq!(kinds[2], ParaKind::Boilerplate);
        assert_eq!(kinds[1], ParaKind::Text);
    }
}
