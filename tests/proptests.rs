//! Property tests over rroom's untrusted-input paths (the sanitizer and
//! decoder, titles and boilerplate, whole articles in every format, the
//! entity extractor, note anchoring, search), and the replay of the fuzz
//! regression corpus through the fuzz targets' own checks.
//!
//! Cases per property: 64 by default, `RROOM_PROPTEST_CASES=N` for more.
//! A failing case is saved in `tests/fixtures/proptest-regressions/` and
//! tried first from then on.

mod common;
#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

use common::fixtures;

use fuzz_targets::{assert_inert, check_article, check_entities};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};
use rroom::corpus::sanitize::{is_clean_inline, sanitize_inline, sanitize_label, split_lines};
use rroom::corpus::structure::{Block, ParaKind, blocks_from_lines, classify, looks_like_heading};
use rroom::corpus::{Corpus, decode, title};
use rroom::notes::{Anchor, Resolution, resolve};
use rroom::search::terms::{Query, find_all};

fn config() -> Config {
    let cases = common::env_or("RROOM_PROPTEST_CASES", 64);
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/fixtures/proptest-regressions/proptests.txt",
        ))),
        ..Config::default()
    }
}

/// Pieces news text is made of, and pieces hostile text is made of.
const ATOMS: &[&str] = &[
    "Kabul",
    "Taliban",
    "Mohammad Sadiq Khan",
    "Pakistan",
    "Islamabad",
    "Tehrik-e-Taliban Pakistan",
    "TTP",
    "U.S.",
    "Mr. Khan",
    "Reuters",
    "the",
    "talks",
    "said",
    "on Friday",
    "RASC News Agency: ",
    "KABUL, Afghanistan — ",
    "ISTANBUL – ",
    "LONDON (Reuters) - ",
    "Image: X Screengrab",
    " | BBC News",
    "Join the Conversation",
    "2 Comments",
    "The writer is a lawyer.",
    "jane@example.com",
    "Please donate to keep us going.",
    "“quoted”",
    "‘single’",
    "O'Brien",
    "al-Qaeda",
    "AFP",
    "NATO",
    "Kābul",
    "ÉTÉ",
    ".",
    ",",
    ";",
    ":",
    "?",
    "!",
    "—",
    "–",
    "-",
    "(",
    ")",
    "\"",
    "'",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{2028}",
    "\u{2029}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{2066}",
    "\u{200F}",
    "\u{1b}[2J",
    "\u{1b}]52;c;?\u{7}",
    "\u{1b}]0;t\u{1b}\\",
    "\u{9b}6n",
    "\u{0}",
    "\u{7f}",
    "\u{85}",
    "a\u{301}\u{301}\u{301}",
    "日本語",
    "中文",
    "مرحبا",
    "עברית",
    "👩\u{200d}👩\u{200d}👧",
    "🇵🇰",
    "👍🏽",
    "🏽",
    "\u{FE0F}",
    "1\u{fe0f}\u{20e3}",
    "🏳\u{fe0f}\u{200d}🌈",
    "\u{FFFD}",
    "xxx",
];

/// Pieces of emoji sequences, and neighbours for them.
const EMOJI_PARTS: &[&str] = &[
    "👩",
    "👧",
    "👍",
    "🌈",
    "🏳",
    "❤",
    "⚕",
    "🇵",
    "🇰",
    "🏴",
    "\u{E0067}",
    "\u{E007F}",
    "\u{200D}",
    "\u{FE0F}",
    "\u{FE0E}",
    "\u{1F3FD}",
    "\u{20E3}",
    "1",
    "a",
    " ",
    "क",
    "\u{94D}",
];

/// Text assembled from atoms and arbitrary characters.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(ATOMS).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        1 => "[A-Z][a-z]{1,10}",
        1 => "[a-z]{1,8}",
    ];
    proptest::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

/// Text with a headline, paragraphs and blank lines, like an article file.
fn article_text() -> impl Strategy<Value = String> {
    (text(), proptest::collection::vec(text(), 0..8)).prop_map(|(head, paras)| {
        let mut s = head.replace(['\n', '\r'], " ");
        for p in paras {
            s.push_str("\n\n");
            s.push_str(&p);
        }
        s
    })
}

fn joins_emoji(c: char) -> bool {
    fuzz_targets::joins_emoji(c)
}

fn dangerous(c: char) -> bool {
    fuzz_targets::is_dangerous(c)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn sanitized_text_is_inert_idempotent_and_keeps_the_rest(s in text()) {
        let clean = sanitize_inline(&s);
        assert_inert(&clean, "sanitize_inline");
        prop_assert!(is_clean_inline(&clean));
        prop_assert_eq!(sanitize_inline(&clean), clean.clone());
        let kept: String = s.chars().filter(|&c| !dangerous(c) && !matches!(c, '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}') && !joins_emoji(c)).collect();
        let mut out = clean.chars();
        for c in kept.chars() {
            prop_assert!(out.any(|k| k == c), "{:?} lost", c);
        }
        // Every dangerous character leaves a visible trace (but the dropped
        // invisible ones and tabs, which become spaces).
        let marked = s.chars().filter(|&c| dangerous(c) && !matches!(c, '\u{AD}' | '\u{FEFF}' | '\t')).count();
        let traces = clean.chars().filter(|&c| ('\u{2400}'..='\u{2421}').contains(&c) || c == '⟨').count();
        prop_assert!(traces >= marked, "{} dangerous characters, {} markers", marked, traces);
    }

    /// Emoji, their joiners and modifiers in any order come out as wide
    /// measured grapheme by grapheme (ratatui) as code point by code point
    /// (terminals that do not join emoji).
    #[test]
    fn emoji_are_as_wide_on_every_terminal(parts in proptest::collection::vec(proptest::sample::select(EMOJI_PARTS), 0..40)) {
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        let s = parts.concat();
        let clean = sanitize_inline(&s);
        let per_char: usize = clean.chars().map(|c| c.width().unwrap_or(0)).sum();
        prop_assert_eq!(clean.width(), per_char, "{:?} from {:?}", clean, s);
    }

    #[test]
    fn labels_are_one_clean_line(s in text()) {
        let label = sanitize_label(&s);
        assert_inert(&label, "label");
        prop_assert_eq!(label.trim(), label.as_str());
        prop_assert!(!label.contains("  "));
    }

    #[test]
    fn lines_hold_no_line_break_and_lose_no_text(s in text()) {
        let lines = split_lines(&s);
        let content = |t: &str| t.chars().filter(|c| !matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')).count();
        for l in &lines {
            prop_assert!(!l.contains(['\n', '\r', '\u{2028}', '\u{2029}']), "line break in {:?}", l);
        }
        prop_assert_eq!(lines.iter().map(|l| content(l)).sum::<usize>(), content(&s));
    }

    #[test]
    fn decoding_any_bytes_never_panics_and_keeps_utf8(bytes in proptest::collection::vec(any::<u8>(), 0..400), utf8 in text()) {
        let _ = decode::decode(&bytes);
        if !utf8.contains('\0') && !utf8.starts_with('\u{FEFF}') {
            let (out, note) = decode::decode(utf8.as_bytes()).unwrap();
            prop_assert_eq!(out, utf8);
            prop_assert!(note.is_none());
        }
        fuzz_targets::sanitizer(&bytes);
    }

    #[test]
    fn titles_datelines_and_sources_never_panic_and_stay_in_bounds(s in text()) {
        let _ = title::is_headline(&s, true);
        let front = title::clean_headline(&s);
        prop_assert!(front.title.len() <= s.len());
        let lede = title::from_lede(&s);
        prop_assert!(lede.title.chars().count() <= 130, "{:?}", lede.title);
        let sentence = title::first_sentence(&s);
        prop_assert!(s.contains(sentence));
        let (label, rest) = title::split_source_label(&s);
        prop_assert!(s.ends_with(rest));
        if let Some(l) = label { prop_assert!(s.contains(l)); }
        let (_, outlet, rest) = title::split_dateline(&s);
        prop_assert!(s.ends_with(rest));
        if let Some(o) = outlet { prop_assert!(s.contains(o)); }
        prop_assert!(title::shorten(&s).chars().count() <= 130);
        let _ = looks_like_heading(&s);
    }

    #[test]
    fn blocks_and_boilerplate_classify_every_paragraph(paras in proptest::collection::vec(text(), 0..20)) {
        let lines: Vec<&str> = paras.iter().map(String::as_str).collect();
        let blocks = blocks_from_lines(&lines);
        for b in &blocks {
            prop_assert!(!b.text.trim().is_empty());
        }
        let kinds = classify(&blocks);
        prop_assert_eq!(kinds.len(), blocks.len());
        // A paragraph repeated word for word is boilerplate, wherever it is.
        let mut twice: Vec<Block> = blocks.clone();
        twice.push(Block::text("Please donate to keep us going."));
        twice.insert(0, Block::text("Please donate to keep us going."));
        let kinds = classify(&twice);
        prop_assert_eq!(kinds[0], ParaKind::Boilerplate);
        prop_assert_eq!(kinds[twice.len() - 1], ParaKind::Boilerplate);
    }

    #[test]
    fn articles_in_every_format_keep_their_promises(body in article_text(), t in text(), source in text()) {
        let json = serde_json::json!({"title": t, "body": body, "source": source, "url": t, "published": source});
        let jsonl = format!("{json}\n{}\n", serde_json::json!({"text": body}));
        let html = format!("<html><head><title>{t}</title></head><body><p>{body}</p><footer><p>{source}</p></footer></body></html>");
        for (name, bytes) in [
            ("a.txt", body.as_bytes()),
            ("a.md", body.as_bytes()),
            ("a.html", html.as_bytes()),
            ("a.jsonl", jsonl.as_bytes()),
        ] {
            let corpus = Corpus::from_bytes(name, bytes);
            for a in &corpus.articles {
                check_article(a);
            }
            for n in corpus.note_lines() {
                assert_inert(&n, "note");
            }
        }
    }

    #[test]
    fn entity_mentions_are_sorted_on_boundaries_and_inside_the_body(body in article_text()) {
        for a in &Corpus::from_bytes("a.txt", body.as_bytes()).articles {
            check_entities(a);
        }
    }

    #[test]
    fn a_captured_passage_is_found_again_and_edits_keep_offsets_valid(
        body in article_text(),
        start in 0usize..2000,
        len in 0usize..300,
        cut in 0usize..2000,
        cut_len in 0usize..50,
        insert in text(),
    ) {
        let anchor = Anchor::capture(&body, start..start + len);
        prop_assert_eq!(resolve(&anchor, &body).range(), Some(anchor.start..anchor.end));
        let mut at = cut.min(body.len());
        while !body.is_char_boundary(at) { at -= 1; }
        let mut to = (at + cut_len).min(body.len());
        while !body.is_char_boundary(to) { to += 1; }
        let edited = format!("{}{insert}{}", &body[..at], &body[to..]);
        let found = resolve(&anchor, &edited);
        if let Some(r) = found.range() {
            prop_assert!(r.start <= r.end && r.end <= edited.len());
            prop_assert!(edited.is_char_boundary(r.start) && edited.is_char_boundary(r.end));
        }
        // An edit away from the passage and its context leaves it found as it was.
        if !anchor.quote.is_empty() && (to + 200 < anchor.start || at > anchor.end + 200) {
            prop_assert!(!matches!(found, Resolution::Orphan), "lost {:?}", anchor.quote);
            let r = found.range().unwrap();
            prop_assert_eq!(&edited[r], anchor.quote.as_str());
        }
    }

    #[test]
    fn anchors_from_anywhere_resolve_on_boundaries(
        body in text(), quote in text(), prefix in text(), suffix in text(), start in any::<usize>(), end in any::<usize>()
    ) {
        let anchor = Anchor { quote, prefix, suffix, start, end };
        if let Some(r) = resolve(&anchor, &body).range() {
            prop_assert!(r.start <= r.end && r.end <= body.len());
            prop_assert!(body.is_char_boundary(r.start) && body.is_char_boundary(r.end));
        }
    }

    #[test]
    fn search_hits_are_sorted_disjoint_and_on_boundaries(body in text(), q in text()) {
        let query = Query::parse(&q);
        let hits = find_all(&body, &query);
        for w in hits.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for h in &hits {
            prop_assert!(h.start < h.end && h.end <= body.len());
            prop_assert!(body.is_char_boundary(h.start) && body.is_char_boundary(h.end));
            let (snippet, marks) = rroom::search::fulltext::snippet(&body, h.clone(), &query);
            for m in marks {
                prop_assert!(m.end <= snippet.len() && snippet.is_char_boundary(m.start) && snippet.is_char_boundary(m.end));
            }
        }
    }

    #[test]
    fn truncation_fits_the_width(s in text(), max in 0usize..40) {
        let t = rroom::text::truncate(&s, max);
        prop_assert!(rroom::text::width(&t) <= max, "{:?} is wider than {}", t, max);
    }
}

/// Every input kept in `tests/fixtures/fuzz-regressions/<target>/` (crashes
/// the fuzzers found, and inputs worth keeping) through its target's checks.
#[test]
fn fuzz_regressions_replay() {
    let root = fixtures("fuzz-regressions");
    let mut replayed = 0;
    for (name, target) in fuzz_targets::TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let result = std::panic::catch_unwind(|| target(&data));
            assert!(result.is_ok(), "{name}: {} fails again", file.display());
            replayed += 1;
        }
    }
    assert!(replayed > 0, "no regression input found under {}", root.display());
    eprintln!("replayed {replayed} fuzz regression inputs");
}

/// The fixtures themselves, through the fuzz targets (as the fuzzers' seeds).
#[test]
fn fixtures_pass_the_fuzz_checks() {
    for dir in ["hostile", "unicode", "shape"] {
        for entry in std::fs::read_dir(fixtures(dir)).unwrap() {
            let data = std::fs::read(entry.unwrap().path()).unwrap();
            for (_, target) in fuzz_targets::TARGETS {
                target(&data);
            }
        }
    }
}
