//! Who appears with whom: the sidebar's view of the entities that
//! co-occur most with the one picked (in the same articles, and in the
//! same sentences), as the desk worker counts them. Enter on one asks for
//! the articles that mention both.

use crate::entities::EntityKind;
use crate::library::cooccur::Cooccurrence;
use crate::tui::action::Action;
use crate::tui::desk_worker::{DeskAnswer, DeskJob};
use crate::tui::rows::Cursor;

/// What the view holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TogetherRows {
    /// Asked of the worker.
    Waiting,
    /// The library could not say.
    Failed(String),
    /// The entity's corpus id (none: the corpus index does not know it
    /// yet) and its companions, best first.
    Ready { id: Option<usize>, rows: Vec<Cooccurrence> },
}

/// The co-occurrence view of one entity.
#[derive(Debug, Clone)]
pub struct Together {
    pub name: String,
    pub kind: EntityKind,
    /// The generation of corrections it was asked for.
    pub generation: u64,
    pub rows: TogetherRows,
    pub cursor: Cursor,
    /// The articles naming both, asked for and not answered yet (their label).
    pub asking: Option<String>,
    /// A job for the runtime, until it takes it.
    pub wanted: Option<DeskJob>,
}

/// What the view asks of the app after an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TogetherOut {
    /// Handled here.
    Stay,
    /// Not for this view: the app does what it usually does.
    Pass,
    Close,
    /// Enter on a companion: the articles naming both are asked for.
    Asked(String),
}

impl Together {
    /// The view of `name`, its counts asked of the worker.
    pub fn ask(
        name: String,
        kind: EntityKind,
        corrections: crate::entities::Corrections,
        generation: u64,
    ) -> Self {
        let job = DeskJob::Together { name: name.clone(), kind, corrections, generation };
        Together {
            name,
            kind,
            generation,
            rows: TogetherRows::Waiting,
            cursor: Cursor::default(),
            asking: None,
            wanted: Some(job),
        }
    }

    /// The companions, once counted.
    pub fn rows(&self) -> &[Cooccurrence] {
        match &self.rows {
            TogetherRows::Ready { rows, .. } => rows,
            _ => &[],
        }
    }

    /// One action in the sidebar while the view is open; `height` is the
    /// rows it has on screen.
    pub fn update(
        &mut self,
        action: Action,
        height: usize,
        corrections: &crate::entities::Corrections,
    ) -> TogetherOut {
        let len = self.rows().len();
        let Some(delta) = crate::tui::rows::move_delta(action, height.saturating_sub(1)) else {
            return match action {
                Action::Back | Action::ShowTogether => TogetherOut::Close,
                Action::Open => self.open(corrections),
                _ => TogetherOut::Pass,
            };
        };
        self.cursor.step(delta, len, height);
        TogetherOut::Stay
    }

    fn open(&mut self, corrections: &crate::entities::Corrections) -> TogetherOut {
        let TogetherRows::Ready { id: Some(a), rows } = &self.rows else { return TogetherOut::Stay };
        let Some(other) = rows.get(self.cursor.selected) else { return TogetherOut::Stay };
        let label = format!("@{} & @{}", self.name, other.name);
        self.wanted = Some(DeskJob::Both {
            a: *a,
            b: other.id,
            label: label.clone(),
            corrections: corrections.clone(),
            generation: self.generation,
        });
        self.asking = Some(label.clone());
        TogetherOut::Asked(label)
    }

    /// The worker's count for this view (true if it was this view's).
    pub fn counted(&mut self, answer: &DeskAnswer) -> bool {
        let DeskAnswer::Together { name, kind, generation, rows } = answer else { return false };
        if (name, kind, generation) != (&self.name, &self.kind, &self.generation) {
            return false;
        }
        self.rows = match rows {
            Ok((id, rows)) => TogetherRows::Ready { id: *id, rows: rows.clone() },
            Err(e) => TogetherRows::Failed(e.clone()),
        };
        self.cursor = Cursor::default();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::Corrections;

    fn companion(id: usize, name: &str) -> Cooccurrence {
        Cooccurrence { id, name: name.into(), kind: EntityKind::Place, articles: 2, sentences: 1 }
    }

    #[test]
    fn the_answer_fills_the_view_and_enter_asks_for_both() {
        let mut t = Together::ask("Kabul".into(), EntityKind::Place, Corrections::default(), 2);
        assert!(matches!(t.wanted.take(), Some(DeskJob::Together { generation: 2, .. })));
        assert_eq!(t.update(Action::Open, 5, &Corrections::default()), TogetherOut::Stay, "nothing yet");
        let stale = DeskAnswer::Together {
            name: "Kabul".into(),
            kind: EntityKind::Place,
            generation: 1,
            rows: Ok((Some(0), vec![])),
        };
        assert!(!t.counted(&stale), "an older generation's count is dropped");
        let answer = DeskAnswer::Together {
            name: "Kabul".into(),
            kind: EntityKind::Place,
            generation: 2,
            rows: Ok((Some(7), vec![companion(3, "Herat"), companion(4, "Kandahar")])),
        };
        assert!(t.counted(&answer));
        assert_eq!(t.update(Action::Down, 5, &Corrections::default()), TogetherOut::Stay);
        assert_eq!(t.update(Action::Down, 5, &Corrections::default()), TogetherOut::Stay);
        assert_eq!(t.cursor.selected, 1, "stops at the last");
        let out = t.update(Action::Open, 5, &Corrections::default());
        assert_eq!(out, TogetherOut::Asked("@Kabul & @Kandahar".into()));
        assert!(matches!(t.wanted, Some(DeskJob::Both { a: 7, b: 4, generation: 2, .. })));
        assert_eq!(t.update(Action::FocusNext, 5, &Corrections::default()), TogetherOut::Pass);
        assert_eq!(t.update(Action::Back, 5, &Corrections::default()), TogetherOut::Close);
    }
}
