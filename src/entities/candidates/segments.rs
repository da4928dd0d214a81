//! Stage 2, the second half: a run of capitalized words cut into
//! candidates: at "and", around a role ("Foreign Minister Ishaq Dar"),
//! stripped of openers and months, and emitted with its cues.

use super::*;

/// Cuts a run at "and" / "&" unless it ends in an organization word and
/// what comes before is not a known name of its own: "Belt and Road
/// Initiative" stays whole, "Islamabad and the Taliban" does not.
pub(super) fn split_and(
    cx: &Context,
    run: &[usize],
    heading: bool,
    buf: &mut String,
    out: &mut Vec<Candidate>,
) {
    let Some(&last) = run.last() else { return };
    let org_end = cx.has(last, class::ORG_WORD);
    let mut from = 0;
    for k in 0..run.len() {
        if !cx.is_and(run[k]) {
            continue;
        }
        // "Johnson & Johnson", "Marks & Spencer": "&" joins the words of one name.
        let ampersand = cx.toks[run[k]].is_punct('&');
        let next_connector = run.get(k + 1).is_some_and(|&n| cx.toks[n].is(LOWER));
        // "GM Europe and Best Buy Co Inc": a name that starts with a known
        // one or an acronym stands on its own.
        let known_before = cx.known(&run[from..k], buf)
            || (k > from + 1 && (cx.has(run[from], class::ORG) || cx.toks[run[from]].is(UPPER)));
        if ampersand && !known_before {
            continue;
        }
        // "Department for Education and Skills": an organization word, a
        // connector, then its fields.
        let fields = run[from..k].iter().take(2).any(|&w| cx.has(w, class::ORG_WORD))
            && run[from..k].iter().any(|&w| cx.word_is(w, "for") || cx.word_is(w, "of"))
            && run.len() - k <= 3
            && !next_connector;
        if fields {
            continue;
        }
        if !org_end || next_connector || known_before {
            split_role(cx, &run[from..k], heading, buf, out);
            from = k + 1;
        }
    }
    split_role(cx, &run[from..], heading, buf, out);
}

/// Splits a segment around its last role word: "Foreign Minister Ishaq Dar"
/// gives "Foreign" (no cue) and "Ishaq Dar" (role cue).
fn split_role(cx: &Context, seg: &[usize], heading: bool, buf: &mut String, out: &mut Vec<Candidate>) {
    if let [w] = *seg {
        // "Turkey" opening a sentence is a country even in an article that
        // mentions turkey; "Total" there is an ordinary word, not the company.
        let t = cx.toks[w];
        let opener = t.is(SENT) && !t.is(UPPER) && cx.has(w, class::COMMON);
        if cx.has(w, class::PLACE) || (cx.has(w, class::ORG) && !opener) {
            return emit(cx, seg, 0, heading, out);
        }
        return strip(cx, seg, 0, heading, buf, out);
    }
    if seg.is_empty() {
        return;
    }
    if cx.known(seg, buf) {
        return emit(cx, seg, 0, heading, out);
    }
    // "Nick Moran of Lock, Stock…": a person's name does not run on
    // through "of".
    if cx.has(seg[0], class::FIRST_NAME)
        && let Some(c) =
            seg.iter().position(|&w| cx.toks[w].is(LOWER) && cx.is_connector(w) && !cx.toks[w].is(HYPHEN))
        && (2..=3).contains(&c)
        && seg[..c].iter().all(|&w| cx.is_name_word(w))
        && !seg[..c].iter().any(|&w| cx.has(w, class::ORG_WORD))
    {
        strip(cx, &seg[..c], 0, heading, buf, out);
        return split_role(cx, &seg[c + 1..], heading, buf, out);
    }
    // A role word followed by a word that is not one (a capitalized word in
    // a run: connectors are lowercase).
    // A plural role inside a name is part of it ("Screen Actors Guild").
    // …but opening a sentence it is a role ("Compatriots Mulugeta Wondimu").
    let plural = |k: usize| {
        let w = cx.toks[seg[k]].text(cx.body);
        w.ends_with('s')
            && !cx.has(seg[k], class::HONORIFIC)
            && w.len() > 3
            && !(k == 0 && cx.toks[seg[0]].is(SENT))
    };
    let is_role = |k: usize| cx.toks[seg[k]].is(CAP) && cx.has(seg[k], class::ROLE) && !plural(k);
    let mut next_is_role = is_role(seg.len() - 1);
    let mut role_at = None;
    for k in (0..seg.len() - 1).rev() {
        let r = is_role(k);
        if r && !next_is_role {
            role_at = Some(k);
            break;
        }
        next_is_role = r;
    }
    // "Official Charts Company": a role word opening an organization's name.
    let org_name = cx.has(seg[seg.len() - 1], class::ORG_WORD)
        && !seg.iter().any(|&w| cx.has(w, class::FIRST_NAME | class::HONORIFIC));
    let Some(r) = role_at.filter(|_| !org_name) else { return strip(cx, seg, 0, heading, buf, out) };
    let mut g = r;
    while g > 0 && is_role(g - 1) {
        g -= 1;
    }
    strip(cx, &seg[..g], 0, heading, buf, out);
    let suffix = &seg[r + 1..];
    let cue = if cx.is_connector(suffix[0]) {
        0
    } else if (g..=r).any(|k| cx.has(seg[k], class::HONORIFIC)) {
        ROLE | HONORIFIC
    } else {
        ROLE
    };
    strip(cx, suffix, cue, heading, buf, out);
}

/// Strips what cannot start or end a name, then emits what is left.
fn strip(cx: &Context, seg: &[usize], cue: Cues, heading: bool, buf: &mut String, out: &mut Vec<Candidate>) {
    let mut seg = seg;
    while let Some((&w, rest)) = seg.split_first() {
        let t = cx.toks[w];
        let first_name = !rest.is_empty() && cx.has(w, class::FIRST_NAME);
        let opener = t.is(SENT) && !t.is(UPPER) && cx.has(w, class::COMMON);
        // "US" is not the pronoun.
        let known_caps = t.is(UPPER) && cx.has(w, class::PLACE | class::ORG);
        let ordinary = !first_name && !known_caps && (cx.has(w, class::STOP | class::TIME) || opener);
        let hyphened = rest.first().is_some_and(|&n| cx.toks[n].is(HYPHEN));
        // "R de Marigny", "A Masi" in a team list: an initial.
        let listed = cx.mark(w) & lines::PERSON != 0 && !rest.is_empty() && t.is(UPPER | CAP);
        if listed {
            break;
        }
        let drop = (cx.is_connector(w) && !hyphened)
            || !t.is_word()
            || (cx.letters(w) < 2 && !t.is(DOTTED))
            || ordinary;
        if !drop {
            break;
        }
        seg = rest;
    }
    while let Some((&w, rest)) = seg.split_last() {
        let channel = rest.last().is_some_and(|&r| cx.word_is(r, "Radio") || cx.word_is(r, "Channel"));
        if channel && cx.toks[w].is(DIGIT) {
            break;
        }
        if cx.is_connector(w) || !cx.toks[w].is_word() || (cx.letters(w) < 2 && !cx.toks[w].is(DOTTED)) {
            seg = rest;
        } else {
            break;
        }
    }
    // "Afghan Taliban" is the Taliban; "British Airways" keeps its adjective.
    if seg.len() > 1 && cx.has(seg[0], class::DEMONYM) && cx.known(&seg[1..], buf) {
        seg = &seg[1..];
    }
    // "Scot Kathy Butler", "Kenyan Susan Chepkemei": a demonym glued to a
    // person's name ("Irish Sports Council" keeps its adjective).
    if seg.len() > 2
        && cx.has(seg[0], class::DEMONYM)
        && !cx.toks[seg[1]].is(HYPHEN)
        && seg[1..]
            .iter()
            .all(|&w| cx.toks[w].is(CAP) && !cx.has(w, class::ORG_WORD | class::PLACE | class::ORG))
    {
        seg = &seg[1..];
    }
    // "Exchequer Gordon Brown", "Blairite Alan Milburn": a word glued before
    // a given name and a surname is not part of the person's name.
    if let Some(k) = glued_before_person(cx, seg, buf) {
        strip(cx, &seg[..k], 0, heading, buf, out);
        seg = &seg[k..];
    }
    if !seg.is_empty() {
        emit(cx, seg, cue, heading, out);
    }
}

/// Where a person's name starts in `seg` when capitalized words that are
/// neither given names nor titles come before a given name followed by a
/// surname ("Exchequer Gordon Brown", "Arsenal Thierry Henry"): the index
/// of that given name. `None` for a known name, an organization ("Bank
/// Julius Baer") or a run of given names ("Mohammad Sadiq Khan").
fn glued_before_person(cx: &Context, seg: &[usize], buf: &mut String) -> Option<usize> {
    if seg.len() < 3 || cx.known(seg, buf) {
        return None;
    }
    let plain = |w: usize| {
        let t = cx.toks[w];
        t.is_word()
            && t.is(CAP)
            && !t.is(UPPER)
            && !t.is(HYPHEN)
            && !cx.is_connector(w)
            && !cx.has(w, class::FIRST_NAME | class::HONORIFIC | class::ROLE | class::ORG_WORD)
            && cx.letters(w) >= 3
    };
    if seg.iter().any(|&w| cx.has(w, class::ORG_WORD)) {
        return None;
    }
    let k = seg.iter().position(|&w| cx.has(w, class::FIRST_NAME))?;
    let person = &seg[k..];
    (k > 0
        && person.len() >= 2
        && seg[..k].iter().all(|&w| plain(w))
        && person.iter().all(|&w| cx.toks[w].is_word() && cx.toks[w].is(CAP) && !cx.is_connector(w)))
    .then_some(k)
}

fn emit(cx: &Context, seg: &[usize], cue: Cues, heading: bool, out: &mut Vec<Candidate>) {
    let (first, last) = (seg[0], seg[seg.len() - 1]);
    let t = cx.toks[first];
    let acronym = seg.len() == 1 && t.is(UPPER) && (t.is(DOTTED) || (2..=6).contains(&cx.letters(first)));
    // "HK$327m", "US$42m": a currency.
    let after = cx.toks.get(last + 1);
    if acronym && after.is_some_and(|n| !n.is(SPACE) && matches!(n.kind, TokKind::Punct('$' | '£' | '€')))
    {
        return;
    }
    let mut c = Candidate {
        start: t.start,
        end: cx.toks[last].end,
        first,
        last: last + 1,
        heading,
        cues: 0,
        acronym,
        defines: None,
        plain: false,
    };
    if !heading {
        c.cues = cue | cues(cx, first, last);
    }
    // "the TTP, also known as the “Pakistan Taliban”": another name for it.
    if let Some(p) = also_known_as(cx, first)
        && let Some(prev) = out.last()
        && prev.last == p
        && !prev.heading
    {
        c.defines = Some(out.len() - 1);
    }
    if acronym
        && first >= 1
        && cx.toks[first - 1].is_punct('(')
        && cx.toks.get(last + 1).is_some_and(|t| t.is_punct(')'))
        && let Some(prev) = out.last()
        && prev.last + 1 == first
        && initials_match(cx, prev, t.text(cx.body))
    {
        c.defines = Some(out.len() - 1);
    }
    // "progressive multifocal leukoencephalopathy (PML)": the acronym of
    // ordinary words is no name.
    c.plain = acronym && c.defines.is_none() && defined_by_lowercase_words(cx, first, t.text(cx.body));
    out.push(c);
}
