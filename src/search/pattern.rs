//! The finder's query language: fzf's extended search syntax.
//!
//! A query is words separated by spaces; a title must match every word, in
//! any order ("talks kabul" finds "Kabul talks"). Each word is one of:
//!
//! | word | matches titles that |
//! | --- | --- |
//! | `kbl` | hold the letters in order, gaps allowed (fuzzy) |
//! | `'kabul` | hold "kabul" as is (exact substring) |
//! | `^kabul` | start with "kabul" |
//! | `talks$` | end with "talks" (the title's end, not its source's) |
//! | `^kabul talks$` | … both |
//! | `^kabul$` | are exactly "kabul" |
//! | `!kabul` | do not hold "kabul" (`!^kabul`, `!talks$` likewise) |
//! | `kabul \| doha` | match either word (`\|` between words: OR) |
//!
//! Operators with nothing after them (`'`, `^`, `!`, `$`, a stray `|`) are
//! ignored, as fzf does while you type. Each word is smart-case on its own:
//! case- and accent-insensitive unless it has a capital.

use super::fold::fold_str;

/// How one word matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AtomKind {
    /// The letters in order, gaps allowed.
    Fuzzy,
    /// A contiguous run of the text (`'word`, and `!word`).
    Substring,
    /// The start of the text (`^word`).
    Prefix,
    /// The end of the title (`word$`).
    Suffix,
    /// The whole title (`^word$`).
    Equal,
}

/// One word of a query (one side of an OR).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Atom {
    pub kind: AtomKind,
    /// Excludes the titles it matches (`!`).
    pub negated: bool,
    /// Matched against the original text (the word has a capital), not the
    /// folded one.
    pub case_sensitive: bool,
    /// The text searched: folded unless case-sensitive.
    pub text: String,
}

/// A word of the query: one or more atoms joined by `|`; a title matches
/// the term when it matches any of them.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub any_of: Vec<Atom>,
}

/// A parsed finder query: a title must match every term.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pattern {
    pub terms: Vec<Term>,
}

impl Atom {
    /// Parses one space-free word; None when only operators are left.
    pub fn parse(word: &str) -> Option<Atom> {
        let mut w = word;
        let negated = w.starts_with('!');
        if negated {
            w = &w[1..];
        }
        let mut kind = AtomKind::Fuzzy;
        if let Some(rest) = w.strip_prefix('^') {
            w = rest;
            kind = AtomKind::Prefix;
        } else if let Some(rest) = w.strip_prefix('\'') {
            w = rest;
            kind = AtomKind::Substring;
        }
        if let Some(rest) = w.strip_suffix('$') {
            w = rest;
            kind = if kind == AtomKind::Prefix { AtomKind::Equal } else { AtomKind::Suffix };
        }
        // fzf: a negated word is never fuzzy (it would exclude too much).
        if negated && kind == AtomKind::Fuzzy {
            kind = AtomKind::Substring;
        }
        if w.is_empty() {
            return None;
        }
        let case_sensitive = w.chars().any(char::is_uppercase);
        let text = if case_sensitive { w.to_string() } else { fold_str(w) };
        // A word of marks alone folds to nothing: nothing to search.
        (!text.is_empty()).then_some(Atom { kind, negated, case_sensitive, text })
    }

    /// Every text this atom accepts is accepted by `self` (for narrowing a
    /// search to an earlier one's matches). Conservative: false when unsure.
    pub fn implied_by(&self, new: &Atom) -> bool {
        if self == new {
            return true;
        }
        if self.case_sensitive != new.case_sensitive {
            return false;
        }
        let (old, text) = (self.text.as_str(), new.text.as_str());
        match (self.negated, new.negated) {
            // Excluding a shorter substring excludes more.
            (true, true) => {
                self.kind == AtomKind::Substring && new.kind == AtomKind::Substring && old.contains(text)
            }
            (false, false) => match self.kind {
                // Every positive kind of match holds its text in order.
                AtomKind::Fuzzy => is_subsequence(old, text),
                AtomKind::Substring => new.kind != AtomKind::Fuzzy && text.contains(old),
                AtomKind::Prefix => {
                    matches!(new.kind, AtomKind::Prefix | AtomKind::Equal) && text.starts_with(old)
                }
                AtomKind::Suffix => {
                    matches!(new.kind, AtomKind::Suffix | AtomKind::Equal) && text.ends_with(old)
                }
                AtomKind::Equal => false,
            },
            _ => false,
        }
    }
}

/// The characters of `needle` appear in `hay` in order.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut rest = hay.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

impl Term {
    /// Titles matching this term include every title matching `new`.
    fn implied_by(&self, new: &Term) -> bool {
        // `new` matches through one of its atoms: each must imply one of ours.
        new.any_of.iter().all(|n| self.any_of.iter().any(|o| o.implied_by(n)))
    }

    /// Every atom is negated: the term says what not to match.
    pub fn is_negative(&self) -> bool {
        self.any_of.iter().all(|a| a.negated)
    }
}

impl Pattern {
    /// Parses a query (cut to [`super::MAX_QUERY_CHARS`]).
    pub fn parse(query: &str) -> Pattern {
        let query = super::bounded(query).0;
        let mut terms: Vec<Term> = Vec::new();
        // Set after a `|`: the next atom joins the last term.
        let mut join = false;
        for word in query.split_whitespace() {
            if word == "|" {
                join = !terms.is_empty();
                continue;
            }
            let Some(atom) = Atom::parse(word) else { continue };
            match terms.last_mut() {
                Some(last) if join => last.any_of.push(atom),
                _ => terms.push(Term { any_of: vec![atom] }),
            }
            join = false;
        }
        Pattern { terms }
    }

    /// Nothing to search for: everything matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every title `new` matches, `self` matches too: `new`'s matches can
    /// be searched among `self`'s (typing forward).
    pub fn narrows_to(&self, new: &Pattern) -> bool {
        self.terms.iter().all(|old| new.terms.iter().any(|n| old.implied_by(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn atom(word: &str) -> Atom {
        Atom::parse(word).unwrap()
    }

    #[test]
    fn operators_parse_as_fzf_reads_them() {
        let k = |w: &str| (atom(w).kind, atom(w).negated, atom(w).text);
        assert_eq!(k("kbl"), (AtomKind::Fuzzy, false, "kbl".into()));
        assert_eq!(k("'kabul"), (AtomKind::Substring, false, "kabul".into()));
        assert_eq!(k("^kabul"), (AtomKind::Prefix, false, "kabul".into()));
        assert_eq!(k("talks$"), (AtomKind::Suffix, false, "talks".into()));
        assert_eq!(k("^kabul$"), (AtomKind::Equal, false, "kabul".into()));
        assert_eq!(k("!kabul"), (AtomKind::Substring, true, "kabul".into()));
        assert_eq!(k("!^kabul"), (AtomKind::Prefix, true, "kabul".into()));
        assert_eq!(k("!'kabul"), (AtomKind::Substring, true, "kabul".into()));
        assert_eq!(k("!talks$"), (AtomKind::Suffix, true, "talks".into()));
        assert_eq!(k("Kābul").2, "Kābul");
        assert!(atom("Kābul").case_sensitive);
        assert_eq!(k("kābul").2, "kabul");
    }

    #[test]
    fn operators_alone_are_ignored() {
        for q in ["'", "^", "$", "!", "!^", "!'", "^$", "'$", "|", "| |", "! ^ $", "\u{301}"] {
            assert!(Pattern::parse(q).is_empty(), "{q:?}");
        }
        assert_eq!(Pattern::parse("| kabul |").terms.len(), 1);
    }

    #[test]
    fn or_joins_neighbours_and_spaces_separate_terms() {
        let p = Pattern::parse("kabul | doha talks");
        assert_eq!(p.terms.len(), 2);
        assert_eq!(p.terms[0].any_of.len(), 2);
        assert_eq!(p.terms[1].any_of[0].text, "talks");
    }

    #[test]
    fn narrowing_only_where_every_match_of_the_new_query_matched_the_old() {
        let n = |a: &str, b: &str| Pattern::parse(a).narrows_to(&Pattern::parse(b));
        assert!(n("tal", "talk"));
        assert!(n("tal", "talks kabul"));
        assert!(n("kabul", "talks kabul"));
        assert!(n("bor cros", "bor cross"));
        assert!(n("tal", "'tal"));
        assert!(n("'tal", "^talk"));
        assert!(n("^ta", "^tal$"));
        assert!(n("ks$", "lks$"));
        assert!(n("!talks", "!talk"));
        assert!(n("", "anything"));
        assert!(!n("talk", "tal"), "backspace widens");
        assert!(!n("!tal", "!talks"), "a longer exclusion excludes less");
        assert!(!n("'tal", "tal"));
        assert!(!n("^tal", "'tal"));
        assert!(!n("tal", "Tal"), "a capital changes what is searched");
        assert!(!n("tal", "tal | doha"), "an OR widens");
        assert!(n("tal | doha", "tal"));
    }
}
