//! Hostile articles: escape sequences, control characters and tricky Unicode
//! in bodies, titles, metadata and file names (fixtures in
//! `tests/fixtures/hostile` and `tests/fixtures/unicode`; file names are made
//! at test time). Each must load as inert text with a visible marker, draw
//! without a foreign byte reaching the terminal (the real crossterm backend,
//! byte by byte), stay inside its pane at every size, wrap without losing
//! text, and come out of `rroom show`/`list`/`find`/`notes` just as clean.
//! The real binary in a pseudo-terminal is in `tests/hostile_pty.rs`.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::bin::rroom;
use common::screen::{draw, frame_bytes};
use common::terminal::{self, Policy, is_dangerous};
use common::{articles_named, fixtures};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::{Article, Corpus, Severity};
use rroom::tui::action::Action;
use rroom::tui::app::App;
use rroom::tui::keymap::Keymap;
use rroom::tui::layout::Pane;
use rroom::tui::reader;
use rroom::tui::styles::Theme;

/// The checker of what reaches a terminal (`common::terminal`), which the
/// tests here and in `tests/hostile_pty.rs` rely on, rejects what it must.
#[test]
fn the_checker_rejects_what_it_must() {
    use terminal::check;
    let ok: &[&[u8]] =
        &[b"\x1b[1;1Hhello\x1b[38;5;12mx\x1b[0m", "\u{241b}[2J ⟨U+009B⟩".as_bytes(), b"\x1b[?25l"];
    for b in ok {
        check(b, Policy::Frame).unwrap();
    }
    let bad: &[&[u8]] = &[
        b"\x1b]0;t\x07",
        b"\x1b]52;c;?\x1b\\",
        b"\x1bc",
        b"\x1b[6n",
        b"\x1b[>0q",
        b"\x1b[2J",
        b"\x1b[?1049l",
        b"\x1bP+q\x1b\\",
        b"\x1b_G\x1b\\",
        b"a\x07",
        b"\x9b2J",
        "\u{9b}2J".as_bytes(),
        "\u{202e}".as_bytes(),
        b"\x1b",
    ];
    for b in bad {
        assert!(check(b, Policy::Frame).is_err(), "accepted {:?}", String::from_utf8_lossy(b));
    }
    check(b"\x1b[?1049h\x1b[2J\x1b[?2004h", Policy::Session).unwrap();
    assert!(check(b"\x1b[6n", Policy::Session).is_err());
}

/// The hostile fixtures: file, markers its title shows, markers its body
/// shows, and the last words of the file (nothing after a hostile sequence
/// is lost).
const HOSTILE: &[(&str, &[&str], &[&str], &str)] = &[
    (
        "csi_clear.txt",
        &["␛[2J", "␛c", "␛[?1049l"],
        &["␛[2J␛[H", "␛c", "␛[?1049l", "␛[1;1r", "␛[?25l"],
        "end-of-csi.",
    ),
    (
        "osc52_clipboard.txt",
        &["␛]52;c;cm0gLXJmIH4K␇"],
        &[
            "␛]52;c;ZWNobyBwd25lZA==␇",
            "␛]52;p;ZWNobyBwd25lZA==␛\\",
            "␛]52;c;?␇",
            "␛]52;c;?␛\\",
            "␛]52;c;dW50ZXJtaW5hdGVk",
        ],
        "␛]52;c;dW50ZXJtaW5hdGVk",
    ),
    (
        "osc_title_link.txt",
        &["␛]0;PWNED-TITLE␇", "␛]2;PWNED-TITLE-2␛\\"],
        &["␛]0;PWNED-TITLE␇", "␛]8;;https://evil.example/␇click here␛]8;;␇", "␛]4;1;rgb:ff/00/00␇"],
        "end-of-osc.",
    ),
    (
        "dcs_apc.txt",
        &["␛P+q544e␛\\"],
        &["␛P$qm␛\\", "␛Pq#0;2;0;0;0#1~~␛\\", "␛_Gi=1,a=q;␛\\", "␛^private␛\\", "␛Xstring␛\\"],
        "end-of-dcs.",
    ),
    ("queries.txt", &["␛[6n"], &["␛[6n", "␛[>0q", "␛[c", "␛[>c", "␛[18t", "␛[?2026$p"], "end-of-queries."),
    (
        "c1_utf8.txt",
        &["⟨U+009B⟩2J", "⟨U+009D⟩0;PWNED⟨U+009C⟩"],
        &["⟨U+009B⟩2J", "⟨U+009D⟩0;PWNED-C1⟨U+009C⟩", "⟨U+0090⟩q", "⟨U+0085⟩", "⟨U+0084⟩"],
        "end-of-c1.",
    ),
    (
        "c1_latin1.txt",
        // A legacy 8-bit file is read as windows-1252, as browsers do: 0x9B
        // and 0x9C are '›' and 'œ' there; 0x9D is unassigned and stays a
        // C1 control, shown as a marker.
        &["café ›2J"],
        &["›2J", "⟨U+009D⟩0;PWNED-RAWœ", "© 2024 naïve"],
        "end-of-latin1.",
    ),
    (
        "entities.html",
        &["␛[2J", "␛]0;PWNED␇"],
        // HTML maps the numeric references 0x80-0x9F to Windows-1252 (&#x9b; is ›)
        // and &#0; to U+FFFD, as browsers do.
        &[
            "Decimal ␛[2J",
            "hex ␛c",
            "␛]52;c;aGk=␇",
            "›6n",
            "DEL ␡",
            "NUL \u{FFFD}",
            "⟨U+202E⟩txt.exe",
            "Raw ␛[2J",
            "␛]8;;http://x␇",
        ],
        "a link␛]8;;␇.",
    ),
    ("escapes.md", &["␛[2J", "␛]0;PWNED␇"], &["␛[6n", "␛]52;c;?␇", "␛c code block"], "code block reset"),
    ("escapes.jsonl", &["␛[2J", "␛]0;PWNED␇"], &["␛[2J", "␛]52;c;?␇", "⟨U+009B⟩6n"], "end-of-jsonl."),
];

/// The Unicode fixtures: file and what its body must show.
const UNICODE: &[(&str, &[&str], &str)] = &[
    (
        "bidi.txt",
        &[
            "⟨U+202E⟩RIGHT-TO-LEFT⟨U+202C⟩",
            "⟨U+202B⟩",
            "⟨U+202A⟩",
            "⟨U+2066⟩",
            "⟨U+2067⟩",
            "⟨U+2068⟩",
            "⟨U+2069⟩",
            "⟨U+061C⟩",
            "⟨U+200E⟩LRM",
            "⟨U+200F⟩RLM",
        ],
        "end-of-bidi.",
    ),
    (
        "invisible.txt",
        // Zero-width characters stay (harmless, and needed by some scripts);
        // soft hyphens and a BOM inside the text are dropped.
        &["pass\u{200b}word", "ab\u{200c}cd", "ab\u{200d}cd", "insidetext", "hyphenationally"],
        "end-of-invisible.",
    ),
    ("bom_utf8.txt", &["A file that starts"], "end-of-bom."),
    ("line_separators.txt", &["First line second line"], "end-of-separators."),
    // Emoji sequences lose the joiners and modifiers that only some
    // terminals join, so that they are as wide on every terminal.
    (
        "emoji.txt",
        &["family 👩👩👧👦,", "🇵🇰🇦🇫", "tones 👍,", "keycap 1\u{20e3}", "flag 🏳🌈"],
        "end-of-emoji.",
    ),
    ("combining.txt", &["a\u{301}\u{301}\u{301}"], "end-of-combining."),
    ("cjk_rtl.txt", &["日本語の文章", "نص عربي", "עברית"], "end-of-cjk."),
    (
        "spaces.txt",
        &["Text\u{a0}with", "thin\u{2009}spaces", "ideographic\u{3000}spaces", "Torkham\u{a0}crossing"],
        "end-of-spaces.",
    ),
];

/// Every character of a displayable string is safe for a terminal.
fn assert_inert(s: &str, what: &str) {
    for c in s.chars() {
        assert!(!is_dangerous(c), "{what}: {c:?} survived in {s:?}");
        assert!(c != '\u{AD}' && c != '\u{FEFF}', "{what}: invisible {c:?} survived in {s:?}");
    }
}

/// Every string field of an article is inert; the body is its paragraphs
/// joined by blank lines, and nothing else.
fn assert_article_inert(a: &Article) {
    let what = format!("article {} ({})", a.id, a.origin);
    assert_inert(&a.title, &what);
    assert_inert(&a.origin.path, &what);
    for field in [&a.source, &a.dateline, &a.section, &a.url, &a.published].into_iter().flatten() {
        assert_inert(field, &what);
    }
    for (p, text) in a.iter_paragraphs() {
        assert!(a.body.is_char_boundary(p.range.start) && a.body.is_char_boundary(p.range.end), "{what}");
        assert_inert(text, &what);
    }
    let joined: Vec<&str> = a.iter_paragraphs().map(|(_, t)| t).collect();
    assert_eq!(joined.join("\n\n"), a.body, "{what}");
}

fn by_file<'a>(corpus: &'a Corpus, file: &str) -> Vec<&'a Article> {
    corpus.articles.iter().filter(|a| a.origin.path.ends_with(file)).collect()
}

#[test]
fn every_hostile_fixture_loads_as_inert_text_with_visible_markers() {
    let corpus = Corpus::load(&[fixtures("hostile")]);
    for a in &corpus.articles {
        assert_article_inert(a);
    }
    for (file, title_markers, body_markers, last) in HOSTILE {
        let found = by_file(&corpus, file);
        assert_eq!(found.len(), 1, "{file}: {:?}", corpus.note_lines());
        let a = found[0];
        for m in *title_markers {
            assert!(a.title.contains(m), "{file}: title {:?} lacks {m:?}", a.title);
        }
        for m in *body_markers {
            assert!(a.body.contains(m), "{file}: body lacks {m:?}:\n{}", a.body);
        }
        assert!(
            a.body.trim_end().ends_with(last),
            "{file}: text after the hostile sequences was lost:\n{}",
            a.body
        );
    }
    // Metadata fields are sanitized too.
    let json = by_file(&corpus, "escapes.jsonl")[0];
    assert_eq!(json.source.as_deref(), Some("Evil␛[5m News"));
    assert_eq!(json.url.as_deref(), Some("http://x/␛]8;;"));
    assert_eq!(json.published.as_deref(), Some("2024␛[6n"));
    assert_eq!(by_file(&corpus, "entities.html")[0].source.as_deref(), Some("Evil␛[31m News"));
    // The bad JSONL line and the Latin-1 file are reported, inertly.
    let notes = corpus.note_lines();
    assert!(notes.iter().any(|n| n.contains("escapes.jsonl: line 2: not a JSON article")), "{notes:?}");
    assert!(
        notes.iter().any(|n| n.contains("c1_latin1.txt: not valid UTF-8; read as windows-1252")),
        "{notes:?}"
    );
    for n in &notes {
        assert_inert(n, "load note");
    }
}

#[test]
fn every_unicode_fixture_loads_whole_and_inert() {
    let corpus = Corpus::load(&[fixtures("unicode")]);
    assert!(corpus.load_notes.is_empty(), "{:?}", corpus.note_lines());
    for a in &corpus.articles {
        assert_article_inert(a);
    }
    for (file, markers, last) in UNICODE {
        let found = by_file(&corpus, file);
        assert_eq!(found.len(), 1, "{file}");
        let a = found[0];
        for m in *markers {
            assert!(a.body.contains(m), "{file}: body lacks {m:?}:\n{:?}", a.body);
        }
        assert!(a.body.trim_end().ends_with(last), "{file}: {:?}", a.body);
    }
    // A BOM starts no title; a line separator inside the title is a space; the
    // paragraph separator splits paragraphs.
    assert_eq!(by_file(&corpus, "bom_utf8.txt")[0].title, "BOM headline");
    let seps = by_file(&corpus, "line_separators.txt")[0];
    assert_eq!(seps.title, "Line separator headline");
    assert_eq!(seps.paragraphs.len(), 2, "{:?}", seps.body);
    assert_eq!(by_file(&corpus, "bidi.txt")[0].title, "Invoice ⟨U+202E⟩exe.fdp⟨U+202C⟩ bidi headline");
}

/// A directory of articles whose file and folder names are hostile.
fn hostile_names() -> tempfile::TempDir {
    let dir = articles_named(&[
        b"name\x1b]0;PWNED-NAME\x07.txt",
        b"\x1b[2J\x1bc.txt",
        "c1\u{9b}6n.txt".as_bytes(),
        b"raw\x9b2J\x9d0;x\x9c.txt",
        "bidi\u{202e}txt.exe.md".as_bytes(),
        b"query\x1b[6n\x1b[>0q.txt",
        b"clip\x1b]52;c;?\x1b\\.txt",
        b"new\nline\rname.txt",
    ]);
    let section = dir.path().join(OsStr::from_bytes(b"sec\x1b]52;c;?\x07tion\xff"));
    std::fs::create_dir(&section).unwrap();
    std::fs::write(section.join("inner.txt"), "Inner file\n\nIn a hostile folder. end-of-section.\n")
        .unwrap();
    dir
}

#[test]
fn hostile_file_and_folder_names_are_shown_inert() {
    let dir = hostile_names();
    let corpus = Corpus::load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.articles.len(), 9, "{:?}", corpus.note_lines());
    for a in &corpus.articles {
        assert_article_inert(a);
        assert!(
            a.origin.path.contains('␛')
                || a.origin.path.contains("⟨U+")
                || a.origin.path.contains('\u{FFFD}')
                || a.origin.path.contains("new line name"),
            "no visible marker in {:?}",
            a.origin.path
        );
    }
    let inner = corpus.articles.iter().find(|a| a.body.contains("end-of-section")).unwrap();
    assert_eq!(inner.section.as_deref(), Some("sec␛]52;c;?␇tion\u{FFFD}"));
    let notes = corpus.note_lines();
    assert_eq!(corpus.load_notes.len(), 1, "{notes:?}");
    assert_eq!(corpus.load_notes[0].severity, Severity::Skipped);
    assert!(notes[0].contains("unknown␛]8;;x␇.bin"), "{notes:?}");
}

/// All the hostile and Unicode fixtures plus the hostile names, in one corpus.
fn everything(names: &Path) -> Corpus {
    let corpus = Corpus::load(&[fixtures("hostile"), fixtures("unicode"), names.to_path_buf()]);
    assert_eq!(corpus.articles.len(), HOSTILE.len() + UNICODE.len() + 9);
    corpus
}

fn app_on(corpus: &Corpus, article: usize, w: u16, h: u16, theme: Theme) -> App {
    let mut app = App::new(corpus.clone(), Keymap::default(), theme, w, h);
    for _ in 0..article {
        app.update(Action::Down);
    }
    app
}

/// The left and right border of every pane hold border (or scrollbar)
/// symbols on every row: nothing from inside a pane was drawn over them.
fn assert_panes_intact(app: &App, term: &Terminal<TestBackend>, what: &str) {
    let buf = term.backend().buffer();
    let panes = app.panes();
    let is_frame = |s: &str| s.chars().next().is_some_and(|c| ('\u{2500}'..='\u{259F}').contains(&c));
    for pane in [Pane::List, Pane::Reader, Pane::Sidebar] {
        let Some(r) = panes.get(pane) else { continue };
        if r.width < 2 || r.height < 3 {
            continue;
        }
        for y in r.y + 1..r.bottom() - 1 {
            for x in [r.x, r.right() - 1] {
                let sym = buf[(x, y)].symbol();
                assert!(
                    is_frame(sym),
                    "{what}: {pane:?} border at ({x},{y}) overwritten by {sym:?}\n{}",
                    term.backend()
                );
            }
        }
    }
}

#[test]
fn every_article_draws_markers_stays_in_its_panes_and_the_backend_writes_no_foreign_byte() {
    let names = hostile_names();
    let corpus = everything(names.path());
    for i in 0..corpus.articles.len() {
        for (w, h, theme) in [(120, 40, Theme::dark()), (80, 24, Theme::mono()), (60, 20, Theme::dark())] {
            let mut app = app_on(&corpus, i, w, h, theme);
            let a = &corpus.articles[i];
            let what = format!("article {i} {} at {w}x{h}", a.origin);
            // The list, the reader (opened, paged, at the end, boilerplate
            // shown, mentions highlighted), the sidebar, each drawn and checked.
            assert_panes_intact(&app, &draw(&app, w, h), &what);
            for action in [
                Action::Open,
                Action::PageDown,
                Action::Bottom,
                Action::ToggleBoilerplate,
                Action::ToggleMentions,
                Action::FocusNext,
            ] {
                app.update(action);
                assert_panes_intact(&app, &draw(&app, w, h), &format!("{what} after {action:?}"));
                let bytes = frame_bytes(&app, w, h);
                terminal::check(&bytes, Policy::Frame)
                    .unwrap_or_else(|e| panic!("{what} after {action:?}: {e}"));
            }
            // Opened at the top, the reader shows the title with its markers.
            let mut top = app_on(&corpus, i, w, h, Theme::mono());
            top.update(Action::Open);
            let screen = draw(&top, w, h).backend().to_string();
            if a.title.contains('␛') {
                assert!(screen.contains('␛'), "{what}: no visible marker:\n{screen}");
            }
            if a.title.contains("⟨U+") && w >= 80 {
                assert!(screen.contains("⟨U+"), "{what}: no visible marker:\n{screen}");
            }
        }
    }
}

#[test]
fn overlays_and_searches_over_hostile_titles_write_no_foreign_byte() {
    let names = hostile_names();
    let corpus = everything(names.path());
    let mut searcher = rroom::tui::jobs::Searcher::new(std::sync::Arc::new(corpus.clone()));
    let mut app = App::new(corpus.clone(), Keymap::default(), Theme::dark(), 120, 40);
    let settle = |app: &mut App, searcher: &mut rroom::tui::jobs::Searcher| {
        for req in app.take_requests() {
            let response = searcher.run(&req);
            app.on_search(response);
        }
    };
    app.update(Action::OpenFinder);
    settle(&mut app, &mut searcher);
    // Typing a control character into a prompt must not echo it raw either.
    for c in "\u{1b}[2J\u{9b}e".chars() {
        app.update(Action::Insert(c));
        settle(&mut app, &mut searcher);
        terminal::check(&frame_bytes(&app, 120, 40), Policy::Frame)
            .unwrap_or_else(|e| panic!("finder {c:?}: {e}"));
    }
    app.update(Action::ToggleFullText);
    settle(&mut app, &mut searcher);
    terminal::check(&frame_bytes(&app, 120, 40), Policy::Frame).unwrap();
    // Full-text snippets cut among no-break and ideographic spaces.
    app.update(Action::ClearInput);
    for c in "torkham".chars() {
        app.update(Action::Insert(c));
        settle(&mut app, &mut searcher);
    }
    let screen = draw(&app, 120, 40).backend().to_string();
    assert!(screen.contains("Torkham"), "{screen}");
    terminal::check(&frame_bytes(&app, 120, 40), Policy::Frame).unwrap();
    app.update(Action::Back);
    app.update(Action::ToggleHelp);
    terminal::check(&frame_bytes(&app, 120, 40), Policy::Frame).unwrap();
    app.update(Action::ToggleHelp);
    app.update(Action::Search);
    for c in "␛[".chars() {
        app.update(Action::Insert(c));
        settle(&mut app, &mut searcher);
    }
    terminal::check(&frame_bytes(&app, 120, 40), Policy::Frame).unwrap();
}

#[test]
fn tiny_and_huge_sizes_with_hostile_articles_never_panic() {
    let names = hostile_names();
    let corpus = everything(names.path());
    for (w, h) in [(0, 0), (1, 1), (1, 50), (50, 1), (2, 2), (19, 5), (20, 6), (21, 7), (500, 200)] {
        for i in [0, HOSTILE.len() + 4, HOSTILE.len() + 6, corpus.articles.len() - 1] {
            let mut app = app_on(&corpus, i, w, h, Theme::dark());
            for action in [
                Action::Open,
                Action::PageDown,
                Action::ToggleMentions,
                Action::FocusNext,
                Action::Bottom,
                Action::ToggleHelp,
            ] {
                app.update(action);
                draw(&app, w, h);
                if w > 0 && h > 0 {
                    terminal::check(&frame_bytes(&app, w, h), Policy::Frame).unwrap();
                }
            }
        }
    }
}

/// Wrapping at every width, down to one column: each line fits (or is one
/// character too wide to fit anywhere), lies on character boundaries, and
/// the lines put together give back the paragraph (spaces aside).
#[test]
fn wrapping_loses_nothing_and_fits_at_every_width() {
    let names = hostile_names();
    let corpus = everything(names.path());
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    for (i, a) in corpus.articles.iter().enumerate() {
        for width in [1u16, 2, 3, 4, 5, 7, 10, 13, 20, 33, 40, 61, 80, 96] {
            let layout = reader::Layout::new(i, a, width, false, &[]);
            let what = format!("{} at width {width}", a.origin);
            let mut per_para: Vec<String> = vec![String::new(); a.paragraphs.len()];
            for line in &layout.lines {
                let text = layout.text(a, line);
                if line.is_body() {
                    assert!(
                        a.body.is_char_boundary(line.range.start) && a.body.is_char_boundary(line.range.end),
                        "{what}"
                    );
                    assert!(a.paragraphs[line.para].range.start <= line.range.start, "{what}");
                    assert!(line.range.end <= a.paragraphs[line.para].range.end, "{what}");
                    per_para[line.para].push_str(text);
                }
                let w = rroom::text::width(text);
                let one_grapheme =
                    text.chars().filter(|c| rroom::text::width(&c.to_string()) > 0).count() <= 1;
                assert!(w <= usize::from(width) || one_grapheme, "{what}: {text:?} is {w} wide");
            }
            for (k, (_, text)) in a.iter_paragraphs().enumerate() {
                assert_eq!(squash(&per_para[k]), squash(text), "{what}: paragraph {k} lost text");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The command line.

/// Output a terminal may show: UTF-8, and no control character but newlines.
fn assert_clean_output(bytes: &[u8], what: &str) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for c in text.chars() {
        assert!(c == '\n' || !is_dangerous(c), "{what} wrote {c:?}:\n{text}");
    }
}

#[test]
fn show_list_find_and_notes_print_nothing_a_terminal_would_obey() {
    let names = hostile_names();
    let home = tempfile::tempdir().unwrap();
    let corpus_args: Vec<String> = [fixtures("hostile"), fixtures("unicode"), names.path().to_path_buf()]
        .iter()
        .flat_map(|p| ["--corpus".to_string(), p.to_str().unwrap().to_string()])
        .collect();
    let run = |args: &[&str]| {
        let mut full: Vec<&str> = args.to_vec();
        full.extend(corpus_args.iter().map(String::as_str));
        let out = rroom(&full, home.path());
        let what = format!("rroom {}", args.join(" "));
        assert_clean_output(&out.stdout, &format!("{what} (stdout)"));
        assert_clean_output(&out.stderr, &format!("{what} (stderr)"));
        (out, what)
    };
    let (list, _) = run(&["list"]);
    assert!(list.status.success());
    let n = String::from_utf8_lossy(&list.stdout).lines().count();
    assert_eq!(n, HOSTILE.len() + UNICODE.len() + 9);
    assert!(String::from_utf8_lossy(&list.stderr).contains("escapes.jsonl: line 2"));
    run(&["list", "--json"]);
    for i in 1..=n {
        let (out, what) = run(&["show", &i.to_string()]);
        assert!(out.status.success(), "{what}");
        run(&["show", &i.to_string(), "--json"]);
    }
    let (shown, _) = run(&["show", "1"]);
    assert!(
        String::from_utf8_lossy(&shown.stdout).contains('⟨')
            || String::from_utf8_lossy(&shown.stdout).contains('␛')
    );
    // "torkham" sits among no-break, thin and ideographic spaces: its
    // full-text snippet is cut at a multi-byte space (this used to panic).
    for query in ["end", "PWNED", "\x1b[2J", "\u{9b}6n", "␛[2J", "torkham", "spaces"] {
        run(&["find", query]);
        run(&["find", query, "--json"]);
        let (out, what) = run(&["find", query, "--full-text"]);
        assert!(out.status.success(), "{what}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // Notes: on a passage holding markers, and with a note text that itself
    // holds escape sequences (typed, pasted or synced in).
    let csi = String::from_utf8_lossy(&list.stdout)
        .lines()
        .find(|l| l.contains("Clear ␛[2J"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let (added, what) =
        run(&["notes", "add", &csi, "--text", "passage #hostile", "--quote", "resets ␛c the terminal"]);
    assert!(added.status.success(), "{what}: {}", String::from_utf8_lossy(&added.stderr));
    let out_file = home.path().join("export.md");
    for args in [
        vec!["notes", "list"],
        vec!["notes", "list", "--json"],
        vec!["notes", "export"],
        vec!["notes", "export", "--format", "json"],
        vec!["notes", "export", "--out", out_file.to_str().unwrap()],
    ] {
        let (out, what) = run(&args);
        assert!(out.status.success(), "{what}");
    }
    let exported = std::fs::read(&out_file).unwrap();
    assert_clean_output(&exported, "notes export --out");
    assert!(String::from_utf8_lossy(&exported).contains("resets ␛c the terminal"));
}

/// A note's own text (typed, pasted, or synced from elsewhere) may hold
/// escape sequences too: `notes add`, `notes list` and `notes export` print
/// it inert, with markers.
#[test]
fn a_note_text_with_escape_sequences_is_printed_inert() {
    let home = tempfile::tempdir().unwrap();
    let added =
        rroom(&["notes", "add", "1", "--text", "evil \x1b]52;c;aGk=\x07 \x1b[2J \u{9b}6n #x"], home.path());
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    assert_clean_output(&added.stdout, "notes add");
    for args in [vec!["notes", "list"], vec!["notes", "export"]] {
        let out = rroom(&args, home.path());
        assert!(out.status.success());
        assert_clean_output(&out.stdout, &args.join(" "));
        assert!(String::from_utf8_lossy(&out.stdout).contains("␛]52;c;aGk=␇"), "{}", args.join(" "));
    }
}
