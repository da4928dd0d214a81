//! Word lists the extractor types names with, and the key normalization
//! every lookup goes through.
//!
//! The lists are plain text files under `data/` (one entry per line, `#`
//! starts a comment), compiled in with `include_str!` and parsed once, on
//! first use, into hash sets of normalized keys.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// A fast non-cryptographic hasher for short string keys (the Fx hash of
/// rustc). Keys come from one article at a time, so hash flooding is not a
/// concern worth SipHash's cost here.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher(u64);

const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A set of normalized keys.
pub type KeySet = FastSet<Box<str>>;

fn parse(text: &str) -> KeySet {
    let mut buf = String::new();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            normalize_into(l, &mut buf);
            buf.as_str().into()
        })
        .collect()
}

macro_rules! list {
    ($(#[$doc:meta])* $name:ident, $file:literal) => {
        $(#[$doc])*
        pub static $name: LazyLock<KeySet> = LazyLock::new(|| parse(include_str!($file)));
    };
}

/// Countries, capitals, major cities, regions and provinces (and the place
/// names of `data/aliases.txt`).
pub static PLACES: LazyLock<KeySet> =
    LazyLock::new(|| with_aliases(include_str!("data/places.txt"), "place"));
list!(
    /// Words ending a place name ("Durand Line").
    PLACE_WORDS,
    "data/place_words.txt"
);
/// Organizations known by name ("Taliban", "NATO"), and the organization
/// names of `data/aliases.txt`.
pub static ORGANIZATIONS: LazyLock<KeySet> =
    LazyLock::new(|| with_aliases(include_str!("data/organizations.txt"), "org"));

/// The gazetteers' places and organizations by their spelling-variant key
/// ([`super::fold::variant`]): "Al-Jazeera" finds "Al Jazeera".
pub static VARIANTS: LazyLock<FastMap<String, super::EntityKind>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for (set, kind) in
        [(&*ORGANIZATIONS, super::EntityKind::Organization), (&*PLACES, super::EntityKind::Place)]
    {
        for key in set.iter() {
            map.insert(super::fold::variant_of_key(key), kind);
        }
    }
    map
});

/// The lines of `data/aliases.txt`: (kind, names).
fn alias_lines() -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    include_str!("data/aliases.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let kind = parts.next()?;
            Some((kind, parts.filter(|p| !p.is_empty()).collect()))
        })
}

fn with_aliases(list: &str, kind: &str) -> KeySet {
    let mut set = parse(list);
    // "McDonald's" is also written (and tokenized) "McDonald" + possessive.
    let stems: Vec<Box<str>> = set.iter().filter_map(|k| k.strip_suffix("'s").map(Into::into)).collect();
    set.extend(stems);
    let mut buf = String::new();
    for (k, names) in alias_lines() {
        if k == kind {
            for n in names {
                normalize_into(n, &mut buf);
                set.insert(buf.as_str().into());
            }
        }
    }
    set
}

/// Names that are one entity (`data/aliases.txt`): normalized key → the
/// number of its line.
pub static ALIASES: LazyLock<FastMap<Box<str>, u32>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    let mut buf = String::new();
    for (line, (_, names)) in alias_lines().enumerate() {
        for n in names {
            normalize_into(n, &mut buf);
            map.insert(buf.as_str().into(), line as u32);
        }
    }
    map
});
list!(
    /// Words that make a longer name an organization ("Party", "Ministry").
    ORG_WORDS,
    "data/org_words.txt"
);
list!(
    /// Roles and titles that announce a person ("spokesman", "Minister").
    ROLES,
    "data/roles.txt"
);
list!(
    /// Titles that may precede a bare surname ("Mr", "President").
    HONORIFICS,
    "data/honorifics.txt"
);
list!(
    /// Capitalized words that are never (the start of) a name.
    STOPWORDS,
    "data/stopwords.txt"
);
list!(
    /// Nationality, ethnic and religious adjectives.
    DEMONYMS,
    "data/demonyms.txt"
);
list!(
    /// Months, weekdays, seasons and holidays.
    TIME_WORDS,
    "data/time_words.txt"
);
list!(
    /// Common given names.
    FIRST_NAMES,
    "data/first_names.txt"
);
list!(
    /// Common surnames.
    SURNAMES,
    "data/surnames.txt"
);
list!(
    /// All-caps words that are not entities ("CEO", "GDP").
    ACRONYM_STOP,
    "data/acronym_stop.txt"
);

list!(
    /// Verbs of speech ("said", "told").
    SPEECH_VERBS,
    "data/speech_verbs.txt"
);
list!(
    /// Lowercase nouns that announce an organization ("firm", "band").
    ORG_NOUNS,
    "data/org_nouns.txt"
);
list!(
    /// Lowercase nouns that make the name next to them a place ("province").
    PLACE_NOUNS,
    "data/place_nouns.txt"
);
list!(
    /// Words that are never part of a person's name ("Grand Prix").
    NOT_NAMES,
    "data/not_names.txt"
);
list!(
    /// Words of sports reports: an article with a few of them can name
    /// clubs after their towns.
    SPORT_WORDS,
    "data/sport_words.txt"
);

/// Countries (the first section of `data/places.txt`, and the nations of
/// the UK): a place even when it stands for a national team.
pub static COUNTRIES: LazyLock<KeySet> = LazyLock::new(|| {
    let text = include_str!("data/places.txt");
    let start = text.find("# --- Countries").unwrap_or(0);
    let end = text[start..].find("\n# --- ").map_or(text.len(), |e| start + e);
    let mut set = parse(&text[start..end]);
    set.extend(parse(
        "England\nScotland\nWales\nNorthern Ireland\nRepublic of Ireland\nGreat Britain\nBritain\nUK",
    ));
    set
});

/// What a single word is, as bits: looked up once per distinct word of an
/// article (see [`word_class`]).
pub mod class {
    pub const STOP: u16 = 1;
    pub const TIME: u16 = 1 << 1;
    pub const FIRST_NAME: u16 = 1 << 2;
    pub const ROLE: u16 = 1 << 3;
    pub const HONORIFIC: u16 = 1 << 4;
    pub const ORG_WORD: u16 = 1 << 5;
    pub const DEMONYM: u16 = 1 << 6;
    pub const CONNECTOR: u16 = 1 << 7;
    pub const PLACE: u16 = 1 << 8;
    pub const ORG: u16 = 1 << 9;
    pub const SPEECH: u16 = 1 << 10;
    pub const PLACE_NOUN: u16 = 1 << 11;
    /// Seen in lowercase in the article (set by the caller).
    pub const COMMON: u16 = 1 << 12;
    pub const ORG_NOUN: u16 = 1 << 13;
    /// A word of sports reports ("striker", "goal", "innings").
    pub const SPORT: u16 = 1 << 14;
}

/// Every entry of every list with its [`class`] bits: one lookup per word.
static LEXICON: LazyLock<FastMap<Box<str>, u16>> = LazyLock::new(|| {
    use class::*;
    let sets: [(&KeySet, u16); 13] = [
        (&SPORT_WORDS, SPORT),
        (&STOPWORDS, STOP),
        (&TIME_WORDS, TIME),
        (&FIRST_NAMES, FIRST_NAME),
        (&ROLES, ROLE),
        (&HONORIFICS, HONORIFIC | ROLE),
        (&ORG_WORDS, ORG_WORD),
        (&DEMONYMS, DEMONYM),
        (&PLACES, PLACE),
        (&ORGANIZATIONS, ORG),
        (&SPEECH_VERBS, SPEECH),
        (&PLACE_NOUNS, PLACE_NOUN),
        (&ORG_NOUNS, ORG_NOUN),
    ];
    let mut map: FastMap<Box<str>, u16> = FastMap::default();
    for (set, bit) in sets {
        for key in set.iter() {
            *map.entry(key.clone()).or_default() |= bit;
        }
    }
    map
});

/// The [`class`] bits of a normalized word.
pub fn word_class(key: &str) -> u16 {
    let connector = if is_connector(key) { class::CONNECTOR } else { 0 };
    LEXICON.get(key).copied().unwrap_or(0) | connector
}

/// Small words allowed inside a name between capitalized words
/// ("Ministry of Interior", "Osama bin Laden", "Tehrik-e-Taliban").
pub fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "for"
            | "the"
            | "and"
            | "al"
            | "el"
            | "bin"
            | "ibn"
            | "bint"
            | "de"
            | "del"
            | "dal"
            | "dos"
            | "das"
            | "della"
            | "di"
            | "da"
            | "du"
            | "des"
            | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "ul"
            | "ud"
            | "ur"
            | "e"
            | "i"
            | "y"
            | "upon"
    )
}

/// Connectors that may appear inside a person's name ("Osama bin Laden").
pub fn is_person_connector(lower: &str) -> bool {
    is_connector(lower) && !matches!(lower, "of" | "for" | "the" | "and" | "upon")
}

/// Does any word or hyphen part of a normalized name make it an organization?
pub fn has_org_word(key: &str) -> bool {
    key.split([' ', '-']).any(|w| ORG_WORDS.contains(w))
}

/// Lowercases and normalizes a name or word for lookup into `out` (cleared
/// first): whitespace runs become one space, dots are dropped ("U.S." =
/// "US"), hyphen and apostrophe variants become `-` and `'`.
pub fn normalize_into(text: &str, out: &mut String) {
    out.clear();
    // The common case: one ASCII word.
    if text.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if c == '.' {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalize(text: &str) -> String {
        let mut s = String::new();
        normalize_into(text, &mut s);
        s
    }

    #[test]
    fn normalization() {
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("  Khyber \n Pakhtunkhwa "), "khyber pakhtunkhwa");
        assert_eq!(normalize("Tehrik\u{2011}e\u{2010}Taliban"), "tehrik-e-taliban");
        assert_eq!(normalize("ISTANBUL"), "istanbul");
        assert_eq!(normalize("O’Brien"), "o'brien");
    }

    #[test]
    fn lists_load_and_match_normalized() {
        assert!(PLACES.contains("khyber pakhtunkhwa"));
        assert!(PLACES.contains("us"));
        assert!(PLACES.contains("torkham"));
        assert!(ORGANIZATIONS.contains("taliban"));
        assert!(ORG_WORDS.contains("ministry"));
        assert_eq!(word_class("spokesman"), class::ROLE);
        assert_eq!(word_class("mr"), class::ROLE | class::HONORIFIC);
        assert_eq!(word_class("of"), class::CONNECTOR | class::STOP);
        assert_eq!(word_class("kabul"), class::PLACE);
        assert!(STOPWORDS.contains("despite"));
        assert!(DEMONYMS.contains("pakistani"));
        assert!(TIME_WORDS.contains("friday"));
        assert!(FIRST_NAMES.contains("ayesha"));
        assert!(has_org_word("tehrik-i-taliban pakistan"));
        assert!(PLACES.contains("united states of america") && ORGANIZATIONS.contains("tories"));
        assert_eq!(ALIASES.get("tories"), ALIASES.get("conservatives"));
        assert_ne!(ALIASES.get("tories"), ALIASES.get("labour"));
        for (kind, names) in alias_lines() {
            assert!(kind == "place" || kind == "org", "{kind}");
            assert!(names.len() >= 2, "{names:?}");
        }
        assert!(!has_org_word("pakistan"));
        for set in [&*PLACES, &*ORGANIZATIONS, &*ORG_WORDS, &*STOPWORDS, &*FIRST_NAMES] {
            assert!(set.iter().all(|k| !k.is_empty() && !k.starts_with('#')));
        }
    }
}
