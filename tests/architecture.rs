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
    for module in ["corpus", "entities", "search", "config", "cli", "notes", "text.rs"] {
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
