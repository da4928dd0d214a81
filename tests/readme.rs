//! The README's screenshot is drawn by the app itself: this test fails when
//! the two drift apart. `RROOM_UPDATE_README=1 cargo test --test readme`
//! writes the current screen into README.md.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rroom::corpus::Corpus;
use rroom::tui::app::App;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 12;

/// The reading room on the seeds as it opens, as plain text.
fn screen() -> String {
    let app = App::new(Corpus::seeds(), Keymap::default(), Theme::dark(), WIDTH, HEIGHT);
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    term.draw(|f| rroom::tui::ui::render(&app, f)).unwrap();
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..HEIGHT {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..WIDTH {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The first fenced block after the title: the screenshot.
fn block(readme: &str) -> Option<(usize, usize)> {
    let start = readme.find("\n```\n")? + 5;
    let end = start + readme[start..].find("```\n")?;
    Some((start, end))
}

#[test]
fn the_readme_screenshot_is_what_the_app_draws() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = block(&readme).expect("README.md has a screenshot block");
    let now = screen();
    if std::env::var_os("RROOM_UPDATE_README").is_some() {
        std::fs::write(&path, format!("{}{now}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        now,
        "README.md's screenshot is out of date: run `RROOM_UPDATE_README=1 cargo test --test readme`"
    );
}
