//! The boundary between the domain and the terminal, kept honest: the
//! domain modules and the command line never import ratatui or crossterm.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return;
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn domain_and_cli_do_not_depend_on_the_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in ["corpus", "dedup", "entities", "search", "config", "cli", "notes", "watch", "text.rs"] {
        rust_files(&src.join(module), &mut files);
    }
    assert!(files.len() >= 8, "expected the domain files, found {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for forbidden in ["ratatui", "crossterm", "crate::tui", "rroom::tui"] {
                assert!(!code.contains(forbidden), "{}:{}: uses {forbidden}: {line}", file.display(), n + 1);
            }
        }
    }
}

/// The terminal front's files, each with its module path inside `tui`
/// (`app.rs` is `["app"]`, `ui/list.rs` is `["ui", "list"]`, `mod.rs` the
/// folder's module) and its code with line comments removed.
fn tui_modules() -> Vec<(Vec<String>, std::path::PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let rel = file.strip_prefix(&root).unwrap().with_extension("");
            let mut path: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
            if path.last().is_some_and(|s| s == "mod") {
                path.pop();
            }
            let text = std::fs::read_to_string(&file).unwrap();
            let code: String =
                text.lines().map(|l| format!("{}\n", l.split("//").next().unwrap_or(""))).collect();
            (path, file, code)
        })
        .collect()
}

/// The modules a file names through `super::`, `self::` or `crate::tui::`
/// paths (in `use` lines and inline), as paths inside `tui`.
fn named_modules(module: &[String], is_folder: bool, code: &str, known: &[Vec<String>]) -> Vec<Vec<String>> {
    let ident = |s: &str| -> String { s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect() };
    let mut out = Vec::new();
    for prefix in ["crate::tui::", "super::", "self::"] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            // Where the path starts.
            let mut base: Vec<String> = match prefix {
                "crate::tui::" => Vec::new(),
                "self::" if is_folder => module.to_vec(),
                "self::" => module[..module.len().saturating_sub(1)].to_vec(),
                _ if is_folder => module[..module.len().saturating_sub(1)].to_vec(),
                _ => module[..module.len().saturating_sub(1)].to_vec(),
            };
            let mut tail = rest;
            while let Some(t) = tail.strip_prefix("super::") {
                base.pop();
                tail = t;
            }
            // `{a::X, b}` names several; a plain path names one.
            let heads: Vec<String> = if let Some(group) = tail.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group.split(',').map(|s| ident(s.trim())).collect()
            } else {
                vec![ident(tail)]
            };
            for head in heads.into_iter().filter(|h| !h.is_empty()) {
                let mut target = base.clone();
                target.push(head);
                if known.contains(&target) {
                    out.push(target);
                }
            }
        }
    }
    out
}

/// Circles of imports among the modules of `tui` (a module and the
/// modules it contains, or contains it, do not count: nesting is not a
/// circle). Each circle is a strongly connected set of two or more.
fn tui_import_circles() -> Vec<Vec<String>> {
    let modules = tui_modules();
    let known: Vec<Vec<String>> = modules.iter().map(|(m, _, _)| m.clone()).collect();
    let nested = |a: &[String], b: &[String]| a.starts_with(b) || b.starts_with(a);
    let edges: Vec<Vec<usize>> = modules
        .iter()
        .map(|(m, file, code)| {
            let folder = file.file_name().is_some_and(|f| f == "mod.rs");
            let mut to: Vec<usize> = named_modules(m, folder, code, &known)
                .into_iter()
                .filter(|t| !nested(m, t))
                .filter_map(|t| known.iter().position(|k| *k == t))
                .collect();
            to.sort();
            to.dedup();
            to
        })
        .collect();
    // Reachability, then the sets of modules that reach each other.
    let n = known.len();
    let mut reach = vec![vec![false; n]; n];
    for (i, row) in reach.iter_mut().enumerate() {
        let mut stack = edges[i].clone();
        while let Some(j) = stack.pop() {
            if !row[j] {
                row[j] = true;
                stack.extend(&edges[j]);
            }
        }
    }
    let mut seen = vec![false; n];
    let mut circles = Vec::new();
    for i in 0..n {
        if seen[i] {
            continue;
        }
        let members: Vec<usize> = (0..n).filter(|&j| j == i || (reach[i][j] && reach[j][i])).collect();
        for &j in &members {
            seen[j] = true;
        }
        if members.len() > 1 {
            circles.push(members.iter().map(|&j| known[j].join("::")).collect());
        }
    }
    circles
}

/// Modules of `tui` import each other in one direction only: components
/// (finder, editor, selection, rows…) know nothing of `App`; `app` routes
/// to them; `ui` draws them.
#[test]
fn the_terminal_front_has_no_import_circles() {
    let circles = tui_import_circles();
    assert!(circles.is_empty(), "import circles in src/tui: {circles:?}");
}

#[test]
fn the_import_circle_check_finds_a_circle() {
    let known: Vec<Vec<String>> = [["a"], ["b"]].iter().map(|m| vec![m[0].to_string()]).collect();
    let a = named_modules(&known[0], false, "use super::{b::B, c};\nfn f() { super::b::g() }", &known);
    assert_eq!(a, vec![vec!["b".to_string()]; 2]);
    let b = named_modules(&known[1], false, "use crate::tui::a::A;", &known);
    assert_eq!(b, vec![vec!["a".to_string()]]);
}

/// Only the runtime touches the disk and the store: the rest of `tui` is
/// state, actions and drawing, testable without either.
#[test]
fn the_terminal_front_does_no_file_io_outside_its_runtime() {
    const RUNTIME: &[&str] = &["effects.rs"];
    for (_, file, code) in tui_modules() {
        if RUNTIME.iter().any(|r| file.ends_with(r)) {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            for forbidden in ["rusqlite", "std::fs", "File::", "fs::read", "fs::write", "OpenOptions"] {
                assert!(!line.contains(forbidden), "{}:{}: uses {forbidden}: {line}", file.display(), n + 1);
            }
        }
    }
}
