//! Every thing a user can do in the reading room, declared once: its
//! variant, its name in config files and key tables, and what the help
//! overlay says it does. The default keys are data
//! (`default_keys.toml`), read by the same code as the user's config.
//! Key bindings, the help overlay and the tests all speak in these names.

use super::keys::Mode;

/// Declares the actions: `Variant => "config_name", "help text";`, in the
/// order the help overlay lists them.
macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident => $name:literal, $describe:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $($(#[$doc])* $variant,)*
            /// A typed character (not bindable: any unbound key in a text field).
            Insert(char),
        }

        impl Action {
            /// Every bindable action, in the order the help overlay lists them.
            pub const ALL: &[Action] = &[$(Action::$variant),*];

            /// The action's name in config files ("open_finder").
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)*
                    Action::Insert(_) => "insert",
                }
            }

            /// What the action does, for the help overlay.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Action::$variant => $describe,)*
                    Action::Insert(_) => "type",
                }
            }
        }
    };
}

actions! {
    Up => "up", "up / previous";
    Down => "down", "down / next";
    PageUp => "page_up", "page up";
    PageDown => "page_down", "page down";
    Top => "top", "top";
    Bottom => "bottom", "bottom";
    Open => "open", "read the article";
    Back => "back", "back, close, clear";
    FocusNext => "focus_next", "next pane";
    FocusPrev => "focus_prev", "previous pane";
    FocusLeft => "focus_left", "pane to the left";
    FocusRight => "focus_right", "pane to the right";
    ToggleBoilerplate => "toggle_boilerplate", "fold boilerplate";
    /// The finder overlay, from anywhere.
    OpenFinder => "open_finder", "find (Tab: full text)";
    /// `/`: filter the list, or search the open article, by focus.
    Search => "search", "filter list / search article";
    /// Next / previous highlighted hit in the reader.
    NextHit => "next_hit", "next hit";
    PrevHit => "prev_hit", "previous hit";
    /// In the finder: titles (fuzzy) or the text of the articles.
    ToggleFullText => "toggle_full_text", "titles / full text";
    /// Editing a query.
    DeleteChar => "delete_char", "delete a character";
    DeleteWord => "delete_word", "delete a word";
    ClearInput => "clear_input", "clear the query";
    /// Every entity mention highlighted, by kind.
    ToggleMentions => "toggle_mentions", "highlight all mentions";
    /// Entities: filter the list to the articles that mention the selected one.
    ListMentioning => "list_mentioning", "articles naming the entity";
    MergeEntity => "merge_entity", "merge into (press twice)";
    SplitAlias => "split_alias", "split this mention's name off";
    HideEntity => "hide_entity", "hide: not an entity";
    UndoCorrection => "undo_correction", "undo the last correction";
    /// The analyst's desk, sidebar and reader side: who appears with the
    /// selected entity (Enter lists the articles naming both), and the
    /// open article's URL (copied with OSC 52).
    ShowTogether => "show_together", "who appears with the entity";
    CopyUrl => "copy_url", "copy the article's URL (and open it in a local browser)";
    AddWatch => "add_watch", "watch the entity / the search";
    ShowWatches => "show_watches", "watches: total and new";
    /// Selecting a passage.
    Visual => "visual", "select a passage";
    WordForward => "word_forward", "extend by a word";
    WordBack => "word_back", "back a word";
    SentenceForward => "sentence_forward", "extend by a sentence";
    SentenceBack => "sentence_back", "back a sentence";
    ParagraphForward => "paragraph_forward", "to paragraph end";
    ParagraphBack => "paragraph_back", "to paragraph start";
    SwapEnds => "swap_ends", "other end of the selection";
    /// A citation (title, source, date, URL): the passage in visual mode,
    /// else the article.
    Yank => "yank", "copy as citation";
    /// Notes.
    AddNote => "add_note", "write a note";
    EditNote => "edit_note", "edit the note";
    DeleteNote => "delete_note", "delete note (to trash)";
    SaveNote => "save_note", "save the note";
    NextNote => "next_note", "next passage note";
    PrevNote => "prev_note", "previous passage note";
    ToggleInlineNotes => "toggle_inline_notes", "notes under passages";
    /// Re-attach the passage note selected in the notes tab (check a fuzzy one).
    ReattachNote => "reattach_note", "re-attach a passage note";
    SwitchSidebar => "switch_sidebar", "sidebar: entities / notes";
    AllNotes => "all_notes", "all notes (#tag, @entity)";
    /// The analyst's desk, in the list: reading state, sort and views.
    ToggleRead => "toggle_read", "read / unread";
    ToggleFlag => "toggle_flag", "flag / unflag";
    UnreadOnly => "unread_only", "list: unread only / all";
    FlaggedOnly => "flagged_only", "list: flagged only / all";
    CycleSort => "cycle_sort", "list: sort by date, title, source, length";
    ExpandGroup => "expand_group", "list: show / hide similar articles";
    /// Next theme (built-in and the user's).
    CycleTheme => "cycle_theme", "next theme";
    ToggleHelp => "toggle_help", "this help";
    Quit => "quit", "quit";
}

impl Action {
    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }

    /// What the action does in `mode`, for the help overlay and the status
    /// line: a few actions mean something else in an overlay (Tab in the
    /// all-notes overlay switches to the trash, not to full text).
    pub fn describe_in(self, mode: Mode) -> &'static str {
        match (mode, self) {
            (Mode::NotesView, Action::ToggleFullText) => "notes / trash",
            (Mode::NotesView, Action::Open) => "go to the note",
            (Mode::NotesView, Action::DeleteNote) => "delete (to trash) / restore",
            (Mode::NotesView, Action::ClearInput) => "clear the filter",
            (Mode::Finder, Action::Open) => "open the article",
            (Mode::Prompt, Action::Open) => "restore the draft",
            (Mode::Prompt, Action::DeleteNote) => "discard the draft",
            (Mode::Prompt, Action::Back) => "decide later (drafts kept)",
            (Mode::Editor, Action::Back) => "close (asks first)",
            _ => self.describe(),
        }
    }
}

/// Actions read straight from config text by their names ("open_finder").
impl<'de> serde::Deserialize<'de> for Action {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Action, D::Error> {
        let name = String::deserialize(d)?;
        Action::from_name(&name).ok_or_else(|| {
            let known: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            serde::de::Error::custom(format!("unknown action '{name}' (actions: {})", known.join(", ")))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_read_back() {
        let mut seen = std::collections::HashSet::new();
        for &a in Action::ALL {
            assert!(seen.insert(a.name()), "{} twice", a.name());
            assert_eq!(Action::from_name(a.name()), Some(a));
            let parsed: std::collections::BTreeMap<String, Action> =
                toml::from_str(&format!("x = \"{}\"", a.name())).unwrap();
            assert_eq!(parsed["x"], a);
        }
        assert_eq!(Action::from_name("insert"), None);
    }
}
