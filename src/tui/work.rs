//! Everything `update` asks the world outside the app to do, as one enum:
//! the app queues it, the event loop (`tui/mod.rs`) carries each out on the
//! worker it belongs to. `update` itself never waits on any of it.

use super::effects::Effect;
use super::extract_worker::ExtractJob;
use super::jobs::SearchRequest;

/// One thing to do, and where it runs.
#[derive(Debug)]
pub enum Work {
    /// A write to the notes store (store worker) or a copy to the clipboard
    /// (the terminal, so the UI thread).
    Store(Effect),
    /// A title or full-text search (search worker; newest wins).
    Search(SearchRequest),
    /// What the corpus knows of entities: the open article's in the corpus,
    /// an entity's articles, the names of an `@` filter (corpus worker; an
    /// answer for an older generation is dropped).
    Corpus(super::corpus_worker::CorpusJob),
    /// One long article's entities (extraction worker).
    Extract(ExtractJob),
    /// Who appears with whom, the articles naming both (desk worker).
    Desk(super::desk_worker::DeskJob),
    /// The catalog changed (an update committed): workers that read it
    /// whole (the finder's titles) read it again.
    CatalogChanged,
}
