//! Markdown front matter: a block of `key: value` lines between `---`
//! lines (YAML) or `key = "value"` lines between `+++` lines (TOML) at the
//! very start of the file, as static site generators and note tools write
//! it. Only the keys an article needs are read (title, date, source, url);
//! the block is not a full YAML or TOML document and is never run as one.

/// What the front matter says, and the text after it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The Markdown after the block.
    pub rest: &'a str,
}

/// Front matter blocks longer than this are not front matter.
const MAX_LINES: usize = 200;

/// Splits the front matter off `text`; `None` when it has none.
pub fn split(text: &str) -> Option<FrontMatter<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, sep) = if text.starts_with("---") {
        ("---", ':')
    } else if text.starts_with("+++") {
        ("+++", '=')
    } else {
        return None;
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next()?;
    if first.trim_end() != fence {
        return None;
    }
    let mut at = first.len();
    let mut matter = FrontMatter::default();
    for (n, line) in lines.enumerate() {
        at += line.len();
        if n > MAX_LINES {
            return None;
        }
        let l = line.trim_end();
        if l == fence || (fence == "---" && l == "...") {
            matter.rest = &text[at..];
            return Some(matter);
        }
        if l.is_empty() || l.starts_with([' ', '\t', '-', '#', '[']) {
            continue; // nested, a list item or a comment: not one of ours
        }
        // Any other line must be `key: value`: a thematic break followed by
        // prose is Markdown, not front matter.
        let (key, value) = l.split_once(sep)?;
        let key_ok = !key.trim().is_empty()
            && key.trim_end().chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
        if !key_ok {
            return None;
        }
        let value = unquote(value.trim());
        if value.is_empty() {
            continue;
        }
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" => &mut matter.title,
            "date" | "published" | "pubdate" | "date_published" | "published_at" => &mut matter.published,
            "source" | "publisher" | "site" | "site_name" => &mut matter.source,
            "url" | "link" | "canonical_url" => &mut matter.url,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.to_string());
        }
    }
    None
}

/// A value without the quotes around it.
fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_blocks() {
        let m = split("---\ntitle: \"Talks resume\"\ndate: 2025-03-07\ntags:\n  - a\n---\n# Body\n").unwrap();
        assert_eq!(m.title.as_deref(), Some("Talks resume"));
        assert_eq!(m.published.as_deref(), Some("2025-03-07"));
        assert_eq!(m.rest, "# Body\n");
        let m = split("+++\ntitle = 'T'\ndate = 2025-03-07T10:00:00Z\n+++\nText").unwrap();
        assert_eq!(m.published.as_deref(), Some("2025-03-07T10:00:00Z"));
        assert_eq!(m.rest, "Text");
    }

    #[test]
    fn no_block_or_an_unclosed_one_is_none() {
        assert_eq!(split("# Title\n\ntext"), None);
        assert_eq!(split("---\ntitle: never closed\n"), None);
        assert_eq!(split("----\n"), None);
        assert_eq!(split("---"), None);
        // A thematic break, prose and another break: Markdown, kept whole.
        assert_eq!(split("---\nSome prose: with a colon\n---\n"), None);
        assert_eq!(split("---\nJust prose\n---\n"), None);
    }
}
