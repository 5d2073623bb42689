//! Shell completions and man pages, generated from the clap definitions.
//! The committed copies under `completions/` and `man/` are checked against
//! fresh output by `tests/generated.rs`.

use clap::{Args, CommandFactory};
use clap_complete::{Generator, Shell};

use super::{Cli, Ctx};
use crate::error::{Error, Result, exit};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print completions for
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(ctx: &mut Ctx, a: CompletionsArgs) -> Result<u8> {
    let text = completions(a.shell);
    let text = String::from_utf8_lossy(&text);
    if ctx.format() == crate::output::Format::Json {
        return ctx
            .out
            .record(&[
                ("shell", serde_json::json!(a.shell.to_string())),
                ("script", serde_json::json!(text)),
            ])
            .map(|()| exit::OK);
    }
    ctx.out.line(text.trim_end()).map(|()| exit::OK)
}

fn completions(shell: Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "acctsec", &mut buf);
    buf
}

/// The command that refreshes the committed files.
pub fn regenerate_hint() -> &'static str {
    "ACCTSEC_REGENERATE=1 cargo test --test generated"
}

/// Every generated file, as (path relative to the repository, contents):
/// completions for each shell and one man page per command.
pub fn generated_files() -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        files.push((
            format!("completions/{}", shell.file_name("acctsec")),
            completions(shell),
        ));
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    fn man_pages(cmd: &clap::Command, files: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            man_pages(sub, files)?;
        }
        let man = clap_mangen::Man::new(cmd.clone());
        let mut buf = Vec::new();
        man.render(&mut buf).map_err(|e| Error::io("man", e))?;
        files.push((format!("man/{}", man.get_filename()), buf));
        Ok(())
    }
    man_pages(&cmd, &mut files)?;
    files.sort();
    Ok(files)
}
