//! Near-duplicate groups on the real BBC corpus (skipped when it is not
//! there): the known re-published stories are grouped, and the groups
//! found are few. `cargo run --release --example dedup_pairs -- CORPUS`
//! prints every pair above 0.2 for checking by hand.

use std::path::Path;

use rroom::corpus::{Corpus, LoadOptions};
use rroom::dedup::{Signature, group};

/// The BBC corpus: `RROOM_BENCH_CORPUS`, or `shared/corpora/bbc` beside
/// the project or beside its parent (a worktree); `None` when absent.
fn bbc() -> Option<Corpus> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = std::env::var_os("RROOM_BENCH_CORPUS")
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain(["../shared/corpora/bbc", "../../shared/corpora/bbc"].map(|p| here.join(p)))
        .find(|p| p.is_dir())?;
    Some(Corpus::load_with(&[path], &LoadOptions::default()))
}

fn signatures(corpus: &Corpus) -> Vec<(usize, Signature)> {
    corpus.articles.iter().enumerate().filter_map(|(i, a)| Signature::of_article(a).map(|s| (i, s))).collect()
}

#[test]
fn the_budget_story_published_twice_is_one_group() {
    let Some(corpus) = bbc() else { return };
    let sigs = signatures(&corpus);
    let groups = group(corpus.articles.len(), &sigs);
    let budget: Vec<usize> = (0..corpus.articles.len())
        .filter(|&i| corpus.articles[i].title.starts_with("Brown names 16 March for Budget"))
        .collect();
    assert_eq!(budget.len(), 2, "the BBC corpus has the story twice");
    assert_eq!(groups.members(budget[0]), budget);
    // Near-duplicates are the exception: a few dozen groups at most.
    assert!(groups.count() >= 10 && groups.count() < 150, "{} groups", groups.count());
}
