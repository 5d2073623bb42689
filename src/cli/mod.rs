//! The command line: clap definitions (one module per command group), the
//! shared context, and the dispatch. No SQL and no policy logic here.

mod audit;
mod customer;
mod generated;
mod init;
mod lock;
mod log;
mod notify;
mod password;
mod policy;
mod progress;
mod prompt;
mod report;
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
/// credentials, and manages email notices, all in one local SQLite ledger
/// with a tamper-evident audit trail.
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

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The SQLite ledger [default: $XDG_DATA_HOME/acctsec/ledger.db]
    #[arg(
        long,
        env = "ACCTSEC_DB",
        hide_env_values = true,
        global = true,
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,
    /// Per-host settings (keys of the trail's seals) [default: $XDG_CONFIG_HOME/acctsec/config.toml, then /etc/acctsec/config.toml]
    #[arg(
        long,
        env = "ACCTSEC_CONFIG",
        hide_env_values = true,
        global = true,
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
    /// Who is acting; written to the audit trail [default: the OS login name]
    #[arg(
        long,
        env = "ACCTSEC_OPERATOR",
        hide_env_values = true,
        global = true,
        value_name = "NAME"
    )]
    pub operator: Option<String>,
    /// Output form of listings and results (json: one JSON document on stdout)
    #[arg(long, value_enum, default_value_t = Format::Table, global = true)]
    pub format: Format,
    /// Answer yes to confirmations (needed without a terminal)
    #[arg(short, long, global = true)]
    pub yes: bool,
    /// Print nothing on success except requested data
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// How long to wait for another writer before giving up with exit 75 (at most 86400000: a day)
    #[arg(
        long,
        env = "ACCTSEC_BUSY_TIMEOUT",
        hide_env_values = true,
        global = true,
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
    /// Locked accounts: list, lock
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
}

impl Ctx {
    pub fn format(&self) -> Format {
        self.global.format
    }

    pub fn is_ja(&self) -> bool {
        self.lang == Lang::Ja
    }

    /// Where the ledger is and who is acting.
    pub fn target(&self) -> Result<Target> {
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
    /// exist), else the first default place that exists, else empty.
    pub fn config(&self) -> Result<Config> {
        Ok(Config::load(self.global.config.as_deref())?)
    }

    /// Open the existing ledger (exit 78 when there is none).
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
    Ok(r.to_string())
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

/// From `main`: parse, run, and turn the outcome into an exit code.
pub fn main() -> u8 {
    let cli = Cli::parse();
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

/// With `--format json` a script gets the error as one JSON object on
/// stderr too: `{"error": {"exit": 65, "message": "..."}}`.
fn report_json(e: &Error) {
    use std::io::Write;
    let doc = serde_json::json!({ "error": { "exit": e.exit_code(), "message": e.to_string() } });
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{doc}");
}
