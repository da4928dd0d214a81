//! Stage 3: typing.
//!
//! Candidates of the running text are grouped by their normalized key into
//! surfaces (one per distinct name, case-insensitive), the cues of all
//! their mentions pooled, and each surface is typed from the gazetteers and
//! those cues. An acronym defined in parentheses takes the kind of the name
//! it abbreviates. Headings are left to the alias stage: there only names
//! already known count.

use super::EntityKind;
use super::candidates::Candidate;
use super::cues::{
    APPOS, CLUB, CLUB_HINT, Cues, HONORIFIC, LISTED, LOWER_ROLE, ORG, PLACE_CUE, ROLE, SAID, SURNAME, WORK,
};
use super::gazetteer::{
    self as gz, ACRONYM_STOP, COUNTRIES, DEMONYMS, FIRST_NAMES, FastMap, FastSet, NOT_NAMES, ORG_WORDS,
    ORGANIZATIONS, PLACE_WORDS, PLACES, ROLES, STOPWORDS, SURNAMES, TIME_WORDS, VARIANTS,
};

/// One distinct name (by normalized key) and what is known of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    pub key: String,
    pub kind: Option<EntityKind>,
    /// Cues pooled over all its mentions in the running text.
    pub cues: Cues,
    /// Every mention of it is a single all-caps word of 2–6 letters.
    pub acronym: bool,
    /// Mentions in the running text.
    pub mentions: usize,
    /// Byte offset of its first mention.
    pub first: usize,
    /// Defined as the acronym of ordinary words: never a name.
    pub plain: bool,
}

impl Surface {
    pub fn new(key: String, first: usize) -> Surface {
        Surface { key, kind: None, cues: 0, acronym: true, mentions: 0, first, plain: false }
    }

    /// Words and hyphen parts ("tehrik-i-taliban pakistan" has four).
    pub fn parts(&self) -> usize {
        self.key.split([' ', '-']).count()
    }
}

/// Surfaces, and which surface each candidate is a mention of.
#[derive(Debug, Default)]
pub struct Typed {
    pub surfaces: Vec<Surface>,
    pub by_key: FastMap<String, usize>,
    /// The surface of each candidate; `None` for candidates in headings.
    pub of_candidate: Vec<Option<usize>>,
    /// (acronym surface, full-name surface) pairs.
    pub acronyms: Vec<(usize, usize)>,
}

impl Typed {
    /// The surface with `key`, created if new.
    pub fn surface(&mut self, key: &str, first: usize) -> usize {
        if let Some(&s) = self.by_key.get(key) {
            return s;
        }
        self.surfaces.push(Surface::new(key.to_string(), first));
        self.by_key.insert(key.to_string(), self.surfaces.len() - 1);
        self.surfaces.len() - 1
    }
}

/// Groups the candidates into surfaces and types them.
pub fn type_candidates(body: &str, cands: &[Candidate], common: &FastSet<&str>) -> Typed {
    let mut typed = Typed::default();
    let mut key = String::new();
    for c in cands {
        if c.heading {
            typed.of_candidate.push(None);
            continue;
        }
        gz::normalize_into(body.get(c.start..c.end).unwrap_or(""), &mut key);
        let s = typed.surface(&key, c.start);
        let surface = &mut typed.surfaces[s];
        surface.cues |= c.cues;
        surface.acronym &= c.acronym;
        surface.plain |= c.plain;
        surface.mentions += 1;
        typed.of_candidate.push(Some(s));
    }
    for s in &mut typed.surfaces {
        s.kind = if s.plain { None } else { classify(&s.key, s.cues, s.acronym, common) };
    }
    // "President Castro" ... "Fidel Castro": a full name ending in a surname
    // known as a person is that person.
    let surnames: FastSet<String> = (typed.surfaces.iter())
        .filter(|s| s.kind == Some(EntityKind::Person) && !s.key.contains(' '))
        .map(|s| s.key.clone())
        .collect();
    if !surnames.is_empty() {
        for s in &mut typed.surfaces {
            let ends_in_surname = s.key.rsplit_once(' ').is_some_and(|(_, last)| surnames.contains(last));
            if s.kind.is_none() && !s.acronym && ends_in_surname {
                s.kind = classify(&s.key, s.cues | SURNAME, false, common);
            }
        }
    }
    // "Matt Holland" ... "Holland 14": a bare word that ends a person's full
    // name in the article is that person, even when it is also a town (a
    // country is still the country, unless a team list says otherwise).
    let last_names: FastSet<String> = (typed.surfaces.iter())
        .filter(|s| s.kind == Some(EntityKind::Person))
        .filter_map(|s| s.key.rsplit_once(' ').map(|(_, last)| last.to_string()))
        .collect();
    if !last_names.is_empty() {
        for s in &mut typed.surfaces {
            let carried = s.kind.is_none_or(|k| k == EntityKind::Place)
                && !s.acronym
                && !s.key.contains(' ')
                && s.cues & (PLACE_CUE | CLUB | CLUB_HINT) == 0
                && !COUNTRIES.contains(s.key.as_str())
                && last_names.contains(&s.key);
            if carried {
                s.kind = Some(EntityKind::Person);
            }
        }
    }
    for (i, c) in cands.iter().enumerate() {
        let (Some(d), Some(&Some(a))) = (c.defines, typed.of_candidate.get(i)) else { continue };
        let Some(&Some(f)) = typed.of_candidate.get(d) else { continue };
        if a == f {
            continue;
        }
        let kind = match (typed.surfaces[f].kind, typed.surfaces[a].kind) {
            (Some(k), _) => k,
            (None, Some(EntityKind::Place)) => EntityKind::Place,
            (None, _) => EntityKind::Organization,
        };
        typed.surfaces[f].kind = Some(kind);
        typed.surfaces[a].kind = Some(kind);
        typed.acronyms.push((a, f));
    }
    typed
}

const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "upper",
    "lower",
    "greater",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
];

/// The kind of a name from its normalized key and pooled cues, or `None`
/// when nothing says what it is.
pub fn classify(key: &str, cues: Cues, acronym: bool, common: &FastSet<&str>) -> Option<EntityKind> {
    use EntityKind::*;
    if key.is_empty() {
        return None;
    }
    // "La" of "La Scala" alone is not "LA".
    if !acronym && gz::is_connector(key) {
        return None;
    }
    if let Some(kind) = by_shape(key, cues, acronym) {
        return Some(kind);
    }
    if PLACES.contains(key) {
        return Some(Place);
    }
    if ORGANIZATIONS.contains(key) {
        return Some(Organization);
    }
    // "Al-Jazeera" is the "Al Jazeera" of the list.
    if !acronym
        && (key.contains('-') || !key.is_ascii())
        && let Some(&kind) = VARIANTS.get(&crate::entities::fold::variant_of_key(key))
    {
        return Some(kind);
    }
    if acronym {
        // "ADEN 1996-08-30": a dateline's town in capitals.
        if cues & PLACE_CUE != 0 && cues & ORG == 0 {
            return Some(Place);
        }
        let ordinary = ACRONYM_STOP.contains(key) || common.contains(key) || STOPWORDS.contains(key);
        return (!ordinary).then_some(Organization);
    }
    let words: Vec<&str> = key.split(' ').collect();
    let n = words.len();
    // "Screen Actors Guild Award", "FA Cup", "Cannes Film Festival": prizes
    // and events, none of the three kinds.
    if n >= 2 && EVENT_HEADS.contains(&words[n - 1]) {
        return None;
    }
    let single = n == 1 && !key.contains('-');
    if single {
        // "the Herald newspaper": an organization word that the text calls
        // an organization.
        let named_org = ORG_WORDS.contains(key) && cues & ORG != 0 && !common.contains(key);
        let ordinary = STOPWORDS.contains(key)
            || DEMONYMS.contains(key)
            || TIME_WORDS.contains(key)
            || (ORG_WORDS.contains(key) && !named_org)
            || ROLES.contains(key)
            || common.contains(key);
        if ordinary {
            return None;
        }
        // "Hypovereinsbank", "Gazpromneft", "Ryanair": a company's word.
        let company_word = key.chars().count() >= 7
            && ["bank", "neft", "soft", "corp", "tech", "com", "air", "tel"].iter().any(|s| key.ends_with(s))
            && !key.ends_with("hotel");
        if company_word && cues & (HONORIFIC | LOWER_ROLE) == 0 {
            return Some(Organization);
        }
        // The strongest cue first: what the text calls it.
        if cues & ORG != 0 && cues & HONORIFIC == 0 {
            return Some(Organization);
        }
        if cues & HONORIFIC != 0 {
            return Some(Person);
        }
        if cues & PLACE_CUE != 0 {
            return Some(Place);
        }
        // "Witnesses said", "Traders were": a plural is no one's name.
        let plural = key.ends_with('s') && !key.ends_with("ss") && !SURNAMES.contains(key);
        if plural && cues & (LOWER_ROLE | HONORIFIC) == 0 {
            return None;
        }
        return (cues & (LOWER_ROLE | SAID | APPOS) != 0).then_some(Person);
    }
    let given = FIRST_NAMES.contains(words[0].split('-').next().unwrap_or(""));
    // "BBC Sport", "Labour Party", "Ministry of Interior", "Pakistan Army";
    // but "Jim Press" and "Dwain Chambers" are people.
    // "Jim Press" and "Dwain Chambers" are people, "AMR Corp" is not.
    let surname_like = matches!(
        words[n - 1],
        "press"
            | "chambers"
            | "post"
            | "court"
            | "bank"
            | "banks"
            | "church"
            | "hall"
            | "house"
            | "front"
            | "board"
            | "guild"
            | "trust"
            | "fund"
            | "office"
            | "league"
            | "times"
            | "herald"
            | "union"
            | "society"
            | "chamber"
            | "force"
            | "center"
            | "centre"
            | "network"
            | "exchange"
            | "watch"
            | "format"
            | "unit"
            | "gallery"
    );
    let org_word = gz::has_org_word(key) && !(given && n == 2 && surname_like);
    if org_word {
        return Some(Organization);
    }
    // "Chevrolet Avalanche", "Windows XP": a known name and a model is a
    // product; "Sony Ericsson" is in the list.
    if ORGANIZATIONS.contains(words[0]) && !given {
        // …but "GM Europe" is a company's branch.
        return (n > 2 || PLACES.contains(words[n - 1])).then_some(Organization);
    }
    if (cues & ORG != 0 && cues & HONORIFIC == 0 && !given) || key.contains(" & ") {
        return Some(Organization);
    }
    let last = words[n - 1];
    // "Jim Press" is a person, but "Dean Street" a place.
    let clear_place_word = matches!(
        last,
        "street"
            | "road"
            | "avenue"
            | "airport"
            | "river"
            | "province"
            | "district"
            | "county"
            | "region"
            | "canal"
    );
    if PLACE_WORDS.contains(last) && (!(given && n == 2) || clear_place_word) {
        return Some(Place);
    }
    if DIRECTIONS.contains(&words[0]) && PLACES.contains(key.split_once(' ').map_or("", |(_, rest)| rest)) {
        return Some(Place);
    }
    if is_person(&words, cues, common) {
        return Some(Person);
    }
    (cues & PLACE_CUE != 0 && n <= 3).then_some(Place)
}

/// What a team list or a match says a name is: a listed player is a person
/// (even "Scotland" or "Holland"), a side is a club (a town's name too,
/// but a country stays a place).
fn by_shape(key: &str, cues: Cues, acronym: bool) -> Option<EntityKind> {
    if acronym {
        return None;
    }
    let ordinary = |w: &str| STOPWORDS.contains(w) || TIME_WORDS.contains(w) || ROLES.contains(w);
    if cues & LISTED != 0 && cues & CLUB == 0 {
        let words: Vec<&str> = key.split(' ').collect();
        // An initial ("A. Stewart") is no ordinary word.
        let ok = words.len() <= 4
            && !ORGANIZATIONS.contains(key)
            && !words.iter().any(|w| w.len() > 1 && ordinary(w));
        return ok.then_some(EntityKind::Person);
    }
    if COUNTRIES.contains(key) {
        return None;
    }
    let side = cues & CLUB != 0 || (cues & CLUB_HINT != 0 && PLACES.contains(key));
    (side && cues & LISTED == 0 && !ordinary(key)).then_some(EntityKind::Organization)
}

/// Last words of the names of prizes and events.
pub(super) const EVENT_HEADS: &[&str] = &[
    "award",
    "awards",
    "prize",
    "prizes",
    "trophy",
    "cup",
    "medal",
    "medals",
    "festival",
    "olympics",
    "championship",
    "championships",
    "tournament",
    "games",
];

/// Small words inside a person's name.
const PERSON_PARTICLES: &[&str] = &[
    "van", "von", "de", "del", "della", "der", "den", "di", "da", "du", "bin", "ibn", "bint", "le", "la",
    "dos", "das",
];

/// Could these words be a person's name, given the cues?
fn is_person(words: &[&str], cues: Cues, common: &FastSet<&str>) -> bool {
    let n = words.len();
    let plain = words.iter().all(|w| {
        (!gz::is_connector(w) || gz::is_person_connector(w))
            && !STOPWORDS.contains(*w)
            && !DEMONYMS.contains(*w)
    });
    let given = words[0].split('-').next().unwrap_or("");
    // "Moscow Format, the ..." is not a person; "George Washington" is.
    // "Milan Mandaric said": a town's name can be a given name when the
    // text says it is a person.
    let cued = cues & (ROLE | SAID | APPOS | HONORIFIC) != 0 && !COUNTRIES.contains(words[0]);
    let place_first = PLACES.contains(words[0]) && !FIRST_NAMES.contains(given) && !cued;
    if !plain || place_first || !(1..=4).contains(&n) {
        return false;
    }
    if n >= 2 && FIRST_NAMES.contains(given) {
        return true;
    }
    // "Ruud van Nistelrooy", "Osama bin Laden".
    if n >= 3 && words[1..n - 1].iter().any(|w| PERSON_PARTICLES.contains(w)) {
        return true;
    }
    // "Polly Adams": a name that is nothing else, and a common surname.
    if n == 2
        && SURNAMES.contains(words[1])
        && !common.contains(words[0])
        && !PLACES.contains(words[0])
        && !ORGANIZATIONS.contains(words[0])
        && !ROLES.contains(words[0])
        && !ORG_WORDS.contains(words[0])
        && !TIME_WORDS.contains(words[0])
        && words[0].chars().count() >= 2
    {
        return true;
    }
    // "Carolina Kluft", "Marlon Devonish": two or three words that are
    // nothing else the lists know, never seen in lowercase.
    if (2..=3).contains(&n) && !gz::is_connector(words[0]) && !gz::is_connector(words[n - 1]) {
        let name_like = |w: &&str| {
            gz::is_person_connector(w)
                || (w.chars().count() >= 2
                    && w.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '-')
                    && !w.split('-').any(|p| PLACES.contains(p) || DEMONYMS.contains(p))
                    && !common.contains(*w)
                    && !PLACES.contains(*w)
                    && !ORGANIZATIONS.contains(*w)
                    && !ORG_WORDS.contains(*w)
                    && !ROLES.contains(*w)
                    && !TIME_WORDS.contains(*w)
                    && !PLACE_WORDS.contains(*w)
                    && !NOT_NAMES.contains(*w))
        };
        // "Goodbody Stockbrokers", "Deluxe Films": a plural is no surname.
        let last = words[n - 1];
        let plural = last.ends_with('s') && !SURNAMES.contains(last) && !last.ends_with("ss");
        if cues & WORK == 0 && !plural && words.iter().all(name_like) {
            return true;
        }
    }
    let ordinary_end = common.contains(words[n - 1]) || TIME_WORDS.contains(words[n - 1]);
    let cued = (cues & (ROLE | SAID | APPOS | SURNAME) != 0 && (2..=3).contains(&n))
        || (cues & HONORIFIC != 0 && n <= 3);
    cued && !ordinary_end
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityKind::*;

    fn kind(key: &str, cues: Cues) -> Option<EntityKind> {
        classify(key, cues, false, &FastSet::from_iter(["election", "security"]))
    }

    #[test]
    fn gazetteers_and_words() {
        assert_eq!(kind("kabul", 0), Some(Place));
        assert_eq!(kind("khyber pakhtunkhwa", 0), Some(Place));
        assert_eq!(kind("taliban", 0), Some(Organization));
        assert_eq!(kind("tehrik-i-taliban pakistan", 0), Some(Organization));
        assert_eq!(kind("ministry of foreign affairs", 0), Some(Organization));
        assert_eq!(kind("durand line", 0), Some(Place));
        assert_eq!(kind("north waziristan", 0), Some(Place));
        assert_eq!(kind("southern helmand", 0), Some(Place));
        assert_eq!(kind("pakistani", 0), None);
        assert_eq!(kind("jaffer express", 0), None);
        assert_eq!(kind("screen actors guild award", ORG), None, "a prize");
        assert_eq!(kind("fa cup", 0), None, "a competition");
    }

    #[test]
    fn people_from_cues_and_given_names() {
        assert_eq!(kind("ayesha khan", 0), Some(Person));
        assert_eq!(kind("zabihullah mujahid", 0), Some(Person), "a given name");
        assert_eq!(kind("zarak mehsud", ROLE), Some(Person));
        assert_eq!(kind("zarak mehsud", SAID), Some(Person));
        // Two words that are nothing else: a person's name (issue 15).
        assert_eq!(kind("zarak mehsud", 0), Some(Person));
        assert_eq!(kind("carolina kluft", 0), Some(Person));
        assert_eq!(kind("zarak mehsud", WORK), None, "the title of a work");
        assert_eq!(kind("goodbody stockbrokers", 0), None, "a plural is no surname");
        assert_eq!(kind("china-pakistan corridor", 0), None, "places in it");
        assert_eq!(kind("polly adams", 0), Some(Person), "a common surname");
        assert_eq!(kind("ruud van nistelrooy", 0), Some(Person), "a particle");
        assert_eq!(kind("dean street", 0), Some(Place));
        assert_eq!(kind("hewitt", HONORIFIC), Some(Person));
        assert_eq!(kind("hewitt", ROLE | LOWER_ROLE), Some(Person), "singer Hewitt");
        assert_eq!(kind("election", ROLE), None, "General Election");
        assert_eq!(kind("hewitt", 0), None, "a single word needs a cue");
        assert_eq!(kind("lenovo", ORG | SAID), Some(Organization));
        assert_eq!(kind("election", HONORIFIC), None, "seen in lowercase");
        assert_eq!(kind("state for the family", ROLE), None);
        assert_eq!(kind("paktia", PLACE_CUE), Some(Place));
    }

    #[test]
    fn acronyms() {
        let common = FastSet::from_iter(["it"]);
        assert_eq!(classify("ttp", 0, true, &common), Some(Organization));
        assert_eq!(classify("us", 0, true, &common), Some(Place));
        assert_eq!(classify("ceo", 0, true, &common), None);
        assert_eq!(classify("it", 0, true, &common), None);
    }
}
