//! `rroom list`: the catalog, sorted and filtered, with each article's
//! date and reading state. Rows are streamed: `rroom list | head` on a
//! million articles stops as soon as `head` has what it wants.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::corpus::dates::{self, Edge};
use crate::library::{CatalogQuery, Ids, Library, Listed, Sort};
use crate::notes::{ReadingState, Store, clock::now_ms, store::FILE_NAME};
use crate::text::truncate;

/// The options of `rroom list`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ListArgs {
    /// Print JSON: {"articles":[{"number","id","title","source","path","words","published","published_as_given",
    /// "url","read","read_at","flagged","flagged_at","notes","group"}]}; "published" is ISO 8601 (UTC) or null;
    /// "group" is the id of the first article of its near-duplicate group (its own id when it has none).
    #[arg(long)]
    pub json: bool,
    /// Only articles not marked read (`rroom mark`).
    #[arg(long)]
    pub unread: bool,
    /// Only flagged articles (`rroom mark --flag`).
    #[arg(long)]
    pub flagged: bool,
    /// Only articles published at or after WHEN: a date (2025-03-01, "March 1, 2025", UTC) or an age
    /// (7d, 24h, 2w ago). Undated articles are left out.
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// Only articles published at or before WHEN (a date includes that whole day), as --since takes it.
    #[arg(long, value_name = "WHEN")]
    pub until: Option<String>,
    /// The order: list (corpus order), date (newest first, undated last), title, source, words (longest first).
    #[arg(long, value_name = "KEY", default_value = "list", value_parser = Sort::NAMES)]
    pub sort: String,
}

/// The reading state and note counts from the notes store; empty when
/// there is no store yet (listing never creates one).
struct State {
    reading: HashMap<String, ReadingState>,
    notes: HashMap<String, usize>,
}

impl State {
    fn load(data_dir: Option<&Path>) -> anyhow::Result<State> {
        let empty = State { reading: HashMap::new(), notes: HashMap::new() };
        let Some(dir) = data_dir else { return Ok(empty) };
        if !dir.join(FILE_NAME).exists() {
            return Ok(empty);
        }
        let store = Store::open(dir)?;
        Ok(State { reading: store.reading_states()?, notes: store.note_counts()? })
    }

    fn of(&self, id: &str) -> ReadingState {
        self.reading.get(id).copied().unwrap_or_default()
    }

    fn ids(&self, pick: impl Fn(&ReadingState) -> bool) -> HashSet<String> {
        self.reading.iter().filter(|(_, s)| pick(s)).map(|(id, _)| id.clone()).collect()
    }
}

/// The view the options ask for, `now` being the current Unix time.
pub fn query(
    args: &ListArgs,
    now: i64,
    read: HashSet<String>,
    flagged: HashSet<String>,
) -> anyhow::Result<CatalogQuery> {
    let sort: Sort = args.sort.parse().map_err(anyhow::Error::msg)?;
    let since = args.since.as_deref().map(|s| dates::parse_bound(s, Edge::Since, now)).transpose()?;
    let until = args.until.as_deref().map(|s| dates::parse_bound(s, Edge::Until, now)).transpose()?;
    let ids = match (args.unread, args.flagged) {
        (false, false) => Ids::All,
        (true, false) => Ids::Except(read),
        (false, true) => Ids::Only(flagged),
        (true, true) => Ids::Only(flagged.difference(&read).cloned().collect()),
    };
    Ok(CatalogQuery { sort, since, until, ids, ..CatalogQuery::default() })
}

#[derive(Serialize)]
struct JsonRow<'a> {
    number: usize,
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    path: String,
    words: usize,
    /// ISO 8601 (RFC 3339, UTC), or null when unknown or unreadable.
    published: Option<String>,
    /// The date as the article gives it.
    published_as_given: Option<&'a str>,
    url: Option<&'a str>,
    read: bool,
    read_at: Option<String>,
    flagged: bool,
    flagged_at: Option<String>,
    notes: usize,
    /// The id of the first article of its near-duplicate group (its own when alone).
    group: &'a str,
}

/// A time of the notes store (unix ms) in RFC 3339.
fn stamp(ms: Option<i64>) -> Option<String> {
    ms.map(crate::notes::clock::rfc3339)
}

/// One line of the plain list: number, id, state (r read, f flagged),
/// date, words, source, title.
fn line(l: &Listed, state: ReadingState, width: usize) -> String {
    let a = &l.row;
    let date = match (a.published_at.and_then(dates::short), a.published.as_deref()) {
        (Some(d), _) => d,
        (None, Some(given)) => truncate(given, 10),
        (None, None) => "-".to_string(),
    };
    let marks = format!(
        "{}{}",
        if state.read.is_some() { 'r' } else { '-' },
        if state.flagged.is_some() { 'f' } else { '-' }
    );
    let source = truncate(a.source_or_section().unwrap_or("-"), 20);
    format!(
        "{:>width$}  {}  {marks}  {date:<10}  {:>6}  {source:<20}  {}\n",
        l.index + 1,
        a.id,
        a.words,
        a.title
    )
}

pub fn run(library: &dyn Library, data_dir: Option<&Path>, args: &ListArgs) -> anyhow::Result<()> {
    let state = match State::load(data_dir) {
        Ok(state) => state,
        // The list itself does not need the store: say why the state is
        // missing and go on, unless a filter asks for it.
        Err(e) if !(args.unread || args.flagged) => {
            super::diag::warn(&format!("{e:#}; the list shows no reading state"));
            State { reading: HashMap::new(), notes: HashMap::new() }
        }
        Err(e) => return Err(e),
    };
    let read = if args.unread { state.ids(|s| s.read.is_some()) } else { HashSet::new() };
    let flagged = if args.flagged { state.ids(|s| s.flagged.is_some()) } else { HashSet::new() };
    let q = query(args, now_ms() / 1000, read, flagged)?;
    if args.json {
        let listed = library.select(&q)?;
        let groups = library.groups()?;
        // The group's first article may be filtered out of this list.
        let all = library.rows()?;
        let articles: Vec<JsonRow> = listed
            .iter()
            .map(|l| {
                let a = &l.row;
                let s = state.of(a.id.as_str());
                JsonRow {
                    number: l.index + 1,
                    id: a.id.as_str(),
                    title: &a.title,
                    source: a.source.as_deref(),
                    path: a.origin.to_string(),
                    words: a.words,
                    published: a.published_at.and_then(dates::iso8601),
                    published_as_given: a.published.as_deref(),
                    url: a.url.as_deref(),
                    read: s.read.is_some(),
                    read_at: stamp(s.read),
                    flagged: s.flagged.is_some(),
                    flagged_at: stamp(s.flagged),
                    notes: state.notes.get(a.id.as_str()).copied().unwrap_or(0),
                    group: all.get(groups.leader(l.index)).map_or(a.id.as_str(), |g| g.id.as_str()),
                }
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&serde_json::json!({ "articles": articles }))?;
        text.push('\n');
        return super::emit(&text);
    }
    // Streamed, so a closed pipe (`| head`) ends the query early.
    let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    // Numbers line up however long the list is.
    let width = library.len().to_string().len().max(4);
    let mut failed: Option<io::Error> = None;
    library.visit(
        &q,
        &mut |l| match out.write_all(line(&l, state.of(l.row.id.as_str()), width).as_bytes()) {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        },
    )?;
    let flushed = match failed {
        Some(e) => Err(e),
        None => out.flush(),
    };
    match flushed {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
