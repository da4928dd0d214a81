//! The analyst's reading state as the list shows it: which articles were
//! read and which flagged (by article id, as the notes store keeps them),
//! how many notes each has, and the article open now (read once it has
//! been open for a few seconds, or scrolled). It knows nothing of `App`:
//! changes come back as the [`Effect`]s that write them through the store
//! worker, the sets here changed at once so the list never waits.

use std::collections::{HashMap, HashSet};

use super::effects::Effect;
use crate::notes::Mark;

/// How long an article is open before it counts as read (unix ms).
pub const READ_AFTER_MS: i64 = 3_000;

/// The ids as the store keeps them.
fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reading {
    read: HashSet<String>,
    flagged: HashSet<String>,
    /// Notes (not in the trash) per article id, for the notes generation `notes_for`.
    notes: HashMap<String, usize>,
    notes_for: Option<u64>,
    /// The article open now, and since when (unix ms); `None` once it is read.
    open: Option<(String, i64)>,
}

impl Reading {
    /// What the store said at start.
    pub fn new(read: HashSet<String>, flagged: HashSet<String>) -> Reading {
        Reading { read, flagged, ..Reading::default() }
    }

    /// What the store says (at start), the open article's time kept.
    pub fn load(&mut self, read: HashSet<String>, flagged: HashSet<String>) {
        self.read = read;
        self.flagged = flagged;
    }

    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(&key(id))
    }

    pub fn is_flagged(&self, id: &str) -> bool {
        self.flagged.contains(&key(id))
    }

    /// The ids read (for the list's "unread only").
    pub fn read_ids(&self) -> &HashSet<String> {
        &self.read
    }

    /// The ids flagged (for the list's "flagged only").
    pub fn flagged_ids(&self) -> &HashSet<String> {
        &self.flagged
    }

    /// How many notes the article has.
    pub fn notes(&self, id: &str) -> usize {
        self.notes.get(&key(id)).copied().unwrap_or(0)
    }

    /// Counts the notes again if they changed (generation `generation`).
    pub fn count_notes(&mut self, notes: &[crate::notes::Note], generation: u64) {
        if self.notes_for == Some(generation) {
            return;
        }
        self.notes.clear();
        for n in notes.iter().filter(|n| !n.is_deleted()) {
            *self.notes.entry(key(&n.article)).or_default() += 1;
        }
        self.notes_for = Some(generation);
    }

    /// Marks `ids` read or unread, flagged or not, here and in the store.
    pub fn mark(&mut self, ids: &[String], mark: Mark, now_ms: i64) -> Option<Effect> {
        let ids: Vec<String> = ids.iter().map(|i| key(i)).filter(|i| !i.is_empty()).collect();
        let mut changed = Vec::new();
        for id in ids {
            let did = match mark {
                Mark::Read => self.read.insert(id.clone()),
                Mark::Unread => self.read.remove(&id),
                Mark::Flag => self.flagged.insert(id.clone()),
                Mark::Unflag => self.flagged.remove(&id),
            };
            if did {
                changed.push(id);
            }
        }
        (!changed.is_empty()).then_some(Effect::Mark { ids: changed, mark, at: now_ms })
    }

    /// `r`: read becomes unread and unread read.
    pub fn toggle_read(&mut self, id: &str, now_ms: i64) -> Option<Effect> {
        let mark = if self.is_read(id) { Mark::Unread } else { Mark::Read };
        // Marked unread by hand: it stays so while it is open.
        self.open = None;
        self.mark(&[id.to_string()], mark, now_ms)
    }

    /// `*`: flags or unflags.
    pub fn toggle_flag(&mut self, id: &str, now_ms: i64) -> Option<Effect> {
        let mark = if self.is_flagged(id) { Mark::Unflag } else { Mark::Flag };
        self.mark(&[id.to_string()], mark, now_ms)
    }

    /// The article shown now (`None`: none); its clock starts when it changes.
    pub fn showing(&mut self, id: Option<&str>, now_ms: i64) {
        let id = id.map(key);
        let same = match (&self.open, &id) {
            (Some((open, _)), Some(id)) => open == id,
            _ => false,
        };
        if !same {
            self.open = id.filter(|i| !self.read.contains(i)).map(|i| (i, now_ms));
        }
    }

    /// The article open long enough to be read, if it is not yet: its id.
    pub fn due(&self, now_ms: i64) -> Option<&str> {
        self.open
            .as_ref()
            .filter(|(id, since)| now_ms.saturating_sub(*since) >= READ_AFTER_MS && !self.read.contains(id))
            .map(|(id, _)| id.as_str())
    }

    /// The open article was read (time passed, or it was scrolled).
    pub fn read_open(&mut self, others: &[String], now_ms: i64) -> Option<Effect> {
        let (id, _) = self.open.take()?;
        let mut ids = vec![id];
        ids.extend(others.iter().cloned());
        self.mark(&ids, Mark::Read, now_ms)
    }

    /// The id open now and not yet read.
    pub fn open_id(&self) -> Option<&str> {
        self.open.as_ref().map(|(id, _)| id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_open_long_enough_is_read_and_r_and_star_toggle() {
        let mut r = Reading::default();
        r.showing(Some("A1"), 0);
        assert_eq!(r.due(READ_AFTER_MS - 1), None);
        assert_eq!(r.due(READ_AFTER_MS), Some("a1"));
        let e = r.read_open(&[], READ_AFTER_MS);
        assert_eq!(e, Some(Effect::Mark { ids: vec!["a1".into()], mark: Mark::Read, at: READ_AFTER_MS }));
        assert!(r.is_read("a1"));
        // Shown again: already read, no clock.
        r.showing(Some("b"), 10);
        r.showing(Some("a1"), 20);
        assert_eq!(r.due(99_999), None);
        assert!(matches!(r.toggle_read("a1", 5), Some(Effect::Mark { mark: Mark::Unread, .. })));
        assert_eq!(r.due(99_999), None, "marked unread by hand stays unread while open");
        assert!(matches!(r.toggle_flag("a1", 5), Some(Effect::Mark { mark: Mark::Flag, .. })));
        assert!(r.is_flagged("A1"));
        assert_eq!(r.mark(&["a1".into()], Mark::Flag, 6), None, "nothing changed, nothing written");
    }
}
