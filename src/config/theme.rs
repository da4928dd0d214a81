//! Theme files: TOML tables of styles named by meaning. Parsed and checked
//! here (names, colors, modifiers, with file and line in every error); the
//! TUI turns a [`ThemeSpec`] into terminal styles.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{FileError, line_col, toml_error};

/// The built-in themes, compiled into the binary: (name, file text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
    ("solarized-dark", include_str!("../../themes/solarized-dark.toml")),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// The roles a theme styles, declared once: `with_roles!(m)` calls the
/// macro `m` with every role, in order. This module makes [`STYLE_KEYS`] of
/// them; the terminal front makes its `Theme` struct of the same list.
macro_rules! with_roles {
    ($m:ident) => {
        $m!(
            base,
            border,
            border_focused,
            pane_title,
            pane_title_focused,
            list_selected,
            list_selected_unfocused,
            list_meta,
            reader_title,
            reader_meta,
            heading,
            boilerplate,
            group_header,
            entity_person,
            entity_organization,
            entity_place,
            count,
            status,
            status_mode,
            status_key,
            status_message,
            help_key,
            scrollbar,
            match_char,
            search_hit,
            search_current,
            note_highlight,
            watched,
            selection,
            input,
        );
    };
}
pub(crate) use with_roles;

macro_rules! style_keys {
    ($($role:ident),* $(,)?) => {
        /// Every style a theme can set, by meaning.
        pub const STYLE_KEYS: &[&str] = &[$(stringify!($role)),*];
    };
}
with_roles!(style_keys);

/// A color as a theme names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorSpec {
    /// One of the 16 ANSI colors (0-15), by name.
    Ansi(u8),
    /// The terminal's default color.
    Reset,
    /// A 256-color palette index.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

/// Text attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModifierSpec {
    Bold,
    Dim,
    Italic,
    #[serde(alias = "underline")]
    Underlined,
    #[serde(alias = "reverse")]
    Reversed,
    CrossedOut,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleSpec {
    pub fg: Option<ColorSpec>,
    pub bg: Option<ColorSpec>,
    pub modifiers: Vec<ModifierSpec>,
}

/// A parsed theme file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeSpec {
    pub name: String,
    pub inherits: Option<String>,
    pub styles: BTreeMap<String, StyleSpec>,
}

const NAMES: &[(&str, u8)] = &[
    ("black", 0),
    ("red", 1),
    ("green", 2),
    ("yellow", 3),
    ("blue", 4),
    ("magenta", 5),
    ("cyan", 6),
    ("gray", 7),
    ("grey", 7),
    ("darkgray", 8),
    ("darkgrey", 8),
    ("lightred", 9),
    ("lightgreen", 10),
    ("lightyellow", 11),
    ("lightblue", 12),
    ("lightmagenta", 13),
    ("lightcyan", 14),
    ("white", 15),
];

/// Parses a color: a name, a 256-color index, or "#rrggbb".
pub fn parse_color(value: &toml::Value) -> Result<ColorSpec, String> {
    match value {
        toml::Value::Integer(n) => u8::try_from(*n)
            .map(ColorSpec::Indexed)
            .map_err(|_| format!("color index {n} is not between 0 and 255")),
        toml::Value::String(s) => {
            let lower = s.trim().to_ascii_lowercase().replace(['_', '-', ' '], "");
            if let Some(hex) = lower.strip_prefix('#') {
                if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
                    return Ok(ColorSpec::Rgb(byte(0), byte(2), byte(4)));
                }
                return Err(format!("'{s}' is not a #rrggbb color"));
            }
            if matches!(lower.as_str(), "reset" | "default" | "none") {
                return Ok(ColorSpec::Reset);
            }
            if let Ok(n) = lower.parse::<u8>() {
                return Ok(ColorSpec::Indexed(n));
            }
            NAMES.iter().find(|(name, _)| *name == lower).map(|&(_, n)| ColorSpec::Ansi(n)).ok_or_else(|| {
                format!("unknown color '{s}' (a name such as \"cyan\", an index 0-255, or \"#rrggbb\")")
            })
        }
        other => Err(format!("a color is a name, an index or \"#rrggbb\", not {}", other.type_str())),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStyle {
    fg: Option<Spanned<toml::Value>>,
    bg: Option<Spanned<toml::Value>>,
    #[serde(default)]
    modifiers: Vec<ModifierSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    name: Option<String>,
    inherits: Option<String>,
    #[serde(default)]
    styles: BTreeMap<Spanned<String>, RawStyle>,
}

impl ThemeSpec {
    /// Parses a theme file; `path` is for messages.
    pub fn parse(path: &str, text: &str, fallback_name: &str) -> Result<ThemeSpec, FileError> {
        let raw: RawTheme = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_col(text, span.start);
            FileError { path: path.to_string(), line, column, message }
        };
        let mut styles = BTreeMap::new();
        for (key, raw_style) in raw.styles {
            let name = key.get_ref().clone();
            if !STYLE_KEYS.contains(&name.as_str()) {
                return Err(at(
                    key.span(),
                    format!("unknown style '{name}' (known: {})", STYLE_KEYS.join(", ")),
                ));
            }
            let color = |v: Option<Spanned<toml::Value>>| -> Result<Option<ColorSpec>, FileError> {
                match v {
                    None => Ok(None),
                    Some(v) => parse_color(v.get_ref()).map(Some).map_err(|m| at(v.span(), m)),
                }
            };
            let spec = StyleSpec {
                fg: color(raw_style.fg)?,
                bg: color(raw_style.bg)?,
                modifiers: raw_style.modifiers,
            };
            styles.insert(name, spec);
        }
        Ok(ThemeSpec {
            name: raw.name.unwrap_or_else(|| fallback_name.to_string()),
            inherits: raw.inherits,
            styles,
        })
    }

    /// A built-in theme by name.
    pub fn builtin(name: &str) -> Option<ThemeSpec> {
        let (n, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        ThemeSpec::parse(&format!("themes/{n}.toml"), text, n).ok()
    }
}

/// Reads the user's theme files (`NAME.toml` in `dir`), in name order.
/// Unreadable or invalid files come back as errors; the rest load.
pub fn load_user_themes(dir: &std::path::Path) -> (Vec<ThemeSpec>, Vec<FileError>) {
    let mut themes = Vec::new();
    let mut errors = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return (themes, errors) };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in paths {
        let shown = crate::corpus::display_path(&path);
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        match crate::corpus::open::read_small_text(&path, crate::corpus::open::MAX_SMALL_FILE_BYTES) {
            Ok(text) => match ThemeSpec::parse(&shown, &text, &stem) {
                Ok(t) => themes.push(t),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(FileError::whole(&shown, e.to_string())),
        }
    }
    (themes, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse_and_the_default_sets_every_style() {
        for (name, _) in BUILTIN {
            let t = ThemeSpec::builtin(name).unwrap_or_else(|| panic!("{name} does not parse"));
            assert_eq!(&t.name, name);
        }
        let default = ThemeSpec::builtin("default").unwrap();
        let mono = ThemeSpec::builtin("mono").unwrap();
        for key in STYLE_KEYS {
            assert!(default.styles.contains_key(*key), "default theme lacks {key}");
            assert!(mono.styles.contains_key(*key), "mono theme lacks {key}");
        }
        assert!(mono.styles.values().all(|s| s.fg.is_none() && s.bg.is_none()), "mono has no color");
    }

    #[test]
    fn colors_by_name_index_and_hex() {
        let v = |s: &str| toml::Value::String(s.into());
        assert_eq!(parse_color(&v("LightBlue")), Ok(ColorSpec::Ansi(12)));
        assert_eq!(parse_color(&v("dark-gray")), Ok(ColorSpec::Ansi(8)));
        assert_eq!(parse_color(&toml::Value::Integer(214)), Ok(ColorSpec::Indexed(214)));
        assert_eq!(parse_color(&v("#b58900")), Ok(ColorSpec::Rgb(0xb5, 0x89, 0x00)));
        assert!(parse_color(&toml::Value::Integer(256)).is_err());
        assert!(parse_color(&v("#12345")).is_err());
        assert!(parse_color(&v("mauve")).is_err());
    }

    #[test]
    fn bad_theme_files_name_the_file_and_line() {
        let e = ThemeSpec::parse("t.toml", "name = \"x\"\n[styles]\nheading = { fg = \"mauve\" }\n", "t")
            .unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("t.toml", 3));
        assert!(e.message.contains("mauve"));
        let e = ThemeSpec::parse("t.toml", "[styles]\n\nheadline = {}\n", "t").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("headline"));
        let e =
            ThemeSpec::parse("t.toml", "[styles]\nheading = { modifiers = [\"blink\"] }\n", "t").unwrap_err();
        assert_eq!(e.line, 2);
    }
}
