//! Styles named by meaning. Render code asks the theme for `heading` or
//! `entity_person`, never for a raw color.

use ratatui::style::{Color, Modifier, Style};

use crate::entities::EntityKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    pub base: Style,
    pub border: Style,
    pub border_focused: Style,
    pub pane_title: Style,
    pub pane_title_focused: Style,
    pub list_selected: Style,
    pub list_selected_unfocused: Style,
    pub list_meta: Style,
    pub reader_title: Style,
    pub reader_meta: Style,
    pub heading: Style,
    pub boilerplate: Style,
    pub group_header: Style,
    pub entity_person: Style,
    pub entity_organization: Style,
    pub entity_place: Style,
    pub count: Style,
    pub status: Style,
    pub status_mode: Style,
    pub status_key: Style,
    pub status_message: Style,
    pub help_key: Style,
    pub scrollbar: Style,
    /// Characters of a title that matched the finder query.
    pub match_char: Style,
    pub search_hit: Style,
    pub search_current: Style,
    /// A query being typed.
    pub input: Style,
}

impl Theme {
    /// The default dark theme (16-color safe: named ANSI colors only).
    pub fn dark() -> Theme {
        Theme {
            name: "default".into(),
            base: Style::default(),
            border: Style::default().fg(Color::DarkGray),
            border_focused: Style::default().fg(Color::Cyan),
            pane_title: Style::default().fg(Color::Gray),
            pane_title_focused: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            list_selected: Style::default().fg(Color::Black).bg(Color::Cyan),
            list_selected_unfocused: Style::default().add_modifier(Modifier::REVERSED),
            list_meta: Style::default().fg(Color::DarkGray),
            reader_title: Style::default().fg(Color::White).add_modifier(Modifier::BOLD),
            reader_meta: Style::default().fg(Color::DarkGray),
            heading: Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            boilerplate: Style::default().fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            group_header: Style::default()
                .fg(Color::Gray)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            entity_person: Style::default().fg(Color::LightGreen),
            entity_organization: Style::default().fg(Color::LightMagenta),
            entity_place: Style::default().fg(Color::LightBlue),
            count: Style::default().fg(Color::DarkGray),
            status: Style::default().fg(Color::Gray),
            status_mode: Style::default().fg(Color::Black).bg(Color::Cyan).add_modifier(Modifier::BOLD),
            status_key: Style::default().fg(Color::Cyan),
            status_message: Style::default().fg(Color::Yellow),
            help_key: Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            scrollbar: Style::default().fg(Color::DarkGray),
            match_char: Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            search_hit: Style::default().fg(Color::Black).bg(Color::Yellow),
            search_current: Style::default()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            input: Style::default().fg(Color::White).add_modifier(Modifier::BOLD),
        }
    }

    /// No color at all: bold, underline, reverse and dim only (NO_COLOR).
    pub fn mono() -> Theme {
        let plain = Style::default();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        let rev = plain.add_modifier(Modifier::REVERSED);
        Theme {
            name: "mono".into(),
            base: plain,
            border: plain,
            border_focused: bold,
            pane_title: plain,
            pane_title_focused: bold.add_modifier(Modifier::REVERSED),
            list_selected: rev.add_modifier(Modifier::BOLD),
            list_selected_unfocused: rev,
            list_meta: dim,
            reader_title: bold,
            reader_meta: dim,
            heading: bold.add_modifier(Modifier::UNDERLINED),
            boilerplate: dim.add_modifier(Modifier::ITALIC),
            group_header: bold.add_modifier(Modifier::UNDERLINED),
            entity_person: bold,
            entity_organization: bold,
            entity_place: bold,
            count: dim,
            status: plain,
            status_mode: rev.add_modifier(Modifier::BOLD),
            status_key: bold,
            status_message: bold,
            help_key: bold,
            scrollbar: dim,
            match_char: bold.add_modifier(Modifier::UNDERLINED),
            search_hit: rev,
            search_current: rev.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            input: bold,
        }
    }

    /// The theme for the environment: `NO_COLOR` (any non-empty value) means mono.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Theme::mono(),
            _ => Theme::dark(),
        }
    }

    pub fn entity(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.entity_person,
            EntityKind::Organization => self.entity_organization,
            EntityKind::Place => self.entity_place,
        }
    }
}
