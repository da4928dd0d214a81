//! What the reading room reads, chosen as the command line chooses
//! (`cli/library.rs`, which `main.rs` calls): the built-in seeds and
//! `--no-index` in memory; a corpus of files over its index. An existing
//! index is not brought up to date before the first frame: the list comes
//! from it as it is, at once, and the update runs on the updater's thread
//! ([`super::updater`]). A first index is built before the screen opens,
//! with the command line's progress, and when none can be kept (an unsafe
//! or read-only place) the corpus is read whole, as the CLI does.

use std::path::PathBuf;
use std::sync::Arc;

use super::Source;
use super::catalog::{Catalog, Engine, Opener};
use super::updater::UpdateFn;
use crate::corpus::{Corpus, LoadOptions};
use crate::entities::Corrections;
use crate::library::{LibraryError, SqliteLibrary};

/// The seeds, or a corpus loaded whole.
pub fn memory(corpus: Corpus) -> Source {
    Source { catalog: Catalog::memory(Arc::new(corpus)), update: None }
}

/// Handles on the index at `path` for the corpus `roots`, read as it is.
pub fn index_opener(path: PathBuf, roots: Vec<PathBuf>) -> Opener {
    Arc::new(move |c: &Corrections| match SqliteLibrary::reader(&path, roots.clone(), c.clone())? {
        Some(library) => Ok(Box::new(library) as _),
        None => {
            Err(LibraryError::Lookup(crate::corpus::LookupError::NotFound("the index (not made yet)".into())))
        }
    })
}

/// The update of the index at `path`: the library's own (the write lock,
/// only what changed is read, a damaged index rebuilt).
pub fn index_update(path: PathBuf, roots: Vec<PathBuf>, load: LoadOptions) -> UpdateFn {
    Box::new(move |progress| {
        SqliteLibrary::bring_up_to_date(&path, roots.clone(), load.clone(), progress)
            .map_err(|e| e.to_string())
    })
}

/// Whether there is an index at `path` to show at once.
pub fn index_exists(path: &std::path::Path, roots: &[PathBuf]) -> bool {
    matches!(SqliteLibrary::reader(path, roots.to_vec(), Corrections::default()), Ok(Some(_)))
}

/// A corpus of files over its index at `index`, watched, and brought up
/// to date by the updater (at once when `update_now`; else only when files
/// change: it was just built).
pub fn indexed(roots: Vec<PathBuf>, index: PathBuf, load: LoadOptions, update_now: bool) -> Source {
    let catalog = Catalog::open(index_opener(index.clone(), roots.clone()), Engine::Index);
    let update = index_update(index, roots.clone(), load);
    Source { catalog, update: Some(super::Update { run: update, watch: roots, now: update_now }) }
}
