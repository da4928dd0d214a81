//! Reopening where the analyst left off, over the index (issue "The
//! analyst's desk"): the list's cursor is on the article left off in any
//! view, however deep it is in a sorted list (its row is counted from its
//! sort key), and with a filter of dates and words (`since:7d kabul`) the
//! filter is typed again and the article selected in its answer.

use std::path::Path;
use std::sync::Arc;

use rroom::corpus::LoadOptions;
use rroom::library::SqliteLibrary;
use rroom::library::catalog_query::{CatalogQuery, Sort, select_rows};
use rroom::library::sqlite::OpenOptions;
use rroom::notes::{LeftOff, Store};
use rroom::tui::app::App;
use rroom::tui::effects::NotesRuntime;
use rroom::tui::jobs::Searcher;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;
use rroom::tui::work::Work;
use rroom::tui::{source, start_desk};

/// 2024-12-01 00:00 UTC, in unix ms.
const NOW_MS: i64 = 1_733_011_200_000;
const ARTICLES: usize = 6_000;

/// Articles over the two months before "now", in no order of date or
/// title; every 50th is about Kabul talks.
fn write_corpus(dir: &Path) -> std::path::PathBuf {
    let mut text = String::new();
    for i in 0..ARTICLES {
        let title = if i % 50 == 7 {
            format!("Kabul talks, round {i}")
        } else {
            format!("{} report {i}", ["Wheat", "border", "Trade", "aid", "Water"][(i * 7) % 5])
        };
        let day = (i * 7919) % 60;
        let (month, day) = if day < 30 { (10, day + 2) } else { (11, day - 29) };
        text.push_str(&format!(
            "{{\"title\":\"{title}\",\"body\":\"What happened on day {i}.\",\"published\":\"2024-{month:02}-{day:02}\"}}\n"
        ));
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

fn index(dir: &Path, corpus: &Path) -> std::path::PathBuf {
    let index = dir.join("index/corpus.sqlite3");
    let options = OpenOptions {
        load: LoadOptions::default(),
        corrections: Default::default(),
        rebuild: false,
        waiting: &|| {},
        notice: &|_| {},
    };
    SqliteLibrary::open(&index, vec![corpus.to_path_buf()], options, &mut |_| {}).unwrap();
    index
}

fn reopened(corpus: &Path, index: &Path, notes: &NotesRuntime) -> App {
    let src = source::indexed(vec![corpus.to_path_buf()], index.to_path_buf(), LoadOptions::default(), false);
    let mut app = App::new(src.catalog, Keymap::default(), Theme::mono(), 100, 30);
    app.set_clock(Arc::new(|| NOW_MS));
    start_desk(&mut app, notes, Some("corpus".into()));
    app
}

/// Answers the title searches the app asked for, as the search worker does.
fn answer_searches(app: &mut App) {
    let mut searcher = Searcher::over((app.catalog.opener())(&Default::default()).unwrap());
    for work in app.take_work() {
        if let Work::Search(req) = work {
            app.on_search(searcher.run(&req));
        }
    }
}

#[test]
fn reopening_puts_the_cursor_on_the_article_deep_in_a_sorted_view() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let index = index(dir.path(), &corpus);
    let library = (source::index_opener(index.clone(), vec![corpus.clone()]))(&Default::default()).unwrap();
    let rows = library.rows().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    for (sort, name) in [(Sort::Title, "title"), (Sort::Date, "date"), (Sort::Words, "words")] {
        let view: Vec<usize> = select_rows(rows.clone(), &CatalogQuery { sort, ..CatalogQuery::default() })
            .into_iter()
            .map(|l| l.index)
            .collect();
        // Rows near the end, the middle and a block boundary.
        for row in [ARTICLES - 2, ARTICLES / 2 + 1, 33] {
            let article = view[row];
            let at = LeftOff {
                article: Some(rows[article].id.to_string()),
                sort: Some(name.into()),
                pane: Some("list".into()),
                ..LeftOff::default()
            };
            store.set_left_off("corpus", &at).unwrap();
            let notes = NotesRuntime::with_store(Store::open(&dir.path().join("data")).unwrap());
            let app = reopened(&corpus, &index, &notes);
            assert_eq!(app.view.sort, sort);
            assert_eq!(app.current(), Some(article), "by {name}, row {row}");
            assert_eq!(app.list.cursor.selected, row, "by {name}: the article's row");
        }
    }
}

#[test]
fn reopening_with_dates_and_words_keeps_the_filter_and_selects_the_article_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let index = index(dir.path(), &corpus);
    let library = (source::index_opener(index.clone(), vec![corpus.clone()]))(&Default::default()).unwrap();
    let rows = library.rows().unwrap();
    let week_ago = NOW_MS / 1000 - 7 * 86_400;
    // The Kabul articles of the last week, the last of them left off.
    let kabul: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i].title.starts_with("Kabul") && rows[i].published_at.is_some_and(|t| t >= week_ago)
        })
        .collect();
    assert!(kabul.len() >= 3, "{kabul:?}");
    let article = *kabul.last().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    let at = LeftOff {
        article: Some(rows[article].id.to_string()),
        sort: Some("date".into()),
        filter: Some("since:7d kabul".into()),
        pane: Some("list".into()),
        ..LeftOff::default()
    };
    store.set_left_off("corpus", &at).unwrap();
    let notes = NotesRuntime::with_store(store);
    let mut app = reopened(&corpus, &index, &notes);
    answer_searches(&mut app);
    assert_eq!(app.list.filter.as_ref().map(|f| f.query.as_str()), Some("since:7d kabul"));
    assert_eq!(app.list_len(), kabul.len(), "the week's Kabul articles only");
    assert_eq!(app.current(), Some(article), "the article left off, selected in the filter's answer");
    assert_eq!(app.list_article(app.list.cursor.selected), Some(article));
}

fn press(app: &mut App, code: crossterm::event::KeyCode) {
    use crossterm::event::{Event, KeyEvent, KeyModifiers};
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// `G`, `PgUp`, `j` and `g` in the unread view sorted by title, over the
/// index: each shows the rows the same view has in memory (a page at the
/// end is read backwards, the next ones from the rows read).
#[test]
fn bottom_page_up_and_top_in_a_sorted_unread_view_show_the_memory_views_rows() {
    use crossterm::event::KeyCode;
    let dir = tempfile::tempdir().unwrap();
    let corpus = write_corpus(dir.path());
    let index = index(dir.path(), &corpus);
    let library = (source::index_opener(index.clone(), vec![corpus.clone()]))(&Default::default()).unwrap();
    let rows = library.rows().unwrap();
    let store = Store::open(&dir.path().join("data")).unwrap();
    // (Not the first article: open at reopening, it would stay listed.)
    let read: Vec<String> = rows.iter().skip(1).step_by(7).map(|r| r.id.to_string()).collect();
    let marked: Vec<&str> = read.iter().map(String::as_str).collect();
    store.mark(&marked, rroom::notes::Mark::Read, NOW_MS).unwrap();
    let at = LeftOff { sort: Some("title unread".into()), pane: Some("list".into()), ..LeftOff::default() };
    store.set_left_off("corpus", &at).unwrap();
    let notes = NotesRuntime::with_store(store);
    let mut app = reopened(&corpus, &index, &notes);
    let except = read.iter().map(|id| id.to_ascii_lowercase()).collect();
    let q = CatalogQuery {
        sort: Sort::Title,
        ids: rroom::library::Ids::Except(except),
        ..CatalogQuery::default()
    };
    let view: Vec<usize> = select_rows(rows, &q).into_iter().map(|l| l.index).collect();
    assert_eq!(app.list_len(), view.len());
    assert!(view.len() > 4_096, "deep enough to be read from its end: {}", view.len());
    let shown = |app: &App| -> Vec<Option<usize>> {
        let c = app.list.cursor;
        (c.offset..c.offset + 20).map(|r| app.list_article(r)).collect()
    };
    let want = |app: &App| -> Vec<Option<usize>> {
        let c = app.list.cursor;
        (c.offset..c.offset + 20).map(|r| view.get(r).copied()).collect()
    };
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.list.cursor.selected, view.len() - 1);
    assert_eq!(app.current(), view.last().copied());
    assert_eq!(shown(&app), want(&app));
    for _ in 0..3 {
        press(&mut app, KeyCode::PageUp);
        assert_eq!(app.current(), view.get(app.list.cursor.selected).copied());
        assert_eq!(shown(&app), want(&app));
    }
    for _ in 0..40 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(app.current(), view.get(app.list.cursor.selected).copied());
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.current(), view.first().copied());
    assert_eq!(shown(&app), want(&app));
}
