use super::*;

const BODY: &str = "RASC News Agency: On the sidelines of the seventh round of the Moscow Format \
    consultations in Russia, Pakistan's Special Representative for Afghanistan, Mohammad Sadiq Khan, \
    held a 90-minute meeting with Amir Khan Muttaqi.\n\nThe two sides discussed border trade, the \
    situation of refugees and security along the Durand Line.\n\nOfficials said the talks were \
    constructive and would continue next month in Islamabad.";

fn anchor_on(body: &str, quote: &str) -> Anchor {
    let start = body.find(quote).unwrap();
    Anchor::capture(body, start..start + quote.len())
}

#[test]
fn capture_keeps_quote_and_context() {
    let a = anchor_on(BODY, "held a 90-minute meeting");
    assert_eq!(a.quote, "held a 90-minute meeting");
    assert_eq!(a.prefix.chars().count(), 32);
    assert!(a.prefix.ends_with("Mohammad Sadiq Khan, "));
    assert!(a.suffix.starts_with(" with Amir Khan"));
    assert_eq!(&BODY[a.start..a.end], a.quote);
}

#[test]
fn capture_at_the_edges_and_out_of_range() {
    let a = Anchor::capture("short text", 0..5);
    assert_eq!((a.prefix.as_str(), a.quote.as_str(), a.suffix.as_str()), ("", "short", " text"));
    let a = Anchor::capture("short text", 6..999);
    assert_eq!((a.quote.as_str(), a.end), ("text", 10));
    #[allow(clippy::reversed_empty_ranges)] // on purpose: a reversed range from a caller
    let a = Anchor::capture("short", 9..3);
    assert_eq!((a.quote.as_str(), a.start, a.end), ("", 3, 3));
}

#[test]
fn capture_widens_to_character_boundaries() {
    let body = "Kabul — Islamabad: «talks» 日本語";
    let dash = body.find('—').unwrap();
    let a = Anchor::capture(body, dash + 1..dash + 2);
    assert_eq!(a.quote, "—");
    let cjk = body.find('日').unwrap();
    let a = Anchor::capture(body, cjk + 1..cjk + 4);
    assert_eq!(a.quote, "日本");
    assert_eq!(resolve(&a, body), Resolution::Exact(cjk..cjk + 6));
}

#[test]
fn unchanged_body_is_exact() {
    let a = anchor_on(BODY, "border trade");
    assert_eq!(resolve(&a, BODY), Resolution::Exact(a.start..a.end));
}

#[test]
fn an_edit_elsewhere_moves_the_quote() {
    let a = anchor_on(BODY, "border trade");
    let edited = BODY.replacen("RASC News Agency: ", "", 1);
    let start = edited.find("border trade").unwrap();
    assert_eq!(resolve(&a, &edited), Resolution::Moved(start..start + "border trade".len()));
}

#[test]
fn a_moved_quote_is_found_by_its_context() {
    // "the talks" occurs in two places; the context picks the right one
    // even when the paragraphs trade places.
    let body = "Officials said the talks were constructive.\n\nLater, reporters asked about the talks \
        in Moscow.";
    let a = anchor_on(body, "the talks were");
    let swapped = "Later, reporters asked about the talks in Moscow.\n\nOfficials said the talks were \
        constructive.";
    let start = swapped.find("the talks were").unwrap();
    assert_eq!(resolve(&a, swapped), Resolution::Moved(start..start + 14));

    let start = body.rfind("the talks").unwrap();
    let a = Anchor::capture(body, start..start + "the talks".len());
    let swapped_start = swapped.find("the talks").unwrap();
    assert_eq!(resolve(&a, swapped), Resolution::Moved(swapped_start..swapped_start + 9));
}

#[test]
fn ties_go_to_the_nearest_occurrence() {
    let body = "alpha beta gamma. alpha beta gamma. alpha beta gamma.";
    let a = Anchor { quote: "beta".into(), prefix: String::new(), suffix: String::new(), start: 25, end: 29 };
    // Occurrences at 6, 24 and 42: 24 is nearest to 25.
    assert_eq!(resolve(&a, body), Resolution::Moved(24..28));
}

#[test]
fn a_lightly_edited_quote_is_fuzzy() {
    let quote = "held a 90-minute meeting with Amir Khan Muttaqi";
    let a = anchor_on(BODY, quote);
    let edited = BODY.replace("held a 90-minute meeting", "held a 95-minute meeting");
    let r = resolve(&a, &edited);
    let start = edited.find("held a 95").unwrap();
    assert_eq!(r.range(), Some(start..start + quote.len()), "{r:?}");
    assert_eq!(r.state(), AnchorState::Fuzzy);
    assert!(r.similarity().is_some_and(|s| s > 0.95 && s < 1.0), "{r:?}");
    assert!(!r.is_certain());

    // A word changed and the paragraph moved to the end.
    let quote = "The two sides discussed border trade, the situation of refugees";
    let a = anchor_on(BODY, quote);
    let moved = BODY.replace("The two sides discussed border trade, the situation of refugees and security along the Durand Line.\n\n", "")
        + "\n\nThe two sides discussed cross-border trade, the situation of refugees and security.";
    let r = resolve(&a, &moved);
    let start = moved.find("The two sides").unwrap();
    let end = start + "The two sides discussed cross-border trade, the situation of refugees".len();
    assert_eq!((r.state(), r.range()), (AnchorState::Fuzzy, Some(start..end)), "{r:?}");
}

#[test]
fn a_deleted_quote_is_an_orphan() {
    let quote = "border trade, the situation of refugees";
    let a = anchor_on(BODY, quote);
    let edited = BODY.replace(quote, "other matters");
    assert_eq!(resolve(&a, &edited), Resolution::Orphan);
    assert_eq!(resolve(&a, ""), Resolution::Orphan);
    // Rewritten beyond recognition.
    let edited = BODY.replace(quote, "bordering states, the plight of displaced people");
    assert_eq!(resolve(&a, &edited), Resolution::Orphan);
}

#[test]
fn a_short_word_elsewhere_is_no_evidence() {
    let body = "Kabul said no. Islamabad said yes.";
    let a = anchor_on(body, "no");
    let edited = "Kabul declined. Islamabad said yes. There is no deal.";
    assert_eq!(resolve(&a, edited), Resolution::Orphan);
}

#[test]
fn multibyte_text_resolves_on_boundaries() {
    let body = "Die Gespräche in Moskau – «konstruktiv» – über Grenzhandel und Flüchtlinge.";
    let a = anchor_on(body, "über Grenzhandel und Flüchtlinge");
    let edited = format!("Überschrift: ÄÖÜ 日本語.\n\n{body}");
    let start = edited.find("über Grenzhandel").unwrap();
    assert_eq!(resolve(&a, &edited), Resolution::Moved(start..start + a.quote.len()));
    let edited2 = edited.replace("über Grenzhandel und Flüchtlinge", "über den Grenzhandel und Flüchtlinge");
    match resolve(&a, &edited2) {
        Resolution::Fuzzy { range: r, .. } => {
            assert!(edited2.is_char_boundary(r.start) && edited2.is_char_boundary(r.end));
            assert_eq!(&edited2[r], "über den Grenzhandel und Flüchtlinge");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_stale_position_past_the_end_is_harmless() {
    let a = Anchor {
        quote: "Durand Line".into(),
        prefix: "along the ".into(),
        suffix: ".".into(),
        start: 10_000,
        end: 10_011,
    };
    let start = BODY.find("Durand Line").unwrap();
    assert_eq!(resolve(&a, BODY), Resolution::Moved(start..start + 11));
    let a = Anchor { start: 10_000, end: 10_003, ..anchor_on(BODY, "border trade, the situation") };
    let edited = BODY.replace("border trade", "border-trade");
    assert!(matches!(resolve(&a, &edited), Resolution::Fuzzy { .. }));
}

#[test]
fn a_long_quote_edited_inside_a_long_body_is_walked_to_its_place() {
    let mut body = String::new();
    for i in 0..400 {
        body.push_str(&format!("Paragraph {i} says something about talks, trade and the border. "));
    }
    assert!(body.len() > 20_000);
    let start = body.len() / 2;
    let a = Anchor::capture(&body, start..start + 2_000);
    let edited = format!("{}an edited stretch!!{}", &body[..start + 100], &body[start + 120..]);
    let r = resolve(&a, &edited);
    assert_eq!(r.state(), AnchorState::Fuzzy, "{r:?}");
    let range = r.range().unwrap();
    assert_eq!(range.start, start);
    assert!(range.end.abs_diff(start + 2_000) <= 2, "{range:?}");
}

#[test]
fn states_serialize_by_name() {
    for (state, name) in [
        (AnchorState::Exact, "exact"),
        (AnchorState::Moved, "moved"),
        (AnchorState::Fuzzy, "fuzzy"),
        (AnchorState::Orphaned, "orphaned"),
    ] {
        assert_eq!(state.name(), name);
        assert_eq!(serde_json::to_value(state).unwrap(), name);
    }
    assert!(Resolution::Exact(0..1).is_certain() && Resolution::Moved(0..1).is_certain());
    assert_eq!(Resolution::Orphan.state(), AnchorState::Orphaned);
    assert_eq!(Resolution::Orphan.similarity(), None);
}

const TEAMS: &str = "Officials met on Monday to review the week.\n\n\
    Team Alpha reported the convoy was stopped at the border crossing on Tuesday.\n\n\
    Team Beta reported the convoy was stopped at the border crossing on Tuesday.\n\n\
    Both teams are expected to file again next week.";

#[test]
fn a_look_alike_paragraph_is_not_taken_for_a_deleted_one() {
    let alpha = "Team Alpha reported the convoy was stopped at the border crossing on Tuesday.";
    let beta = alpha.replace("Alpha", "Beta");
    let a = anchor_on(TEAMS, alpha);
    let without_alpha = TEAMS.replace(&format!("{alpha}\n\n"), "");
    assert_eq!(resolve(&a, &without_alpha), Resolution::Orphan);
    // And the other way round: Beta's note when Beta's paragraph is gone.
    let b = anchor_on(TEAMS, &beta);
    let without_beta = TEAMS.replace(&format!("\n\n{beta}"), "");
    assert_eq!(resolve(&b, &without_beta), Resolution::Orphan);
}

#[test]
fn a_name_corrected_in_place_is_fuzzy_not_orphaned() {
    // The same passage, its name corrected where it stands: both sides of
    // the context still match, so it is the passage (uncertain: fuzzy).
    let alpha = "Team Alpha reported the convoy was stopped at the border crossing on Tuesday.";
    let a = anchor_on(TEAMS, alpha);
    let corrected = TEAMS.replacen("Team Alpha", "Team Alfa", 1);
    let r = resolve(&a, &corrected);
    assert_eq!(r.state(), AnchorState::Fuzzy, "{r:?}");
    let start = corrected.find("Team Alfa").unwrap();
    assert_eq!(r.range(), Some(start..start + alpha.len() - 1));
    // A typo fixed in a moved paragraph (no name changed) still follows it.
    let moved =
        format!("{}\n\n{}", TEAMS.replace(&format!("{alpha}\n\n"), ""), alpha.replace("stopped", "halted"));
    let r = resolve(&a, &moved);
    assert_eq!(r.state(), AnchorState::Fuzzy, "{r:?}");
}

#[test]
fn a_64k_paragraph_with_doubled_spaces_resolves_as_moved() {
    let words = ["convoy", "border", "talks", "trade", "Kabul", "Islamabad", "delegation", "said"];
    let mut para = String::new();
    let mut i = 0;
    while para.len() < 64_000 {
        para.push_str(words[i % words.len()]);
        para.push_str(if i % 17 == 16 { ". " } else { " " });
        i += 1;
    }
    let body = format!("Intro line.\n\n{para}\n\nOutro line.");
    let a = anchor_on(&body, para.trim_end());
    let doubled = body.replace(' ', "  ");
    let r = resolve(&a, &doubled);
    assert_eq!(r.state(), AnchorState::Moved, "{:?}", r.state());
    let range = r.range().unwrap();
    let para = para.trim_end();
    assert!(doubled[range].split_whitespace().eq(para.split_whitespace()), "the whole paragraph, no more");
}

#[test]
fn a_long_paragraph_with_spaced_out_words_and_an_edit_is_found_by_the_chunk_walk() {
    let mut para = String::new();
    for i in 0..300 {
        para.push_str(&format!("Sentence {i} of the report on the border talks and the trade. "));
    }
    let body = format!("Intro line.\n\n{para}\n\nOutro line.");
    let a = anchor_on(&body, para.trim_end());
    // Spaces doubled and a word changed: no longer the same text, whitespace aside.
    let edited = body.replace(' ', "  ").replacen("report", "account", 1);
    let r = resolve(&a, &edited);
    assert_eq!(r.state(), AnchorState::Fuzzy, "{:?}", r.state());
    let range = r.range().unwrap();
    assert!(edited[range.clone()].starts_with("Sentence  0"), "{}", &edited[range.start..range.start + 20]);
    assert!(edited[range].ends_with("trade."));
}
