//! A theme as terminal styles: `config::theme` reads theme files (colors by
//! name, checked), this module turns them into ratatui styles fitted to the
//! terminal. Styles are named by meaning. Render code asks the theme for `heading` or
//! `entity_person`, never for a raw color. Themes come from TOML files
//! (`themes/` is compiled in; the user's config dir may add more), and their
//! colors are fitted to what the terminal can show.

use ratatui::style::{Color, Modifier, Style};

use crate::config::theme::{BUILTIN, ColorSpec, ModifierSpec, StyleSpec, ThemeSpec};
use crate::entities::EntityKind;

macro_rules! theme {
    ($($field:ident),* $(,)?) => {
        /// A theme: one style per meaning.
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Theme {
            pub name: String,
            $(pub $field: Style,)*
        }

        impl Theme {
            /// Sets a style by its name in theme files.
            fn set(&mut self, key: &str, style: Style) -> bool {
                match key {
                    $(stringify!($field) => { self.$field = style; true })*
                    _ => false,
                }
            }

            /// Applies `f` to every color of every style.
            fn map_colors(&mut self, f: &dyn Fn(Color) -> Color) {
                $(self.$field = map_style(self.$field, f);)*
            }

            /// The names of all styles.
            pub const KEYS: &[&str] = &[$(stringify!($field)),*];
        }
    };
}

crate::config::theme::with_roles!(theme);

fn map_style(mut s: Style, f: &dyn Fn(Color) -> Color) -> Style {
    s.fg = s.fg.map(f);
    s.bg = s.bg.map(f);
    s.underline_color = s.underline_color.map(f);
    s
}

fn color(spec: ColorSpec) -> Color {
    match spec {
        ColorSpec::Reset => Color::Reset,
        ColorSpec::Ansi(n) => ANSI16[usize::from(n.min(15))],
        ColorSpec::Indexed(n) => Color::Indexed(n),
        ColorSpec::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn style(spec: &StyleSpec) -> Style {
    let mut s = Style { fg: spec.fg.map(color), bg: spec.bg.map(color), ..Style::default() };
    for m in &spec.modifiers {
        s = s.add_modifier(match m {
            ModifierSpec::Bold => Modifier::BOLD,
            ModifierSpec::Dim => Modifier::DIM,
            ModifierSpec::Italic => Modifier::ITALIC,
            ModifierSpec::Underlined => Modifier::UNDERLINED,
            ModifierSpec::Reversed => Modifier::REVERSED,
            ModifierSpec::CrossedOut => Modifier::CROSSED_OUT,
        });
    }
    s
}

const ANSI16: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The usual RGB values of the 16 ANSI colors (xterm's defaults).
const ANSI16_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// How many colors the terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Ansi256,
    Ansi16,
    /// NO_COLOR: no color at all.
    Mono,
}

impl ColorDepth {
    /// From the environment: NO_COLOR (any non-empty value) means none;
    /// COLORTERM=truecolor/24bit or a TERM naming truecolor means 24-bit
    /// (ssh forwards TERM but not COLORTERM); a TERM with 256color means 256;
    /// anything else (xterm, screen, linux) gets the 16 ANSI colors.
    pub fn detect(no_color: Option<&str>, colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        if no_color.is_some_and(|v| !v.is_empty()) {
            return ColorDepth::Mono;
        }
        let colorterm = colorterm.unwrap_or("").to_ascii_lowercase();
        let term = term.unwrap_or("").to_ascii_lowercase();
        if colorterm.contains("truecolor")
            || colorterm.contains("24bit")
            || term.contains("truecolor")
            || term.contains("24bit")
            || term.ends_with("-direct")
        {
            ColorDepth::TrueColor
        } else if term.contains("256") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }

    pub fn from_env() -> ColorDepth {
        let var = |k: &str| std::env::var(k).ok();
        ColorDepth::detect(var("NO_COLOR").as_deref(), var("COLORTERM").as_deref(), var("TERM").as_deref())
    }
}

fn dist((r1, g1, b1): (u8, u8, u8), (r2, g2, b2): (u8, u8, u8)) -> u32 {
    let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).unsigned_abs();
    // Weighted for how the eye sees green, red, blue.
    3 * d(r1, r2).pow(2) + 4 * d(g1, g2).pow(2) + 2 * d(b1, b2).pow(2)
}

/// The RGB value of a 256-palette index.
fn palette_rgb(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => ANSI16_RGB[usize::from(n)],
        16..=231 => {
            let n = n - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        232..=255 => {
            let v = 8 + (n - 232) * 10;
            (v, v, v)
        }
    }
}

fn nearest_16(rgb: (u8, u8, u8)) -> Color {
    let best = (0..16).min_by_key(|&i| dist(rgb, ANSI16_RGB[i])).unwrap_or(7);
    ANSI16[best]
}

fn nearest_256(rgb: (u8, u8, u8)) -> Color {
    // Only the cube and the grays: the first 16 vary between terminals.
    let best = (16u8..=255).min_by_key(|&i| dist(rgb, palette_rgb(i))).unwrap_or(16);
    Color::Indexed(best)
}

/// Fits one color to a depth.
pub fn fit(c: Color, depth: ColorDepth) -> Color {
    match (depth, c) {
        (ColorDepth::Mono, _) => Color::Reset,
        (ColorDepth::TrueColor, c) => c,
        (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => nearest_256((r, g, b)),
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => nearest_16((r, g, b)),
        (ColorDepth::Ansi16, Color::Indexed(n)) if n > 15 => nearest_16(palette_rgb(n)),
        (ColorDepth::Ansi16, Color::Indexed(n)) => ANSI16[usize::from(n)],
        (_, c) => c,
    }
}

/// Why a theme could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("no theme named '{0}' (built-in: {1})")]
    Unknown(String, String),
    #[error("theme '{0}' inherits from itself")]
    Cycle(String),
}

impl Theme {
    /// Builds a theme from its spec and those it inherits from. `others`
    /// are the user's themes; built-in themes are always available.
    pub fn resolve(name: &str, others: &[ThemeSpec]) -> Result<Theme, ThemeError> {
        let find = |n: &str| -> Option<ThemeSpec> {
            others.iter().rev().find(|t| t.name == n).cloned().or_else(|| ThemeSpec::builtin(n))
        };
        let mut chain = Vec::new();
        let mut next = Some(name.to_string());
        while let Some(n) = next {
            if chain.iter().any(|t: &ThemeSpec| t.name == n) || chain.len() > 16 {
                return Err(ThemeError::Cycle(name.to_string()));
            }
            let spec = find(&n).ok_or_else(|| {
                ThemeError::Unknown(n.clone(), BUILTIN.iter().map(|(b, _)| *b).collect::<Vec<_>>().join(", "))
            })?;
            next = spec.inherits.clone();
            chain.push(spec);
        }
        let mut theme = Theme { name: name.to_string(), ..Theme::default() };
        for spec in chain.iter().rev() {
            for (key, s) in &spec.styles {
                theme.set(key, style(s));
            }
        }
        Ok(theme)
    }

    /// A built-in theme (the built-in files are tested to parse).
    pub fn builtin(name: &str) -> Theme {
        Theme::resolve(name, &[]).unwrap_or_default()
    }

    /// The default dark theme.
    pub fn dark() -> Theme {
        Theme::builtin("default")
    }

    /// No color at all: bold, underline, reverse and dim only.
    pub fn mono() -> Theme {
        Theme::builtin("mono")
    }

    /// The theme fitted to a color depth. `Mono` replaces it with the mono
    /// theme: styles that told things apart by color alone would blur.
    pub fn for_depth(mut self, depth: ColorDepth) -> Theme {
        if depth == ColorDepth::Mono {
            return Theme::mono();
        }
        self.map_colors(&|c| fit(c, depth));
        self
    }

    /// The theme for the environment alone (no config): default, or mono
    /// under NO_COLOR.
    pub fn from_env() -> Theme {
        Theme::dark().for_depth(ColorDepth::from_env())
    }

    pub fn entity(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.entity_person,
            EntityKind::Organization => self.entity_organization,
            EntityKind::Place => self.entity_place,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::theme::STYLE_KEYS;

    #[test]
    fn theme_keys_match_the_config_keys() {
        assert_eq!(Theme::KEYS, STYLE_KEYS);
    }

    #[test]
    fn every_builtin_theme_resolves_and_differs() {
        let themes: Vec<Theme> = BUILTIN.iter().map(|(n, _)| Theme::resolve(n, &[]).unwrap()).collect();
        for (i, a) in themes.iter().enumerate() {
            for b in &themes[i + 1..] {
                assert_ne!(a.list_selected, b.list_selected, "{} and {} look alike", a.name, b.name);
            }
        }
        assert_eq!(Theme::dark().heading.fg, Some(Color::Yellow));
    }

    #[test]
    fn inheritance_and_unknown_names() {
        let user = ThemeSpec::parse(
            "mine.toml",
            "name = \"mine\"\ninherits = \"light\"\n[styles]\nheading = { fg = 196 }\n",
            "mine",
        )
        .unwrap();
        let t = Theme::resolve("mine", &[user]).unwrap();
        assert_eq!(t.heading.fg, Some(Color::Indexed(196)));
        assert_eq!(t.list_selected, Theme::builtin("light").list_selected);
        assert!(matches!(Theme::resolve("nope", &[]), Err(ThemeError::Unknown(..))));
        let cyc = ThemeSpec::parse("c.toml", "name = \"c\"\ninherits = \"c\"\n", "c").unwrap();
        assert_eq!(Theme::resolve("c", &[cyc]), Err(ThemeError::Cycle("c".into())));
    }

    #[test]
    fn color_depth_detection() {
        use ColorDepth::*;
        assert_eq!(ColorDepth::detect(Some("1"), Some("truecolor"), Some("xterm-256color")), Mono);
        assert_eq!(ColorDepth::detect(Some(""), None, Some("xterm")), Ansi16);
        assert_eq!(ColorDepth::detect(None, Some("truecolor"), Some("xterm")), TrueColor);
        assert_eq!(ColorDepth::detect(None, None, Some("xterm-direct")), TrueColor);
        assert_eq!(ColorDepth::detect(None, None, Some("tmux-256color")), Ansi256);
        assert_eq!(ColorDepth::detect(None, None, Some("screen-256color")), Ansi256);
        assert_eq!(ColorDepth::detect(None, None, Some("linux")), Ansi16);
        assert_eq!(ColorDepth::detect(None, None, None), Ansi16);
    }

    #[test]
    fn colors_fit_the_terminal() {
        let solar = Theme::builtin("solarized-dark");
        let t256 = solar.clone().for_depth(ColorDepth::Ansi256);
        let t16 = solar.clone().for_depth(ColorDepth::Ansi16);
        assert!(matches!(t256.heading.fg, Some(Color::Indexed(n)) if n >= 16));
        assert!(matches!(t16.heading.fg, Some(c) if ANSI16.contains(&c)));
        assert_eq!(fit(Color::Rgb(0xdc, 0x32, 0x2f), ColorDepth::Ansi16), Color::Red);
        assert_eq!(fit(Color::Rgb(0, 0, 0), ColorDepth::Ansi256), Color::Indexed(16));
        assert_eq!(fit(Color::Indexed(196), ColorDepth::Ansi16), Color::LightRed);
        assert_eq!(solar.clone().for_depth(ColorDepth::TrueColor), solar);
        assert_eq!(solar.for_depth(ColorDepth::Mono), Theme::mono());
    }
}
