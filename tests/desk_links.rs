//! `L` on an article with a link: copied always (OSC 52 reaches the user's
//! terminal over SSH and through tmux), and opened in the browser only
//! when this machine shows one and the link is a web link. The browser is
//! never started here: the test reads what the app asks the runtime to do.

use rroom::config::actions::Action;
use rroom::corpus::Corpus;
use rroom::tui::app::App;
use rroom::tui::effects::Effect;
use rroom::tui::keymap::Keymap;
use rroom::tui::styles::Theme;
use rroom::tui::work::Work;

fn linked(url: &str) -> Corpus {
    let line = serde_json::json!({
        "title": "Border talks resume",
        "source": "Dawn",
        "url": url,
        "body": "Officials of Pakistan and Afghanistan met in Kabul on Monday."
    });
    Corpus::from_bytes("links.jsonl", format!("{line}\n").as_bytes())
}

/// What `L` on the open article asks for: (copied, opened).
fn press_l(url: &str, browser: bool) -> (Vec<String>, Vec<String>) {
    let mut app = App::new(linked(url), Keymap::default(), Theme::dark(), 100, 30);
    app.browser = browser;
    app.update(Action::Open);
    app.take_work();
    app.update(Action::CopyUrl);
    let (mut copied, mut opened) = (Vec::new(), Vec::new());
    for work in app.take_work() {
        match work {
            Work::Store(Effect::Copy(text)) => copied.push(text),
            Work::Store(Effect::OpenUrl(url)) => opened.push(url),
            _ => {}
        }
    }
    (copied, opened)
}

#[test]
fn a_web_link_is_opened_only_where_a_browser_is_at_hand() {
    let url = "https://example.org/talks?id=7";
    assert_eq!(press_l(url, false), (vec![url.to_string()], vec![]), "over SSH or on a console: copied only");
    assert_eq!(
        press_l(url, true),
        (vec![url.to_string()], vec![url.to_string()]),
        "locally: copied and opened"
    );
}

#[test]
fn other_links_are_copied_never_opened() {
    for url in ["file:///etc/passwd", "javascript:alert(1)", "-a https://example.org"] {
        let (copied, opened) = press_l(url, true);
        assert_eq!(copied.len(), 1, "{url}");
        assert!(opened.is_empty(), "{url} must never reach the opener");
    }
}
