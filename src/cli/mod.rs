//! The command line: clap definitions (one module per command group), the
//! shared context, and the dispatch. No SQL and no policy logic here.

mod args;
mod audit;
mod authcode;
mod customer;
mod generated;
mod init;
mod ledger;
mod lock;
mod log;
mod notify;
mod password;
mod policy;
mod progress;
mod prompt;
mod render;
mod report;
mod request;
mod rollout;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

pub use generated::{generated_files, regenerate_hint};

use crate::config::Config;
use crate::error::{Error, Result, exit};
use crate::ledger::{DEFAULT_BUSY_TIMEOUT_MS, Ledger, MAX_BUSY_TIMEOUT_MS, Target};
use crate::messages::{self, Lang};
use crate::output::{Format, Printer, Terminal};

/// acctsec: the back office's account-security tool for a securities broker.
///
/// Issues initial execution passwords in bulk, enforces the password rules,
/// locks accounts after repeated failures and unlocks them, audits weak
/// credentials, and manages email notices, all in one ledger (a local SQLite
/// file, or PostgreSQL shared by several hosts) with a tamper-evident audit
/// trail.
#[derive(Debug, Parser)]
#[command(
    name = "acctsec",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// The heading the options every command takes are listed under, apart
/// from the command's own.
pub const GLOBAL: &str = "Global options";

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The ledger: a SQLite file, or a postgres:// URL (no password in it: PGPASSWORD or ~/.pgpass; over TCP, TLS is verify-full unless sslmode= says otherwise) [default: $XDG_DATA_HOME/acctsec/ledger.db]
    #[arg(
        long,
        env = "ACCTSEC_DB",
        hide_env_values = true,
        global = true,
        help_heading = GLOBAL,
        value_name = "PATH|URL"
    )]
    pub db: Option<PathBuf>,
    /// Per-host settings (keys of the trail's seals, the mail relay) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]
    #[arg(
        long,
        env = "ACCTSEC_CONFIG",
        hide_env_values = true,
        global = true,
        help_heading = GLOBAL,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
    /// A label for who is acting (a name, a ticket); the trail also records the real identity [default: the OS login name]
    #[arg(
        long,
        env = "ACCTSEC_OPERATOR",
        hide_env_values = true,
        global = true,
        help_heading = GLOBAL,
        value_name = "NAME"
    )]
    pub operator: Option<String>,
    /// Output form of listings and results (json: one JSON document on stdout)
    #[arg(
        long,
        value_enum,
        default_value_t = Format::Table,
        global = true,
        help_heading = GLOBAL
    )]
    pub format: Format,
    /// Answer yes to confirmations (needed without a terminal)
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub yes: bool,
    /// Print nothing on success except requested data
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    pub quiet: bool,
    /// How long to wait for another writer (on PostgreSQL also for another issue run) before giving up with exit 75 (at most 86400000: a day)
    #[arg(
        long,
        env = "ACCTSEC_BUSY_TIMEOUT",
        hide_env_values = true,
        global = true,
        help_heading = GLOBAL,
        value_name = "MS",
        default_value_t = DEFAULT_BUSY_TIMEOUT_MS,
        value_parser = clap::value_parser!(u64).range(0..=MAX_BUSY_TIMEOUT_MS)
    )]
    pub busy_timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the ledger (exit 0 and no change if it already exists)
    Init(init::InitArgs),
    /// The password policy: show, presets, set
    #[command(subcommand)]
    Policy(policy::PolicyCmd),
    /// The customer master: import, show, list, set-email
    #[command(subcommand)]
    Customer(customer::CustomerCmd),
    /// Passwords: check, bulk issue, set, verify
    #[command(subcommand)]
    Password(password::PasswordCmd),
    /// Locked accounts: list, add (lock one; unlock takes them off)
    #[command(subcommand)]
    Lock(lock::LockCmd),
    /// Unlock accounts (optionally with a fresh initial execution password)
    Unlock(lock::UnlockArgs),
    /// Weak-credential audit (findings; --guess tries guesses from customer data)
    Audit(audit::AuditArgs),
    /// The rollout schedule and progress
    #[command(subcommand)]
    Rollout(rollout::RolloutCmd),
    /// Email notices: catalog, subscriptions, front-end events, outbox
    #[command(subcommand)]
    Notify(notify::NotifyCmd),
    /// The audit trail: list, verify, head
    Log(log::LogArgs),
    /// The ledger itself: copy it to another place or backend
    #[command(subcommand)]
    Ledger(ledger::LedgerCmd),
    /// One-time auth codes by email for withdrawals and data views: issue, verify
    #[command(subcommand)]
    Authcode(authcode::AuthcodeCmd),
    /// Four-eyes approval: list, show, approve or reject requests for actions that need a second person
    #[command(subcommand)]
    Request(request::RequestCmd),
    /// Rollout progress and security posture: an HTML page with charts (--format json: the series)
    Report(report::ReportArgs),
    /// Print shell completions
    Completions(generated::CompletionsArgs),
}

/// What every command handler gets, all resolved once at start-up: the
/// global options, the printer (format, quiet, terminal facts), the language
/// of messages and the time the command runs at.
pub struct Ctx {
    pub global: Global,
    pub out: Printer,
    pub lang: Lang,
    /// "Now" for this command, from the one clock (`clock::now`; fixed by
    /// `ACCTSEC_NOW` in debug builds).
    pub now: DateTime<Utc>,
    /// The configuration file, loaded and checked once, by the first
    /// command that needs it or opens a ledger.
    config: std::cell::OnceCell<Config>,
}

impl Ctx {
    pub fn format(&self) -> Format {
        self.global.format
    }

    pub fn is_ja(&self) -> bool {
        self.lang == Lang::Ja
    }

    /// Where the ledger is and who is acting. The configuration file is
    /// checked first (exit 78 when it is wrong), so that no command that
    /// opens a ledger runs on a file whose settings it would not read.
    pub fn target(&self) -> Result<Target> {
        self.config()?;
        let path = match &self.global.db {
            Some(p) => p.clone(),
            None => default_db_path()?,
        };
        Ok(Target {
            path,
            operator: operator(self.global.operator.as_deref())?,
            busy_timeout_ms: self.global.busy_timeout,
        })
    }

    /// The configuration file: `--config` / `ACCTSEC_CONFIG` (which must
    /// exist), else the first default place that exists, else empty. Read
    /// once per command.
    pub fn config(&self) -> Result<Config> {
        if let Some(c) = self.config.get() {
            return Ok(c.clone());
        }
        let c = Config::load(self.global.config.as_deref())?;
        Ok(self.config.get_or_init(|| c).clone())
    }

    /// Open the existing ledger (exit 78 when there is none, or when the
    /// configuration file is wrong: [`Ctx::target`]).
    pub fn open(&self) -> Result<Ledger> {
        Ledger::open(&self.target()?)
    }

    /// Ask before something irreversible: `--yes`, or a prompt on a
    /// terminal; without either it is a usage error (exit 2).
    pub fn confirm(&self, what: &str) -> Result<bool> {
        prompt::confirm(self.interactive(), self.global.yes, what)
    }

    /// Whether a person can be asked (stdin and stderr are terminals).
    pub fn interactive(&self) -> bool {
        self.out.terminal().interactive()
    }

    /// A secret: a hidden prompt (asked twice when `confirm` is given) on a
    /// terminal, else one line of stdin. Never from argv; never echoed.
    pub fn read_secret(
        &self,
        prompt: &str,
        confirm: Option<(&str, &str)>,
    ) -> Result<zeroize::Zeroizing<String>> {
        prompt::read_secret(self.interactive(), prompt, confirm)
    }
}

fn default_db_path() -> Result<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        })
        .ok_or_else(|| Error::Config {
            what: messages::no_home_for_default_db(),
        })?;
    Ok(base.join("acctsec").join("ledger.db"))
}

/// The operator: `--operator`/`ACCTSEC_OPERATOR`, else the OS login name.
fn operator(given: Option<&str>) -> Result<String> {
    let name = match given {
        Some(n) => n.trim().to_string(),
        None => os_login_name().ok_or_else(|| Error::Config {
            what: messages::unknown_operator(),
        })?,
    };
    if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
        return Err(Error::Usage(messages::bad_operator()));
    }
    Ok(name)
}

/// A change recorded as a request awaiting a second person's approval:
/// its id (`--format json`: `{"request": ID, "status": "pending"}`); exit 5,
/// so that a script never reads "pending" as "done".
pub fn pending(ctx: &mut Ctx, p: &crate::ops::gate::Pending) -> Result<u8> {
    let expires = crate::clock::to_jst(p.expires);
    ctx.out.outcome(
        &messages::request::recorded(p.id, p.action, &expires),
        &[
            ("request", serde_json::json!(p.id)),
            ("status", serde_json::json!("pending")),
        ],
    )?;
    Ok(exit::PENDING)
}

/// The longest `--reason` kept in the trail, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// A `--reason` as the trail keeps it: trimmed, not empty, one line of plain
/// text (no control characters, so no escape sequence reaches a terminal
/// that shows the trail), at most [`MAX_REASON_CHARS`] characters.
pub fn parse_reason(s: &str) -> std::result::Result<String, String> {
    let r = s.trim();
    if r.is_empty() || r.chars().any(char::is_control) || r.chars().count() > MAX_REASON_CHARS {
        return Err(messages::bad_reason());
    }
    // The stored codes of automatic locks (`auto:execution:9`) are worded
    // when shown: a staff reason must not pass for one.
    if r.starts_with("auto:") {
        return Err(messages::reserved_reason());
    }
    Ok(r.to_string())
}

/// The longest budget a run may be given (`audit --budget`, `notify send
/// --budget`): 30 days.
pub const MAX_BUDGET: std::time::Duration = std::time::Duration::from_secs(30 * 86_400);

/// A `--budget`: `2h`, `30m`, `90s`, `1h30m`, `1d`
/// ([`crate::clock::parse_duration`]), or plain seconds; more than zero and
/// at most [`MAX_BUDGET`].
pub fn parse_duration(s: &str) -> std::result::Result<std::time::Duration, String> {
    use crate::clock::DurationError;
    use std::time::Duration;
    let s = s.trim();
    let too_long = || messages::duration_too_long(s, MAX_BUDGET.as_secs() / 86_400);
    let d = match s.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => match crate::clock::parse_duration(s) {
            Ok(d) => d,
            Err(DurationError::Overflow) => return Err(too_long()),
            Err(DurationError::Malformed) if s.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(too_long());
            }
            Err(DurationError::Malformed) => return Err(messages::bad_duration(s)),
        },
    };
    if d.is_zero() {
        return Err(messages::zero_duration(s));
    }
    if d > MAX_BUDGET {
        return Err(too_long());
    }
    Ok(d)
}

/// The login name of the real user, from the password database; `LOGNAME`
/// or `USER` when the database has no entry.
fn os_login_name() -> Option<String> {
    // SAFETY: getpwuid_r writes into the buffers we own and reports errors by
    // its return value; the returned pointer is only read while `buf` lives.
    unsafe {
        let uid = libc::getuid();
        let mut pwd: libc::passwd = std::mem::zeroed();
        let mut buf = vec![0 as libc::c_char; 4096];
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        if libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) == 0
            && !result.is_null()
            && !pwd.pw_name.is_null()
        {
            let name = std::ffi::CStr::from_ptr(pwd.pw_name)
                .to_string_lossy()
                .into_owned();
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    ["LOGNAME", "USER"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
}

/// Run the parsed command line; the exit code on success (0, or 1 for "the
/// answer is no").
pub fn run(cli: Cli) -> Result<u8> {
    // Before any secret is read (prompts, stdin, key and password files).
    crate::secret::forbid_core_dumps();
    // Everything about the surroundings is decided here, once: the language
    // (kept by `messages` for every sentence after this), the terminals, and
    // the time.
    let lang = messages::lang();
    let out = Printer::stdout(cli.global.format, cli.global.quiet, Terminal::detect());
    let now = crate::clock::start().map_err(|v| Error::Config {
        what: messages::bad_fixed_clock(crate::clock::NOW_VAR, &v),
    })?;
    let mut ctx = Ctx {
        global: cli.global,
        out,
        lang,
        now,
        config: std::cell::OnceCell::new(),
    };
    let code = match cli.command {
        Command::Init(a) => init::run(&mut ctx, a),
        Command::Policy(c) => policy::run(&mut ctx, c),
        Command::Customer(c) => customer::run(&mut ctx, c),
        Command::Notify(c) => notify::run(&mut ctx, c),
        Command::Password(c) => password::run(&mut ctx, c),
        Command::Lock(c) => lock::run(&mut ctx, c),
        Command::Unlock(a) => lock::unlock(&mut ctx, a),
        Command::Rollout(c) => rollout::run(&mut ctx, c),
        Command::Audit(a) => audit::run(&mut ctx, a),
        Command::Log(a) => log::run(&mut ctx, a),
        Command::Ledger(c) => ledger::run(&mut ctx, c),
        Command::Authcode(c) => authcode::run(&mut ctx, c),
        Command::Request(c) => request::run(&mut ctx, c),
        Command::Report(a) => report::run(&mut ctx, a),
        Command::Completions(a) => generated::run(&mut ctx, a),
    }?;
    ctx.out.flush()?;
    Ok(code)
}

/// Print an error the way every command does: one prefix, then the message.
pub fn report(e: &Error) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}{}", messages::error_prefix(), e);
}

/// The command line as it parses: the clap definitions, with each command's
/// usage line fixed to the one that lists no given argument. Without that,
/// clap's error messages show an option set by its environment variable
/// (`--db <PATH>` from `ACCTSEC_DB`) in the usage line as if it were
/// required.
pub fn command() -> clap::Command {
    fn fixed(mut cmd: clap::Command) -> clap::Command {
        let usage = cmd.render_usage().to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_string();
        let subs: Vec<String> = cmd
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        for name in subs {
            cmd = cmd.mut_subcommand(name, fixed);
        }
        cmd.override_usage(usage)
    }
    let mut cmd = <Cli as clap::CommandFactory>::command();
    cmd.build();
    fixed(cmd)
}

/// Parse the command line (exit 2 with clap's message on a usage error).
/// The command line, parsed by [`command`] (usage lines without options
/// filled from the environment).
fn try_parse() -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    Cli::from_arg_matches(&command().try_get_matches()?)
}

/// From `main`: parse, run, and turn the outcome into an exit code.
pub fn main() -> u8 {
    let cli = match try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e, wants_json(std::env::args_os().skip(1))),
    };
    let json = cli.global.format == Format::Json;
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.is_broken_pipe() => exit::OK,
        Err(e) => {
            if json {
                report_json(&e);
            } else {
                report(&e);
            }
            e.exit_code()
        }
    }
}

/// Whether the raw arguments ask for `--format json` (`--format json` or
/// `--format=json`, before a `--`): clap's own errors come before the
/// arguments are parsed.
fn wants_json(args: impl IntoIterator<Item = std::ffi::OsString>) -> bool {
    let mut json = false;
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        match a.to_str() {
            Some("--") => break,
            Some("--format") => json = args.next().is_some_and(|v| v == "json"),
            Some(a) if a.starts_with("--format=") => json = a == "--format=json",
            _ => {}
        }
    }
    json
}

/// A command line clap refused (exit 2), or `--help`/`--version` (exit 0):
/// with `--format json` an error is the one JSON object on stderr.
fn usage_error(e: &clap::Error, json: bool) -> u8 {
    use clap::error::ErrorKind;
    use std::io::Write;
    let code = u8::try_from(e.exit_code()).unwrap_or(exit::USAGE);
    let is_error = !matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    let ja = crate::messages::usage::clap_error(e);
    if json && is_error {
        let message = ja.unwrap_or_else(|| e.render().to_string());
        let message = message.trim_end().trim_start_matches("error: ");
        let doc = serde_json::json!({ "error": { "exit": code, "message": message } });
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{doc}");
    } else if let Some(text) = ja {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{}{text}", crate::messages::error_prefix());
    } else {
        let _ = e.print();
    }
    code
}

/// With `--format json` a script gets the error as one JSON object on
/// stderr too: `{"error": {"exit": 65, "message": "..."}}`; bad input
/// carries each problem found (`"problems": [{"line", "column",
/// "message"}]`, with `"total"` counting those not listed too).
fn report_json(e: &Error) {
    use std::io::Write;
    let doc = error_json(e);
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{doc}");
}

fn error_json(e: &Error) -> serde_json::Value {
    use serde_json::json;
    let text = e.to_string();
    match e {
        Error::BadInput {
            file,
            problems,
            total,
        } => json!({ "error": {
            "exit": e.exit_code(),
            "message": text.lines().next().unwrap_or_default(),
            "file": file.display().to_string(),
            "total": total,
            "problems": problems.iter().map(|p| json!({
                "line": p.line,
                "column": p.column,
                "message": p.reason,
            })).collect::<Vec<_>>(),
        } }),
        _ => json!({ "error": { "exit": e.exit_code(), "message": text } }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_found_in_raw_arguments() {
        let args = |s: &str| {
            s.split(' ')
                .map(std::ffi::OsString::from)
                .collect::<Vec<_>>()
        };
        assert!(wants_json(args("lock add --format json 1000100")));
        assert!(wants_json(args("--format=json lock bogus")));
        assert!(!wants_json(args("lock --format=csv")));
        assert!(!wants_json(args("--format json --format table")));
        assert!(!wants_json(args("notify emit -- --format json")));
        assert!(!wants_json(args("--format")));
    }

    #[test]
    fn bad_input_lists_each_problem() {
        let e = Error::BadInput {
            file: "in.csv".into(),
            problems: vec![crate::error::InputProblem {
                line: 2,
                column: Some("email_pc".into()),
                reason: "full-width ＠".into(),
            }],
            total: 3,
        };
        let doc = error_json(&e);
        assert_eq!(doc["error"]["exit"], 65);
        assert_eq!(doc["error"]["total"], 3);
        assert_eq!(
            doc["error"]["problems"][0],
            serde_json::json!({"line": 2, "column": "email_pc", "message": "full-width ＠"})
        );
        assert!(!doc["error"]["message"].as_str().unwrap().contains('\n'));
    }
}
