//! Reading an article's text back from its source file: the index keeps
//! only where it is. A JSONL line is read alone (its byte range); any other
//! file is read and parsed again, exactly as the loader reads it, so the
//! text, paragraphs and offsets are the ones the entities were found in.

use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

use super::LibraryError;
use crate::corpus::formats::{Format, read_jsonl_line};
use crate::corpus::{self, Article, Origin, display_path, open};

/// Where an article is, as the catalog says.
pub struct Place {
    pub format: Format,
    pub section: Option<String>,
    pub line: Option<usize>,
    /// The byte range of its line, for a JSONL file read line by line.
    pub range: Option<Range<usize>>,
}

fn source_error(path: &Path, reason: impl Into<String>) -> LibraryError {
    LibraryError::Source { path: display_path(path), reason: reason.into() }
}

/// The article at `place` in the file `path`.
pub fn read(path: &Path, place: &Place) -> Result<Article, LibraryError> {
    if let (Format::Jsonl, Some(range), Some(line)) = (place.format, &place.range, place.line) {
        let (mut file, size) = open::open_regular(path).map_err(|e| source_error(path, e.to_string()))?;
        if range.end as u64 > size {
            return Err(source_error(path, "it is shorter than when it was indexed"));
        }
        let mut bytes = vec![0; range.end - range.start];
        file.seek(SeekFrom::Start(range.start as u64))
            .and_then(|_| file.read_exact(&mut bytes))
            .map_err(|e| source_error(path, e.to_string()))?;
        let text =
            std::str::from_utf8(&bytes).map_err(|_| source_error(path, "it changed since it was indexed"))?;
        let raw = read_jsonl_line(line, text)
            .map_err(|e| source_error(path, e))?
            .ok_or_else(|| source_error(path, "it changed since it was indexed"))?;
        let origin = Origin { path: display_path(path), line: raw.line };
        return Article::build(raw, origin, place.section.clone())
            .ok_or_else(|| source_error(path, "it changed since it was indexed"));
    }
    let (bytes, cut) = open::read_capped(path, corpus::read_limit(place.format))
        .map_err(|e| source_error(path, e.to_string()))?;
    let (articles, _) = corpus::load_read_file(path, bytes, cut, place.format, place.section.clone());
    articles
        .into_iter()
        .find(|a| a.origin.line == place.line)
        .ok_or_else(|| source_error(path, "it changed since it was indexed"))
}
