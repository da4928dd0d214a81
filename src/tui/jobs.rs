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
use rayon::prelude::*;

use crate::search::{Finder, FuzzyHit, MatchKind, Pattern, Query, TitleIndex};

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

/// Titles per shard of the finder: each shard is a finder of its own, and
/// hits are merged best first. A catalog up to this size is one shard,
/// ranked exactly as one finder ranks it; a larger one is read shard by
/// shard, and searched as far as it is read meanwhile (results streamed).
pub const SHARD: usize = 100_000;

/// The search engine the worker runs (tests run it directly).
pub struct Searcher {
    library: Box<dyn Library + Send>,
    /// Finders over consecutive ranges of the catalog: (first position, finder).
    shards: Vec<(usize, Finder)>,
    len: usize,
    /// Titles read so far.
    loaded: usize,
    /// Titles per shard ([`SHARD`]).
    shard: usize,
}

impl Searcher {
    /// Over a corpus in memory (tests).
    pub fn new(corpus: Arc<Corpus>) -> Searcher {
        Searcher::over(Box::new(MemoryLibrary::shared(corpus, Corrections::default())))
    }

    /// Over a library: its titles are read shard by shard as searches need
    /// them (on the worker); the text is searched by the library.
    pub fn over(library: Box<dyn Library + Send>) -> Searcher {
        Searcher::with_shards(library, SHARD)
    }

    /// With `shard` titles per shard (tests use small ones).
    pub fn with_shards(library: Box<dyn Library + Send>, shard: usize) -> Searcher {
        let len = library.len();
        Searcher { library, shards: Vec::new(), len, loaded: 0, shard: shard.max(1) }
    }

    /// Whether titles remain to be read.
    pub fn loading(&self) -> bool {
        self.loaded < self.len
    }

    /// Reads the next shard of titles; false when all are read (or the
    /// library cannot be read: the rest is left out).
    pub fn load_more(&mut self) -> bool {
        if !self.loading() {
            return false;
        }
        let range = self.loaded..(self.loaded + self.shard).min(self.len);
        let Ok(rows) = self.library.titles_in(range.clone()) else {
            self.len = self.loaded;
            return false;
        };
        let index = TitleIndex::from_rows(
            rows.iter().map(|(t, s, d)| (t.as_str(), s.as_deref(), d.as_deref())).collect(),
        );
        self.shards.push((range.start, Finder::new(Arc::new(index))));
        self.loaded = range.end;
        self.loading()
    }

    /// Answers a request over every title (read first if need be).
    pub fn run(&mut self, req: &SearchRequest) -> SearchResponse {
        if needs_titles(req) {
            while self.load_more() {}
        }
        self.run_loaded(req)
    }

    /// How many shards are read.
    pub fn shards(&self) -> usize {
        self.shards.len()
    }

    /// Answers a request over the titles read so far (the first screenful
    /// while the rest is read). An empty query needs no titles: every
    /// article, in list order.
    pub fn run_loaded(&mut self, req: &SearchRequest) -> SearchResponse {
        self.run_shards(req, usize::MAX)
    }

    /// Answers a request over the first `shards` shards read (the first
    /// screenful, soon: the final ranking follows over all of them).
    pub fn run_shards(&mut self, req: &SearchRequest, shards: usize) -> SearchResponse {
        let (rows, total) = match req.mode {
            FindMode::Titles if !needs_titles(req) => {
                let rows = (0..self.len.min(req.limit))
                    .map(|index| FoundRow { index, positions: Vec::new(), snippet: None, hit: None })
                    .collect();
                (rows, self.len)
            }
            FindMode::Titles => self.titles(&req.query, req.limit, shards),
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

    /// Fuzzy title matches over the shards read (searched in parallel),
    /// merged best first. Scattered letters count only where no shard has
    /// better (as in one finder).
    fn titles(&mut self, query: &str, limit: usize, shards: usize) -> (Vec<FoundRow>, usize) {
        let shards = shards.min(self.shards.len());
        let found: Vec<(Vec<FuzzyHit>, usize)> =
            self.shards[..shards].par_iter_mut().map(|(_, finder)| finder.search(query, limit)).collect();
        let mut hits: Vec<(FuzzyHit, usize)> = Vec::new();
        let mut totals: Vec<(MatchKind, usize)> = Vec::new();
        for (shard, (found, total)) in found.into_iter().enumerate() {
            if let Some(best) = found.first() {
                totals.push((best.kind, total));
            }
            hits.extend(found.into_iter().map(|h| (h, shard)));
        }
        let better = hits.iter().any(|(h, _)| h.kind > MatchKind::Scattered);
        if better {
            hits.retain(|(h, _)| h.kind > MatchKind::Scattered);
        }
        let total = totals.iter().filter(|(k, _)| !better || *k > MatchKind::Scattered).map(|(_, t)| t).sum();
        if shards > 1 {
            // Ties go to the shorter title, then to list order, as in one finder.
            let key = |(h, shard): &(FuzzyHit, usize)| {
                let (offset, finder) = &self.shards[*shard];
                let chars = finder.index().title_chars(h.index);
                (std::cmp::Reverse(h.kind), std::cmp::Reverse(h.score), chars, offset + h.index)
            };
            hits.sort_by_cached_key(key);
        }
        hits.truncate(limit);
        let rows = hits
            .into_iter()
            .map(|(h, shard)| {
                let (offset, finder) = &self.shards[shard];
                FoundRow {
                    index: offset + h.index,
                    positions: finder.title_positions(h.index, query),
                    snippet: None,
                    hit: None,
                }
            })
            .collect();
        (rows, total)
    }
}

/// A title search with something to search for (a query of operators
/// alone, as `'` typed before its word, lists every article in order).
fn needs_titles(req: &SearchRequest) -> bool {
    req.mode == FindMode::Titles && !Pattern::parse(&req.query).is_empty()
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
    // A title search waiting for more titles to be read.
    let mut waiting: Option<SearchRequest> = None;
    // A message taken while answering, to handle first.
    let mut carried: Option<Message> = None;
    // The finder asked for titles once: read the rest ahead, between
    // messages, so that its first keystroke finds them read.
    let mut read_ahead = false;
    loop {
        let reading_ahead = read_ahead && !stale && searcher.as_ref().is_some_and(Searcher::loading);
        // Block only when there is nothing to do.
        let first = if carried.is_some() {
            carried.take()
        } else if waiting.is_some() || reading_ahead {
            match rx.try_recv() {
                Ok(m) => Some(m),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(m) => Some(m),
                Err(_) => return,
            }
        };
        // Only the newest request matters.
        let mut next = first;
        while let Some(message) = next {
            match message {
                Message::Search(r) => waiting = Some(r),
                Message::Reload => stale = true,
            }
            next = match rx.try_recv() {
                Ok(m) => Some(m),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => return,
            };
        }
        let Some(req) = waiting.take() else {
            if reading_ahead && let Some(s) = searcher.as_mut() {
                s.load_more();
            }
            continue;
        };
        read_ahead |= req.mode == FindMode::Titles;
        if stale || searcher.is_none() {
            stale = false;
            searcher = opener(&Corrections::default()).ok().map(Searcher::over);
        }
        let Some(s) = searcher.as_mut() else {
            let empty =
                SearchResponse { generation: req.generation, target: req.target, rows: Vec::new(), total: 0 };
            if !answer(empty) {
                return;
            }
            continue;
        };
        let needs_titles = needs_titles(&req);
        if needs_titles && s.loading() {
            // One more shard, then what is found so far; the request stays
            // until every title is read (newer keys are taken in between).
            s.load_more();
            if !answer(s.run_loaded(&req)) {
                return;
            }
            if s.loading() {
                waiting = Some(req);
            }
            continue;
        }
        if needs_titles && s.shards() > 1 {
            // The first shard's best at once; the final ranking unless a
            // newer key came meanwhile.
            if !answer(s.run_shards(&req, 1)) {
                return;
            }
            match rx.try_recv() {
                Ok(m) => {
                    carried = Some(m);
                    waiting = Some(req);
                    continue;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => return,
            }
        }
        if !answer(s.run_loaded(&req)) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> SearchRequest {
        SearchRequest {
            generation: 1,
            target: SearchTarget::Finder,
            mode: FindMode::Titles,
            query: query.into(),
            limit: 50,
        }
    }

    fn library() -> Box<dyn Library + Send> {
        Box::new(MemoryLibrary::new(Corpus::seeds(), Corrections::default()))
    }

    /// Shards read one by one answer with what they hold, and once all are
    /// read the merged answer finds what one finder over every title finds.
    #[test]
    fn shards_stream_then_find_what_one_finder_finds() {
        for query in ["taliban", "kabul", "pak", "zzz", "tlbn"] {
            let whole = Searcher::over(library()).run(&request(query));
            let mut sharded = Searcher::with_shards(library(), 2);
            assert!(sharded.load_more(), "more than one shard");
            let first = sharded.run_loaded(&request(query));
            assert!(first.rows.iter().all(|r| r.index < 2), "{query}: only the first shard");
            while sharded.load_more() {}
            assert_eq!(sharded.shards(), 3);
            // Once all are read, a key's first answer is the first shard's.
            let soon = sharded.run_shards(&request(query), 1);
            assert!(soon.rows.iter().all(|r| r.index < 2), "{query}: the first shard's");
            let merged = sharded.run_loaded(&request(query));
            let set = |r: &SearchResponse| {
                let mut v: Vec<usize> = r.rows.iter().map(|r| r.index).collect();
                v.sort();
                v
            };
            assert_eq!(set(&merged), set(&whole), "{query}");
            assert_eq!(merged.total, whole.total, "{query}");
            assert_eq!(merged.rows.first().map(|r| r.index), whole.rows.first().map(|r| r.index), "{query}");
        }
    }

    /// The empty query lists every article without reading a title.
    #[test]
    fn the_empty_query_needs_no_titles() {
        let mut s = Searcher::over(library());
        let r = s.run_loaded(&request(" "));
        assert_eq!((r.rows.len(), r.total), (5, 5));
        assert!(s.loading(), "no title was read");
    }
}
