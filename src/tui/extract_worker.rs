//! Entity extraction off the UI thread, for articles (in memory: over the
//! index they are stored) too long to extract between two frames. One thread,
//! started on the first long article, extracts the newest article asked for
//! (older asks are skipped: the user has moved on, and asks again on
//! coming back) and hands each answer to a callback (the loop's: it sends
//! an `AppEvent::Extracted` on its channel). A keypress never waits for it.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::catalog::Opener;
use crate::entities::Entity;
use crate::entities::corrections::{Corrections, extract_with};
use crate::library::Library;

/// Bodies up to this many bytes are extracted on the UI thread, on first
/// view: at the extractor's ~20 MB/s (`benches/entities.rs`) that is under
/// a millisecond, well inside a 16 ms frame. Longer ones go to the worker.
pub const INLINE_EXTRACTION_BYTES: usize = 16 * 1024;

/// An article to extract, with the corrections in force when it was asked.
#[derive(Debug, Clone)]
pub struct ExtractJob {
    pub article: usize,
    pub corrections: Corrections,
    /// The generation of corrections (`App::index_generation`) it is for.
    pub generation: u64,
}

/// The worker's answer.
#[derive(Debug)]
pub struct Extracted {
    pub article: usize,
    pub entities: Vec<Entity>,
    pub generation: u64,
}

impl ExtractJob {
    /// Extracts the article (no entities if the library has no such
    /// article, or it cannot be read).
    pub fn run(&self, library: &dyn Library) -> Extracted {
        let entities =
            library.article(self.article).map(|a| extract_with(&a, &self.corrections)).unwrap_or_default();
        Extracted { article: self.article, entities, generation: self.generation }
    }
}

/// Where answers go; false when no one listens any more (the thread ends).
type Answers = Arc<dyn Fn(Extracted) -> bool + Send + Sync>;

/// The loop's handle on the extraction thread.
pub struct ExtractWorker {
    opener: Opener,
    answers: Answers,
    jobs: Option<Sender<ExtractJob>>,
}

impl ExtractWorker {
    /// Nothing starts until the first job.
    pub fn new(opener: Opener, answers: impl Fn(Extracted) -> bool + Send + Sync + 'static) -> ExtractWorker {
        ExtractWorker { opener, answers: Arc::new(answers), jobs: None }
    }

    /// The job done here, when no thread can do it.
    fn run_here(&self, job: &ExtractJob) -> Extracted {
        match (self.opener)(&Corrections::default()) {
            Ok(library) => job.run(&*library),
            Err(_) => Extracted { article: job.article, entities: Vec::new(), generation: job.generation },
        }
    }

    /// Sends a job to the thread (starting it if need be). If no thread can
    /// be started, the job is done here and its answer returned: slow, but
    /// the sidebar does not wait forever.
    pub fn send(&mut self, job: ExtractJob) -> Option<Extracted> {
        // A thread that is gone (it panicked) is started again.
        let job = match &self.jobs {
            Some(tx) => match tx.send(job) {
                Ok(()) => return None,
                Err(std::sync::mpsc::SendError(job)) => job,
            },
            None => job,
        };
        let (tx, rx) = channel();
        let opener = self.opener.clone();
        let answers = self.answers.clone();
        let started =
            std::thread::Builder::new().name("extract".into()).spawn(move || work(&opener, &rx, &answers));
        match started {
            Ok(_) => match tx.send(job) {
                Ok(()) => {
                    self.jobs = Some(tx);
                    None
                }
                Err(std::sync::mpsc::SendError(job)) => Some(self.run_here(&job)),
            },
            Err(_) => Some(self.run_here(&job)),
        }
    }
}

/// The thread: the newest job first, until the loop drops its handle.
fn work(opener: &Opener, jobs: &Receiver<ExtractJob>, answers: &Answers) {
    let Ok(library) = opener(&Corrections::default()) else { return };
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        if !answers(job.run(&*library)) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_answers_through_its_callback() {
        let corpus = Arc::new(crate::corpus::Corpus::seeds());
        let opener = crate::tui::catalog::memory_opener(corpus);
        let (tx, rx) = std::sync::mpsc::sync_channel(4);
        let mut worker = ExtractWorker::new(opener.clone(), move |a| tx.send(a).is_ok());
        let job = ExtractJob { article: 0, corrections: Corrections::default(), generation: 7 };
        assert!(worker.send(job.clone()).is_none(), "done on the thread, not here");
        let Ok(answer) = rx.recv() else { panic!("no answer") };
        assert_eq!((answer.article, answer.generation), (0, 7));
        let Ok(library) = opener(&Corrections::default()) else { panic!("no library") };
        assert_eq!(answer.entities, job.run(&*library).entities);
        assert!(!answer.entities.is_empty());
    }
}
