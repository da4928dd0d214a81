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

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::catalog::Opener;
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

impl CorpusJob {
    pub fn generation(&self) -> u64 {
        match self {
            CorpusJob::InCorpus { generation, .. }
            | CorpusJob::Reach { generation, .. }
            | CorpusJob::Names { generation, .. } => *generation,
        }
    }

    pub fn corrections(&self) -> &Corrections {
        match self {
            CorpusJob::InCorpus { corrections, .. }
            | CorpusJob::Reach { corrections, .. }
            | CorpusJob::Names { corrections, .. } => corrections,
        }
    }

    /// Does the job over `library` (opened with the job's corrections).
    pub fn run(&self, library: &dyn Library) -> CorpusAnswer {
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

    /// Runs the job on a handle opened here with `opener` (a test, or no
    /// thread to be had).
    pub fn run_with(&self, opener: &Opener) -> CorpusAnswer {
        match opener(self.corrections()) {
            Ok(library) => self.run(&*library),
            Err(e) => self.failed(e.to_string()),
        }
    }
}

type Answers = Arc<dyn Fn(CorpusAnswer) -> bool + Send + Sync>;

/// The loop's handle on the thread; nothing starts until the first job.
pub struct CorpusWorker {
    opener: Opener,
    answers: Answers,
    jobs: Option<Sender<CorpusJob>>,
}

impl CorpusWorker {
    pub fn new(
        opener: Opener,
        answers: impl Fn(CorpusAnswer) -> bool + Send + Sync + 'static,
    ) -> CorpusWorker {
        CorpusWorker { opener, answers: Arc::new(answers), jobs: None }
    }

    /// Sends a job to the thread (starting it, or again if it is gone). If
    /// no thread can be started the job is done here and its answer
    /// returned: slow, but the sidebar does not wait forever.
    pub fn send(&mut self, job: CorpusJob) -> Option<CorpusAnswer> {
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return None,
                Err(std::sync::mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (tx, rx) = channel();
        let (opener, answers) = (self.opener.clone(), self.answers.clone());
        let started =
            std::thread::Builder::new().name("corpus".into()).spawn(move || work(&opener, &rx, &answers));
        if started.is_ok() && tx.send(job.clone()).is_ok() {
            self.jobs = Some(tx);
            return None;
        }
        Some(job.run_with(&self.opener))
    }
}

/// The thread: the newest job of each kind, one handle per generation.
fn work(opener: &Opener, jobs: &Receiver<CorpusJob>, answers: &Answers) {
    let mut handle: Option<(u64, Box<dyn Library + Send>)> = None;
    while let Ok(first) = jobs.recv() {
        let mut queued = vec![first];
        while let Ok(newer) = jobs.try_recv() {
            queued.retain(|old| std::mem::discriminant(old) != std::mem::discriminant(&newer));
            queued.push(newer);
        }
        for job in queued {
            if handle.as_ref().is_none_or(|(g, _)| *g != job.generation()) {
                // The old handle goes first: at most one is held.
                drop(handle.take());
                handle = opener(job.corrections()).ok().map(|l| (job.generation(), l));
            }
            let answer = match &handle {
                Some((_, library)) => job.run(&**library),
                None => job.failed("the library cannot be opened".into()),
            };
            if !answers(answer) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeds_entities_their_reach_and_an_alias_through_the_thread() {
        let corpus = Arc::new(crate::corpus::Corpus::seeds());
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
