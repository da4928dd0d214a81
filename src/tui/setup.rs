//! What the reading room needs from the configuration: the theme (fitted to
//! the terminal), the themes to cycle through, the keymap, and options. Every
//! problem becomes a warning; the defaults stand in for what is wrong.

use super::keymap::Keymap;
use super::reader::MAX_TEXT_WIDTH;
use super::styles::{ColorDepth, Theme};
use crate::config::Config;
use crate::config::theme::{BUILTIN, load_user_themes};

/// Everything the reading room takes from the configuration.
#[derive(Debug, Clone)]
pub struct Options {
    pub theme: Theme,
    pub themes: Vec<Theme>,
    pub keymap: Keymap,
    pub reader_width: u16,
    pub mouse: bool,
    /// The corpus's key for where the analyst left off (its paths; none:
    /// the place is not kept).
    pub corpus_key: Option<String>,
    /// Reading one article of a group of near-duplicates reads the group.
    pub read_groups: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            theme: Theme::dark(),
            themes: vec![Theme::dark()],
            keymap: Keymap::default(),
            reader_width: MAX_TEXT_WIDTH,
            mouse: false,
            corpus_key: None,
            read_groups: true,
        }
    }
}

/// Builds the options from the config and `--theme`; returns warnings.
pub fn options(config: &Config, theme_flag: Option<&str>) -> (Options, Vec<String>) {
    options_for(
        config,
        theme_flag,
        ColorDepth::from_env(),
        crate::config::config_dir().map(|d| d.join("themes")),
    )
}

/// [`options`] with the environment made explicit (for tests).
pub fn options_for(
    config: &Config,
    theme_flag: Option<&str>,
    depth: ColorDepth,
    user_theme_dir: Option<std::path::PathBuf>,
) -> (Options, Vec<String>) {
    let mut warnings = Vec::new();
    let (user, errors) = user_theme_dir.map(|d| load_user_themes(&d)).unwrap_or_default();
    warnings.extend(errors.into_iter().map(|e| format!("theme file ignored: {e}")));
    let wanted = theme_flag.or(config.theme.as_deref()).unwrap_or("default");
    let theme = match Theme::resolve(wanted, &user) {
        Ok(t) => t,
        Err(e) => {
            warnings.push(format!("{e}; using the default theme"));
            Theme::dark()
        }
    };
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    for t in &user {
        if !names.contains(&t.name) {
            names.push(t.name.clone());
        }
    }
    let themes: Vec<Theme> = if depth == ColorDepth::Mono {
        vec![Theme::mono()]
    } else {
        names.iter().filter_map(|n| Theme::resolve(n, &user).ok()).map(|t| t.for_depth(depth)).collect()
    };
    // Checked once, when the config was read: its problems are reported there.
    let keymap = config.keys.as_ref().map(Keymap::apply).unwrap_or_default();
    let options = Options {
        theme: theme.for_depth(depth),
        themes,
        keymap,
        reader_width: config.reader_width.unwrap_or(MAX_TEXT_WIDTH).max(20),
        mouse: config.mouse.unwrap_or(false),
        corpus_key: None,
        read_groups: config.read_groups.unwrap_or(true),
    };
    (options, warnings)
}
