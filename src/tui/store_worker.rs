//! The notes store off the UI thread: a worker owns the [`NotesRuntime`]
//! (SQLite, recovery files) for the life of the event loop and carries out
//! its jobs in the order they were sent; answers come back on a channel the
//! loop takes from after every event, and each answer wakes the loop with
//! an [`AppEvent::StoreAnswered`], so it never polls. A keypress never waits for the store; the
//! way out waits for every answer ([`StoreWorker::wait`]), so nothing sent
//! to the store is lost when the session ends.

use std::sync::mpsc::{Receiver, Sender, SyncSender, TryRecvError, TrySendError, channel};
use std::thread::Scope;

use super::effects::{Effect, NotesRuntime, Outcome};
use super::event::AppEvent;
use crate::notes::Note;

/// Work for the store.
#[derive(Debug)]
pub enum Job {
    /// Carry out an effect (never [`Effect::Copy`]: the clipboard is the
    /// terminal's, written on the UI thread).
    Run(Effect),
    /// Has another process changed the notes? (asked on ticks)
    Poll,
}

/// What the store had to say about one job.
#[derive(Debug, Default)]
pub struct Answer {
    pub outcome: Option<Outcome>,
    /// The notes, when another process changed them.
    pub changed: Option<Vec<Note>>,
    /// Messages for the status line (the store was recreated…).
    pub notices: Vec<String>,
}

/// The loop's handle on the store worker.
pub struct StoreWorker {
    jobs: Option<Sender<Job>>,
    answers: Receiver<Answer>,
    /// Jobs sent and not yet answered.
    in_flight: usize,
    has_store: bool,
}

impl StoreWorker {
    /// Starts the worker inside `scope`, lending it the runtime until the
    /// scope ends; `wake` is the loop's event channel.
    pub fn start<'scope, 'env>(
        scope: &'scope Scope<'scope, 'env>,
        notes: &'env mut NotesRuntime,
        wake: SyncSender<AppEvent>,
    ) -> StoreWorker {
        let has_store = notes.has_store();
        let (job_tx, job_rx) = channel::<Job>();
        let (answer_tx, answer_rx) = channel::<Answer>();
        scope.spawn(move || work(notes, job_rx, answer_tx, wake));
        StoreWorker { jobs: Some(job_tx), answers: answer_rx, in_flight: 0, has_store }
    }

    /// Is there a store (to poll for changes by other processes)?
    pub fn has_store(&self) -> bool {
        self.has_store
    }

    /// Are answers still to come?
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    pub fn send(&mut self, job: Job) {
        // If the worker is gone (it panicked), nothing will answer.
        if let Some(tx) = &self.jobs
            && tx.send(job).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// An answer that has arrived, if any; never waits.
    pub fn try_answer(&mut self) -> Option<Answer> {
        self.next(false)
    }

    /// The next answer, waiting for it; `None` when nothing is in flight.
    pub fn wait(&mut self) -> Option<Answer> {
        self.next(true)
    }

    fn next(&mut self, wait: bool) -> Option<Answer> {
        if self.in_flight == 0 {
            return None;
        }
        let got = if wait {
            self.answers.recv().map_err(|_| true)
        } else {
            self.answers.try_recv().map_err(|e| e == TryRecvError::Disconnected)
        };
        match got {
            Ok(a) => {
                self.in_flight -= 1;
                Some(a)
            }
            // The worker is gone: nothing more will come.
            Err(true) => {
                self.in_flight = 0;
                None
            }
            Err(false) => None,
        }
    }

    /// No more jobs: the worker ends once it has answered the last one.
    pub fn close(&mut self) {
        self.jobs = None;
    }
}

fn work(notes: &mut NotesRuntime, jobs: Receiver<Job>, answers: Sender<Answer>, wake: SyncSender<AppEvent>) {
    while let Ok(job) = jobs.recv() {
        let mut answer = Answer::default();
        match job {
            Job::Run(effect) => answer.outcome = Some(notes.run(&effect, &mut std::io::sink())),
            Job::Poll => answer.changed = notes.changed_elsewhere(),
        }
        answer.notices = notes.take_notices();
        if answers.send(answer).is_err() {
            return;
        }
        // Never blocks: a full queue means the loop has events to handle,
        // and it takes the store's answers after each of them.
        if let Err(TrySendError::Disconnected(_)) = wake.try_send(AppEvent::StoreAnswered) {
            return;
        }
    }
}
