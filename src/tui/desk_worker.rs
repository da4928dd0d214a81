//! The analyst's desk off the UI thread: who appears with whom (the
//! library's co-occurrence counts), the articles naming both, and the
//! watches (a new one resolved, all of them counted), and the
//! near-duplicate groups read again after an update. Each can take a
//! while over a million articles, so one thread does them, keeping a
//! library handle per generation of corrections, and hands each answer to
//! a callback (the loop's: an `AppEvent::Desk`). Older asks of the same
//! kind are skipped (the user has moved on), except new watches.

use std::sync::Arc;

use super::library_worker::{LibraryJob, LibraryWorker};
use super::list_view::NearGroups;
use crate::entities::corrections::Corrections;
use crate::entities::{EntityKind, QueryMatch};
use crate::library::Library;
use crate::library::cooccur::{Cooccurrence, TOP};
use crate::watch::{self, Evaluation, Seen, Watch, WatchQuery};

/// What the desk asks of the library.
#[derive(Debug, Clone)]
pub enum DeskJob {
    /// The entities that appear with `name` (of `kind`), best first.
    Together { name: String, kind: EntityKind, corrections: Corrections, generation: u64 },
    /// The articles that mention both corpus entities (ids from a
    /// `Together` answer of the same generation).
    Both { a: usize, b: usize, label: String, corrections: Corrections, generation: u64 },
    /// A new watch `name` on what was typed (`@entity` or words): resolved,
    /// and what it matches now (seen from the start).
    Resolve { name: String, typed: String, corrections: Corrections, generation: u64 },
    /// Every watch's total and new matches.
    Evaluate { watches: Vec<Watch>, corrections: Corrections, generation: u64 },
    /// The near-duplicate groups, read again (an update committed: new
    /// articles may join a group).
    Groups { corrections: Corrections, generation: u64 },
}

impl LibraryJob for DeskJob {
    type Answer = DeskAnswer;
    const THREAD: &'static str = "desk";

    fn generation(&self) -> u64 {
        match self {
            DeskJob::Together { generation, .. }
            | DeskJob::Both { generation, .. }
            | DeskJob::Resolve { generation, .. }
            | DeskJob::Evaluate { generation, .. }
            | DeskJob::Groups { generation, .. } => *generation,
        }
    }

    fn corrections(&self) -> &Corrections {
        match self {
            DeskJob::Together { corrections, .. }
            | DeskJob::Both { corrections, .. }
            | DeskJob::Resolve { corrections, .. }
            | DeskJob::Evaluate { corrections, .. }
            | DeskJob::Groups { corrections, .. } => corrections,
        }
    }

    fn failed(&self, why: String) -> DeskAnswer {
        match self {
            DeskJob::Together { name, kind, generation, .. } => DeskAnswer::Together {
                name: name.clone(),
                kind: *kind,
                generation: *generation,
                rows: Err(why),
            },
            DeskJob::Both { label, generation, .. } => {
                DeskAnswer::Both { label: label.clone(), generation: *generation, articles: Err(why) }
            }
            DeskJob::Resolve { name, .. } => DeskAnswer::Resolved { name: name.clone(), result: Err(why) },
            DeskJob::Evaluate { watches, generation, .. } => DeskAnswer::Evaluated {
                generation: *generation,
                counts: watches.iter().map(|w| (w.id, Err(why.clone()))).collect(),
            },
            DeskJob::Groups { generation, .. } => {
                DeskAnswer::Groups { generation: *generation, groups: Err(why) }
            }
        }
    }

    /// A newer job of the same kind makes this one moot (a new watch never).
    fn replaced_by(&self, newer: &DeskJob) -> bool {
        !matches!(self, DeskJob::Resolve { .. })
            && std::mem::discriminant(self) == std::mem::discriminant(newer)
    }

    /// Does the job over `library`.
    fn run(&self, library: &dyn Library) -> DeskAnswer {
        match self {
            DeskJob::Together { name, kind, generation, .. } => {
                let found = corpus_id(library, name, *kind);
                let rows = match found {
                    Ok(Some(id)) => {
                        library.cooccurring(id, TOP).map(|r| (Some(id), r)).map_err(|e| e.to_string())
                    }
                    Ok(None) => Ok((None, Vec::new())),
                    Err(e) => Err(e),
                };
                DeskAnswer::Together { name: name.clone(), kind: *kind, generation: *generation, rows }
            }
            DeskJob::Both { a, b, label, generation, .. } => {
                let articles = library
                    .articles_with_both(*a, *b)
                    .map(|v| v.into_iter().map(|x| x.article).collect())
                    .map_err(|e| e.to_string());
                DeskAnswer::Both { label: label.clone(), generation: *generation, articles }
            }
            DeskJob::Resolve { name, typed, .. } => {
                let result = watch::resolve(library, typed).map_err(|e| e.to_string()).and_then(|query| {
                    let now = watch::evaluate_query(library, &query, &Seen::default())
                        .map_err(|e| e.to_string())?;
                    Ok((query, now.seen()))
                });
                DeskAnswer::Resolved { name: name.clone(), result }
            }
            DeskJob::Evaluate { watches, generation, .. } => DeskAnswer::Evaluated {
                generation: *generation,
                counts: watches
                    .iter()
                    .map(|w| (w.id, watch::evaluate(library, w).map_err(|e| e.to_string())))
                    .collect(),
            },
            DeskJob::Groups { generation, .. } => DeskAnswer::Groups {
                generation: *generation,
                groups: NearGroups::of(library).map(|g| g.map(Arc::new)),
            },
        }
    }
}

/// The library's id for the entity `name` of `kind`: the lookup's best hit
/// of that kind under that name (or alias), else its best hit of that kind.
fn corpus_id(library: &dyn Library, name: &str, kind: EntityKind) -> Result<Option<usize>, String> {
    let hits = match library.resolve_entity(name).map_err(|e| e.to_string())? {
        QueryMatch::Found { hit, others } => std::iter::once(hit).chain(others).collect::<Vec<_>>(),
        QueryMatch::NotFound { suggestions } => suggestions,
    };
    let named = |h: &&crate::entities::LookupHit| {
        h.kind == kind && h.aliases.iter().chain([&h.name]).any(|n| n.eq_ignore_ascii_case(name))
    };
    Ok(hits.iter().find(named).or_else(|| hits.iter().find(|h| h.kind == kind)).map(|h| h.id))
}

/// The worker's answer.
#[derive(Debug, Clone)]
pub enum DeskAnswer {
    /// (the entity's corpus id, its co-occurring entities), or what failed.
    Together {
        name: String,
        kind: EntityKind,
        generation: u64,
        rows: Result<(Option<usize>, Vec<Cooccurrence>), String>,
    },
    /// The articles (list positions) naming both, best first.
    Both { label: String, generation: u64, articles: Result<Vec<usize>, String> },
    /// A new watch's query as resolved and the matches it starts with.
    Resolved { name: String, result: Result<(WatchQuery, Seen), String> },
    /// Each watch's matches (by watch id).
    Evaluated { generation: u64, counts: Vec<(i64, Result<Evaluation, String>)> },
    /// The near-duplicate groups now (`None`: no article has one).
    Groups { generation: u64, groups: Result<Option<Arc<NearGroups>>, String> },
}

/// The loop's handle on the desk thread.
pub type DeskWorker = LibraryWorker<DeskJob>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn together_then_both_over_the_seeds() {
        let corpus = Arc::new(crate::corpus::Corpus::seeds());
        let opener = crate::tui::catalog::memory_opener(corpus);
        let Ok(library) = opener(&Corrections::default()) else { panic!("no library") };
        let index = library.entity_index().unwrap_or_else(|_| panic!("no index"));
        // An entity that some other entity appears with.
        let entity = library.entities_of(0).unwrap_or_default().into_iter().find(|e| {
            let job = DeskJob::Together {
                name: e.name.clone(),
                kind: e.kind,
                corrections: Corrections::default(),
                generation: 0,
            };
            matches!(job.run(&*library), DeskAnswer::Together { rows: Ok((Some(_), ref r)), .. } if !r.is_empty())
        });
        let Some(entity) = entity else {
            panic!("no entity appears with another in article 0 ({} entities)", index.entity_count())
        };
        let (tx, rx) = std::sync::mpsc::sync_channel(4);
        let mut worker = DeskWorker::new(opener, move |a| tx.send(a).is_ok());
        let job = DeskJob::Together {
            name: entity.name.clone(),
            kind: entity.kind,
            corrections: Corrections::default(),
            generation: 3,
        };
        assert!(worker.send(job).is_none(), "done on the thread");
        let Ok(DeskAnswer::Together { rows: Ok((Some(a), rows)), generation: 3, .. }) = rx.recv() else {
            panic!("no answer")
        };
        let b = rows[0].id;
        let label = format!("{} + {}", entity.name, rows[0].name);
        let job = DeskJob::Both { a, b, label, corrections: Corrections::default(), generation: 3 };
        assert!(worker.send(job).is_none());
        let Ok(DeskAnswer::Both { articles: Ok(articles), .. }) = rx.recv() else { panic!("no answer") };
        assert_eq!(articles.len(), rows[0].articles, "as many articles as the count said");
        assert!(articles.contains(&0), "the article both came from");
    }
}
