//! Titles, source labels and datelines of plain-text articles.
//!
//! A BBC-style file starts with its headline on a line of its own. Scraped
//! articles often start straight with the lede, prefixed by a source label
//! ("RASC News Agency: ...") or a dateline ("KABUL, Afghanistan — ..."); the
//! title is then derived from the first sentence and the prefixes become
//! metadata.

/// Words that mark a name as a news outlet.
const MEDIA_WORDS: &[&str] = &[
    "news",
    "agency",
    "press",
    "times",
    "post",
    "tribune",
    "herald",
    "media",
    "tv",
    "radio",
    "network",
    "wire",
    "reuters",
    "afp",
    "ap",
    "bloomberg",
    "journal",
    "gazette",
    "daily",
    "online",
    "broadcasting",
    "bbc",
    "cnn",
    "jazeera",
    "telegraph",
    "guardian",
    "observer",
    "express",
    "chronicle",
    "dawn",
    "hd",
    "channel",
    "magazine",
    "report",
    "insider",
];

fn is_media_word(w: &str) -> bool {
    let bare: String = w.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    MEDIA_WORDS.contains(&bare.as_str())
}

fn is_capitalized(w: &str) -> bool {
    w.chars().find(|c| c.is_alphanumeric()).is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// What the top of an article says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Front {
    pub title: String,
    pub source: Option<String>,
    pub dateline: Option<String>,
}

/// Can this first paragraph serve as the headline?
pub fn is_headline(text: &str, alone: bool) -> bool {
    // Bounded counts: a long paragraph is rejected without reading it all.
    if text.len() > 160 * 4 || text.chars().nth(160).is_some() {
        return false;
    }
    let words = text.split_whitespace().take(26).count();
    if words == 0 || words > 25 {
        return false;
    }
    let ends_sentence = text.trim_end().ends_with(['.', ',', ';', ':']);
    alone || !ends_sentence
}

/// Cleans a headline line: drops a photo credit ("Image: X Screengrab"), a
/// trailing source ("| BBC News", "Azad News HD") and a final period.
pub fn clean_headline(text: &str) -> Front {
    let mut title = text.trim().to_string();
    let mut source = None;

    // Photo captions carry a credit: "... Pakistan. Image: X Screengrab"
    for label in ["Image:", "Photo:", "Photograph:", "Picture:", "Credit:", "Photo credit:", "File photo:"] {
        if let Some(pos) = title.find(label)
            && pos > 0
        {
            title.truncate(pos);
            title = title.trim_end().to_string();
        }
    }

    // "Headline | Outlet" or "Headline - Outlet"
    for sep in [" | ", " - ", " — ", " – "] {
        if let Some(pos) = title.rfind(sep) {
            let tail = title[pos + sep.len()..].trim();
            let tail_words: Vec<&str> = tail.split_whitespace().collect();
            if !tail_words.is_empty()
                && tail_words.len() <= 4
                && tail_words.iter().all(|w| is_capitalized(w))
                && tail_words.iter().any(|w| is_media_word(w))
            {
                source = Some(tail.to_string());
                title.truncate(pos);
                break;
            }
        }
    }

    // A trailing run of capitalized words naming an outlet: "... sources Azad News HD"
    if source.is_none() {
        let words: Vec<&str> = title.split_whitespace().collect();
        let run = words
            .iter()
            .rev()
            .take_while(|w| is_capitalized(w) && w.chars().all(|c| c.is_alphanumeric()))
            .count();
        if (2..=4).contains(&run) && words.len() >= run + 3 {
            let tail = &words[words.len() - run..];
            if tail.iter().any(|w| is_media_word(w)) {
                source = Some(tail.join(" "));
                title = words[..words.len() - run].join(" ");
            }
        }
    }

    let title = title.trim().trim_end_matches(['.', ':', ';', ',', '|', '-', '–', '—']).trim().to_string();
    Front { title, source, dateline: None }
}

/// Splits a source label off the start of a lede: "RASC News Agency: On ...".
pub fn split_source_label(text: &str) -> (Option<&str>, &str) {
    if let Some((label, rest)) = text.split_once(": ") {
        let words: Vec<&str> = label.split_whitespace().collect();
        if !words.is_empty()
            && words.len() <= 6
            && label.len() <= 48
            && words.iter().all(|w| is_capitalized(w))
            && words.iter().any(|w| is_media_word(w))
        {
            return (Some(label.trim()), rest.trim_start());
        }
    }
    (None, text)
}

fn title_case_word(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    let mut start = true;
    for c in w.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic();
    }
    out
}

/// Splits a dateline off the start of a lede: "KABUL, Afghanistan — A ...",
/// "ISTANBUL – High-stakes ...", "LONDON (Reuters) - ...". Returns the place
/// (in normal case), an outlet named in parentheses, and the rest.
pub fn split_dateline(text: &str) -> (Option<String>, Option<&str>, &str) {
    for dash in [" — ", " – ", " - ", "—", "–"] {
        let Some(pos) = text.find(dash) else { continue };
        if pos == 0 || pos > 60 {
            continue;
        }
        let head = text[..pos].trim();
        let rest = text[pos + dash.len()..].trim_start();
        let (place_part, outlet) = match head.split_once(" (") {
            Some((p, o)) if o.ends_with(')') => (p.trim(), Some(&o[..o.len() - 1])),
            _ => (head, None),
        };
        let (city, region) = match place_part.split_once(", ") {
            Some((c, r)) => (c, Some(r)),
            None => (place_part, None),
        };
        let city_ok = city.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && city.chars().all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-'))
            && city.split_whitespace().count() <= 3;
        let region_ok = region
            .is_none_or(|r| r.split_whitespace().count() <= 3 && r.split_whitespace().all(is_capitalized));
        if city_ok && region_ok && !rest.is_empty() {
            let city_cased: Vec<String> = city.split_whitespace().map(title_case_word).collect();
            let mut place = city_cased.join(" ");
            if let Some(r) = region {
                place.push_str(", ");
                place.push_str(r);
            }
            return (Some(place), outlet, rest);
        }
        break;
    }
    (None, None, text)
}

/// The first sentence of a paragraph (without its final period).
pub fn first_sentence(text: &str) -> &str {
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let after = &text[i + c.len_utf8()..];
            let next_is_start = after.starts_with(' ')
                && after
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_uppercase() || n == '“' || n == '"');
            // Not after an initial or a short abbreviation ("U.S.", "Mr.")
            let word_start = text[..i].rfind(' ').map_or(0, |p| p + 1);
            let word = &text[word_start..i];
            let abbrev =
                word.len() <= 3 && word.chars().next().is_some_and(char::is_uppercase) || word.contains('.');
            if (next_is_start && !abbrev) || after.trim().is_empty() {
                let end = if c == '.' { i } else { i + c.len_utf8() };
                return text[..end].trim();
            }
        }
    }
    text.trim()
}

/// Longest title before it is shortened.
const TITLE_MAX: usize = 130;

/// Shortens a sentence to a title: at the first clause boundary past 40
/// characters when that is short enough, else at a word boundary with "…".
pub fn shorten(sentence: &str) -> String {
    if sentence.chars().count() <= TITLE_MAX {
        return sentence.to_string();
    }
    let boundary = sentence
        .match_indices([',', ';', ':', '—', '–'])
        .map(|(i, _)| i)
        .find(|&i| sentence[..i].chars().count() >= 40);
    if let Some(i) = boundary
        && sentence[..i].chars().count() <= TITLE_MAX
    {
        return sentence[..i].trim().to_string();
    }
    let mut out = String::new();
    for w in sentence.split_whitespace() {
        if out.chars().count() + w.chars().count() + 1 > TITLE_MAX - 1 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = sentence.chars().take(TITLE_MAX - 1).collect();
    }
    out.push('…');
    out
}

/// Derives the title, source and dateline from the lede of an article that
/// has no headline.
pub fn from_lede(lede: &str) -> Front {
    let (source, rest) = split_source_label(lede);
    let (dateline, outlet, rest) = split_dateline(rest);
    let sentence = first_sentence(rest);
    let mut title = shorten(sentence);
    if let Some(first) = title.chars().next()
        && first.is_lowercase()
    {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    Front { title, source: source.or(outlet).map(str::to_string), dateline }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_with_trailing_outlet() {
        let f = clean_headline(
            "Last-ditch effort underway to salvage talks with Kabul despite Taliban’s ‘stubbornness’: security sources Azad News HD",
        );
        assert_eq!(
            f.title,
            "Last-ditch effort underway to salvage talks with Kabul despite Taliban’s ‘stubbornness’: security sources"
        );
        assert_eq!(f.source.as_deref(), Some("Azad News HD"));
    }

    #[test]
    fn headline_with_photo_credit() {
        let f = clean_headline(
            "Taliban spokesman Zabihullah Mujahid isn't in the mood to compromise with Pakistan. Image: X Screengrab",
        );
        assert_eq!(
            f.title,
            "Taliban spokesman Zabihullah Mujahid isn't in the mood to compromise with Pakistan"
        );
        assert_eq!(f.source, None);
    }

    #[test]
    fn headline_with_pipe_outlet() {
        let f = clean_headline("Markets rally on rate hopes | BBC News");
        assert_eq!(f.title, "Markets rally on rate hopes");
        assert_eq!(f.source.as_deref(), Some("BBC News"));
        // An ordinary headline is left alone.
        assert_eq!(
            clean_headline("Ad sales boost Time Warner profit").title,
            "Ad sales boost Time Warner profit"
        );
    }

    #[test]
    fn lede_with_source_label() {
        let f = from_lede(
            "RASC News Agency: On the sidelines of the seventh round of the Moscow Format consultations in Russia, Pakistan’s Special Representative for Afghanistan, Mohammad Sadiq Khan, held a 90-minute meeting with Amir Khan Muttaqi, the Taliban’s acting foreign minister. The discussions reportedly focused on terror.",
        );
        assert_eq!(f.source.as_deref(), Some("RASC News Agency"));
        assert_eq!(
            f.title,
            "On the sidelines of the seventh round of the Moscow Format consultations in Russia"
        );
        assert_eq!(f.dateline, None);
    }

    #[test]
    fn lede_with_datelines() {
        let f = from_lede(
            "KABUL, Afghanistan — A Pakistani delegation visiting Kabul on Friday held talks with the Taliban. More.",
        );
        assert_eq!(f.dateline.as_deref(), Some("Kabul, Afghanistan"));
        assert_eq!(f.title, "A Pakistani delegation visiting Kabul on Friday held talks with the Taliban");
        let f = from_lede("ISTANBUL – High-stakes security negotiations have stretched into a third day.");
        assert_eq!(f.dateline.as_deref(), Some("Istanbul"));
        assert_eq!(f.title, "High-stakes security negotiations have stretched into a third day");
        let f = from_lede("NEW YORK (Reuters) - Stocks rose.");
        assert_eq!(f.dateline.as_deref(), Some("New York"));
        assert_eq!(f.source.as_deref(), Some("Reuters"));
        // Not a dateline: a normal sentence with a dash.
        let f = from_lede("Officials said – again – that nothing changed.");
        assert_eq!(f.dateline, None);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        assert_eq!(
            first_sentence("The U.S. envoy met Mr. Khan today. Then left."),
            "The U.S. envoy met Mr. Khan today"
        );
        assert_eq!(first_sentence("Is it over? Yes."), "Is it over?");
    }

    #[test]
    fn long_sentences_are_shortened() {
        let s = "word ".repeat(60);
        let t = shorten(s.trim());
        assert!(t.ends_with('…'));
        assert!(t.chars().count() <= TITLE_MAX);
    }

    #[test]
    fn headline_detection() {
        assert!(is_headline("Ad sales boost Time Warner profit", false));
        assert!(is_headline("Mujahid isn't in the mood. Image: X", true));
        assert!(!is_headline("A full sentence that ends the paragraph.", false));
        assert!(!is_headline(&"long ".repeat(40), true));
    }
}
