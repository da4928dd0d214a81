//! The one validation of a config file, shared by `rroom config` and the
//! app: every problem is reported with its file and line, and only the
//! setting (or key binding) at fault is dropped; the rest applies.

use std::ops::Range;
use std::path::PathBuf;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keys::{self, ESCAPE_MODES, KeySpec, Mode};
use super::{Config, FileError, line_col, toml_error};
use crate::corpus::sanitize::sanitize_label;

/// The settings a config file may hold.
pub const SETTINGS: &[&str] = &["theme", "corpus", "reader_width", "mouse", "read_groups", "keys"];

/// The narrowest and widest reader column a config may ask for.
pub const READER_WIDTHS: (i64, i64) = (20, 1000);

/// A config as far as it is sound, and what is wrong with the rest.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    pub config: Config,
    pub problems: Vec<FileError>,
}

struct Checker<'a> {
    path: &'a str,
    text: &'a str,
    problems: Vec<FileError>,
    /// Reading the built-in defaults: there are none to fall back on.
    defaults: bool,
}

impl Checker<'_> {
    fn problem(&mut self, span: Range<usize>, message: String) {
        let (line, column) = line_col(self.text, span.start);
        self.problems.push(FileError { path: self.path.to_string(), line, column, message });
    }
}

/// A name from the file, fit to quote in a message.
fn shown(s: &str) -> String {
    let mut label = sanitize_label(s);
    if label.chars().count() > 60 {
        label = label.chars().take(59).chain(['…']).collect();
    }
    label
}

/// Checks config text; `path` is for messages.
pub fn check(path: &str, text: &str) -> Checked {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut c = Checker { path, text, problems: Vec::new(), defaults: false };
    c.problems.extend(errors.iter().map(|e| toml_error(path, text, e)));
    let mut config = Config::default();
    for (key, value) in doc.get_ref().iter() {
        let name: &str = key.get_ref();
        let v = value.get_ref();
        match name {
            "theme" => match v {
                DeValue::String(s) => config.theme = Some(s.to_string()),
                _ => c.problem(value.span(), "theme: a theme name in quotes".into()),
            },
            "corpus" => config.corpus = corpus(&mut c, value),
            "reader_width" => {
                let n = v.as_integer().and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
                match n.filter(|n| (READER_WIDTHS.0..=READER_WIDTHS.1).contains(n)) {
                    Some(n) => config.reader_width = u16::try_from(n).ok(),
                    None => c.problem(
                        value.span(),
                        format!(
                            "reader_width: a number of columns from {} to {}",
                            READER_WIDTHS.0, READER_WIDTHS.1
                        ),
                    ),
                }
            }
            "mouse" => match v.as_bool() {
                Some(b) => config.mouse = Some(b),
                None => c.problem(value.span(), "mouse: true or false".into()),
            },
            "read_groups" => match v.as_bool() {
                Some(b) => config.read_groups = Some(b),
                None => c.problem(value.span(), "read_groups: true or false".into()),
            },
            "keys" => {
                config.keys = key_tables(&mut c, value).map(|tables| {
                    tables.into_iter().map(|(m, b)| (m.name().to_string(), b.into_iter().collect())).collect()
                })
            }
            other => c.problem(
                key.span(),
                format!("unknown setting '{}' (settings: {})", shown(other), SETTINGS.join(", ")),
            ),
        }
    }
    Checked { config, problems: c.problems }
}

fn corpus(c: &mut Checker, value: &Spanned<DeValue>) -> Option<Vec<PathBuf>> {
    let items: Vec<&Spanned<DeValue>> = match value.get_ref() {
        DeValue::String(_) => vec![value],
        DeValue::Array(a) => a.iter().collect(),
        _ => {
            c.problem(value.span(), "corpus: a list of paths in quotes".into());
            return None;
        }
    };
    let mut paths = Vec::new();
    for item in items {
        match item.get_ref().as_str() {
            Some(s) if !s.is_empty() => paths.push(PathBuf::from(s)),
            _ => c.problem(item.span(), "corpus: each path is a non-empty string in quotes".into()),
        }
    }
    Some(paths)
}

/// Bindings by mode: (key as written, action name or "none"), in file order.
type KeyTables = Vec<(Mode, Vec<(String, String)>)>;

/// The built-in key tables (`default_keys.toml`), read as a user's
/// `[keys]` is; problems would be a bug, and a test checks there are none.
pub fn default_key_tables(text: &str) -> (KeyTables, Vec<FileError>) {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let path = "default_keys.toml";
    let mut c = Checker { path, text, problems: Vec::new(), defaults: true };
    c.problems.extend(errors.iter().map(|e| toml_error(path, text, e)));
    let mut tables = KeyTables::new();
    for (key, value) in doc.get_ref().iter() {
        match key.get_ref().as_ref() {
            "keys" => tables.extend(key_tables(&mut c, value).into_iter().flatten()),
            other => c.problem(key.span(), format!("only [keys] belongs here, not '{}'", shown(other))),
        }
    }
    (tables, c.problems)
}

fn key_tables(c: &mut Checker, value: &Spanned<DeValue>) -> Option<KeyTables> {
    let Some(table) = value.get_ref().as_table() else {
        c.problem(value.span(), "keys: tables such as [keys.normal]".into());
        return None;
    };
    let mut out = KeyTables::new();
    for (mode_key, bindings) in table.iter() {
        let mode_name: &str = mode_key.get_ref();
        let Some(mode) = Mode::from_name(mode_name) else {
            c.problem(
                mode_key.span(),
                format!("[keys.{}]: unknown mode (modes: {})", shown(mode_name), Mode::names().join(", ")),
            );
            continue;
        };
        let Some(bindings) = bindings.get_ref().as_table() else {
            c.problem(bindings.span(), format!("[keys.{mode_name}]: a table of key = \"action\""));
            continue;
        };
        let kept = mode_table(c, mode, mode_key.span(), bindings);
        out.push((mode, kept));
    }
    Some(out)
}

/// The sound bindings of one `[keys.MODE]` table.
/// The sound bindings of one `[keys.MODE]` table, in the order the file
/// writes them (the table itself is sorted by key; the spans keep the order).
fn mode_table(c: &mut Checker, mode: Mode, at: Range<usize>, table: &DeTable) -> Vec<(String, String)> {
    let mode_name = mode.name();
    // (key as written, parsed, action, where the key is)
    let mut kept: Vec<(String, KeySpec, String, Range<usize>)> = Vec::new();
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, action) in entries {
        let key_name: &str = key.get_ref();
        let spec = match KeySpec::parse(key_name) {
            Ok(k) => k,
            Err(e) => {
                c.problem(key.span(), format!("[keys.{mode_name}] {e}"));
                continue;
            }
        };
        let Some(action_name) = action.get_ref().as_str() else {
            c.problem(
                action.span(),
                format!("[keys.{mode_name}] '{}': an action name in quotes", shown(key_name)),
            );
            continue;
        };
        if action_name != "none" && !action_name.is_empty() && !keys::is_action(action_name) {
            c.problem(
                action.span(),
                format!(
                    "[keys.{mode_name}] '{}': unknown action '{}' (actions: none, {})",
                    shown(key_name),
                    shown(action_name),
                    keys::action_names().join(", ")
                ),
            );
            continue;
        }
        if spec.always_quits() && action_name != "quit" {
            c.problem(
                key.span(),
                format!(
                    "[keys.{mode_name}] '{}': ctrl-c always quits; this binding is ignored",
                    shown(key_name)
                ),
            );
            continue;
        }
        if let Some((other, ..)) = kept.iter().find(|(_, k, ..)| *k == spec) {
            c.problem(
                key.span(),
                format!(
                    "[keys.{mode_name}] '{}' and '{}' are the same key; '{}' is ignored",
                    shown(key_name),
                    shown(other),
                    shown(key_name)
                ),
            );
            continue;
        }
        kept.push((key_name.to_string(), spec, action_name.to_string(), key.span()));
    }
    if ESCAPE_MODES.contains(&mode) && !c.defaults {
        let overrides: Vec<(KeySpec, &str)> = kept.iter().map(|(_, k, a, _)| (*k, a.as_str())).collect();
        if !keys::leaves_a_way_out(mode, &overrides) {
            let ways_out = keys::default_ways_out(mode);
            let names: Vec<&str> = ways_out.iter().map(|(name, _)| *name).collect();
            c.problem(
                at,
                format!(
                    "[keys.{mode_name}]: no key is left to quit or go back; the defaults stay for {}",
                    names.join(", ")
                ),
            );
            kept.retain(|(_, k, ..)| !ways_out.iter().any(|(_, w)| w == k));
        }
    }
    kept.into_iter().map(|(name, _, action, _)| (name, action)).collect()
}
