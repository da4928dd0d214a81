//! Stage 2, continued: the context cues around a candidate, and whether an
//! acronym in parentheses fits the name before it.

use super::candidates::{Candidate, Context};
use super::gazetteer::class;
use super::lines;
use super::tokenize::{CAP, HYPHEN, LOWER, POSS};

/// A role or title right before the name.
pub const ROLE: Cues = 1;
/// A title that can stand before a bare surname ("Mr", "President").
pub const HONORIFIC: Cues = 1 << 1;
/// A speech verb right after or before ("X said", "said X").
pub const SAID: Cues = 1 << 2;
/// An apposition after it: ", a ...", ", the ...", ", who ...", ", <role>".
pub const APPOS: Cues = 1 << 3;
/// "X province", "provinces of X".
pub const PLACE_CUE: Cues = 1 << 4;
/// Ends in a surname known as a person (set by typing, not here).
pub const SURNAME: Cues = 1 << 5;
/// Announced as an organization: "computer firm Lenovo", "analyst at
/// Gartner", "Forest manager Gary Megson", "Elan, the Irish drug firm".
pub const ORG: Cues = 1 << 6;

/// A lowercase role right before: "singer Usher", "striker Mido" (enough
/// for a single word; a capitalized role may be part of a name).
pub const LOWER_ROLE: Cues = 1 << 7;

/// Roles of people who work for an organization, after its name: "Forest
/// manager", "Microsoft spokesman".
const ORG_ROLES: &[&str] = &[
    "manager",
    "boss",
    "chairman",
    "chairwoman",
    "coach",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "striker",
    "captain",
    "skipper",
    "defender",
    "midfielder",
    "goalkeeper",
    "keeper",
    "winger",
    "prop",
    "flanker",
    "fly-half",
    "scrum-half",
    "shareholders",
    "shares",
    "fans",
    "supporters",
    "squad",
    "founder",
    "employees",
    "staff",
];

/// Nouns after a name that make it an organization: "Macworld magazine".
const ORG_AFTER: &[&str] =
    &["magazine", "newspaper", "website", "band", "studio", "label", "broadcaster", "channel", "network"];

/// Listed in a team list or scorer line ([`super::lines`]): a person.
pub const LISTED: Cues = 1 << 8;
/// A side in a match: a results line, "beat X", "against X", "X's
/// striker", a club in parentheses after a listed player. A place (not a
/// country) with this cue is a club.
pub const CLUB: Cues = 1 << 9;

/// A hint of a side in a sports report ("beat X", "against X", "X's
/// Steven Gerrard", "X manager"): enough to make a town a club, not to make
/// an unknown name one (tennis players are beaten too).
pub const CLUB_HINT: Cues = 1 << 10;

/// Words right before a side: "beat Chelsea", "against Newcastle".
const SIDE_BEFORE: &[&str] = &[
    "beat", "beating", "against", "v", "vs", "versus", "join", "joined", "joining", "rejoin", "face",
    "faces", "host", "hosts",
];
/// Words before "to", "with", "over", "at" that make the next name a side:
/// "at home to", "defeat to", "draw with", "win over", "win at".
const SIDE_BEFORE_2: &[&str] = &[
    "home", "defeat", "lost", "loss", "draw", "drew", "level", "win", "victory", "won", "away", "trip",
    "move", "transfer", "game", "games", "match", "debut",
];

/// The title of a work: after "film", "album", "novel"… or in quotes.
pub const WORK: Cues = 1 << 11;

/// Lowercase nouns right before the title of a work.
const WORK_NOUNS: &[&str] = &[
    "film",
    "films",
    "movie",
    "album",
    "single",
    "song",
    "track",
    "novel",
    "book",
    "show",
    "series",
    "sitcom",
    "drama",
    "comedy",
    "game",
    "musical",
    "play",
    "opera",
    "programme",
    "program",
    "documentary",
    "hit",
    "thriller",
    "biopic",
    "version",
    "sequel",
    "production",
    "exhibition",
    "painting",
];

/// Verbs after a person's name in reports ("Shearer headed in", "Kiely
/// saved"): like a speech verb.
const PERSON_VERBS: &[&str] = &[
    "scored",
    "netted",
    "headed",
    "struck",
    "fired",
    "saved",
    "crossed",
    "converted",
    "equalised",
    "equalized",
    "volleyed",
    "slotted",
    "nodded",
    "chipped",
    "curled",
    "blasted",
    "tapped",
    "dribbled",
    "replaced",
    "captained",
    "kicked",
    "sprinted",
    "bowled",
    "batted",
    "smashed",
    "hit",
    "clocked",
    "finished",
    "denied",
];

/// The type of the cue bits.
pub type Cues = u16;

/// Context cues around the words `first..=last`.
pub fn cues(cx: &Context, first: usize, last: usize) -> Cues {
    let mut cues = 0;
    let mark = cx.mark(first) | cx.mark(last);
    if mark & lines::PERSON != 0 {
        cues |= LISTED;
    }
    if mark & lines::SIDE != 0 {
        cues |= CLUB;
    }
    if mark & lines::DATELINE != 0 {
        cues |= PLACE_CUE;
    }
    let before = |k: usize| first.checked_sub(k);
    let word = |i: usize, text: &str| cx.word_is(i, text);
    if let Some(p) = before(1) {
        // "spokesman Zabihullah Mujahid", "spokesperson, Zabihullah Mujahid"
        let p = if cx.toks[p].is_punct(',') { before(2) } else { Some(p) };
        // Not "the King's Cup", "President's Day".
        if let Some(p) = p.filter(|&p| cx.toks[p].is_word() && !cx.toks[p].is(POSS)) {
            if cx.has(p, class::ROLE) {
                cues |= ROLE;
                if cx.toks[p].is(LOWER) {
                    cues |= LOWER_ROLE;
                }
            }
            if cx.lower_word(p, class::ORG_NOUN) && !cx.toks[p].is(POSS) {
                cues |= ORG;
            }
            if cx.has(p, class::HONORIFIC) {
                cues |= HONORIFIC;
            }
        }
    }
    if let Some(p) = before(1) {
        let according = word(p, "to") && before(2).is_some_and(|q| word(q, "according"));
        if cx.lower_word(p, class::SPEECH) || according {
            cues |= SAID;
        }
        if word(p, "of") && before(2).is_some_and(|q| cx.lower_word(q, class::PLACE_NOUN)) {
            cues |= PLACE_CUE;
        }
        // "an analyst at Gartner", "shares in Elan".
        let at = (word(p, "at") && before(2).is_some_and(|q| cx.lower_word(q, class::ROLE)))
            || ((word(p, "in") || word(p, "of"))
                && before(2).is_some_and(|q| word(q, "shares") || word(q, "stake")));
        if at {
            cues |= ORG;
        }
    }
    let next = last + 1;
    // "Yukos said in a statement": people speak, organizations issue
    // statements.
    let statement = ["said", "in", "a", "statement"].iter().enumerate().all(|(k, w)| cx.word_is(next + k, w));
    if statement {
        cues |= ORG;
    }
    if cx.sporty {
        cues |= side_hint(cx, first, last);
    }
    if let Some(p) = first.checked_sub(1) {
        let t = cx.toks[p];
        let quote = matches!(t.kind, super::tokenize::TokKind::Punct('"' | '“' | '‘'));
        if quote || (t.is_word() && t.is(LOWER) && WORK_NOUNS.contains(&t.text(cx.body))) {
            cues |= WORK;
        }
    }
    if cx.lower_word(next, class::SPEECH)
        || cx.toks.get(next).is_some_and(|t| t.is(LOWER) && PERSON_VERBS.contains(&t.text(cx.body)))
    {
        cues |= SAID;
    }
    // "replaced by Nunez", "a cross from Beardsley".
    if let (Some(p), Some(q)) = (first.checked_sub(1), first.checked_sub(2)) {
        let play = ["cross", "pass", "header", "free-kick", "corner", "shot"].iter().any(|w| word(q, w));
        if (word(p, "by") && word(q, "replaced")) || (word(p, "from") && play) {
            cues |= SAID;
        }
    }
    if cx.lower_word(next, class::PLACE_NOUN) {
        cues |= PLACE_CUE;
    }
    let after = cx.toks.get(next).filter(|t| t.is_word() && t.is(LOWER)).map(|t| t.text(cx.body));
    if let Some(w) = after {
        // "Lahore-based": a place.
        if w == "based" && cx.toks[next].is(HYPHEN) {
            cues |= PLACE_CUE;
        } else if !cx.toks[next].is(HYPHEN) && (ORG_ROLES.contains(&w) || ORG_AFTER.contains(&w)) {
            cues |= ORG;
        }
    }
    if cx.toks.get(next).is_some_and(|t| t.is_punct(',')) {
        match apposition(cx, next + 1) {
            Some(Apposition::Person) => cues |= APPOS,
            Some(Apposition::Org) => cues |= ORG,
            None => {}
        }
        // "Wembley, London": a place in a known place.
        let in_place = cx.toks.get(next + 1).is_some_and(|t| t.is(CAP))
            && cx.has(next + 1, class::PLACE)
            && cx.toks.get(next + 2).is_none_or(|t| !t.is_word() || t.is(LOWER));
        if in_place && !cx.has(next + 1, class::ORG) {
            cues |= PLACE_CUE;
        }
    }
    cues
}

/// [`CLUB_HINT`] when the words around `first..=last` say it is a side.
fn side_hint(cx: &Context, first: usize, last: usize) -> Cues {
    let lower = |i: usize, list: &[&str]| {
        cx.toks.get(i).is_some_and(|t| t.is_word() && t.is(LOWER) && list.contains(&t.text(cx.body)))
    };
    if let Some(p) = first.checked_sub(1) {
        if lower(p, SIDE_BEFORE) {
            return CLUB_HINT;
        }
        let link = ["to", "with", "over", "at", "from", "for"];
        if lower(p, &link) && p.checked_sub(1).is_some_and(|q| lower(q, SIDE_BEFORE_2)) {
            return CLUB_HINT;
        }
    }
    let next = last + 1;
    // "Liverpool's Steven Gerrard", "Newcastle manager", "Everton beat …".
    let poss_name = cx.toks[last].is(POSS) && cx.toks.get(next).is_some_and(|t| t.is_word() && t.is(CAP));
    let after = [
        "manager",
        "boss",
        "striker",
        "midfielder",
        "defender",
        "goalkeeper",
        "keeper",
        "winger",
        "fans",
        "supporters",
        "squad",
        "beat",
        "drew",
        "thrashed",
        "coach",
        "captain",
        "skipper",
        "chairman",
        "side",
        "team",
        "player",
        "players",
        "centre",
        "prop",
        "flanker",
        "lock",
        "hooker",
        "wing",
        "full-back",
        "fly-half",
        "scrum-half",
        "forward",
        "have",
        "are",
        "were",
        "youngster",
        "team-mate",
        "director",
    ];
    if poss_name || (!cx.toks.get(next).is_some_and(|t| t.is(HYPHEN)) && lower(next, &after)) {
        return CLUB_HINT;
    }
    0
}

/// What an apposition after a name says it is.
enum Apposition {
    Person,
    Org,
}

/// Does an apposition describing a person or an organization start at token
/// `i`: "who ...", "director general ...", or "a/an/the/once the" and a role
/// or an organization noun within a few words ("a political analyst", "the
/// Taliban’s acting foreign minister", "the aid agency she works for")?
fn apposition(cx: &Context, i: usize) -> Option<Apposition> {
    let word = |i: usize, text: &str| cx.word_is(i, text);
    if word(i, "who") || word(i, "whose") || cx.lower_word(i, class::ROLE) {
        return Some(Apposition::Person);
    }
    // "Atherton, 28, was bowled": an age.
    let age = cx.toks.get(i).is_some_and(|t| {
        let w = t.text(cx.body);
        t.is_word() && (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
    });
    if age && cx.toks.get(i + 1).is_some_and(|t| t.is_punct(',')) {
        return Some(Apposition::Person);
    }
    let i = if word(i, "once") || word(i, "now") { i + 1 } else { i };
    if !(word(i, "a") || word(i, "an") || word(i, "the") || word(i, "one")) {
        return None;
    }
    let mut k = i + 1;
    let mut words = 0;
    while words < 6 {
        let t = cx.toks.get(k)?;
        if t.is_punct('\'') || t.is_punct('\u{2019}') {
            k += 1;
            continue;
        }
        if !t.is_word() {
            return None;
        }
        if t.is(LOWER) && !t.is(POSS) {
            if cx.has(k, class::ROLE) {
                return Some(Apposition::Person);
            }
            if cx.has(k, class::ORG_NOUN) {
                return Some(Apposition::Org);
            }
            if matches!(
                t.text(cx.body),
                "of" | "in" | "at" | "for" | "on" | "with" | "to" | "from" | "by" | "and"
            ) {
                return None;
            }
        }
        words += 1;
        k += 1;
    }
    None
}

/// Does the acronym fit the name before it? Its letters must follow the
/// initials of the name's words and hyphen parts (or its capitals), starting
/// with the first.
pub fn initials_match(cx: &Context, name: &Candidate, acronym: &str) -> bool {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphanumeric()).collect();
    let initials: Vec<char> = cx.toks[name.first..name.last]
        .iter()
        .filter(|t| t.is_word())
        .filter_map(|t| t.text(cx.body).chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    let capitals: Vec<char> =
        cx.body.get(name.start..name.end).unwrap_or("").chars().filter(|c| c.is_uppercase()).collect();
    let fits = |source: &[char]| {
        source.first().is_some_and(|f| letters.first() == Some(f)) && {
            let mut it = source.iter();
            letters.iter().all(|l| it.any(|c| c == l))
        }
    };
    letters.len() >= 2 && (fits(&initials) || fits(&capitals))
}
