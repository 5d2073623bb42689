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
    if shell == Shell::Bash {
        return bash_notify_set_by_position(&String::from_utf8_lossy(&buf)).into_bytes();
    }
    buf
}

/// clap's bash script offers every possible value of every positional
/// argument in any slot: `notify set CODE TYPE STATE` would get `on`/`off`
/// as a TYPE. Before that generic list, count the words after `set` (and
/// the values of options that take one) and offer the notice types in the
/// TYPE slot and on/off in the STATE slot.
fn bash_notify_set_by_position(script: &str) -> String {
    const CASE: &str = "        acctsec__subcmd__notify__subcmd__set)\n";
    let Some(at) = script.find(CASE) else {
        return script.to_string();
    };
    let Some(opts_end) = script[at + CASE.len()..].find('\n') else {
        return script.to_string();
    };
    let insert_at = at + CASE.len() + opts_end + 1;
    let types = crate::notify::NoticeType::ALL.map(|t| t.name()).join(" ");
    let valued = "--to|--reason|--db|--config|--operator|--format|--busy-timeout";
    let snippet = format!(
        r#"            if [[ ${{cur}} != -* ]] ; then
                local w i n=-1 skip=0
                for (( i=1; i<COMP_CWORD; i++ )); do
                    w="${{COMP_WORDS[i]}}"
                    if (( skip )); then skip=0; continue; fi
                    case "${{w}}" in
                        {valued}) skip=1 ;;
                        -*) ;;
                        set) (( n < 0 )) && n=0 ;;
                        *) (( n >= 0 )) && n=$((n+1)) ;;
                    esac
                done
                if (( ! skip )); then
                    case ${{n}} in
                        1) COMPREPLY=( $(compgen -W "{types}" -- "${{cur}}") ); return 0 ;;
                        2) COMPREPLY=( $(compgen -W "on off" -- "${{cur}}") ); return 0 ;;
                    esac
                fi
            fi
"#
    );
    format!("{}{snippet}{}", &script[..insert_at], &script[insert_at..])
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
        render_man(&man, cmd, &mut buf).map_err(|e| Error::io("man", e))?;
        files.push((format!("man/{}", man.get_filename()), buf));
        Ok(())
    }
    man_pages(&cmd, &mut files)?;
    files.sort();
    Ok(files)
}

/// A man page: clap_mangen's sections, with EXIT STATUS and ENVIRONMENT
/// (the same on every page: every command takes the global options and
/// answers with the same exit codes) before VERSION.
fn render_man(
    man: &clap_mangen::Man,
    cmd: &clap::Command,
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    man.render_title(w)?;
    man.render_name_section(w)?;
    man.render_synopsis_section(w)?;
    man.render_description_section(w)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(w)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(w)?;
    }
    if cmd.get_after_long_help().is_some() || cmd.get_after_help().is_some() {
        man.render_extra_section(w)?;
    }
    w.write_all(roff_list("EXIT STATUS", EXIT_STATUS).as_bytes())?;
    w.write_all(roff_list("ENVIRONMENT", ENVIRONMENT).as_bytes())?;
    if cmd
        .get_version()
        .or_else(|| cmd.get_long_version())
        .is_some()
    {
        man.render_version_section(w)?;
    }
    Ok(())
}

/// The exit codes of CLI.md.
const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "done; the check passed; the password matched"),
    (
        "1",
        "the answer is no: a password rejected by policy, a wrong password, audit findings at or above --fail-on, a tampered or unsealed audit trail",
    ),
    (
        "2",
        "usage error (bad flags or arguments; a confirmation needed without a terminal: pass --yes)",
    ),
    ("3", "the account is locked"),
    ("4", "no such customer"),
    (
        "5",
        "recorded as a request awaiting a second person's approval; nothing changed yet",
    ),
    (
        "6",
        "authcode issue: no code is required for this customer and purpose (the notice is off)",
    ),
    (
        "65",
        "bad input data (a CSV with invalid rows); nothing was written",
    ),
    (
        "73",
        "cannot create an output file (it exists: never overwritten)",
    ),
    ("74", "I/O or database error"),
    (
        "75",
        "ledger busy past the timeout, or the same work running elsewhere; safe to retry",
    ),
    ("78", "no ledger, or an invalid policy or configuration"),
];

/// What acctsec reads from the environment.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "ACCTSEC_DB",
        "the ledger, as --db (default: $XDG_DATA_HOME/acctsec/ledger.db)",
    ),
    (
        "ACCTSEC_CONFIG",
        "the per-host configuration file, as --config (default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml)",
    ),
    (
        "ACCTSEC_OPERATOR",
        "who is acting, as --operator (default: the OS login name)",
    ),
    (
        "ACCTSEC_BUSY_TIMEOUT",
        "milliseconds to wait for another writer, as --busy-timeout (default: 5000)",
    ),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "the first one set chooses the language of messages and tables: ja* selects Japanese, anything else English (CSV and JSON keep the English codes)",
    ),
    (
        "XDG_DATA_HOME",
        "where the default ledger lives (default: $HOME/.local/share)",
    ),
    (
        "XDG_CONFIG_HOME",
        "where the default configuration file lives (default: $HOME/.config)",
    ),
    (
        "HOME",
        "the base of the default paths when the XDG variables are unset",
    ),
    (
        "LOGNAME, USER",
        "the operator when the password database has no entry for the user",
    ),
    (
        "ACCTSEC_NOW",
        "a fixed time (RFC 3339) for tests; honoured only by debug builds",
    ),
];

/// A man page section of tagged paragraphs, in roff.
fn roff_list(title: &str, items: &[(&str, &str)]) -> String {
    let mut s = format!(".SH \"{title}\"\n");
    for (tag, text) in items {
        s.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_text(tag),
            roff_text(text)
        ));
    }
    s
}

/// Text safe in roff: backslashes and hyphens escaped, no line starting
/// with a control character.
fn roff_text(t: &str) -> String {
    let t = t.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with(['.', '\'']) {
        format!("\\&{t}")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_argument_and_command_has_help() {
        fn walk(c: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in c.get_arguments().filter(|a| !a.is_hide_set()) {
                if a.get_help().is_none() && a.get_long_help().is_none() {
                    missing.push(format!("{path} {}", a.get_id()));
                }
            }
            for s in c.get_subcommands() {
                if s.get_about().is_none() && s.get_long_about().is_none() {
                    missing.push(format!("{path} {}", s.get_name()));
                }
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "acctsec", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
    }

    #[test]
    fn man_pages_say_exit_status_and_environment() {
        let files = generated_files().unwrap();
        let pages: Vec<_> = files
            .iter()
            .filter(|(p, _)| p.starts_with("man/"))
            .collect();
        assert!(pages.len() > 30);
        for (path, bytes) in pages {
            let text = String::from_utf8_lossy(bytes);
            for needle in [
                ".SH \"EXIT STATUS\"",
                ".SH \"ENVIRONMENT\"",
                "ACCTSEC_DB",
                "\\fB78\\fR",
            ] {
                assert!(text.contains(needle), "{path} lacks {needle}");
            }
        }
    }

    #[test]
    fn bash_completes_notice_types_then_on_off() {
        let bash = String::from_utf8(completions(Shell::Bash)).unwrap();
        let set = bash
            .split("acctsec__subcmd__notify__subcmd__set)")
            .nth(1)
            .expect("a case for notify set");
        let case = &set[..set.find(";;\n        acctsec__").unwrap_or(set.len())];
        assert!(
            case.contains("1) COMPREPLY=( $(compgen -W \"login login_new_env"),
            "{case}"
        );
        assert!(
            case.contains("2) COMPREPLY=( $(compgen -W \"on off\""),
            "{case}"
        );
    }
}
