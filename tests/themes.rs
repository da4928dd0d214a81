//! Themes on screen: the main screen in every built-in theme (styles
//! included in the snapshot), NO_COLOR writing no color at all, and colors
//! fitted to 256- and 16-color terminals.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rroom::config::theme::BUILTIN;
use rroom::corpus::Corpus;
use rroom::tui::app::App;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::{ColorDepth, Theme};
use rroom::tui::ui;

fn app_with(theme: Theme) -> App {
    App::new(Corpus::seeds(), Keymap::default(), theme, 80, 24)
}

/// The screen as text, then every run of same-styled cells per row: enough
/// to see that a theme styles each element, readable in a diff.
fn styled_dump(buf: &Buffer) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("--- styles (row: columns fg/bg/modifiers) ---\n");
    for y in 0..area.height {
        let mut runs: Vec<String> = Vec::new();
        let mut x = 0;
        while x < area.width {
            let c = &buf[(x, y)];
            let key = (c.fg, c.bg, c.modifier);
            let start = x;
            while x < area.width && (buf[(x, y)].fg, buf[(x, y)].bg, buf[(x, y)].modifier) == key {
                x += 1;
            }
            if key != (Color::Reset, Color::Reset, ratatui::style::Modifier::empty()) {
                runs.push(format!("{start}-{}:{:?}/{:?}/{:?}", x - 1, key.0, key.1, key.2));
            }
        }
        out.push_str(&format!("{y:2}: {}\n", runs.join(" ")));
    }
    out
}

fn draw(app: &App) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    term.draw(|f| ui::render(app, f)).unwrap();
    term.backend().buffer().clone()
}

#[test]
fn main_screen_in_every_builtin_theme() {
    for (name, _) in BUILTIN {
        let theme = Theme::resolve(name, &[]).unwrap();
        let dump = styled_dump(&draw(&app_with(theme)));
        insta::assert_snapshot!(format!("theme_{name}"), dump);
    }
}

#[test]
fn main_screen_with_no_color() {
    let theme =
        Theme::dark().for_depth(ColorDepth::detect(Some("1"), Some("truecolor"), Some("xterm-256color")));
    let buf = draw(&app_with(theme));
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "a colored cell under NO_COLOR");
    }
    insta::assert_snapshot!(styled_dump(&buf));
}

/// The bytes the real crossterm backend writes for one frame.
fn frame_bytes(app: &App) -> Vec<u8> {
    common::screen::frame_bytes(app, 80, 24)
}

/// SGR parameters that set a color (not the resets 39/49/59).
fn sets_a_color(params: &str) -> bool {
    // (38/48/58 start extended colors; their arguments never reach here
    // unless a color was set.)
    params
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<u16>().unwrap_or(0))
        .any(|p| matches!(p, 30..=38 | 40..=48 | 58 | 90..=97 | 100..=107))
}

fn sgr_sequences(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut rest = text.as_ref();
    while let Some(i) = rest.find("\x1b[") {
        let after = &rest[i + 2..];
        let end = after.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(after.len());
        if after[end..].starts_with('m') {
            out.push(after[..end].to_string());
        }
        rest = &after[end.min(after.len())..];
    }
    out
}

#[test]
fn no_color_writes_no_color_escape() {
    let mono = app_with(Theme::dark().for_depth(ColorDepth::Mono));
    let sgr = sgr_sequences(&frame_bytes(&mono));
    assert!(!sgr.is_empty(), "the frame has attributes (bold, reverse)");
    for params in &sgr {
        assert!(!sets_a_color(params), "NO_COLOR frame set a color: ESC[{params}m");
    }
    // The check can fail: the default theme does set colors.
    let colored = app_with(Theme::dark());
    assert!(sgr_sequences(&frame_bytes(&colored)).iter().any(|p| sets_a_color(p)));
}

#[test]
fn sixteen_and_256_color_terminals_get_no_rgb() {
    for depth in [ColorDepth::Ansi16, ColorDepth::Ansi256] {
        let theme = Theme::resolve("solarized-dark", &[]).unwrap().for_depth(depth);
        let buf = draw(&app_with(theme));
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(!matches!(c, Color::Rgb(..)), "{depth:?}: {c:?}");
                if depth == ColorDepth::Ansi16 {
                    assert!(!matches!(c, Color::Indexed(_)), "{depth:?}: {c:?}");
                }
            }
        }
    }
}

#[test]
fn user_config_theme_and_keys_reach_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let themes = dir.path().join("themes");
    std::fs::create_dir(&themes).unwrap();
    std::fs::write(
        themes.join("night.toml"),
        "inherits = \"default\"\n[styles]\nheading = { fg = \"#ff0000\" }\n",
    )
    .unwrap();
    std::fs::write(themes.join("broken.toml"), "[styles]\nheading = { fg = \"mauve\" }\n").unwrap();
    let config = rroom::config::Config::parse(
        "config.toml",
        "theme = \"night\"\nreader_width = 60\n[keys.normal]\nx = \"quit\"\nq = \"none\"\n",
    )
    .unwrap();
    let (opts, warnings) = rroom::tui::setup::options_for(&config, None, ColorDepth::TrueColor, Some(themes));
    assert_eq!(opts.theme.name, "night");
    assert_eq!(opts.theme.heading.fg, Some(Color::Rgb(255, 0, 0)));
    assert_eq!(opts.reader_width, 60);
    assert!(opts.themes.iter().any(|t| t.name == "night") && opts.themes.len() == 6);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("broken.toml:2:") && warnings[0].contains("mauve"), "{warnings:?}");
    let key = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    };
    use rroom::tui::{action::Action, keymap::Mode};
    assert_eq!(opts.keymap.action(Mode::Normal, &key('x')), Some(Action::Quit));
    assert_eq!(opts.keymap.action(Mode::Normal, &key('q')), None);
    // The help overlay shows the active keymap.
    // Tall enough for the whole list of keys.
    let mut app = App::new(Corpus::seeds(), opts.keymap, opts.theme, 100, 60);
    app.update(Action::ToggleHelp);
    let mut term = Terminal::new(TestBackend::new(100, 60)).unwrap();
    term.draw(|f| ui::render(&app, f)).unwrap();
    let screen = term.backend().to_string();
    assert!(screen.contains("Ctrl-c, x") && screen.contains("quit"), "{screen}");
}

#[test]
fn a_bad_flag_theme_falls_back_to_the_default_with_a_warning() {
    let (opts, warnings) = rroom::tui::setup::options_for(
        &rroom::config::Config::default(),
        Some("nope"),
        ColorDepth::TrueColor,
        None,
    );
    assert_eq!(opts.theme, Theme::dark());
    assert!(warnings[0].contains("no theme named 'nope'"), "{warnings:?}");
}
