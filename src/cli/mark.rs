//! `rroom mark ARTICLE... --read|--unread|--flag|--unflag`: the reading
//! state, kept in the notes store by article id.

use std::path::Path;

use crate::library::{CatalogQuery, Library};
use crate::notes::{Mark, Store, clock::now_ms};
use crate::text::{count, truncate};

/// The options of `rroom mark`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("change").required(true).args(["read", "unread", "flag", "unflag"])))]
pub struct MarkArgs {
    /// Articles: ids, id prefixes or list numbers (as `rroom list` prints them).
    #[arg(required = true, value_name = "ARTICLE")]
    pub articles: Vec<String>,
    /// Mark them read.
    #[arg(long)]
    pub read: bool,
    /// Mark them unread.
    #[arg(long)]
    pub unread: bool,
    /// Flag them.
    #[arg(long)]
    pub flag: bool,
    /// Take their flag off.
    #[arg(long)]
    pub unflag: bool,
}

impl MarkArgs {
    fn mark(&self) -> Mark {
        match (self.read, self.unread, self.flag) {
            (true, _, _) => Mark::Read,
            (_, true, _) => Mark::Unread,
            (_, _, true) => Mark::Flag,
            _ => Mark::Unflag,
        }
    }
}

fn verb(mark: Mark) -> &'static str {
    match mark {
        Mark::Read => "read",
        Mark::Unread => "unread",
        Mark::Flag => "flagged",
        Mark::Unflag => "unflagged",
    }
}

/// Resolves every article first (one bad reference changes nothing), then
/// marks them all in one transaction.
pub fn run(library: &dyn Library, data_dir: &Path, args: &MarkArgs) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    for reference in &args.articles {
        let index = library.find(reference)?;
        let q = CatalogQuery { offset: index, limit: Some(1), ..CatalogQuery::default() };
        let Some(listed) = library.select(&q)?.pop() else {
            anyhow::bail!("article number {} is not in the list", index + 1);
        };
        if !rows.iter().any(|r: &crate::library::Row| r.id == listed.row.id) {
            rows.push(listed.row);
        }
    }
    let store = Store::open(data_dir)?;
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mark = args.mark();
    let changed = store.mark(&ids, mark, now_ms())?;
    let mut text = String::new();
    for r in &rows {
        text.push_str(&format!("{}  {}  {}\n", r.id, verb(mark), truncate(&r.title, 60)));
    }
    let already = rows.len() - changed.min(rows.len());
    if already > 0 {
        text.push_str(&format!("({} already {})\n", count(already, "article"), verb(mark)));
    }
    if let Some(notice) = store.take_notice() {
        super::diag::warn(&notice);
    }
    super::emit(&text)
}
