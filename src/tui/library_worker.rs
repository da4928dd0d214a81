//! One thread that asks the library things the UI thread must not wait
//! for, shared by the desk ([`super::desk_worker`]) and the corpus's
//! entities ([`super::corpus_worker`]). Nothing starts until the first job.
//! The thread keeps one library handle, for the generation of corrections
//! of the job at hand (a new generation opens a new one, the old one
//! closed first), takes the newest job of each kind (older ones are moot:
//! the user has moved on) and hands each answer to a callback (the loop's:
//! an `AppEvent`). If no thread can be started, a job is done on the spot.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use super::catalog::Opener;
use crate::entities::corrections::Corrections;
use crate::library::Library;

/// A job for a [`LibraryWorker`].
pub trait LibraryJob: Clone + Send + 'static {
    type Answer: Send + 'static;
    /// The thread's name.
    const THREAD: &'static str;

    /// The generation of corrections the job was asked under.
    fn generation(&self) -> u64;
    /// Those corrections (the handle is opened with them).
    fn corrections(&self) -> &Corrections;
    /// Does the job over `library`.
    fn run(&self, library: &dyn Library) -> Self::Answer;
    /// Its answer when no library could be opened: why, in words.
    fn failed(&self, why: String) -> Self::Answer;

    /// Does a newer job make this one moot? By default, one of the same kind.
    fn replaced_by(&self, newer: &Self) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(newer)
    }

    /// Runs the job on a handle opened here with `opener` (a test, or no
    /// thread to be had).
    fn run_with(&self, opener: &Opener) -> Self::Answer {
        match opener(self.corrections()) {
            Ok(library) => self.run(&*library),
            Err(e) => self.failed(e.to_string()),
        }
    }
}

type Answers<A> = Arc<dyn Fn(A) -> bool + Send + Sync>;

/// The loop's handle on the thread.
pub struct LibraryWorker<J: LibraryJob> {
    opener: Opener,
    answers: Answers<J::Answer>,
    jobs: Option<Sender<J>>,
}

impl<J: LibraryJob> LibraryWorker<J> {
    pub fn new(opener: Opener, answers: impl Fn(J::Answer) -> bool + Send + Sync + 'static) -> Self {
        LibraryWorker { opener, answers: Arc::new(answers), jobs: None }
    }

    /// Sends a job to the thread (starting it, or again if it is gone). If
    /// no thread can be started the job is done here and its answer
    /// returned: slow, but nothing waits forever.
    pub fn send(&mut self, job: J) -> Option<J::Answer> {
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
            std::thread::Builder::new().name(J::THREAD.into()).spawn(move || work(&opener, &rx, &answers));
        if started.is_ok() && tx.send(job.clone()).is_ok() {
            self.jobs = Some(tx);
            return None;
        }
        Some(job.run_with(&self.opener))
    }
}

/// The thread: the newest job of each kind, one handle per generation.
fn work<J: LibraryJob>(opener: &Opener, jobs: &Receiver<J>, answers: &Answers<J::Answer>) {
    let mut handle: Option<(u64, Box<dyn Library + Send>)> = None;
    while let Ok(first) = jobs.recv() {
        let mut queued = vec![first];
        while let Ok(newer) = jobs.try_recv() {
            queued.retain(|old| !old.replaced_by(&newer));
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
