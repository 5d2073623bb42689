//! The one error type of acctsec. Every variant knows its exit code (CLI.md);
//! the words live in `messages`, so a catalog change never touches a command.
//!
//! Direction: `error` imports `messages`, never the other way. An [`Error`]
//! holds data (paths, codes, counts, the underlying error); its `Display`
//! hands those fields to one function per variant in `messages::errors`,
//! which knows nothing of this type. (`Usage`, `InUse`, `Unavailable` and `Config` carry a
//! sentence already worded by `messages` where they were raised: the face
//! may raise them; below it, in `ops`, `issuance` and `ledger`, an error is
//! one of the typed variants.)

use std::path::PathBuf;

use crate::messages::errors as text;

/// Exit codes fixed by CLI.md.
pub mod exit {
    pub const OK: u8 = 0;
    pub const NO: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const LOCKED: u8 = 3;
    pub const NO_CUSTOMER: u8 = 4;
    /// Recorded as a request awaiting a second person's approval.
    pub const PENDING: u8 = 5;
    /// `authcode issue`: no code is required for this customer and purpose.
    pub const NOT_REQUIRED: u8 = 6;
    pub const DATA: u8 = 65;
    pub const CANT_CREATE: u8 = 73;
    pub const IO: u8 = 74;
    pub const BUSY: u8 = 75;
    pub const CONFIG: u8 = 78;
}

/// Why an approved request no longer applies: the ledger changed since it
/// was made (see `ops::gate`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    /// The policy changed since the request.
    Policy,
    /// The customer's lock is not the one the request named.
    Lock(String),
    /// The customer's password changed since the request.
    Credential(String),
    /// The customer's address changed since the request.
    Address(String),
    /// The file changed (its digest), or is gone.
    File(String),
    /// The file's gated changes are not those the request listed.
    FileChanges(String),
    /// The notices acknowledged are no longer pending in that export.
    Notices,
    /// Made before requests were bound to the ledger's state, or altered.
    Unbound,
}

impl Staleness {
    /// The stable code stored in the trail.
    pub fn code(&self) -> &'static str {
        match self {
            Staleness::Policy => "policy_changed",
            Staleness::Lock(_) => "lock_changed",
            Staleness::Credential(_) => "credential_changed",
            Staleness::Address(_) => "address_changed",
            Staleness::File(_) => "file_changed",
            Staleness::FileChanges(_) => "file_changes_differ",
            Staleness::Notices => "notices_changed",
            Staleness::Unbound => "unbound",
        }
    }

    /// The customer or file it concerns.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Staleness::Lock(s)
            | Staleness::Credential(s)
            | Staleness::Address(s)
            | Staleness::File(s)
            | Staleness::FileChanges(s) => Some(s),
            Staleness::Policy | Staleness::Notices | Staleness::Unbound => None,
        }
    }
}

/// One problem in an input file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// 1-based physical line of the file where the record starts.
    pub line: u64,
    /// The column name (or `None` for a whole-row problem).
    pub column: Option<String>,
    /// What is wrong, already rendered by the message catalog.
    pub reason: String,
}

impl InputProblem {
    /// (line, column, reason), as `messages::errors::bad_input` takes them.
    fn parts(&self) -> (u64, Option<&str>, &str) {
        (self.line, self.column.as_deref(), &self.reason)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags or arguments that clap could not catch.
    #[error("{0}")]
    Usage(String),
    /// A confirmation is needed and there is no terminal to ask on.
    #[error("{}", text::needs_confirmation(.what))]
    NeedsConfirmation { what: String },
    /// The account is locked.
    #[error("{}", text::locked(.customer))]
    Locked { customer: String },
    /// No such customer.
    #[error("{}", text::no_customer(.code))]
    NoCustomer { code: String },
    /// Bad input data; nothing was written.
    #[error("{}", text::bad_input(.file, .problems.iter().map(InputProblem::parts), *.total))]
    BadInput {
        file: PathBuf,
        problems: Vec<InputProblem>,
        total: usize,
    },
    /// A secret on stdin that cannot be a password (too long, not UTF-8).
    #[error("{0}")]
    BadSecret(String),
    /// The customer's data cannot serve the request (an auth code they
    /// require, with no address to send it to); nothing was written.
    #[error("{what}")]
    Unreachable { what: String },
    /// An output file exists already (never overwritten).
    #[error("{}", text::output_exists(.path))]
    OutputExists { path: PathBuf },
    /// `ledger copy --to`: a ledger or other data is there already (a file
    /// that exists, or a PostgreSQL database that is not empty); never
    /// overwritten.
    #[error("{}", text::copy_destination_taken(.path, *.database))]
    CopyDestinationTaken {
        path: PathBuf,
        /// The destination is a database URL, not a file.
        database: bool,
    },
    /// The directory an output file goes into does not exist (or is no
    /// directory).
    #[error("{}", text::missing_dir(.path, .dir))]
    MissingDir { path: PathBuf, dir: PathBuf },
    /// An output file cannot be created.
    #[error("{}", text::cant_create(.path, .source))]
    CantCreate {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Reading or writing a file failed.
    #[error("{}", text::io(.path, .source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The database said no.
    #[error("{}", text::db(.path, .source))]
    Db {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A ledger transaction changed rows without writing an audit entry: a
    /// bug in acctsec, refused and rolled back.
    #[error("{}", crate::messages::unaudited_change())]
    Unaudited,
    /// The ledger file is damaged.
    #[error("{}", text::corrupt(.path, .detail))]
    Corrupt { path: PathBuf, detail: String },
    /// Another process holds the write lock past the busy timeout.
    #[error("{}", text::busy(.path, *.waited_ms))]
    Busy { path: PathBuf, waited_ms: u64 },
    /// Another process is doing the same work; safe to retry (exit 75).
    #[error("{what}")]
    InUse { what: String },
    /// A server acctsec talks to (the mail relay) cannot be reached now;
    /// nothing was changed for it: safe to retry (exit 75).
    #[error("{what}")]
    Unavailable { what: String },
    /// No ledger at the path.
    #[error("{}", text::no_ledger(.path))]
    NoLedger { path: PathBuf },
    /// The file exists but is not an acctsec ledger.
    #[error("{}", text::not_a_ledger(.path))]
    NotALedger { path: PathBuf },
    /// A newer acctsec wrote this ledger.
    #[error("{}", text::newer_ledger(.path, *.found, *.supported))]
    NewerLedger {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Invalid configuration (policy, environment).
    #[error("{what}")]
    Config { what: String },
    /// The answer is no (exit 1): a request that cannot be approved (one's
    /// own, decided already, expired). `what` says why and what next.
    #[error("{what}")]
    Refused { what: String },
    /// No request with this id.
    #[error("{}", crate::messages::request::no_such(*.id))]
    NoRequest { id: i64 },
    /// No known environment `id` of customer `code` (`customer
    /// forget-environments`): exit 2, as for an unknown request.
    #[error("{}", crate::messages::customer::no_environment(.code, *.id))]
    NoEnvironment { code: String, id: i64 },
    /// `ledger grant` on a ledger with no server (SQLite: who may write is
    /// the file's permissions): exit 2.
    #[error("{}", crate::messages::grant_needs_server())]
    GrantNeedsServer,
    /// `ledger grant` to a role the server does not have: exit 2.
    #[error("{}", crate::messages::no_role(.role))]
    NoRole { role: String },
    /// `ledger grant` by a login that is not the ledger's owner (its grants
    /// would be warnings, not rights): exit 78.
    #[error("{}", crate::messages::grant_not_owner(.user, .owner))]
    NotOwner { user: String, owner: String },
    /// A host's `[smtp]` names a relay the policy's `[mail] relays` do not
    /// list: nothing connected to, sent or issued (exit 78).
    #[error("{}", crate::messages::notify::relay_not_allowed(.relay, .allowed))]
    RelayNotAllowed { relay: String, allowed: Vec<String> },
    /// A request that is not pending any more (approved, rejected,
    /// expired): nothing was done (exit 1).
    #[error("{}", crate::messages::request::not_pending(*.id, .state))]
    NotPending { id: i64, state: String },
    /// Approving one's own request (the same identity or operator): exit 1.
    #[error("{}", crate::messages::request::own(*.id, .who))]
    OwnRequest { id: i64, who: String },
    /// A request row that does not match its `request.create` entry in the
    /// trail (edited outside acctsec): refused and closed (exit 1).
    #[error("{}", crate::messages::request::tampered(*.id, .field))]
    Tampered { id: i64, field: &'static str },
    /// The ledger is no longer in the state the request was made against
    /// (exit 1): it is closed as stale; a new request is needed.
    #[error("{}", crate::messages::request::stale(.what.code(), .what.subject()))]
    Stale { what: Staleness },
    /// Stopped by a signal between two committed steps; `what` says how to
    /// resume. Exit 128 + the signal's number (130 SIGINT, 143 SIGTERM).
    #[error("{what}")]
    Interrupted { exit: u8, what: String },
    /// A ledger URL that cannot be understood (exit 2); `why` names the part.
    #[error("{}", crate::messages::db_url_invalid(.why))]
    DbUrlInvalid { why: String },
    /// A ledger URL that carries a password (exit 2).
    #[error("{}", crate::messages::db_url_password())]
    DbUrlPassword,
    /// The ledger server cannot be reached or dropped the connection
    /// (exit 75: safe to retry).
    #[error("{}", crate::messages::db_unreachable(.server, .detail))]
    DbUnreachable { server: String, detail: String },
    /// The ledger server refused the user (exit 78); `plain`: on a
    /// connection `sslmode=disable` left unencrypted.
    #[error("{}", if *.plain {
        crate::messages::db_auth_failed_plain(.server, .user, .detail)
    } else {
        crate::messages::db_auth_failed(.server, .user, .detail)
    })]
    DbAuthFailed {
        server: String,
        user: String,
        detail: String,
        plain: bool,
    },
    /// The ledger server denied this database user something the command
    /// needs (SQLSTATE 42501, exit 78): a role without the staff grants.
    #[error("{}", crate::messages::db_denied(.server, .user, .detail))]
    DbDenied {
        server: String,
        user: String,
        detail: String,
    },
    /// The ledger server's certificate was refused (exit 78).
    #[error("{}", crate::messages::db_tls_refused(.server, .detail))]
    DbTlsRefused { server: String, detail: String },
    /// The URL's sslmode requires TLS and the ledger server offers none
    /// (exit 78).
    #[error("{}", crate::messages::db_no_tls(.server))]
    DbNoTls { server: String },
    /// A TLS setting of the ledger URL that cannot be used (exit 78).
    #[error("{}", crate::messages::db_tls_unusable(.detail))]
    DbTlsUnusable { detail: String },
    /// The ledger's place, or a file beside it, is unsafe (exit 78).
    #[error("{}", crate::messages::unsafe_ledger(.ledger, .why))]
    UnsafeLedger {
        ledger: PathBuf,
        why: crate::ledger::files::Unsafe,
    },
    /// Another `password issue` runs on this ledger or into this directory
    /// (exit 75).
    #[error("{}", crate::messages::issue_in_progress())]
    IssueInProgress,
    /// The policy in force cannot generate initial passwords (exit 78).
    #[error("{}", crate::messages::generator_unusable(.error))]
    GeneratorUnusable { error: crate::policy::PolicyError },
    /// No generated password for `code` kept the rules in `tries` draws
    /// (exit 78); `rule`: the one broken most often.
    #[error("{}", crate::messages::generator_exhausted(.code, *.tries, *.rule))]
    GeneratorExhausted {
        code: String,
        tries: u32,
        rule: Option<crate::policy::Rule>,
    },
    /// A policy that does not validate (exit 78); `file` names where it came
    /// from.
    #[error("{}", crate::messages::policy_invalid(.file, .error))]
    PolicyInvalid {
        file: PathBuf,
        error: crate::policy::PolicyError,
    },
    /// `unlock` without anyone to unlock (exit 2).
    #[error("{}", crate::messages::unlock_needs_codes())]
    UnlockNeedsCodes,
    /// `unlock --reissue` carried out without `--out` (exit 2).
    #[error("{}", crate::messages::request::reissue_needs_out())]
    ReissueNeedsOut,
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_)
            | Error::NeedsConfirmation { .. }
            | Error::DbUrlInvalid { .. }
            | Error::DbUrlPassword
            | Error::UnlockNeedsCodes
            | Error::ReissueNeedsOut => exit::USAGE,
            Error::Locked { .. } => exit::LOCKED,
            Error::NoCustomer { .. } => exit::NO_CUSTOMER,
            Error::BadInput { .. } | Error::BadSecret(_) | Error::Unreachable { .. } => exit::DATA,
            Error::OutputExists { .. } | Error::CopyDestinationTaken { .. } => exit::CANT_CREATE,
            Error::MissingDir { .. }
            | Error::CantCreate { .. }
            | Error::Io { .. }
            | Error::Db { .. }
            | Error::Corrupt { .. }
            | Error::Unaudited => exit::IO,
            Error::Busy { .. }
            | Error::InUse { .. }
            | Error::Unavailable { .. }
            | Error::DbUnreachable { .. }
            | Error::IssueInProgress => exit::BUSY,
            Error::NoLedger { .. }
            | Error::NotALedger { .. }
            | Error::NewerLedger { .. }
            | Error::Config { .. }
            | Error::DbAuthFailed { .. }
            | Error::DbDenied { .. }
            | Error::DbTlsRefused { .. }
            | Error::DbNoTls { .. }
            | Error::DbTlsUnusable { .. }
            | Error::UnsafeLedger { .. }
            | Error::GeneratorUnusable { .. }
            | Error::GeneratorExhausted { .. }
            | Error::PolicyInvalid { .. }
            | Error::NotOwner { .. }
            | Error::RelayNotAllowed { .. } => exit::CONFIG,
            Error::Interrupted { exit, .. } => *exit,
            Error::Refused { .. }
            | Error::NotPending { .. }
            | Error::OwnRequest { .. }
            | Error::Tampered { .. }
            | Error::Stale { .. } => exit::NO,
            Error::NoRequest { .. }
            | Error::NoEnvironment { .. }
            | Error::GrantNeedsServer
            | Error::NoRole { .. } => exit::USAGE,
        }
    }

    /// Writing to a closed pipe (`acctsec log | head`) is how a reader says
    /// "enough": not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Output to stdout failed.
    pub fn stdout(source: std::io::Error) -> Self {
        Error::io("<stdout>", source)
    }
}

/// A hashing or generation failure is a configuration problem (exit 78):
/// unusable Argon2 parameters, an unusable alphabet, no OS randomness.
impl From<crate::secret::SecretError> for Error {
    fn from(e: crate::secret::SecretError) -> Error {
        Error::Config {
            what: crate::messages::secret::describe(&e, crate::messages::is_ja()),
        }
    }
}

/// A configuration problem is exit 78, except a file that cannot be read (74).
impl From<crate::config::ConfigError> for Error {
    fn from(e: crate::config::ConfigError) -> Error {
        match e {
            crate::config::ConfigError::Read { path, source } => Error::Io { path, source },
            e => Error::Config {
                what: crate::messages::trail::describe_config(&e),
            },
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The variant's name; the match is exhaustive, so a new variant does not
    /// compile until it is named here (and then `one_of_each` misses it).
    fn variant(e: &Error) -> &'static str {
        match e {
            Error::Usage(_) => "Usage",
            Error::NeedsConfirmation { .. } => "NeedsConfirmation",
            Error::Locked { .. } => "Locked",
            Error::NoCustomer { .. } => "NoCustomer",
            Error::BadInput { .. } => "BadInput",
            Error::BadSecret(_) => "BadSecret",
            Error::Unreachable { .. } => "Unreachable",
            Error::OutputExists { .. } => "OutputExists",
            Error::CopyDestinationTaken { .. } => "CopyDestinationTaken",
            Error::MissingDir { .. } => "MissingDir",
            Error::CantCreate { .. } => "CantCreate",
            Error::Io { .. } => "Io",
            Error::Db { .. } => "Db",
            Error::Unaudited => "Unaudited",
            Error::Corrupt { .. } => "Corrupt",
            Error::Busy { .. } => "Busy",
            Error::InUse { .. } => "InUse",
            Error::Unavailable { .. } => "Unavailable",
            Error::NoLedger { .. } => "NoLedger",
            Error::NotALedger { .. } => "NotALedger",
            Error::NewerLedger { .. } => "NewerLedger",
            Error::Config { .. } => "Config",
            Error::Interrupted { .. } => "Interrupted",
            Error::Refused { .. } => "Refused",
            Error::NoRequest { .. } => "NoRequest",
            Error::NoEnvironment { .. } => "NoEnvironment",
            Error::GrantNeedsServer => "GrantNeedsServer",
            Error::NoRole { .. } => "NoRole",
            Error::NotOwner { .. } => "NotOwner",
            Error::RelayNotAllowed { .. } => "RelayNotAllowed",
            Error::NotPending { .. } => "NotPending",
            Error::OwnRequest { .. } => "OwnRequest",
            Error::Stale { .. } => "Stale",
            Error::Tampered { .. } => "Tampered",
            Error::DbUrlInvalid { .. } => "DbUrlInvalid",
            Error::DbUrlPassword => "DbUrlPassword",
            Error::DbUnreachable { .. } => "DbUnreachable",
            Error::DbAuthFailed { .. } => "DbAuthFailed",
            Error::DbDenied { .. } => "DbDenied",
            Error::DbTlsRefused { .. } => "DbTlsRefused",
            Error::DbTlsUnusable { .. } => "DbTlsUnusable",
            Error::DbNoTls { .. } => "DbNoTls",
            Error::UnsafeLedger { .. } => "UnsafeLedger",
            Error::IssueInProgress => "IssueInProgress",
            Error::GeneratorUnusable { .. } => "GeneratorUnusable",
            Error::GeneratorExhausted { .. } => "GeneratorExhausted",
            Error::PolicyInvalid { .. } => "PolicyInvalid",
            Error::UnlockNeedsCodes => "UnlockNeedsCodes",
            Error::ReissueNeedsOut => "ReissueNeedsOut",
        }
    }

    const VARIANTS: usize = 49;

    /// One error of each variant, its exit code (CLI.md), and what its text
    /// must show in either language (the data, and the way out).
    fn one_of_each() -> Vec<(Error, u8, Vec<&'static str>)> {
        let db = PathBuf::from("/x/ledger.db");
        vec![
            (
                Error::Usage("--limit must be a number".into()),
                exit::USAGE,
                vec!["--limit must be a number"],
            ),
            (
                Error::NeedsConfirmation {
                    what: "unlock 3 account(s)".into(),
                },
                exit::USAGE,
                vec!["unlock 3 account(s)", "--yes"],
            ),
            (
                Error::Locked {
                    customer: "10\u{1b}[2J00100".into(),
                },
                exit::LOCKED,
                vec!["1000100", "`acctsec unlock 1000100 --reason "],
            ),
            (
                Error::BadSecret("the password on stdin is longer than 1024 bytes".into()),
                exit::DATA,
                vec!["1024"],
            ),
            (
                Error::Unreachable {
                    what: "customer 1000100 has no registered address".into(),
                },
                exit::DATA,
                vec!["1000100"],
            ),
            (
                Error::NoCustomer {
                    code: "9999999".into(),
                },
                exit::NO_CUSTOMER,
                vec!["9999999", "`acctsec customer import FILE.csv`"],
            ),
            (
                Error::BadInput {
                    file: "in.csv".into(),
                    problems: vec![
                        InputProblem {
                            line: 2,
                            column: Some("email_pc".into()),
                            reason: "full-width ＠".into(),
                        },
                        InputProblem {
                            line: 7,
                            column: None,
                            reason: "duplicate code".into(),
                        },
                    ],
                    total: 5,
                },
                exit::DATA,
                vec![
                    "in.csv: ",
                    "5",
                    "  in.csv:2: ",
                    "email_pc: full-width ＠",
                    "  in.csv:7: duplicate code",
                    "  ... ",
                    " 3 ",
                ],
            ),
            (
                Error::OutputExists {
                    path: "/x/out.csv".into(),
                },
                exit::CANT_CREATE,
                vec!["/x/out.csv", "--out"],
            ),
            (
                Error::CopyDestinationTaken {
                    path: "postgres://db.example/acctsec".into(),
                    database: true,
                },
                exit::CANT_CREATE,
                vec!["postgres://db.example/acctsec", "--to"],
            ),
            (
                Error::MissingDir {
                    path: "/x/y/out.csv".into(),
                    dir: "/x/y".into(),
                },
                exit::IO,
                vec!["/x/y/out.csv", "/x/y ", "mkdir"],
            ),
            (
                Error::CantCreate {
                    path: "/x/out.csv".into(),
                    source: std::io::Error::other("disk on fire"),
                },
                exit::IO,
                vec!["/x/out.csv", "disk on fire"],
            ),
            (
                Error::io("/x/in.csv", std::io::Error::other("disk on fire")),
                exit::IO,
                vec!["/x/in.csv", "disk on fire"],
            ),
            (
                Error::Db {
                    path: db.clone(),
                    source: Box::new(rusqlite::Error::InvalidColumnName("no_such_column".into())),
                },
                exit::IO,
                vec!["/x/ledger.db", "no_such_column"],
            ),
            (Error::Unaudited, exit::IO, vec!["audit"]),
            (
                Error::Corrupt {
                    path: db.clone(),
                    detail: "page 7 unreadable".into(),
                },
                exit::IO,
                vec!["/x/ledger.db", "page 7 unreadable"],
            ),
            (
                Error::Busy {
                    path: db.clone(),
                    waited_ms: 5000,
                },
                exit::BUSY,
                vec!["/x/ledger.db", "5000"],
            ),
            (
                Error::InUse {
                    what: "another issue is running".into(),
                },
                exit::BUSY,
                vec!["another issue is running"],
            ),
            (
                Error::Unavailable {
                    what: "the mail relay relay.example:587 cannot be reached".into(),
                },
                exit::BUSY,
                vec!["relay.example:587"],
            ),
            (
                Error::NoLedger { path: db.clone() },
                exit::CONFIG,
                vec!["`acctsec init --db /x/ledger.db`", "ACCTSEC_DB"],
            ),
            (
                Error::NotALedger { path: db.clone() },
                exit::CONFIG,
                vec!["/x/ledger.db", "ACCTSEC_DB"],
            ),
            (
                Error::NewerLedger {
                    path: db,
                    found: 41,
                    supported: 7,
                },
                exit::CONFIG,
                vec!["/x/ledger.db", "41", "7"],
            ),
            (
                Error::Config {
                    what: "bad policy".into(),
                },
                exit::CONFIG,
                vec!["bad policy"],
            ),
            (
                Error::Interrupted {
                    exit: 130,
                    what: "interrupted by SIGINT; run the same command again".into(),
                },
                130,
                vec!["SIGINT", "run the same command again"],
            ),
            (
                Error::Refused {
                    what: "request 7 is your own; another person must approve it".into(),
                },
                exit::NO,
                vec!["request 7", "another person"],
            ),
            (
                Error::NoRequest { id: 9 },
                exit::USAGE,
                vec!["9", "request list"],
            ),
            (
                Error::NoEnvironment {
                    code: "1000100".into(),
                    id: 4,
                },
                exit::USAGE,
                vec!["4", "1000100", "customer environments"],
            ),
            (
                Error::GrantNeedsServer,
                exit::USAGE,
                vec!["PostgreSQL", "permissions"],
            ),
            (
                Error::NoRole {
                    role: "acctsec_staff".into(),
                },
                exit::USAGE,
                vec!["acctsec_staff", "CREATE ROLE acctsec_staff"],
            ),
            (
                Error::NotOwner {
                    user: "bob".into(),
                    owner: "acctsec_owner".into(),
                },
                exit::CONFIG,
                vec!["bob", "acctsec_owner"],
            ),
            (
                Error::RelayNotAllowed {
                    relay: "127.0.0.1:2525".into(),
                    allowed: vec!["relay.example.co.jp:587".into()],
                },
                exit::CONFIG,
                vec!["127.0.0.1:2525", "relay.example.co.jp:587", "[mail] relays"],
            ),
            (
                Error::Tampered {
                    id: 12,
                    field: "requested_by",
                },
                exit::NO,
                vec!["12", "requested_by", "log verify"],
            ),
            (
                Error::NotPending {
                    id: 8,
                    state: "expired".into(),
                },
                exit::NO,
                vec!["8", "expired"],
            ),
            (
                Error::OwnRequest {
                    id: 6,
                    who: "al\u{1b}[2Jice".into(),
                },
                exit::NO,
                vec!["6", "alice"],
            ),
            (
                Error::Stale {
                    what: Staleness::Lock("1000100".into()),
                },
                exit::NO,
                vec!["stale: request again", "1000100"],
            ),
            (
                Error::DbUrlInvalid {
                    why: "unknown parameter \"colour\"".into(),
                },
                exit::USAGE,
                vec!["colour", "postgres://USER@HOST:PORT/DBNAME"],
            ),
            (Error::DbUrlPassword, exit::USAGE, vec!["PGPASSWORD"]),
            (
                Error::DbUnreachable {
                    server: "db.example:5432".into(),
                    detail: "connection refused".into(),
                },
                exit::BUSY,
                vec!["db.example:5432", "connection refused"],
            ),
            (
                Error::DbAuthFailed {
                    server: "db.example:5432".into(),
                    user: "acctsec".into(),
                    detail: "password authentication failed".into(),
                    plain: true,
                },
                exit::CONFIG,
                vec!["db.example:5432", "acctsec", "sslmode=require"],
            ),
            (
                Error::DbDenied {
                    server: "db.example:5432".into(),
                    user: "bob".into(),
                    detail: "permission denied for table customer".into(),
                },
                exit::CONFIG,
                vec!["bob", "customer", "GRANT acctsec_staff TO bob"],
            ),
            (
                Error::DbTlsRefused {
                    server: "db.example:5432".into(),
                    detail: "UnknownIssuer".into(),
                },
                exit::CONFIG,
                vec!["db.example:5432", "UnknownIssuer", "sslrootcert"],
            ),
            (
                Error::DbNoTls {
                    server: "db.example:5432".into(),
                },
                exit::CONFIG,
                vec!["db.example:5432", "offers no TLS", "sslmode"],
            ),
            (
                Error::DbTlsUnusable {
                    detail: "no root certificates in /x/root.crt".into(),
                },
                exit::CONFIG,
                vec!["/x/root.crt"],
            ),
            (
                Error::UnsafeLedger {
                    ledger: "/x/ledger.db".into(),
                    why: crate::ledger::files::Unsafe::WorldWritableDir { dir: "/x".into() },
                },
                exit::CONFIG,
                vec!["/x/ledger.db", "o-w /x"],
            ),
            (Error::IssueInProgress, exit::BUSY, vec!["password issue"]),
            (
                Error::GeneratorUnusable {
                    error: crate::policy::PolicyError::OutOfRange {
                        field: "generator.length".into(),
                        value: 0,
                        min: 8,
                        max: 64,
                    },
                },
                exit::CONFIG,
                vec!["generator.length", "policy set"],
            ),
            (
                Error::GeneratorExhausted {
                    code: "10\u{1b}[2J00100".into(),
                    tries: 64,
                    rule: None,
                },
                exit::CONFIG,
                vec!["1000100", "64", "policy set"],
            ),
            (
                Error::PolicyInvalid {
                    file: "/x/policy.toml".into(),
                    error: crate::policy::PolicyError::MinAboveMax {
                        field: "login.min_len".into(),
                        min: 20,
                        max: 16,
                    },
                },
                exit::CONFIG,
                vec!["/x/policy.toml", "login.min_len"],
            ),
            (Error::UnlockNeedsCodes, exit::USAGE, vec!["--codes FILE"]),
            (Error::ReissueNeedsOut, exit::USAGE, vec!["--out FILE"]),
        ]
    }

    #[test]
    fn every_error_has_text() {
        let all = one_of_each();
        let mut seen = std::collections::BTreeSet::new();
        let mut texts = std::collections::BTreeSet::new();
        for (e, code, needles) in &all {
            let name = variant(e);
            assert!(seen.insert(name), "{name} twice");
            assert_eq!(e.exit_code(), *code, "{name}");
            let text = e.to_string();
            for n in needles {
                assert!(text.contains(n), "{name}: {n:?} not in {text:?}");
            }
            assert!(!text.contains('\u{1b}'), "{name}: unsanitized {text:?}");
            assert!(texts.insert(text), "{name}: same text as another variant");
        }
        assert_eq!(seen.len(), VARIANTS, "one_of_each misses a variant");
    }
}
