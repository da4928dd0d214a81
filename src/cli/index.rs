//! `rroom index [--rebuild] [--json] [--stats]`: builds or updates the
//! corpus index explicitly, with a progress bar on a terminal (plain
//! progress lines otherwise).

use super::library::{Reporter, open_index};
use super::{Cli, corpus_paths, diag, entities::load_corrections};
use crate::config::{self, Config};
use crate::corpus::display_path;
use crate::library::Library;
use crate::text::count;

pub fn run(cli: &Cli, config: &Config, rebuild: bool, json: bool, stats: bool) -> anyhow::Result<()> {
    let Some(roots) = corpus_paths(cli, config)? else {
        anyhow::bail!(
            "rroom index needs a corpus (--corpus PATH, RROOM_CORPUS or the config file's corpus); \
             the built-in seeds need no index"
        );
    };
    let dir = config::data_dir(cli.data_dir.clone()).ok();
    // The entity table is made with the analyst's corrections, as lookups read it.
    let corrections = load_corrections(dir.as_deref());
    let started = std::time::Instant::now();
    let mut reporter = Reporter::new(true);
    let (library, report) = open_index(cli, roots, corrections, rebuild, &mut reporter)?;
    let entities_started = std::time::Instant::now();
    library.prepare_entities()?;
    let entity_seconds = entities_started.elapsed().as_secs_f64();
    let seconds = started.elapsed().as_secs_f64();
    for line in library.summary_lines() {
        diag::notice(&line);
    }
    let stats = if stats { Some(library.stats()?) } else { None };
    let path = display_path(library.path());
    if json {
        let mut value = serde_json::json!({
            "index": path,
            "articles": library.len(),
            "update": report,
            "seconds": (seconds * 1000.0).round() / 1000.0,
            "entity_seconds": (entity_seconds * 1000.0).round() / 1000.0,
        });
        if let Some(s) = &stats {
            value["stats"] = serde_json::to_value(s)?;
        }
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        return super::emit(&text);
    }
    let mut text = format!("index: {path}\n");
    let mut changes = Vec::new();
    for (n, what) in [
        (report.new_files, "new"),
        (report.changed_files, "changed"),
        (report.appended_files, "appended"),
        (report.removed_files, "removed"),
    ] {
        if n > 0 {
            changes.push(format!("{n} {what}"));
        }
    }
    let changes = if changes.is_empty() { "nothing changed".to_string() } else { changes.join(", ") };
    text.push_str(&format!(
        "{} from {}; {changes} ({} read in {seconds:.2} s)\n",
        count(library.len(), "article"),
        count(report.files, "file"),
        count(report.articles_indexed, "article"),
    ));
    if let Some(s) = stats {
        text.push_str(&format!("articles: {}\n", s.articles));
        text.push_str(&format!("entities: {}\n", s.entities));
        text.push_str(&format!("size on disk: {:.1} MB\n", s.bytes_on_disk as f64 / 1e6));
        let when = s.last_update.map_or("never".to_string(), |t| format!("{t} (seconds since 1970, UTC)"));
        text.push_str(&format!("last update: {when}\n"));
    }
    super::emit(&text)
}
