//! Slow work off the UI thread: searching runs on a worker that owns the
//! finder (and its incremental state) and the full-text index. Requests carry
//! a generation number; the worker skips to the newest request waiting, and
//! the app drops answers older than the query on screen.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread;

use super::catalog::Opener;
use crate::corpus::Corpus;
use crate::entities::Corrections;
use crate::library::{Library, MemoryLibrary};
use crate::search::{Finder, Query, TitleIndex};

/// Who asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTarget {
    /// The finder overlay.
    Finder,
    /// The article list's in-place filter.
    ListFilter,
}

/// Titles (fuzzy) or the text of the articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FindMode {
    #[default]
    Titles,
    FullText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    pub generation: u64,
    pub target: SearchTarget,
    pub mode: FindMode,
    pub query: String,
    pub limit: usize,
}

/// One result row, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundRow {
    /// Article index in the corpus.
    pub index: usize,
    /// Matched character positions in the title (fuzzy mode).
    pub positions: Vec<usize>,
    /// A line of text around the hit, and the hits in it (full-text mode).
    pub snippet: Option<(String, Vec<Range<usize>>)>,
    /// The hit in the body, where the reader should scroll.
    pub hit: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResponse {
    pub generation: u64,
    pub target: SearchTarget,
    pub rows: Vec<FoundRow>,
    pub total: usize,
}

/// The search engine the worker runs (tests run it directly).
pub struct Searcher {
    library: Box<dyn Library + Send>,
    finder: Finder,
}

impl Searcher {
    /// Over a corpus in memory (tests).
    pub fn new(corpus: Arc<Corpus>) -> Searcher {
        Searcher::over(Box::new(MemoryLibrary::shared(corpus, Corrections::default())))
    }

    /// Over a library: the titles of the whole catalog are read once, here
    /// (on the worker), for the finder; the text is searched by the library.
    pub fn over(library: Box<dyn Library + Send>) -> Searcher {
        let rows = library.titles().unwrap_or_default();
        let titles = TitleIndex::from_rows(
            rows.iter().map(|(t, s, d)| (t.as_str(), s.as_deref(), d.as_deref())).collect(),
        );
        drop(rows);
        Searcher { library, finder: Finder::new(Arc::new(titles)) }
    }

    pub fn run(&mut self, req: &SearchRequest) -> SearchResponse {
        let (rows, total) = match req.mode {
            FindMode::Titles => {
                let (hits, total) = self.finder.search(&req.query, req.limit);
                let rows = hits
                    .into_iter()
                    .map(|h| FoundRow {
                        index: h.index,
                        positions: if req.query.trim().is_empty() {
                            Vec::new()
                        } else {
                            self.finder.title_positions(h.index, &req.query)
                        },
                        snippet: None,
                        hit: None,
                    })
                    .collect();
                (rows, total)
            }
            FindMode::FullText => {
                let (hits, total) =
                    self.library.full_text(&Query::parse(&req.query), req.limit).unwrap_or_default();
                let rows = hits
                    .into_iter()
                    .map(|h| FoundRow {
                        index: h.index,
                        positions: Vec::new(),
                        snippet: Some((h.snippet, h.snippet_hits)),
                        hit: h.hit,
                    })
                    .collect();
                (rows, total)
            }
        };
        SearchResponse { generation: req.generation, target: req.target, rows, total }
    }
}

/// What the worker is told.
enum Message {
    Search(SearchRequest),
    /// The catalog changed (an update committed): read the titles again
    /// before the next search.
    Reload,
}

/// The worker thread's handle: send requests; each answer goes to the
/// `answer` callback given at start (the loop makes it an event). The
/// library is opened, and its titles read, on the worker at the first
/// search: starting costs the UI thread nothing.
pub struct Worker {
    requests: Sender<Message>,
}

impl Worker {
    /// Starts the worker; `answer` returns false once nobody listens.
    pub fn start(
        opener: Opener,
        answer: impl Fn(SearchResponse) -> bool + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (tx, rx) = channel::<Message>();
        thread::Builder::new().name("search".into()).spawn(move || work(opener, rx, answer))?;
        Ok(Worker { requests: tx })
    }

    pub fn send(&self, req: SearchRequest) {
        // The worker only stops when the app does.
        let _ = self.requests.send(Message::Search(req));
    }

    /// The catalog changed: the next search reads it again.
    pub fn reload(&self) {
        let _ = self.requests.send(Message::Reload);
    }
}

fn work(opener: Opener, rx: Receiver<Message>, answer: impl Fn(SearchResponse) -> bool) {
    let mut searcher: Option<Searcher> = None;
    let mut stale = false;
    while let Ok(first) = rx.recv() {
        // Only the newest request waiting matters.
        let mut req = None;
        let mut next = Some(first);
        while let Some(message) = next {
            match message {
                Message::Search(r) => req = Some(r),
                Message::Reload => stale = true,
            }
            next = match rx.try_recv() {
                Ok(m) => Some(m),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            };
        }
        let Some(req) = req else { continue };
        if stale || searcher.is_none() {
            stale = false;
            searcher = opener(&Corrections::default()).ok().map(Searcher::over);
        }
        let response = match searcher.as_mut() {
            Some(s) => s.run(&req),
            None => {
                SearchResponse { generation: req.generation, target: req.target, rows: Vec::new(), total: 0 }
            }
        };
        if !answer(response) {
            return;
        }
    }
}
