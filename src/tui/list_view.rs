//! How the list is ordered and what it leaves out: the sort (`o` cycles),
//! unread only (`u`), flagged only (`F`), and the dates the filter names
//! (`/since:7d`, `/until:2024-11-03`). The library serves the view
//! ([`CatalogQuery`]), from its indexes, so it costs the same on a million
//! articles; this only says which.

use std::collections::{HashMap, HashSet};

use crate::corpus::dates::{Edge, parse_bound};
use crate::dedup::Groups;
use crate::library::catalog_query::{CatalogQuery, Ids, Sort};

/// Which articles by reading state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    All,
    Unread,
    Flagged,
}

/// The list's view, as the analyst set it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub sort: Sort,
    pub only: Only,
    /// `since:` and `until:` as typed, and the instants they named.
    pub since: Option<(String, i64)>,
    pub until: Option<(String, i64)>,
    /// Groups of near-duplicates shown whole (`z`), by leader.
    pub expanded: HashSet<usize>,
}

/// The near-duplicate groups as the list needs them: each article's group
/// by catalog position, and the ids of the members after the first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NearGroups {
    pub groups: Groups,
    /// Ids of the members other than the leader, by catalog position.
    pub ids: HashMap<usize, String>,
}

impl NearGroups {
    /// Reads the groups through a handle of its own (a worker's): `None`
    /// when there are none or they cannot be read.
    pub fn read(opener: &crate::tui::catalog::Opener) -> Option<NearGroups> {
        NearGroups::of(&*opener(&Default::default()).ok()?).ok().flatten()
    }

    /// The groups of `library` as it is now: `Ok(None)` when no article
    /// has a near-duplicate (what an update may leave).
    pub fn of(library: &dyn crate::library::Library) -> Result<Option<NearGroups>, String> {
        let groups = library.groups().map_err(|e| e.to_string())?;
        let mut ids = HashMap::new();
        for members in groups.groups() {
            for &m in members.iter().skip(1) {
                let m = m as usize;
                if let Some(row) = library.rows_in(m..m + 1).ok().and_then(|r| r.into_iter().next()) {
                    ids.insert(m, row.id.0);
                }
            }
        }
        Ok((!ids.is_empty()).then_some(NearGroups { groups, ids }))
    }

    /// Reads the groups on a thread of their own and hands them to `send`
    /// (the loop's channel).
    pub fn read_on_a_thread(opener: crate::tui::catalog::Opener, send: impl Fn(NearGroups) + Send + 'static) {
        let _ = std::thread::Builder::new().name("groups".into()).spawn(move || {
            if let Some(groups) = NearGroups::read(&opener) {
                send(groups);
            }
        });
    }

    /// The ids the list hides: members of the groups not expanded (by leader).
    pub fn hidden(&self, expanded: &HashSet<usize>) -> HashSet<String> {
        self.ids
            .iter()
            .filter(|(pos, _)| !expanded.contains(&self.groups.leader(**pos)))
            .map(|(_, id)| id.to_ascii_lowercase())
            .collect()
    }
}

/// The sorts `o` goes through, in order.
const SORTS: [Sort; 5] = [Sort::List, Sort::Date, Sort::Title, Sort::Source, Sort::Words];

/// A filter's text split: its date words (`since:7d`, `until:…`) and the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateWords {
    pub since: Option<(String, i64)>,
    pub until: Option<(String, i64)>,
    /// The words that are not dates, for the title search.
    pub rest: String,
    /// A date word that could not be read: why.
    pub error: Option<String>,
}

/// Reads `since:` and `until:` out of a filter's text; `now` in Unix seconds.
pub fn date_words(query: &str, now: i64) -> DateWords {
    let mut out = DateWords::default();
    let mut rest = Vec::new();
    for word in query.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        let (edge, value) = match (lower.strip_prefix("since:"), lower.strip_prefix("until:")) {
            (Some(v), _) => (Edge::Since, v),
            (_, Some(v)) => (Edge::Until, v),
            _ => {
                rest.push(word);
                continue;
            }
        };
        if value.is_empty() {
            // Still being typed.
            continue;
        }
        match parse_bound(value, edge, now) {
            Ok(at) => {
                let slot = if edge == Edge::Since { &mut out.since } else { &mut out.until };
                *slot = Some((value.to_string(), at));
            }
            Err(e) => out.error = Some(e.to_string()),
        }
    }
    out.rest = rest.join(" ");
    out
}

impl ListView {
    /// `o`: the next sort.
    pub fn cycle_sort(&mut self) {
        let at = SORTS.iter().position(|s| *s == self.sort).map_or(0, |i| i + 1);
        self.sort = SORTS[at % SORTS.len()];
    }

    /// `u` or `F`: shows only those, or all again if it already did.
    pub fn toggle_only(&mut self, only: Only) {
        self.only = if self.only == only { Only::All } else { only };
    }

    /// The query the library answers, with the reading state's ids.
    /// `hidden`: the near-duplicates the list leaves out (one row per group).
    pub fn query(
        &self,
        read: &HashSet<String>,
        flagged: &HashSet<String>,
        hidden: &HashSet<String>,
    ) -> CatalogQuery {
        let ids = match self.only {
            Only::All if hidden.is_empty() => Ids::All,
            Only::All => Ids::Except(hidden.clone()),
            Only::Unread => Ids::Except(read.union(hidden).cloned().collect()),
            Only::Flagged => Ids::Only(flagged.difference(hidden).cloned().collect()),
        };
        CatalogQuery {
            sort: self.sort,
            since: self.since.as_ref().map(|(_, at)| *at),
            until: self.until.as_ref().map(|(_, at)| *at),
            ids,
            ..CatalogQuery::default()
        }
    }

    /// What the list's title says of the view: "date · unread · since:7d".
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if self.sort != Sort::List {
            parts.push(format!("by {}", self.sort.name()));
        }
        match self.only {
            Only::All => {}
            Only::Unread => parts.push("unread".into()),
            Only::Flagged => parts.push("flagged".into()),
        }
        if let Some((typed, _)) = &self.since {
            parts.push(format!("since:{typed}"));
        }
        if let Some((typed, _)) = &self.until {
            parts.push(format!("until:{typed}"));
        }
        parts
    }

    /// The dates as filter words, to show again when `/` is pressed.
    pub fn date_text(&self) -> String {
        let mut words = Vec::new();
        if let Some((typed, _)) = &self.since {
            words.push(format!("since:{typed}"));
        }
        if let Some((typed, _)) = &self.until {
            words.push(format!("until:{typed}"));
        }
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_words_are_read_out_of_the_filter_and_the_rest_kept() {
        let now = 1_730_592_000; // 2024-11-03
        let w = date_words("kabul since:7d UNTIL:2024-11-02", now);
        assert_eq!(w.rest, "kabul");
        assert_eq!(w.since, Some(("7d".to_string(), now - 7 * 86_400)));
        assert_eq!(w.until.map(|(_, at)| at), Some(now - 1));
        assert!(w.error.is_none());
        let w = date_words("since:", now);
        assert_eq!((w.since, w.error), (None, None), "still typing");
        assert!(date_words("since:soon", now).error.is_some());
    }

    #[test]
    fn o_cycles_the_sorts_and_u_f_toggle() {
        let mut v = ListView::default();
        v.cycle_sort();
        assert_eq!(v.sort, Sort::Date);
        for _ in 0..4 {
            v.cycle_sort();
        }
        assert_eq!(v.sort, Sort::List);
        v.toggle_only(Only::Unread);
        v.toggle_only(Only::Flagged);
        assert_eq!(v.only, Only::Flagged);
        v.toggle_only(Only::Flagged);
        assert_eq!(v.only, Only::All);
        let read = ["a".to_string()].into();
        v.toggle_only(Only::Unread);
        let none = HashSet::new();
        assert_eq!(v.query(&read, &none, &none).ids, Ids::Except(read.clone()));
        let hidden: HashSet<String> = ["b".to_string()].into();
        let both: HashSet<String> = ["a".to_string(), "b".to_string()].into();
        assert_eq!(v.query(&read, &none, &hidden).ids, Ids::Except(both), "unread, one row per group");
        assert_eq!(v.describe(), ["unread"]);
    }
}
