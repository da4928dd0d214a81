//! Opening an article's URL in the user's browser, when there is one at
//! hand: a graphical session on this machine. Over SSH, on a console or in
//! a test there is none, and the URL is only copied (OSC 52 reaches the
//! user's own terminal wherever it is).
//!
//! The URL comes from the article: untrusted. Only `http` and `https` URLs
//! are handed to the system opener, sanitized and whole, so a `file:` or
//! `javascript:` URL, or one that would read as an option, never is.

/// Is there a browser this process can show a page in? Not over SSH; on
/// Linux and the BSDs, only inside a graphical session; `env` reads an
/// environment variable (the process's own in [`from_env`]).
pub fn local_browser(env: impl Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| env(k).is_some_and(|v| !v.is_empty());
    if set("SSH_CONNECTION") || set("SSH_TTY") || set("SSH_CLIENT") {
        return false;
    }
    if cfg!(any(target_os = "macos", windows)) {
        return true;
    }
    set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// [`local_browser`] for this process.
pub fn from_env() -> bool {
    local_browser(|k| std::env::var(k).ok())
}

/// The URL as it may be opened: sanitized, `http` or `https` only.
pub fn openable(url: &str) -> Option<String> {
    let url = crate::corpus::sanitize::sanitize_label(url).trim().to_string();
    let lower = url.to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    (web && !url.contains(char::is_whitespace)).then_some(url)
}

/// Opens `url` in the browser without waiting for it (the opener runs
/// detached, its output discarded); refuses what [`openable`] refuses.
pub fn open(url: &str) -> Result<(), String> {
    let url = openable(url).ok_or_else(|| "only http and https links are opened".to_string())?;
    open::that_detached(&url).map_err(|e| format!("could not start a browser: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn no_browser_over_ssh_or_without_a_display() {
        assert!(!local_browser(env(&[("DISPLAY", ":0"), ("SSH_CONNECTION", "10.0.0.1 5 10.0.0.2 22")])));
        assert!(!local_browser(env(&[("WAYLAND_DISPLAY", "wayland-0"), ("SSH_TTY", "/dev/pts/3")])));
        if !cfg!(any(target_os = "macos", windows)) {
            assert!(!local_browser(env(&[])), "a console has no browser");
            assert!(!local_browser(env(&[("DISPLAY", "")])));
            assert!(local_browser(env(&[("DISPLAY", ":0")])));
            assert!(local_browser(env(&[("WAYLAND_DISPLAY", "wayland-0")])));
        }
    }

    #[test]
    fn only_web_links_are_opened() {
        assert_eq!(openable("https://www.bbc.co.uk/news/1"), Some("https://www.bbc.co.uk/news/1".into()));
        assert_eq!(openable(" HTTP://example.com/a?b=c "), Some("HTTP://example.com/a?b=c".into()));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "--help",
            "-a https://x.org",
            "ftp://x.org",
            "https://x.org/a b",
            "",
        ] {
            assert_eq!(openable(bad), None, "{bad}");
        }
        // Control characters never reach the opener.
        assert!(openable("https://x.org/\u{1b}]52;c;AAAA\u{7}").is_none_or(|u| !u.contains('\u{1b}')));
        assert!(open("file:///etc/passwd").is_err());
    }
}
