//! Shell integration: completions, the man page, and `rroom config`.

use clap::CommandFactory;

use super::Cli;
use crate::config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

pub fn completions(shell: Shell) -> anyhow::Result<()> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut cmd, "rroom", &mut out);
    super::emit(&String::from_utf8_lossy(&out))
}

pub fn man() -> anyhow::Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    super::emit(&String::from_utf8_lossy(&out))
}

pub fn config(cli: &Cli, default: bool, path: bool) -> anyhow::Result<()> {
    if default {
        return super::emit(&config::default_config_text());
    }
    let file = config::config_path(cli.config.as_deref());
    if path {
        return match file {
            Some(p) => super::emit(&format!("{}\n", crate::corpus::display_path(&p))),
            None => anyhow::bail!("no home directory, so no default config path: use --config FILE"),
        };
    }
    // Without a flag: check the file, report each problem with its line,
    // and print the configuration in effect.
    let shown = file.as_deref().map(crate::corpus::display_path).unwrap_or_else(|| "(none)".into());
    let checked = config::Config::load(file.as_deref(), cli.config.is_some())?;
    let mut problems: Vec<String> = checked.problems.iter().map(ToString::to_string).collect();
    if let Some(name) = checked.config.theme.as_deref() {
        problems.extend(unknown_theme(name).map(|p| format!("{shown}: theme: {p}")));
    }
    for problem in &problems {
        super::diag::warn(&format!("config: {problem}"));
    }
    let exists = file.as_deref().is_some_and(|f| f.exists());
    let head = match (exists, problems.len()) {
        (false, _) => format!("# {shown}: no config file, so the defaults\n"),
        (true, 0) => format!("# {shown}: ok\n"),
        (true, 1) => format!("# {shown}: 1 problem (on stderr); the rest applies\n"),
        (true, n) => format!("# {shown}: {n} problems (on stderr); the rest applies\n"),
    };
    super::emit(&format!("{head}{}", checked.config.effective_toml()))?;
    match problems.len() {
        0 => Ok(()),
        n => anyhow::bail!("{shown}: {n} problem{} in the config", if n == 1 { "" } else { "s" }),
    }
}

/// Why the theme `name` cannot be used, if it cannot: neither built in nor
/// among the user's theme files.
fn unknown_theme(name: &str) -> Option<String> {
    use crate::config::theme::{BUILTIN, ThemeSpec, load_user_themes};
    if ThemeSpec::builtin(name).is_some() {
        return None;
    }
    let dir = config::config_dir().map(|d| d.join("themes"));
    let (user, _) = dir.map(|d| load_user_themes(&d)).unwrap_or_default();
    if user.iter().any(|t| t.name == name) {
        return None;
    }
    let mut known: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    known.extend(user.into_iter().map(|t| t.name));
    Some(format!("no theme called '{name}' (there are: {})", known.join(", ")))
}
