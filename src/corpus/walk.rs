//! Which files a list of corpus paths means, in order: folders walked in
//! name order, hidden entries left out, each file once however it is
//! reached, and symbolic links that lead out of a folder skipped (with one
//! notice) unless `--follow-links` says otherwise.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::formats::Format;
use super::{Job, LoadOptions, README, Severity, UNKNOWN_TYPE, display_path, is_readme, note};

/// Lists the files to load, in order, with notes for what cannot be.
/// A file reached twice (named twice, or through a link) is loaded once.
pub(super) fn plan(paths: &[PathBuf], options: &LoadOptions) -> Vec<Job> {
    let mut jobs = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        match std::fs::metadata(path) {
            Err(e) => jobs.push(note(path, Severity::Skipped, format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => plan_dir(path, options, &mut jobs, &mut seen),
            Ok(meta) => match Format::from_path(path) {
                Some(format) => {
                    if first_time(&meta, &mut seen) {
                        jobs.push(Job::File { path: path.clone(), format, section: None });
                    }
                }
                None => jobs.push(note(path, Severity::Skipped, UNKNOWN_TYPE)),
            },
        }
    }
    jobs
}

/// Whether a regular file is met for the first time (by device and inode).
fn first_time(meta: &std::fs::Metadata, seen: &mut HashSet<(u64, u64)>) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.is_file() {
            return seen.insert((meta.dev(), meta.ino()));
        }
    }
    let _ = (meta, seen);
    true
}

/// Whether a symbolic link in a folder leads out of the folder `real_root`
/// (canonical). A link that cannot be resolved (dangling, a loop) is left
/// to the walk, which reports it.
fn leads_outside(link: &Path, real_root: Option<&Path>) -> bool {
    match (real_root, std::fs::canonicalize(link)) {
        (Some(root), Ok(target)) => !target.starts_with(root),
        _ => false,
    }
}

fn plan_dir(root: &Path, options: &LoadOptions, jobs: &mut Vec<Job>, seen: &mut HashSet<(u64, u64)>) {
    let real_root = std::fs::canonicalize(root).ok();
    let mut outside: Vec<PathBuf> = Vec::new();
    let walker =
        walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if !options.follow_links && e.path_is_symlink() && leads_outside(e.path(), real_root.as_deref()) {
                outside.push(e.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.to_path_buf());
                let msg = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_string()
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                jobs.push(note(&p, Severity::Skipped, msg));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let path = entry.path();
        let Some(format) = Format::from_path(path) else {
            jobs.push(note(path, Severity::Skipped, "unknown file type"));
            continue;
        };
        if is_readme(path) {
            jobs.push(note(path, Severity::Info, README));
            continue;
        }
        if let Ok(meta) = entry.metadata()
            && !first_time(&meta, seen)
        {
            continue;
        }
        let section = path
            .parent()
            .filter(|p| *p != root)
            .and_then(|p| p.strip_prefix(root).ok())
            .map(|p| p.to_string_lossy().into_owned());
        jobs.push(Job::File { path: path.to_path_buf(), format, section });
    }
    if let Some(first) = outside.first() {
        let example = first.strip_prefix(root).unwrap_or(first);
        let message = format!(
            "{} outside this folder, not followed (e.g. {}); --follow-links follows them",
            if outside.len() == 1 {
                "1 symbolic link leads".to_string()
            } else {
                format!("{} symbolic links lead", outside.len())
            },
            display_path(example)
        );
        jobs.push(note(root, Severity::Warning, message));
    }
}
