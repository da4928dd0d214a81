//! Tests of the whole pipeline: the seeds, alias cases and odd input.

use super::*;
use crate::corpus::{ArticleId, Corpus, Origin, Paragraph};

/// An article made of paragraphs of the given kinds.
fn article(paragraphs: &[(&str, ParaKind)]) -> Article {
    let mut body = String::new();
    let mut paras = Vec::new();
    for (text, kind) in paragraphs {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        let start = body.len();
        body.push_str(text);
        paras.push(Paragraph { range: start..body.len(), kind: *kind });
    }
    Article {
        id: ArticleId("000000000000".into()),
        origin: Origin { path: "test".into(), line: None },
        title: "test".into(),
        source: None,
        dateline: None,
        section: None,
        url: None,
        published: None,
        words: body.split_whitespace().count(),
        body,
        paragraphs: paras,
    }
}

fn text(t: &str) -> Article {
    article(&t.split("\n\n").map(|p| (p, ParaKind::Text)).collect::<Vec<_>>())
}

fn seed(n: usize) -> Article {
    Corpus::seeds().articles.into_iter().nth(n).expect("five seeds")
}

fn find<'a>(ents: &'a [Entity], name: &str) -> Option<&'a Entity> {
    ents.iter().find(|e| e.name == name)
}

#[track_caller]
fn has<'a>(ents: &'a [Entity], name: &str, kind: EntityKind) -> &'a Entity {
    let e = find(ents, name).unwrap_or_else(|| panic!("no {name:?} in {:#?}", names(ents)));
    assert_eq!(e.kind, kind, "{name}");
    e
}

fn names(ents: &[Entity]) -> Vec<String> {
    ents.iter().map(|e| format!("{:?} {} ({})", e.kind, e.name, e.count())).collect()
}

/// Holds for any article: ranges sorted, disjoint, on char boundaries,
/// inside Text or Heading paragraphs; entities in the promised order.
#[track_caller]
fn check_invariants(a: &Article, ents: &[Entity]) {
    let mut all: Vec<&Range<usize>> = Vec::new();
    for e in ents {
        assert!(!e.name.is_empty() && e.count() > 0);
        assert_eq!(e.aliases.first(), Some(&e.name));
        for w in e.mentions.windows(2) {
            assert!(w[0].end <= w[1].start, "{e:?}");
        }
        for r in &e.mentions {
            assert!(r.start < r.end && r.end <= a.body.len());
            assert!(a.body.is_char_boundary(r.start) && a.body.is_char_boundary(r.end));
            let p = a.paragraphs.iter().find(|p| p.range.start <= r.start && r.end <= p.range.end);
            assert!(p.is_some_and(|p| p.kind != ParaKind::Boilerplate), "{r:?} outside the article proper");
        }
        all.extend(&e.mentions);
    }
    all.sort_by_key(|r| r.start);
    for w in all.windows(2) {
        assert!(w[0].end <= w[1].start, "overlapping mentions {w:?}");
    }
    for w in ents.windows(2) {
        let key = |e: &Entity| (e.kind, Reverse(e.count()), e.name.clone());
        assert!(key(&w[0]) <= key(&w[1]), "order: {:?} before {:?}", w[0].name, w[1].name);
    }
}

use std::cmp::Reverse;

#[test]
fn seed_001_people_organizations_places() {
    let a = seed(1);
    let ents = extract(&a);
    check_invariants(&a, &ents);
    for p in ["Sadiq Khan", "Amir Khan Muttaqi", "Nooruddin Azizi", "Faiz Mohammad Zaland"] {
        has(&ents, p, EntityKind::Person);
    }
    let ttp = has(&ents, "Tehrik-i-Taliban Pakistan", EntityKind::Organization);
    assert!(ttp.aliases.contains(&"TTP".to_string()), "{ttp:?}");
    assert_eq!(ttp.count(), 4);
    has(&ents, "Taliban", EntityKind::Organization);
    for p in ["Kabul", "Islamabad", "Torkham", "Paktia", "Paktika", "Khost", "Nuristan", "Pakistan", "India"]
    {
        has(&ents, p, EntityKind::Place);
    }
    // "KABUL" in the dateline is Kabul.
    assert!(find(&ents, "Kabul").unwrap().aliases.contains(&"KABUL".to_string()));
    // Not entities: demonyms, weekdays, sentence openers.
    for not in ["Pakistani", "Afghan", "Friday", "Saturday", "Despite", "During"] {
        assert!(find(&ents, not).is_none(), "{not} should not be an entity");
    }
    // "Khan" alone is Sadiq Khan: the only person whose surname it is
    // (Amir Khan Muttaqi's surname is Muttaqi).
    let khan = find(&ents, "Sadiq Khan").unwrap();
    assert_eq!(khan.count(), 4);
    assert!(khan.aliases.contains(&"Khan".to_string()));
    assert_eq!(find(&ents, "Amir Khan Muttaqi").unwrap().count(), 1);
}

#[test]
fn seed_000_short_name_resolves_to_full_name() {
    let a = seed(0);
    let ents = extract(&a);
    check_invariants(&a, &ents);
    let khan = has(&ents, "Mohammad Sadiq Khan", EntityKind::Person);
    assert!(khan.aliases.contains(&"Sadiq Khan".to_string()));
    assert_eq!(khan.count(), 3);
    assert_eq!(has(&ents, "Amir Khan Muttaqi", EntityKind::Person).count(), 1);
    has(&ents, "Ministry of Foreign Affairs", EntityKind::Organization);
    has(&ents, "Tehrik-e-Taliban Pakistan", EntityKind::Organization);
    has(&ents, "Durand Line", EntityKind::Place);
    has(&ents, "Central Asia", EntityKind::Place);
    for p in ["Russia", "China", "Iran", "Kabul", "Islamabad", "Afghanistan"] {
        has(&ents, p, EntityKind::Place);
    }
}

#[test]
fn seed_002_headings_and_acronyms() {
    let a = seed(2);
    let ents = extract(&a);
    check_invariants(&a, &ents);
    has(&ents, "Zabihullah Mujahid", EntityKind::Person);
    has(&ents, "Noor Wali Mehsud", EntityKind::Person);
    let ttp = has(&ents, "Tehreek-e-Taliban Pakistan", EntityKind::Organization);
    assert!(ttp.count() > 10, "{ttp:?}");
    for (org, acronym) in [
        ("Inter-Services Intelligence", "ISI"),
        ("Pakistan Peoples Party", "PPP"),
        ("Pakistan Tehreek-e-Insaf", "PTI"),
        ("Belt and Road Initiative", "BRI"),
    ] {
        let e = has(&ents, org, EntityKind::Organization);
        assert!(e.aliases.contains(&acronym.to_string()), "{e:?}");
    }
    for o in ["Pakistan Army", "Foreign Office", "Ministry of Interior", "NATO"] {
        has(&ents, o, EntityKind::Organization);
    }
    for p in ["Khyber Pakhtunkhwa", "Balochistan", "Kunar", "Nangarhar", "North Waziristan", "Spin Boldak"] {
        has(&ents, p, EntityKind::Place);
    }
    // Headings are not entities; names inside them are.
    assert!(ents.iter().all(|e| !e.name.contains("Crisis") && !e.name.contains("Dilemma")));
    let heading = a.body.find("The Roots of the Rift: TTP").unwrap();
    let ttp_at = heading + "The Roots of the Rift: ".len();
    assert!(ttp.mentions.iter().any(|r| r.start == ttp_at), "TTP in a heading counts");
    // "Pakistan" inside the TTP's name is not a mention of Pakistan.
    let pakistan = has(&ents, "Pakistan", EntityKind::Place);
    for r in &ttp.mentions {
        assert!(pakistan.mentions.iter().all(|p| p.end <= r.start || p.start >= r.end));
    }
}

#[test]
fn seed_003_boilerplate_is_skipped() {
    let a = seed(3);
    let ents = extract(&a);
    check_invariants(&a, &ents);
    let modi = has(&ents, "Narendra Modi", EntityKind::Person);
    assert!(modi.aliases.contains(&"Modi".to_string()));
    for p in ["Istanbul", "Doha", "New Delhi", "Kashmir", "Beijing", "Riyadh", "Ankara"] {
        has(&ents, p, EntityKind::Place);
    }
    // Only in the comments and the author's bio.
    for not in ["Pervez Musharraf", "Asim Munir", "Mazhar Siddique Khan", "Lahore"] {
        assert!(find(&ents, not).is_none(), "{not} is in boilerplate");
    }
    assert!(ents.iter().all(|e| !e.name.contains('@')));
}

#[test]
fn seed_004_case_variants_and_surnames() {
    let a = seed(4);
    let ents = extract(&a);
    check_invariants(&a, &ents);
    let mujahid = has(&ents, "Zabihullah Mujahid", EntityKind::Person);
    assert!(mujahid.aliases.contains(&"Mujahid".to_string()));
    assert_eq!(mujahid.count(), 2);
    let istanbul = has(&ents, "Istanbul", EntityKind::Place);
    assert!(istanbul.aliases.contains(&"ISTANBUL".to_string()));
    assert_eq!(istanbul.count(), 2);
    has(&ents, "Ayesha Khan", EntityKind::Person);
    has(&ents, "South Asia Institute", EntityKind::Organization);
    let cpec = has(&ents, "China-Pakistan Economic Corridor", EntityKind::Organization);
    assert!(cpec.aliases.contains(&"CPEC".to_string()));
    for p in ["Doha", "Turkey", "Kabul", "Islamabad"] {
        has(&ents, p, EntityKind::Place);
    }
    // The appeal and bank details at the end are boilerplate.
    assert!(find(&ents, "Dawat Media Center").is_none());
}

#[test]
fn every_seed_satisfies_the_invariants() {
    for a in &Corpus::seeds().articles {
        check_invariants(a, &extract(a));
    }
}

#[test]
fn acronym_definitions_merge() {
    let a =
        text("Tehrik-e-Taliban Pakistan (TTP) fighters attacked. The TTP denied it. Officials blamed TTP.");
    let ents = extract(&a);
    let ttp = has(&ents, "Tehrik-e-Taliban Pakistan", EntityKind::Organization);
    assert_eq!(ttp.aliases, ["Tehrik-e-Taliban Pakistan", "TTP"]);
    assert_eq!(ttp.count(), 4);
    assert!(find(&ents, "Pakistan").is_none());
    // A definition gives its kind to the acronym, a place included.
    let ents = extract(&text("Flights from the United Arab Emirates (UAE) resumed. The UAE said so."));
    assert_eq!(has(&ents, "United Arab Emirates", EntityKind::Place).count(), 3);
}

#[test]
fn short_names_and_shared_name_parts() {
    let a = text(
        "Taliban spokesman Zabihullah Mujahid spoke. Mujahid said talks would go on.\n\n\
         Mohammad Sadiq Khan met Amir Khan Muttaqi in Kabul. Sadiq Khan said Khan agreed.",
    );
    let ents = extract(&a);
    let m = has(&ents, "Zabihullah Mujahid", EntityKind::Person);
    assert_eq!(m.count(), 2);
    let k = has(&ents, "Mohammad Sadiq Khan", EntityKind::Person);
    assert_eq!(k.aliases, ["Mohammad Sadiq Khan", "Sadiq Khan", "Khan"], "the only one surnamed Khan");
    assert_eq!(has(&ents, "Amir Khan Muttaqi", EntityKind::Person).count(), 1);
    // With two people surnamed Khan, "Khan" alone is ambiguous; people who
    // share a name part stay apart.
    let a = text(
        "Mohammad Sadiq Khan met Amir Khan Muttaqi. Ayesha Khan, an analyst, and Advocate Mazhar Siddique \
         Khan disagreed. Sadiq Khan said Khan agreed. Muttaqi left.",
    );
    let ents = extract(&a);
    let people: Vec<&Entity> = ents.iter().filter(|e| e.kind == EntityKind::Person).collect();
    for name in ["Mohammad Sadiq Khan", "Amir Khan Muttaqi", "Ayesha Khan", "Mazhar Siddique Khan"] {
        let e = has(&ents, name, EntityKind::Person);
        assert!(!e.aliases.iter().any(|a| a == "Khan"), "{e:?}");
    }
    assert_eq!(has(&ents, "Amir Khan Muttaqi", EntityKind::Person).count(), 2, "Muttaqi");
    assert_eq!(has(&ents, "Mohammad Sadiq Khan", EntityKind::Person).count(), 2);
    assert!(find(&ents, "Khan").is_none(), "{:?}", names(&ents));
    assert_eq!(people.len(), 4, "{:?}", names(&ents));
}

#[test]
fn transliteration_variants_and_other_names_merge() {
    let ents = extract(&text(
        "The Tehrik-e-Taliban Pakistan (TTP) struck again. Tehreek-e-Taliban Pakistan fighters and \
         Tehrik-i-Taliban Pakistan commanders met. The TTP, also known as the “Pakistan Taliban”, denied it.",
    ));
    let ttp: Vec<&Entity> = ents.iter().filter(|e| e.kind == EntityKind::Organization).collect();
    assert_eq!(ttp.len(), 1, "{:?}", names(&ents));
    assert_eq!(ttp[0].count(), 6);
    assert!(ttp[0].answers_to("Pakistan Taliban") && ttp[0].answers_to("tehreek-e-taliban pakistan"));
    assert!(find(&ents, "Pakistan").is_none(), "{:?}", names(&ents));
    // Undefined acronyms, known aliases, short forms.
    let ents = extract(&text(
        "The Football Association will act, the FA said. The United States and the US agreed. \
         Tories and Conservatives met. Shares in computer firm Lenovo rose; Lenovo said so. \
         Giant Company Software was bought and Giant closed. He was held in Guantanamo Bay and \
         left Guantanamo. Jones, of the progressive multifocal leukoencephalopathy (PML) unit, said PML is rare.",
    ));
    assert!(has(&ents, "Football Association", EntityKind::Organization).answers_to("FA"));
    assert_eq!(has(&ents, "United States", EntityKind::Place).count(), 2);
    assert!(has(&ents, "Tories", EntityKind::Organization).answers_to("Conservatives"));
    assert_eq!(has(&ents, "Lenovo", EntityKind::Organization).count(), 2);
    assert!(has(&ents, "Giant Company Software", EntityKind::Organization).answers_to("Giant"));
    assert!(has(&ents, "Guantanamo Bay", EntityKind::Place).answers_to("Guantanamo"));
    assert!(find(&ents, "PML").is_none(), "{:?}", names(&ents));
}

#[test]
fn cues_type_unknown_names() {
    let ents = extract(&text(
        "R&B singer Usher led. Analysts said the band Metallica and Demos, a think-tank, agreed. \
         Ian Fogg, an analyst at Jupiter Research, spoke from Wembley, London. The Lahore-based \
         Zarak Gul said so. Forest manager Gary Megson spoke. Johnson & Johnson bought it for HK$3m. \
         Nick Moran of Lock, Stock and Two Smoking Barrels starred with Ruud van Nistelrooy.",
    ));
    has(&ents, "Usher", EntityKind::Person);
    has(&ents, "Metallica", EntityKind::Organization);
    has(&ents, "Demos", EntityKind::Organization);
    has(&ents, "Ian Fogg", EntityKind::Person);
    has(&ents, "Jupiter Research", EntityKind::Organization);
    has(&ents, "Wembley", EntityKind::Place);
    has(&ents, "Lahore", EntityKind::Place);
    has(&ents, "Forest", EntityKind::Organization);
    has(&ents, "Johnson & Johnson", EntityKind::Organization);
    has(&ents, "Nick Moran", EntityKind::Person);
    has(&ents, "Ruud van Nistelrooy", EntityKind::Person);
    assert!(find(&ents, "HK").is_none(), "{:?}", names(&ents));
    // A place inside the name of something else is not a mention of it.
    let ents = extract(&text("The Moscow Format met in Moscow. Nottingham Forest beat Forest Green."));
    assert_eq!(has(&ents, "Moscow", EntityKind::Place).count(), 1, "{:?}", names(&ents));
}

#[test]
fn titles_and_cues_make_people() {
    let ents = extract(&text(
        "Ms Hewitt told the BBC that Patricia Hewitt would stay. \
         Maternity pay will rise, said Faiz Mohammad Zaland, a political analyst. \
         Prime Minister Narendra Modi’s government agreed, and the Trade and Industry Secretary \
         Jane Doe said Mr. Blair would decide before the General Election.",
    ));
    assert_eq!(has(&ents, "Patricia Hewitt", EntityKind::Person).count(), 2);
    has(&ents, "Faiz Mohammad Zaland", EntityKind::Person);
    has(&ents, "Narendra Modi", EntityKind::Person);
    has(&ents, "Jane Doe", EntityKind::Person);
    has(&ents, "Blair", EntityKind::Person);
    has(&ents, "BBC", EntityKind::Organization);
    assert!(find(&ents, "Election").is_none() && find(&ents, "General Election").is_none());
    assert!(find(&ents, "Prime Minister Narendra Modi").is_none());
}

#[test]
fn headings_emails_and_boilerplate() {
    let a = article(&[
        ("Islamabad’s Dilemma: Carrot, Stick, or Both?", ParaKind::Heading),
        (
            "Relations between Islamabad and Kabul soured. Write to jane.doe@example.com or visit http://x.com/Kabul.",
            ParaKind::Text,
        ),
        ("Support Dawat Media Center in Oslo", ParaKind::Boilerplate),
    ]);
    let ents = extract(&a);
    assert_eq!(names(&ents), ["Place Islamabad (2)", "Place Kabul (1)"]);
}

#[test]
fn hyphenated_lists_split_and_possessives_drop() {
    let ents = extract(&text(
        "The Pakistan-Afghanistan border and the Islamabad-Kabul rift worry Pakistan’s allies.",
    ));
    assert_eq!(has(&ents, "Pakistan", EntityKind::Place).count(), 2);
    for p in ["Afghanistan", "Islamabad", "Kabul"] {
        has(&ents, p, EntityKind::Place);
    }
    let a = text("Taliban-led Afghanistan rejected anti-Pakistan claims.");
    let ents = extract(&a);
    has(&ents, "Taliban", EntityKind::Organization);
    has(&ents, "Afghanistan", EntityKind::Place);
    has(&ents, "Pakistan", EntityKind::Place);
}

#[test]
fn odd_input_never_panics() {
    let long_word = "A".repeat(100_000);
    let long_caps = "Kabul ".repeat(20_000);
    let marks = "e\u{301}\u{302}\u{303}".repeat(1000);
    let weird = [
        "",
        " ",
        "\n\n\n\n",
        "’s",
        "'s's's",
        "(TTP)",
        "((((",
        "A-",
        "-A-",
        "A.B.C.D.E.F.G.",
        "U.S.",
        "Mr.",
        "Mr. .",
        "The The The",
        "Khan (K",
        "(ABC) Foo Bar (FB)",
        "Tehrik-e-",
        "e-e-e-e",
        "Zürich’s Ǆemal 𝔄𝔟𝔠 İstanbul ǅ",
        "\u{301}\u{301} Kabul\u{301}",
        "🇵🇰 Pakistan 👍🏽 and Kabul",
        "مرحبا بكم في كابل Kabul",
        "日本語の Tokyo テキスト",
        "\0\u{1}\u{7f} Kabul \u{200b}\u{feff}",
        "@@@ a@b c@ @d http:// www.",
        "KABUL KABUL KABUL KABUL",
        "of of of Of Of Of and And AND",
        "Mr Mr Mr Mr",
        "President",
        long_word.as_str(),
        long_caps.as_str(),
        marks.as_str(),
    ];
    for w in weird {
        let a = text(w);
        check_invariants(&a, &extract(&a));
        let h = article(&[(w, ParaKind::Heading), (w, ParaKind::Text), (w, ParaKind::Boilerplate)]);
        check_invariants(&h, &extract(&h));
    }
    // Pseudo-random strings over a palette of awkward characters.
    let palette: Vec<char> =
        "Aa Zz-’'.(),:;\u{301}É éTTP Kabul of bin e\n\u{2014}@İıǅ日🇵🇰\u{200d}".chars().collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..200 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push(palette[(seed % palette.len() as u64) as usize]);
        }
        let a = text(&s);
        check_invariants(&a, &extract(&a));
    }
}

#[test]
fn bad_paragraph_ranges_are_ignored() {
    let mut a = text("Kabul and Islamabad");
    a.paragraphs.push(Paragraph { range: 5..1000, kind: ParaKind::Text });
    a.paragraphs.push(Paragraph { range: 0..9, kind: ParaKind::Text });
    a.paragraphs.push(Paragraph { range: 1..2, kind: ParaKind::Heading });
    let ents = extract(&a);
    check_invariants(&a, &ents);
    assert_eq!(names(&ents), ["Place Islamabad (1)", "Place Kabul (1)"]);
}

#[test]
fn surnames_prefixes_and_plurals() {
    let ents = extract(&text(
        "Fidel Castro's plan surprised Cuba. President Castro said so. The al-Qaeda network \
         denied it. The Tories and the Tory leader met Liberal Democrats.",
    ));
    let castro = has(&ents, "Fidel Castro", EntityKind::Person);
    assert_eq!(castro.aliases, ["Fidel Castro", "Castro"]);
    has(&ents, "al-Qaeda", EntityKind::Organization);
    let tories = has(&ents, "Tories", EntityKind::Organization);
    assert_eq!(tories.count(), 2, "{tories:?}");
}

#[test]
fn weak_cues_do_not_make_people() {
    let ents = extract(&text(
        "He won the King's Cup on President's Day. Tom Hanks starred in The Da Vinci Code, an \
         adaptation. Security sources said Turkey agreed. Total sales rose at the total store.",
    ));
    assert_eq!(names(&ents), ["Person Tom Hanks (1)", "Place Turkey (1)"]);
}

#[test]
fn a_name_run_together_is_the_same_entity() {
    let a = text(
        "Quarterly profits at US media giant TimeWarner jumped 76%, TimeWarner said. \
         Time Warner said on Friday that it now owns 8% of Google.",
    );
    let ents = extract(&a);
    check_invariants(&a, &ents);
    let tw: Vec<&Entity> =
        ents.iter().filter(|e| e.name.to_lowercase().replace(' ', "") == "timewarner").collect();
    assert_eq!(tw.len(), 1, "{ents:#?}");
    assert_eq!(tw[0].count(), 3, "{:?}", tw[0]);
}
