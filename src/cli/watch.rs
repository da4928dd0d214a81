//! `rroom watch add|list|rm|show`: watchlists ([`crate::watch`]), kept in
//! the notes store. Names and queries are the analyst's untrusted text:
//! checked when added, and sanitized wherever printed as text.

use anyhow::bail;
use clap::Subcommand;
use serde::Serialize;

use super::{Cli, entities::load_corrections, library};
use crate::config::{self, Config};
use crate::corpus::sanitize::sanitize_label;
use crate::library::Library;
use crate::notes::Store;
use crate::notes::clock::{now_ms, rfc3339};
use crate::text::{count, truncate};
use crate::watch::{self, Evaluation, Watch, WatchQuery};

#[derive(Subcommand, Debug)]
pub enum WatchCommand {
    /// Watch an entity (@NAME, resolved with its aliases as `rroom lookup` does) or words in the text.
    Add {
        /// The watch's name: up to 40 characters, not starting with '-' or '@'.
        name: String,
        /// @NAME for a person, organization or place ("@TTP"); otherwise words and "quoted phrases" to find.
        query: String,
    },
    /// The watches, each with its matches and how many are new since you last looked.
    List {
        /// Print JSON: {"watches":[{"name","query","kind","entity","total","new","created","looked"}]}
        #[arg(long)]
        json: bool,
    },
    /// Stop watching (the articles are not touched).
    Rm {
        /// The watch's name (any case).
        name: String,
    },
    /// A watch's matches, newest first, the new ones marked; they then count as looked at.
    Show {
        /// The watch's name (any case).
        name: String,
        /// Print JSON: {"watch":{...},"articles":[{"id","title","path","new"}]}
        #[arg(long)]
        json: bool,
        /// Leave the new ones new: do not mark them as looked at.
        #[arg(long)]
        keep_new: bool,
    },
}

/// A watch as JSON shows it.
#[derive(Serialize)]
struct WatchJson<'a> {
    name: &'a str,
    query: String,
    kind: &'static str,
    /// The entity an entity watch follows: {"name","kind"}.
    entity: Option<serde_json::Value>,
    total: usize,
    new: usize,
    created: String,
    looked: Option<String>,
}

fn watch_json<'a>(w: &'a Watch, e: &Evaluation) -> WatchJson<'a> {
    let entity = match &w.query {
        WatchQuery::Entity { name, kind, .. } => Some(serde_json::json!({ "name": name, "kind": kind })),
        WatchQuery::Text { .. } => None,
    };
    WatchJson {
        name: &w.name,
        query: w.query.typed(),
        kind: w.query.kind(),
        entity,
        total: e.total(),
        new: e.new,
        created: rfc3339(w.created),
        looked: w.looked.map(rfc3339),
    }
}

/// The query as a line of text shows it: as typed, and the entity it names.
fn query_label(q: &WatchQuery) -> String {
    let typed = truncate(&sanitize_label(&q.typed()), 60);
    match q {
        WatchQuery::Entity { name, kind, .. } => {
            format!("{typed} ({}, {})", truncate(&sanitize_label(name), 40), kind.as_str())
        }
        WatchQuery::Text { .. } => typed,
    }
}

fn emit_json(value: serde_json::Value) -> anyhow::Result<()> {
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    super::emit(&text)
}

/// The notes store, or `None` when there is none yet (reading never creates one).
fn existing_store(dir: &std::path::Path) -> anyhow::Result<Option<Store>> {
    if !dir.join(crate::notes::store::FILE_NAME).is_file() {
        return Ok(None);
    }
    Ok(Some(Store::open(dir)?))
}

pub fn run(cli: &Cli, config: &Config, command: &WatchCommand) -> anyhow::Result<()> {
    let dir = config::data_dir(cli.data_dir.clone())?;
    let open_library = || library::open(cli, config, load_corrections(Some(&dir)));
    match command {
        WatchCommand::Add { name, query } => {
            let name = watch::check_name(name).map_err(anyhow::Error::msg)?;
            // The query is checked before the corpus is read.
            watch::parse_query(query).map_err(anyhow::Error::msg)?;
            let store = Store::open(&dir)?;
            if let Some(taken) = store.watch(&name)? {
                bail!(
                    "there is already a watch named '{}' (remove it first with `rroom watch rm`)",
                    truncate(&sanitize_label(&taken.name), 60)
                );
            }
            let lib = open_library()?;
            let resolved = watch::resolve(lib.as_ref(), query)?;
            let now = watch::evaluate_query(lib.as_ref(), &resolved, &Default::default())?;
            store.add_watch(&name, &resolved, &now.seen(), now_ms())?;
            super::emit(&format!(
                "watching '{}': {}, {}\n",
                truncate(&sanitize_label(&name), 60),
                query_label(&resolved),
                count(now.total(), "article")
            ))
        }
        WatchCommand::Rm { name } => {
            let Some(store) = existing_store(&dir)? else {
                return Err(crate::notes::store::no_watch(name).into());
            };
            store.remove_watch(name)?;
            super::emit(&format!("removed the watch '{}'\n", truncate(&sanitize_label(name.trim()), 60)))
        }
        WatchCommand::List { json } => {
            let watches = match existing_store(&dir)? {
                Some(store) => store.watches()?,
                None => Vec::new(),
            };
            let lib = if watches.is_empty() { None } else { Some(open_library()?) };
            let mut evaluated = Vec::with_capacity(watches.len());
            for w in &watches {
                let e = match &lib {
                    Some(lib) => watch::evaluate(lib.as_ref(), w)?,
                    None => Evaluation::default(),
                };
                evaluated.push(e);
            }
            if *json {
                let list: Vec<WatchJson> =
                    watches.iter().zip(&evaluated).map(|(w, e)| watch_json(w, e)).collect();
                return emit_json(serde_json::json!({ "watches": list }));
            }
            if watches.is_empty() {
                return super::emit("no watches yet: `rroom watch add NAME QUERY` adds one\n");
            }
            list_text(&watches, &evaluated)
        }
        WatchCommand::Show { name, json, keep_new } => {
            let store = existing_store(&dir)?;
            let Some(w) = store.as_ref().map(|s| s.watch(name)).transpose()?.flatten() else {
                return Err(crate::notes::store::no_watch(name).into());
            };
            let lib = open_library()?;
            let e = watch::evaluate(lib.as_ref(), &w)?;
            show(lib.as_ref(), &w, &e, *json)?;
            if !keep_new && let Some(store) = &store {
                store.mark_watch_looked(w.id, &e.seen(), now_ms())?;
            }
            Ok(())
        }
    }
}

fn list_text(watches: &[Watch], evaluated: &[Evaluation]) -> anyhow::Result<()> {
    let names: Vec<String> = watches.iter().map(|w| truncate(&sanitize_label(&w.name), 40)).collect();
    let width = names.iter().map(|n| crate::text::width(n)).max().unwrap_or(0);
    let mut text = String::new();
    for ((w, e), name) in watches.iter().zip(evaluated).zip(&names) {
        let pad = " ".repeat(width - crate::text::width(name));
        text.push_str(&format!(
            "{name}{pad}  {:>6}  {:>5} new  {}\n",
            e.total(),
            e.new,
            query_label(&w.query)
        ));
    }
    super::emit(&text)
}

fn show(lib: &dyn Library, w: &Watch, e: &Evaluation, json: bool) -> anyhow::Result<()> {
    let rows = lib.rows()?;
    if json {
        let articles: Vec<serde_json::Value> = e
            .matches
            .iter()
            .filter_map(|m| {
                let r = rows.get(m.index)?;
                Some(serde_json::json!({
                    "id": r.id.as_str(),
                    "title": r.title,
                    "path": r.origin.to_string(),
                    "new": m.new,
                }))
            })
            .collect();
        return emit_json(serde_json::json!({ "watch": watch_json(w, e), "articles": articles }));
    }
    let since = w.looked.map_or(String::new(), |t| format!(" since {}", rfc3339(t)));
    let mut text = format!(
        "{}: {}: {}, {} new{since}\n",
        truncate(&sanitize_label(&w.name), 40),
        query_label(&w.query),
        count(e.total(), "article"),
        e.new
    );
    for m in &e.matches {
        let Some(r) = rows.get(m.index) else { continue };
        let mark = if m.new { "new" } else { "   " };
        text.push_str(&format!("{:>5}  {}  {mark}  {}\n", m.index + 1, r.id, truncate(&r.title, 70)));
    }
    super::emit(&text)
}
