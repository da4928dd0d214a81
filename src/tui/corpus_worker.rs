//! What the sidebar and the notes overlay ask of the corpus's entities, off
//! the UI thread: the open article's entities as the corpus knows them
//! (their ids, and how many articles name each), the articles that name one
//! (`f`, its reach), and the entities an `@name` typed in the notes overlay
//! names. Each is a few reads of the library's stored entity table (the
//! in-memory library answers the same methods), never the whole corpus's
//! entities in memory. One thread, started on the first job, keeps a
//! library handle per generation of corrections (the first ask of a new
//! generation may wait while the library remakes its table for them) and
//! hands each answer to a callback (the loop's: an `AppEvent::Corpus`).
//! Older asks of the same kind are skipped: the user has moved on.

use super::library_worker::{LibraryJob, LibraryWorker};
use crate::entities::QueryMatch;
use crate::entities::corrections::Corrections;
use crate::library::{InCorpus, Library};
use crate::notes::entity::EntityFilter;

/// What the reading room asks of the corpus's entities.
#[derive(Debug, Clone)]
pub enum CorpusJob {
    /// The corpus entity of each entity of `article`, and its article count.
    InCorpus { article: usize, corrections: Corrections, generation: u64 },
    /// The articles that name the corpus entity of the `entity`-th entity of
    /// `article` (called `name` there), most mentions first.
    Reach { article: usize, entity: usize, name: String, corrections: Corrections, generation: u64 },
    /// The entities `query` (what follows `@`) names, as a notes filter.
    Names { query: String, corrections: Corrections, generation: u64 },
}

/// The worker's answer; errors are said in words.
#[derive(Debug, Clone, PartialEq)]
pub enum CorpusAnswer {
    InCorpus {
        article: usize,
        generation: u64,
        entities: Result<Vec<InCorpus>, String>,
    },
    Reach {
        article: usize,
        entity: usize,
        name: String,
        generation: u64,
        articles: Result<Vec<usize>, String>,
    },
    Names {
        query: String,
        generation: u64,
        filter: Result<EntityFilter, String>,
    },
}

impl LibraryJob for CorpusJob {
    type Answer = CorpusAnswer;
    const THREAD: &'static str = "corpus";

    fn generation(&self) -> u64 {
        match self {
            CorpusJob::InCorpus { generation, .. }
            | CorpusJob::Reach { generation, .. }
            | CorpusJob::Names { generation, .. } => *generation,
        }
    }

    fn corrections(&self) -> &Corrections {
        match self {
            CorpusJob::InCorpus { corrections, .. }
            | CorpusJob::Reach { corrections, .. }
            | CorpusJob::Names { corrections, .. } => corrections,
        }
    }

    /// Does the job over `library` (opened with the job's corrections).
    fn run(&self, library: &dyn Library) -> CorpusAnswer {
        match self {
            CorpusJob::InCorpus { article, generation, .. } => CorpusAnswer::InCorpus {
                article: *article,
                generation: *generation,
                entities: library.in_corpus(*article).map_err(|e| e.to_string()),
            },
            CorpusJob::Reach { article, entity, name, generation, .. } => {
                let articles = library.in_corpus(*article).map_err(|e| e.to_string()).and_then(|ids| {
                    let id =
                        ids.get(*entity).ok_or_else(|| format!("{name} is not in the corpus's entities"))?;
                    let all = library.entity_articles(id.id, usize::MAX).map_err(|e| e.to_string())?;
                    Ok(all.articles.into_iter().map(|(a, _)| a).collect())
                });
                CorpusAnswer::Reach {
                    article: *article,
                    entity: *entity,
                    name: name.clone(),
                    generation: *generation,
                    articles,
                }
            }
            CorpusJob::Names { query, generation, .. } => {
                let filter = library.resolve_entity(query).map_err(|e| e.to_string()).map(|m| {
                    let hits = match m {
                        QueryMatch::Found { hit, others } => std::iter::once(hit).chain(others).collect(),
                        QueryMatch::NotFound { suggestions } => suggestions,
                    };
                    EntityFilter::from_hits(query, hits)
                });
                CorpusAnswer::Names { query: query.clone(), generation: *generation, filter }
            }
        }
    }

    /// Its answer when no library could be opened.
    fn failed(&self, why: String) -> CorpusAnswer {
        match self {
            CorpusJob::InCorpus { article, generation, .. } => {
                CorpusAnswer::InCorpus { article: *article, generation: *generation, entities: Err(why) }
            }
            CorpusJob::Reach { article, entity, name, generation, .. } => CorpusAnswer::Reach {
                article: *article,
                entity: *entity,
                name: name.clone(),
                generation: *generation,
                articles: Err(why),
            },
            CorpusJob::Names { query, generation, .. } => {
                CorpusAnswer::Names { query: query.clone(), generation: *generation, filter: Err(why) }
            }
        }
    }
}

/// The loop's handle on the corpus thread.
pub type CorpusWorker = LibraryWorker<CorpusJob>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_entities_their_reach_and_an_alias_through_the_thread() {
        let corpus = std::sync::Arc::new(crate::corpus::Corpus::seeds());
        let opener = crate::tui::catalog::memory_opener(corpus);
        let (tx, rx) = std::sync::mpsc::sync_channel(4);
        let mut worker = CorpusWorker::new(opener.clone(), move |a| tx.send(a).is_ok());
        let corrections = Corrections::default();
        let job = CorpusJob::InCorpus { article: 0, corrections: corrections.clone(), generation: 2 };
        assert!(worker.send(job).is_none(), "done on the thread");
        let Ok(CorpusAnswer::InCorpus { article: 0, generation: 2, entities: Ok(ids) }) = rx.recv() else {
            panic!("no answer")
        };
        let Ok(library) = opener(&corrections) else { panic!("no library") };
        let entities = library.entities_of(0).unwrap_or_default();
        assert_eq!(ids.len(), entities.len(), "one per entity of the article");
        let ttp = entities.iter().position(|e| e.aliases.iter().any(|a| a == "TTP"));
        let Some(ttp) = ttp else { panic!("no TTP in the first seed") };
        assert_eq!(ids[ttp].articles, 5, "every seed names the TTP");
        let job = CorpusJob::Reach {
            article: 0,
            entity: ttp,
            name: entities[ttp].name.clone(),
            corrections: corrections.clone(),
            generation: 2,
        };
        assert!(worker.send(job).is_none());
        let Ok(CorpusAnswer::Reach { articles: Ok(articles), .. }) = rx.recv() else { panic!("no answer") };
        let mut sorted = articles.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
        assert!(worker.send(CorpusJob::Names { query: "ttp".into(), corrections, generation: 2 }).is_none());
        let Ok(CorpusAnswer::Names { filter: Ok(filter), .. }) = rx.recv() else { panic!("no answer") };
        let note = |name: &str| crate::notes::Note {
            id: 1,
            article: "x".into(),
            target: crate::notes::Target::Entity(crate::notes::EntityRef::named(name)),
            text: "t".into(),
            tags: Vec::new(),
            created: 0,
            updated: 0,
            version: 1,
            deleted: None,
        };
        assert!(filter.matches(&note(&entities[ttp].name)), "@ttp finds the notes on the long name");
        assert!(!filter.matches(&note("Kabul")));
    }
}
