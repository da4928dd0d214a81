//! Slow work off the UI thread: searching runs on a worker that owns the
//! finder (and its incremental state) and the full-text index. Requests carry
//! a generation number; the worker skips to the newest request waiting, and
//! the app drops answers older than the query on screen.

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread;

use crate::corpus::Corpus;
use crate::search::{BodyIndex, Finder, Query, TitleIndex};

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
    corpus: Arc<Corpus>,
    finder: Finder,
    bodies: Option<BodyIndex>,
}

impl Searcher {
    pub fn new(corpus: Arc<Corpus>) -> Searcher {
        let finder = Finder::new(Arc::new(TitleIndex::new(&corpus.articles)));
        Searcher { corpus, finder, bodies: None }
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
                let articles = &self.corpus.articles;
                let bodies = self.bodies.get_or_insert_with(|| BodyIndex::new(articles));
                let (hits, total) = bodies.search(articles, &Query::parse(&req.query), req.limit);
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

/// The worker thread's handle: send requests; each answer goes to the
/// `answer` callback given at start (the loop makes it an event).
pub struct Worker {
    requests: Sender<SearchRequest>,
}

impl Worker {
    /// Starts the worker; `answer` returns false once nobody listens.
    pub fn start(
        corpus: Arc<Corpus>,
        answer: impl Fn(SearchResponse) -> bool + Send + 'static,
    ) -> std::io::Result<Worker> {
        let (tx, rx) = channel::<SearchRequest>();
        thread::Builder::new().name("search".into()).spawn(move || work(corpus, rx, answer))?;
        Ok(Worker { requests: tx })
    }

    pub fn send(&self, req: SearchRequest) {
        // The worker only stops when the app does.
        let _ = self.requests.send(req);
    }
}

fn work(corpus: Arc<Corpus>, rx: Receiver<SearchRequest>, answer: impl Fn(SearchResponse) -> bool) {
    let mut searcher = Searcher::new(corpus);
    while let Ok(mut req) = rx.recv() {
        // Only the newest request waiting matters.
        loop {
            match rx.try_recv() {
                Ok(newer) => req = newer,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        let response = searcher.run(&req);
        if !answer(response) {
            return;
        }
    }
}
